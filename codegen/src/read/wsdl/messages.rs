//! WSDL messages → what travels: body elements (document style, or a wrapper
//! synthesised for rpc style), SOAP header blocks and fault details.

use std::collections::BTreeMap;

use super::builtins::{WSDL, XSD};
use super::index::WComp;
use super::repair::Component;
use super::schema::{Site, Types};
use crate::Error;
use crate::ir::{
    FaultDecl, Field, HeaderBlock, Message, Occurs, QName, StructDef, TypeDef, TypeId, TypeKind,
    TypeRef,
};
use crate::read::xml::ElemId;

/// How a binding puts a message in the body (from `soap:body` and the style).
pub struct Body {
    pub rpc: bool,
    pub encoded: bool,
    /// The rpc wrapper's namespace (`soap:body namespace`, else the binding's tns).
    pub namespace: String,
    /// `soap:body parts`: the parts that go in the body (all when absent).
    pub parts: Option<Vec<String>>,
}

struct Part {
    name: String,
    element: Option<QName>,
    ty: Option<QName>,
    site: Site,
}

pub struct Messages<'t, 'a> {
    pub types: &'t mut Types<'a>,
    /// RPC wrappers made so far, by (wrapper element, message): SOAP 1.1 and 1.2
    /// bindings of one operation share theirs.
    wrappers: BTreeMap<(QName, QName), TypeId>,
}

impl<'t, 'a> Messages<'t, 'a> {
    pub fn new(types: &'t mut Types<'a>) -> Self {
        Messages { types, wrappers: BTreeMap::new() }
    }

    /// The message named by `message="…"` on `el` (in document `doc`); `None` when it
    /// leads nowhere and was repaired (`done` says how, see `repair`).
    pub fn message(
        &mut self,
        doc: usize,
        el: ElemId,
        done: &str,
    ) -> Result<Option<(QName, WComp)>, Error> {
        self.types.component(Component::Message, doc, el, "message", done)
    }

    fn parts(&mut self, msg: WComp) -> Result<Vec<Part>, Error> {
        let doc = self.types.set.definitions[msg.defs].doc;
        let d = self.types.doc(doc);
        let mut parts = Vec::new();
        for p in d.children_in(msg.el, WSDL).filter(|&p| d.name(p).local == "part") {
            let element = d.attr(p, "element").map(|_| d.qname_attr(p, "element")).transpose()?;
            let ty = d.attr(p, "type").map(|_| d.qname_attr(p, "type")).transpose()?;
            let name = match d.required(p, "name") {
                Ok(name) => name.to_owned(),
                Err(error) => {
                    // Only `parts=` lists and rpc accessors use the name.
                    let named = element.as_ref().or(ty.as_ref()).map_or("part", |q| &q.local);
                    let done = format!("read as part '{named}' (name the part)");
                    self.types.repair(error, &done)?;
                    named.to_owned()
                }
            };
            if element.is_none() && ty.is_none() {
                let error =
                    d.error(p, "expected an 'element' or 'type' attribute on this wsdl:part");
                let done = format!("part '{name}' is kept as raw XML (add element= or type=)");
                self.types.repair(error, &done)?;
            }
            parts.push(Part { name, element, ty, site: Site { doc, el: p } });
        }
        Ok(parts)
    }

    /// The body of operation `op`'s input or output `io` (a portType child in `doc`).
    pub fn body(
        &mut self,
        op: &str,
        response: bool,
        doc: usize,
        io: ElemId,
        body: &Body,
    ) -> Result<Message, Error> {
        let what = if response { "response" } else { "request" };
        let done =
            format!("the {what} of operation '{op}' is kept as raw XML (define the message)");
        let Some((q, msg)) = self.message(doc, io, &done)? else {
            return Ok(Message { element: QName::new("", ""), ty: TypeRef::RawXml });
        };
        let mut parts = self.parts(msg)?;
        if let Some(names) = &body.parts {
            parts.retain(|p| names.contains(&p.name));
        }
        let site = Site { doc: self.types.set.definitions[msg.defs].doc, el: msg.el };
        if body.rpc {
            return Ok(self.rpc_wrapper(op, response, &q, site, &parts, body));
        }
        let Some(first) = parts.first() else {
            self.types.warn(
                site,
                format!("message '{}' has no body part: a document-style body needs one element; kept as raw XML", q.local),
            );
            return Ok(Message { element: QName::new("", ""), ty: TypeRef::RawXml });
        };
        if parts.len() > 1 {
            let message = format!(
                "message '{}' has {} body parts: only the first, '{}', is sent and read (a body holds one element)",
                q.local,
                parts.len(),
                first.name
            );
            self.types.warn(site, message);
        }
        Ok(self.part_message(first))
    }

    /// A document-style part as a body, header or fault element.
    fn part_message(&mut self, part: &Part) -> Message {
        if let Some(e) = &part.element {
            if self.types.index.elements.contains_key(e) {
                return Message { element: e.clone(), ty: self.types.element_message(e) };
            }
            self.types.unresolved("element", e, part.site, "kept as raw XML");
            return Message { element: e.clone(), ty: TypeRef::RawXml };
        }
        let Some(t) = part.ty.as_ref() else {
            // Neither element nor type (repaired in `parts`).
            return Message { element: QName::new("", part.name.clone()), ty: TypeRef::RawXml };
        };
        self.types.warn(
            part.site,
            format!(
                "part '{}' is typed (type=) in a document-style message: it is sent as element <{}> in no namespace",
                part.name, part.name
            ),
        );
        Message {
            element: QName::new("", part.name.clone()),
            ty: self.types.message_value(t, part.site),
        }
    }

    /// RPC style: an element named after the operation (`…Response` for the output) in
    /// the body's namespace, whose children are the parts, unqualified.
    fn rpc_wrapper(
        &mut self,
        op: &str,
        response: bool,
        q: &QName,
        site: Site,
        parts: &[Part],
        body: &Body,
    ) -> Message {
        let suffix = if response { "Response" } else { "" };
        let wrapper = QName::new(body.namespace.clone(), format!("{op}{suffix}"));
        let key = (wrapper.clone(), q.clone());
        if let Some(&id) = self.wrappers.get(&key) {
            return Message { element: wrapper, ty: TypeRef::Named(id) };
        }
        let mut fields = Vec::new();
        for p in parts {
            let provenance = self.types.at(p.site);
            let field = if let Some(t) = &p.ty {
                let v = self.types.named_value(t, p.site);
                let mut docs = self.types.doc(p.site.doc).docs(p.site.el, WSDL, XSD);
                if let Some(note) = v.note {
                    docs.push(note);
                }
                // Encoded accessors may be nil (SOAP 1.1 §5.1).
                let name = QName::new("", p.name.clone());
                Field {
                    name,
                    ty: v.ty,
                    occurs: Occurs::Required,
                    nillable: body.encoded,
                    docs,
                    provenance,
                }
            } else if let Some(e) = p.element.as_ref() {
                match self.types.global(e) {
                    Some(d) => Field {
                        name: d.name,
                        ty: d.value.ty,
                        occurs: Occurs::Required,
                        nillable: d.nillable,
                        docs: d.docs,
                        provenance,
                    },
                    None => {
                        self.types.unresolved("element", e, p.site, "kept as raw XML");
                        let ty = TypeRef::RawXml;
                        Field {
                            name: e.clone(),
                            ty,
                            occurs: Occurs::Required,
                            nillable: false,
                            docs: Default::default(),
                            provenance,
                        }
                    }
                }
            } else {
                // Neither element nor type (repaired in `parts`).
                Field {
                    name: QName::new("", p.name.clone()),
                    ty: TypeRef::RawXml,
                    occurs: Occurs::Required,
                    nillable: false,
                    docs: Default::default(),
                    provenance,
                }
            };
            fields.push(field);
        }
        let docs = self.types.doc(site.doc).docs(site.el, WSDL, XSD);
        let provenance = self.types.at(site);
        let kind = TypeKind::Struct(StructDef { fields, ..StructDef::default() });
        let id =
            self.types.model.add_type(TypeDef { name: wrapper.clone(), kind, docs, provenance });
        self.wrappers.insert(key, id);
        Message { element: wrapper, ty: TypeRef::Named(id) }
    }

    /// `soap:header` elements of operation `op`'s binding input `io` (in document `doc`).
    pub fn headers(
        &mut self,
        op: &str,
        doc: usize,
        io: ElemId,
        soap: &str,
    ) -> Result<Vec<HeaderBlock>, Error> {
        let d = self.types.doc(doc);
        let mut headers = Vec::new();
        for h in d.children_in(io, soap).filter(|&h| d.name(h).local == "header") {
            let done = format!(
                "this SOAP header is left out of operation '{op}' (define it, or remove the soap:header)"
            );
            let Some((q, msg)) = self.message(doc, h, &done)? else { continue };
            let wanted = d.required(h, "part")?;
            let parts = self.parts(msg)?;
            let Some(part) = parts.iter().find(|p| p.name == wanted) else {
                let at = d.attr_offset(h, "part");
                let message = format!(
                    "part '{wanted}' not found in message '{}': expected a wsdl:part with that name",
                    q.local
                );
                self.types.repair(d.source.error(at, message), &done)?;
                continue;
            };
            let m = self.part_message(part);
            let docs = match &part.element {
                Some(e) => self.types.global(e).map(|g| g.docs).unwrap_or_default(),
                None => Default::default(),
            };
            let required = d.dom.attribute(h, WSDL, "required") == Some("true");
            headers.push(HeaderBlock { element: m.element, ty: m.ty, required, docs });
        }
        Ok(headers)
    }

    /// `wsdl:fault`s of portType operation `op` (in document `doc`).
    pub fn faults(&mut self, doc: usize, op: ElemId) -> Result<Vec<FaultDecl>, Error> {
        let d = self.types.doc(doc);
        let mut faults = Vec::new();
        for f in d.children_in(op, WSDL).filter(|&f| d.name(f).local == "fault") {
            let name = d.required(f, "name")?.to_owned();
            let done = format!(
                "fault '{name}' is left out: such a fault arrives as a plain SOAP fault, its detail as raw XML (define the message)"
            );
            let Some((q, msg)) = self.message(doc, f, &done)? else { continue };
            let parts = self.parts(msg)?;
            let Some(first) = parts.first() else {
                let site = Site { doc, el: f };
                self.types.warn(
                    site,
                    format!(
                        "fault '{name}': message '{}' has no part, so no detail type: left out",
                        q.local
                    ),
                );
                continue;
            };
            let m = self.part_message(first);
            let docs = d.docs(f, WSDL, XSD);
            faults.push(FaultDecl { name, element: m.element, ty: m.ty, docs });
        }
        Ok(faults)
    }
}
