//! Entity and character reference decoding, with the XML end-of-line and attribute-value
//! normalization a conforming parser applies.

use std::borrow::Cow;

/// Bytes that make a text run need decoding: `&` and a literal `\r` (turned into `\n`).
const fn special(attr: bool) -> [bool; 256] {
    let mut table = [false; 256];
    table[b'&' as usize] = true;
    table[b'\r' as usize] = true;
    // Attribute values also turn literal tabs and line feeds into spaces.
    table[b'\n' as usize] = attr;
    table[b'\t' as usize] = attr;
    table
}

const TEXT: [bool; 256] = special(false);
const ATTR: [bool; 256] = special(true);

/// A reference that could not be decoded: its byte offset in the raw text, and why.
#[derive(Debug, PartialEq)]
pub(crate) struct DecodeError {
    pub offset: usize,
    pub message: String,
}

/// Decodes raw text content (`attr == false`) or an attribute value: the five predefined
/// entities and numeric character references; anything else is an error, so no entity is
/// ever expanded. Borrows when there is nothing to decode.
#[inline]
pub(crate) fn decode(raw: &str, attr: bool) -> Result<Cow<'_, str>, DecodeError> {
    let first =
        if attr { first_special_attr(raw.as_bytes()) } else { first_special_text(raw.as_bytes()) };
    match first {
        None => Ok(Cow::Borrowed(raw)),
        Some(first) => decode_from(raw, first, attr).map(Cow::Owned),
    }
}

fn decode_from(raw: &str, first: usize, attr: bool) -> Result<String, DecodeError> {
    let table = if attr { &ATTR } else { &TEXT };
    let bytes = raw.as_bytes();
    let mut out = String::with_capacity(raw.len());
    let mut run = 0;
    let mut i = first;
    while i < bytes.len() {
        let b = bytes[i];
        if !table[b as usize] {
            i += 1;
            continue;
        }
        out.push_str(&raw[run..i]);
        match b {
            b'&' => {
                let (c, len) =
                    reference(&raw[i..]).map_err(|message| DecodeError { offset: i, message })?;
                out.push(c);
                i += len;
            }
            b'\r' => {
                out.push(if attr { ' ' } else { '\n' });
                i += if bytes.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
            }
            _ => {
                out.push(' ');
                i += 1;
            }
        }
        run = i;
    }
    out.push_str(&raw[run..]);
    Ok(out)
}

const LOW: u64 = u64::from_le_bytes([0x01; 8]);
const HIGH: u64 = u64::from_le_bytes([0x80; 8]);

/// High bit set in each byte of `v` equal to `b`. Exact in its lowest set bit (borrows only
/// carry upwards), which is all that is read.
#[inline]
fn bytes_equal(v: u64, b: u8) -> u64 {
    let x = v ^ (LOW * u64::from(b));
    x.wrapping_sub(LOW) & !x & HIGH
}

/// Index of the first `&` or `\r` in text, eight bytes at a time.
#[inline]
fn first_special_text(bytes: &[u8]) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(8);
    let mut i = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let v = u64::from_le_bytes(word);
        let found = bytes_equal(v, b'&') | bytes_equal(v, b'\r');
        if found != 0 {
            return Some(i + (found.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    chunks.remainder().iter().position(|&b| b == b'&' || b == b'\r').map(|p| p + i)
}

/// Index of the first byte of an attribute value that needs decoding. Skips eight bytes at
/// a time while none of them can be special: every special byte is `&` or below 0x20.
#[inline]
fn first_special_attr(bytes: &[u8]) -> Option<usize> {
    const SPACE: u64 = u64::from_le_bytes([0x20; 8]);
    let mut i = 0;
    while i + 8 <= bytes.len() {
        let mut word = [0u8; 8];
        word.copy_from_slice(&bytes[i..i + 8]);
        let v = u64::from_le_bytes(word);
        // Nonzero if some byte is below 0x20 or equals '&' (may also flag bytes >= 0x80,
        // which the exact check below then passes over).
        let below_space = v.wrapping_sub(SPACE) & !v & HIGH;
        if below_space | bytes_equal(v, b'&') != 0 {
            break;
        }
        i += 8;
    }
    bytes[i..].iter().position(|&b| ATTR[b as usize]).map(|p| p + i)
}

/// CDATA content: only line ends are normalized.
pub(crate) fn normalize_newlines(raw: &str) -> Cow<'_, str> {
    if raw.contains('\r') {
        Cow::Owned(raw.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(raw)
    }
}

/// The character a reference at the start of `s` (which begins with `&`) stands for, and
/// the reference's length in bytes.
fn reference(s: &str) -> Result<(char, usize), String> {
    // Names longer than this are never predefined entities or valid character references.
    const MAX_LEN: usize = 12;
    let Some(semi) = s.bytes().take(MAX_LEN + 2).position(|b| b == b';') else {
        return Err(format!("unterminated or unknown entity reference {}", excerpt(s)));
    };
    let name = &s[1..semi];
    let c = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "apos" => '\'',
        "quot" => '"',
        _ => match name.strip_prefix('#') {
            Some(number) => match char_reference(number) {
                Some(c) => c,
                None => {
                    let (c, len) = surrogate_pair(number, &s[semi + 1..])
                        .ok_or_else(|| format!("invalid character reference &{name};"))?;
                    return Ok((c, semi + 1 + len));
                }
            },
            None => {
                return Err(format!(
                    "unknown entity reference &{name}; (only the predefined XML entities are allowed)"
                ));
            }
        },
    };
    Ok((c, semi + 1))
}

/// `number` is what follows `&#`: decimal digits or `x` and hex digits.
fn char_reference(number: &str) -> Option<char> {
    let (digits, radix) = match number.strip_prefix('x') {
        Some(hex) => (hex, 16),
        None => (number, 10),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let code = u32::from_str_radix(digits, radix).ok()?;
    char::from_u32(code).filter(|&c| is_xml_char(c))
}

/// A character outside the BMP written as two references to its UTF-16 surrogates
/// (`&#xD83C;&#xDF89;`): not XML, but what Java serializers such as Axis 1's write. `high` is
/// the first reference's number; `rest` follows it. Returns the character and the length of
/// the second reference. A lone surrogate stays an error.
fn surrogate_pair(high: &str, rest: &str) -> Option<(char, usize)> {
    let code = |number: &str| match number.strip_prefix('x') {
        Some(hex) => u32::from_str_radix(hex, 16).ok(),
        None => number.parse().ok(),
    };
    let high = code(high).filter(|c| (0xD800..0xDC00).contains(c))?;
    let number = rest.strip_prefix("&#")?;
    let semi = number.bytes().take(10).position(|b| b == b';')?;
    let low = code(&number[..semi]).filter(|c| (0xDC00..0xE000).contains(c))?;
    let c = char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))?;
    Some((c, semi + 3))
}

/// The XML 1.0 `Char` production (surrogates are excluded by `char` itself).
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// A short, single-line excerpt of `s` for syntax errors.
fn excerpt(s: &str) -> String {
    let cut: String = s.chars().take(12).take_while(|c| !c.is_whitespace()).collect();
    if cut.len() < s.len() { format!("{cut}…") } else { cut }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borrows_plain_text() {
        assert!(matches!(decode("hello world", false), Ok(Cow::Borrowed("hello world"))));
    }

    #[test]
    fn surrogate_pairs_written_as_two_references_are_one_character() {
        assert_eq!(decode("a&#xD83C;&#xDF89;b&#55357;&#56832;", false).unwrap(), "a🎉b😀");
        for lone in ["&#xD83C;", "&#xD83C;x", "&#xDF89;", "&#xD83C;&#x41;", "&#xD83C;&#xD83C;"] {
            assert!(decode(lone, false).is_err(), "{lone}");
        }
    }

    #[test]
    fn decodes_predefined_and_numeric_references() {
        let s = decode("&lt;a&gt; &amp; &apos;&quot; &#65;&#x42;&#x1F600;", false).unwrap();
        assert_eq!(s, "<a> & '\" AB\u{1F600}");
    }

    #[test]
    fn normalizes_line_ends_and_attribute_whitespace() {
        assert_eq!(decode("a\r\nb\rc&#13;", false).unwrap(), "a\nb\nc\r");
        assert_eq!(decode("a\r\nb\tc\nd&#10;&#9;", true).unwrap(), "a b c d\n\t");
    }

    #[test]
    fn refuses_unknown_and_invalid_references() {
        let e = decode("ab&lol9;", false).unwrap_err();
        assert_eq!(e.offset, 2);
        assert!(e.message.contains("unknown entity reference &lol9;"), "{}", e.message);
        for bad in
            ["&#0;", "&#x1;", "&#xD800;", "&#xFFFE;", "&#;", "&#x;", "&#12a;", "&#99999999999;"]
        {
            assert!(decode(bad, false).is_err(), "{bad}");
        }
        assert!(decode("& amp;", false).is_err());
        assert!(decode("&amp", false).is_err());
    }

    #[test]
    fn finds_special_bytes_at_every_offset() {
        for len in 0..40 {
            for at in 0..len {
                for special in ["&amp;", "\r"] {
                    let mut s = "é".repeat(len / 2) + &"x".repeat(len % 2);
                    let cut = s.char_indices().map(|(i, _)| i).nth(at).unwrap_or(s.len());
                    s.insert_str(cut, special);
                    let expected = s.replace("&amp;", "&").replace('\r', "\n");
                    assert_eq!(decode(&s, false).unwrap(), expected, "{s:?}");
                }
            }
            let plain = "aé\u{7F}\u{80}~".repeat(len);
            assert!(matches!(decode(&plain, false), Ok(Cow::Borrowed(_))));
        }
    }

    #[test]
    fn cdata_newlines() {
        assert_eq!(normalize_newlines("a\r\nb\r"), "a\nb\n");
        assert!(matches!(normalize_newlines("a\nb"), Cow::Borrowed(_)));
    }
}
