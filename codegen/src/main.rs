//! The `soapgen` command line: a thin layer over the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Generates typed Rust SOAP clients from WSDLs, ASMX help pages, ServiceStack metadata
/// pages and sample envelopes.
#[derive(Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate a Rust module (or a crate) from one or more documents of one service.
    #[command(after_help = "Examples:\n  \
        soapgen generate help-page.txt -o src/client.rs\n  \
        soapgen generate help-page.txt --overrides soapgen.toml -o src/client.rs\n  \
        soapgen generate service.wsdl --async --soap-version 1.2 -o src/client.rs\n  \
        soapgen generate service.wsdl --crate clients/service --name service-client\n  \
        soapgen generate economic.wsdl --operations 'Connect,Order_*' -o src/economic.rs\n  \
        soapgen generate connect.wsdl --map 'http://h/connect.svc?xsd=xsd0=schemas/xsd0.xsd' -o src/connect.rs")]
    Generate {
        /// Input documents, recognised by content.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        #[command(flatten)]
        input_options: InputOptions,
        /// Write one self-contained module here.
        #[arg(short, long, required_unless_present = "crate_dir", conflicts_with = "crate_dir")]
        output: Option<PathBuf>,
        /// Write a complete crate (Cargo.toml + src/lib.rs) into this directory.
        #[arg(long = "crate", value_name = "DIR")]
        crate_dir: Option<PathBuf>,
        /// Clients default to the async transport (tokio); the crate enables the
        /// runtime's `async` feature. Either way a client takes any transport.
        #[arg(long = "async")]
        async_transport: bool,
        /// Generate only this SOAP version's bindings (default: every version offered).
        #[arg(long, value_name = "VERSION", value_parser = parse_soap_version)]
        soap_version: Option<soapgen::ir::Protocol>,
        /// Generate only these operations (names as the documents spell them, or globs with
        /// `*` and `?`, comma-separated) and the types they reach.
        #[arg(long, value_name = "NAMES", value_delimiter = ',')]
        operations: Vec<String>,
        /// In the crate, a cargo feature per operation (all on by default): a user enables
        /// only the operations they call, and only the types those reach are compiled.
        #[arg(long, conflicts_with = "output")]
        operation_features: bool,
        /// Package name of the crate (default: the directory name).
        #[arg(long, requires = "crate_dir")]
        name: Option<String>,
        /// How the crate depends on soapgen-runtime (a TOML value).
        #[arg(long, default_value = "\"0.1\"", requires = "crate_dir")]
        runtime: String,
    },
    /// Print what soapgen reads from the documents: services, operations, types, and where
    /// each came from.
    Inspect {
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        #[command(flatten)]
        input_options: InputOptions,
    },
}

/// How inputs are read: URL → file maps for imports, and the overrides file.
#[derive(clap::Args)]
struct InputOptions {
    /// Read FILE wherever a WSDL or schema imports URL (exactly as written); repeatable.
    /// Relative locations are read next to the importing file; other URLs are never fetched.
    #[arg(long = "map", value_name = "URL=FILE", value_parser = parse_map)]
    maps: Vec<(String, PathBuf)>,
    /// Corrections to apply (renames, types, optionality, content, endpoint): a
    /// soapgen.toml file.
    #[arg(long, value_name = "FILE")]
    overrides: Option<PathBuf>,
}

impl InputOptions {
    fn options(&self) -> Result<soapgen::Options, soapgen::Error> {
        let mut options = soapgen::Options::default();
        for (url, file) in &self.maps {
            options.loader.map(url.clone(), file.clone());
        }
        if let Some(path) = &self.overrides {
            options.overrides = Some(std::sync::Arc::new(soapgen::Overrides::from_path(path)?));
        }
        Ok(options)
    }
}

/// `1.1` or `1.2`.
fn parse_soap_version(s: &str) -> Result<soapgen::ir::Protocol, String> {
    match s {
        "1.1" => Ok(soapgen::ir::Protocol::Soap11),
        "1.2" => Ok(soapgen::ir::Protocol::Soap12),
        _ => Err(format!("expected 1.1 or 1.2, found `{s}`")),
    }
}

/// `URL=FILE`, split at the last `=` (URLs such as `?xsd=xsd0` contain `=` themselves).
fn parse_map(s: &str) -> Result<(String, PathBuf), String> {
    match s.rsplit_once('=') {
        Some((url, file)) if !url.is_empty() && !file.is_empty() => {
            Ok((url.to_owned(), PathBuf::from(file)))
        }
        _ => Err(format!("expected URL=FILE, found `{s}`")),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", e.render(colored()));
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<(), soapgen::Error> {
    match command {
        Command::Generate {
            inputs,
            input_options,
            output,
            crate_dir,
            name,
            runtime,
            soap_version,
            async_transport,
            operations,
            operation_features,
        } => {
            let sources = read_all(&inputs)?;
            let mut options = soapgen::Options { soap_version, ..input_options.options()? };
            if !operations.is_empty() {
                options.operations =
                    Some(soapgen::OperationFilter::new("--operations", operations));
            }
            options.emit.operation_features = operation_features;
            if async_transport {
                options.emit.default_transport = soapgen::emit::DefaultTransport::Async;
            }
            let out = soapgen::generate(&sources, &options)?;
            warn(&out.model);
            if let Some(path) = output {
                out.write_module(&path)?;
            }
            if let Some(dir) = crate_dir {
                let name = name.unwrap_or_else(|| {
                    dir.file_name().map_or("generated".into(), |n| n.to_string_lossy().into_owned())
                });
                let options = soapgen::CrateOptions {
                    name,
                    runtime_dependency: runtime,
                    dev_dependencies: Vec::new(),
                    runtime_features: if async_transport {
                        vec!["async".to_owned()]
                    } else {
                        Vec::new()
                    },
                };
                out.write_crate(&dir, &options)?;
            }
            Ok(())
        }
        Command::Inspect { inputs, input_options } => {
            let sources = read_all(&inputs)?;
            let options = input_options.options()?;
            let mut read = soapgen::read::read_with(&sources, &options.loader)?;
            if let Some(overrides) = &options.overrides {
                overrides.apply(&mut read.model)?;
            }
            warn(&read.model);
            print!("{}", soapgen::read::dump(&read.model));
            Ok(())
        }
    }
}

fn read_all(paths: &[PathBuf]) -> Result<Vec<soapgen::Source>, soapgen::Error> {
    paths.iter().map(|p| soapgen::Source::from_path(p)).collect()
}

fn warn(model: &soapgen::ir::Model) {
    let style = if colored() {
        soapgen::diagnostic::Style::Colored
    } else {
        soapgen::diagnostic::Style::Plain
    };
    for w in &model.warnings {
        eprintln!("{}", soapgen::diagnostic::warning(w, style));
    }
}

/// Colours only for a terminal, and never when NO_COLOR is set (no-color.org).
fn colored() -> bool {
    use std::io::IsTerminal as _;
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
