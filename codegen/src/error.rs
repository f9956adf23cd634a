//! The one error type of the generator.

use crate::diagnostic::{self, Style};
use crate::ir::Provenance;

/// Why generation failed. Every input error names the file, line and column.
///
/// `Display` (and `Debug`, so a build script's `?` prints it well) renders a rustc-style
/// report: the message, `--> file:line:column`, the offending line and a marker.
///
/// New kinds of failure may be added: match with a wildcard arm.
#[derive(thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is not what soapgen expected at that point.
    #[error("{}", diagnostic::error(at, message, line_text, Style::Plain))]
    Input {
        /// Where: file, line, column.
        at: Provenance,
        /// What was expected (and what was found).
        message: String,
        /// The text of the offending line, for the report.
        line_text: String,
    },

    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },

    /// Downloading documents failed (`soapgen fetch`): the URL and why, or a limit hit.
    #[error("{0}")]
    Fetch(String),

    /// The inputs were read without error but describe no operation: nothing to generate.
    #[error("no operations found in {}: nothing to generate", inputs.join(", "))]
    NothingToGenerate {
        /// The inputs, as named.
        inputs: Vec<String>,
    },

    /// An option does not fit the inputs, e.g. `--operations` / `Builder::operations`
    /// naming an operation the documents do not have (the message lists the closest).
    #[error("{0}")]
    Option(String),

    /// A build script's setup is incomplete: no input added, or `OUT_DIR` unset because
    /// [`crate::Builder::compile`] ran outside cargo without [`crate::Builder::out_dir`].
    #[error("{0}")]
    BuildScript(String),

    /// A bug in soapgen, not in the input (e.g. emitted code that does not parse). Please
    /// report it with the input that caused it.
    #[error("internal error (a bug in soapgen): {0}")]
    Internal(String),
}

impl Error {
    /// One line, `file:line:column: message`: for logs and for tests.
    pub fn summary(&self) -> String {
        match self {
            Error::Input { at, message, .. } => {
                format!("{}:{}:{}: {message}", at.file, at.line, at.column)
            }
            other => other.to_string(),
        }
    }

    /// The report as the command line prints it: coloured for a terminal when `colored`.
    pub fn render(&self, colored: bool) -> String {
        let style = if colored { Style::Colored } else { Style::Plain };
        match self {
            Error::Input { at, message, line_text } => {
                diagnostic::error(at, message, line_text, style)
            }
            other => format!("error: {other}"),
        }
    }
}

impl std::fmt::Debug for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}
