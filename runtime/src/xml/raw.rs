//! `RawXml`: markup carried through verbatim (`xs:any`, fault details).

use super::{StartTag, XmlError, XmlRead, XmlReader, XmlWrite, XmlWriter};

/// Trusted XML markup kept as text, with the namespace declarations it relies on.
///
/// Read with [`XmlReader::read_raw`], which captures the namespaces in scope that the
/// markup relies on; written with [`write_element`](RawXml::write_element), which
/// re-declares them so the markup keeps its meaning wherever it lands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawXml {
    markup: String,
    namespaces: Vec<(String, String)>,
}

impl RawXml {
    /// Trusted markup written as-is; it inherits the namespaces of wherever it is written.
    pub fn new(markup: impl Into<String>) -> Self {
        RawXml { markup: markup.into(), namespaces: Vec::new() }
    }

    /// Markup with the namespace declarations `(prefix, uri)` it needs (prefix "" for the
    /// default namespace).
    pub fn with_namespaces(markup: impl Into<String>, namespaces: Vec<(String, String)>) -> Self {
        RawXml { markup: markup.into(), namespaces }
    }

    /// The markup.
    pub fn as_str(&self) -> &str {
        &self.markup
    }

    /// Whether there is no markup.
    pub fn is_empty(&self) -> bool {
        self.markup.is_empty()
    }

    /// The namespace declarations `(prefix, uri)` the markup relies on; `("", uri)` is the
    /// default namespace (`("", "")` when it was read where no default namespace applied).
    pub fn namespaces(&self) -> &[(String, String)] {
        &self.namespaces
    }

    /// Writes `<local>markup</local>` in namespace `ns`, declaring on that element the
    /// captured namespaces not already in scope.
    ///
    /// When the markup's default namespace differs from `ns`, the wrapper gets a generated
    /// prefix so the default namespace can stay the markup's. (If `ns` is "" as well, no
    /// wrapper can serve both, and the markup's unprefixed names take no namespace.)
    pub fn write_element(&self, w: &mut XmlWriter, ns: &str, local: &str) {
        let markup_default =
            self.namespaces.iter().find(|(p, _)| p.is_empty()).map(|(_, uri)| uri.as_str());
        let prefixed =
            !self.markup.is_empty() && !ns.is_empty() && markup_default.is_some_and(|d| d != ns);
        if prefixed {
            let prefix = loop {
                let candidate = w.unused_prefix();
                if !self.namespaces.iter().any(|(p, _)| *p == candidate) {
                    break candidate;
                }
            };
            let name = format!("{prefix}:{local}");
            w.start_prefixed(&name);
            w.declare_prefix(&prefix, ns);
            self.declare(w, true);
            w.raw(&self.markup);
            w.end(&name);
        } else {
            w.start(ns, local);
            self.declare(w, false);
            w.raw(&self.markup);
            w.end(local);
        }
    }

    /// Declares the captured namespaces the writer does not already have in scope.
    fn declare(&self, w: &mut XmlWriter, with_default: bool) {
        for (prefix, uri) in &self.namespaces {
            let needed = if prefix.is_empty() {
                with_default && w.default_ns() != uri
            } else {
                w.lookup(prefix) != Some(uri.as_str())
            };
            if needed {
                w.declare_prefix(prefix, uri);
            }
        }
    }
}

impl XmlWrite for RawXml {
    fn write_xml(&self, w: &mut XmlWriter, ns: &str, local: &str) {
        self.write_element(w, ns, local);
    }
}

impl XmlRead for RawXml {
    fn read_xml(r: &mut XmlReader<'_>) -> Result<Self, XmlError> {
        r.read_raw()
    }
}

/// A whole element the schema leaves open (`xs:any`): its name and its markup, start tag
/// to end tag, kept verbatim.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AnyElement {
    /// The element's namespace URI ("" for none).
    pub ns: String,
    /// The element's local name.
    pub local: String,
    /// The element itself, with the namespaces in scope around it that it relies on.
    pub xml: RawXml,
}

impl AnyElement {
    /// Reads the element `tag` that was just started, consuming its end tag.
    pub fn read_xml(r: &mut XmlReader<'_>, tag: &StartTag<'_>) -> Result<Self, XmlError> {
        Ok(AnyElement {
            ns: tag.ns.to_owned(),
            local: tag.local.to_owned(),
            xml: r.read_raw_element()?,
        })
    }

    /// Writes the element as it was read, declaring on its start tag the captured
    /// namespaces the writer does not have in scope.
    pub fn write_to(&self, w: &mut XmlWriter) {
        let markup = self.xml.as_str();
        if !markup.starts_with('<') {
            // Not an element (e.g. built with `RawXml::new("")`): written as trusted markup.
            return w.raw(markup);
        }
        let name_end = markup[1..]
            .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
            .map_or(markup.len(), |i| i + 1);
        w.raw(&markup[..name_end]);
        for (prefix, uri) in self.xml.namespaces() {
            let in_scope = if prefix.is_empty() {
                w.default_ns() == uri
            } else {
                w.lookup(prefix) == Some(uri.as_str())
            };
            if !in_scope {
                w.raw_declaration(prefix, uri);
            }
        }
        w.raw(&markup[name_end..]);
    }
}
