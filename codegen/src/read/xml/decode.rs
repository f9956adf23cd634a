//! Character data as XML defines it: entity and character references, end-of-line
//! handling, attribute-value normalisation. Only the five predefined entities exist
//! here, since DTDs are refused.

use std::borrow::Cow;

/// XML end-of-line handling: CRLF and lone CR become LF.
pub fn normalise_newlines(raw: &str) -> Cow<'_, str> {
    if raw.contains('\r') {
        Cow::Owned(raw.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(raw)
    }
}

/// Decodes the predefined entities and character references. `attribute` also
/// turns literal tabs and newlines into spaces, as XML attribute normalisation does.
/// Errors carry the byte offset inside `raw`.
pub fn decode(raw: &str, attribute: bool) -> Result<Cow<'_, str>, (usize, String)> {
    let needs_work = raw.contains(['&', '\r']) || (attribute && raw.contains(['\t', '\n']));
    if !needs_work {
        return Ok(Cow::Borrowed(raw));
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    let mut at = 0;
    while let Some(c) = rest.chars().next() {
        let used = match c {
            '&' => {
                let Some(end) = rest.find(';') else {
                    return Err((at, "expected ';' to end the reference".to_owned()));
                };
                let name = &rest[1..end];
                out.push(reference(name).ok_or_else(|| {
                    (
                        at,
                        format!(
                            "expected a predefined entity (&lt; &gt; &amp; &quot; &apos;) or a \
                             character reference, found '&{name};'"
                        ),
                    )
                })?);
                end + 1
            }
            '\r' => {
                out.push(if attribute { ' ' } else { '\n' });
                if rest[1..].starts_with('\n') { 2 } else { 1 }
            }
            '\t' | '\n' if attribute => {
                out.push(' ');
                1
            }
            c => {
                out.push(c);
                c.len_utf8()
            }
        };
        rest = &rest[used..];
        at += used;
    }
    Ok(Cow::Owned(out))
}

fn reference(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let code = if let Some(hex) = name.strip_prefix("#x") {
                u32::from_str_radix(hex, 16).ok()?
            } else {
                name.strip_prefix('#')?.parse().ok()?
            };
            char::from_u32(code).filter(|c| {
                matches!(c, '\t' | '\n' | '\r')
                    || (*c >= ' ' && !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_and_normalisation() {
        assert_eq!(decode("a&lt;&#x41;&#66;&amp;", false).unwrap(), "a<AB&");
        assert_eq!(decode("a\tb\r\nc", true).unwrap(), "a b c");
        assert_eq!(decode("a\r\nb\rc", false).unwrap(), "a\nb\nc");
        assert_eq!(decode("x &nbsp;", false).unwrap_err().0, 2);
        assert!(decode("&#0;", false).is_err());
        assert!(decode("&amp", false).is_err());
    }
}
