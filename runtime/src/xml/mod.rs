//! XML reading and writing: the writer, the pull reader, raw markup and the traits
//! generated types implement.

mod decode;
mod error;
mod escape;
mod fields;
mod raw;
pub mod reader;
pub mod writer;

pub use error::XmlError;
pub(crate) use error::line_column;
pub use fields::{FromAttribute, XmlAttribute};
pub use raw::{AnyElement, RawXml};
pub use reader::{Limits, StartTag, XmlReader};
pub use writer::XmlWriter;
pub(crate) use writer::attachment_id;

/// The XML Schema instance namespace (`xsi:nil`, `xsi:type`).
pub const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";
/// The XML Schema namespace, conventionally bound to `xsd`.
pub const XSD_NS: &str = "http://www.w3.org/2001/XMLSchema";
/// The namespace of the predefined `xml` prefix (`xml:lang`).
pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// A value written as an XML element; implemented by generated structs, which write
/// their attributes and children in [`write_content`](Self::write_content).
pub trait XmlWrite {
    /// Writes this value as the element `local` in `ns` (start tag, attributes, content,
    /// end tag).
    fn write_xml(&self, w: &mut XmlWriter, ns: &str, local: &str) {
        w.start(ns, local);
        if w.encoded() {
            if let Some((type_ns, type_local)) = self.xsi_type() {
                w.xsi_type(type_ns, type_local);
            }
        }
        self.write_content(w);
        w.end(local);
    }

    /// The XML Schema type written as `xsi:type` in SOAP-encoded (rpc/encoded) requests:
    /// every simple value's, and the generated types' of rpc/encoded services.
    fn xsi_type(&self) -> Option<(&'static str, &'static str)> {
        None
    }

    /// Writes the attributes, then the text or child elements, of the element
    /// [`write_xml`](Self::write_xml) has started. Nothing by default: an empty element.
    fn write_content(&self, w: &mut XmlWriter) {
        let _ = w;
    }
}

/// A value read from an XML element; implemented by generated structs.
pub trait XmlRead: Sized {
    /// Reads this value from the element just started (the reader is positioned after its
    /// start tag; attributes are available through [`XmlReader::attribute`]), consuming its
    /// end tag.
    fn read_xml(r: &mut XmlReader<'_>) -> Result<Self, XmlError>;
}
