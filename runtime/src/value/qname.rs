//! `QName`: an `xs:QName` value such as `tns:Widget`.

use super::{ValueError, XmlValue, lexical_display_from_str, trim};

/// An `xs:QName` as sent: an optional prefix and a local name, plus the namespace the
/// prefix stands for, which only the reader's scope knows (fill it from
/// [`XmlReader::resolve_prefix`](crate::XmlReader::resolve_prefix)).
///
/// The lexical form is `prefix:local`; the namespace is not part of it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct QName {
    /// The prefix, if the name had one.
    pub prefix: Option<String>,
    /// The local name.
    pub local: String,
    /// The namespace URI, once resolved.
    pub namespace: Option<String>,
}

impl XmlValue for QName {
    const XSD_TYPE: &'static str = "QName";

    fn write_lexical(&self, out: &mut String) {
        if let Some(prefix) = &self.prefix {
            out.push_str(prefix);
            out.push(':');
        }
        out.push_str(&self.local);
    }

    fn parse_lexical(text: &str) -> Result<Self, ValueError> {
        let text = trim(text);
        let (prefix, local) = match text.split_once(':') {
            Some((prefix, local)) => (Some(prefix), local),
            None => (None, text),
        };
        let is_name = |s: &str| {
            !s.is_empty()
                && !s.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | '.'))
                && !s.contains(|c: char| {
                    c.is_whitespace() || matches!(c, ':' | '<' | '>' | '&' | '"' | '\'')
                })
        };
        if !is_name(local) || prefix.is_some_and(|p| !is_name(p)) {
            return Err(ValueError::new("not a qualified name"));
        }
        Ok(QName { prefix: prefix.map(str::to_owned), local: local.to_owned(), namespace: None })
    }
}

lexical_display_from_str!(QName);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_round_trip() {
        let q: QName = " soap:Client ".parse().unwrap();
        assert_eq!(q.prefix.as_deref(), Some("soap"));
        assert_eq!(q.local, "Client");
        assert_eq!(q.to_string(), "soap:Client");
        let bare: QName = "Client".parse().unwrap();
        assert_eq!(bare.prefix, None);
        assert_eq!(bare.to_string().parse::<QName>().unwrap(), bare);
        for bad in ["", ":a", "a:", "a:b:c", "1a", "a b"] {
            assert!(bad.parse::<QName>().is_err(), "{bad:?}");
        }
    }
}
