//! MTOM/XOP messages (`multipart/related; type="application/xop+xml"`, W3C XOP 1.0 and the
//! SOAP MTOM recommendation).
//!
//! Reading: the root part's XML with every `xop:Include` replaced by its attachment in base64,
//! so the generated readers see the plain `base64Binary` content they read anyway. Each
//! attachment may be included once (a part included many times would multiply memory).
//! Writing: an envelope whose binary contents were set aside by the writer, packaged with them.

use std::borrow::Cow;

use base64::Engine as _;

use super::media_type::{essence, parameter};
use xmlparser::{ElementEnd, Token, Tokenizer};

/// The XOP namespace of `Include`.
pub(crate) const XOP_NS: &str = "http://www.w3.org/2004/08/xop/include";
/// Most parts a package may have.
const MAX_PARTS: usize = 10_000;
/// Most header lines a part may have.
const MAX_HEADERS: usize = 64;

/// Why a package cannot be read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct MtomError(pub String);

fn error<T>(message: impl Into<String>) -> Result<T, MtomError> {
    Err(MtomError(message.into()))
}

/// One part of a `multipart/related` body.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Part<'a> {
    /// `Content-ID` without its angle brackets.
    pub content_id: Option<String>,
    pub content_type: Option<String>,
    /// The content, transfer encoding undone.
    pub body: Cow<'a, [u8]>,
}

/// Whether `content_type` is a multipart/related package (MTOM or SwA).
pub(crate) fn is_multipart_related(content_type: &str) -> bool {
    essence(content_type).eq_ignore_ascii_case("multipart/related")
}

/// The parts of a `multipart/related` body (RFC 2046 §5.1, RFC 2387), preamble and epilogue
/// ignored. LF line ends are accepted as CRLF.
pub(crate) fn parts<'a>(body: &'a [u8], content_type: &str) -> Result<Vec<Part<'a>>, MtomError> {
    let Some(boundary) = parameter(content_type, "boundary") else {
        return error("multipart/related without a boundary parameter");
    };
    if boundary.is_empty() || boundary.len() > 200 {
        return error("a multipart boundary must be 1 to 200 characters");
    }
    let delimiter = format!("--{boundary}");
    let finder = memchr::memmem::Finder::new(delimiter.as_bytes());
    // The first delimiter starts the body or a line.
    let mut at = finder
        .find_iter(body)
        .find(|&i| (i == 0 || body[i - 1] == b'\n') && delimiter_ends(&body[i + delimiter.len()..]))
        .map(|i| i + delimiter.len())
        .ok_or_else(|| MtomError(format!("no part delimiter `{delimiter}` in the body")))?;
    let mut parts = Vec::new();
    loop {
        let rest = &body[at..];
        if rest.starts_with(b"--") {
            return Ok(parts);
        }
        if parts.len() == MAX_PARTS {
            return error(format!("more than {MAX_PARTS} parts"));
        }
        // Transport padding, then the line end.
        let padding = rest.iter().take_while(|b| matches!(b, b' ' | b'\t')).count();
        let line_end = match &rest[padding..] {
            [b'\r', b'\n', ..] => 2,
            [b'\n', ..] => 1,
            _ => return error(format!("`{delimiter}` is not followed by a line end")),
        };
        let start = at + padding + line_end;
        let (headers, content_start) = headers(body, start)?;
        // The next delimiter line; the line end before it belongs to it.
        let Some(next) =
            finder.find_iter(&body[content_start..]).map(|i| content_start + i).find(|&i| {
                (i == content_start || body[i - 1] == b'\n')
                    && delimiter_ends(&body[i + delimiter.len()..])
            })
        else {
            return error(format!("the body ends inside a part (no closing `{delimiter}--`)"));
        };
        let mut end = next;
        if end > content_start && body[end - 1] == b'\n' {
            end -= 1;
            if end > content_start && body[end - 1] == b'\r' {
                end -= 1;
            }
        }
        parts.push(part(headers, &body[content_start..end])?);
        at = next + delimiter.len();
    }
}

/// Whether a delimiter is complete here: `--` (the last), or padding and a line end. Text
/// that merely starts with the delimiter (`--b1x`) is content.
fn delimiter_ends(after: &[u8]) -> bool {
    let padding = after.iter().take_while(|b| matches!(b, b' ' | b'\t')).count();
    after.starts_with(b"--") || matches!(&after[padding..], [b'\r', b'\n', ..] | [b'\n', ..])
}

/// The header lines of a part starting at `start`, and where its content starts.
fn headers(body: &[u8], start: usize) -> Result<(Vec<(String, String)>, usize), MtomError> {
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut at = start;
    loop {
        let Some(len) = body[at..].iter().position(|&b| b == b'\n') else {
            return error("the body ends inside a part's headers");
        };
        let line = &body[at..at + len];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        at += len + 1;
        if line.is_empty() {
            return Ok((headers, at));
        }
        let Ok(line) = std::str::from_utf8(line) else {
            return error("a part header is not text");
        };
        if line.starts_with([' ', '\t']) {
            // A folded continuation of the previous header.
            match headers.last_mut() {
                Some((_, value)) => {
                    value.push(' ');
                    value.push_str(line.trim());
                }
                None => return error("a part's headers start with a continuation line"),
            }
            continue;
        }
        if headers.len() == MAX_HEADERS {
            return error(format!("a part has more than {MAX_HEADERS} headers"));
        }
        let Some((name, value)) = line.split_once(':') else {
            return error(format!("a part header without a colon: {line:?}"));
        };
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
}

fn part<'a>(headers: Vec<(String, String)>, content: &'a [u8]) -> Result<Part<'a>, MtomError> {
    let header = |name: &str| headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
    let encoding = header("content-transfer-encoding").unwrap_or_default().to_ascii_lowercase();
    let body = match encoding.as_str() {
        "" | "binary" | "8bit" | "7bit" => Cow::Borrowed(content),
        "base64" => {
            let text: Vec<u8> =
                content.iter().copied().filter(|b| !b.is_ascii_whitespace()).collect();
            match base64::engine::general_purpose::STANDARD.decode(text) {
                Ok(bytes) => Cow::Owned(bytes),
                Err(e) => return error(format!("a base64 part is not base64: {e}")),
            }
        }
        other => return error(format!("unsupported Content-Transfer-Encoding {other:?}")),
    };
    let content_id = header("content-id").map(|id| unbracket(&id).to_owned());
    Ok(Part { content_id, content_type: header("content-type"), body })
}

/// `<id>` → `id`.
fn unbracket(id: &str) -> &str {
    let id = id.trim();
    id.strip_prefix('<').and_then(|i| i.strip_suffix('>')).unwrap_or(id)
}

/// The root part (named by the package's `start` parameter, else the first) and the others.
pub(crate) fn split_root<'p, 'a>(
    parts: &'p [Part<'a>],
    content_type: &str,
) -> Result<(&'p Part<'a>, Vec<&'p Part<'a>>), MtomError> {
    let root = match parameter(content_type, "start") {
        Some(start) => {
            let start = unbracket(&start).to_owned();
            parts.iter().position(|p| p.content_id.as_deref() == Some(start.as_str())).ok_or_else(
                || {
                    MtomError(format!(
                        "no part has the Content-ID <{start}> the package starts with"
                    ))
                },
            )?
        }
        None if parts.is_empty() => return error("a multipart/related package without parts"),
        None => 0,
    };
    let others = parts.iter().enumerate().filter(|(i, _)| *i != root).map(|(_, p)| p).collect();
    Ok((&parts[root], others))
}

/// `xml` with each `xop:Include` replaced by its attachment in base64. `xml` is returned as it
/// is when it includes nothing.
pub(crate) fn inline<'x>(
    xml: &'x str,
    attachments: &[&Part<'_>],
) -> Result<Cow<'x, str>, MtomError> {
    let includes = find_includes(xml)?;
    if includes.is_empty() {
        return Ok(Cow::Borrowed(xml));
    }
    let mut used = vec![false; attachments.len()];
    let mut out = String::with_capacity(xml.len());
    let mut copied = 0;
    for include in includes {
        let Some(id) = include.href.strip_prefix("cid:") else {
            return error(format!("xop:Include href {:?} is not a cid: URL", include.href));
        };
        let id = percent_decode(id);
        let Some(i) = attachments.iter().position(|p| p.content_id.as_deref() == Some(&id)) else {
            return error(format!("xop:Include names <{id}>, which no part of the package has"));
        };
        if std::mem::replace(&mut used[i], true) {
            return error(format!("the attachment <{id}> is included twice"));
        }
        out.push_str(&xml[copied..include.start]);
        base64::engine::general_purpose::STANDARD.encode_string(&attachments[i].body, &mut out);
        copied = include.end;
    }
    out.push_str(&xml[copied..]);
    Ok(Cow::Owned(out))
}

struct Include {
    start: usize,
    end: usize,
    href: String,
}

/// Every `Include` element in the XOP namespace, with the byte range of the whole element.
fn find_includes(xml: &str) -> Result<Vec<Include>, MtomError> {
    if !xml.contains("Include") {
        return Ok(Vec::new());
    }
    // Namespace declarations in scope: (depth, prefix, uri).
    let mut scopes: Vec<(usize, String, String)> = Vec::new();
    let mut depth = 0usize;
    let mut pending: Option<(usize, &str, &str, Option<String>)> = None;
    let mut open_include: Option<(usize, String, usize)> = None;
    let mut includes = Vec::new();
    for token in Tokenizer::from(xml) {
        let token = token.map_err(|e| MtomError(format!("the root part is not XML: {e}")))?;
        match token {
            Token::DtdStart { .. } | Token::EmptyDtd { .. } => {
                return error("the root part has a DOCTYPE");
            }
            Token::ElementStart { prefix, local, span } => {
                if open_include.is_some() {
                    return error("an xop:Include has element content");
                }
                depth += 1;
                pending = Some((span.start(), prefix.as_str(), local.as_str(), None));
            }
            Token::Attribute { prefix, local, value, .. } => {
                if prefix.as_str() == "xmlns" {
                    scopes.push((depth, local.to_string(), value.to_string()));
                } else if prefix.is_empty() && local.as_str() == "xmlns" {
                    scopes.push((depth, String::new(), value.to_string()));
                } else if prefix.is_empty() && local.as_str() == "href" {
                    if let Some(p) = pending.as_mut() {
                        p.3 = Some(value.to_string());
                    }
                }
            }
            Token::ElementEnd { end, span } => match end {
                ElementEnd::Open | ElementEnd::Empty => {
                    let Some((start, prefix, local, href)) = pending.take() else { continue };
                    let is_include = local == "Include"
                        && scopes.iter().rev().find(|(_, p, _)| p == prefix).map(|s| s.2.as_str())
                            == Some(XOP_NS);
                    if is_include {
                        let Some(href) = href else {
                            return error("an xop:Include without an href");
                        };
                        if end == ElementEnd::Empty {
                            includes.push(Include { start, end: span.end(), href });
                        } else {
                            open_include = Some((start, href, depth));
                        }
                    }
                    if end == ElementEnd::Empty {
                        scopes.retain(|(d, _, _)| *d < depth);
                        depth -= 1;
                    }
                }
                ElementEnd::Close(..) => {
                    if let Some((start, href, _)) = open_include.take_if(|(_, _, d)| *d == depth) {
                        includes.push(Include { start, end: span.end(), href });
                    }
                    scopes.retain(|(d, _, _)| *d < depth);
                    depth = depth.saturating_sub(1);
                }
            },
            Token::Text { text } if open_include.is_some() && !text.trim().is_empty() => {
                return error("an xop:Include has text content");
            }
            _ => {}
        }
    }
    Ok(includes)
}

/// `cid:` URLs are percent-encoded (RFC 2392).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Turns `request`, whose body is an envelope with `xop:Include`s of `attachments`, into an
/// MTOM package: the envelope as the root part (`application/xop+xml`), each attachment a
/// binary part with the Content-ID its include names.
pub(crate) fn package(
    request: &mut crate::transport::HttpRequest,
    version: crate::soap::SoapVersion,
    action: Option<&str>,
    attachments: &[Vec<u8>],
) {
    use crate::soap::SoapVersion;
    let boundary =
        format!("uuid:{}", crate::soap::addressing::message_id().trim_start_matches("urn:uuid:"));
    let start = "<root.message@soapgen>";
    let media = match version {
        SoapVersion::Soap11 => "text/xml",
        SoapVersion::Soap12 => "application/soap+xml",
    };
    // SOAP 1.2 carries its action as a parameter of the root part's type.
    let root_type = match (version, action) {
        (SoapVersion::Soap12, Some(action)) => format!("{media}; action=\\\"{action}\\\""),
        _ => media.to_owned(),
    };
    let total: usize = attachments.iter().map(|a| a.len() + 200).sum();
    let mut body = Vec::with_capacity(request.body.len() + total + 400);
    body.extend_from_slice(format!(
        "--{boundary}\r\nContent-Type: application/xop+xml; charset=utf-8; type=\"{root_type}\"\r\n\
         Content-Transfer-Encoding: binary\r\nContent-ID: {start}\r\n\r\n"
    ).as_bytes());
    body.extend_from_slice(&request.body);
    for (i, bytes) in attachments.iter().enumerate() {
        let id = crate::xml::attachment_id(i + 1);
        body.extend_from_slice(
            format!(
                "\r\n--{boundary}\r\nContent-Type: application/octet-stream\r\n\
             Content-Transfer-Encoding: binary\r\nContent-ID: <{id}>\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
    }
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    request.body = body;
    let content_type = format!(
        "multipart/related; type=\"application/xop+xml\"; boundary=\"{boundary}\"; \
         start=\"{start}\"; start-info=\"{media}\""
    );
    for (name, value) in &mut request.headers {
        if name.eq_ignore_ascii_case("Content-Type") {
            *value = content_type.clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TYPE: &str = "multipart/related;start=\"<root@x>\";type=\"application/xop+xml\";boundary=\"uuid:b1\";start-info=\"text/xml\"";

    fn package(root: &str, attachments: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = b"preamble\r\n--uuid:b1\r\nContent-Id: <root@x>\r\nContent-Type: application/xop+xml;charset=utf-8;type=\"text/xml\"\r\n\r\n".to_vec();
        out.extend_from_slice(root.as_bytes());
        for (id, bytes) in attachments {
            out.extend_from_slice(format!("\r\n--uuid:b1 \r\nContent-Id: <{id}>\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n").as_bytes());
            out.extend_from_slice(bytes);
        }
        out.extend_from_slice(b"\r\n--uuid:b1--\r\nepilogue");
        out
    }

    fn unpack(body: &[u8]) -> Result<String, MtomError> {
        let parts = parts(body, TYPE)?;
        let (root, others) = split_root(&parts, TYPE)?;
        let xml = std::str::from_utf8(&root.body).unwrap();
        Ok(inline(xml, &others)?.into_owned())
    }

    #[test]
    fn includes_become_base64_of_their_parts() {
        let bytes: Vec<u8> = (0..=255).collect();
        // Binary content holding CRLF, dashes and a near-delimiter survives.
        let tricky = b"\r\n--uuid:b\r\n--uuid:b1x".to_vec();
        let root = r#"<e><a><xop:Include xmlns:xop="http://www.w3.org/2004/08/xop/include" href="cid:a%401"/></a><b><i:Include xmlns:i="http://www.w3.org/2004/08/xop/include" href="cid:t@2"></i:Include></b></e>"#;
        let xml = unpack(&package(root, &[("a@1", &bytes), ("t@2", &tricky)])).unwrap();
        let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
        assert_eq!(xml, format!("<e><a>{}</a><b>{}</b></e>", b64(&bytes), b64(&tricky)));
    }

    #[test]
    fn plain_xml_and_foreign_includes_are_left_alone() {
        let root = r#"<e xmlns:x="urn:other"><x:Include href="cid:a@1"/><Include/></e>"#;
        assert_eq!(unpack(&package(root, &[("a@1", b"z")])).unwrap(), root);
        let parts = parts(b"--b\n\n<r/>\n--b--", "multipart/related; boundary=b").unwrap();
        let (root, others) = split_root(&parts, "multipart/related; boundary=b").unwrap();
        assert_eq!((&*root.body, others.len()), (&b"<r/>"[..], 0));
    }

    #[test]
    fn broken_packages_are_errors() {
        let include = r#"<e><xop:Include xmlns:xop="http://www.w3.org/2004/08/xop/include" href="cid:a@1"/></e>"#;
        let twice = format!("<r>{include}{include}</r>");
        for (body, message) in [
            (package(include, &[]), "no part of the package has"),
            (package(&twice, &[("a@1", b"z")]), "included twice"),
            (package(&include.replace("cid:", "http://"), &[("a@1", b"z")]), "not a cid: URL"),
            (package(&include.replace(" href=\"cid:a@1\"", ""), &[]), "without an href"),
            (package(&format!("<!DOCTYPE e>{include}"), &[]), "DOCTYPE"),
            (package("<e a=1><Include/></e>", &[]), "not XML"),
            (b"--uuid:b1\r\nContent-Id: <root@x>\r\n\r\n<e/>".to_vec(), "ends inside a part"),
            (b"--uuid:b1\r\nContent-Id: <root@x>".to_vec(), "inside a part's headers"),
            (b"no delimiter".to_vec(), "no part delimiter"),
            (b"--uuid:b1x\r\n".to_vec(), "no part delimiter"),
            (b"--uuid:b1\r\nbroken\r\n\r\n--uuid:b1--".to_vec(), "without a colon"),
            (
                b"--uuid:b1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nx\r\n--uuid:b1--"
                    .to_vec(),
                "unsupported",
            ),
            (
                b"--uuid:b1\r\nContent-Id: <other>\r\n\r\nx\r\n--uuid:b1--".to_vec(),
                "Content-ID <root@x>",
            ),
        ] {
            let e = unpack(&body).unwrap_err();
            assert!(e.0.contains(message), "{e:?} for {}", String::from_utf8_lossy(&body));
        }
        assert!(parts(b"--b--", "multipart/related").unwrap_err().0.contains("boundary"));
    }

    #[test]
    fn base64_parts_and_folded_headers() {
        let body = b"--b\r\nContent-ID:\r\n  <r>\r\n\r\n<e/>\r\n--b\r\nContent-Transfer-Encoding: BASE64\r\nContent-ID: <p>\r\n\r\naGVs\r\nbG8=\r\n--b--";
        let parts = parts(body, "multipart/related; boundary=b; start=<r>").unwrap();
        assert_eq!(parts[0].content_id.as_deref(), Some("r"));
        assert_eq!(&*parts[1].body, b"hello");
    }

    #[test]
    fn multipart_related_and_cid_urls() {
        assert!(is_multipart_related("Multipart/Related;boundary=x"));
        assert!(!is_multipart_related("text/xml"));
        assert_eq!(percent_decode("a%40b%2"), "a@b%2");
    }
}
