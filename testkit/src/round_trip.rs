//! A value of a generated type written as an element and read back.

use soapgen_runtime::{XmlRead, XmlReader, XmlWrite, XmlWriter};

/// Writes `value` as the element `{ns}local`, reads it back and asserts the two are equal
/// (the XML is in the failure message). Returns the XML written.
pub fn round_trip<T>(value: &T, ns: &str, local: &str) -> String
where
    T: XmlWrite + XmlRead + PartialEq + std::fmt::Debug,
{
    let mut w = XmlWriter::new();
    value.write_xml(&mut w, ns, local);
    let xml = w.finish().unwrap_or_else(|e| panic!("writing {local}: {e}"));
    let mut r = XmlReader::new(&xml);
    r.next_child().unwrap_or_else(|e| panic!("reading {local}: {e}\n{xml}"));
    let back = T::read_xml(&mut r).unwrap_or_else(|e| panic!("reading {local}: {e}\n{xml}"));
    assert_eq!(&back, value, "{xml}");
    xml
}
