//! soapgen: typed Rust clients from SOAP service descriptions and help pages.
//!
//! The pipeline: [`read`] documents into the service model ([`ir`]) → [`resolve`] names
//! and shapes → [`emit`] Rust token streams → formatted source. [`generate`] runs it all
//! and stays pure (no disk, no environment); [`Output::write_module`] and
//! [`Output::write_crate`] put the result on disk atomically.

mod builder;
pub mod emit;
mod error;
pub mod ir;
mod output;
pub mod read;
pub mod resolve;
mod source;

pub use builder::Builder;
pub use error::Error;
pub use output::{CrateOptions, Output, write_if_changed};
pub use read::wsdl::FsLoader;
pub use source::Source;

/// Options for [`generate`].
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// How the emitted code names the runtime crate.
    pub emit: emit::EmitOptions,
    /// Where imported and included documents are found: relative to the importing file,
    /// plus URL → file mappings (WCF's absolute `?xsd=xsd0` locations). Never the network.
    pub loader: read::wsdl::FsLoader,
}

/// Reads `sources` (one service or several), and generates one Rust module for them.
pub fn generate(sources: &[Source], options: &Options) -> Result<Output, Error> {
    let read::Read { model, files } = read::read_with(sources, &options.loader)?;
    if model.services.is_empty() {
        let names: Vec<&str> = sources.iter().map(|s| &*s.name).collect();
        return Err(Error::Nothing(format!("{}: no service operations found", names.join(", "))));
    }
    let resolved = resolve::resolve(&model);
    let tokens = emit::emit(&resolved, &options.emit);
    let code = emit::format(tokens).map_err(|e| {
        Error::Nothing(format!("internal error: generated code does not parse: {e}"))
    })?;
    let inputs = sources.iter().map(|s| file_name(&s.name).to_owned()).collect();
    Ok(Output { inputs, code, model, files })
}

/// The last path component: messages and headers never carry absolute paths.
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}
