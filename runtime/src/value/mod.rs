//! XML Schema scalar values: the [`XmlValue`] trait, its implementations for Rust's
//! primitives, and the runtime's own types for what Rust lacks.

mod binary;
mod clock;
mod datetime;
mod decimal;
mod digits;
mod duration;
mod guid;
mod primitive;
mod qname;

use std::borrow::Cow;
use std::fmt;

pub use binary::{Base64Binary, HexBinary};
pub(crate) use clock::civil_from_days;
pub use datetime::{Date, DateTime, Time, TzOffset};
pub use decimal::Decimal;
pub use duration::Duration;
pub use guid::Guid;
pub use qname::QName;

/// A value with an XML Schema lexical form, used for text content and attributes.
///
/// Not bound by `Sized`, so `str` can be written directly; only parsing needs `Sized`.
pub trait XmlValue {
    /// Appends the lexical form, unescaped (the writer escapes as needed).
    fn write_lexical(&self, out: &mut String);

    /// Fast path for string-like values: the lexical form without copying.
    fn as_lexical_str(&self) -> Option<&str> {
        None
    }

    /// The type's namespace and name, written as `xsi:type` in SOAP-encoded requests: an
    /// XML Schema built-in (`xsd:int`) unless a generated enumeration names its own.
    fn schema_type(&self) -> (&'static str, &'static str) {
        (crate::xml::XSD_NS, Self::XSD_TYPE)
    }

    /// The bytes of a `base64Binary` value, which an MTOM request sends as an attachment.
    #[doc(hidden)]
    fn attachment_bytes(&self) -> Option<&[u8]> {
        None
    }

    /// Parses the lexical form. Non-string types ignore leading and trailing whitespace,
    /// as XML Schema's `collapse` rule says.
    fn parse_lexical(text: &str) -> Result<Self, ValueError>
    where
        Self: Sized;

    /// The XML Schema type name, for error messages ("expected int").
    const XSD_TYPE: &'static str;
}

/// Why a lexical form could not be parsed. Never quotes the text, which may be a secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueError {
    message: Cow<'static, str>,
}

impl ValueError {
    /// An error with `message`, which must not contain the offending text.
    pub fn new(message: impl Into<Cow<'static, str>>) -> Self {
        ValueError { message: message.into() }
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ValueError {}

/// `text` without XML whitespace at either end.
#[inline]
pub(crate) fn trim(text: &str) -> &str {
    let is_space = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r');
    let bytes = text.as_bytes();
    // Values nearly always come untrimmed-clean: two byte checks and done.
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) if !is_space(first) && !is_space(last) => return text,
        _ => {}
    }
    let start = bytes.iter().position(|b| !is_space(b)).unwrap_or(bytes.len());
    let end = bytes.iter().rposition(|b| !is_space(b)).map_or(start, |i| i + 1);
    // Both ends are next to ASCII whitespace (or the ends of the text): char boundaries.
    text.get(start..end).unwrap_or_default()
}

/// Implements `Display` and `FromStr` through the lexical form.
macro_rules! lexical_display_from_str {
    ($($t:ty),* $(,)?) => {$(
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let mut s = String::new();
                $crate::value::XmlValue::write_lexical(self, &mut s);
                f.write_str(&s)
            }
        }

        impl std::str::FromStr for $t {
            type Err = $crate::value::ValueError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                <$t as $crate::value::XmlValue>::parse_lexical(s)
            }
        }
    )*};
}
pub(crate) use lexical_display_from_str;

#[cfg(test)]
mod tests {
    use super::trim;

    #[test]
    fn trim_removes_only_xml_whitespace() {
        for (text, trimmed) in [
            ("42", "42"),
            (" \t\r\n42 \n", "42"),
            ("  ", ""),
            ("", ""),
            ("\u{A0}1\u{A0}", "\u{A0}1\u{A0}"),
            (" é ", "é"),
            ("a b", "a b"),
        ] {
            assert_eq!(trim(text), trimmed, "{text:?}");
        }
    }
}
