//! Turning an `HttpResponse` into the typed result or the right `Error`.

use std::borrow::Cow;

use super::HttpResponse;
use super::charset::{self, CharsetError};
use super::mtom;
use crate::error::Error;
use crate::soap::{multiref, read_document_with, read_envelope_and_headers, read_envelope_with};
use crate::xml::{Limits, StartTag, XmlError, XmlReader};

/// How much of an unexpected response body [`Error::Http`] keeps.
const HTTP_ERROR_BODY_LIMIT: usize = 4096;

/// Turns a SOAP response into the typed result.
///
/// A SOAP fault becomes [`Error::Fault`] whatever the status (ASP.NET sends faults with
/// 500); any other non-2xx response becomes [`Error::Http`]. A 2xx body is decoded from the
/// encoding it declares, UTF-8 when it declares none (else [`Error::Xml`] naming the byte
/// offset), and read with [`read_envelope`], its SOAP-encoded multi-references (`href`/`id`)
/// resolved first.
pub fn parse_soap_response<T>(
    response: &HttpResponse,
    read: impl FnOnce(&mut XmlReader<'_>, StartTag<'_>) -> Result<T, XmlError>,
) -> Result<T, Error> {
    parse_soap_response_and_headers(response, Encoding::Encoded, &mut |r, _| r.skip(), read)
}

/// How a response's body is written, which says whether multi-references may be in it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Encoding {
    /// Literal (document/literal, rpc/literal): no multi-references to look for.
    Literal,
    /// SOAP-encoded (rpc/encoded): `href`/`id` multi-references are resolved.
    Encoded,
}

/// [`parse_soap_response`], giving each Header child of a successful response to `header`;
/// a literal body is read as it is, without looking for multi-references.
pub(super) fn parse_soap_response_and_headers<T>(
    response: &HttpResponse,
    encoding: Encoding,
    header: &mut dyn FnMut(&mut XmlReader<'_>, StartTag<'_>) -> Result<(), XmlError>,
    read: impl FnOnce(&mut XmlReader<'_>, StartTag<'_>) -> Result<T, XmlError>,
) -> Result<T, Error> {
    let text = body_text(response)?;
    if is_success(response.status) {
        let xml = match encoding {
            Encoding::Literal => Cow::Borrowed(&*text.xml),
            Encoding::Encoded => multiref::resolve(&text.xml).map_err(|e| {
                Error::Xml(XmlError::new(format!("SOAP-encoded multi-references: {e}")))
            })?,
        };
        let reader = XmlReader::with_limits(&xml, text.limits());
        return read_envelope_and_headers(reader, header, read);
    }
    match read_envelope_with(XmlReader::with_limits(&text.xml, text.limits()), |r, _| r.skip()) {
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
    read_document_with(body_text(response)?.reader(), read)
}

pub(super) fn is_success(status: u16) -> bool {
    (200..300).contains(&status)
}

/// A response body as XML text.
pub(super) struct BodyText<'a> {
    pub xml: Cow<'a, str>,
    /// Bytes of attachments inlined as base64 (MTOM): not counted against the document size
    /// limit, since the transport's body limit already bounded them.
    inlined: usize,
}

impl BodyText<'_> {
    /// The default limits, the document size limit raised by what was inlined.
    pub(super) fn limits(&self) -> Limits {
        let mut limits = Limits::default();
        limits.max_size = limits.max_size.saturating_add(self.inlined);
        limits
    }

    /// A reader of the text with [`limits`](Self::limits).
    pub(super) fn reader(&self) -> XmlReader<'_> {
        XmlReader::with_limits(&self.xml, self.limits())
    }
}

/// The body as XML text: an MTOM/XOP package unpacked (attachments inlined as base64), then
/// decoded from the encoding it declares (see [`super::charset`]). A body that is not text
/// of an error response is reported as the HTTP error it is (proxies send Latin-1 error
/// pages without saying so), not as an XML problem.
pub(super) fn body_text(response: &HttpResponse) -> Result<BodyText<'_>, Error> {
    let content_type = response.content_type.as_deref();
    let text = match content_type.filter(|t| mtom::is_multipart_related(t)) {
        Some(package) => unpack(&response.body, package),
        None => charset::decode(&response.body, content_type)
            .map(|xml| BodyText { xml, inlined: 0 })
            .map_err(charset_error),
    };
    text.map_err(|e| if is_success(response.status) { e } else { http_error(response) })
}

/// The root part of an MTOM package with its attachments inlined.
fn unpack<'a>(body: &'a [u8], content_type: &str) -> Result<BodyText<'a>, Error> {
    let mtom_error =
        |e: mtom::MtomError| Error::Xml(XmlError::new(format!("MTOM response: {}", e.0)));
    let parts = mtom::parts(body, content_type).map_err(mtom_error)?;
    let (root, attachments) = mtom::split_root(&parts, content_type).map_err(mtom_error)?;
    // The root part's own type carries the charset (`application/xop+xml; charset=utf-8`).
    let xml = charset::decode(&root.body, root.content_type.as_deref()).map_err(charset_error)?;
    let inlined = attachments.iter().map(|a| a.body.len()).sum();
    let xml = mtom::inline(&xml, &attachments).map_err(mtom_error)?.into_owned();
    Ok(BodyText { xml: Cow::Owned(xml), inlined })
}

fn charset_error(e: CharsetError) -> Error {
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
}

/// Whether the reply to a request with WS-Addressing MessageID `id` says it relates to
/// another message (a reply without `RelatesTo` passes: not every server echoes it).
pub(super) fn check_relates_to(response: &HttpResponse, id: &str) -> Result<(), Error> {
    let Ok(text) = body_text(response) else { return Ok(()) };
    let related = crate::soap::addressing::relates_to(&text.xml);
    if related.is_empty() || related.iter().any(|r| r == id) {
        return Ok(());
    }
    Err(Error::Xml(XmlError::new(format!(
        "WS-Addressing: the reply relates to {related:?}, not to this request ({id})"
    ))))
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
