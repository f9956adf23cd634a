//! `HttpRequest` and `HttpResponse`, and building the POST of a SOAP or plain XML call.

use std::fmt;

use super::redact;
use crate::soap::SoapVersion;

/// The HTTP method of a request: SOAP and plain-XML calls are POSTs; GET fetches
/// documents (`soapgen fetch`) and serves HTTP GET bindings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Method {
    /// `POST`, with a body.
    #[default]
    Post,
    /// `GET`, without a body.
    Get,
}

impl Method {
    /// `"POST"` or `"GET"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Post => "POST",
            Method::Get => "GET",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An HTTP request to send. `Debug` shows the body's length only and redacts credentials,
/// since bodies and headers can carry passwords.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// `POST` for calls, `GET` for documents.
    pub method: Method,
    /// The endpoint URL.
    pub url: String,
    /// Request headers, in order.
    pub headers: Vec<(String, String)>,
    /// The request body.
    pub body: Vec<u8>,
}

impl HttpRequest {
    /// A POST of `body` with `headers`.
    pub fn post(url: impl Into<String>, headers: Vec<(String, String)>, body: Vec<u8>) -> Self {
        HttpRequest { method: Method::Post, url: url.into(), headers, body }
    }

    /// A GET of `url`, with no headers and no body.
    pub fn get(url: impl Into<String>) -> Self {
        HttpRequest { method: Method::Get, url: url.into(), headers: Vec::new(), body: Vec::new() }
    }

    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &redact::url(&self.url))
            .field("headers", &redact::Headers(&self.headers))
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// An HTTP response. `Debug` shows the body's length only and redacts credential
/// headers (`Set-Cookie`, …).
#[derive(Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// The status code.
    pub status: u16,
    /// The Content-Type header, if any.
    pub content_type: Option<String>,
    /// Every response header, in order, as received (`Content-Type` included).
    pub headers: Vec<(String, String)>,
    /// The response body.
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// A response with `status`, `content_type` and `body`, and no other headers: for
    /// custom transports and tests.
    pub fn new(status: u16, content_type: Option<String>, body: Vec<u8>) -> Self {
        let headers = match &content_type {
            Some(value) => vec![("Content-Type".to_owned(), value.clone())],
            None => Vec::new(),
        };
        HttpResponse { status, content_type, headers, body }
    }

    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// Every header named `name` (case-insensitive), in order (`Set-Cookie`,
    /// `WWW-Authenticate` come several times).
    pub fn headers_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("content_type", &self.content_type)
            .field("headers", &redact::Headers(&self.headers))
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
    HttpRequest::post(url, headers, envelope.into_bytes())
}

/// Builds a plain XML POST: `Content-Type: application/xml`, `Accept: application/xml`.
pub fn xml_request(url: &str, body: String) -> HttpRequest {
    HttpRequest::post(
        url,
        vec![
            ("Content-Type".to_owned(), "application/xml".to_owned()),
            ("Accept".to_owned(), "application/xml".to_owned()),
        ],
        body.into_bytes(),
    )
}

fn find_header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}
