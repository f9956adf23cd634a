//! Seeing the wire: [`Exchange`], what a hook is shown of each HTTP exchange, with
//! credentials masked; and the ready logger that writes exchanges to `tracing` at TRACE.

use std::borrow::Cow;
use std::time::Duration;

use super::Method;
use super::redact;

/// One HTTP exchange as an exchange hook sees it: every request a transport sends, the
/// handshake requests of Digest and NTLM and retries included.
///
/// Secrets are already masked: the values of `Authorization`, `Proxy-Authorization`,
/// `Cookie`, `Set-Cookie` and credential-like headers (the scheme and cookie names stay), the
/// URL's user info and query, and the text of XML elements named like credentials
/// (`Password`, `authToken`, `secret`, `api_key`, …) in both bodies.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Exchange {
    /// The operation of the call, when the request came from a generated client.
    pub operation: Option<&'static str>,
    /// 1 for the first request of a call, then 2, 3, … (handshakes and retries).
    pub attempt: u32,
    /// The request method.
    pub method: Method,
    /// The URL without user info; a query shows as `?<redacted>`.
    pub url: String,
    /// Request headers as sent (the transport's own included), masked.
    pub request_headers: Vec<(String, String)>,
    /// The request body as text (lossy UTF-8), credentials masked.
    pub request_body: String,
    /// The response status; `None` when no response came (see `error`).
    pub status: Option<u16>,
    /// Response headers as received, masked.
    pub response_headers: Vec<(String, String)>,
    /// The response body as text (lossy UTF-8), credentials masked.
    pub response_body: String,
    /// Why no response came, when none did.
    pub error: Option<String>,
    /// From sending the request to having the whole response (or the error).
    pub elapsed: Duration,
}

/// A header with its secret part masked: `Authorization: Digest <redacted>`,
/// `Cookie: SID=<redacted>`, `Set-Cookie: SID=<redacted>; Path=/`.
pub(crate) fn mask_header(name: &str, value: &str) -> String {
    let lower = name.to_ascii_lowercase();
    match lower.as_str() {
        "authorization" | "proxy-authorization" => match value.split_once(' ') {
            Some((scheme, _)) => format!("{scheme} <redacted>"),
            None => "<redacted>".to_owned(),
        },
        "cookie" => value
            .split(';')
            .map(|pair| match pair.split_once('=') {
                Some((name, _)) => format!("{}=<redacted>", name.trim()),
                None => "<redacted>".to_owned(),
            })
            .collect::<Vec<_>>()
            .join("; "),
        "set-cookie" => {
            let (pair, attributes) = value.split_once(';').unwrap_or((value, ""));
            let name = pair.split_once('=').map_or("", |(n, _)| n.trim());
            let mut out = format!("{name}=<redacted>");
            if !attributes.is_empty() {
                out.push(';');
                out.push_str(attributes);
            }
            out
        }
        // Challenges are the server's, not the user's: nothing secret in them.
        "www-authenticate" | "proxy-authenticate" => value.to_owned(),
        _ if redact::is_sensitive(name) => "<redacted>".to_owned(),
        _ => value.to_owned(),
    }
}

pub(crate) fn mask_headers<'a>(
    headers: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<(String, String)> {
    headers.into_iter().map(|(n, v)| (n.to_owned(), mask_header(n, v))).collect()
}

/// Name fragments of credential elements, as the code generator's `Debug` redaction uses
/// them, compared against the lower-cased local name without punctuation.
const SECRET_FRAGMENTS: &[&str] = &[
    "password",
    "passwd",
    "passphrase",
    "secret",
    "token",
    "apikey",
    "accesskey",
    "privatekey",
    "authkey",
    "sessionkey",
    "credential",
];
/// Names that are credentials only on their own.
const SECRET_NAMES: &[&str] = &["pwd", "pin", "pass", "auth", "authorization", "signature"];

fn is_secret_element(local: &str) -> bool {
    let folded: String =
        local.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    SECRET_FRAGMENTS.iter().any(|f| folded.contains(f)) || SECRET_NAMES.contains(&folded.as_str())
}

/// `body` with the content of every element named like a credential replaced by
/// `<redacted>` (nested markup included). A scan of the text, not a parse, so it also masks
/// bodies that are not well-formed; an element left open masks to the end.
pub fn mask_xml(body: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut copied = 0;
    let mut at = 0;
    let bytes = body.as_bytes();
    while let Some(found) = body[at..].find('<') {
        let start = at + found;
        at = start + 1;
        if matches!(bytes.get(at), Some(b'/' | b'?' | b'!') | None) {
            continue;
        }
        let name_end = body[at..]
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .map_or(body.len(), |i| at + i);
        let qname = &body[at..name_end];
        let local = qname.rsplit(':').next().unwrap_or(qname);
        if qname.is_empty() || !is_secret_element(local) {
            continue;
        }
        let Some(tag_end) = body[name_end..].find('>').map(|i| name_end + i) else { break };
        if body[..tag_end].ends_with('/') {
            at = tag_end + 1;
            continue;
        }
        let content_start = tag_end + 1;
        let close = format!("</{qname}");
        let content_end =
            body[content_start..].find(&close).map_or(body.len(), |i| content_start + i);
        out.push_str(&body[copied..content_start]);
        out.push_str("<redacted>");
        copied = content_end;
        at = content_end;
    }
    if copied == 0 {
        return Cow::Borrowed(body);
    }
    out.push_str(&body[copied..]);
    Cow::Owned(out)
}

/// A body as text for a hook: lossy UTF-8, credentials masked.
pub(crate) fn shown_body(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    mask_xml(&text).into_owned()
}

/// The ready logger of [`with_wire_log`](crate::HttpTransport::with_wire_log): each
/// exchange as two TRACE events of target `soapgen_runtime::wire` (request, then response
/// or error), headers and bodies masked as an [`Exchange`] has them.
#[cfg(feature = "tracing")]
pub(crate) fn log_exchange(e: &Exchange) {
    tracing::trace!(
        target: "soapgen_runtime::wire",
        operation = e.operation.unwrap_or(""),
        attempt = e.attempt,
        method = %e.method,
        url = %e.url,
        headers = ?e.request_headers,
        body = %e.request_body,
        "request"
    );
    match (&e.status, &e.error) {
        (Some(status), _) => tracing::trace!(
            target: "soapgen_runtime::wire",
            status,
            elapsed_ms = e.elapsed.as_secs_f64() * 1000.0,
            headers = ?e.response_headers,
            body = %e.response_body,
            "response"
        ),
        (None, error) => tracing::trace!(
            target: "soapgen_runtime::wire",
            error = error.as_deref().unwrap_or(""),
            elapsed_ms = e.elapsed.as_secs_f64() * 1000.0,
            "no response"
        ),
    }
}

/// Without the `tracing` feature the logger has nowhere to write.
#[cfg(not(feature = "tracing"))]
pub(crate) fn log_exchange(_: &Exchange) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_in_bodies_are_masked() {
        let body = r#"<s:Envelope><s:Header><wsse:Password Type="x">hunter2</wsse:Password><a:authToken>tok</a:authToken></s:Header><s:Body><Login><username>alice</username><newPassword><b>n</b></newPassword><pin/><Passenger>Bob</Passenger></Login></s:Body></s:Envelope>"#;
        let masked = mask_xml(body);
        assert!(
            !masked.contains("hunter2") && !masked.contains(">tok<") && !masked.contains("<b>n"),
            "{masked}"
        );
        assert!(
            masked.contains("<wsse:Password Type=\"x\"><redacted></wsse:Password>"),
            "{masked}"
        );
        assert!(masked.contains("alice") && masked.contains("Bob"), "{masked}");
        assert!(matches!(mask_xml("<a>plain</a>"), Cow::Borrowed(_)));
        assert_eq!(mask_xml("<password>open"), "<password><redacted>");
    }

    #[test]
    fn headers_keep_what_is_not_secret() {
        assert_eq!(
            mask_header("Authorization", "Digest username=\"a\", response=\"x\""),
            "Digest <redacted>"
        );
        assert_eq!(mask_header("Cookie", "SID=abc; lang=en"), "SID=<redacted>; lang=<redacted>");
        assert_eq!(
            mask_header("Set-Cookie", "SID=abc; Path=/; HttpOnly"),
            "SID=<redacted>; Path=/; HttpOnly"
        );
        assert_eq!(mask_header("WWW-Authenticate", "NTLM TlRM"), "NTLM TlRM");
        assert_eq!(mask_header("X-Api-Key", "k"), "<redacted>");
        assert_eq!(mask_header("SOAPAction", "\"urn:a\""), "\"urn:a\"");
    }
}
