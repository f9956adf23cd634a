//! Turning an `HttpResponse` into the typed result or the right `Error`.

use super::HttpResponse;
use crate::error::Error;
use crate::soap::{read_document, read_envelope};
use crate::xml::{StartTag, XmlError, XmlReader};

/// How much of an unexpected response body [`Error::Http`] keeps.
const HTTP_ERROR_BODY_LIMIT: usize = 4096;

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

pub(super) fn is_success(status: u16) -> bool {
    (200..300).contains(&status)
}

/// The body as text. A non-UTF-8 body of an error response is reported as the HTTP error it
/// is (proxies send Latin-1 error pages), not as an XML problem.
pub(super) fn utf8_body(response: &HttpResponse) -> Result<&str, Error> {
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

pub(super) fn http_error(response: &HttpResponse) -> Error {
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
        location: None,
    }
}
