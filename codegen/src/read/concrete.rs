//! The type a concrete value in a vendor's example stands for (`documented` pages). Each rule accepts only
//! what no other type would write the same way; anything it could mistake (a code with
//! leading zeros, a number too long for any integer, text that happens to be valid
//! base64) stays a string, and says why.

use crate::ir::Primitive;

/// A value's type, and the reason when it was kept a string despite looking like more.
#[derive(Debug, PartialEq, Eq)]
pub struct Guess {
    pub ty: Primitive,
    pub doubt: Option<&'static str>,
}

fn sure(ty: Primitive) -> Guess {
    Guess { ty, doubt: None }
}

fn string(doubt: &'static str) -> Guess {
    Guess { ty: Primitive::String, doubt: Some(doubt) }
}

pub fn guess(text: &str) -> Guess {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if text == "true" || text == "false" {
        return sure(Primitive::Boolean);
    }
    if digits(unsigned) {
        if unsigned.len() > 1 && unsigned.starts_with('0') {
            return string("leading zeros are kept by codes and identifiers, not numbers");
        }
        // Past i64: an account or card number, not a quantity.
        if text.parse::<i64>().is_err() {
            return string("too long for a 64-bit integer");
        }
        return sure(Primitive::Long);
    }
    if let Some((int, frac)) = unsigned.split_once('.') {
        if digits(int) && digits(frac) {
            if frac.contains('.') || (int.len() > 1 && int.starts_with('0')) {
                return string("not a decimal number as XML Schema writes one");
            }
            return sure(Primitive::Decimal);
        }
        if digits(int) && frac.split('.').all(digits) {
            return string("dotted numbers are versions or addresses");
        }
    }
    if let Some(rest) = date(text) {
        return match rest {
            "" | "Z" => sure(Primitive::Date),
            r if zone(r) => sure(Primitive::Date),
            r => match r.strip_prefix('T').filter(|t| time(t)) {
                Some(_) => sure(Primitive::DateTime),
                None => string("starts like a date, but is no xs:date or xs:dateTime"),
            },
        };
    }
    if time(text) {
        return sure(Primitive::Time);
    }
    if guid(text) {
        return sure(Primitive::Guid);
    }
    if base64(text) {
        return sure(Primitive::Base64Binary);
    }
    Guess { ty: Primitive::String, doubt: None }
}

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `YYYY-MM-DD` with a valid month and day; returns what follows.
fn date(text: &str) -> Option<&str> {
    let b = text.as_bytes();
    if b.len() < 10 || !text.is_char_boundary(10) || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m, d) = (&text[..4], &text[5..7], &text[8..10]);
    if !(digits(y) && digits(m) && digits(d)) {
        return None;
    }
    let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| &text[10..])
}

/// `hh:mm:ss[.fff][Z|±hh:mm]`.
fn time(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() < 8 || !text.is_char_boundary(8) || b[2] != b':' || b[5] != b':' {
        return false;
    }
    let (h, m, s) = (&text[..2], &text[3..5], &text[6..8]);
    if !(digits(h) && digits(m) && digits(s)) {
        return false;
    }
    let ok = h.parse::<u32>().is_ok_and(|h| h <= 24)
        && m.parse::<u32>().is_ok_and(|m| m < 60)
        && s.parse::<u32>().is_ok_and(|s| s < 61);
    let mut rest = &text[8..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        rest = &frac[n..];
    }
    ok && (rest.is_empty() || rest == "Z" || zone(rest))
}

/// `±hh:mm`.
fn zone(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 6
        && (b[0] == b'+' || b[0] == b'-')
        && b[3] == b':'
        && digits(&text[1..3])
        && digits(&text[4..6])
}

/// `8-4-4-4-12` hex digits.
fn guid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Base64 only when it cannot be a word, a code or a path: padded with `=` to a multiple
/// of four, or long and mixing upper case, lower case and digits with `+` or `/`.
fn base64(text: &str) -> bool {
    let body = text.trim_end_matches('=');
    let padding = text.len() - body.len();
    let alphabet = body.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/');
    if !alphabet || text.len() % 4 != 0 || padding > 2 || body.is_empty() {
        return false;
    }
    let has = |f: fn(&u8) -> bool| body.as_bytes().iter().any(f);
    let mixed =
        has(u8::is_ascii_uppercase) && has(u8::is_ascii_lowercase) && has(u8::is_ascii_digit);
    (padding > 0 && text.len() >= 8)
        || (text.len() >= 24 && mixed && has(|b| *b == b'+' || *b == b'/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ty(text: &str) -> Primitive {
        guess(text).ty
    }

    #[test]
    fn unambiguous_values() {
        assert_eq!(ty("true"), Primitive::Boolean);
        assert_eq!(ty("false"), Primitive::Boolean);
        assert_eq!(ty("3"), Primitive::Long);
        assert_eq!(ty("-42"), Primitive::Long);
        assert_eq!(ty("0"), Primitive::Long);
        assert_eq!(ty("12.50"), Primitive::Decimal);
        assert_eq!(ty("-0.5"), Primitive::Decimal);
        assert_eq!(ty("2024-05-01T10:00:00Z"), Primitive::DateTime);
        assert_eq!(ty("2024-05-01T10:00:00.125+02:00"), Primitive::DateTime);
        assert_eq!(ty("2024-05-01"), Primitive::Date);
        assert_eq!(ty("2024-05-01Z"), Primitive::Date);
        assert_eq!(ty("10:30:00"), Primitive::Time);
        assert_eq!(ty("10:30:00.5Z"), Primitive::Time);
        assert_eq!(ty("3f2504e0-4f89-11d3-9a0c-0305e82c3301"), Primitive::Guid);
        assert_eq!(ty("SGVsbG8gd29ybGQ="), Primitive::Base64Binary);
        assert_eq!(ty("U29hcGdlbiByZWFkcyBkb2NzLg/+abc123XY"), Primitive::Base64Binary);
    }

    #[test]
    fn ambiguous_values_stay_strings() {
        for text in [
            "007",
            "01234",
            "12345678901234567890",
            "1.2.3",
            "10.0.0.1",
            "00.5",
            "2024-13-01",
            "2024-05-01 10:00",
            "2024-05-01T25:00",
            "25:00:00",
            "abcd",
            "Test",
            "usr/local/bin/ab",
            "ABCDEFGH",
            "1e5",
            "0x1F",
            "+1 555 0100",
            "3f2504e0-4f89-11d3-9a0c",
            "",
            "€€€€€€€€€€",
        ] {
            assert_eq!(ty(text), Primitive::String, "{text}");
        }
        assert!(guess("007").doubt.is_some());
        assert!(guess("12345678901234567890").doubt.is_some());
        assert!(guess("1.2.3").doubt.is_some());
        assert!(guess("2024-05-01 10:00").doubt.is_some());
        assert_eq!(guess("hello").doubt, None);
    }
}
