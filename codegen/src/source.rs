//! Input documents and positions inside them.

use std::sync::Arc;

use crate::ir::Provenance;

/// One input document, as text.
#[derive(Clone, Debug)]
pub struct Source {
    /// The name the user gave (a path as typed, or a label); used in every message.
    pub name: Arc<str>,
    /// The document's text (UTF-8, without a byte-order mark).
    pub text: String,
    /// Where `text` was extracted from, when it is not the file itself (an HTML page's
    /// text): positions are reported in that original.
    origin: Option<Arc<Origin>>,
}

/// The document a derived [`Source`]'s text was extracted from, and how its bytes map back.
#[derive(Debug, PartialEq, Eq)]
pub struct Origin {
    /// The original document's text.
    pub text: String,
    /// `(offset in the derived text, offset in the original)` wherever the correspondence
    /// jumps, ascending; bytes in between correspond one to one.
    pub anchors: Vec<(usize, usize)>,
    /// Ranges of the derived text that the original marks as placeholders (an ASMX help
    /// page's `<font class=value>`), ascending.
    pub placeholders: Vec<std::ops::Range<usize>>,
}

impl Origin {
    /// The original offset of `offset` in the derived text.
    pub fn original(&self, offset: usize) -> usize {
        match self.anchors.partition_point(|&(t, _)| t <= offset) {
            0 => offset,
            i => {
                let (t, s) = self.anchors[i - 1];
                s + (offset - t)
            }
        }
    }
}

impl Source {
    /// A document named `name` (a path or a label) holding `text`.
    pub fn new(name: impl Into<Arc<str>>, text: impl Into<String>) -> Self {
        Source { name: name.into(), text: text.into(), origin: None }
    }

    /// Text extracted from another document (named `name`), positions reported in that
    /// document through `origin`.
    pub fn derived(name: Arc<str>, text: String, origin: Origin) -> Self {
        Source { name, text, origin: Some(Arc::new(origin)) }
    }

    /// The document this one's text was extracted from, if any.
    pub fn origin(&self) -> Option<&Origin> {
        self.origin.as_deref()
    }

    /// The text positions are reported in: the original's when derived.
    pub fn located_text(&self) -> &str {
        self.origin.as_ref().map_or(&self.text, |o| &o.text)
    }

    /// The offset in [`Source::located_text`] of a byte offset in `text`.
    pub fn located_offset(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        self.origin.as_ref().map_or(offset, |o| o.original(offset).min(o.text.len()))
    }

    /// Reads a file; the name shown in messages is the path as given.
    pub fn from_path(path: &std::path::Path) -> Result<Self, crate::Error> {
        let bytes = std::fs::read(path)
            .map_err(|source| crate::Error::Io { path: path.display().to_string(), source })?;
        let name: Arc<str> = path.display().to_string().into();
        // Decode strictly: a binary or mis-encoded file is reported where it goes wrong.
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let offset = e.utf8_error().valid_up_to();
                let valid = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
                let at = position_in(&name, &valid, offset);
                return Err(crate::Error::Input {
                    at,
                    message: "expected UTF-8 text, found an invalid byte sequence".into(),
                    line_text: String::new(),
                });
            }
        };
        // A byte-order mark is not content.
        let text = text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text);
        Ok(Source { name, text, origin: None })
    }

    /// File, line and column of a byte offset.
    pub fn position(&self, offset: usize) -> Provenance {
        position_in(&self.name, self.located_text(), self.located_offset(offset))
    }

    /// The text of the 1-based line, without its terminator.
    pub fn line_text(&self, line: u32) -> &str {
        self.located_text().lines().nth(line.saturating_sub(1) as usize).unwrap_or("")
    }

    /// A located input error at `offset`.
    pub fn error(&self, offset: usize, message: impl Into<String>) -> crate::Error {
        let at = self.position(offset);
        let line_text = self.line_text(at.line).to_owned();
        crate::Error::Input { at, message: message.into(), line_text }
    }
}

fn position_in(name: &Arc<str>, text: &str, offset: usize) -> Provenance {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() as u32 + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() as u32 + 1;
    Provenance { file: name.clone(), line, column }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let s = Source::new("x.txt", "ab\nçd\nef");
        let p = s.position(5);
        assert_eq!((p.line, p.column), (2, 2));
        assert_eq!(s.line_text(2), "çd");
        assert_eq!(s.position(0).column, 1);
    }
}
