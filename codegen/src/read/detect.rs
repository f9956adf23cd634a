//! What kind of document a source is, judged by content (never by file name).

use xmlparser::{Token, Tokenizer};

use super::documented;
use super::envelope::protocol_of;
use super::mapped::{Mapped, straighten_quotes};
use super::page::{self, lines, media_type};
use super::xml::Document;
use crate::ir::QName;
use crate::{Error, Source};

const WSDL11_NS: &str = "http://schemas.xmlsoap.org/wsdl/";
const WSDL20_NS: &str = "http://www.w3.org/ns/wsdl";
const XSD_NS: &str = "http://www.w3.org/2001/XMLSchema";

pub(super) const EXPECTED: &str = "expected a SOAP help page, ServiceStack metadata page, documentation with SOAP envelopes, raw SOAP envelope or WSDL";

/// What an input document is, recognised by its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// ASP.NET-style page: request lines followed by SOAP envelopes.
    AsmxPage,
    /// ServiceStack metadata page: plain XML to `/xml/reply/…`.
    ServiceStackPage,
    /// A file that is one SOAP envelope.
    Envelope,
    /// Documentation (Markdown, text, or an HTML page's text) showing concrete SOAP
    /// envelopes without request lines.
    Documented,
    /// An HTML page: a served or saved help page, an operations index, vendor docs
    /// (its text is recognised again once extracted, see `read::html`).
    Html,
    /// A WSDL document.
    Wsdl {
        /// Byte offset of the root element.
        root: usize,
    },
    /// A standalone XML Schema (its types only; with other inputs that use them).
    Xsd {
        /// Byte offset of the root element.
        root: usize,
    },
}

/// Recognises `source` by content (never by file name); unrelated content (JSON, an
/// empty file) is a located error saying what was expected.
pub fn detect(source: &Source) -> Result<Kind, Error> {
    if is_html(&source.text) {
        return Ok(Kind::Html);
    }
    detect_text(source)
}

/// Recognises text that is not HTML (or the text extracted from an HTML page).
pub(super) fn detect_text(source: &Source) -> Result<Kind, Error> {
    let text = source.text.as_str();
    let start = text.len() - text.trim_start().len();
    if start == text.len() {
        return Err(source.error(0, format!("{EXPECTED}, found an empty file")));
    }
    if let Some((i, _)) = text
        .char_indices()
        .find(|(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
    {
        return Err(source.error(i, format!("{EXPECTED}, found binary data")));
    }
    if let Some(kind) = page_kind(text) {
        return Ok(kind);
    }
    match text[start..].chars().next() {
        Some('<') => match xml_kind(source, start) {
            // Not one XML document, but envelopes with prose between them.
            Ok(Kind::Envelope) if more_than_one_document(source, start) => Ok(Kind::Documented),
            kind => kind,
        },
        _ if documented::holds_envelopes(text) => Ok(Kind::Documented),
        Some('{' | '[') => Err(source.error(start, format!("{EXPECTED}, found JSON"))),
        _ => Err(source.error(
            start,
            format!("{EXPECTED}, found text without a sample request line (`POST /… HTTP/1.1`) or SOAP envelope"),
        )),
    }
}

/// Whether text opening with markup goes on past its first document, and shows SOAP
/// envelopes: documentation whose first line is an example.
/// A DOCTYPE stays the envelope reader's to refuse.
fn more_than_one_document(source: &Source, start: usize) -> bool {
    !first_markup(&source.text).is_some_and(|m| m.starts_with("<!"))
        && documented::holds_envelopes(&source.text)
        && Document::parse(source, &straighten_quotes(&source.text, start)).is_err()
}

/// Pages show request lines. SOAP content types mean an ASMX-style page; plain
/// `application/xml` or ServiceStack's `/xml/reply/` routes a ServiceStack page.
fn page_kind(text: &str) -> Option<Kind> {
    // Every request line names its HTTP version: a WSDL of megabytes is not split into
    // lines for nothing.
    if !text.contains("HTTP/") {
        return None;
    }
    let lines = lines(text);
    let mut plain_xml = false;
    let mut any = false;
    for (i, line) in lines.iter().enumerate() {
        let Some((_, path)) = page::request_line(line.text) else { continue };
        any = true;
        let headers: Vec<page::Header> =
            lines[i + 1..].iter().map_while(|l| page::header_line(l.text)).collect();
        match media_type(&headers).as_deref() {
            Some("text/xml" | "application/soap+xml") => return Some(Kind::AsmxPage),
            Some("application/xml") => plain_xml = true,
            _ => {}
        }
        plain_xml |= path.contains("/xml/reply/") || path.contains("/xml/oneway/");
    }
    match (any, plain_xml) {
        (false, _) => None,
        (true, true) => Some(Kind::ServiceStackPage),
        (true, false) => Some(Kind::AsmxPage),
    }
}

/// Classifies an XML document by its root element, read with the tokenizer only
/// (a WSDL may be large; its reader builds the DOM).
fn xml_kind(source: &Source, start: usize) -> Result<Kind, Error> {
    let Some((name, offset)) = sniff_root(&source.text[start..]).map(|(n, o)| (n, o + start))
    else {
        // Malformed or HTML-ish: the DOM parser gives the located reason.
        if let Some(doctype) = html_doctype(&source.text[start..]) {
            return Err(source.error(
                start + doctype,
                format!("{EXPECTED}, found an HTML page without SOAP samples"),
            ));
        }
        let doc = Document::parse(source, &Mapped::verbatim(&source.text, 0))?;
        let root = doc.get(doc.root());
        return classify(source, &root.name, root.offset);
    };
    classify(source, &name, offset)
}

fn classify(source: &Source, name: &QName, offset: usize) -> Result<Kind, Error> {
    let ns = name.namespace.as_str();
    match name.local.as_str() {
        "definitions" if ns == WSDL11_NS => Ok(Kind::Wsdl { root: offset }),
        "description" if ns == WSDL20_NS => Err(source.error(
            offset,
            "this is a WSDL 2.0 description; soapgen reads WSDL 1.1 (with XML Schema)",
        )),
        "schema" if ns == XSD_NS => Ok(Kind::Xsd { root: offset }),
        "Envelope" if protocol_of(ns).is_some() => Ok(Kind::Envelope),
        l if l.eq_ignore_ascii_case("html") => {
            Err(source
                .error(offset, format!("{EXPECTED}, found an HTML page without SOAP samples")))
        }
        _ => Err(source.error(
            offset,
            format!("{EXPECTED}, found an XML document whose root is <{}>", name.local),
        )),
    }
}

/// The root element's resolved name and offset, if the tokenizer gets that far.
fn sniff_root(text: &str) -> Option<(QName, usize)> {
    let mut tokens = Tokenizer::from(text);
    let (prefix, local, offset) = loop {
        match tokens.next()?.ok()? {
            Token::ElementStart { prefix, local, span } => {
                break (prefix.as_str(), local.as_str(), span.start());
            }
            Token::DtdStart { name, .. } | Token::EmptyDtd { name, .. }
                if name.as_str().eq_ignore_ascii_case("html") =>
            {
                return None;
            }
            _ => {}
        }
    };
    let mut namespace = None;
    for token in tokens {
        match token.ok()? {
            Token::Attribute { prefix: p, local: l, value, .. } => {
                let declares = if prefix.is_empty() {
                    p.is_empty() && l.as_str() == "xmlns"
                } else {
                    p.as_str() == "xmlns" && l.as_str() == prefix
                };
                if declares {
                    namespace = Some(value.as_str().to_owned());
                }
            }
            _ => break,
        }
    }
    Some((QName::new(namespace.unwrap_or_default(), local), offset))
}

fn html_doctype(text: &str) -> Option<usize> {
    let head: String = text.chars().take(512).collect::<String>().to_ascii_lowercase();
    head.find("<!doctype html").or_else(|| head.find("<html"))
}

/// Elements only HTML starts with (an XML envelope or WSDL never does).
const HTML_ROOTS: &[&str] = &["html", "head", "body", "meta", "title", "link"];
const HTML_ELEMENTS: &[&str] = &[
    "div", "p", "pre", "table", "h1", "h2", "h3", "h4", "h5", "h6", "span", "font", "br", "ul",
    "ol", "section", "article", "main", "header", "nav", "style", "script", "code",
];

/// Whether `text` is an HTML page or fragment, by its first markup: a DOCTYPE html or
/// an element only HTML uses. A fragment opening with a common element (`<div>`) counts
/// when it escapes its samples (`&lt;`) or shows no request line of its own.
pub(super) fn is_html(text: &str) -> bool {
    let Some(first) = first_markup(text) else { return false };
    let lower = first.to_ascii_lowercase();
    if let Some(doctype) = lower.strip_prefix("<!doctype") {
        return doctype.trim_start().starts_with("html");
    }
    let name: String = lower[1..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    if HTML_ROOTS.contains(&name.as_str()) {
        return true;
    }
    HTML_ELEMENTS.contains(&name.as_str())
        && (text.contains("&lt;") || page::first_request(text).is_none())
}

/// The first tag or DOCTYPE, past whitespace, comments and an XML declaration.
fn first_markup(text: &str) -> Option<&str> {
    let mut rest = text.trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.split_once("-->")?.1.trim_start();
        } else if rest.starts_with("<?") {
            rest = rest.split_once("?>")?.1.trim_start();
        } else if rest.starts_with('<') {
            let end = rest.char_indices().nth(64).map_or(rest.len(), |(i, _)| i);
            return Some(&rest[..end]);
        } else {
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_told_by_its_first_markup() {
        assert!(is_html("<!-- saved from url=(0010)http://h/ -->\n<!DOCTYPE html><p>"));
        assert!(is_html("<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">"));
        assert!(is_html("  <div><pre>&lt;a/&gt;</pre></div>"));
        assert!(!is_html("<soap:Envelope xmlns:soap=\"x\"/>"));
        assert!(!is_html("# Title\n<div>x</div>"));
        // A request line of its own at a line start: a pasted page with a stray <p>.
        assert!(!is_html("<p>\nPOST /a HTTP/1.1\n\n<a/>"));
        let long = format!("<{}é>", "a".repeat(62));
        assert!(!is_html(&long));
    }
}
