//! The `wsdl:types` part: one XML Schema per namespace the model uses, with a named type per
//! struct and enum, a global element per message, header and fault element, and local
//! elements for fields (referring to a global one when the field is in another namespace).

use std::collections::{BTreeMap, BTreeSet};

use super::xml::Doc;
use crate::ir::{
    Field, Message, Model, Occurs, Primitive, Provenance, QName, TypeDef, TypeId, TypeKind, TypeRef,
};

/// Where WCF's serializer defines `guid` and `char`, which XML Schema lacks.
pub const MS_SERIALIZATION: &str = "http://schemas.microsoft.com/2003/10/Serialization/";
const GUID_PATTERN: &str =
    "[\\da-fA-F]{8}-[\\da-fA-F]{4}-[\\da-fA-F]{4}-[\\da-fA-F]{4}-[\\da-fA-F]{12}";

/// Namespace URI → prefix (`ns1`, …; `tns` for the target namespace), in first-use order.
pub struct Prefixes {
    by_ns: BTreeMap<String, String>,
    pub order: Vec<String>,
}

impl Prefixes {
    pub fn new(target: &str) -> Self {
        let mut p = Prefixes { by_ns: BTreeMap::new(), order: Vec::new() };
        p.by_ns.insert(target.to_owned(), "tns".to_owned());
        p.order.push(target.to_owned());
        p
    }

    pub fn add(&mut self, ns: &str) {
        if ns.is_empty() || self.by_ns.contains_key(ns) {
            return;
        }
        let prefix = if ns == MS_SERIALIZATION {
            "ser".to_owned()
        } else {
            format!("ns{}", self.order.len())
        };
        self.by_ns.insert(ns.to_owned(), prefix);
        self.order.push(ns.to_owned());
    }

    /// `prefix:local`, or the bare local name in no namespace.
    pub fn qualify(&self, ns: &str, local: &str) -> String {
        match self.by_ns.get(ns) {
            Some(prefix) => format!("{prefix}:{local}"),
            None => local.to_owned(),
        }
    }

    pub fn prefix(&self, ns: &str) -> Option<&str> {
        self.by_ns.get(ns).map(String::as_str)
    }
}

/// A global element to declare: its type and whether it is nillable.
struct Global {
    ty: TypeRef,
    nillable: bool,
}

/// Everything the schemas will hold, gathered before any is written.
pub struct Schemas<'m> {
    model: &'m Model,
    /// Schema type name of each struct, enum and named choice.
    type_names: Vec<String>,
    /// Choices some message, list or wrapper names as a type (fields inline theirs).
    named_choices: BTreeSet<TypeId>,
    globals: BTreeMap<(String, String), Global>,
    pub namespaces: BTreeSet<String>,
    uses_ms: bool,
    /// HTTP parameter structs the WSDL describes by message parts instead.
    excluded: BTreeSet<TypeId>,
}

impl<'m> Schemas<'m> {
    /// `excluded` structs are left out; `extra` elements are declared too.
    pub fn collect(model: &'m Model, excluded: &BTreeSet<TypeId>, extra: &[Message]) -> Self {
        let mut s = Schemas {
            model,
            type_names: Vec::new(),
            named_choices: BTreeSet::new(),
            globals: BTreeMap::new(),
            namespaces: BTreeSet::new(),
            uses_ms: false,
            excluded: excluded.clone(),
        };
        // A type the Rust code names otherwise than its wire name (two `Order`s become
        // `UpdateOrderResultOrder` and `Order`) is written under its Rust name, so that a
        // client generated back names it the same whatever order it meets the types in.
        let resolved = crate::resolve::resolve(model);
        let mut taken: BTreeSet<(String, String)> = BTreeSet::new();
        let mut groups: BTreeSet<(String, String)> = BTreeSet::new();
        for (t, r) in model.types.iter().zip(&resolved.types) {
            if matches!(t.kind, TypeKind::Choice(_)) {
                // Groups have names of their own (fields are named after them).
                let mut name = t.name.local.clone();
                let mut n = 2;
                while !groups.insert((t.name.namespace.clone(), name.clone())) {
                    name = format!("{}{n}", t.name.local);
                    n += 1;
                }
                s.type_names.push(name);
                continue;
            }
            let plain = crate::resolve::names::to_type_ident(&t.name.local) == r.rust_name;
            let mut name = if plain { t.name.local.clone() } else { r.rust_name.clone() };
            let base = name.clone();
            let mut n = 2;
            while !taken.insert((t.name.namespace.clone(), name.clone())) {
                name = format!("{base}{n}");
                n += 1;
            }
            s.type_names.push(name);
        }
        for service in &model.services {
            for op in &service.operations {
                let messages = [&op.input, &op.output].into_iter().map(|m| (&m.element, &m.ty));
                let headers =
                    op.headers.iter().chain(&op.output_headers).map(|h| (&h.element, &h.ty));
                let faults = op.faults.iter().map(|f| (&f.element, &f.ty));
                let extra = extra.iter().map(|m| (&m.element, &m.ty));
                for (element, ty) in messages.chain(headers).chain(faults).chain(extra) {
                    if matches!(ty, TypeRef::Named(id) if s.excluded.contains(id)) {
                        continue;
                    }
                    s.global(element, ty, false);
                    if let TypeRef::Named(id) = ty {
                        s.name_choice(*id);
                    }
                }
            }
        }
        for (i, t) in model.types.iter().enumerate() {
            if s.excluded.contains(&TypeId(i as u32)) {
                continue;
            }
            s.namespaces.insert(t.name.namespace.clone());
            let fields: Vec<&Field> = match &t.kind {
                TypeKind::Struct(st) => st.fields.iter().collect(),
                TypeKind::Choice(c) => c.alternatives.iter().collect(),
                TypeKind::Enum(e) => {
                    s.note_primitive(e.base);
                    Vec::new()
                }
            };
            for f in fields {
                s.note_field(&t.name.namespace, f);
            }
            if let TypeKind::Struct(st) = &t.kind {
                for a in &st.attributes {
                    s.note_ref(&a.ty);
                }
                if let Some(text) = &st.text {
                    s.note_ref(text);
                }
            }
        }
        let keep_empty = s.has_unqualified_content();
        s.namespaces.retain(|ns| !ns.is_empty() || keep_empty);
        if s.uses_ms {
            s.namespaces.insert(MS_SERIALIZATION.to_owned());
        }
        s
    }

    fn has_unqualified_content(&self) -> bool {
        self.model.types.iter().any(|t| t.name.namespace.is_empty())
            || self.globals.keys().any(|(ns, _)| ns.is_empty())
    }

    fn global(&mut self, element: &QName, ty: &TypeRef, nillable: bool) {
        self.namespaces.insert(element.namespace.clone());
        self.note_ref(ty);
        self.note_items(&element.namespace, ty);
        self.globals
            .entry((element.namespace.clone(), element.local.clone()))
            .or_insert(Global { ty: ty.clone(), nillable });
    }

    fn name_choice(&mut self, id: TypeId) {
        if matches!(self.model.types[id.0 as usize].kind, TypeKind::Choice(_)) {
            self.named_choices.insert(id);
        }
    }

    /// A wrapper's items in another namespace than the wrapper's schema are global there.
    fn note_items(&mut self, schema_ns: &str, ty: &TypeRef) {
        if let TypeRef::Wrapped(w) = ty {
            if !w.item.namespace.is_empty() && w.item.namespace != schema_ns {
                let (item, item_ty) = (w.item.clone(), w.item_ty.clone());
                self.global(&item, &item_ty, w.item_nillable);
            }
        }
    }

    fn note_field(&mut self, schema_ns: &str, f: &Field) {
        self.note_ref(&f.ty);
        if f.name.namespace.is_empty() || f.name.namespace == schema_ns {
            self.note_items(schema_ns, &f.ty);
        }
        let inline_choice = matches!(&f.ty, TypeRef::Named(id)
            if matches!(self.model.types[id.0 as usize].kind, TypeKind::Choice(_)));
        let foreign = !f.name.namespace.is_empty() && f.name.namespace != schema_ns;
        if foreign && !inline_choice && f.ty != TypeRef::AnyElement {
            self.global(&f.name, &f.ty, f.nillable);
        }
    }

    fn note_ref(&mut self, ty: &TypeRef) {
        match ty {
            TypeRef::Primitive(p) => self.note_primitive(*p),
            TypeRef::Wrapped(w) => {
                self.namespaces.insert(w.item.namespace.clone());
                if let TypeRef::Named(id) = &w.item_ty {
                    self.name_choice(*id);
                }
                self.note_ref(&w.item_ty);
            }
            TypeRef::List(item) => self.note_ref(item),
            TypeRef::Named(_) | TypeRef::RawXml | TypeRef::AnyElement => {}
        }
    }

    fn note_primitive(&mut self, p: Primitive) {
        self.uses_ms |= matches!(p, Primitive::Guid | Primitive::Char);
    }

    /// The `type="…"` of a value of `ty`, where it has a name.
    pub fn type_name(&self, px: &Prefixes, ty: &TypeRef) -> Option<String> {
        match ty {
            TypeRef::Primitive(Primitive::Guid) => Some(px.qualify(MS_SERIALIZATION, "guid")),
            TypeRef::Primitive(Primitive::Char) => Some(px.qualify(MS_SERIALIZATION, "char")),
            TypeRef::Primitive(p) => Some(format!("xs:{}", p.xsd_name())),
            TypeRef::Named(id) => {
                let t = &self.model.types[id.0 as usize];
                if matches!(t.kind, TypeKind::Choice(_)) && !self.named_choices.contains(id) {
                    return None;
                }
                Some(px.qualify(&t.name.namespace, &self.type_names[id.0 as usize]))
            }
            TypeRef::RawXml | TypeRef::Wrapped(_) | TypeRef::List(_) | TypeRef::AnyElement => None,
        }
    }

    /// The schemas, one per namespace.
    pub fn write(&self, doc: &mut Doc, px: &Prefixes) {
        for ns in &self.namespaces {
            let mut attrs = vec![("elementFormDefault", "qualified")];
            if !ns.is_empty() {
                attrs.insert(0, ("targetNamespace", ns.as_str()));
            }
            doc.start("xs:schema", &attrs);
            for other in self.namespaces.iter().filter(|o| *o != ns) {
                if other.is_empty() {
                    doc.empty("xs:import", &[]);
                } else {
                    doc.empty("xs:import", &[("namespace", other)]);
                }
            }
            if ns == MS_SERIALIZATION {
                write_ms_types(doc);
            }
            for ((element_ns, local), global) in &self.globals {
                if element_ns == ns {
                    let field = Field {
                        name: QName::new(element_ns, local),
                        ty: global.ty.clone(),
                        occurs: Occurs::Required,
                        nillable: global.nillable,
                        docs: Default::default(),
                        provenance: nowhere(),
                    };
                    self.element(doc, px, ns, &field, true);
                }
            }
            for (i, t) in self.model.types.iter().enumerate() {
                if t.name.namespace == *ns && !self.excluded.contains(&TypeId(i as u32)) {
                    self.named_type(doc, px, TypeId(i as u32), t);
                }
            }
            doc.end("xs:schema");
        }
    }

    fn named_type(&self, doc: &mut Doc, px: &Prefixes, id: TypeId, t: &TypeDef) {
        let name = &self.type_names[id.0 as usize];
        let ns = &t.name.namespace;
        match &t.kind {
            TypeKind::Enum(e) => {
                doc.start("xs:simpleType", &[("name", name)]);
                annotation(doc, &t.docs.0);
                let base = self.type_name(px, &TypeRef::Primitive(e.base)).unwrap_or_default();
                doc.start("xs:restriction", &[("base", &base)]);
                for v in &e.variants {
                    doc.start("xs:enumeration", &[("value", &v.value)]);
                    annotation(doc, &v.docs.0);
                    doc.end("xs:enumeration");
                }
                doc.end("xs:restriction");
                doc.end("xs:simpleType");
            }
            TypeKind::Choice(c) => {
                // A group, which fields refer to; and a type where something names it so.
                doc.start("xs:group", &[("name", name)]);
                annotation(doc, &t.docs.0);
                doc.start("xs:choice", &[]);
                for a in &c.alternatives {
                    self.element(doc, px, ns, a, false);
                }
                doc.end("xs:choice");
                doc.end("xs:group");
                if self.named_choices.contains(&id) {
                    doc.start("xs:complexType", &[("name", name)]);
                    let group = px.qualify(ns, name);
                    doc.empty("xs:group", &[("ref", &group)]);
                    doc.end("xs:complexType");
                }
            }
            TypeKind::Struct(s) => {
                doc.start("xs:complexType", &[("name", name)]);
                annotation(doc, &t.docs.0);
                if let Some(text) = &s.text {
                    let base = self.type_name(px, text).unwrap_or_else(|| "xs:string".into());
                    doc.start("xs:simpleContent", &[]);
                    doc.start("xs:extension", &[("base", &base)]);
                } else if !s.fields.is_empty() {
                    doc.start("xs:sequence", &[]);
                    for f in &s.fields {
                        self.element(doc, px, ns, f, false);
                    }
                    doc.end("xs:sequence");
                }
                for a in &s.attributes {
                    let ty = self.type_name(px, &a.ty).unwrap_or_else(|| "xs:string".into());
                    let mut attrs = vec![("name", a.name.local.as_str()), ("type", ty.as_str())];
                    if a.required {
                        attrs.push(("use", "required"));
                    }
                    if let Some(default) = &a.default {
                        attrs.push(("default", default));
                    }
                    if !a.name.namespace.is_empty() && a.name.namespace == *ns {
                        attrs.push(("form", "qualified"));
                    }
                    doc.start("xs:attribute", &attrs);
                    annotation(doc, &a.docs.0);
                    doc.end("xs:attribute");
                }
                if s.any_attributes {
                    doc.empty("xs:anyAttribute", &[("processContents", "lax")]);
                }
                if s.text.is_some() {
                    doc.end("xs:extension");
                    doc.end("xs:simpleContent");
                }
                doc.end("xs:complexType");
            }
        }
    }

    /// A field as a particle of the schema `schema_ns` (a global element when `global`).
    fn element(&self, doc: &mut Doc, px: &Prefixes, schema_ns: &str, f: &Field, global: bool) {
        let (min, max) = match f.occurs {
            Occurs::Required => (None, None),
            Occurs::Optional => (Some("0"), None),
            Occurs::Many => (Some("0"), Some("unbounded")),
        };
        let mut occurs = Vec::new();
        if let Some(min) = min {
            occurs.push(("minOccurs", min));
        }
        if let Some(max) = max {
            occurs.push(("maxOccurs", max));
        }
        if f.ty == TypeRef::AnyElement {
            let mut attrs = vec![("namespace", "##any"), ("processContents", "lax")];
            attrs.extend(occurs);
            doc.empty("xs:any", &attrs);
            return;
        }
        if let TypeRef::Named(id) = &f.ty {
            let t = &self.model.types[id.0 as usize];
            if matches!(t.kind, TypeKind::Choice(_)) && !global {
                // A choice has no element of its own: its alternatives take the place.
                let group = px.qualify(&t.name.namespace, &self.type_names[id.0 as usize]);
                let mut attrs = vec![("ref", group.as_str())];
                attrs.extend(occurs);
                doc.empty("xs:group", &attrs);
                return;
            }
        }
        if !global && !f.name.namespace.is_empty() && f.name.namespace != schema_ns {
            let reference = px.qualify(&f.name.namespace, &f.name.local);
            let mut attrs = vec![("ref", reference.as_str())];
            attrs.extend(occurs);
            doc.empty("xs:element", &attrs);
            return;
        }
        let type_name = self.type_name(px, &f.ty);
        let mut attrs = vec![("name", f.name.local.as_str())];
        if !global && f.name.namespace.is_empty() && !schema_ns.is_empty() {
            attrs.push(("form", "unqualified"));
        }
        if let Some(t) = &type_name {
            attrs.push(("type", t));
        }
        if !global {
            attrs.extend(occurs);
        }
        if f.nillable {
            attrs.push(("nillable", "true"));
        }
        doc.start("xs:element", &attrs);
        annotation(doc, &f.docs.0);
        if type_name.is_none() {
            self.anonymous_type(doc, px, schema_ns, &f.ty);
        }
        doc.end("xs:element");
    }

    /// The inline type of an element whose type has no name: wrappers, lists, raw XML.
    fn anonymous_type(&self, doc: &mut Doc, px: &Prefixes, schema_ns: &str, ty: &TypeRef) {
        match ty {
            TypeRef::Wrapped(w) => {
                let item = Field {
                    name: w.item.clone(),
                    ty: w.item_ty.clone(),
                    occurs: Occurs::Many,
                    nillable: w.item_nillable,
                    docs: Default::default(),
                    provenance: nowhere(),
                };
                doc.start("xs:complexType", &[]);
                doc.start("xs:sequence", &[]);
                self.element(doc, px, schema_ns, &item, false);
                doc.end("xs:sequence");
                doc.end("xs:complexType");
            }
            TypeRef::List(item) => {
                let item = self.type_name(px, item).unwrap_or_else(|| "xs:string".into());
                doc.start("xs:simpleType", &[]);
                doc.empty("xs:list", &[("itemType", &item)]);
                doc.end("xs:simpleType");
            }
            // Raw XML: no type at all is `xs:anyType`, any content.
            _ => {}
        }
    }
}

/// The provenance of fields made up for writing (global elements, list items).
fn nowhere() -> Provenance {
    Provenance { file: "".into(), line: 0, column: 0 }
}

fn write_ms_types(doc: &mut Doc) {
    doc.start("xs:simpleType", &[("name", "guid")]);
    doc.start("xs:restriction", &[("base", "xs:string")]);
    doc.empty("xs:pattern", &[("value", GUID_PATTERN)]);
    doc.end("xs:restriction");
    doc.end("xs:simpleType");
    doc.start("xs:simpleType", &[("name", "char")]);
    doc.empty("xs:restriction", &[("base", "xs:int")]);
    doc.end("xs:simpleType");
}

/// `<xs:annotation><xs:documentation>` from the model's doc lines.
pub fn annotation(doc: &mut Doc, lines: &[String]) {
    if lines.is_empty() {
        return;
    }
    doc.start("xs:annotation", &[]);
    doc.text_element("xs:documentation", &lines.join("\n"));
    doc.end("xs:annotation");
}
