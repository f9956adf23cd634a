//! Escaping for text and attribute values, and the XML 1.0 character check.

/// What a byte needs when written: kept as-is, or looked at more closely.
const fn special_bytes(attr: bool) -> [bool; 256] {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        // Tab and line feed are plain in text; every other C0 control is escaped or refused.
        table[b] = attr || (b != b'\t' as usize && b != b'\n' as usize);
        b += 1;
    }
    table[b'&' as usize] = true;
    table[b'<' as usize] = true;
    table[b'>' as usize] = true;
    table[b'"' as usize] = attr;
    // Lead byte of U+FFFE and U+FFFF, which XML 1.0 cannot carry.
    table[0xEF] = true;
    table
}

const TEXT_SPECIAL: [bool; 256] = special_bytes(false);
const ATTR_SPECIAL: [bool; 256] = special_bytes(true);

/// Appends `s` escaped for text content (`attr == false`) or a double-quoted attribute value.
///
/// `\r` is written as `&#13;` (and, in attributes, `\n` and `\t` as references too) because a
/// reader normalizes the literal characters away. Returns the first character XML 1.0 cannot
/// carry; `out` then holds a partial result.
#[inline]
pub(crate) fn escape_into(out: &mut String, s: &str, attr: bool) -> Result<(), char> {
    let table = if attr { &ATTR_SPECIAL } else { &TEXT_SPECIAL };
    let bytes = s.as_bytes();
    let mut written = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !table[b as usize] {
            continue;
        }
        let replacement = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\r' => "&#13;",
            b'\n' => "&#10;",
            b'\t' => "&#9;",
            0xEF => match (bytes.get(i + 1), bytes.get(i + 2)) {
                (Some(0xBF), Some(0xBE)) => return Err('\u{FFFE}'),
                (Some(0xBF), Some(0xBF)) => return Err('\u{FFFF}'),
                _ => continue,
            },
            control => return Err(char::from(control)),
        };
        out.push_str(&s[written..i]);
        out.push_str(replacement);
        written = i + 1;
    }
    out.push_str(&s[written..]);
    Ok(())
}

/// Whether `s` can be appended verbatim (the common case for numbers, dates, names).
#[inline]
pub(crate) fn is_plain(s: &str, attr: bool) -> bool {
    let table = if attr { &ATTR_SPECIAL } else { &TEXT_SPECIAL };
    !s.bytes().any(|b| table[b as usize])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn esc(s: &str, attr: bool) -> Result<String, char> {
        let mut out = String::new();
        escape_into(&mut out, s, attr).map(|()| out)
    }

    #[test]
    fn text_escapes_markup_and_carriage_return() {
        assert_eq!(esc("a<b>&c\"'\r\n\t", false).unwrap(), "a&lt;b&gt;&amp;c\"'&#13;\n\t");
    }

    #[test]
    fn attributes_escape_quotes_and_all_whitespace_controls() {
        assert_eq!(esc("a\"b\r\n\t<", true).unwrap(), "a&quot;b&#13;&#10;&#9;&lt;");
    }

    #[test]
    fn refuses_what_xml_cannot_carry() {
        assert_eq!(esc("ok\u{1}", false), Err('\u{1}'));
        assert_eq!(esc("\u{FFFE}", true), Err('\u{FFFE}'));
        assert_eq!(esc("\u{FFFF}", false), Err('\u{FFFF}'));
        // Other characters starting with byte 0xEF are fine.
        assert_eq!(esc("\u{FFFD}\u{F000}", false).unwrap(), "\u{FFFD}\u{F000}");
    }

    #[test]
    fn plain_detection() {
        assert!(is_plain("2024-05-01T10:20:30Z", true));
        assert!(!is_plain("a&b", false));
        assert!(is_plain("a\nb", false));
        assert!(!is_plain("a\nb", true));
    }
}
