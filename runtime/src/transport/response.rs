//! Reading an operation's response element: what every generated response parser does,
//! written once here rather than once per operation.

use super::{
    HttpResponse, ResponseStatus, ServiceError, parse, parse_soap_response, parse_xml_response,
};
use crate::error::Error;
use crate::soap::read_document;
use crate::xml::{StartTag, XmlError, XmlRead, XmlReader};

/// Reads the SOAP response whose body holds the element `local` in `ns` as `T`. Faults,
/// HTTP errors and bodies that are not UTF-8 are reported as [`parse_soap_response`] does.
pub fn read_soap_response<T: XmlRead>(
    response: &HttpResponse,
    ns: &str,
    local: &str,
) -> Result<T, Error> {
    parse_soap_response(response, |r, tag| read_expected(r, tag, ns, local))
}

/// Reads the plain XML response whose root is the element `local` in `ns` as `T`, as
/// [`parse_xml_response`] does; except that an error status whose body is that element
/// (ServiceStack's error replies) is [`Error::Service`] with the element parsed.
pub fn read_xml_response<T: XmlRead + Send + Sync + 'static>(
    response: &HttpResponse,
    ns: &str,
    local: &str,
) -> Result<T, Error> {
    if parse::is_success(response.status) {
        return parse_xml_response(response, |r, tag| read_expected(r, tag, ns, local));
    }
    let Ok(text) = parse::utf8_body(response) else { return Err(parse::http_error(response)) };
    match read_document(text, |r, tag| read_expected::<T>(r, tag, ns, local)) {
        Ok(dto) => {
            let Error::Http { status, content_type, body, .. } = parse::http_error(response) else {
                unreachable!("http_error makes Error::Http")
            };
            let status_info = ResponseStatus::from_document(text);
            Err(Error::Service(Box::new(ServiceError::new(
                status,
                content_type,
                body,
                status_info,
                dto,
            ))))
        }
        Err(_) => Err(parse::http_error(response)),
    }
}

fn read_expected<T: XmlRead>(
    r: &mut XmlReader<'_>,
    tag: StartTag<'_>,
    ns: &str,
    local: &str,
) -> Result<T, XmlError> {
    if !tag.is(ns, local) {
        return Err(r.error(format!("expected <{local}>, found <{}>", tag.local)));
    }
    T::read_xml(r)
}
