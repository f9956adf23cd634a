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
