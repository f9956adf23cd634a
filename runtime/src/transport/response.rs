//! Reading an operation's response element: what every generated response parser does,
//! written once here rather than once per operation.
//!
//! The envelope, status and error handling is compiled once (it takes the payload reader
//! as `&mut dyn FnMut`); only a small wrapper is instantiated per response type, which
//! keeps a big service's crate quick to build.

use std::sync::Arc;

use super::parse::Encoding;
use super::{HttpResponse, ResponseStatus, ServiceError, parse, parse_xml_response};
use crate::error::Error;
use crate::soap::{ReadHeaders, read_document_with};
use crate::xml::{StartTag, XmlError, XmlRead, XmlReader};

/// Reads the payload into the caller's slot.
type ReadPayload<'f> = &'f mut dyn FnMut(&mut XmlReader<'_>) -> Result<(), XmlError>;

/// Reads the literal SOAP response whose body holds the element `local` in `ns` as `T`.
/// Faults, HTTP errors and bodies that are not text are reported as
/// [`parse_soap_response`](super::parse_soap_response) does.
pub fn read_soap_response<T: XmlRead>(
    response: &HttpResponse,
    ns: &str,
    local: &str,
) -> Result<T, Error> {
    read_soap_payload(response, Encoding::Literal, ns, local)
}

/// [`read_soap_response`] for an rpc/encoded operation: SOAP-encoded multi-references
/// (`href`/`id`) are resolved before reading.
pub fn read_encoded_soap_response<T: XmlRead>(
    response: &HttpResponse,
    ns: &str,
    local: &str,
) -> Result<T, Error> {
    read_soap_payload(response, Encoding::Encoded, ns, local)
}

fn read_soap_payload<T: XmlRead>(
    response: &HttpResponse,
    encoding: Encoding,
    ns: &str,
    local: &str,
) -> Result<T, Error> {
    let mut value = None;
    soap_payload(response, encoding, ns, local, &mut |r| {
        value = Some(T::read_xml(r)?);
        Ok(())
    })?;
    value.ok_or_else(|| Error::Xml(XmlError::new("the response payload was not read")))
}

/// [`read_soap_response`], with the response's header blocks read into `H` (the generated
/// `…ResponseHeaders` of an operation whose output declares SOAP headers); blocks `H` does
/// not know are skipped, absent ones stay `None`.
pub fn read_soap_response_with_headers<T: XmlRead, H: ReadHeaders>(
    response: &HttpResponse,
    ns: &str,
    local: &str,
) -> Result<(T, H), Error> {
    let mut headers = H::default();
    let mut value = None;
    let mut header = |r: &mut XmlReader<'_>, tag: StartTag<'_>| {
        if !headers.read_header(r, tag)? {
            r.skip()?;
        }
        Ok(())
    };
    parse::parse_soap_response_and_headers(response, Encoding::Literal, &mut header, |r, tag| {
        read_expected(r, tag, ns, local, &mut |r| {
            value = Some(T::read_xml(r)?);
            Ok(())
        })
    })?;
    let value =
        value.ok_or_else(|| Error::Xml(XmlError::new("the response payload was not read")))?;
    Ok((value, headers))
}

fn soap_payload(
    response: &HttpResponse,
    encoding: Encoding,
    ns: &str,
    local: &str,
    read: ReadPayload<'_>,
) -> Result<(), Error> {
    let skip = &mut |r: &mut XmlReader<'_>, _: StartTag<'_>| r.skip();
    parse::parse_soap_response_and_headers(response, encoding, skip, |r, tag| {
        read_expected(r, tag, ns, local, read)
    })
}

/// Reads the plain XML response whose root is the element `local` in `ns` as `T`, as
/// [`parse_xml_response`] does; except that an error status whose body is that element
/// (ServiceStack's error replies) is [`Error::Service`] with the element parsed.
pub fn read_xml_response<T: XmlRead + Send + Sync + 'static>(
    response: &HttpResponse,
    ns: &str,
    local: &str,
) -> Result<T, Error> {
    let mut value = None;
    let outcome = xml_payload(response, ns, local, &mut |r| {
        value = Some(T::read_xml(r)?);
        Ok(())
    });
    match (outcome, value) {
        (Ok(()), Some(value)) => Ok(value),
        // The error reply's DTO, read as the response type, travels with the error.
        (Err(Error::Service(mut e)), Some(dto)) => {
            e.response = Arc::new(dto);
            Err(Error::Service(e))
        }
        (Err(e), _) => Err(e),
        (Ok(()), None) => Err(Error::Xml(XmlError::new("the response payload was not read"))),
    }
}

fn xml_payload(
    response: &HttpResponse,
    ns: &str,
    local: &str,
    read: ReadPayload<'_>,
) -> Result<(), Error> {
    if parse::is_success(response.status) {
        return parse_xml_response(response, |r, tag| read_expected(r, tag, ns, local, read));
    }
    let Ok(text) = parse::body_text(response) else { return Err(parse::http_error(response)) };
    match read_document_with(text.reader(), |r, tag| read_expected(r, tag, ns, local, read)) {
        Ok(()) => {
            let Error::Http { status, content_type, body, .. } = parse::http_error(response) else {
                unreachable!("http_error makes Error::Http")
            };
            let status_info = ResponseStatus::from_document(&text.xml);
            Err(Error::Service(Box::new(ServiceError::new(
                status,
                content_type,
                body,
                status_info,
                (),
            ))))
        }
        Err(_) => Err(parse::http_error(response)),
    }
}

fn read_expected(
    r: &mut XmlReader<'_>,
    tag: StartTag<'_>,
    ns: &str,
    local: &str,
    read: ReadPayload<'_>,
) -> Result<(), XmlError> {
    if !tag.is(ns, local) {
        return Err(r.error(format!("expected <{local}>, found <{}>", tag.local)));
    }
    read(r)
}
