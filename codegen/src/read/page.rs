//! Splits a pasted help page into its HTTP samples.
//!
//! Each sample is a request line (`POST /path HTTP/1.1`), header lines, optionally
//! a blank line, an XML document, then `HTTP/1.1 200 OK`, headers and the response
//! document. Pages come from browsers and Markdown: lines may be indented or carry
//! trailing spaces, blank lines may be missing, fences (` ``` `, `~~~`) and labels
//! may sit in between. Anything else on the page is prose for `page_text`.

use super::mapped::straighten_quotes;
use super::xml::Document;
use crate::{Error, Source};

#[derive(Debug)]
pub struct Header {
    pub name: String,
    pub value: String,
}

#[derive(Debug)]
pub struct Request {
    /// Without the query string.
    pub path: String,
    /// Offset of the request line.
    pub offset: usize,
    pub headers: Vec<Header>,
    pub body: Option<Document>,
    /// An HTTP GET or form POST: its parameters instead of an XML body.
    pub form: Option<FormParams>,
}

/// The `a=string&b=int` of an HTTP GET's query string or a form POST's body.
#[derive(Debug)]
pub struct FormParams {
    /// GET (query string) or POST (form body).
    pub get: bool,
    /// The pairs as the page shows them, undecoded.
    pub text: String,
    /// Offset of `text` in the page.
    pub offset: usize,
}

impl FormParams {
    /// (name, value, offset of the pair) in order; empty pairs skipped.
    pub fn pairs(&self) -> Vec<(&str, &str, usize)> {
        let mut out = Vec::new();
        let mut at = self.offset;
        for pair in self.text.split('&') {
            if !pair.is_empty() {
                let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                out.push((name, value, at));
            }
            at += pair.len() + 1;
        }
        out
    }
}

const FORM_TYPE: &str = "application/x-www-form-urlencoded";

#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub body: Option<Document>,
}

impl Response {
    /// The body of a success response; an error status shows a fault, not the output.
    pub fn output(&self) -> Option<&Document> {
        self.body.as_ref().filter(|_| (200..300).contains(&self.status))
    }
}

#[derive(Debug)]
pub struct Sample {
    pub request: Request,
    pub response: Option<Response>,
}

/// Case-insensitive header lookup.
pub fn header<'h>(headers: &'h [Header], name: &str) -> Option<&'h str> {
    headers.iter().find(|h| h.name.eq_ignore_ascii_case(name)).map(|h| h.value.as_str())
}

/// The media type of a Content-Type header, lower-cased, without parameters.
pub fn media_type(headers: &[Header]) -> Option<String> {
    header(headers, "Content-Type")
        .map(|v| v.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
}

/// A parameter of the Content-Type header (SOAP 1.2 carries `action` there).
pub fn content_type_param(headers: &[Header], param: &str) -> Option<String> {
    let value = header(headers, "Content-Type")?;
    value.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim().eq_ignore_ascii_case(param).then(|| unquote(v.trim()).to_owned())
    })
}

/// Strips one pair of straight or typographic quotes.
pub fn unquote(value: &str) -> &str {
    let quotes = ['"', '\'', '\u{201C}', '\u{201D}', '\u{2033}'];
    let v = value.trim();
    let v = v.strip_prefix(quotes).unwrap_or(v);
    v.strip_suffix(quotes).unwrap_or(v)
}

/// A line of the page: its offset and its text without terminator.
#[derive(Clone, Copy, Debug)]
pub struct Line<'t> {
    pub offset: usize,
    pub text: &'t str,
}

pub fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        let line = line.strip_suffix('\r').unwrap_or(line);
        out.push(Line { offset, text: line });
        offset += raw.len();
    }
    out
}

/// `METHOD /path HTTP/1.x`, as (method, path).
pub fn request_line(line: &str) -> Option<(&str, &str)> {
    let mut parts = line.split_whitespace();
    let (method, path, version) = (parts.next()?, parts.next()?, parts.next()?);
    let known = ["POST", "GET", "PUT", "DELETE", "PATCH"].contains(&method);
    (known && path.starts_with('/') && version.starts_with("HTTP/") && parts.next().is_none())
        .then_some((method, path))
}

/// `HTTP/1.x 200 OK`, as the status code.
fn status_line(line: &str) -> Option<u16> {
    let mut parts = line.split_whitespace();
    if !parts.next()?.starts_with("HTTP/") {
        return None;
    }
    parts.next()?.parse().ok()
}

pub fn header_line(line: &str) -> Option<Header> {
    let (name, value) = line.trim().split_once(':')?;
    let valid = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    valid.then(|| Header { name: name.to_owned(), value: value.trim().to_owned() })
}

/// Blank lines and Markdown fences between the parts.
fn is_decoration(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with("```") || t.starts_with("~~~")
}

/// Offset of the first request line, where the page's prose ends.
pub fn first_request(text: &str) -> Option<usize> {
    lines(text).iter().find(|l| request_line(l.text).is_some()).map(|l| l.offset)
}

/// Every sample on the page, in order: those with an XML request body, and the HTTP
/// GET and form POST sections (their parameters in [`Request::form`]).
pub fn samples(source: &Source) -> Result<Vec<Sample>, Error> {
    let text = source.text.as_str();
    let lines = lines(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some((method, path)) = request_line(lines[i].text) else {
            i += 1;
            continue;
        };
        let offset = lines[i].offset + (lines[i].text.len() - lines[i].text.trim_start().len());
        let request_text = lines[i].text.trim_start();
        let (headers, next) = read_headers(&lines, i + 1);
        let (body, next) = read_body(source, &lines, next)?;
        i = next;
        let (path, form) = match (method, &body) {
            ("GET", None) => {
                let (path, query) = path.split_once('?').unwrap_or((path, ""));
                let query_at =
                    offset + request_text.find('?').map_or(request_text.len(), |q| q + 1);
                (path, Some(FormParams { get: true, text: query.to_owned(), offset: query_at }))
            }
            ("POST", None) if media_type(&headers).as_deref() == Some(FORM_TYPE) => {
                let (params, next) = read_form(&lines, i);
                i = next;
                (path, Some(params))
            }
            _ => (path, None),
        };
        if body.is_none() && form.is_none() {
            continue;
        }
        let mut response = None;
        // The response is the next status line before the next request.
        while i < lines.len() && request_line(lines[i].text).is_none() {
            if let Some(status) = status_line(lines[i].text) {
                let (_, next) = read_headers(&lines, i + 1);
                let (body, next) = read_body(source, &lines, next)?;
                response = Some(Response { status, body });
                i = next;
                break;
            }
            i += 1;
        }
        let request = Request { path: path.to_owned(), offset, headers, body, form };
        out.push(Sample { request, response });
    }
    Ok(out)
}

fn read_headers(lines: &[Line<'_>], mut i: usize) -> (Vec<Header>, usize) {
    let mut headers = Vec::new();
    while let Some(h) = lines.get(i).and_then(|l| header_line(l.text)) {
        headers.push(h);
        i += 1;
    }
    (headers, i)
}

/// A form POST's body line (`a=string&b=string`, or nothing when there are no
/// parameters). Returns the line index after it.
fn read_form(lines: &[Line<'_>], mut i: usize) -> (FormParams, usize) {
    while lines.get(i).is_some_and(|l| is_decoration(l.text)) {
        i += 1;
    }
    match lines.get(i) {
        Some(l) if status_line(l.text).is_none() && request_line(l.text).is_none() => {
            let text = l.text.trim();
            let offset = l.offset + (l.text.len() - l.text.trim_start().len());
            (FormParams { get: false, text: text.to_owned(), offset }, i + 1)
        }
        _ => (
            FormParams {
                get: false,
                text: String::new(),
                offset: lines.get(i).map_or(0, |l| l.offset),
            },
            i,
        ),
    }
}

/// The XML document after the headers, if the next content line starts one.
/// Returns the line index after the document.
fn read_body(
    source: &Source,
    lines: &[Line<'_>],
    mut i: usize,
) -> Result<(Option<Document>, usize), Error> {
    while lines.get(i).is_some_and(|l| is_decoration(l.text)) {
        i += 1;
    }
    let Some(line) = lines.get(i) else { return Ok((None, i)) };
    if !line.text.trim_start().starts_with('<') {
        return Ok((None, i));
    }
    let start = line.offset + (line.text.len() - line.text.trim_start().len());
    let input = straighten_quotes(&source.text, start);
    let (doc, end) = Document::parse_prefix(source, &input)?;
    let end = input.original(end);
    let next = lines.partition_point(|l| l.offset < end);
    // The line holding the end of the root is done with; resume after it.
    Ok((Some(doc), next.max(i + 1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_tight_indented_pages() {
        let page = "Title\nPOST /a.asmx HTTP/1.1 \nHost: h\nContent-Type: text/xml\n<r>\n<x>string</x></r>\n   HTTP/1.1 200 OK\n<s/>\n";
        let src = Source::new("p", page);
        let samples = samples(&src).unwrap();
        assert_eq!(samples.len(), 1);
        let s = &samples[0];
        assert_eq!(s.request.path, "/a.asmx");
        assert_eq!(header(&s.request.headers, "host"), Some("h"));
        assert!(s.response.as_ref().unwrap().output().is_some());
    }

    #[test]
    fn reads_form_post_and_get_sections() {
        let page = "POST /a.asmx/Op HTTP/1.1\nContent-Type: application/x-www-form-urlencoded\nContent-Length: length\n\na=string&b=int\nHTTP/1.1 200 OK\n\n<?xml version=\"1.0\"?>\n<boolean>boolean</boolean>\n\
                    GET /a.asmx/Op?a=string&b=int HTTP/1.1\nHost: h\n\nHTTP/1.1 200 OK\n\n<?xml version=\"1.0\"?>\n<boolean>boolean</boolean>\n\
                    GET /a.asmx/None? HTTP/1.1\n\nHTTP/1.1 200 OK\n\n<r/>\n";
        let src = Source::new("p", page);
        let samples = samples(&src).unwrap();
        assert_eq!(samples.len(), 3);
        for s in &samples[..2] {
            let form = s.request.form.as_ref().unwrap();
            assert_eq!(s.request.path, "/a.asmx/Op");
            let pairs: Vec<_> =
                form.pairs().iter().map(|(n, v, at)| (*n, *v, &page[*at..*at + 1])).collect();
            assert_eq!(pairs, [("a", "string", "a"), ("b", "int", "b")]);
            assert!(s.response.as_ref().unwrap().output().is_some());
        }
        assert!(!samples[0].request.form.as_ref().unwrap().get);
        assert!(samples[1].request.form.as_ref().unwrap().get);
        assert!(samples[2].request.form.as_ref().unwrap().pairs().is_empty());
    }

    #[test]
    fn content_type_parameters() {
        let h = vec![Header {
            name: "Content-Type".into(),
            value: "application/soap+xml; charset=utf-8; action=\"urn:x\"".into(),
        }];
        assert_eq!(media_type(&h).as_deref(), Some("application/soap+xml"));
        assert_eq!(content_type_param(&h, "action").as_deref(), Some("urn:x"));
    }
}
