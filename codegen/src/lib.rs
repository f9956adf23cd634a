//! soapgen: typed Rust clients from SOAP service descriptions and help pages.
//!
//! The pipeline: [`read`] documents into the service model ([`ir`]) → [`resolve`] names
//! and shapes → [`emit`] Rust token streams → formatted source. [`generate`] runs it all
//! and stays pure (no disk, no environment); [`Output::write_module`] and
//! [`Output::write_crate`] put the result on disk atomically.

#![deny(missing_docs)]

mod builder;
pub mod diagnostic;
pub mod emit;
mod error;
pub mod ir;
mod output;
pub mod overrides;
pub mod read;
pub mod resolve;
mod select;
mod source;

pub use builder::Builder;
pub use error::Error;
pub use output::{CrateOptions, Output, write_if_changed};
pub use overrides::Overrides;
pub use read::wsdl::FsLoader;
pub use select::OperationFilter;
pub use source::Source;

/// Options for [`generate`].
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// How the emitted code names the runtime crate.
    pub emit: emit::EmitOptions,
    /// Where imported and included documents are found: relative to the importing file,
    /// plus URL → file mappings (WCF's absolute `?xsd=xsd0` locations). Never the network.
    pub loader: read::wsdl::FsLoader,
    /// The user's corrections (`soapgen.toml`), applied to the model before naming.
    pub overrides: Option<std::sync::Arc<Overrides>>,
    /// Generate only this SOAP version's bindings (`None`: every version offered).
    pub soap_version: Option<ir::Protocol>,
    /// Generate only these operations, and the types they reach (`None`: all).
    pub operations: Option<OperationFilter>,
}

/// Reads `sources` (one service or several), and generates one Rust module for them.
pub fn generate(sources: &[Source], options: &Options) -> Result<Output, Error> {
    let read::Read { mut model, mut files } = read::read_with(sources, &options.loader)?;
    if model.services.is_empty() {
        let names: Vec<&str> = sources.iter().map(|s| &*s.name).collect();
        return Err(Error::Nothing(format!("{}: no service operations found", names.join(", "))));
    }
    let renames = match &options.overrides {
        Some(overrides) => {
            files.push(overrides.file_name().to_owned());
            overrides.apply(&mut model)?
        }
        None => resolve::Renames::default(),
    };
    let chosen_in_file = match &options.overrides {
        Some(overrides) => overrides.choose_operations(&mut model)?,
        None => false,
    };
    if let Some(filter) = &options.operations {
        filter.apply(&mut model)?;
    }
    // After choosing: an operation left out need not be offered over the chosen version.
    if let Some(version) = options.soap_version {
        keep_only(&mut model, version)?;
    }
    let renames = if chosen_in_file || options.operations.is_some() {
        select::prune_types(&mut model, &renames)
    } else {
        renames
    };
    let resolved = resolve::resolve_with(&model, &renames);
    let tokens = emit::emit(&resolved, &options.emit);
    let code = emit::format(tokens).map_err(|e| {
        Error::Nothing(format!("internal error: generated code does not parse: {e}"))
    })?;
    let inputs = sources.iter().map(|s| file_name(&s.name).to_owned()).collect();
    let features =
        if options.emit.operation_features { emit::feature_table(&resolved) } else { Vec::new() };
    Ok(Output { inputs, code, model, files, features })
}

/// Drops the other SOAP version's bindings and endpoints. Plain-XML operations stay; a
/// SOAP operation left with no binding means the documents do not offer that version.
fn keep_only(model: &mut ir::Model, version: ir::Protocol) -> Result<(), Error> {
    let wanted = |p: ir::Protocol| p == version || p == ir::Protocol::PlainXml;
    for service in &mut model.services {
        for op in &mut service.operations {
            if !op.bindings.iter().any(|b| wanted(b.protocol)) {
                let name = if version == ir::Protocol::Soap11 { "SOAP 1.1" } else { "SOAP 1.2" };
                let at = &op.provenance;
                return Err(Error::Nothing(format!(
                    "{}:{}:{}: operation `{}` is not offered over {name}",
                    at.file, at.line, at.column, op.name
                )));
            }
            op.bindings.retain(|b| wanted(b.protocol));
        }
        service.endpoints.retain(|e| wanted(e.protocol));
    }
    Ok(())
}

/// The last path component: messages and headers never carry absolute paths.
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}
