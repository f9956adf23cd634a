//! Turning an `HttpResponse` into the typed result or the right `Error`.

use std::borrow::Cow;

use super::HttpResponse;
use super::charset::{self, CharsetError};
use crate::error::Error;
use crate::soap::{read_document, read_envelope};
use crate::xml::{StartTag, XmlError, XmlReader};

/// How much of an unexpected response body [`Error::Http`] keeps.
const HTTP_ERROR_BODY_LIMIT: usize = 4096;

/// Turns a SOAP response into the typed result.
///
/// A SOAP fault becomes [`Error::Fault`] whatever the status (ASP.NET sends faults with
/// 500); any other non-2xx response becomes [`Error::Http`]. A 2xx body is decoded from the
/// encoding it declares, UTF-8 when it declares none (else [`Error::Xml`] naming the byte
/// offset), and read with [`read_envelope`].
pub fn parse_soap_response<T>(
    response: &HttpResponse,
    read: impl FnOnce(&mut XmlReader<'_>, StartTag<'_>) -> Result<T, XmlError>,
) -> Result<T, Error> {
    let text = body_text(response)?;
    if is_success(response.status) {
        return read_envelope(&text, read);
    }
    match read_envelope(&text, |r, _| r.skip()) {
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
    read_document(&body_text(response)?, read)
}

pub(super) fn is_success(status: u16) -> bool {
    (200..300).contains(&status)
}

/// The body as text, in the encoding it declares (see [`super::charset`]). A body that is
/// not text of an error response is reported as the HTTP error it is (proxies send Latin-1
/// error pages without saying so), not as an XML problem.
pub(super) fn body_text(response: &HttpResponse) -> Result<Cow<'_, str>, Error> {
    charset::decode(&response.body, response.content_type.as_deref()).map_err(|e| {
        if !is_success(response.status) {
            return http_error(response);
        }
        match e {
            CharsetError::Unknown(label) => Error::Xml(XmlError::new(format!(
                "the response body is in {label:?}, an encoding soapgen cannot decode"
            ))),
            CharsetError::Malformed { encoding, offset, valid } => {
                let (line, column) = crate::xml::line_column(&valid, valid.len());
                Error::Xml(XmlError::at(
                    format!("response body is not valid {encoding} at byte offset {offset}"),
                    line,
                    column,
                    String::new(),
                ))
            }
        }
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
