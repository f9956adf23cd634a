//! One parsed document and the questions WSDL and XSD reading ask of it: attributes,
//! children in a namespace, QName-valued attributes resolved where they sit, and
//! documentation text.

use std::cell::RefCell;

use super::prefixes::{WELL_KNOWN, well_known};
use crate::ir::{Docs, QName};
use crate::read::mapped::Mapped;
use crate::read::xml::{Document, ElemId, Node};
use crate::{Error, Source};

pub struct Doc {
    pub source: Source,
    pub dom: Document,
    /// Undeclared well-known prefixes are read as their standard namespaces (not with
    /// `--strict`).
    lenient: bool,
    /// Those read so, with the offset of their first use, in the order met.
    guessed: RefCell<Vec<(String, usize)>>,
}

impl Doc {
    /// Parses `source`; unless `strict`, an undeclared well-known prefix (`soap:`,
    /// `xsd:`, …) is read as its standard namespace, see [`Doc::guessed`].
    pub fn parse(source: Source, strict: bool) -> Result<Doc, Error> {
        let text = Mapped::verbatim(&source.text, 0);
        let (dom, guessed) = if strict {
            (Document::parse(&source, &text)?, Vec::new())
        } else {
            Document::parse_with_fallback(&source, &text, WELL_KNOWN)?
        };
        Ok(Doc { source, dom, lenient: !strict, guessed: RefCell::new(guessed) })
    }

    /// The undeclared prefixes read as well-known namespaces so far, each with the
    /// offset of its first use.
    pub fn guessed(&self) -> Vec<(String, usize)> {
        self.guessed.borrow().clone()
    }

    pub fn name(&self, el: ElemId) -> &QName {
        &self.dom.get(el).name
    }

    pub fn is(&self, el: ElemId, ns: &str, local: &str) -> bool {
        let n = self.name(el);
        n.namespace == ns && n.local == local
    }

    /// An attribute in no namespace (how WSDL and XSD write theirs).
    pub fn attr(&self, el: ElemId, local: &str) -> Option<&str> {
        self.dom.attribute(el, "", local)
    }

    /// Child elements in namespace `ns`, in document order.
    pub fn children_in<'d>(&'d self, el: ElemId, ns: &'d str) -> impl Iterator<Item = ElemId> + 'd {
        self.dom.children(el).filter(move |&c| self.name(c).namespace == ns)
    }

    /// The first child named `{ns}local`.
    pub fn child(&self, el: ElemId, ns: &str, local: &str) -> Option<ElemId> {
        self.dom.children(el).find(|&c| self.is(c, ns, local))
    }

    /// A located error at the element's start tag.
    pub fn error(&self, el: ElemId, message: impl Into<String>) -> Error {
        self.source.error(self.dom.get(el).offset, message)
    }

    /// Byte offset of attribute `local` (or of the element when it has none).
    pub fn attr_offset(&self, el: ElemId, local: &str) -> usize {
        let e = self.dom.get(el);
        e.attributes
            .iter()
            .find(|a| a.name.namespace.is_empty() && a.name.local == local)
            .map_or(e.offset, |a| a.offset)
    }

    /// A required attribute, or an error saying it was expected.
    pub fn required(&self, el: ElemId, local: &str) -> Result<&str, Error> {
        self.attr(el, local).ok_or_else(|| {
            let what = self.dom.get(el).qualified();
            self.error(el, format!("expected a '{local}' attribute on <{what}>"))
        })
    }

    /// Resolves a QName written in content (`type="tns:Foo"`) with the prefixes in
    /// scope at `el`. No prefix takes the default namespace, or none.
    pub fn resolve(&self, el: ElemId, value: &str) -> Result<QName, String> {
        let value = value.trim();
        let (prefix, local) = value.split_once(':').unwrap_or(("", value));
        match self.dom.namespace_for(el, prefix) {
            Some(ns) => Ok(QName::new(ns, local)),
            None if prefix.is_empty() => Ok(QName::new("", local)),
            None => match self.lenient.then(|| self.guess(el, prefix)).flatten() {
                Some(ns) => Ok(QName::new(ns, local)),
                None => Err(format!(
                    "expected a namespace declaration for prefix '{prefix}' (in '{value}')"
                )),
            },
        }
    }

    /// What an undeclared prefix stands for: `tns` the target namespace in force at `el`,
    /// a well-known prefix its standard namespace. Remembered for the warning.
    fn guess(&self, el: ElemId, prefix: &str) -> Option<String> {
        let ns = if prefix == "tns" {
            let mut at = Some(el);
            loop {
                let e = self.dom.get(at?);
                if let Some(tns) = self.attr(at?, "targetNamespace") {
                    break tns.to_owned();
                }
                at = e.parent;
            }
        } else {
            well_known(prefix)?.to_owned()
        };
        let mut guessed = self.guessed.borrow_mut();
        if !guessed.iter().any(|(p, _)| p == prefix) {
            guessed.push((prefix.to_owned(), self.dom.get(el).offset));
        }
        Some(ns)
    }

    /// [`Doc::resolve`] of a required attribute, with errors located at the attribute.
    pub fn qname_attr(&self, el: ElemId, local: &str) -> Result<QName, Error> {
        let value = self.required(el, local)?;
        self.resolve(el, value).map_err(|m| self.source.error(self.attr_offset(el, local), m))
    }

    /// Paragraphs of `<documentation>` children (WSDL) or `<annotation><documentation>`
    /// (XSD, `xs` = the schema namespace in use).
    pub fn docs(&self, el: ElemId, wsdl: &str, xs: &str) -> Docs {
        let mut docs = Docs::default();
        for c in self.dom.children(el) {
            let n = self.name(c);
            if n.namespace == wsdl && n.local == "documentation" {
                docs.push(self.text_of(c));
            } else if n.namespace == xs && n.local == "annotation" {
                for d in self.dom.children(c).filter(|&d| self.is(d, xs, "documentation")) {
                    docs.push(self.text_of(d));
                }
            }
        }
        docs
    }

    /// All text below `el` (markup such as HTML `<li>` dropped), one trimmed line per
    /// source line, runs of blank lines folded into one.
    fn text_of(&self, el: ElemId) -> String {
        let mut raw = String::new();
        let mut stack: Vec<&Node> = self.dom.get(el).children.iter().rev().collect();
        while let Some(node) = stack.pop() {
            match node {
                Node::Text(t) => raw.push_str(t),
                Node::Element(c) => stack.extend(self.dom.get(*c).children.iter().rev()),
            }
        }
        tidy(&raw)
    }
}

fn tidy(raw: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for line in raw.lines().map(str::trim) {
        if line.is_empty() && out.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        out.push(line);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_prefixes_in_scope_and_reads_docs() {
        let src = Source::new(
            "d.xml",
            "<r xmlns:a=\"urn:a\" xmlns:w=\"urn:w\"><x xmlns=\"urn:d\" t=\"a:T\" u=\"U\" v=\"b:V\">\
             <w:documentation>\n  One <b>bold</b>\n\n\n  two\n</w:documentation></x></r>",
        );
        let doc = Doc::parse(src, true).unwrap();
        let x = doc.dom.children(doc.dom.root()).next().unwrap();
        assert_eq!(doc.qname_attr(x, "t").unwrap(), QName::new("urn:a", "T"));
        assert_eq!(doc.qname_attr(x, "u").unwrap(), QName::new("urn:d", "U"));
        let e = doc.qname_attr(x, "v").unwrap_err().to_string();
        assert!(e.contains("d.xml:1:") && e.contains("prefix 'b'"), "{e}");
        assert_eq!(doc.docs(x, "urn:w", "urn:xs").0, vec!["One bold\n\ntwo".to_string()]);
    }
}
