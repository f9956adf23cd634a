//! The text of an XML body in whatever encoding the server chose.
//!
//! Microsoft and Java stacks can answer in UTF-16 (WCF's text encoder, for one) and older
//! services in ISO-8859-1. The encoding is found as XML 1.0 Appendix F and RFC 7303 §3.3 say:
//! a byte order mark first (it wins over the header: spyne, for one, sends a UTF-16 body with
//! a BOM under `charset=utf-8`), then the `charset` of the Content-Type, then the XML
//! declaration, else UTF-8. UTF-8 bodies are borrowed, never copied; the others are decoded
//! once by `encoding_rs` (the WHATWG encodings: `iso-8859-1` reads as windows-1252).

use std::borrow::Cow;

use encoding_rs::{DecoderResult, Encoding, UTF_8, UTF_16BE, UTF_16LE};

use super::media_type::parameter;

/// Why a body is not text.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum CharsetError {
    /// The `charset` parameter or XML declaration names an encoding nobody implements.
    Unknown(String),
    /// The bytes are not valid in the encoding; `offset` is the first bad byte.
    Malformed { encoding: &'static str, offset: usize, valid: String },
}

/// `body` as text, decoded as its BOM, `content_type` or XML declaration says.
pub(crate) fn decode<'a>(
    body: &'a [u8],
    content_type: Option<&str>,
) -> Result<Cow<'a, str>, CharsetError> {
    let (encoding, start) = match Encoding::for_bom(body) {
        Some((encoding, bom)) => (encoding, bom),
        None => (declared(body, content_type)?, 0),
    };
    let bytes = &body[start..];
    if encoding == UTF_8 {
        return std::str::from_utf8(bytes).map(Cow::Borrowed).map_err(|e| {
            let valid = String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned();
            CharsetError::Malformed { encoding: "UTF-8", offset: start + e.valid_up_to(), valid }
        });
    }
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .ok_or_else(|| CharsetError::Unknown("a body too large to decode".to_owned()))?;
    let mut text = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        DecoderResult::InputEmpty => Ok(Cow::Owned(text)),
        DecoderResult::Malformed(bad, after) => Err(CharsetError::Malformed {
            encoding: encoding.name(),
            offset: start + read - usize::from(bad) - usize::from(after),
            valid: text,
        }),
        // The buffer was sized for the worst case.
        DecoderResult::OutputFull => unreachable!("output sized for the whole input"),
    }
}

/// The encoding the header or the XML declaration names; UTF-16 recognised by its first
/// character when nothing is named; else UTF-8.
fn declared(body: &[u8], content_type: Option<&str>) -> Result<&'static Encoding, CharsetError> {
    if let Some(label) = content_type.and_then(|t| parameter(t, "charset")) {
        return label_encoding(&label, body);
    }
    match body {
        [b'<', 0, ..] => return Ok(UTF_16LE),
        [0, b'<', ..] => return Ok(UTF_16BE),
        _ => {}
    }
    match declaration_encoding(body) {
        Some(label) => label_encoding(label, body),
        None => Ok(UTF_8),
    }
}

/// The encoding of `label`. A bare `utf-16` takes its byte order from the first character
/// (`<`), little-endian when that says nothing, as WCF writes it.
fn label_encoding(label: &str, body: &[u8]) -> Result<&'static Encoding, CharsetError> {
    let encoding = Encoding::for_label(label.trim().as_bytes())
        .ok_or_else(|| CharsetError::Unknown(label.to_owned()))?;
    if encoding == UTF_16LE && body.starts_with(&[0, b'<']) {
        return Ok(UTF_16BE);
    }
    // `replacement` stands for encodings that must never be decoded (ISO-2022-KR, …).
    if encoding.name() == "replacement" {
        return Err(CharsetError::Unknown(label.to_owned()));
    }
    Ok(encoding)
}

/// `encoding` of an XML declaration written in an ASCII-compatible encoding.
fn declaration_encoding(body: &[u8]) -> Option<&str> {
    let rest = body.strip_prefix(b"<?xml")?;
    let end = rest.iter().position(|&b| b == b'>')?;
    let declaration = std::str::from_utf8(&rest[..end]).ok()?;
    let after = &declaration[declaration.find("encoding")? + "encoding".len()..];
    let after = after.trim_start().strip_prefix('=')?.trim_start();
    let quote = after.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let value = &after[1..];
    Some(&value[..value.find(quote)?])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if big_endian { &[0xFE, 0xFF] } else { &[0xFF, 0xFE] });
        }
        for unit in text.encode_utf16() {
            let bytes = if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() };
            out.extend_from_slice(&bytes);
        }
        out
    }

    const DOC: &str = "<?xml version=\"1.0\" encoding=\"utf-16\"?><a>grüße 🎉</a>";

    #[test]
    fn utf8_is_borrowed_and_its_bom_dropped() {
        let body = "<a>grüße</a>".as_bytes();
        assert!(matches!(decode(body, Some("text/xml")), Ok(Cow::Borrowed("<a>grüße</a>"))));
        let with_bom = [&[0xEF, 0xBB, 0xBF][..], body].concat();
        assert_eq!(decode(&with_bom, None).unwrap(), "<a>grüße</a>");
    }

    #[test]
    fn utf16_by_bom_header_or_first_character() {
        for big_endian in [false, true] {
            let with_bom = utf16(DOC, big_endian, true);
            // The BOM wins over a header that says otherwise (spyne does that).
            assert_eq!(decode(&with_bom, Some("text/xml; charset=utf-8")).unwrap(), DOC);
            let bare = utf16(DOC, big_endian, false);
            assert_eq!(decode(&bare, None).unwrap(), DOC, "big endian: {big_endian}");
            assert_eq!(decode(&bare, Some("text/xml; charset=\"UTF-16\"")).unwrap(), DOC);
        }
        let le = utf16(DOC, false, false);
        assert_eq!(decode(&le, Some("application/soap+xml;charset=utf-16le")).unwrap(), DOC);
    }

    #[test]
    fn single_byte_encodings_by_header_or_declaration() {
        let latin1 = b"<?xml version='1.0' encoding='ISO-8859-1'?><a>gr\xfc\xdfe</a>";
        let want = "<?xml version='1.0' encoding='ISO-8859-1'?><a>grüße</a>";
        assert_eq!(decode(latin1, None).unwrap(), want);
        assert_eq!(decode(latin1, Some("text/xml; charset=latin1")).unwrap(), want);
        assert_eq!(
            decode(b"<a>\x80</a>", Some("text/xml; charset=windows-1252")).unwrap(),
            "<a>€</a>"
        );
        // A header naming UTF-8 wins over a declaration naming something else.
        assert!(decode(latin1, Some("text/xml; charset=utf-8")).is_err());
    }

    #[test]
    fn unknown_and_malformed_are_errors_with_offsets() {
        assert_eq!(
            decode(b"<a/>", Some("text/xml; charset=klingon")),
            Err(CharsetError::Unknown("klingon".to_owned()))
        );
        assert_eq!(
            decode(b"<?xml version='1.0' encoding='iso-2022-kr'?><a/>", None),
            Err(CharsetError::Unknown("iso-2022-kr".to_owned()))
        );
        // A lone high surrogate after `<a>`.
        let mut bad = utf16("<a>", false, true);
        bad.extend_from_slice(&[0x00, 0xD8, b'b', 0]);
        let Err(CharsetError::Malformed { encoding, offset, valid }) = decode(&bad, None) else {
            panic!("malformed UTF-16 accepted")
        };
        assert_eq!((encoding, offset, valid.as_str()), ("UTF-16LE", 8, "<a>"));
        let Err(CharsetError::Malformed { offset, .. }) = decode(b"<a>\xff</a>", None) else {
            panic!("malformed UTF-8 accepted")
        };
        assert_eq!(offset, 3);
        // An odd trailing byte.
        assert!(decode(&[0xFF, 0xFE, b'<', 0, b'a'], None).is_err());
    }

    #[test]
    fn declarations_are_read_loosely_and_safely() {
        assert_eq!(declaration_encoding(b"<?xml version=\"1.0\" encoding = \"x\" ?>"), Some("x"));
        assert_eq!(declaration_encoding(b"<?xml version=\"1.0\"?><a encoding='y'/>"), None);
        assert_eq!(declaration_encoding(b"<?xml encoding="), None);
        assert_eq!(declaration_encoding(b"<a/>"), None);
    }
}
