//! The error type every XML operation reports.

use std::fmt;

/// A malformed, unexpected or unwritable XML document.
///
/// Carries the position (1-based line and column, in characters) and the path of open
/// elements where the problem was found. Messages never quote attribute values or text
/// content beyond short excerpts of broken syntax, because documents can carry secrets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XmlError(Box<Inner>);

/// Boxed so `Result<_, XmlError>` stays one word wider than its value on the hot path.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Inner {
    message: String,
    position: Option<(usize, usize)>,
    path: String,
}

impl XmlError {
    /// An error without a position or path, e.g. for hand-written readers.
    pub fn new(message: impl Into<String>) -> Self {
        XmlError(Box::new(Inner { message: message.into(), position: None, path: String::new() }))
    }

    /// An error at a line and column (both 1-based) inside the element at `path`
    /// (`/Envelope/Body/X`; empty at the top level).
    pub fn at(message: impl Into<String>, line: usize, column: usize, path: String) -> Self {
        XmlError(Box::new(Inner { message: message.into(), position: Some((line, column)), path }))
    }

    /// What went wrong, without position or path.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// 1-based line of the problem, when it came from a document being read.
    pub fn line(&self) -> Option<usize> {
        self.0.position.map(|(line, _)| line)
    }

    /// 1-based column (in characters) of the problem, when it came from a document being read.
    pub fn column(&self) -> Option<usize> {
        self.0.position.map(|(_, column)| column)
    }

    /// Path of the element the problem is in, such as `/Envelope/Body/X`; empty when unknown.
    pub fn path(&self) -> &str {
        &self.0.path
    }
}

impl fmt::Display for XmlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Inner { message, position, path } = &*self.0;
        if let Some((line, column)) = position {
            write!(f, "line {line}, column {column}: ")?;
        }
        f.write_str(message)?;
        if !path.is_empty() {
            write!(f, ", in {path}")?;
        }
        Ok(())
    }
}

impl std::error::Error for XmlError {}

/// 1-based line and column (in characters) of byte `offset` in `text`.
///
/// Only called when an error is built, so the linear scan costs nothing on the happy path.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_has_position_message_and_path() {
        let e = XmlError::at("expected int", 3, 7, "/Envelope/Body/X".into());
        assert_eq!(e.to_string(), "line 3, column 7: expected int, in /Envelope/Body/X");
        assert_eq!(XmlError::new("boom").to_string(), "boom");
    }

    #[test]
    fn line_column_counts_characters() {
        let text = "ab\ncé\nxyz";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        // 'é' is two bytes; the column after it is 3.
        assert_eq!(line_column(text, 6), (2, 3));
        assert_eq!(line_column(text, 7), (3, 1));
        assert_eq!(line_column(text, 100), (3, 4));
    }
}
