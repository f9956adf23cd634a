//! The build.rs entry point, in the manner of prost-build.
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), soapgen::Error> {
//!     soapgen::Builder::new().input("service/help-page.txt").compile()?;
//!     Ok(())
//! }
//! ```
//! ```ignore
//! // src/lib.rs
//! mod service {
//!     include!(concat!(env!("OUT_DIR"), "/help_page.rs"));
//! }
//! ```

use std::path::{Path, PathBuf};

use crate::{Error, Options, Output, Source, generate, output::write_if_changed};

/// Generates a client module from documents, for build scripts.
#[derive(Clone, Debug, Default)]
pub struct Builder {
    inputs: Vec<PathBuf>,
    out_dir: Option<PathBuf>,
    file_name: Option<String>,
    options: Options,
    rerun_if_changed: bool,
}

impl Builder {
    pub fn new() -> Self {
        Builder { rerun_if_changed: true, ..Default::default() }
    }

    /// Adds an input document (WSDL, help page, envelope, …); several inputs describe one service.
    pub fn input(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.inputs.push(path.as_ref().to_path_buf());
        self
    }

    /// Where the module is written (default: `$OUT_DIR`).
    pub fn out_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// The module's file name (default: the first input's stem + `.rs`).
    pub fn file_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.file_name = Some(name.into());
        self
    }

    /// How the generated code names the runtime crate (default `::soapgen_runtime`), for
    /// crates that re-export it.
    pub fn runtime_path(&mut self, path: impl Into<String>) -> &mut Self {
        self.options.emit.runtime_path = path.into();
        self
    }

    /// Whether to print `cargo:rerun-if-changed` for every file read (default: yes).
    pub fn rerun_if_changed(&mut self, yes: bool) -> &mut Self {
        self.rerun_if_changed = yes;
        self
    }

    /// Reads the inputs and generates, without writing anything.
    pub fn generate(&self) -> Result<Output, Error> {
        if self.inputs.is_empty() {
            return Err(Error::Nothing("soapgen::Builder: no input was added".into()));
        }
        let sources =
            self.inputs.iter().map(|p| Source::from_path(p)).collect::<Result<Vec<_>, _>>()?;
        generate(&sources, &self.options)
    }

    /// Generates and writes the module; returns its path.
    pub fn compile(&self) -> Result<PathBuf, Error> {
        if self.rerun_if_changed {
            for input in &self.inputs {
                println!("cargo:rerun-if-changed={}", input.display());
            }
        }
        let output = self.generate()?;
        let dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR").map(PathBuf::from).ok_or_else(|| {
                Error::Nothing(
                    "OUT_DIR is not set: call compile() from a build script, or set out_dir()"
                        .into(),
                )
            })?,
        };
        let name = self.file_name.clone().unwrap_or_else(|| {
            let stem = self.inputs[0]
                .file_stem()
                .map_or("soap".into(), |s| s.to_string_lossy().into_owned());
            format!("{}.rs", crate::resolve::to_field_ident(&stem).trim_start_matches("r#"))
        });
        let path = dir.join(name);
        write_if_changed(&path, &output.module_source())?;
        Ok(path)
    }
}
