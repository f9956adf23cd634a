//! Building errors: position, element path, and the tokenizer's complaints in our words.

use xmlparser::StreamError;

use super::XmlReader;
use crate::xml::XmlError;
use crate::xml::error::line_column;

impl XmlReader<'_> {
    /// `/a/b/c` for the first `depth` open elements, then `extra` if given.
    pub(super) fn path(&self, depth: usize, extra: Option<&str>) -> String {
        let mut path = String::new();
        for open in &self.stack[..depth.min(self.stack.len())] {
            path.push('/');
            path.push_str(open.local);
        }
        if let Some(extra) = extra {
            path.push('/');
            path.push_str(extra);
        }
        path
    }

    #[cold]
    pub(super) fn error_with_path(&self, offset: usize, message: String, path: String) -> XmlError {
        let (line, column) = line_column(self.xml, offset);
        XmlError::at(message, line, column, path)
    }

    /// Builds an error in the current element and remembers it: the reader is unusable after.
    #[cold]
    pub(super) fn fail_at(&mut self, offset: usize, message: String) -> XmlError {
        let path = self.path(self.stack.len(), None);
        self.fail_with_path(offset, message, path)
    }

    #[cold]
    pub(super) fn fail_with_path(
        &mut self,
        offset: usize,
        message: String,
        path: String,
    ) -> XmlError {
        let error = self.error_with_path(offset, message, path);
        self.failed = Some(error.clone());
        error
    }

    #[cold]
    pub(super) fn syntax_error(&mut self, e: &xmlparser::Error) -> XmlError {
        use xmlparser::Error as E;
        let (what, cause) = match e {
            E::InvalidDeclaration(c, _) => ("invalid XML declaration", Some(c)),
            E::InvalidComment(c, _) => ("invalid comment", Some(c)),
            E::InvalidPI(c, _) => ("invalid processing instruction", Some(c)),
            E::InvalidDoctype(..) | E::InvalidEntity(..) => {
                ("DOCTYPE and entity declarations are not allowed", None)
            }
            E::InvalidElement(c, _) => ("invalid element", Some(c)),
            E::InvalidAttribute(c, _) => ("invalid attribute", Some(c)),
            E::InvalidCdata(c, _) => ("invalid CDATA section", Some(c)),
            E::InvalidCharData(c, _) => ("invalid character data", Some(c)),
            E::UnknownToken(_) => ("unexpected content outside the root element", None),
        };
        let pos = cause.and_then(stream_error_pos).unwrap_or_else(|| e.pos());
        let message = match cause {
            Some(cause) => format!("{what}: {}", describe(cause)),
            None => what.to_owned(),
        };
        let error = XmlError::at(
            message,
            pos.row as usize,
            pos.col as usize,
            self.path(self.stack.len(), None),
        );
        self.failed = Some(error.clone());
        error
    }
}

pub(super) fn qname(prefix: &str, local: &str) -> String {
    if prefix.is_empty() { local.to_owned() } else { format!("{prefix}:{local}") }
}

fn stream_error_pos(e: &StreamError) -> Option<xmlparser::TextPos> {
    match *e {
        StreamError::NonXmlChar(_, pos)
        | StreamError::InvalidChar(_, _, pos)
        | StreamError::InvalidCharMultiple(_, _, pos)
        | StreamError::InvalidQuote(_, pos)
        | StreamError::InvalidSpace(_, pos)
        | StreamError::InvalidString(_, pos) => Some(pos),
        _ => None,
    }
}

/// The tokenizer's complaint, without its own position (ours comes first) and quoting at
/// most one character of the document.
fn describe(e: &StreamError) -> String {
    let show = |b: u8| char::from(b).escape_debug().to_string();
    match *e {
        StreamError::UnexpectedEndOfStream => "unexpected end of document".into(),
        StreamError::InvalidName => "invalid name".into(),
        StreamError::NonXmlChar(c, _) => {
            format!("character U+{:04X} is not allowed in XML", u32::from(c))
        }
        StreamError::InvalidChar(actual, expected, _) => {
            format!("expected '{}', found '{}'", show(expected), show(actual))
        }
        StreamError::InvalidCharMultiple(actual, expected, _) => {
            let expected: Vec<String> =
                expected.iter().map(|&b| format!("'{}'", show(b))).collect();
            format!("expected one of {}, found '{}'", expected.join(", "), show(actual))
        }
        StreamError::InvalidQuote(actual, _) => {
            format!("expected a quote, found '{}'", show(actual))
        }
        StreamError::InvalidSpace(actual, _) => {
            format!("expected whitespace, found '{}'", show(actual))
        }
        StreamError::InvalidString(expected, _) => format!("expected '{expected}'"),
        StreamError::InvalidReference => "invalid reference".into(),
        StreamError::InvalidExternalID => "invalid external ID".into(),
        StreamError::InvalidCommentData => "'--' is not allowed in comments".into(),
        StreamError::InvalidCommentEnd => "a comment cannot end with '-'".into(),
        StreamError::InvalidCharacterData => "']]>' is not allowed in text".into(),
    }
}
