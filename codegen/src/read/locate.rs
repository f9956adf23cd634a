//! Byte offsets → provenance, with a line index so a large document does not pay
//! a scan from the start for every element (`Source::position` does that).

use crate::Source;
use crate::ir::Provenance;

pub struct Locator<'a> {
    source: &'a Source,
    line_starts: Vec<usize>,
}

impl<'a> Locator<'a> {
    pub fn new(source: &'a Source) -> Self {
        let text = source.located_text();
        let line_starts =
            std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Locator { source, line_starts }
    }

    /// Same numbering as [`Source::position`]: 1-based line, column in characters
    /// (in the original document when the source's text was extracted from one).
    pub fn at(&self, offset: usize) -> Provenance {
        let text = self.source.located_text();
        let mut offset = self.source.located_offset(offset);
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        Provenance {
            file: self.source.name.clone(),
            line: line as u32,
            column: text[start..offset].chars().count() as u32 + 1,
        }
    }
}

impl Locator<'_> {
    /// Offset of the value of the element or attribute at `offset` (past its start tag or
    /// its opening quote, and leading whitespace); `offset` itself when there is none.
    pub fn value_offset(&self, offset: usize) -> usize {
        let text = &self.source.text;
        let Some(rest) = text.get(offset..) else { return offset };
        let open = if rest.starts_with('<') { rest.find('>') } else { rest.find(['"', '\'']) };
        let Some(open) = open else { return offset };
        let after = &rest[open + 1..];
        offset + open + 1 + (after.len() - after.trim_start().len())
    }

    /// Whether the original marks the value of the element or attribute at `offset` (its
    /// `<` or its name) as a placeholder; `None` when the document marks nothing (plain
    /// text, Markdown).
    pub fn marked_placeholder(&self, offset: usize) -> Option<bool> {
        let marks = &self.source.origin()?.placeholders;
        if marks.is_empty() {
            return None;
        }
        let text = self.source.text.get(offset..)?;
        // An element's value follows its start tag; an attribute's, its quote.
        let open = if text.starts_with('<') { text.find('>')? } else { text.find(['"', '\''])? };
        let after = &text[open + 1..];
        let value = offset + open + 1 + (after.len() - after.trim_start().len());
        let i = marks.partition_point(|r| r.end <= value);
        Some(marks.get(i).is_some_and(|r| r.start <= value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_source_position() {
        let s = Source::new("x", "ab\nçd\n\nef");
        let l = Locator::new(&s);
        for off in 0..=s.text.len() {
            if s.text.is_char_boundary(off) {
                assert_eq!(l.at(off), s.position(off), "offset {off}");
            }
        }
    }
}
