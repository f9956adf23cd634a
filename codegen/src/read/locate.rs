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
        let line_starts =
            std::iter::once(0).chain(source.text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Locator { source, line_starts }
    }

    /// Same numbering as [`Source::position`]: 1-based line, column in characters.
    pub fn at(&self, offset: usize) -> Provenance {
        let text = &self.source.text;
        let mut offset = offset.min(text.len());
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
