//! What generated code calls per field, so that each field is one line there: values,
//! options and lists read and written alike, nil and required elements, attributes.
//!
//! Every [`XmlValue`] is also an [`XmlWrite`] and an [`XmlRead`] (written and read as an
//! element's text), and `Option<T>` / `Vec<T>` of an [`XmlWrite`] write nothing / each item,
//! so a generated `write_content` is `self.field.write_xml(w, NS1, "Field");` whatever the
//! field's occurrence.

use super::{StartTag, XmlError, XmlRead, XmlReader, XmlWrite, XmlWriter};
use crate::value::{ValueError, XmlValue};

/// SOAP 1.1 section 5 encoding (`soapenc:arrayType`).
const SOAP11_ENCODING_NS: &str = "http://schemas.xmlsoap.org/soap/encoding/";
/// SOAP 1.2 encoding (`enc:itemType`, `enc:arraySize`).
const SOAP12_ENCODING_NS: &str = "http://www.w3.org/2003/05/soap-encoding";

impl<V: XmlValue + ?Sized> XmlWrite for V {
    fn write_xml(&self, w: &mut XmlWriter, ns: &str, local: &str) {
        w.element(ns, local, self);
    }

    fn xsi_type(&self) -> Option<(&'static str, &'static str)> {
        Some(self.schema_type())
    }
}

/// An absent optional element: nothing is written.
impl<T: XmlWrite> XmlWrite for Option<T> {
    fn write_xml(&self, w: &mut XmlWriter, ns: &str, local: &str) {
        if let Some(value) = self {
            value.write_xml(w, ns, local);
        }
    }
}

/// A repeated element: one element per item.
impl<T: XmlWrite> XmlWrite for Vec<T> {
    fn write_xml(&self, w: &mut XmlWriter, ns: &str, local: &str) {
        for value in self {
            value.write_xml(w, ns, local);
        }
    }
}

impl<V: XmlValue> XmlRead for V {
    fn read_xml(r: &mut XmlReader<'_>) -> Result<Self, XmlError> {
        r.read_value()
    }
}

/// A nillable element: `xsi:nil="true"` reads as `None`.
impl<T: XmlRead> XmlRead for Option<T> {
    fn read_xml(r: &mut XmlReader<'_>) -> Result<Self, XmlError> {
        if r.is_nil() {
            r.skip()?;
            return Ok(None);
        }
        T::read_xml(r).map(Some)
    }
}

/// A value written as an attribute: any [`XmlValue`], an `Option` of one (absent: no
/// attribute) or a `Vec` of them (`xs:list`: the items space-separated).
pub trait XmlAttribute {
    /// Writes this value as the attribute `local` in `ns` ("" for unqualified) of the open
    /// start tag.
    fn write_attribute(&self, w: &mut XmlWriter, ns: &str, local: &str);
}

impl<V: XmlValue + ?Sized> XmlAttribute for V {
    fn write_attribute(&self, w: &mut XmlWriter, ns: &str, local: &str) {
        if ns.is_empty() {
            return w.attr_value(local, self);
        }
        match self.as_lexical_str() {
            Some(text) => w.attr_ns(ns, local, text),
            None => {
                let mut text = String::new();
                self.write_lexical(&mut text);
                w.attr_ns(ns, local, &text);
            }
        }
    }
}

impl<A: XmlAttribute> XmlAttribute for Option<A> {
    fn write_attribute(&self, w: &mut XmlWriter, ns: &str, local: &str) {
        if let Some(value) = self {
            value.write_attribute(w, ns, local);
        }
    }
}

impl<V: XmlValue> XmlAttribute for Vec<V> {
    fn write_attribute(&self, w: &mut XmlWriter, ns: &str, local: &str) {
        let mut text = String::new();
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                text.push(' ');
            }
            item.write_lexical(&mut text);
        }
        w.attr_ns(ns, local, &text);
    }
}

/// A value read from an attribute's text: any [`XmlValue`], or a `Vec` of them (`xs:list`).
pub trait FromAttribute: Sized {
    /// Parses the attribute's (decoded) value.
    fn from_attribute(text: &str) -> Result<Self, ValueError>;
}

impl<V: XmlValue> FromAttribute for V {
    fn from_attribute(text: &str) -> Result<Self, ValueError> {
        V::parse_lexical(text)
    }
}

impl<V: XmlValue> FromAttribute for Vec<V> {
    fn from_attribute(text: &str) -> Result<Self, ValueError> {
        text.split_ascii_whitespace().map(V::parse_lexical).collect()
    }
}

impl XmlWriter {
    /// Writes `value` as the attribute `local` in `ns` ("" for unqualified); `None` writes
    /// nothing.
    pub fn attribute<A: XmlAttribute + ?Sized>(&mut self, ns: &str, local: &str, value: &A) {
        value.write_attribute(self, ns, local);
    }

    /// A wrapper element `local` in `ns` holding one `item_local` in `item_ns` per item
    /// (written even when there are none).
    pub fn wrapped<T: XmlWrite>(
        &mut self,
        (ns, local): (&str, &str),
        (item_ns, item_local): (&str, &str),
        items: &[T],
    ) {
        self.start(ns, local);
        if self.encoded() {
            self.array_type(items.first().and_then(XmlWrite::xsi_type), items.len());
        }
        for item in items {
            item.write_xml(self, item_ns, item_local);
        }
        self.end(local);
    }

    /// [`wrapped`](Self::wrapped) with nillable items: `None` is written as
    /// `<item_local xsi:nil="true"/>`.
    pub fn wrapped_nillable<T: XmlWrite>(
        &mut self,
        (ns, local): (&str, &str),
        (item_ns, item_local): (&str, &str),
        items: &[Option<T>],
    ) {
        self.start(ns, local);
        for item in items {
            self.nillable(item_ns, item_local, item);
        }
        self.end(local);
    }

    /// A required nillable element: the value, or `<local xsi:nil="true"/>` for `None`.
    pub fn nillable<T: XmlWrite>(&mut self, ns: &str, local: &str, value: &Option<T>) {
        match value {
            Some(value) => value.write_xml(self, ns, local),
            None => self.nil_element(ns, local),
        }
    }
}

impl<'a> XmlReader<'a> {
    /// Reads the element just started as `T` (text for values, children for structs).
    #[inline]
    pub fn read<T: XmlRead>(&mut self) -> Result<T, XmlError> {
        T::read_xml(self)
    }

    /// The items of the wrapper element just started: each child `local` in `ns` read as
    /// `T` (an `Option` for nillable items), other children skipped.
    pub fn read_wrapped<T: XmlRead>(&mut self, ns: &str, local: &str) -> Result<Vec<T>, XmlError> {
        // The members of a SOAP-encoded array may have any name (SOAP 1.1 §5.4.2; Axis 1
        // names them after the array, not `item`).
        let encoded = self.attribute(SOAP11_ENCODING_NS, "arrayType").is_some()
            || self.attribute(SOAP12_ENCODING_NS, "itemType").is_some()
            || self.attribute(SOAP12_ENCODING_NS, "arraySize").is_some();
        let mut items = Vec::new();
        while let Some(tag) = self.next_child()? {
            if encoded || tag.is(ns, local) {
                items.push(T::read_xml(self)?);
            } else {
                self.skip()?;
            }
        }
        Ok(items)
    }

    /// Calls `f` for each child element of the element just started, in document order,
    /// until its end tag (consumed). `f` must consume the child it is given (read or
    /// [`skip`](Self::skip) it).
    #[inline]
    pub fn children(
        &mut self,
        mut f: impl FnMut(&mut Self, StartTag<'a>) -> Result<(), XmlError>,
    ) -> Result<(), XmlError> {
        while let Some(tag) = self.next_child()? {
            f(self, tag)?;
        }
        Ok(())
    }

    /// Reads the child just started into `slot` (a required or single element).
    #[inline]
    pub fn read_into<T: XmlRead>(&mut self, slot: &mut Option<T>) -> Result<(), XmlError> {
        *slot = Some(T::read_xml(self)?);
        Ok(())
    }

    /// Reads the child just started into `slot`, `None` for `xsi:nil="true"`.
    #[inline]
    pub fn nillable_into<T: XmlRead>(&mut self, slot: &mut Option<T>) -> Result<(), XmlError> {
        *slot = Option::<T>::read_xml(self)?;
        Ok(())
    }

    /// Reads the wrapper element just started into `slot`: its `local` children in `ns`
    /// (see [`read_wrapped`](Self::read_wrapped)).
    #[inline]
    pub fn wrapped_into<T: XmlRead>(
        &mut self,
        slot: &mut Option<Vec<T>>,
        ns: &str,
        local: &str,
    ) -> Result<(), XmlError> {
        *slot = Some(self.read_wrapped(ns, local)?);
        Ok(())
    }

    /// Reads the child just started as one more item of `items` (a repeated element).
    #[inline]
    pub fn push_into<T: XmlRead>(&mut self, items: &mut Vec<T>) -> Result<(), XmlError> {
        items.push(T::read_xml(self)?);
        Ok(())
    }

    /// The value of a required child, or the error that it is missing, once the element
    /// holding it has ended.
    #[inline]
    pub fn required<T>(&self, value: Option<T>, ns: &str, local: &str) -> Result<T, XmlError> {
        match value {
            Some(value) => Ok(value),
            None => Err(self.missing(ns, local)),
        }
    }

    /// The attribute `local` in `ns` ("" for unqualified) of the element just started,
    /// parsed; `None` when absent.
    pub fn attr<A: FromAttribute>(&self, ns: &str, local: &str) -> Result<Option<A>, XmlError> {
        let Some(text) = self.attribute(ns, local) else { return Ok(None) };
        A::from_attribute(&text)
            .map(Some)
            .map_err(|e| self.error(format!("attribute `{local}`: {e}")))
    }

    /// [`attr`](Self::attr) for a required attribute: absent is an error.
    pub fn required_attr<A: FromAttribute>(&self, ns: &str, local: &str) -> Result<A, XmlError> {
        self.attr(ns, local)?
            .ok_or_else(|| self.error(format!("missing required attribute `{local}`")))
    }
}
