//! Typed fault details: a generated struct read from a [`Fault`]'s detail.

use soapgen_runtime::{Fault, XmlError, XmlRead, XmlReader};

/// Reads the detail entry `{ns}local` of `fault` into `T` (a type generated from the
/// element a `wsdl:fault` declares). `Ok(None)` when the fault has no such entry.
pub fn fault_detail<T: XmlRead>(
    fault: &Fault,
    ns: &str,
    local: &str,
) -> Result<Option<T>, XmlError> {
    let Some(detail) = &fault.detail else { return Ok(None) };
    // The detail is kept as markup plus the namespaces in scope where it was: declare them
    // again on a wrapper so its prefixes resolve.
    let mut doc = String::from("<detail");
    for (prefix, uri) in detail.namespaces() {
        let uri = uri.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
        if prefix.is_empty() {
            doc.push_str(&format!(" xmlns=\"{uri}\""));
        } else {
            doc.push_str(&format!(" xmlns:{prefix}=\"{uri}\""));
        }
    }
    doc.push('>');
    doc.push_str(detail.as_str());
    doc.push_str("</detail>");
    let mut r = XmlReader::new(&doc);
    r.next_child()?; // the wrapper
    while let Some(tag) = r.next_child()? {
        if tag.is(ns, local) {
            return T::read_xml(&mut r).map(Some);
        }
        r.skip()?;
    }
    Ok(None)
}
