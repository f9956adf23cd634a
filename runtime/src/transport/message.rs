//! `HttpRequest` and `HttpResponse`, and building the POST of a SOAP or plain XML call.

use std::fmt;

use super::redact;
use crate::soap::SoapVersion;

/// An HTTP POST to send. `Debug` shows the body's length only and redacts credentials,
/// since bodies and headers can carry passwords.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// The endpoint URL.
    pub url: String,
    /// Request headers, in order.
    pub headers: Vec<(String, String)>,
    /// The request body.
    pub body: Vec<u8>,
}

impl HttpRequest {
    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("url", &redact::url(&self.url))
            .field("headers", &redact::Headers(&self.headers))
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// An HTTP response. `Debug` shows the body's length only.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// The status code.
    pub status: u16,
    /// The Content-Type header, if any.
    pub content_type: Option<String>,
    /// The response body.
    pub body: Vec<u8>,
}

impl fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("content_type", &self.content_type)
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// Builds the POST for a SOAP call.
///
/// SOAP 1.1: `Content-Type: text/xml; charset=utf-8` and `SOAPAction: "action"` (quoted;
/// `""` when there is no action). SOAP 1.2: `Content-Type: application/soap+xml;
/// charset=utf-8; action="action"` (parameter omitted when there is no action).
pub fn soap_request(
    url: &str,
    version: SoapVersion,
    action: Option<&str>,
    envelope: String,
) -> HttpRequest {
    let headers = match version {
        SoapVersion::Soap11 => vec![
            ("Content-Type".to_owned(), version.content_type().to_owned()),
            ("SOAPAction".to_owned(), format!("\"{}\"", action.unwrap_or(""))),
        ],
        SoapVersion::Soap12 => {
            let content_type = match action {
                Some(action) => format!("{}; action=\"{action}\"", version.content_type()),
                None => version.content_type().to_owned(),
            };
            vec![("Content-Type".to_owned(), content_type)]
        }
    };
    HttpRequest { url: url.to_owned(), headers, body: envelope.into_bytes() }
}

/// Builds a plain XML POST: `Content-Type: application/xml`, `Accept: application/xml`.
pub fn xml_request(url: &str, body: String) -> HttpRequest {
    HttpRequest {
        url: url.to_owned(),
        headers: vec![
            ("Content-Type".to_owned(), "application/xml".to_owned()),
            ("Accept".to_owned(), "application/xml".to_owned()),
        ],
        body: body.into_bytes(),
    }
}

fn find_header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}
