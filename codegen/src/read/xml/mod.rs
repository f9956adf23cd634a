//! A small read-only DOM on `xmlparser`, shared by every reader.
//!
//! xmlparser only tokenises. This adds what readers rely on: balanced tags, one
//! root, resolved namespaces, decoded text, limits against hostile input, and each
//! element's offset in the original source for provenance. DTDs are refused
//! outright, so entities are never expanded. Elements live in an arena and are
//! built without recursion, so depth is bounded by the limit, not by the stack.

use xmlparser::{ElementEnd, Token, Tokenizer};

mod decode;
mod diagnose;

use self::decode::{decode, normalise_newlines};
use super::mapped::Mapped;
use crate::ir::QName;
use crate::{Error, Source};

pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
pub const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// Deeper nesting than this is refused: no real service description needs it.
pub const MAX_DEPTH: usize = 512;
/// Elements plus text nodes; generous for multi-megabyte WSDLs.
pub const MAX_NODES: usize = 1 << 22;

/// Index of an element in its [`Document`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ElemId(u32);

#[derive(Debug)]
pub struct Document {
    elements: Vec<Element>,
}

#[derive(Debug)]
pub struct Element {
    /// Resolved name (namespace empty when none applies).
    pub name: QName,
    /// The prefix as written (empty for none).
    pub prefix: String,
    /// Attributes other than namespace declarations, in document order.
    pub attributes: Vec<Attribute>,
    /// Namespace declarations made on this element: (prefix, URI); prefix "" is the default.
    pub namespaces: Vec<(String, String)>,
    pub children: Vec<Node>,
    pub parent: Option<ElemId>,
    /// Byte offset of the `<` in the original source.
    pub offset: usize,
}

#[derive(Debug)]
pub enum Node {
    Element(ElemId),
    /// Decoded character data (text and CDATA, adjacent pieces joined).
    Text(String),
}

#[derive(Debug)]
pub struct Attribute {
    /// Resolved name; unprefixed attributes are in no namespace.
    pub name: QName,
    /// Decoded and whitespace-normalised value.
    pub value: String,
    pub offset: usize,
}

impl Element {
    /// The name as written, `prefix:local`.
    pub fn qualified(&self) -> String {
        qualified(&self.prefix, &self.name.local)
    }
}

fn qualified(prefix: &str, local: &str) -> String {
    if prefix.is_empty() { local.to_owned() } else { format!("{prefix}:{local}") }
}

impl Document {
    /// Parses a whole document: one root, nothing but whitespace, comments and
    /// processing instructions around it.
    pub fn parse(source: &Source, input: &Mapped) -> Result<Document, Error> {
        Builder::new(source, input).run(false).map(|(doc, _)| doc)
    }

    /// [`Document::parse`], reading an undeclared prefix of an element or attribute name
    /// as `fallback` binds it (hand-edited WSDLs use `soap:` or `xsd:` without declaring
    /// them). Returns each fallback prefix used, with the offset of its first use.
    pub fn parse_with_fallback(
        source: &Source,
        input: &Mapped,
        fallback: &[(&str, &str)],
    ) -> Result<(Document, Vec<(String, usize)>), Error> {
        let mut builder = Builder::new(source, input);
        builder.fallback = fallback.iter().map(|&(p, u)| (p.to_owned(), u.to_owned())).collect();
        let guessed = std::rc::Rc::clone(&builder.guessed);
        let (doc, _) = builder.run(false)?;
        Ok((doc, guessed.take()))
    }

    /// Parses the document at the start of `input` and stops after its root element
    /// (pages go on with prose after each sample). Returns the document and the
    /// offset in `input.text` just past the root.
    pub fn parse_prefix(source: &Source, input: &Mapped) -> Result<(Document, usize), Error> {
        Builder::new(source, input).run(true)
    }

    pub fn root(&self) -> ElemId {
        ElemId(0)
    }

    pub fn get(&self, id: ElemId) -> &Element {
        &self.elements[id.0 as usize]
    }

    /// Child elements in document order.
    pub fn children(&self, id: ElemId) -> impl Iterator<Item = ElemId> + '_ {
        self.get(id).children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(*e),
            Node::Text(_) => None,
        })
    }

    /// The element's own character data, concatenated.
    pub fn text(&self, id: ElemId) -> String {
        let mut s = String::new();
        for n in &self.get(id).children {
            if let Node::Text(t) = n {
                s.push_str(t);
            }
        }
        s
    }

    pub fn attribute(&self, id: ElemId, namespace: &str, local: &str) -> Option<&str> {
        self.get(id)
            .attributes
            .iter()
            .find(|a| a.name.namespace == namespace && a.name.local == local)
            .map(|a| a.value.as_str())
    }

    /// The URI bound to `prefix` where `id` sits (for QName-valued content).
    #[allow(dead_code, reason = "for QName-valued attributes in the WSDL reader")]
    pub fn namespace_for(&self, id: ElemId, prefix: &str) -> Option<&str> {
        if prefix == "xml" {
            return Some(XML_NS);
        }
        let mut at = Some(id);
        while let Some(e) = at {
            let el = self.get(e);
            if let Some((_, uri)) = el.namespaces.iter().find(|(p, _)| p == prefix) {
                return Some(uri);
            }
            at = el.parent;
        }
        None
    }
}

struct Open<'t> {
    id: ElemId,
    /// Offset of the start tag in the parsed text.
    at: usize,
    prefix: &'t str,
    local: &'t str,
    /// How many entries of `Builder::scopes` this element declared.
    declared: usize,
}

struct Pending<'t> {
    prefix: &'t str,
    local: &'t str,
    offset: usize,
    attributes: Vec<(&'t str, &'t str, &'t str, usize)>,
}

struct Builder<'a> {
    source: &'a Source,
    input: &'a Mapped,
    elements: Vec<Element>,
    open: Vec<Open<'a>>,
    /// In-scope declarations, innermost last.
    scopes: Vec<(String, String)>,
    pending: Option<Pending<'a>>,
    nodes: usize,
    root_done: bool,
    /// Prefixes read as these namespaces when undeclared (empty: none is).
    fallback: Vec<(String, String)>,
    /// Fallback prefixes used, with the source offset of the first use.
    guessed: std::rc::Rc<std::cell::RefCell<Vec<(String, usize)>>>,
}

impl<'a> Builder<'a> {
    fn new(source: &'a Source, input: &'a Mapped) -> Self {
        Builder {
            source,
            input,
            elements: Vec::new(),
            open: Vec::new(),
            scopes: Vec::new(),
            pending: None,
            nodes: 0,
            root_done: false,
            fallback: Vec::new(),
            guessed: Default::default(),
        }
    }

    /// An error at `at`, an offset in the parsed text.
    fn error(&self, at: usize, message: impl Into<String>) -> Error {
        self.source.error(self.input.original(at), message)
    }

    fn run(mut self, prefix_only: bool) -> Result<(Document, usize), Error> {
        let text = self.input.text.as_str();
        for token in Tokenizer::from(text) {
            let token = token.map_err(|e| {
                let (pos, message) = diagnose::describe(e, self.root_done);
                self.error(diagnose::offset_of(text, pos.row, pos.col), message)
            })?;
            let span = token.span();
            match token {
                Token::Declaration { .. }
                | Token::ProcessingInstruction { .. }
                | Token::Comment { .. } => {}
                Token::DtdStart { span, .. }
                | Token::EmptyDtd { span, .. }
                | Token::EntityDeclaration { span, .. }
                | Token::DtdEnd { span } => {
                    return Err(self.error(
                        span.start(),
                        "expected no DOCTYPE: document type declarations are refused \
                         (entities are never expanded)",
                    ));
                }
                Token::ElementStart { prefix, local, span } => {
                    if self.root_done {
                        return Err(self.error(
                            span.start(),
                            format!(
                                "expected one root element, found a second one <{}>",
                                qualified(prefix.as_str(), local.as_str())
                            ),
                        ));
                    }
                    if self.open.len() >= MAX_DEPTH {
                        return Err(self.error(
                            span.start(),
                            format!("expected at most {MAX_DEPTH} levels of nested elements"),
                        ));
                    }
                    self.pending = Some(Pending {
                        prefix: prefix.as_str(),
                        local: local.as_str(),
                        offset: span.start(),
                        attributes: Vec::new(),
                    });
                }
                Token::Attribute { prefix, local, value, span } => {
                    if let Some(p) = self.pending.as_mut() {
                        p.attributes.push((
                            prefix.as_str(),
                            local.as_str(),
                            value.as_str(),
                            span.start(),
                        ));
                    }
                }
                Token::ElementEnd { end: ElementEnd::Open, .. } => self.start_element(true)?,
                Token::ElementEnd { end: ElementEnd::Empty, .. } => self.start_element(false)?,
                Token::ElementEnd { end: ElementEnd::Close(prefix, local), span } => {
                    self.end_element(prefix.as_str(), local.as_str(), span.start())?;
                }
                Token::Text { text } => self.text(text.as_str(), text.start(), true)?,
                Token::Cdata { text, .. } => self.text(text.as_str(), text.start(), false)?,
            }
            if self.root_done && prefix_only {
                let end = span.end();
                return Ok((Document { elements: self.elements }, end));
            }
        }
        if let Some(open) = self.open.last() {
            let opened = self.source.position(self.input.original(open.at));
            return Err(self.error(
                text.len(),
                format!(
                    "expected </{}> (opened at line {}) before the end of the document",
                    qualified(open.prefix, open.local),
                    opened.line
                ),
            ));
        }
        if self.elements.is_empty() {
            return Err(self.error(text.len(), "expected an XML element"));
        }
        Ok((Document { elements: self.elements }, text.len()))
    }

    fn count_node(&mut self, at: usize) -> Result<(), Error> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(self.error(at, format!("expected at most {MAX_NODES} XML nodes")));
        }
        Ok(())
    }

    fn start_element(&mut self, has_content: bool) -> Result<(), Error> {
        let Some(p) = self.pending.take() else { return Ok(()) };
        self.count_node(p.offset)?;
        let mut declared = 0;
        let mut attributes = Vec::new();
        let mut namespaces = Vec::new();
        for &(prefix, local, value, at) in &p.attributes {
            let value = decode(value, true).map_err(|(i, m)| self.error(at + i, m))?;
            if prefix == "xmlns" || (prefix.is_empty() && local == "xmlns") {
                let bound = if prefix.is_empty() { "" } else { local };
                namespaces.push((bound.to_owned(), value.clone().into_owned()));
                self.scopes.push((bound.to_owned(), value.into_owned()));
                declared += 1;
            } else {
                attributes.push((prefix, local, value.into_owned(), at));
            }
        }
        let namespace = self.resolve(p.prefix, p.offset)?;
        let mut resolved: Vec<Attribute> = Vec::with_capacity(attributes.len());
        for (prefix, local, value, at) in attributes {
            // Unprefixed attributes are in no namespace, whatever the default is.
            let ns = if prefix.is_empty() { String::new() } else { self.resolve(prefix, at)? };
            let name = QName::new(ns, local);
            if resolved.iter().any(|a| a.name == name) {
                return Err(self.error(
                    at,
                    format!(
                        "expected each attribute once, found {} again",
                        qualified(prefix, local)
                    ),
                ));
            }
            resolved.push(Attribute { name, value, offset: self.input.original(at) });
        }
        let id = ElemId(self.elements.len() as u32);
        let parent = self.open.last().map(|o| o.id);
        if let Some(parent) = parent {
            self.elements[parent.0 as usize].children.push(Node::Element(id));
        }
        self.elements.push(Element {
            name: QName::new(namespace, p.local),
            prefix: p.prefix.to_owned(),
            attributes: resolved,
            namespaces,
            children: Vec::new(),
            parent,
            offset: self.input.original(p.offset),
        });
        if has_content {
            self.open.push(Open { id, at: p.offset, prefix: p.prefix, local: p.local, declared });
        } else {
            self.scopes.truncate(self.scopes.len() - declared);
            self.root_done = self.open.is_empty();
        }
        Ok(())
    }

    fn end_element(&mut self, prefix: &str, local: &str, at: usize) -> Result<(), Error> {
        let Some(open) = self.open.pop() else {
            return Err(self.error(
                at,
                format!("expected no end tag here, found </{}>", qualified(prefix, local)),
            ));
        };
        if open.prefix != prefix || open.local != local {
            return Err(self.error(
                at,
                format!(
                    "expected </{}>, found </{}>",
                    qualified(open.prefix, open.local),
                    qualified(prefix, local)
                ),
            ));
        }
        self.scopes.truncate(self.scopes.len() - open.declared);
        self.root_done = self.open.is_empty();
        Ok(())
    }

    fn resolve(&self, prefix: &str, at: usize) -> Result<String, Error> {
        if prefix == "xml" {
            return Ok(XML_NS.to_owned());
        }
        match self.scopes.iter().rev().find(|(p, _)| p == prefix) {
            Some((_, uri)) => Ok(uri.clone()),
            None if prefix.is_empty() => Ok(String::new()),
            None => match self.fallback.iter().find(|(p, _)| p == prefix) {
                Some((_, uri)) => {
                    let mut guessed = self.guessed.borrow_mut();
                    if !guessed.iter().any(|(p, _)| p == prefix) {
                        guessed.push((prefix.to_owned(), self.input.original(at)));
                    }
                    Ok(uri.clone())
                }
                None => Err(self
                    .error(at, format!("expected a namespace declaration for prefix '{prefix}'"))),
            },
        }
    }

    fn text(&mut self, raw: &str, at: usize, decode_refs: bool) -> Result<(), Error> {
        let Some(parent) = self.open.last().map(|o| o.id) else {
            if raw.trim().is_empty() {
                return Ok(());
            }
            let skip = raw.len() - raw.trim_start().len();
            return Err(self.error(
                at + skip,
                "expected only whitespace outside the root element, found text",
            ));
        };
        let text = if decode_refs {
            decode(raw, false).map_err(|(i, m)| self.error(at + i, m))?
        } else {
            normalise_newlines(raw)
        };
        let children = &mut self.elements[parent.0 as usize].children;
        if let Some(Node::Text(prev)) = children.last_mut() {
            prev.push_str(&text);
            return Ok(());
        }
        children.push(Node::Text(text.into_owned()));
        self.count_node(at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Document, Error> {
        let src = Source::new("t.xml", text);
        Document::parse(&src, &Mapped::verbatim(&src.text, 0))
    }

    fn err(text: &str) -> String {
        parse(text).unwrap_err().summary()
    }

    #[test]
    fn resolves_namespaces_and_decodes_text() {
        let text = "<?xml version=\"1.0\"?>\n<a:r xmlns:a=\"urn:a\" xmlns=\"urn:d\" k=\"x&amp;\ty\">\
                    <c a:at=\"1\">1 &lt; 2 &#x41;<![CDATA[<raw>]]></c></a:r>";
        let doc = parse(text).unwrap();
        let root = doc.get(doc.root());
        assert_eq!(root.name, QName::new("urn:a", "r"));
        assert_eq!(root.attributes[0].name, QName::new("", "k"));
        assert_eq!(root.attributes[0].value, "x& y");
        let c = doc.children(doc.root()).next().unwrap();
        assert_eq!(doc.get(c).name, QName::new("urn:d", "c"));
        assert_eq!(doc.get(c).attributes[0].name, QName::new("urn:a", "at"));
        assert_eq!(doc.text(c), "1 < 2 A<raw>");
        assert_eq!(doc.get(c).offset, text.find("<c").unwrap());
        assert_eq!(doc.namespace_for(c, "a"), Some("urn:a"));
    }

    #[test]
    fn refuses_doctype_and_entities() {
        let e = err("<!DOCTYPE r [<!ENTITY x \"y\">]>\n<r>&x;</r>");
        assert!(e.contains("t.xml:1:1: expected no DOCTYPE"), "{e}");
        assert!(err("<r>&x;</r>").contains("found '&x;'"));
    }

    #[test]
    fn checks_balance_prefixes_and_roots() {
        assert!(err("<a>\n  <b></c>\n</a>").starts_with("t.xml:2:6: expected </b>, found </c>"));
        assert!(err("<a>\n<b>").contains("t.xml:2:4: expected </b> (opened at line 2)"));
        assert!(err("<p:a/>").contains("expected a namespace declaration for prefix 'p'"));
        assert!(err("<a/><b/>").contains("t.xml:1:5: expected one root element"));
        assert!(err("<a/>text").contains("t.xml:1:5: expected one root element"));
        assert!(err("<a x=\"1\" x=\"2\"/>").contains("expected each attribute once"));
        assert!(err("").contains("expected an XML element"));
    }

    #[test]
    fn a_fallback_binds_undeclared_prefixes_and_says_where_each_was_first_used() {
        let text = "<r>\n  <s:a s:k=\"1\"/><s:b/><p:c/></r>";
        let src = Source::new("t.xml", text);
        let fallback = [("s", "urn:s")];
        let e = Document::parse_with_fallback(&src, &Mapped::verbatim(text, 0), &fallback)
            .unwrap_err()
            .summary();
        assert!(e.contains("expected a namespace declaration for prefix 'p'"), "{e}");
        let text = "<r>\n  <s:a s:k=\"1\"/><s:b/></r>";
        let src = Source::new("t.xml", text);
        let (doc, guessed) =
            Document::parse_with_fallback(&src, &Mapped::verbatim(text, 0), &fallback).unwrap();
        let a = doc.children(doc.root()).next().unwrap();
        assert_eq!(doc.get(a).name, QName::new("urn:s", "a"));
        assert_eq!(doc.get(a).attributes[0].name, QName::new("urn:s", "k"));
        assert_eq!(guessed, [("s".to_owned(), text.find("<s:a").unwrap())]);
    }

    #[test]
    fn reports_tokenizer_errors_with_positions() {
        let e = err("<a>\n  <b c=1/>\n</a>");
        assert!(
            e.starts_with("t.xml:2:8: malformed XML in attribute: expected a quote mark"),
            "{e}"
        );
    }

    #[test]
    fn limits_depth_without_recursion() {
        let deep = "<a>".repeat(MAX_DEPTH + 1);
        assert!(err(&deep).contains("levels of nested elements"));
        let ok = format!("{}{}", "<a>".repeat(MAX_DEPTH), "</a>".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn prefix_parse_stops_after_the_root() {
        let src = Source::new("p", "<a><b/></a>\nHTTP/1.1 200 OK\n<x");
        let (doc, end) = Document::parse_prefix(&src, &Mapped::verbatim(&src.text, 0)).unwrap();
        assert_eq!(end, 11);
        assert_eq!(doc.children(doc.root()).count(), 1);
    }
}
