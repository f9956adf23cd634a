//! Finding the envelopes a documentation page shows, and what the page says around each:
//! a heading calling it a request or a response, a `SOAPAction:` or `Content-Type: …;
//! action=` line, a `POST https://…` line; and, for the whole page, its title and the
//! endpoint its prose states.

use super::super::envelope::{SOAP11_NS, SOAP12_NS};
use super::super::page::{self, Line, lines};

/// Whether the text shows at least one SOAP envelope (at a line start, as code blocks
/// show them).
pub fn holds_envelopes(text: &str) -> bool {
    // A page of megabytes without the namespace is not split into lines for nothing.
    (text.contains(SOAP11_NS) || text.contains(SOAP12_NS)) && starts(text).next().is_some()
}

/// Offsets of the `<` of every envelope start tag that opens a line (past indentation
/// and an XML declaration), in order.
pub fn starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    lines(text).into_iter().filter_map(|l| {
        let mut at = l.offset + (l.text.len() - l.text.trim_start().len());
        let rest = &text[at..l.offset + l.text.len()];
        if rest.starts_with("<?xml") {
            let end = rest.find("?>")? + 2;
            let after = &rest[end..];
            at += end + (after.len() - after.trim_start().len());
        }
        is_envelope_tag(&text[at..]).then_some(at)
    })
}

/// `<prefix:Envelope …>` or `<Envelope …>` declaring a SOAP envelope namespace.
fn is_envelope_tag(text: &str) -> bool {
    let Some(tag) = text.strip_prefix('<') else { return false };
    let name_end =
        tag.find(|c: char| c.is_whitespace() || c == '>' || c == '/').unwrap_or(tag.len());
    let name = &tag[..name_end];
    let local = name.rsplit_once(':').map_or(name, |(_, l)| l);
    if local != "Envelope" {
        return false;
    }
    let Some(end) = tag.find('>') else { return false };
    let start_tag = &tag[..end];
    start_tag.contains(SOAP11_NS) || start_tag.contains(SOAP12_NS)
}

/// Where the envelope starting at `start` most likely ends: just past its closing tag
/// (the parser is given no more than that), or the end of the text.
pub fn likely_end(text: &str, start: usize) -> usize {
    let tag = &text[start + 1..];
    let name_end =
        tag.find(|c: char| c.is_whitespace() || c == '>' || c == '/').unwrap_or(tag.len());
    let close = format!("</{}", &tag[..name_end]);
    match text[start..].find(&close) {
        Some(i) => {
            let after = start + i + close.len();
            text[after..].find('>').map_or(text.len(), |j| after + j + 1)
        }
        None => text.len(),
    }
}

/// What the prose before an envelope calls it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Request,
    Response,
}

/// What the text between the previous envelope and this one states about it.
#[derive(Debug, Default)]
pub struct Context {
    /// The nearest line naming a request or a response ("Sample request", "### Response").
    pub role: Option<Role>,
    /// From a `SOAPAction:` line or the `action` parameter of a `Content-Type:` line.
    pub action: Option<(String, usize)>,
    /// From a `POST https://… [HTTP/1.1]` line.
    pub endpoint: Option<(String, usize)>,
}

/// Lines shorter than this may be headings; longer ones are prose.
const HEADING_MAX: usize = 80;

pub fn context(gap: &[Line<'_>]) -> Context {
    let mut out = Context::default();
    for line in gap.iter().rev() {
        let t = line.text.trim();
        if out.role.is_none() && t.chars().count() <= HEADING_MAX {
            let lower = t.to_ascii_lowercase();
            out.role = match (lower.contains("request"), lower.contains("response")) {
                (true, false) => Some(Role::Request),
                (false, true) => Some(Role::Response),
                _ => None,
            };
        }
        if out.action.is_none() {
            out.action = action(t).map(|a| (a, line.offset));
        }
        if out.endpoint.is_none() {
            out.endpoint = post_url(t).map(|u| (u, line.offset));
        }
    }
    out
}

/// `SOAPAction: "urn:x"`, or a Content-Type line with `action="urn:x"`.
fn action(line: &str) -> Option<String> {
    let line = line.trim_matches('`');
    let header = page::header_line(line)?;
    let headers = [header];
    if headers[0].name.eq_ignore_ascii_case("SOAPAction") {
        let value = page::unquote(&headers[0].value);
        return (!value.is_empty()).then(|| value.to_owned());
    }
    page::content_type_param(&headers, "action").filter(|a| !a.is_empty())
}

/// `POST https://host/path` (with or without `HTTP/1.1`).
fn post_url(line: &str) -> Option<String> {
    let mut parts = line.trim_matches('`').split_whitespace();
    (parts.next()? == "POST").then_some(())?;
    let url = parts.next()?;
    is_absolute(url).then(|| url.to_owned())
}

fn is_absolute(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")) && url.len() > "https://".len()
}

/// Words that say a line's URL is the service's address.
const ENDPOINT_WORDS: &[&str] = &["endpoint", "url", "address", "location"];

/// The endpoint the prose states: an absolute http(s) URL on a line that calls it an
/// endpoint, URL or address (not a namespace, a WSDL or a schema), or a `POST` line.
pub fn stated_endpoint(prose: &[Line<'_>]) -> Option<(String, usize)> {
    prose.iter().find_map(|line| {
        if let Some(url) = post_url(line.text.trim()) {
            return Some((url, line.offset));
        }
        let lower = line.text.to_ascii_lowercase();
        if !ENDPOINT_WORDS.iter().any(|w| lower.contains(w)) || lower.contains("namespace") {
            return None;
        }
        let at = lower.find("https://").or_else(|| lower.find("http://"))?;
        let rest = &line.text[at..];
        let end = rest
            .find(|c: char| c.is_whitespace() || "()[]<>\"'`".contains(c))
            .unwrap_or(rest.len());
        let url = rest[..end].trim_end_matches(['.', ',', ';', ':']);
        let lower_url = url.to_ascii_lowercase();
        let described = lower_url.contains("wsdl") || lower_url.ends_with(".xsd");
        let machinery =
            lower_url.contains("schemas.xmlsoap.org") || lower_url.contains("www.w3.org");
        (is_absolute(url) && !described && !machinery).then(|| (url.to_owned(), line.offset + at))
    })
}

/// The prose describing `operation`: the paragraphs after the last line of `gap` that
/// starts with its name (a heading: `## GetStock (authenticated)`), without headings,
/// fences and header lines. Empty when no line names it.
pub fn operation_docs(gap: &[Line<'_>], operation: &str) -> Vec<String> {
    let names = |l: &Line<'_>| {
        let t = l.text.trim().trim_start_matches('#').trim_start();
        t.strip_prefix(operation)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '(', ':', '-']))
    };
    let Some(at) = gap.iter().rposition(names) else { return Vec::new() };
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in &gap[at + 1..] {
        let t = line.text.trim();
        let lower = t.to_ascii_lowercase();
        let role_heading = t.chars().count() <= HEADING_MAX
            && (lower.contains("request") || lower.contains("response"))
            && !t.ends_with('.');
        let skip = t.starts_with('#')
            || t.starts_with("```")
            || t.starts_with("~~~")
            || role_heading
            || page::header_line(t.trim_matches('`')).is_some()
            || post_url(t).is_some();
        if t.is_empty() || skip {
            if !current.is_empty() {
                paragraphs.push(current.join(" "));
                current.clear();
            }
            continue;
        }
        current.push(t);
    }
    if !current.is_empty() {
        paragraphs.push(current.join(" "));
    }
    paragraphs
}

/// The page's title: its first Markdown heading, else its first line when that is short
/// and plain (an HTML page's `<h1>` comes out as its first line).
pub fn title<'t>(prose: &[Line<'t>]) -> Option<(&'t str, usize)> {
    let heading = prose.iter().find_map(|l| {
        let t = l.text.trim_start();
        let stripped = t.trim_start_matches('#');
        (t.starts_with('#') && stripped.starts_with(' ')).then(|| (stripped.trim(), l.offset))
    });
    heading.or_else(|| {
        let first = prose.iter().find(|l| !l.text.trim().is_empty())?;
        let t = first.text.trim();
        let plain = t.chars().count() <= HEADING_MAX
            && !t.contains(['<', '>', ':', '`', '|', '='])
            && !t.starts_with(['-', '*', '~']);
        plain.then_some((t, first.offset))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_starts_need_a_soap_namespace_at_a_line_start() {
        let text = format!(
            "Wrap it in `<soap:Envelope xmlns:soap=\"{SOAP11_NS}\">`.\n  <?xml version=\"1.0\"?><s:Envelope xmlns:s=\"{SOAP12_NS}\"><s:Body/></s:Envelope>\n<Envelope xmlns=\"urn:other\"/>\n"
        );
        let found: Vec<usize> = starts(&text).collect();
        assert_eq!(found.len(), 1);
        assert!(text[found[0]..].starts_with("<s:Envelope"));
        assert_eq!(
            &text[likely_end(&text, found[0]) - 13..likely_end(&text, found[0])],
            "</s:Envelope>"
        );
    }

    #[test]
    fn context_lines() {
        let text = "### Sample request\nPOST https://api.example.com/soap HTTP/1.1\nContent-Type: application/soap+xml; charset=utf-8; action=\"urn:acme/GetStock\"\n```xml\n";
        let c = context(&lines(text));
        assert_eq!(c.role, Some(Role::Request));
        assert_eq!(c.action.unwrap().0, "urn:acme/GetStock");
        assert_eq!(c.endpoint.unwrap().0, "https://api.example.com/soap");
        assert_eq!(context(&lines("Response (request succeeded)\n")).role, None);
        assert_eq!(context(&lines("`SOAPAction: \"urn:x\"`\n")).action.unwrap().0, "urn:x");
    }

    #[test]
    fn endpoints_and_titles() {
        let text = "# Acme Inventory API\n\nTarget namespace: http://acme.example/inventory\nThe WSDL URL is https://x.example/svc?wsdl.\nService endpoint: <https://api.acme.example/inventory/soap12>.\n";
        let l = lines(text);
        assert_eq!(stated_endpoint(&l).unwrap().0, "https://api.acme.example/inventory/soap12");
        assert_eq!(title(&l).unwrap().0, "Acme Inventory API");
        assert_eq!(title(&lines("\nInventory Service\nText")).unwrap().0, "Inventory Service");
        assert_eq!(title(&lines("Endpoint: http://x\n")), None);
    }

    #[test]
    fn operation_docs_follow_the_heading_naming_it() {
        let text = "## GetStockLevels\nOther.\n## GetStock (authenticated)\n\nReturns the stock\nof one article.\n\nSecond paragraph.\n#### Request\n```\nContent-Type: application/soap+xml; action=\"x\"\n```\n`SOAPAction: \"y\"`\nSample request:\n";
        let docs = operation_docs(&lines(text), "GetStock");
        assert_eq!(docs, ["Returns the stock of one article.", "Second paragraph."]);
        assert!(operation_docs(&lines("Intro text.\n"), "GetStock").is_empty());
    }
}
