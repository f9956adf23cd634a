//! `Decimal`: xs:decimal kept exact as its lexical form.

use super::{ValueError, XmlValue, lexical_display_from_str, trim};

/// An exact `xs:decimal`, stored as its validated lexical form and never passed through a
/// float.
///
/// Normalization is minimal: a leading `+` and redundant leading zeros go ("007.50" is
/// "7.50"), everything else stays as sent, so "1.50" round-trips as "1.50". Equality is
/// therefore lexical: "1.5" and "1.50" are different values of this type.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Decimal(String);

impl Decimal {
    /// Validates and normalizes a lexical xs:decimal (surrounding whitespace ignored).
    pub fn new(text: &str) -> Result<Self, ValueError> {
        let text = trim(text);
        let (negative, unsigned) = match text.as_bytes().first() {
            Some(b'-') => (true, &text[1..]),
            Some(b'+') => (false, &text[1..]),
            _ => (false, text),
        };
        // One pass: digits with at most one point, and at least one digit.
        let mut point = None;
        for (i, &b) in unsigned.as_bytes().iter().enumerate() {
            if b == b'.' && point.is_none() {
                point = Some(i);
            } else if !b.is_ascii_digit() {
                return Err(ValueError::new("not a decimal number"));
            }
        }
        if unsigned.len() == usize::from(point.is_some()) {
            return Err(ValueError::new("not a decimal number"));
        }
        let (int, rest) = unsigned.split_at(point.unwrap_or(unsigned.len()));
        let redundant_zeros = int.len() > 1 && int.starts_with('0');
        if !redundant_zeros && !text.starts_with('+') {
            // Already normal, as sent nearly always: one copy.
            return Ok(Decimal(text.to_owned()));
        }
        let significant = int.trim_start_matches('0');
        let int = if significant.is_empty() && !int.is_empty() { "0" } else { significant };
        let mut out = String::with_capacity(text.len());
        if negative {
            out.push('-');
        }
        out.push_str(int);
        // `rest` is the point and the fraction, or nothing.
        out.push_str(rest);
        Ok(Decimal(out))
    }

    /// The normalized lexical form.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The nearest `f64`; lossy, which is why it is not a `From` conversion.
    pub fn to_f64(&self) -> f64 {
        // A validated decimal always parses as a float ("5." and ".5" included).
        self.0.parse().unwrap_or(f64::NAN)
    }
}

/// Every integer is a decimal, exactly. (Floats are not: see [`Decimal::new`] with the
/// digits you mean.)
macro_rules! from_integer {
    ($($t:ty),*) => {$(
        impl From<$t> for Decimal {
            fn from(v: $t) -> Self {
                Decimal(v.to_string())
            }
        }
    )*};
}

from_integer!(i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize);

impl AsRef<str> for Decimal {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<Decimal> for String {
    /// The normalized lexical form.
    fn from(value: Decimal) -> Self {
        value.0
    }
}

impl XmlValue for Decimal {
    const XSD_TYPE: &'static str = "decimal";

    fn write_lexical(&self, out: &mut String) {
        out.push_str(&self.0);
    }

    fn as_lexical_str(&self) -> Option<&str> {
        Some(&self.0)
    }

    fn parse_lexical(text: &str) -> Result<Self, ValueError> {
        Decimal::new(text)
    }
}

lexical_display_from_str!(Decimal);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_digits_and_strips_only_redundancy() {
        for (input, normal) in [
            ("1.50", "1.50"),
            ("-0.000123", "-0.000123"),
            ("+007.5", "7.5"),
            ("000", "0"),
            ("0.0", "0.0"),
            (" 12 ", "12"),
            (".5", ".5"),
            ("5.", "5."),
            ("-0", "-0"),
            ("79228162514264337593543950335", "79228162514264337593543950335"),
            ("+0", "0"),
            ("-007", "-7"),
            ("+.5", ".5"),
            ("00.", "0."),
            ("-000.10", "-0.10"),
        ] {
            let d = Decimal::new(input).unwrap();
            assert_eq!(d.as_str(), normal, "{input}");
            assert_eq!(Decimal::new(&format!("{d}")), Ok(d));
        }
    }

    #[test]
    fn refuses_non_decimals() {
        for bad in [
            "", ".", "-", "+.", "-.", "1e5", "1.2.3", "--1", "+-1", "1,5", "NaN", "INF", "0x10",
            "1 2", "1..", "é",
        ] {
            assert!(Decimal::new(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn conversions() {
        assert_eq!(Decimal::from(i64::MIN).as_str(), "-9223372036854775808");
        assert_eq!(Decimal::from(u64::MAX).as_str(), "18446744073709551615");
        assert_eq!(Decimal::new("-0.000123").unwrap().to_f64(), -0.000123);
        assert_eq!("2.50".parse::<Decimal>().unwrap().to_string(), "2.50");
        assert_eq!(Decimal::from(-7i32).as_str(), "-7");
        assert_eq!(Decimal::from(u128::MAX).as_ref(), "340282366920938463463374607431768211455");
        assert_eq!(String::from(Decimal::new("+01.20").unwrap()), "1.20");
    }
}
