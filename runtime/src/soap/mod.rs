//! SOAP 1.1 and 1.2 envelopes, faults, and plain XML documents (ServiceStack style).

pub(crate) mod addressing;
mod fault;
pub(crate) mod multiref;
mod request;

pub use request::{SoapOptions, soap_call};

/// A request body written SOAP-encoded (rpc/encoded): elements carry `xsi:type`, arrays
/// `soapenc:arrayType`, as services that read by type (SOAP::Lite, Axis without type
/// mappings) need. Generated rpc/encoded operations wrap their request in it.
pub struct Encoded<'a, T: ?Sized>(pub &'a T);

impl<T: XmlWrite + ?Sized> XmlWrite for Encoded<'_, T> {
    fn write_xml(&self, w: &mut XmlWriter, ns: &str, local: &str) {
        let was = w.set_encoded(false);
        // The operation's wrapper element carries no type; what it holds does.
        w.start(ns, local);
        w.set_encoded(true);
        self.0.write_content(w);
        w.set_encoded(was);
        w.end(local);
    }
}

/// The header blocks of a response that a generated `…ResponseHeaders` struct holds.
pub trait ReadHeaders: Default {
    /// Reads the header block just started into `self` when it is one of its blocks and
    /// returns `true`; returns `false` without reading it otherwise (it is then skipped).
    fn read_header(&mut self, r: &mut XmlReader<'_>, tag: StartTag<'_>) -> Result<bool, XmlError>;
}

pub use fault::Fault;

use crate::error::Error;
use crate::xml::{StartTag, XSD_NS, XSI_NS, XmlError, XmlReader, XmlWrite, XmlWriter};

/// The SOAP 1.1 envelope namespace.
pub const SOAP11_ENVELOPE_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";
/// The SOAP 1.2 envelope namespace.
pub const SOAP12_ENVELOPE_NS: &str = "http://www.w3.org/2003/05/soap-envelope";

/// A SOAP version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SoapVersion {
    /// SOAP 1.1 (`text/xml`, `SOAPAction` header).
    Soap11,
    /// SOAP 1.2 (`application/soap+xml` with an `action` parameter).
    Soap12,
}

impl SoapVersion {
    /// The envelope namespace.
    pub fn envelope_ns(self) -> &'static str {
        match self {
            SoapVersion::Soap11 => SOAP11_ENVELOPE_NS,
            SoapVersion::Soap12 => SOAP12_ENVELOPE_NS,
        }
    }

    /// The request Content-Type (without the SOAP 1.2 `action` parameter).
    pub fn content_type(self) -> &'static str {
        match self {
            SoapVersion::Soap11 => "text/xml; charset=utf-8",
            SoapVersion::Soap12 => "application/soap+xml; charset=utf-8",
        }
    }

    /// The envelope prefix ASP.NET uses: `soap` or `soap12`.
    pub fn prefix(self) -> &'static str {
        match self {
            SoapVersion::Soap11 => "soap",
            SoapVersion::Soap12 => "soap12",
        }
    }

    /// The version whose envelope namespace is `ns`.
    pub fn from_envelope_ns(ns: &str) -> Option<Self> {
        match ns {
            SOAP11_ENVELOPE_NS => Some(SoapVersion::Soap11),
            SOAP12_ENVELOPE_NS => Some(SoapVersion::Soap12),
            _ => None,
        }
    }
}

/// Writes a whole request envelope the way ASP.NET help pages show it: the XML declaration,
/// `<soap:Envelope>` declaring `xsi`, `xsd` and the envelope prefix (`soap` for 1.1,
/// `soap12` for 1.2), a `<soap:Header>` only if `header` writes something, then
/// `<soap:Body>` with what `body` writes.
pub fn write_envelope(
    version: SoapVersion,
    header: Option<&dyn Fn(&mut XmlWriter)>,
    body: &dyn Fn(&mut XmlWriter),
) -> Result<String, XmlError> {
    write_envelope_parts(version, header, body, false).map(|(envelope, _)| envelope)
}

/// [`write_envelope`], with the `base64Binary` contents of the body set aside as MTOM
/// attachments when `mtom` is set.
pub(crate) fn write_envelope_parts(
    version: SoapVersion,
    header: Option<&dyn Fn(&mut XmlWriter)>,
    body: &dyn Fn(&mut XmlWriter),
    mtom: bool,
) -> Result<(String, Vec<Vec<u8>>), XmlError> {
    let prefix = version.prefix();
    let (envelope, header_name, body_name) = match version {
        SoapVersion::Soap11 => ("soap:Envelope", "soap:Header", "soap:Body"),
        SoapVersion::Soap12 => ("soap12:Envelope", "soap12:Header", "soap12:Body"),
    };
    let mut w = XmlWriter::with_capacity(1024);
    w.raw(r#"<?xml version="1.0" encoding="utf-8"?>"#);
    w.start_prefixed(envelope);
    w.declare_prefix("xsi", XSI_NS);
    w.declare_prefix("xsd", XSD_NS);
    w.declare_prefix(prefix, version.envelope_ns());
    if let Some(header) = header {
        let before = w.checkpoint();
        w.start_prefixed(header_name);
        let inside = w.checkpoint();
        header(&mut w);
        if w.checkpoint().len() == inside.len() {
            w.rollback(before);
        } else {
            w.end(header_name);
        }
    }
    w.start_prefixed(body_name);
    if mtom {
        w.set_aside_binaries();
    }
    body(&mut w);
    let attachments = w.take_attachments();
    w.end(body_name);
    w.end(envelope);
    Ok((w.finish()?, attachments))
}

/// Reads a response envelope of either version, skipping any Header.
///
/// If the first Body child is a Fault, returns [`Error::Fault`]. Otherwise calls `read`
/// with the reader just after the payload's start tag, then checks that nothing but
/// whitespace follows the payload up to `</Body>`.
pub fn read_envelope<T>(
    xml: &str,
    read: impl FnOnce(&mut XmlReader<'_>, StartTag<'_>) -> Result<T, XmlError>,
) -> Result<T, Error> {
    read_envelope_with(XmlReader::new(xml), read)
}

/// [`read_envelope`] with a reader of the caller's limits.
pub(crate) fn read_envelope_with<T>(
    r: XmlReader<'_>,
    read: impl FnOnce(&mut XmlReader<'_>, StartTag<'_>) -> Result<T, XmlError>,
) -> Result<T, Error> {
    read_envelope_and_headers(r, &mut |r, _| r.skip(), read)
}

/// [`read_envelope_with`], giving each child of the Header to `header` (which must read or
/// skip it).
pub(crate) fn read_envelope_and_headers<T>(
    mut r: XmlReader<'_>,
    header: &mut dyn FnMut(&mut XmlReader<'_>, StartTag<'_>) -> Result<(), XmlError>,
    read: impl FnOnce(&mut XmlReader<'_>, StartTag<'_>) -> Result<T, XmlError>,
) -> Result<T, Error> {
    let root = r.next_child()?.ok_or_else(|| r.error("empty document"))?;
    let version = match SoapVersion::from_envelope_ns(root.ns) {
        Some(version) if root.local == "Envelope" => version,
        _ => {
            return Err(r
                .error(format!("expected a SOAP Envelope, found <{}>", root.local))
                .into());
        }
    };
    let ns = version.envelope_ns();
    loop {
        match r.next_child()? {
            Some(tag) if tag.is(ns, "Body") => break,
            Some(tag) if tag.is(ns, "Header") => {
                while let Some(block) = r.next_child()? {
                    header(&mut r, block)?;
                }
            }
            Some(_) => r.skip()?,
            None => return Err(r.error("SOAP Envelope has no Body").into()),
        }
    }
    let payload = r.next_child()?.ok_or_else(|| r.error("SOAP Body is empty"))?;
    if payload.is(ns, "Fault") {
        return Err(Error::Fault(Box::new(fault::read(&mut r, version)?)));
    }
    let value = read(&mut r, payload)?;
    r.expect_end("the SOAP Body payload")?;
    Ok(value)
}

/// Reads a whole document as a plain XML payload (no envelope): `read` gets the root start
/// tag, then the document must end.
pub fn read_document<T>(
    xml: &str,
    read: impl FnOnce(&mut XmlReader<'_>, StartTag<'_>) -> Result<T, XmlError>,
) -> Result<T, Error> {
    read_document_with(XmlReader::new(xml), read)
}

/// [`read_document`] with a reader of the caller's limits.
pub(crate) fn read_document_with<T>(
    mut r: XmlReader<'_>,
    read: impl FnOnce(&mut XmlReader<'_>, StartTag<'_>) -> Result<T, XmlError>,
) -> Result<T, Error> {
    let root = r.next_child()?.ok_or_else(|| r.error("empty document"))?;
    let value = read(&mut r, root)?;
    r.expect_end("the root element")?;
    Ok(value)
}

/// Writes a plain XML document (no envelope, no XML declaration) with `body`.
pub fn write_document(body: &dyn Fn(&mut XmlWriter)) -> Result<String, XmlError> {
    let mut w = XmlWriter::with_capacity(512);
    body(&mut w);
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Pair {
        n: i32,
        list: Vec<String>,
    }

    impl XmlWrite for Pair {
        fn write_content(&self, w: &mut XmlWriter) {
            self.n.write_xml(w, "", "n");
            w.wrapped(("", "list"), ("", "item"), &self.list);
        }

        fn xsi_type(&self) -> Option<(&'static str, &'static str)> {
            Some(("urn:t", "Pair"))
        }
    }

    struct Call(Pair);

    impl XmlWrite for Call {
        fn write_content(&self, w: &mut XmlWriter) {
            self.0.write_xml(w, "", "p");
        }
    }

    #[test]
    fn encoded_bodies_say_their_types_and_literal_ones_do_not() {
        let call = Call(Pair { n: 7, list: vec!["a".into()] });
        let write = |encoded: bool| {
            let body = |w: &mut XmlWriter| {
                if encoded {
                    Encoded(&call).write_xml(w, "urn:t", "op");
                } else {
                    call.write_xml(w, "urn:t", "op");
                }
            };
            write_envelope(SoapVersion::Soap11, None, &body).unwrap()
        };
        let encoded = write(true);
        assert!(encoded.contains(r#"<op xmlns="urn:t"><p xmlns="" xmlns:ns1="urn:t" xsi:type="ns1:Pair"><n xsi:type="xsd:int">7</n>"#), "{encoded}");
        assert!(encoded.contains(r#"xsi:type="ns2:Array" ns2:arrayType="xsd:string[1]"><item xsi:type="xsd:string">a</item>"#), "{encoded}");
        let literal = write(false);
        assert!(!literal.contains("xsi:type") && !literal.contains("arrayType"), "{literal}");
    }
}
