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
        soapgen generate service.wsdl --crate clients/service --name service-client")]
    Generate {
        /// Input documents, recognised by content.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Write one self-contained module here.
        #[arg(short, long, required_unless_present = "crate_dir", conflicts_with = "crate_dir")]
        output: Option<PathBuf>,
        /// Write a complete crate (Cargo.toml + src/lib.rs) into this directory.
        #[arg(long = "crate", value_name = "DIR")]
        crate_dir: Option<PathBuf>,
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
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<(), soapgen::Error> {
    match command {
        Command::Generate { inputs, output, crate_dir, name, runtime } => {
            let sources = read_all(&inputs)?;
            let out = soapgen::generate(&sources, &soapgen::Options::default())?;
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
                };
                out.write_crate(&dir, &options)?;
            }
            Ok(())
        }
        Command::Inspect { inputs } => {
            let sources = read_all(&inputs)?;
            let model = soapgen::read::read_sources(&sources)?;
            print!("{}", soapgen::read::dump(&model));
            Ok(())
        }
    }
}

fn read_all(paths: &[PathBuf]) -> Result<Vec<soapgen::Source>, soapgen::Error> {
    paths.iter().map(|p| soapgen::Source::from_path(p)).collect()
}

fn warn(model: &soapgen::ir::Model) {
    for w in &model.warnings {
        eprintln!("warning: {}:{}:{}: {}", w.at.file, w.at.line, w.at.column, w.message);
    }
}
