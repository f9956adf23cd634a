//! soapgen: typed Rust clients from SOAP service descriptions and help pages.
//!
//! Reads WSDL 1.1 / XSD documents, ASP.NET `.asmx` help pages, ServiceStack metadata pages
//! and raw SOAP envelopes, and generates one Rust module (or crate) with a struct or enum
//! per type, generated XML writing and reading code, and a client per service, compiled
//! against the crate `soapgen-runtime`.
//!
//! - In a build script: [`Builder`] (`Builder::new().input("service.wsdl").compile()?`).
//! - From code: [`generate`] with [`Source`]s and [`Options`], then
//!   [`Output::write_module`] or [`Output::write_crate`] (atomic, untouched when equal).
//! - Corrections the documents cannot express: [`Overrides`] (`soapgen.toml`).
//! - Failures: [`Error`]; every input problem names file, line and column.
//!
//! The pipeline behind [`generate`] is read → ir → resolve → emit (see the repository's
//! docs/ARCHITECTURE.md). Its stage modules are public only for the repository's own
//! tools (the CLI, tests, fuzz targets): they are hidden from these docs and are not a
//! stable API.

#![deny(missing_docs)]

mod builder;
#[doc(hidden)]
pub mod describe;
#[doc(hidden)]
pub mod diagnostic;
#[doc(hidden)]
pub mod emit;
mod error;
#[doc(hidden)]
pub mod fetch;
mod http_methods;
#[doc(hidden)]
pub mod ir;
mod output;
mod overrides;
#[doc(hidden)]
pub mod read;
#[doc(hidden)]
pub mod resolve;
mod select;
mod source;

pub use builder::Builder;
pub use emit::{DefaultTransport, EmitOptions};
pub use error::Error;
pub use http_methods::HttpMethods;
pub use ir::{Protocol, Provenance, Warning};
pub use output::{CrateOptions, Output};
pub use overrides::Overrides;
pub use read::wsdl::FsLoader;
pub use select::OperationFilter;
pub use source::Source;

/// Options for [`generate`].
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// How the emitted code names the runtime crate and which transport clients default to.
    pub emit: EmitOptions,
    /// Where imported and included documents are found: relative to the importing file,
    /// plus URL → file mappings (WCF's absolute `?xsd=xsd0` locations). Never the network.
    pub loader: FsLoader,
    /// The user's corrections (`soapgen.toml`), applied to the model before naming.
    pub overrides: Option<std::sync::Arc<Overrides>>,
    /// Generate only this SOAP version's bindings (`None`: every version offered).
    pub soap_version: Option<Protocol>,
    /// Generate only these operations, and the types they reach (`None`: all).
    pub operations: Option<OperationFilter>,
    /// Refuse a WSDL with a broken reference (a message, portType, binding or operation
    /// that is not defined, an undeclared prefix) instead of repairing it with a warning.
    pub strict: bool,
    /// Which operations are called over HTTP GET/POST (default: those offered only so).
    pub http_methods: HttpMethods,
}

/// Reads `sources` (one service or several), and generates one Rust module for them.
pub fn generate(sources: &[Source], options: &Options) -> Result<Output, Error> {
    let Prepared { mut model, files, renames } = prepare(sources, options)?;
    // Here rather than in `prepare`: `describe` writes every binding offered.
    let http = options.overrides.as_ref().and_then(|o| o.http_methods());
    let before = select::reachable(&model);
    http_methods::select(&mut model, http.unwrap_or(options.http_methods));
    // Types only the HTTP bindings left out reached go with them; types no operation
    // reached before stay, as always.
    let after = select::reachable(&model);
    let keep = http_methods::kept_types(&model, &before, &after);
    let renames = if keep.iter().all(|k| *k) {
        renames
    } else {
        select::prune_to(&mut model, &renames, &keep)
    };
    let resolved = resolve::resolve_with(&model, &renames);
    // `soapgen.toml` may ask for both directions or the server side too.
    let overrides = options.overrides.as_ref();
    let both = overrides.and_then(|o| o.both_directions()).unwrap_or(options.emit.both_directions);
    let server = overrides.and_then(|o| o.server()).unwrap_or(options.emit.server);
    let emit_options = if (both, server) == (options.emit.both_directions, options.emit.server) {
        std::borrow::Cow::Borrowed(&options.emit)
    } else {
        std::borrow::Cow::Owned(emit::EmitOptions {
            both_directions: both,
            server,
            ..options.emit.clone()
        })
    };
    let wsdl = if emit_options.server {
        let inputs: Vec<String> = sources.iter().map(|s| file_name(&s.name).to_owned()).collect();
        describe::wsdl(&model, &inputs)
    } else {
        String::new()
    };
    let code = emit::emit_source(&resolved, &emit_options, &wsdl)
        .map_err(|e| Error::Internal(format!("generated code does not parse: {e}")))?;
    let inputs = sources.iter().map(|s| file_name(&s.name).to_owned()).collect();
    let features =
        if options.emit.operation_features { emit::feature_table(&resolved) } else { Vec::new() };
    let runtime_features = if emit_options.server { vec!["server".to_owned()] } else { Vec::new() };
    Ok(Output { inputs, code, model, files, features, runtime_features })
}

/// The model the documents describe, with the user's overrides and choices applied.
struct Prepared {
    model: ir::Model,
    files: Vec<String>,
    renames: resolve::Renames,
}

fn prepare(sources: &[Source], options: &Options) -> Result<Prepared, Error> {
    // Refuses inputs without operations (`Error::NothingToGenerate`).
    let strict = options.overrides.as_ref().and_then(|o| o.strict()).unwrap_or(options.strict);
    let read::Read { mut model, mut files } =
        read::read_with_strictness(sources, &options.loader, strict)?;
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
        keep_only(&mut model, version, |at| line_text(sources, &options.loader, at))?;
    }
    let renames = if chosen_in_file || options.operations.is_some() {
        select::prune_types(&mut model, &renames)
    } else {
        renames
    };
    Ok(Prepared { model, files, renames })
}

/// A WSDL 1.1 document (with its XML Schema) describing what [`describe`] read.
#[derive(Clone, Debug)]
pub struct Description {
    /// The document.
    pub wsdl: String,
    /// What reading the inputs warned about.
    pub warnings: Vec<Warning>,
}

/// Reads `sources` as [`generate`] does and writes what they describe as one WSDL 1.1
/// document with its XML Schema (`soapgen wsdl`): a service known only from its help
/// page or sample envelopes can then be used by any SOAP tool.
pub fn describe(sources: &[Source], options: &Options) -> Result<Description, Error> {
    let Prepared { model, .. } = prepare(sources, options)?;
    let inputs: Vec<String> = sources.iter().map(|s| file_name(&s.name).to_owned()).collect();
    Ok(Description { wsdl: describe::wsdl(&model, &inputs), warnings: model.warnings })
}

/// Drops the other SOAP version's bindings and endpoints. Plain-XML operations stay; a
/// SOAP operation left with no binding means the documents do not offer that version,
/// reported at the operation with its line (`line_text`).
fn keep_only(
    model: &mut ir::Model,
    version: ir::Protocol,
    line_text: impl Fn(&ir::Provenance) -> String,
) -> Result<(), Error> {
    let wanted = |p: ir::Protocol| p == version || !p.is_soap();
    for service in &mut model.services {
        for op in &mut service.operations {
            // An operation offered over SOAP must be offered over this version; its HTTP
            // GET/POST bindings do not stand in for it.
            let soap = op.bindings.iter().any(|b| b.protocol.is_soap());
            let this_version = op.bindings.iter().any(|b| b.protocol == version);
            if (soap && !this_version) || !op.bindings.iter().any(|b| wanted(b.protocol)) {
                let at = op.provenance.clone();
                let offered: Vec<&str> =
                    op.bindings.iter().map(|b| protocol_name(b.protocol)).collect();
                return Err(Error::Input {
                    line_text: line_text(&at),
                    message: format!(
                        "operation `{}` is not offered over {} (offered: {})",
                        op.name,
                        protocol_name(version),
                        offered.join(", ")
                    ),
                    at,
                });
            }
            op.bindings.retain(|b| wanted(b.protocol));
        }
        service.endpoints.retain(|e| wanted(e.protocol));
    }
    Ok(())
}

fn protocol_name(p: ir::Protocol) -> &'static str {
    match p {
        ir::Protocol::Soap11 => "SOAP 1.1",
        ir::Protocol::Soap12 => "SOAP 1.2",
        ir::Protocol::PlainXml => "plain XML",
        ir::Protocol::HttpGet => "HTTP GET",
        ir::Protocol::HttpPost => "HTTP POST",
    }
}

/// The text of the line `at` points to: from the inputs, or for an imported document,
/// read again through the loader that found it (empty if it cannot be).
fn line_text(sources: &[Source], loader: &read::wsdl::FsLoader, at: &ir::Provenance) -> String {
    let line = |s: &Source| s.line_text(at.line).to_owned();
    if let Some(source) = sources.iter().find(|s| s.name == at.file) {
        return line(source);
    }
    let nowhere = Source::new("", "");
    match read::wsdl::Loader::load(loader, &at.file, &nowhere) {
        Ok(Some(source)) => line(&source),
        _ => String::new(),
    }
}

/// The last path component: messages and headers never carry absolute paths.
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}
