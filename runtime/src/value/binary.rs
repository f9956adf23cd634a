//! `Base64Binary` and `HexBinary`: bytes with a text encoding.

use std::borrow::Cow;

use base64::Engine as _;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

use super::{ValueError, XmlValue, lexical_display_from_str, trim};

/// Standard alphabet; writes padding, reads with or without it.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// `xs:base64Binary` (.NET `byte[]`). Whitespace inside the text is ignored when reading,
/// as line-wrapped encoders produce it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Base64Binary(pub Vec<u8>);

/// `xs:hexBinary`; written in upper case (the canonical form), read in either case.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct HexBinary(pub Vec<u8>);

impl XmlValue for Base64Binary {
    const XSD_TYPE: &'static str = "base64Binary";

    fn attachment_bytes(&self) -> Option<&[u8]> {
        Some(&self.0)
    }

    fn write_lexical(&self, out: &mut String) {
        BASE64.encode_string(&self.0, out);
    }

    fn parse_lexical(text: &str) -> Result<Self, ValueError> {
        let compact: Cow<'_, str> = if text.bytes().any(|b| b.is_ascii_whitespace()) {
            Cow::Owned(text.chars().filter(|c| !c.is_ascii_whitespace()).collect())
        } else {
            Cow::Borrowed(text)
        };
        BASE64
            .decode(compact.as_bytes())
            .map(Base64Binary)
            .map_err(|_| ValueError::new("not valid base64"))
    }
}

impl XmlValue for HexBinary {
    const XSD_TYPE: &'static str = "hexBinary";

    fn write_lexical(&self, out: &mut String) {
        const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
        out.reserve(self.0.len() * 2);
        for &b in &self.0 {
            out.push(char::from(DIGITS[usize::from(b >> 4)]));
            out.push(char::from(DIGITS[usize::from(b & 0xF)]));
        }
    }

    fn parse_lexical(text: &str) -> Result<Self, ValueError> {
        let text = trim(text).as_bytes();
        if text.len() % 2 != 0 {
            return Err(ValueError::new("odd number of hex digits"));
        }
        text.chunks_exact(2)
            .map(|pair| Some(hex_digit(pair[0])? << 4 | hex_digit(pair[1])?))
            .collect::<Option<Vec<u8>>>()
            .map(HexBinary)
            .ok_or_else(|| ValueError::new("not a hex digit"))
    }
}

/// Bytes in and out: `From<Vec<u8>>`, `From<&[u8]>`, `From<[u8; N]>`, into `Vec<u8>`,
/// `AsRef<[u8]>` and `Deref<Target = [u8]>` (so `&value[..4]`, `value.len()`).
macro_rules! bytes_courtesy {
    ($($t:ident),*) => {$(
        impl $t {
            /// The bytes, without copying.
            pub fn into_bytes(self) -> Vec<u8> {
                self.0
            }
        }

        impl From<Vec<u8>> for $t {
            fn from(bytes: Vec<u8>) -> Self {
                $t(bytes)
            }
        }

        impl From<&[u8]> for $t {
            fn from(bytes: &[u8]) -> Self {
                $t(bytes.to_vec())
            }
        }

        impl<const N: usize> From<[u8; N]> for $t {
            fn from(bytes: [u8; N]) -> Self {
                $t(bytes.to_vec())
            }
        }

        impl From<$t> for Vec<u8> {
            fn from(value: $t) -> Self {
                value.0
            }
        }

        impl AsRef<[u8]> for $t {
            fn as_ref(&self) -> &[u8] {
                &self.0
            }
        }

        impl std::ops::Deref for $t {
            type Target = [u8];

            fn deref(&self) -> &[u8] {
                &self.0
            }
        }
    )*};
}

bytes_courtesy!(Base64Binary, HexBinary);

pub(crate) fn hex_digit(b: u8) -> Option<u8> {
    char::from(b).to_digit(16).map(|d| d as u8)
}

lexical_display_from_str!(Base64Binary, HexBinary);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_and_ignores_whitespace() {
        let bytes: Vec<u8> = (0..=255).collect();
        let v = Base64Binary(bytes.clone());
        let text = v.to_string();
        assert_eq!(text.parse::<Base64Binary>().unwrap(), v);
        let wrapped: String = text
            .as_bytes()
            .chunks(76)
            .map(|c| std::str::from_utf8(c).unwrap())
            .collect::<Vec<_>>()
            .join("\r\n");
        assert_eq!(Base64Binary::parse_lexical(&format!(" {wrapped}\n")).unwrap().0, bytes);
        assert_eq!(Base64Binary(b"hi".to_vec()).to_string(), "aGk=");
        assert_eq!(Base64Binary::parse_lexical("aGk").unwrap().0, b"hi");
        assert_eq!(Base64Binary::parse_lexical("").unwrap().0, b"");
        assert!(Base64Binary::parse_lexical("a*b=").is_err());
    }

    #[test]
    fn bytes_go_in_and_come_out_without_ceremony() {
        fn takes_bytes(b: impl AsRef<[u8]>) -> usize {
            b.as_ref().len()
        }
        let v = Base64Binary::from(b"hi".as_slice());
        assert_eq!(&*v, b"hi");
        assert_eq!(v.len(), 2);
        assert_eq!(takes_bytes(&v), 2);
        assert_eq!(Base64Binary::from(vec![1, 2]).into_bytes(), [1, 2]);
        assert_eq!(Vec::from(HexBinary::from([0xAB, 0xCD])), [0xAB, 0xCD]);
        let h: HexBinary = vec![0xFF].into();
        assert_eq!((h.to_string(), &h[..]), ("FF".to_owned(), &[0xFF][..]));
    }

    #[test]
    fn hex_round_trips_in_either_case() {
        let v = HexBinary(vec![0x00, 0xAB, 0xFF, 0x10]);
        assert_eq!(v.to_string(), "00ABFF10");
        assert_eq!(HexBinary::parse_lexical(" 00abFF10 ").unwrap(), v);
        assert!(HexBinary::parse_lexical("ABC").is_err());
        assert!(HexBinary::parse_lexical("GG").is_err());
        assert!(HexBinary::parse_lexical("+1").is_err());
    }
}
