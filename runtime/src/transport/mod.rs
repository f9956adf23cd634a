//! HTTP requests and responses, the [`Transport`] trait, and turning responses into
//! typed results.

#[cfg(feature = "blocking")]
mod http;
mod redact;

use std::fmt;
use std::sync::Arc;

pub use crate::error::{TransportError, TransportErrorKind};
#[cfg(feature = "blocking")]
pub use http::HttpTransport;

use crate::error::Error;
use crate::soap::{SoapVersion, read_document, read_envelope};
use crate::xml::{StartTag, XmlError, XmlReader};

/// How much of an unexpected response body [`Error::Http`] keeps.
const HTTP_ERROR_BODY_LIMIT: usize = 4096;

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

/// Sends requests; generated clients are generic over it so tests can substitute one.
pub trait Transport {
    /// Sends `request` and returns the response, whatever its status.
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, Error>;
}

impl<T: Transport + ?Sized> Transport for &T {
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, Error> {
        (**self).send(request)
    }
}

impl<T: Transport + ?Sized> Transport for Box<T> {
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, Error> {
        (**self).send(request)
    }
}

impl<T: Transport + ?Sized> Transport for Arc<T> {
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, Error> {
        (**self).send(request)
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

/// Turns a SOAP response into the typed result.
///
/// A SOAP fault becomes [`Error::Fault`] whatever the status (ASP.NET sends faults with
/// 500); any other non-2xx response becomes [`Error::Http`]. A 2xx body must be UTF-8
/// (else [`Error::Xml`] naming the byte offset) and is read with [`read_envelope`].
pub fn parse_soap_response<T>(
    response: &HttpResponse,
    read: impl FnOnce(&mut XmlReader<'_>, StartTag<'_>) -> Result<T, XmlError>,
) -> Result<T, Error> {
    let text = utf8_body(response)?;
    if is_success(response.status) {
        return read_envelope(text, read);
    }
    match read_envelope(text, |r, _| r.skip()) {
        Err(Error::Fault(fault)) => Err(Error::Fault(fault)),
        _ => Err(http_error(response)),
    }
}

/// Turns a plain XML response into the typed result: non-2xx is [`Error::Http`], a 2xx body
/// is read with [`read_document`].
pub fn parse_xml_response<T>(
    response: &HttpResponse,
    read: impl FnOnce(&mut XmlReader<'_>, StartTag<'_>) -> Result<T, XmlError>,
) -> Result<T, Error> {
    if !is_success(response.status) {
        return Err(http_error(response));
    }
    read_document(utf8_body(response)?, read)
}

fn is_success(status: u16) -> bool {
    (200..300).contains(&status)
}

/// The body as text. A non-UTF-8 body of an error response is reported as the HTTP error it
/// is (proxies send Latin-1 error pages), not as an XML problem.
fn utf8_body(response: &HttpResponse) -> Result<&str, Error> {
    std::str::from_utf8(&response.body).map_err(|e| {
        if !is_success(response.status) {
            return http_error(response);
        }
        let valid = &response.body[..e.valid_up_to()];
        // The prefix is valid UTF-8 by definition.
        let prefix = std::str::from_utf8(valid).unwrap_or_default();
        let (line, column) = crate::xml::line_column(prefix, prefix.len());
        Error::Xml(XmlError::at(
            format!("response body is not valid UTF-8 at byte offset {}", e.valid_up_to()),
            line,
            column,
            String::new(),
        ))
    })
}

fn http_error(response: &HttpResponse) -> Error {
    let mut end = response.body.len().min(HTTP_ERROR_BODY_LIMIT);
    // Don't cut a UTF-8 sequence in half: back up over continuation bytes.
    if end < response.body.len() {
        while end > 0 && (response.body[end] & 0xC0) == 0x80 {
            end -= 1;
        }
    }
    Error::Http {
        status: response.status,
        content_type: response.content_type.clone(),
        body: String::from_utf8_lossy(&response.body[..end]).into_owned(),
    }
}

fn find_header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}
