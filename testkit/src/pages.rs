//! Help-page samples for tests: cut the sample documents out of a page, put real values
//! where the placeholders are, and compare XML documents by meaning (namespace URIs, names,
//! attributes, text), not by prefixes or indentation.
//!
//! Written independently of soapgen's own page reader, so tests do not check the reader
//! against itself.

use std::fmt::Write as _;

use xmlparser::{ElementEnd, Token, Tokenizer};

/// The XML documents of a page in order: request, response, request, response, …
pub fn documents(page: &str) -> Vec<String> {
    let page = straighten_quotes(page);
    let mut docs = Vec::new();
    let mut rest = page.as_str();
    while let Some(start) = find_document_start(rest) {
        let doc = &rest[start..];
        match root_len(doc) {
            Some(len) => {
                docs.push(doc[..len].to_owned());
                rest = &doc[len..];
            }
            // A line that only looks like markup ("<back to all web services"): go on.
            None => rest = &doc[1..],
        }
    }
    docs
}

/// Typographic quotes as some vendor pages show them (inside markup only matters here).
fn straighten_quotes(page: &str) -> String {
    page.chars().map(|c| if matches!(c, '”' | '“' | '″' | '„') { '"' } else { c }).collect()
}

/// The first `<?xml` or element start at the beginning of a line.
fn find_document_start(text: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("<?xml") || trimmed.starts_with('<') && !trimmed.starts_with("</") {
            return Some(offset + line.len() - trimmed.len());
        }
        offset += line.len();
    }
    None
}

/// Length of the XML declaration plus root element at the start of `doc`.
fn root_len(doc: &str) -> Option<usize> {
    let mut depth = 0usize;
    for token in Tokenizer::from(doc) {
        let token = token.ok()?;
        match token {
            Token::ElementStart { .. } => depth += 1,
            Token::ElementEnd { end: ElementEnd::Empty, span }
            | Token::ElementEnd { end: ElementEnd::Close(..), span } => {
                depth -= 1;
                if depth == 0 {
                    return Some(span.end());
                }
            }
            _ => {}
        }
    }
    None
}

/// Replaces the text of every element named `local` (any prefix) with `value`, escaped.
pub fn fill(doc: &str, local: &str, value: &str) -> String {
    let escaped = value.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let mut out = String::with_capacity(doc.len());
    let mut rest = doc;
    while let Some(pos) = find_start_tag(rest, local) {
        let (before, tag_and_after) = rest.split_at(pos);
        out.push_str(before);
        let tag_end = tag_and_after.find('>').expect("start tag ends") + 1;
        let (tag, after) = tag_and_after.split_at(tag_end);
        out.push_str(tag);
        if tag.ends_with("/>") {
            rest = after;
            continue;
        }
        let close = after.find("</").expect("element is closed");
        out.push_str(&escaped);
        rest = &after[close..];
    }
    out.push_str(rest);
    out
}

fn find_start_tag(text: &str, local: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find('<') {
        let at = from + i;
        let name: String = text[at + 1..]
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
            .collect();
        let name_local = name.rsplit(':').next().unwrap_or("");
        if !name.is_empty() && !name.starts_with(['?', '!']) && name_local == local {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// A start tag being read: prefix, local name, attributes (prefix, local, value).
type PendingStart = (String, String, Vec<(String, String, String)>);

/// A document as indented lines of `{namespace}name [attributes] = text`, with prefixes
/// resolved, namespace declarations dropped, whitespace-only text ignored and attributes
/// sorted. Two documents with the same meaning give the same string.
pub fn canonical(doc: &str) -> String {
    let mut out = String::new();
    let mut scopes: Vec<Vec<(String, String)>> =
        vec![vec![("xml".into(), "http://www.w3.org/XML/1998/namespace".into())]];
    let mut pending: Option<PendingStart> = None;
    let mut depth = 0usize;
    let mut text = String::new();
    let resolve = |scopes: &Vec<Vec<(String, String)>>, prefix: &str| -> String {
        scopes
            .iter()
            .rev()
            .flat_map(|s| s.iter().rev())
            .find(|(p, _)| p == prefix)
            .map(|(_, u)| u.clone())
            .unwrap_or_default()
    };
    let flush_text = |out: &mut String, text: &mut String, depth: usize| {
        let t = text.trim();
        if !t.is_empty() {
            let _ = writeln!(out, "{}= {t}", "  ".repeat(depth));
        }
        text.clear();
    };
    for token in Tokenizer::from(doc) {
        match token.expect("well-formed XML") {
            Token::ElementStart { prefix, local, .. } => {
                flush_text(&mut out, &mut text, depth);
                pending = Some((prefix.to_string(), local.to_string(), Vec::new()));
                scopes.push(Vec::new());
            }
            Token::Attribute { prefix, local, value, .. } => {
                let (p, l) = (prefix.as_str(), local.as_str());
                if p == "xmlns" {
                    scopes.last_mut().unwrap().push((l.to_owned(), value.to_string()));
                } else if p.is_empty() && l == "xmlns" {
                    scopes.last_mut().unwrap().push((String::new(), value.to_string()));
                } else if let Some((_, _, attrs)) = pending.as_mut() {
                    attrs.push((p.to_owned(), l.to_owned(), value.to_string()));
                }
            }
            Token::ElementEnd { end, .. } => {
                if let Some((prefix, local, attrs)) = pending.take() {
                    let ns = resolve(&scopes, &prefix);
                    let mut attrs: Vec<String> = attrs
                        .iter()
                        .map(|(p, l, v)| {
                            let ns = if p.is_empty() { String::new() } else { resolve(&scopes, p) };
                            format!("{{{ns}}}{l}={v:?}")
                        })
                        .collect();
                    attrs.sort();
                    let _ =
                        writeln!(out, "{}{{{ns}}}{local} {}", "  ".repeat(depth), attrs.join(" "));
                    depth += 1;
                }
                match end {
                    ElementEnd::Open => {}
                    ElementEnd::Empty | ElementEnd::Close(..) => {
                        flush_text(&mut out, &mut text, depth);
                        depth -= 1;
                        scopes.pop();
                    }
                }
            }
            Token::Text { text: t } => text.push_str(&decode(t.as_str())),
            Token::Cdata { text: t, .. } => text.push_str(t.as_str()),
            _ => {}
        }
    }
    out
}

fn decode(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#13;", "\r")
        .replace("&amp;", "&")
}

/// The SOAP body's first child of an envelope, as its own canonical document.
pub fn canonical_body(envelope: &str) -> String {
    let full = canonical(envelope);
    let mut lines = full.lines().skip_while(|l| {
        !l.trim_start().starts_with("{http://schemas.xmlsoap.org/soap/envelope/}Body")
            && !l.trim_start().starts_with("{http://www.w3.org/2003/05/soap-envelope}Body")
    });
    let body = lines.next().expect("envelope has a Body");
    let indent = body.len() - body.trim_start().len();
    lines
        .take_while(|l| l.len() - l.trim_start().len() > indent)
        .map(|l| format!("{}\n", &l[indent + 2..]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_fill_and_compare() {
        let page = "POST /x HTTP/1.1\n\n<?xml version=”1.0″?>\n<a xmlns=\"urn:x\"><b>string</b><c /></a>\nHTTP/1.1 200 OK\n<p:r xmlns:p=\"urn:y\"/>\n";
        let docs = documents(page);
        assert_eq!(docs.len(), 2);
        let filled = fill(&docs[0], "b", "x & y");
        assert!(filled.contains("<b>x &amp; y</b>"), "{filled}");
        assert_eq!(
            canonical(&filled),
            canonical("<q:a xmlns:q='urn:x'>\n <q:b>x &amp; y</q:b><q:c/></q:a>")
        );
        assert_ne!(canonical("<a xmlns='urn:x'/>"), canonical("<a xmlns='urn:y'/>"));
    }
}
