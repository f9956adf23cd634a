//! Prefixes every reader understands without a declaration (`xsd:`, `soap:`, …):
//! hand-edited WSDLs use them undeclared, and they are read as their standard
//! namespaces, with a warning (`repair`), unless `--strict`.

use super::builtins::{HTTP, SOAP_ENC, SOAP11, SOAP12, WSDL, XSD};
use crate::read::xml::XSI_NS;

/// Prefixes whose meaning every reader agrees on, read as these namespaces where a
/// document uses them undeclared. (`tns` means the target namespace in force.)
pub const WELL_KNOWN: &[(&str, &str)] = &[
    ("xsd", XSD),
    ("xs", XSD),
    ("wsdl", WSDL),
    ("soap", SOAP11),
    ("soap12", SOAP12),
    ("soapenc", SOAP_ENC),
    ("xsi", XSI_NS),
    ("http", HTTP),
    ("mime", "http://schemas.xmlsoap.org/wsdl/mime/"),
];

/// The standard namespace of a well-known prefix.
pub fn well_known(prefix: &str) -> Option<&'static str> {
    WELL_KNOWN.iter().find(|(p, _)| *p == prefix).map(|(_, ns)| *ns)
}
