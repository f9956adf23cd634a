//! `XmlValue` for Rust's own scalar types.

use std::fmt::Write as _;
use std::num::IntErrorKind;

use super::digits::push_u64;
use super::{ValueError, XmlValue, trim};

impl XmlValue for String {
    const XSD_TYPE: &'static str = "string";

    fn write_lexical(&self, out: &mut String) {
        out.push_str(self);
    }

    fn as_lexical_str(&self) -> Option<&str> {
        Some(self)
    }

    /// Kept exactly as read: strings have no whitespace rule.
    fn parse_lexical(text: &str) -> Result<Self, ValueError> {
        Ok(text.to_owned())
    }
}

/// Write-only: `str` cannot be parsed into, but literals can be written without copying.
impl XmlValue for str {
    const XSD_TYPE: &'static str = "string";

    fn write_lexical(&self, out: &mut String) {
        out.push_str(self);
    }

    fn as_lexical_str(&self) -> Option<&str> {
        Some(self)
    }
}

impl XmlValue for bool {
    const XSD_TYPE: &'static str = "boolean";

    fn write_lexical(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }

    fn as_lexical_str(&self) -> Option<&str> {
        Some(if *self { "true" } else { "false" })
    }

    fn parse_lexical(text: &str) -> Result<Self, ValueError> {
        match trim(text) {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            _ => Err(ValueError::new("not true, false, 1 or 0")),
        }
    }
}

macro_rules! integer {
    ($($t:ty => $xsd:literal),* $(,)?) => {$(
        impl XmlValue for $t {
            const XSD_TYPE: &'static str = $xsd;

            fn write_lexical(&self, out: &mut String) {
                let v = i128::from(*self);
                if v < 0 {
                    out.push('-');
                }
                // Every integer type here fits in u64 once its sign is written.
                push_u64(out, v.unsigned_abs() as u64);
            }

            fn parse_lexical(text: &str) -> Result<Self, ValueError> {
                let text = trim(text);
                text.parse::<$t>().or_else(|e| match e.kind() {
                    // "-0" is a valid lexical form even for unsigned types.
                    IntErrorKind::InvalidDigit if is_negative_zero(text) => Ok(0),
                    IntErrorKind::PosOverflow | IntErrorKind::NegOverflow => Err(ValueError::new("out of range")),
                    IntErrorKind::Empty => Err(ValueError::new("empty")),
                    _ => Err(ValueError::new("not an integer")),
                })
            }
        }
    )*};
}

integer! {
    i8 => "byte",
    i16 => "short",
    i32 => "int",
    i64 => "long",
    u8 => "unsignedByte",
    u16 => "unsignedShort",
    u32 => "unsignedInt",
    u64 => "unsignedLong",
}

fn is_negative_zero(text: &str) -> bool {
    text.strip_prefix('-').is_some_and(|z| !z.is_empty() && z.bytes().all(|b| b == b'0'))
}

macro_rules! float {
    ($($t:ty => $xsd:literal),* $(,)?) => {$(
        impl XmlValue for $t {
            const XSD_TYPE: &'static str = $xsd;

            /// The shortest form that reads back to the same value; exponent notation only
            /// for very large or small magnitudes.
            fn write_lexical(&self, out: &mut String) {
                let v = *self;
                if v.is_nan() {
                    out.push_str("NaN");
                } else if v.is_infinite() {
                    out.push_str(if v > 0.0 { "INF" } else { "-INF" });
                } else if v == 0.0 || (1e-5..1e15).contains(&v.abs()) {
                    let _ = write!(out, "{v}");
                } else {
                    let _ = write!(out, "{v:e}");
                }
            }

            fn parse_lexical(text: &str) -> Result<Self, ValueError> {
                match trim(text) {
                    "INF" | "+INF" => Ok(<$t>::INFINITY),
                    "-INF" => Ok(<$t>::NEG_INFINITY),
                    "NaN" => Ok(<$t>::NAN),
                    // Rust also accepts "inf", "nan" and "infinity"; XML Schema does not.
                    t if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'e' | b'E')) => {
                        t.parse::<$t>().map_err(|_| ValueError::new("not a number"))
                    }
                    _ => Err(ValueError::new("not a number")),
                }
            }
        }
    )*};
}

float! {
    f32 => "float",
    f64 => "double",
}

/// .NET's `char`: a UTF-16 code unit written as a decimal number (`'A'` is `65`).
impl XmlValue for char {
    const XSD_TYPE: &'static str = "char";

    fn write_lexical(&self, out: &mut String) {
        let _ = write!(out, "{}", u32::from(*self));
    }

    fn parse_lexical(text: &str) -> Result<Self, ValueError> {
        let code = u32::parse_lexical(text).map_err(|_| ValueError::new("not a character code"))?;
        // Surrogate halves (0xD800..=0xDFFF) are not characters on their own.
        char::from_u32(code).ok_or_else(|| ValueError::new("not a Unicode scalar value"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexical<V: XmlValue>(v: &V) -> String {
        let mut s = String::new();
        v.write_lexical(&mut s);
        s
    }

    fn round_trip<V: XmlValue + PartialEq + std::fmt::Debug>(v: V) {
        let s = lexical(&v);
        assert_eq!(V::parse_lexical(&s).as_ref(), Ok(&v), "{s}");
    }

    #[test]
    fn integers_round_trip_at_the_extremes() {
        round_trip(i64::MIN);
        round_trip(i64::MAX);
        round_trip(u64::MAX);
        round_trip(i8::MIN);
        round_trip(u8::MAX);
        round_trip(0u32);
        assert_eq!(lexical(&i64::MIN), "-9223372036854775808");
        assert_eq!(lexical(&u64::MAX), "18446744073709551615");
    }

    #[test]
    fn integers_accept_plus_whitespace_and_negative_zero() {
        assert_eq!(i32::parse_lexical(" +42\n"), Ok(42));
        assert_eq!(u16::parse_lexical("-0"), Ok(0));
        assert_eq!(i8::parse_lexical("128"), Err(ValueError::new("out of range")));
        assert_eq!(u32::parse_lexical("-1"), Err(ValueError::new("not an integer")));
        assert_eq!(i32::parse_lexical(""), Err(ValueError::new("empty")));
        assert!(i32::parse_lexical("1 2").is_err());
        assert!(i32::parse_lexical("0x10").is_err());
    }

    #[test]
    fn booleans() {
        assert_eq!(bool::parse_lexical(" 1 "), Ok(true));
        assert_eq!(bool::parse_lexical("false"), Ok(false));
        assert_eq!(bool::parse_lexical("0"), Ok(false));
        assert!(bool::parse_lexical("True").is_err());
        assert_eq!(lexical(&true), "true");
        round_trip(false);
    }

    #[test]
    fn floats_special_values() {
        assert_eq!(lexical(&f64::INFINITY), "INF");
        assert_eq!(lexical(&f64::NEG_INFINITY), "-INF");
        assert_eq!(lexical(&f32::NAN), "NaN");
        assert_eq!(f64::parse_lexical("-INF"), Ok(f64::NEG_INFINITY));
        assert!(f64::parse_lexical("NaN").unwrap().is_nan());
        for bad in ["inf", "nan", "Infinity", "", "1,5", "0x1p3", " "] {
            assert!(f64::parse_lexical(bad).is_err(), "{bad:?}");
        }
        assert_eq!(f64::parse_lexical(" 1.5E3 "), Ok(1500.0));
        assert_eq!(f64::parse_lexical(".5"), Ok(0.5));
    }

    #[test]
    fn floats_write_the_shortest_round_trip_form() {
        assert_eq!(lexical(&0.1f64), "0.1");
        assert_eq!(lexical(&1.0f64), "1");
        assert_eq!(lexical(&-0.0f64), "-0");
        assert_eq!(lexical(&1e300f64), "1e300");
        assert_eq!(lexical(&1.5e-7f64), "1.5e-7");
        assert_eq!(lexical(&0.1f32), "0.1");
        assert_eq!(lexical(&16777216f32), "16777216");
        // Every bit pattern comes back identical (NaN aside), via a cheap generator.
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            for v in [f64::from_bits(x), f64::from(f32::from_bits(x as u32))] {
                if !v.is_nan() {
                    let back = f64::parse_lexical(&lexical(&v)).unwrap();
                    assert_eq!(back.to_bits(), v.to_bits(), "{v:e}");
                }
            }
            let f = f32::from_bits((x >> 32) as u32);
            if !f.is_nan() {
                assert_eq!(
                    f32::parse_lexical(&lexical(&f)).unwrap().to_bits(),
                    f.to_bits(),
                    "{f:e}"
                );
            }
        }
    }

    #[test]
    fn chars_are_utf16_code_unit_numbers() {
        assert_eq!(lexical(&'A'), "65");
        assert_eq!(char::parse_lexical("65"), Ok('A'));
        assert_eq!(char::parse_lexical("233"), Ok('é'));
        assert!(char::parse_lexical("55296").is_err()); // 0xD800, a lone surrogate
        assert!(char::parse_lexical("A").is_err());
        round_trip('\u{FFFD}');
    }

    #[test]
    fn strings_are_preserved_exactly() {
        assert_eq!(String::parse_lexical("  a \r\n b  "), Ok("  a \r\n b  ".to_owned()));
        assert_eq!("x".to_owned().as_lexical_str(), Some("x"));
    }
}
