//! Text prepared for the XML parser that still knows where each byte came from.
//!
//! Pages pasted from word processors carry typographic quotes inside markup
//! (`xmlns=”Zoolz”`, `version=”1.0″`). They are replaced by ASCII quotes before
//! parsing; that changes byte lengths, so an anchor list maps offsets back to the
//! original for provenance and error positions.

/// A parser-ready copy of (part of) a source text.
#[derive(Debug)]
pub struct Mapped {
    pub text: String,
    /// Offset in the source of `text[0]`.
    base: usize,
    /// `(offset in text, offset in source)` after each replacement, ascending.
    anchors: Vec<(usize, usize)>,
}

impl Mapped {
    /// `source[start..]` unchanged.
    pub fn verbatim(source: &str, start: usize) -> Mapped {
        Mapped { text: source[start..].to_owned(), base: start, anchors: Vec::new() }
    }

    /// The source offset of `offset` in [`Mapped::text`].
    pub fn original(&self, offset: usize) -> usize {
        match self.anchors.partition_point(|&(t, _)| t <= offset) {
            0 => self.base + offset,
            i => {
                let (t, s) = self.anchors[i - 1];
                s + (offset - t)
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Quote {
    Double,
    Single,
}

fn typographic(c: char) -> Option<Quote> {
    match c {
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{FF02}' => {
            Some(Quote::Double)
        }
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => Some(Quote::Single),
        _ => None,
    }
}

fn straight(c: char) -> Option<Quote> {
    match c {
        '"' => Some(Quote::Double),
        '\'' => Some(Quote::Single),
        _ => None,
    }
}

impl Quote {
    fn ascii(self) -> char {
        match self {
            Quote::Double => '"',
            Quote::Single => '\'',
        }
    }
}

enum State {
    Outside,
    InTag,
    /// Inside an attribute value opened by `quote`; a value opened typographically
    /// may close with either spelling (pages mix `”` and `″`), one opened with an
    /// ASCII quote only with that quote, so typographic quotes in it stay content.
    InValue {
        quote: Quote,
        typographic: bool,
    },
}

/// Copies `source[start..]`, replacing typographic quotes that delimit attribute
/// values inside tags. Text content is left alone.
pub fn straighten_quotes(source: &str, start: usize) -> Mapped {
    let mut out = Mapped {
        text: String::with_capacity(source.len() - start),
        base: start,
        anchors: Vec::new(),
    };
    let mut state = State::Outside;
    for (i, c) in source[start..].char_indices() {
        let mut replace = None;
        state = match state {
            State::Outside if c == '<' => State::InTag,
            State::Outside => State::Outside,
            State::InTag if c == '>' => State::Outside,
            State::InTag => match (straight(c), typographic(c)) {
                (Some(quote), _) => State::InValue { quote, typographic: false },
                (_, Some(quote)) => {
                    replace = Some(quote.ascii());
                    State::InValue { quote, typographic: true }
                }
                _ => State::InTag,
            },
            State::InValue { quote, typographic: false } => {
                if straight(c) == Some(quote) {
                    State::InTag
                } else {
                    State::InValue { quote, typographic: false }
                }
            }
            State::InValue { quote, typographic: true } => {
                if straight(c) == Some(quote) {
                    State::InTag
                } else if typographic(c) == Some(quote) {
                    replace = Some(quote.ascii());
                    State::InTag
                } else {
                    State::InValue { quote, typographic: true }
                }
            }
        };
        match replace {
            Some(r) => {
                out.text.push(r);
                out.anchors.push((out.text.len(), start + i + c.len_utf8()));
            }
            None => out.text.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn straightens_quotes_in_tags_only_and_maps_offsets_back() {
        let src = "x <a b=”1″ c=\"“q”\">“t”</a>";
        let m = straighten_quotes(src, 2);
        assert_eq!(m.text, "<a b=\"1\" c=\"“q”\">“t”</a>");
        // `c` sits after two replaced three-byte quotes.
        let c_mapped = m.text.find('c').unwrap();
        assert_eq!(m.original(c_mapped), src.find('c').unwrap());
        assert_eq!(m.original(0), 2);
    }

    #[test]
    fn apostrophes_inside_typographic_values_stay() {
        let m = straighten_quotes("<a t=”it’s”/>", 0);
        assert_eq!(m.text, "<a t=\"it’s\"/>");
    }
}
