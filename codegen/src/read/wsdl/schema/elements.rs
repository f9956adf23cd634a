//! Names → what fields hold: built-ins, named types, element declarations (local,
//! global, by reference), and the array shapes fields hold as lists.

use std::collections::{BTreeSet, VecDeque};

use super::{Site, Types, Value, Work};
use crate::ir::{Docs, Primitive, QName, TypeId, TypeRef, WrappedList};
use crate::read::wsdl::builtins::{Builtin, SOAP_ENC, WSDL, builtin_type};
use crate::read::xml::ElemId;

/// An element declaration as a field or message sees it.
#[derive(Clone, Debug)]
pub struct Decl {
    /// The element's name on the wire (namespace empty when unqualified).
    pub name: QName,
    pub value: Value,
    pub nillable: bool,
    pub docs: Docs,
    /// A global element other elements substitute for: a field of it takes any of them.
    pub substitutable: bool,
    pub is_abstract: bool,
    pub site: Site,
}

pub fn builtin_value(b: Builtin) -> Value {
    match b {
        Builtin::Value(p) => Value::of(TypeRef::Primitive(p)),
        Builtin::List(p) => Value::of(TypeRef::List(Box::new(TypeRef::Primitive(p)))),
        Builtin::Raw => Value::raw(),
        Builtin::EncodedArray => Value {
            ty: TypeRef::RawXml,
            note: Some(
                "A SOAP-encoded array whose item type is not stated: kept as raw XML.".into(),
            ),
        },
    }
}

/// The doc note of something kept as raw XML because its definition was not read.
pub fn missing(what: &str, q: &QName) -> String {
    format!(
        "{what} `{}` (namespace `{}`) is not in the schemas read: kept as raw XML.",
        q.local, q.namespace
    )
}

/// Message bodies are elements with a struct, enum or text value.
fn message_safe(ty: TypeRef) -> TypeRef {
    match ty {
        TypeRef::List(_) => TypeRef::Primitive(Primitive::String),
        TypeRef::Wrapped(_) | TypeRef::AnyElement => TypeRef::RawXml,
        ty => ty,
    }
}

impl Types<'_> {
    /// What a field of the named type `q` holds.
    pub fn named_value(&mut self, q: &QName, site: Site) -> Value {
        if let Some(v) = self.values.get(q) {
            return v.clone();
        }
        let v = if let Some(b) = builtin_type(q) {
            builtin_value(b)
        } else if let Some(&c) = self.index.types.get(q) {
            if self.sdoc(c.schema).name(c.el).local == "complexType" {
                match self.array_named(q, c.schema, c.el) {
                    Some(list) => Value::of(TypeRef::Wrapped(Box::new(list))),
                    None => Value::of(TypeRef::Named(self.struct_of(q))),
                }
            } else {
                self.simple_named(q, c.schema, c.el)
            }
        } else {
            self.unresolved("type", q, site, "kept as raw XML");
            Value { ty: TypeRef::RawXml, note: Some(missing("Type", q)) }
        };
        self.values.insert(q.clone(), v.clone());
        v
    }

    /// What a message body of the named type `q` is: array shapes stay structs here.
    pub fn message_value(&mut self, q: &QName, site: Site) -> TypeRef {
        match self.index.types.get(q) {
            Some(c)
                if builtin_type(q).is_none()
                    && self.sdoc(c.schema).name(c.el).local == "complexType" =>
            {
                TypeRef::Named(self.struct_of(q))
            }
            _ => message_safe(self.named_value(q, site).ty),
        }
    }

    /// The struct of the named complex type `q`, allocated on first use.
    pub(super) fn struct_of(&mut self, q: &QName) -> TypeId {
        if let Some(&id) = self.named.get(q) {
            return id;
        }
        let c = self.index.types[q];
        let site = self.site(c.schema, c.el);
        let id = self.allocate(q.clone(), self.docs(c.schema, c.el), site);
        self.named.insert(q.clone(), id);
        self.enqueue(id, c.schema, c.el, Some(q.clone()), q.clone());
        id
    }

    /// The struct of an anonymous complex type, named after its element.
    fn anonymous_struct(&mut self, schema: usize, ct: ElemId, name: &QName) -> TypeId {
        if let Some(&id) = self.anonymous.get(&(schema, ct)) {
            return id;
        }
        let mut docs = self.docs(schema, ct);
        if docs.is_empty() {
            if let Some(parent) = self.sdoc(schema).dom.get(ct).parent {
                docs = self.docs(schema, parent);
            }
        }
        let id = self.allocate(name.clone(), docs, self.site(schema, ct));
        self.anonymous.insert((schema, ct), id);
        self.enqueue(id, schema, ct, None, name.clone());
        id
    }

    /// The global element `q`, or `None` when no schema read declares it.
    pub fn global(&mut self, q: &QName) -> Option<Decl> {
        if let Some(d) = self.globals.get(q) {
            return Some(d.clone());
        }
        let c = *self.index.elements.get(q)?;
        let site = self.site(c.schema, c.el);
        if self.active.contains(&(Work::Element, q.clone())) {
            return Some(self.recursive(q, c.schema, c.el));
        }
        let decl = if self.enter(Work::Element, q, site) {
            let d = self.declaration(c.schema, c.el, q.clone(), true);
            self.leave(Work::Element, q);
            d
        } else {
            Decl {
                name: q.clone(),
                value: Value::raw(),
                nillable: false,
                docs: Docs::default(),
                substitutable: false,
                is_abstract: false,
                site,
            }
        };
        self.globals.insert(q.clone(), decl.clone());
        Some(decl)
    }

    /// A global element referenced from inside its own type (a tree of `<Folder>`s):
    /// all that can be named yet is its struct.
    fn recursive(&mut self, q: &QName, schema: usize, el: ElemId) -> Decl {
        let doc = self.sdoc(schema);
        let site = self.site(schema, el);
        let t = doc.attr(el, "type").and_then(|t| self.set.resolve(schema, el, t).ok());
        let complex = t.as_ref().filter(|t| {
            builtin_type(t).is_none()
                && self
                    .index
                    .types
                    .get(*t)
                    .is_some_and(|c| self.sdoc(c.schema).name(c.el).local == "complexType")
        });
        let ty = match (complex, doc.child(el, &self.set.schemas[schema].xs, "complexType")) {
            (Some(t), _) => TypeRef::Named(self.struct_of(t)),
            (None, Some(ct)) if t.is_none() => TypeRef::Named(self.anonymous_struct(schema, ct, q)),
            _ => {
                self.warn(
                    site,
                    format!("element '{}' is defined in terms of itself: kept as raw XML", q.local),
                );
                TypeRef::RawXml
            }
        };
        let nillable = doc.attr(el, "nillable") == Some("true");
        let docs = self.docs(schema, el);
        Decl {
            name: q.clone(),
            value: Value::of(ty),
            nillable,
            docs,
            substitutable: false,
            is_abstract: false,
            site,
        }
    }

    /// The message body type of the global element `q` (which must exist).
    pub fn element_message(&mut self, q: &QName) -> TypeRef {
        let c = self.index.elements[q];
        let doc = self.sdoc(c.schema);
        let site = self.site(c.schema, c.el);
        if let Some(t) = doc.attr(c.el, "type") {
            return match self.set.resolve(c.schema, c.el, t) {
                Ok(t) => self.message_value(&t, site),
                Err(_) => message_safe(self.global(q).map_or(TypeRef::RawXml, |d| d.value.ty)),
            };
        }
        if let Some(ct) = doc.child(c.el, &self.set.schemas[c.schema].xs, "complexType") {
            return TypeRef::Named(self.anonymous_struct(c.schema, ct, q));
        }
        message_safe(self.global(q).map_or(TypeRef::RawXml, |d| d.value.ty))
    }

    /// A particle's `xs:element`: a local declaration or a reference to a global one.
    /// `None` (after a warning) when it has neither name nor ref.
    pub(super) fn local_decl(&mut self, schema: usize, el: ElemId) -> Option<Decl> {
        let doc = self.sdoc(schema);
        let site = self.site(schema, el);
        if let Some(r) = doc.attr(el, "ref") {
            let q = match self.set.resolve(schema, el, r) {
                Ok(q) => q,
                Err(m) => {
                    self.warn(site, format!("{m}: this element is left out"));
                    return None;
                }
            };
            let mut decl = match self.global(&q) {
                Some(d) => d,
                None => {
                    self.unresolved("element", &q, site, "kept as raw XML");
                    let value = Value { ty: TypeRef::RawXml, note: Some(missing("Element", &q)) };
                    Decl {
                        name: q,
                        value,
                        nillable: false,
                        docs: Docs::default(),
                        substitutable: false,
                        is_abstract: false,
                        site,
                    }
                }
            };
            let mut docs = self.docs(schema, el);
            docs.0.append(&mut decl.docs.0);
            decl.docs = docs;
            decl.site = site;
            return Some(decl);
        }
        let Some(name) = doc.attr(el, "name") else {
            self.warn(
                site,
                "expected a 'name' or 'ref' attribute on this xs:element: it is left out",
            );
            return None;
        };
        let s = &self.set.schemas[schema];
        let qualified = match doc.attr(el, "form") {
            Some(form) => form == "qualified",
            None => s.qualified_elements,
        };
        let ns = if qualified { s.tns.clone() } else { String::new() };
        Some(self.declaration(schema, el, QName::new(ns, name), false))
    }

    fn declaration(&mut self, schema: usize, el: ElemId, name: QName, global: bool) -> Decl {
        let doc = self.sdoc(schema);
        let value = self.decl_value(schema, el, &name, global);
        let substitutable = global && self.index.members.contains_key(&name);
        let mut docs = self.docs(schema, el);
        if let Some(v) = doc.attr(el, "default").or(doc.attr(el, "fixed")) {
            docs.push(format!("Default: `{v}`."));
        }
        Decl {
            nillable: doc.attr(el, "nillable") == Some("true"),
            is_abstract: doc.attr(el, "abstract") == Some("true"),
            docs,
            site: self.site(schema, el),
            substitutable,
            value,
            name,
        }
    }

    /// The value of a declaration: its `type`, its anonymous type, its substitution
    /// group head's type, or (none of these) `xs:anyType`.
    fn decl_value(&mut self, schema: usize, el: ElemId, name: &QName, global: bool) -> Value {
        let doc = self.sdoc(schema);
        let site = self.site(schema, el);
        if let Some(t) = doc.attr(el, "type") {
            return match self.set.resolve(schema, el, t) {
                Ok(q) => self.named_value(&q, site),
                Err(m) => {
                    self.warn(site, format!("{m}: kept as raw XML"));
                    Value::raw()
                }
            };
        }
        let xs = &self.set.schemas[schema].xs;
        for c in doc.children_in(el, xs) {
            match doc.name(c).local.as_str() {
                "complexType" => {
                    return match self.array_item(schema, c) {
                        // An element holding a list of itself is a tree node, a struct with
                        // a list field, not a list of lists of lists.
                        Some(list) if !(global && list.item == *name) => {
                            Value::of(TypeRef::Wrapped(Box::new(list)))
                        }
                        _ => Value::of(TypeRef::Named(self.anonymous_struct(schema, c, name))),
                    };
                }
                "simpleType" => return self.simple_anonymous(schema, c, name),
                _ => {}
            }
        }
        if let (true, Some(head)) = (global, doc.attr(el, "substitutionGroup")) {
            if let Some(head) =
                self.set.resolve(schema, el, head).ok().and_then(|h| self.global(&h))
            {
                return head.value;
            }
        }
        Value::raw()
    }

    /// The list a field of the named complex type `q` holds, when it is array-shaped.
    fn array_named(&mut self, q: &QName, schema: usize, el: ElemId) -> Option<WrappedList> {
        // A type holding a list of itself is a struct, not an endless list of lists.
        if self.active.contains(&(Work::Array, q.clone())) {
            return None;
        }
        if !self.enter(Work::Array, q, self.site(schema, el)) {
            return None;
        }
        let list = self.array_item(schema, el);
        self.leave(Work::Array, q);
        // Its one repeated element is of this very type: a tree node (a struct with a list
        // of its own kind), not a list of lists.
        let own = self.named.get(q).map(|&id| TypeRef::Named(id));
        match list {
            Some(list) if own.as_ref() == Some(&list.item_ty) => None,
            list => list,
        }
    }

    /// `ArrayOfX` (a sequence of one repeated element, nothing else) or a SOAP-encoded
    /// array (a restriction of `soapenc:Array`): the list it holds.
    pub(super) fn array_item(&mut self, schema: usize, ct: ElemId) -> Option<WrappedList> {
        let doc = self.sdoc(schema);
        let xs = &self.set.schemas[schema].xs;
        if doc.attr(ct, "mixed") == Some("true") {
            return None;
        }
        let parts: Vec<ElemId> =
            doc.children_in(ct, xs).filter(|&c| doc.name(c).local != "annotation").collect();
        let [only] = parts[..] else { return None };
        match doc.name(only).local.as_str() {
            "sequence" => {
                if self.bounds(schema, only)?.1 > 1 {
                    return None;
                }
                let items: Vec<ElemId> = doc
                    .children_in(only, xs)
                    .filter(|&c| doc.name(c).local != "annotation")
                    .collect();
                let [item] = items[..] else { return None };
                if doc.name(item).local != "element" || self.bounds(schema, item)?.1 <= 1 {
                    return None;
                }
                // A repeated substitution head needs a choice per item: not a plain list.
                if let Some(r) = doc.attr(item, "ref") {
                    let head = self.set.resolve(schema, item, r).ok()?;
                    if self.index.members.contains_key(&head) {
                        return None;
                    }
                }
                let decl = self.local_decl(schema, item)?;
                Some(WrappedList {
                    item: decl.name,
                    item_ty: decl.value.ty,
                    item_nillable: decl.nillable,
                })
            }
            "complexContent" => {
                let r = doc.child(only, xs, "restriction")?;
                let base = self.set.resolve(schema, r, doc.attr(r, "base")?).ok()?;
                (base == QName::new(SOAP_ENC, "Array")).then(|| self.encoded_item(schema, r))
            }
            _ => None,
        }
    }

    /// The items of a `soapenc:Array` restriction: an explicit item element, else
    /// `wsdl:arrayType="tns:X[]"`. Items are named `item`, as SOAP toolkits write them
    /// (SOAP 1.1 §5.4.2 leaves the name free).
    pub(super) fn encoded_item(&mut self, schema: usize, r: ElemId) -> WrappedList {
        let doc = self.sdoc(schema);
        let xs = &self.set.schemas[schema].xs;
        if let Some(seq) = doc.child(r, xs, "sequence") {
            let items: Vec<ElemId> =
                doc.children_in(seq, xs).filter(|&c| doc.name(c).local == "element").collect();
            if let [item] = items[..] {
                if let Some(decl) = self.local_decl(schema, item) {
                    return WrappedList {
                        item: decl.name,
                        item_ty: decl.value.ty,
                        item_nillable: decl.nillable,
                    };
                }
            }
        }
        let item = QName::new("", "item");
        let declared = doc
            .children_in(r, xs)
            .find_map(|a| Some((a, doc.dom.attribute(a, WSDL, "arrayType")?.to_owned())));
        let Some((at, array_type)) = declared else {
            self.warn(
                self.site(schema, r),
                "SOAP-encoded array without wsdl:arrayType: its items are kept as raw XML",
            );
            return WrappedList { item, item_ty: TypeRef::RawXml, item_nillable: false };
        };
        let (name, dims) = array_type.split_at(array_type.find('[').unwrap_or(array_type.len()));
        let mut item_ty = match self.set.resolve(schema, at, name) {
            Ok(q) => self.named_value(&q, self.site(schema, at)).ty,
            Err(m) => {
                self.warn(self.site(schema, at), format!("{m}: array items kept as raw XML"));
                TypeRef::RawXml
            }
        };
        // `X[][]` is an array of arrays; `X[,]` is one list in row order.
        for _ in 1..dims.matches('[').count() {
            item_ty = TypeRef::Wrapped(Box::new(WrappedList {
                item: item.clone(),
                item_ty,
                item_nillable: false,
            }));
        }
        WrappedList { item, item_ty, item_nillable: false }
    }

    /// The elements a field of substitution head `head` accepts: the head unless it is
    /// abstract, then its members and theirs, in document order.
    pub(super) fn substitutes(&mut self, head: &QName) -> Vec<Decl> {
        let mut out = Vec::new();
        let mut seen = BTreeSet::new();
        let mut todo = VecDeque::from([head.clone()]);
        while let Some(q) = todo.pop_front() {
            if !seen.insert(q.clone()) {
                continue;
            }
            if let Some(d) = self.global(&q) {
                if !d.is_abstract {
                    out.push(d);
                }
            }
            if let Some(members) = self.index.members.get(&q) {
                todo.extend(members.iter().cloned());
            }
        }
        out
    }
}
