//! `XmlWriter`: a namespace-aware XML writer into a `String`.

use std::fmt;
use std::ops::Range;

use super::escape::{escape_into, is_plain};
use super::{XML_NS, XSI_NS, XmlError};
use crate::value::XmlValue;

/// Writes an XML document into a `String`.
///
/// Individual calls never fail: the first problem (such as a character XML 1.0 cannot
/// carry) is remembered and returned by [`finish`](XmlWriter::finish), so generated code
/// stays a straight line of calls.
///
/// Elements use the default-namespace style ASP.NET writes: no prefixes, and `xmlns="…"`
/// wherever the namespace changes.
///
/// `Debug` shows the writer's state, never the document (requests carry passwords).
#[derive(Default)]
pub struct XmlWriter {
    out: String,
    /// A start tag is still open: neither `>` nor `/>` written yet.
    open: bool,
    depth: u32,
    /// Namespace bindings in scope, innermost last. Pushed only when one changes.
    bindings: Vec<Binding>,
    /// Prefix and URI text of `bindings`, kept in one buffer so pushes stop allocating.
    names: String,
    /// Last number used for an `nsN` prefix.
    last_prefix: u32,
    error: Option<XmlError>,
    /// SOAP encoding: elements carry `xsi:type`, arrays `soapenc:arrayType`.
    encoded: bool,
    /// MTOM: `base64Binary` element contents set aside as attachments (see
    /// [`set_aside_binaries`](Self::set_aside_binaries)), written as `xop:Include`s.
    attachments: Option<Vec<Vec<u8>>>,
}

/// A namespace declaration made on the element at `depth`.
#[derive(Debug)]
struct Binding {
    depth: u32,
    /// `names[start..split]` is the prefix ("" for the default namespace), `names[split..end]` the URI.
    start: usize,
    split: usize,
    end: usize,
}

/// A point [`XmlWriter::rollback`] can return to.
#[derive(Clone, Copy)]
pub(crate) struct Checkpoint {
    len: usize,
    open: bool,
    depth: u32,
    bindings: usize,
    names: usize,
}

impl Checkpoint {
    /// Bytes of output written at this point.
    pub(crate) fn len(&self) -> usize {
        self.len
    }
}

impl fmt::Debug for XmlWriter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("XmlWriter")
            .field("len", &self.out.len())
            .field("depth", &self.depth)
            .field("error", &self.error)
            .finish_non_exhaustive()
    }
}

/// The Content-ID of the `n`th attachment (from 1) an MTOM request carries.
pub(crate) fn attachment_id(n: usize) -> String {
    format!("{n}.attachment@soapgen")
}

impl XmlWriter {
    /// An empty writer.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty writer with room for `bytes` of output.
    pub fn with_capacity(bytes: usize) -> Self {
        XmlWriter { out: String::with_capacity(bytes), ..Self::default() }
    }

    /// Starts element `local` in namespace `ns` ("" = no namespace).
    ///
    /// Uses the default-namespace style ASP.NET writes: when the default namespace in scope
    /// differs from `ns`, declares `xmlns="ns"` on this element (`xmlns=""` for no
    /// namespace). No prefixes.
    pub fn start(&mut self, ns: &str, local: &str) {
        self.start_prefixed(local);
        if self.default_ns() != ns {
            self.declare_prefix("", ns);
        }
    }

    /// Starts an element with a literal prefixed name such as `soap:Envelope` (the caller
    /// declares the prefix).
    pub fn start_prefixed(&mut self, qualified_name: &str) {
        self.close_start_tag();
        self.out.push('<');
        self.out.push_str(qualified_name);
        self.open = true;
        self.depth += 1;
    }

    /// Declares `xmlns:prefix="ns"` on the start tag still open; an empty `prefix` declares
    /// the default namespace.
    ///
    /// Panics in debug builds if no start tag is open (release builds report it from `finish`).
    pub fn declare_prefix(&mut self, prefix: &str, ns: &str) {
        if !self.check_open("namespace declaration") {
            return;
        }
        if prefix.is_empty() {
            self.out.push_str(" xmlns=\"");
        } else {
            self.out.push_str(" xmlns:");
            self.out.push_str(prefix);
            self.out.push_str("=\"");
        }
        self.escaped(ns, true);
        self.out.push('"');
        self.push_binding(prefix, ns);
    }

    /// Unprefixed attribute on the open start tag; the value is escaped for attributes.
    pub fn attr(&mut self, name: &str, value: &str) {
        if self.attr_name(name) {
            self.escaped(value, true);
            self.out.push('"');
        }
    }

    /// Unprefixed attribute with a value of any [`XmlValue`] type.
    pub fn attr_value<V: XmlValue + ?Sized>(&mut self, name: &str, value: &V) {
        if self.attr_name(name) {
            self.lexical(value, true);
            self.out.push('"');
        }
    }

    /// Attribute in namespace `ns` (such as `xsi:nil`).
    ///
    /// Uses an in-scope prefix for `ns` if there is one, else declares one on this element:
    /// `xsi` for XML Schema instance, `xml` (never declared) for the XML namespace, and
    /// `ns1`, `ns2`, … otherwise.
    pub fn attr_ns(&mut self, ns: &str, local: &str, value: &str) {
        if ns.is_empty() {
            return self.attr(local, value);
        }
        if !self.check_open("attribute") {
            return;
        }
        let prefix = match self.prefix_for_attr(ns) {
            Some(range) => &self.names[range],
            None => "xml",
        };
        self.out.push(' ');
        self.out.push_str(prefix);
        self.out.push(':');
        self.out.push_str(local);
        self.out.push_str("=\"");
        self.escaped(value, true);
        self.out.push('"');
    }

    /// Escaped text content (closes the open start tag first). Empty text writes nothing,
    /// so an element with only empty text is written as `<a/>`.
    pub fn text(&mut self, s: &str) {
        if !s.is_empty() {
            self.close_start_tag();
            self.escaped(s, false);
        }
    }

    /// Text content from any [`XmlValue`].
    pub fn value<V: XmlValue + ?Sized>(&mut self, value: &V) {
        if let Some(s) = value.as_lexical_str() {
            return self.text(s);
        }
        let start = self.out.len();
        value.write_lexical(&mut self.out);
        if self.out.len() == start {
            return;
        }
        let mut start = start;
        if self.open {
            // Shifts only the value just written.
            self.out.insert(start, '>');
            self.open = false;
            start += 1;
        }
        self.escape_tail(start, false);
    }

    /// Trusted raw XML markup (from [`RawXml`](super::RawXml)), written as-is.
    pub fn raw(&mut self, xml: &str) {
        if !xml.is_empty() {
            self.close_start_tag();
            self.out.push_str(xml);
        }
    }

    /// Ends the current element: `/>` if nothing was written inside, else `</local>`.
    ///
    /// `local` is the name given to [`start`](Self::start) or
    /// [`start_prefixed`](Self::start_prefixed): the writer keeps no name stack.
    pub fn end(&mut self, local: &str) {
        if self.depth == 0 {
            debug_assert!(false, "XmlWriter::end without a matching start");
            return self.fail("end tag without a matching start tag".to_owned());
        }
        if self.open {
            self.out.push_str("/>");
            self.open = false;
        } else {
            self.out.push_str("</");
            self.out.push_str(local);
            self.out.push('>');
        }
        while self.bindings.last().is_some_and(|b| b.depth == self.depth) {
            if let Some(b) = self.bindings.pop() {
                self.names.truncate(b.start);
            }
        }
        self.depth -= 1;
    }

    /// Convenience: `<local>value</local>` in `ns`.
    pub fn element<V: XmlValue + ?Sized>(&mut self, ns: &str, local: &str, value: &V) {
        self.start(ns, local);
        if self.encoded {
            let (type_ns, type_local) = value.schema_type();
            self.xsi_type(type_ns, type_local);
        }
        match (&mut self.attachments, value.attachment_bytes()) {
            (Some(attachments), Some(bytes)) if !bytes.is_empty() => {
                attachments.push(bytes.to_vec());
                let href = format!("cid:{}", attachment_id(attachments.len()));
                self.start_prefixed("xop:Include");
                self.declare_prefix("xop", crate::transport::mtom::XOP_NS);
                self.attr("href", &href);
                self.end("xop:Include");
            }
            _ => self.value(value),
        }
        self.end(local);
    }

    /// Whether values are written SOAP-encoded (see [`crate::soap::Encoded`]).
    pub fn encoded(&self) -> bool {
        self.encoded
    }

    /// Turns SOAP encoding on or off; returns what it was.
    pub(crate) fn set_encoded(&mut self, on: bool) -> bool {
        std::mem::replace(&mut self.encoded, on)
    }

    /// `xsi:type="p:local"` on the open start tag, `p` bound to `ns` (declared if needed).
    pub fn xsi_type(&mut self, ns: &str, local: &str) {
        if !self.check_open("attribute") {
            return;
        }
        let value = match self.prefix_for_attr(ns) {
            Some(range) => format!("{}:{local}", &self.names[range]),
            None => local.to_owned(),
        };
        self.attr_ns(XSI_NS, "type", &value);
    }

    /// A SOAP 1.1 encoded array's type on the open start tag: `xsi:type="soapenc:Array"` and
    /// `soapenc:arrayType="p:item[len]"` (`xsd:anyType` when no item says its type).
    pub(crate) fn array_type(&mut self, item: Option<(&str, &str)>, len: usize) {
        const SOAP_ENCODING: &str = "http://schemas.xmlsoap.org/soap/encoding/";
        let (item_ns, item_local) = item.unwrap_or((super::XSD_NS, "anyType"));
        self.xsi_type(SOAP_ENCODING, "Array");
        let item = match self.prefix_for_attr(item_ns) {
            Some(range) => format!("{}:{item_local}[{len}]", &self.names[range]),
            None => format!("{item_local}[{len}]"),
        };
        self.attr_ns(SOAP_ENCODING, "arrayType", &item);
    }

    /// From now on, writes each non-empty `base64Binary` element's content as an XOP
    /// `xop:Include` of an attachment (MTOM) instead of inline base64.
    pub(crate) fn set_aside_binaries(&mut self) {
        self.attachments.get_or_insert_with(Vec::new);
    }

    /// The attachments set aside, in order: attachment `n` (from 1) has the Content-ID
    /// [`attachment_id`]`(n)`.
    pub(crate) fn take_attachments(&mut self) -> Vec<Vec<u8>> {
        self.attachments.take().unwrap_or_default()
    }

    /// Convenience: `<local xsi:nil="true"/>` in `ns`.
    pub fn nil_element(&mut self, ns: &str, local: &str) {
        self.start(ns, local);
        self.attr_ns(XSI_NS, "nil", "true");
        self.end(local);
    }

    /// The document, or the first error met while writing it.
    pub fn finish(self) -> Result<String, XmlError> {
        if let Some(error) = self.error {
            return Err(error);
        }
        if self.depth != 0 {
            return Err(XmlError::new(format!(
                "{} element(s) left open when the document was finished",
                self.depth
            )));
        }
        Ok(self.out)
    }

    /// The namespace unprefixed elements are in at this point.
    pub(crate) fn default_ns(&self) -> &str {
        // Called for every element: an empty prefix is told by its range, without slicing.
        self.bindings.iter().rev().find(|b| b.start == b.split).map_or("", |b| self.ns_of(b))
    }

    /// The namespace `prefix` is bound to at this point (the `xml` prefix is not tracked).
    pub(crate) fn lookup(&self, prefix: &str) -> Option<&str> {
        self.bindings.iter().rev().find(|b| self.prefix_of(b) == prefix).map(|b| self.ns_of(b))
    }

    /// A prefix of the form `nsN` not bound in this scope.
    pub(crate) fn unused_prefix(&mut self) -> String {
        loop {
            self.last_prefix += 1;
            let candidate = format!("ns{}", self.last_prefix);
            if self.lookup(&candidate).is_none() {
                return candidate;
            }
        }
    }

    /// Appends ` xmlns:prefix="ns"` (or ` xmlns="ns"`) to a start tag being written with
    /// [`raw`](Self::raw), without tracking it: the raw element's end is not seen.
    pub(crate) fn raw_declaration(&mut self, prefix: &str, ns: &str) {
        if prefix.is_empty() {
            self.out.push_str(" xmlns=\"");
        } else {
            self.out.push_str(" xmlns:");
            self.out.push_str(prefix);
            self.out.push_str("=\"");
        }
        self.escaped(ns, true);
        self.out.push('"');
    }

    pub(crate) fn checkpoint(&self) -> Checkpoint {
        Checkpoint {
            len: self.out.len(),
            open: self.open,
            depth: self.depth,
            bindings: self.bindings.len(),
            names: self.names.len(),
        }
    }

    /// Forgets everything written since `checkpoint`.
    pub(crate) fn rollback(&mut self, checkpoint: Checkpoint) {
        self.out.truncate(checkpoint.len);
        self.open = checkpoint.open;
        self.depth = checkpoint.depth;
        self.bindings.truncate(checkpoint.bindings);
        self.names.truncate(checkpoint.names);
    }

    fn prefix_of(&self, b: &Binding) -> &str {
        &self.names[b.start..b.split]
    }

    fn ns_of(&self, b: &Binding) -> &str {
        &self.names[b.split..b.end]
    }

    /// Where in `names` a prefix bound to `ns` is (declared here if needed); `None` for the
    /// XML namespace, whose `xml` prefix is predefined.
    fn prefix_for_attr(&mut self, ns: &str) -> Option<Range<usize>> {
        if ns == XML_NS {
            return None;
        }
        let in_scope = self.bindings.iter().enumerate().rev().find(|(i, b)| {
            let prefix = self.prefix_of(b);
            !prefix.is_empty()
                && self.ns_of(b) == ns
                // A later binding of the same prefix would shadow this one.
                && !self.bindings[i + 1..].iter().any(|later| self.prefix_of(later) == prefix)
        });
        if let Some((_, b)) = in_scope {
            return Some(b.start..b.split);
        }
        let prefix = if ns == XSI_NS && self.lookup("xsi").is_none() {
            "xsi".to_owned()
        } else {
            self.unused_prefix()
        };
        self.declare_prefix(&prefix, ns);
        let b = self.bindings.last().expect("declare_prefix pushed a binding");
        Some(b.start..b.split)
    }

    fn push_binding(&mut self, prefix: &str, ns: &str) {
        let start = self.names.len();
        self.names.push_str(prefix);
        let split = self.names.len();
        self.names.push_str(ns);
        self.bindings.push(Binding { depth: self.depth, start, split, end: self.names.len() });
    }

    /// Writes ` name="`; false if no start tag is open.
    fn attr_name(&mut self, name: &str) -> bool {
        if !self.check_open("attribute") {
            return false;
        }
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        true
    }

    fn check_open(&mut self, what: &str) -> bool {
        if !self.open {
            debug_assert!(false, "XmlWriter: {what} written with no start tag open");
            self.fail(format!("{what} written with no start tag open"));
        }
        self.open
    }

    fn close_start_tag(&mut self) {
        if self.open {
            self.out.push('>');
            self.open = false;
        }
    }

    fn lexical<V: XmlValue + ?Sized>(&mut self, value: &V, attr: bool) {
        if let Some(s) = value.as_lexical_str() {
            return self.escaped(s, attr);
        }
        let start = self.out.len();
        value.write_lexical(&mut self.out);
        self.escape_tail(start, attr);
    }

    /// Escapes what was appended after `start`, in place; allocates only if something needs escaping.
    fn escape_tail(&mut self, start: usize, attr: bool) {
        if !is_plain(&self.out[start..], attr) {
            let tail = self.out.split_off(start);
            self.escaped(&tail, attr);
        }
    }

    fn escaped(&mut self, s: &str, attr: bool) {
        if let Err(c) = escape_into(&mut self.out, s, attr) {
            self.fail(format!("character U+{:04X} cannot be written in XML 1.0", u32::from(c)));
        }
    }

    fn fail(&mut self, message: String) {
        if self.error.is_none() {
            self.error = Some(XmlError::new(message));
        }
    }
}
