//! Readers: documents in, one [`Model`] out. Only this module looks at XML.
//!
//! Each source is recognised by content ([`detect`]), read by its reader into
//! per-sample drafts and types, and the drafts of all sources are merged into
//! services ([`merge`]).

mod asmx;
mod detect;
mod dump;
mod envelope;
mod infer;
mod locate;
mod mapped;
mod merge;
mod naming;
mod page;
mod page_text;
mod servicestack;
mod types;
mod values;
pub mod wsdl;
pub(crate) mod xml;

#[cfg(test)]
mod tests;

pub use detect::{Kind, detect};
pub use dump::dump;

use crate::ir::Model;
use crate::{Error, Source};

/// Reads every source (recognised by content) into one merged model.
pub fn read_sources(sources: &[Source]) -> Result<Model, Error> {
    let mut types = types::Types::default();
    let mut drafts = Vec::new();
    for source in sources {
        let read = match detect(source)? {
            Kind::AsmxPage => asmx::read(source, &mut types)?,
            Kind::ServiceStackPage => servicestack::read(source, &mut types)?,
            Kind::Envelope => envelope::read_raw(source, &mut types)?,
            Kind::Wsdl { root } => {
                return Err(source.error(root, "WSDL input is not supported yet"));
            }
        };
        drafts.extend(read);
    }
    let mut model = types.model;
    merge::merge(drafts, &mut model);
    if model.services.is_empty() {
        return Err(Error::Nothing("no operations found in the inputs".into()));
    }
    Ok(model)
}

/// Infers the type of one sample element written out in full (`<x xmlns="…">content</x>`),
/// as a help page's placeholders would be read, adding its types to `model`.
pub fn infer_element(model: Model, source: &Source) -> Result<(Model, crate::ir::TypeRef), Error> {
    let mapped = mapped::Mapped::verbatim(&source.text, 0);
    let doc = xml::Document::parse(source, &mapped)?;
    let loc = locate::Locator::new(source);
    let mut types = types::Types::from_model(model);
    let declared = infer::Declarations::new();
    let mut infer = infer::Infer {
        doc: &doc,
        loc: &loc,
        flavour: infer::Flavour::Placeholders,
        declared: &declared,
        types: &mut types,
    };
    let message = infer.message(doc.root());
    Ok((types.model, message.ty))
}
