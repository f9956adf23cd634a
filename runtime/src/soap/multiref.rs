//! SOAP-encoded multi-references (SOAP 1.1 §5.4.1, Axis 1's default): an accessor
//! `<author href="#id2"/>` whose value is an independent element `<multiRef id="id2">…</multiRef>`
//! after the payload. The envelope is rewritten with each reference replaced by a copy of
//! the element it names (attributes such as `xsi:type` and the namespace declarations its
//! content relies on included) and the independent elements dropped, so generated readers
//! read it as they read inline values.
//!
//! Cycles are refused (the value would be infinite), and so are reference chains deeper than
//! the reader's depth limit and copies larger than the expansion allowance: shared references
//! can double the text per level, a "billion laughs" without entities.

use std::borrow::Cow;
use std::collections::HashMap;

use xmlparser::{ElementEnd, Token, Tokenizer};

/// Deepest chain of references followed.
const MAX_CHAIN: usize = 256;
/// The envelope may grow to this multiple of its size (plus [`EXTRA`]) by copies.
const GROWTH: usize = 16;
const EXTRA: usize = 1 << 20;

/// One element of the document.
struct Element {
    /// Byte offset of `<`.
    start: usize,
    /// Byte offset just after the start tag's `>` (or `/>`).
    head_end: usize,
    /// Byte offset of the end tag's `<` (`head_end` when self-closing).
    content_end: usize,
    /// Byte offset just after the element (its end tag).
    end: usize,
    /// `prefix:local` as written.
    name: (usize, usize),
    /// Each attribute's full text span (`a="1"`), with its prefix and local name.
    attributes: Vec<(usize, usize, bool)>,
    children: Vec<usize>,
    parent: Option<usize>,
    /// `href="#…"`: the id named.
    href: Option<String>,
    /// Whether a reference is somewhere inside (or is this element).
    refers: bool,
}

/// `xml` with its multi-references resolved, or `xml` itself when it has none.
pub(crate) fn resolve(xml: &str) -> Result<Cow<'_, str>, String> {
    // One SIMD scan decides for the common case: no `href="#…"` at all.
    let bytes = xml.as_bytes();
    let refers = memchr::memmem::find_iter(bytes, b"href=")
        .any(|i| matches!(bytes.get(i + 5..i + 7), Some([b'"' | b'\'', b'#'])));
    if !refers {
        return Ok(Cow::Borrowed(xml));
    }
    let (elements, ids) = index(xml)?;
    // Envelope → Body → payload, then the independent elements after it.
    let Some(body) = elements.first().and_then(|root| {
        root.children.iter().copied().find(|&c| local_name(xml, &elements[c]) == "Body")
    }) else {
        return Ok(Cow::Borrowed(xml));
    };
    let body_children = &elements[body].children;
    if !body_children.iter().any(|&c| elements[c].refers) {
        return Ok(Cow::Borrowed(xml));
    }
    let mut writer = Writer {
        xml,
        elements: &elements,
        ids: &ids,
        out: String::with_capacity(xml.len() * 2),
        limit: xml.len().saturating_mul(GROWTH).saturating_add(EXTRA),
        chain: Vec::new(),
    };
    let body_el = &elements[body];
    writer.out.push_str(&xml[..body_el.head_end]);
    let mut first = true;
    for &child in body_children {
        let el = &elements[child];
        // Independent elements (with an id) after the payload are only there to be referred to.
        if !first && has_attribute(xml, el, "id") {
            continue;
        }
        first = false;
        writer.element(child)?;
    }
    writer.out.push_str(&xml[body_el.content_end..]);
    Ok(Cow::Owned(writer.out))
}

/// Every element, and the elements with an `id`, by id.
fn index(xml: &str) -> Result<(Vec<Element>, HashMap<String, usize>), String> {
    let mut elements: Vec<Element> = Vec::new();
    let mut ids = HashMap::new();
    let mut open: Vec<usize> = Vec::new();
    for token in Tokenizer::from(xml) {
        let token = token.map_err(|e| e.to_string())?;
        match token {
            Token::DtdStart { .. } | Token::EmptyDtd { .. } => {
                return Err("a DOCTYPE in a SOAP message".to_owned());
            }
            Token::ElementStart { span, .. } => {
                let start = span.start();
                let name = (start + 1, span.end());
                let parent = open.last().copied();
                let id = elements.len();
                if let Some(p) = parent {
                    elements[p].children.push(id);
                }
                elements.push(Element {
                    start,
                    head_end: 0,
                    content_end: 0,
                    end: 0,
                    name,
                    attributes: Vec::new(),
                    children: Vec::new(),
                    parent,
                    href: None,
                    refers: false,
                });
                open.push(id);
            }
            Token::Attribute { span, prefix, local, value } => {
                let Some(&current) = open.last() else { continue };
                let el = &mut elements[current];
                let declaration =
                    prefix.as_str() == "xmlns" || (prefix.is_empty() && local.as_str() == "xmlns");
                el.attributes.push((span.start(), span.end(), declaration));
                if prefix.is_empty() && local.as_str() == "href" {
                    if let Some(target) = value.as_str().strip_prefix('#') {
                        el.href = Some(target.to_owned());
                    }
                } else if prefix.is_empty() && local.as_str() == "id" {
                    ids.entry(value.as_str().to_owned()).or_insert(current);
                }
            }
            Token::ElementEnd { end, span } => match end {
                ElementEnd::Open => {
                    if let Some(&current) = open.last() {
                        elements[current].head_end = span.end();
                    }
                }
                ElementEnd::Empty => {
                    let Some(current) = open.pop() else { continue };
                    let el = &mut elements[current];
                    (el.head_end, el.content_end, el.end) = (span.end(), span.end(), span.end());
                }
                ElementEnd::Close(..) => {
                    let Some(current) = open.pop() else { continue };
                    let el = &mut elements[current];
                    (el.content_end, el.end) = (span.start(), span.end());
                }
            },
            _ => {}
        }
    }
    if !open.is_empty() {
        return Err("the document ends inside an element".to_owned());
    }
    // Mark every element with a reference at or below it (children come after parents).
    for i in (0..elements.len()).rev() {
        let refers = elements[i].refers
            || elements[i].href.as_ref().is_some_and(|target| ids.contains_key(target));
        elements[i].refers = refers;
        if let (true, Some(p)) = (refers, elements[i].parent) {
            elements[p].refers = true;
        }
    }
    Ok((elements, ids))
}

fn local_name<'x>(xml: &'x str, el: &Element) -> &'x str {
    let name = &xml[el.name.0..el.name.1];
    name.rsplit(':').next().unwrap_or(name)
}

fn attribute_name(xml: &str, span: (usize, usize)) -> &str {
    let text = &xml[span.0..span.1];
    text.split('=').next().unwrap_or(text).trim()
}

fn has_attribute(xml: &str, el: &Element, name: &str) -> bool {
    el.attributes.iter().any(|&(s, e, _)| attribute_name(xml, (s, e)) == name)
}

struct Writer<'a> {
    xml: &'a str,
    elements: &'a [Element],
    ids: &'a HashMap<String, usize>,
    out: String,
    limit: usize,
    /// The ids being copied, outermost first: a repeat is a cycle.
    chain: Vec<usize>,
}

impl Writer<'_> {
    /// Writes element `i`, resolving the references in it.
    fn element(&mut self, i: usize) -> Result<(), String> {
        let (xml, el) = (self.xml, &self.elements[i]);
        if !el.refers {
            return self.push(&xml[el.start..el.end]);
        }
        let target = el.href.as_ref().and_then(|id| self.ids.get(id).map(|&t| (id, t)));
        let Some((id, target)) = target else {
            // Not a reference itself: its start tag, its content resolved, its end tag.
            self.push(&xml[el.start..el.head_end])?;
            return self.content(i, el.head_end, el.content_end, el.end);
        };
        if self.chain.contains(&target) {
            return Err(format!("the multi-reference #{id} refers to itself (a cycle)"));
        }
        if self.chain.len() == MAX_CHAIN {
            return Err(format!("multi-references nested deeper than {MAX_CHAIN}"));
        }
        let value = &self.elements[target];
        // <name + own attributes but href + the value's attributes but its identity.
        self.push("<")?;
        self.push(&xml[el.name.0..el.name.1])?;
        for &(s, e, _) in &el.attributes {
            if attribute_name(xml, (s, e)) != "href" {
                self.push(" ")?;
                self.push(&xml[s..e])?;
            }
        }
        for &(s, e, declaration) in &value.attributes {
            let name = attribute_name(xml, (s, e));
            let identity = matches!(name, "id" | "href")
                || name.ends_with(":root")
                || name.ends_with(":encodingStyle");
            if !identity || declaration {
                self.push(" ")?;
                self.push(&xml[s..e])?;
            }
        }
        // Declarations the value inherits from its ancestors inside the Body.
        let mut ancestor = value.parent;
        while let Some(a) = ancestor {
            let a_el = &self.elements[a];
            if a_el.parent.and_then(|p| self.elements[p].parent).is_none() {
                break; // Body and Envelope: in scope at the reference too.
            }
            for &(s, e, declaration) in &a_el.attributes {
                if declaration {
                    self.push(" ")?;
                    self.push(&xml[s..e])?;
                }
            }
            ancestor = a_el.parent;
        }
        if value.head_end == value.end {
            return self.push("/>");
        }
        self.push(">")?;
        self.chain.push(target);
        self.content(target, value.head_end, value.content_end, value.content_end)?;
        self.chain.pop();
        self.push("</")?;
        self.push(&xml[el.name.0..el.name.1])?;
        self.push(">")
    }

    /// Writes the content of element `i` (`from..to`) with its children resolved, then
    /// `to..end` (its end tag, or nothing).
    fn content(&mut self, i: usize, from: usize, to: usize, end: usize) -> Result<(), String> {
        let mut at = from;
        for &child in &self.elements[i].children {
            let c = &self.elements[child];
            self.push(&self.xml[at..c.start])?;
            self.element(child)?;
            at = c.end;
        }
        self.push(&self.xml[at..to])?;
        self.push(&self.xml[to..end])
    }

    fn push(&mut self, text: &str) -> Result<(), String> {
        if self.out.len() + text.len() > self.limit {
            return Err(format!(
                "multi-references copy the message beyond {} bytes ({GROWTH} times its size)",
                self.limit
            ));
        }
        self.out.push_str(text);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENV: &str = r#"<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><e:Body>"#;

    fn envelope(body: &str) -> String {
        format!("{ENV}{body}</e:Body></e:Envelope>")
    }

    fn resolved(body: &str) -> Result<String, String> {
        let xml = envelope(body);
        resolve(&xml).map(|r| {
            r.strip_prefix(ENV).unwrap().strip_suffix("</e:Body></e:Envelope>").unwrap().to_owned()
        })
    }

    #[test]
    fn references_become_copies_and_independent_elements_go() {
        // Axis 1's shape: shared, nested, scalar and array-member references.
        let body = r##"<ns1:r xmlns:ns1="urn:a"><ret a="1" href="#id0"/><list><i href="#id0"/><i href="#id2"/></list></ns1:r><multiRef id="id0" soapenc:root="0" e:encodingStyle="x" xsi:type="ns2:Book" xmlns:ns2="urn:a" xmlns:soapenc="urn:enc"><author href="#id1"/><t>T</t></multiRef><multiRef id="id1" xsi:type="xsd:int" xmlns:xsd="urn:xsd">1815</multiRef>
<multiRef id="id2" xsi:nil="true"/>"##;
        assert_eq!(
            resolved(body).unwrap(),
            r##"<ns1:r xmlns:ns1="urn:a"><ret a="1" xsi:type="ns2:Book" xmlns:ns2="urn:a" xmlns:soapenc="urn:enc"><author xsi:type="xsd:int" xmlns:xsd="urn:xsd">1815</author><t>T</t></ret><list><i xsi:type="ns2:Book" xmlns:ns2="urn:a" xmlns:soapenc="urn:enc"><author xsi:type="xsd:int" xmlns:xsd="urn:xsd">1815</author><t>T</t></i><i xsi:nil="true"/></list></ns1:r>"##
        );
    }

    #[test]
    fn documents_without_references_are_borrowed() {
        let xml = envelope("<r><a>1</a></r>");
        assert!(matches!(resolve(&xml), Ok(Cow::Borrowed(_))));
        // An href to no id (an XHTML link in a payload) stays as it is.
        let xml = envelope(r##"<r><a href="#top">x</a></r>"##);
        assert!(matches!(resolve(&xml), Ok(Cow::Borrowed(_))));
    }

    #[test]
    fn ids_inside_the_payload_are_resolved_in_place() {
        let body = r##"<r><a href="#x"/><b id="x"><c>1</c></b></r>"##;
        assert_eq!(resolved(body).unwrap(), r#"<r><a><c>1</c></a><b id="x"><c>1</c></b></r>"#);
    }

    #[test]
    fn cycles_chains_and_blowups_are_refused() {
        let cycle = r##"<r href="#a"/><m id="a"><x href="#b"/></m><m id="b"><y href="#a"/></m>"##;
        assert!(resolved(cycle).unwrap_err().contains("cycle"), "{:?}", resolved(cycle));
        let itself = r##"<r href="#a"/><m id="a"><x href="#a"/></m>"##;
        assert!(resolved(itself).unwrap_err().contains("cycle"));

        let mut chain = String::from(r##"<r href="#m0"/>"##);
        for i in 0..300 {
            chain.push_str(&format!(r##"<m id="m{i}"><x href="#m{}"/></m>"##, i + 1));
        }
        assert!(resolved(&chain).unwrap_err().contains("deeper than 256"));

        // Each level refers to the one below twice: 2^40 copies without the allowance.
        let mut laughs = String::from(r##"<r href="#l0"/>"##);
        for i in 0..40 {
            laughs.push_str(&format!(
                r##"<m id="l{i}"><a href="#l{0}"/><b href="#l{0}"/></m>"##,
                i + 1
            ));
        }
        laughs.push_str(r#"<m id="l40">lol</m>"#);
        assert!(resolved(&laughs).unwrap_err().contains("beyond"));
    }

    #[test]
    fn malformed_documents_are_errors() {
        assert!(resolve(r##"<e:Envelope xmlns:e="x"><e:Body><r href="#a"/><m id="a">"##).is_err());
        assert!(
            resolve(r##"<!DOCTYPE x><e:Envelope><e:Body><r href="#a"/></e:Body></e:Envelope>"##)
                .is_err()
        );
    }
}
