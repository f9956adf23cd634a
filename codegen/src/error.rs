//! The one error type of the generator.

use crate::ir::Provenance;

/// Why generation failed. Every input error names the file, line and column.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input is not what soapgen expected at that point.
    #[error("{}:{}:{}: {message}{}", at.file, at.line, at.column, show_line(line_text, at.column))]
    Input { at: Provenance, message: String, line_text: String },

    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },

    /// The inputs were readable but hold nothing soapgen can generate from.
    #[error("{0}")]
    Nothing(String),
}

/// The offending line with a marker under the column.
fn show_line(line: &str, column: u32) -> String {
    if line.trim().is_empty() {
        return String::new();
    }
    // Tabs keep their width so the marker lines up.
    let pad: String = line
        .chars()
        .take(column.saturating_sub(1) as usize)
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    format!("\n   | {line}\n   | {pad}^")
}
