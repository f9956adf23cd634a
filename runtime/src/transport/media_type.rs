//! Media types as HTTP writes them (`type/subtype; name=value; name="quoted; value"`): the
//! one reader of Content-Types the runtime has (charsets, MTOM packages, SOAP 1.2 actions).

/// The media type without its parameters: `text/xml; charset=utf-8` → `text/xml`.
pub(crate) fn essence(content_type: &str) -> &str {
    content_type.split(';').next().unwrap_or_default().trim()
}

/// The value of parameter `name` of a media type, unquoted.
pub(crate) fn parameter(content_type: &str, name: &str) -> Option<String> {
    let mut rest = content_type.split_once(';')?.1;
    while !rest.is_empty() {
        let (key, after) = rest.split_once('=')?;
        let after = after.trim_start();
        let (value, next) = if let Some(quoted) = after.strip_prefix('"') {
            let mut value = String::new();
            let mut chars = quoted.char_indices();
            let mut end = None;
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => value.extend(chars.next().map(|(_, c)| c)),
                    '"' => {
                        end = Some(i + 1);
                        break;
                    }
                    c => value.push(c),
                }
            }
            let rest = &quoted[end?..];
            (value, rest.split_once(';').map_or("", |(_, r)| r))
        } else {
            let (value, next) = after.split_once(';').unwrap_or((after, ""));
            (value.trim().to_owned(), next)
        };
        if key.trim().eq_ignore_ascii_case(name) {
            return Some(value);
        }
        rest = next;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_quoted_or_not() {
        let t = r#"multipart/related; type="application/xop+xml"; boundary="a;b=\"c\""; start=<x>"#;
        assert_eq!(parameter(t, "boundary").as_deref(), Some(r#"a;b="c""#));
        assert_eq!(parameter(t, "START").as_deref(), Some("<x>"));
        assert_eq!(parameter(t, "charset"), None);
        assert_eq!(parameter("text/xml;Charset=UTF-16 ", "charset").as_deref(), Some("UTF-16"));
        assert_eq!(parameter("text/xml", "charset"), None);
        assert_eq!(essence(" Text/XML ; charset=utf-8"), "Text/XML");
    }
}
