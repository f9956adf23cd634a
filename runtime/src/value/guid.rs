//! `Guid`: the .NET `System.Guid` as Microsoft's serialization schema writes it.

use std::fmt;

use super::binary::hex_digit;
use super::{ValueError, XmlValue, trim};

/// A GUID, stored in the order of its text form (not .NET's mixed-endian byte layout).
///
/// Written lowercase and hyphenated (`01234567-89ab-cdef-0123-456789abcdef`); read with or
/// without braces or hyphens, in either case.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Guid(pub [u8; 16]);

impl Guid {
    /// The 16 bytes, in text order.
    pub fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }
}

impl XmlValue for Guid {
    const XSD_TYPE: &'static str = "guid";

    fn write_lexical(&self, out: &mut String) {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        for (i, &b) in self.0.iter().enumerate() {
            if matches!(i, 4 | 6 | 8 | 10) {
                out.push('-');
            }
            out.push(char::from(DIGITS[usize::from(b >> 4)]));
            out.push(char::from(DIGITS[usize::from(b & 0xF)]));
        }
    }

    fn parse_lexical(text: &str) -> Result<Self, ValueError> {
        let invalid = || ValueError::new("not a GUID");
        let text = trim(text);
        let inner =
            text.strip_prefix('{').and_then(|t| t.strip_suffix('}')).unwrap_or(text).as_bytes();
        let hyphenated = inner.len() == 36;
        if !hyphenated && inner.len() != 32 {
            return Err(invalid());
        }
        if hyphenated && [8, 13, 18, 23].iter().any(|&i| inner[i] != b'-') {
            return Err(invalid());
        }
        let mut digits = inner.iter().copied().filter(|&b| !hyphenated || b != b'-');
        let mut bytes = [0u8; 16];
        for byte in &mut bytes {
            let (hi, lo) = (digits.next().ok_or_else(invalid)?, digits.next().ok_or_else(invalid)?);
            *byte = hex_digit(hi).ok_or_else(invalid)? << 4 | hex_digit(lo).ok_or_else(invalid)?;
        }
        if digits.next().is_some() {
            return Err(invalid());
        }
        Ok(Guid(bytes))
    }
}

impl From<[u8; 16]> for Guid {
    /// The bytes in text order.
    fn from(bytes: [u8; 16]) -> Self {
        Guid(bytes)
    }
}

impl From<Guid> for [u8; 16] {
    fn from(g: Guid) -> Self {
        g.0
    }
}

impl From<u128> for Guid {
    /// The number whose hexadecimal digits are the text form (as `uuid::Uuid::from_u128`).
    fn from(n: u128) -> Self {
        Guid(n.to_be_bytes())
    }
}

impl From<Guid> for u128 {
    fn from(g: Guid) -> Self {
        u128::from_be_bytes(g.0)
    }
}

impl AsRef<[u8]> for Guid {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Display for Guid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::with_capacity(36);
        self.write_lexical(&mut s);
        f.write_str(&s)
    }
}

impl fmt::Debug for Guid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Guid({self})")
    }
}

impl std::str::FromStr for Guid {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Guid::parse_lexical(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "01234567-89ab-cdef-0123-456789abcdef";

    #[test]
    fn parses_every_common_form() {
        let g: Guid = TEXT.parse().unwrap();
        assert_eq!(g.as_bytes()[0], 0x01);
        assert_eq!(g.as_bytes()[15], 0xef);
        for form in [
            "{01234567-89AB-CDEF-0123-456789ABCDEF}",
            "0123456789abcdef0123456789abcdef",
            " 01234567-89ab-cdef-0123-456789abcdef ",
        ] {
            assert_eq!(form.parse::<Guid>().unwrap(), g, "{form}");
        }
        assert_eq!(g.to_string(), TEXT);
        assert_eq!(format!("{g:?}"), format!("Guid({TEXT})"));
        assert_eq!(Guid::from(0x0123456789abcdef0123456789abcdef_u128), g);
        assert_eq!(u128::from(g), 0x0123456789abcdef0123456789abcdef);
        assert_eq!(<[u8; 16]>::from(g), *g.as_bytes());
        assert_eq!(Guid::from(*g.as_bytes()).as_ref(), g.as_bytes());
    }

    #[test]
    fn refuses_malformed() {
        for bad in [
            "",
            "{01234567-89ab-cdef-0123-456789abcdef",
            "0123456789ab-cdef-0123-456789abcdef0",
            "01234567-89ab-cdef-0123-456789abcdeg",
            "01234567-89ab-cdef-0123-456789abcde",
            "+1234567-89ab-cdef-0123-456789abcdef",
        ] {
            assert!(bad.parse::<Guid>().is_err(), "{bad}");
        }
    }
}
