//! Reading an operation's response element: what every generated response parser does,
//! written once here rather than once per operation.

use super::{HttpResponse, parse_soap_response, parse_xml_response};
use crate::error::Error;
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
/// [`parse_xml_response`] does.
pub fn read_xml_response<T: XmlRead>(
    response: &HttpResponse,
    ns: &str,
    local: &str,
) -> Result<T, Error> {
    parse_xml_response(response, |r, tag| read_expected(r, tag, ns, local))
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
