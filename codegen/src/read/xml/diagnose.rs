//! xmlparser's errors as located, readable messages ("expected …, found …").

use xmlparser::{Error as E, StreamError, TextPos};

/// Where (in the parsed text) and what went wrong. `after_root`: the root element
/// is complete, so unexpected markup means content after it.
pub fn describe(e: xmlparser::Error, after_root: bool) -> (TextPos, String) {
    let (what, cause, pos) = match e {
        E::InvalidDeclaration(c, p) => ("XML declaration", Some(c), p),
        E::InvalidComment(c, p) => ("comment", Some(c), p),
        E::InvalidPI(c, p) => ("processing instruction", Some(c), p),
        E::InvalidDoctype(c, p) => ("DOCTYPE", Some(c), p),
        E::InvalidEntity(c, p) => ("entity declaration", Some(c), p),
        E::InvalidElement(c, p) => ("element", Some(c), p),
        E::InvalidAttribute(c, p) => ("attribute", Some(c), p),
        E::InvalidCdata(c, p) => ("CDATA section", Some(c), p),
        E::InvalidCharData(c, p) => ("character data", Some(c), p),
        E::UnknownToken(p) => ("markup", None, p),
    };
    // The cause's own position is more precise than the token start.
    let pos = match cause {
        Some(
            StreamError::NonXmlChar(_, p)
            | StreamError::InvalidChar(_, _, p)
            | StreamError::InvalidCharMultiple(_, _, p)
            | StreamError::InvalidQuote(_, p)
            | StreamError::InvalidSpace(_, p)
            | StreamError::InvalidString(_, p),
        ) => p,
        _ => pos,
    };
    let detail = match cause {
        // xmlparser reports anything after the root as an unknown token.
        None if after_root => {
            return (
                pos,
                "expected one root element and nothing but comments after it, found more content"
                    .to_owned(),
            );
        }
        None => "expected an element, text, comment or processing instruction".to_owned(),
        Some(StreamError::UnexpectedEndOfStream) => {
            "expected more input, found the end of the document".to_owned()
        }
        Some(StreamError::InvalidName) => "expected a name".to_owned(),
        Some(StreamError::NonXmlChar(c, _)) => {
            format!("expected XML characters, found {c:?}")
        }
        Some(StreamError::InvalidChar(found, expected, _)) => {
            format!("expected '{}', found '{}'", expected as char, found as char)
        }
        Some(StreamError::InvalidCharMultiple(found, expected, _)) => {
            let list: Vec<String> = expected.iter().map(|c| format!("'{}'", *c as char)).collect();
            format!("expected one of {}, found '{}'", list.join(", "), found as char)
        }
        Some(StreamError::InvalidQuote(found, _)) => {
            format!("expected a quote mark, found '{}'", found as char)
        }
        Some(StreamError::InvalidSpace(found, _)) => {
            format!("expected a space, found '{}'", found as char)
        }
        Some(StreamError::InvalidString(s, _)) => format!("expected '{s}'"),
        Some(StreamError::InvalidReference) => {
            "expected an entity or character reference".to_owned()
        }
        Some(StreamError::InvalidExternalID) => "expected an external ID".to_owned(),
        Some(StreamError::InvalidCommentData) => "expected no '--' inside a comment".to_owned(),
        Some(StreamError::InvalidCommentEnd) => "expected no '-' before '-->'".to_owned(),
        Some(StreamError::InvalidCharacterData) => "expected no ']]>' in text".to_owned(),
    };
    (pos, format!("malformed XML in {what}: {detail}"))
}

/// Byte offset of a 1-based (row, column-in-characters) position.
pub fn offset_of(text: &str, row: u32, col: u32) -> usize {
    let mut start = 0;
    for _ in 1..row {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let line = &text[start..];
    start + line.char_indices().nth(col.saturating_sub(1) as usize).map_or(line.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_characters() {
        assert_eq!(offset_of("ab\nçd", 2, 2), 5);
        assert_eq!(offset_of("ab", 1, 9), 2);
        assert_eq!(offset_of("ab", 4, 1), 2);
    }
}
