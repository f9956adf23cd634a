//! Readers: documents in, one [`Model`] out. Only this module looks at XML.
//!
//! Each source is recognised by content (`detect`), read by its reader into
//! per-sample drafts and types, and the drafts of all sources are merged into
//! services (`merge`).
//!
//! Unstable: public only for the repository's own tools (the CLI, tests, fuzz targets),
//! hidden from the crate's docs; not part of soapgen's API.

mod asmx;
mod concrete;
mod detect;
mod documented;
mod dump;
mod envelope;
mod form;
mod html;
mod infer;
mod locate;
mod mapped;
mod merge;
mod naming;
mod page;
mod page_text;
mod servicestack;
mod types;
mod unify;
mod values;
pub mod wsdl;
pub(crate) mod xml;

#[cfg(test)]
mod tests;

pub use detect::{Kind, detect};
pub use dump::dump;

use crate::ir::Model;
use crate::{Error, Source};

/// Reads every source (recognised by content) into one merged model; imports and
/// includes are local files only (see [`wsdl::FsLoader`]).
pub fn read_sources(sources: &[Source]) -> Result<Model, Error> {
    Ok(read_with(sources, &wsdl::FsLoader::new())?.model)
}

/// What [`read_with`] read.
#[derive(Debug)]
pub struct Read {
    /// The merged model.
    pub model: Model,
    /// Every file read: the inputs, then what WSDLs and schemas import or include.
    pub files: Vec<String>,
}

/// Reads every source, finding what WSDLs and schemas import through `loader`.
///
/// Service descriptions (WSDL, XSD) are read first and sample-based inputs after; where
/// both describe one service, the description wins and the samples add their docs
/// (`merge::fold_samples`).
pub fn read_with(sources: &[Source], loader: &dyn wsdl::Loader) -> Result<Read, Error> {
    read_with_strictness(sources, loader, false)
}

/// [`read_with`]; with `strict` (`--strict`), a WSDL with a broken reference is refused
/// instead of repaired with a warning.
pub fn read_with_strictness(
    sources: &[Source],
    loader: &dyn wsdl::Loader,
    strict: bool,
) -> Result<Read, Error> {
    let mut model = Model::default();
    let mut files: Vec<String> = sources.iter().map(|s| s.name.to_string()).collect();
    let mut samples = Vec::new();
    let mut pages = Vec::new();
    let mut hints = Vec::new();
    for source in sources {
        let (source, kind) = match detect(source)? {
            Kind::Html => match html::read(source)? {
                html::Page::Text(text, kind) => {
                    pages.push((text, kind));
                    continue;
                }
                html::Page::Index(hint) => {
                    hints.push(hint);
                    continue;
                }
            },
            kind => (source, kind),
        };
        match kind {
            Kind::Wsdl { .. } | Kind::Xsd { .. } => {
                for file in wsdl::read_wsdl(source, loader, strict, &mut model)? {
                    if !files.contains(&file) {
                        files.push(file);
                    }
                }
            }
            kind => samples.push((kind, source)),
        }
    }
    // Text extracted from HTML pages: the same readers, positions in the pages.
    for (source, kind) in &pages {
        match kind {
            Kind::Wsdl { .. } | Kind::Xsd { .. } => {
                wsdl::read_wsdl(source, loader, strict, &mut model)?;
            }
            kind => samples.push((*kind, source)),
        }
    }
    let described = std::mem::take(&mut model.services);
    let mut types = types::Types::from_model(model);
    let mut drafts = Vec::new();
    let mut documented = Vec::new();
    for (kind, source) in samples {
        let read = match kind {
            Kind::AsmxPage => asmx::read(source, &mut types)?,
            Kind::ServiceStackPage => servicestack::read(source, &mut types)?,
            Kind::Envelope => envelope::read_raw(source, &mut types)?,
            Kind::Documented => {
                documented.push(source.name.clone());
                documented::read(source, &mut types)?
            }
            Kind::Wsdl { .. } | Kind::Xsd { .. } | Kind::Html => unreachable!("read above"),
        };
        drafts.extend(read);
    }
    let mut model = types.model;
    merge::merge(drafts, &mut model);
    // Documentation states its endpoint; the help-page note (Host header, http assumed)
    // is not true of it.
    for s in model.services.iter_mut().filter(|s| documented.contains(&s.provenance.file)) {
        for p in s.docs.0.iter_mut().filter(|p| *p == merge::ENDPOINT_DOC) {
            *p = documented::ENDPOINT_DOC.to_owned();
        }
    }
    merge::fold_samples(described, &mut model);
    unify::unify(&mut model);
    if model.services.is_empty() {
        // An operations index alone: its hint says what to run instead.
        if let Some(hint) = hints.into_iter().next() {
            return Err(hint.into_error());
        }
        let inputs = sources.iter().map(|s| s.name.to_string()).collect();
        return Err(Error::NothingToGenerate { inputs });
    }
    for hint in hints {
        let at = hint.at().clone();
        model.warn(at, hint.message);
    }
    Ok(Read { model, files })
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
