//! Sample XML → model types, by the habits of the programs that write samples
//! (`docs/help-pages.md` in the repository describes each habit relied on here).
//!
//! - Text is a placeholder: an XSD type name (ASP.NET), a .NET default value
//!   (ServiceStack) or, in a captured envelope, a real value.
//! - An element with child elements is a struct named after the element; an
//!   element shown empty is content the page did not expand: raw XML, never dropped.
//! - Repeated siblings are one field occurring many times (ASP.NET writes repeats
//!   twice). A container holding nothing but repeats of one element (`ArrayOfX`,
//!   `<Errors><ResponseError/>…`) becomes a [`TypeRef::Wrapped`] list rather than
//!   a struct with one repeated field: the same wire shape, a simpler client type.
//! - Occurrence follows XmlSerializer: value types and enums are always written
//!   (required), reference types may be left out (optional). ServiceStack pages say
//!   it in their parameter tables instead.
//!
//! Recursion follows element nesting, which the DOM caps at `xml::MAX_DEPTH`.

use std::collections::BTreeMap;

use super::locate::Locator;
use super::types::{Types, unify};
use super::values::{self, Placeholder, collapse};
use super::xml::{Document, ElemId, XML_NS, XSI_NS};
use crate::ir::{
    Attribute, Docs, EnumDef, EnumVariant, Field, Message, Occurs, Primitive, QName, StructDef,
    TypeDef, TypeKind, TypeRef, WrappedList,
};

/// DataContract serializer's namespace for collections and dictionaries.
pub const ARRAYS_NS: &str = "http://schemas.microsoft.com/2003/10/Serialization/Arrays";
const SOAP_ENCODING_NS: &str = "http://schemas.xmlsoap.org/soap/encoding/";
const SOAP11_ENV_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";
const SOAP12_ENV_NS: &str = "http://www.w3.org/2003/05/soap-envelope";
/// XML Schema's namespace, and the drafts old rpc/encoded services still write.
const XSD_NAMESPACES: &[&str] = &[
    "http://www.w3.org/2001/XMLSchema",
    "http://www.w3.org/2000/10/XMLSchema",
    "http://www.w3.org/1999/XMLSchema",
];

pub const UNSHOWN_DOC: &str =
    "The sample did not show this element's content; it is kept as raw XML.";
const UNSHOWN_ITEMS_DOC: &str =
    "The sample did not show the items' content; each is kept as raw XML.";
const ANY_DOC: &str = "Any XML content is allowed here (`xs:any`); it is kept as raw XML.";

/// What the text of a sample element means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavour {
    /// ASP.NET help pages: XSD type names, `A or B` enumerations, `T T ...` lists.
    Placeholders,
    /// ServiceStack metadata pages: .NET default values (`String`, `0`, `false`).
    DotnetDefaults,
    /// Captured envelopes: placeholders if present, else real example values.
    Examples,
    /// Vendor documentation's concrete examples: `xsi:type` first, then placeholders,
    /// then the values by strict rules (`concrete`), each guess a warning at
    /// the value.
    Concrete,
}

/// A parameter-table row: what the page declares about a field.
#[derive(Clone, Debug, PartialEq)]
pub struct Declared {
    pub ty: Option<DeclaredType>,
    pub required: bool,
    pub docs: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum DeclaredType {
    Primitive(Primitive),
    List(Box<DeclaredType>),
    /// `Dictionary<K,V>`: a list of `KeyValueOf…` pairs on the wire.
    Map,
    /// A DTO or enum type name.
    Named(String),
}

/// Declarations by (type's local name, field's local name).
pub type Declarations = BTreeMap<(String, String), Declared>;

pub struct Infer<'a> {
    pub doc: &'a Document,
    pub loc: &'a Locator<'a>,
    pub flavour: Flavour,
    pub declared: &'a Declarations,
    pub types: &'a mut Types,
}

/// How an element's type was arrived at, for its field docs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Seen {
    Content,
    /// Shown empty: content unknown.
    Empty,
    /// The `xml` placeholder of `xs:any`.
    Any,
}

impl Infer<'_> {
    /// A message root (body child, header block, plain XML document): always a
    /// struct, even when empty (an operation without parameters).
    pub fn message(&mut self, el: ElemId) -> Message {
        let id = self.struct_type(el);
        Message { element: self.doc.get(el).name.clone(), ty: TypeRef::Named(id) }
    }

    fn struct_type(&mut self, el: ElemId) -> crate::ir::TypeId {
        let e = self.doc.get(el);
        let (attributes, any_attributes) = self.attributes(el);
        let mut def = StructDef { attributes, any_attributes, ..Default::default() };
        let mut groups: Vec<(QName, Vec<ElemId>)> = Vec::new();
        for child in self.doc.children(el) {
            let name = &self.doc.get(child).name;
            // Non-adjacent repeats (a choice written branch by branch) join the first.
            match groups.iter_mut().find(|(n, _)| n == name) {
                Some((_, items)) => items.push(child),
                None => groups.push((name.clone(), vec![child])),
            }
        }
        for (name, items) in &groups {
            def.fields.push(self.field(el, name, items));
        }
        if groups.is_empty() {
            let text = collapse(&self.doc.text(el));
            if !text.is_empty() {
                def.text = Some(self.value_type(&e.name, e.offset, &text, None).0);
            }
        }
        self.types.intern(TypeDef {
            name: e.name.clone(),
            kind: TypeKind::Struct(def),
            docs: Docs::default(),
            provenance: self.loc.at(e.offset),
        })
    }

    fn field(&mut self, parent: ElemId, name: &QName, items: &[ElemId]) -> Field {
        let parent_name = &self.doc.get(parent).name;
        let declared = self.declared.get(&(parent_name.local.clone(), name.local.clone())).cloned();
        let mut ty: Option<TypeRef> = None;
        let mut seen = Seen::Content;
        for &item in items {
            let (t, s) = self.element_type(item, declared.as_ref());
            if s != Seen::Content {
                seen = s;
            }
            ty = Some(match ty {
                None => t,
                Some(prev) => unify(&prev, &t).unwrap_or_else(|| {
                    let at = self.loc.at(self.doc.get(item).offset);
                    self.types.warn(
                        at,
                        format!(
                            "repeated <{}> shows different content; typed by the first",
                            name.local
                        ),
                    );
                    prev
                }),
            });
        }
        let ty = ty.unwrap_or(TypeRef::RawXml);
        let occurs = if items.len() > 1 {
            Occurs::Many
        } else {
            self.occurs(parent_name, name, &ty, declared.as_ref())
        };
        let shown_nil = items.iter().any(|&i| self.is_nil(i));
        // DataContract writes a null member as i:nil="true".
        let nillable =
            shown_nil || (self.flavour == Flavour::DotnetDefaults && occurs == Occurs::Optional);
        let mut docs = Docs::default();
        if let Some(d) = &declared {
            docs.push(d.docs.clone());
        }
        match &ty {
            TypeRef::RawXml => docs.push(if seen == Seen::Any { ANY_DOC } else { UNSHOWN_DOC }),
            TypeRef::Wrapped(list) if list.item_ty == TypeRef::RawXml => {
                docs.push(UNSHOWN_ITEMS_DOC)
            }
            _ => {}
        }
        Field {
            name: name.clone(),
            ty,
            occurs,
            nillable,
            docs,
            provenance: self.loc.at(self.doc.get(items[0]).offset),
        }
    }

    fn element_type(&mut self, el: ElemId, declared: Option<&Declared>) -> (TypeRef, Seen) {
        let e = self.doc.get(el);
        let kids: Vec<ElemId> = self.doc.children(el).collect();
        let plain = self.attributes_shown(el) == 0;
        if !kids.is_empty() {
            if plain {
                if let Some(list) = self.list(el, &kids, declared) {
                    return (TypeRef::Wrapped(Box::new(list)), Seen::Content);
                }
                // An element of no type is written `<any />` inside its parent.
                if kids.len() == 1
                    && self.doc.get(kids[0]).name.local == "any"
                    && self.is_empty(kids[0])
                {
                    return (TypeRef::RawXml, Seen::Any);
                }
            }
            return (TypeRef::Named(self.struct_type(el)), Seen::Content);
        }
        let text = collapse(&self.doc.text(el));
        if !plain {
            return (TypeRef::Named(self.struct_type(el)), Seen::Content);
        }
        if self.flavour == Flavour::Concrete && declared.is_none() {
            if let Some(p) = self.xsi_type(el) {
                return (TypeRef::Primitive(p), Seen::Content);
            }
        }
        if text.is_empty() {
            return match declared.and_then(|d| d.ty.as_ref()) {
                Some(DeclaredType::Primitive(p)) => (TypeRef::Primitive(*p), Seen::Content),
                _ => (TypeRef::RawXml, Seen::Empty),
            };
        }
        self.value_type(&e.name, e.offset, &text, declared)
    }

    /// A wrapped list, if `el` is a container of one repeated item element.
    fn list(
        &mut self,
        el: ElemId,
        kids: &[ElemId],
        declared: Option<&Declared>,
    ) -> Option<WrappedList> {
        let container = &self.doc.get(el).name;
        let item = self.doc.get(kids[0]).name.clone();
        if kids.iter().any(|&k| self.doc.get(k).name != item) {
            return None;
        }
        let declared_ty = declared.and_then(|d| d.ty.as_ref());
        let is_list = match self.flavour {
            _ if kids.len() > 1 => true,
            Flavour::Placeholders | Flavour::Examples | Flavour::Concrete => false,
            // ServiceStack shows one item; collections live in the Arrays namespace
            // or name their items by type, unlike members.
            Flavour::DotnetDefaults => match declared_ty {
                Some(DeclaredType::List(_) | DeclaredType::Map) => true,
                Some(_) => false,
                None => {
                    item.namespace == ARRAYS_NS
                        || (self.doc.children(kids[0]).next().is_some()
                            && item.local != container.local
                            && item.local.starts_with(|c: char| c.is_uppercase()))
                }
            },
        };
        if !is_list {
            return None;
        }
        if kids.len() == 1 {
            let at = self.loc.at(self.doc.get(kids[0]).offset);
            self.types.warn(
                at,
                format!(
                    "the sample shows one <{}> in <{}>; taken as a list (ServiceStack samples show one item per list)",
                    item.local, container.local
                ),
            );
        }
        let item_declared = match declared_ty {
            Some(DeclaredType::List(inner)) => {
                Some(Declared { ty: Some((**inner).clone()), required: false, docs: String::new() })
            }
            _ => None,
        };
        let mut item_ty: Option<TypeRef> = None;
        for &k in kids {
            let (t, _) = self.element_type(k, item_declared.as_ref());
            item_ty = Some(match item_ty {
                None => t,
                Some(prev) => unify(&prev, &t).unwrap_or(prev),
            });
        }
        Some(WrappedList {
            item,
            item_ty: item_ty.unwrap_or(TypeRef::RawXml),
            item_nillable: kids.iter().any(|&k| self.is_nil(k)),
        })
    }

    fn occurs(
        &self,
        parent: &QName,
        name: &QName,
        ty: &TypeRef,
        declared: Option<&Declared>,
    ) -> Occurs {
        match self.flavour {
            Flavour::DotnetDefaults => {
                // Dictionary entries always carry their key.
                let key = parent.namespace == ARRAYS_NS
                    && parent.local.starts_with("KeyValueOf")
                    && name.local == "Key";
                if key || declared.is_some_and(|d| d.required) {
                    Occurs::Required
                } else {
                    Occurs::Optional
                }
            }
            Flavour::Placeholders | Flavour::Examples | Flavour::Concrete => match ty {
                TypeRef::Primitive(p) if p.is_value_type() => Occurs::Required,
                t if self.types.is_enum(t) => Occurs::Required,
                _ => Occurs::Optional,
            },
        }
    }

    /// Attributes worth modelling (not namespace, xsi, SOAP or encoding machinery),
    /// and whether the sample shows `xs:anyAttribute` (`custom-attribute="value"`).
    fn attributes(&mut self, el: ElemId) -> (Vec<Attribute>, bool) {
        let e = self.doc.get(el);
        let mut out = Vec::new();
        let mut any = false;
        for a in &e.attributes {
            if is_machinery(&a.name) {
                continue;
            }
            if a.name.namespace.is_empty()
                && a.name.local == "custom-attribute"
                && a.value == "value"
            {
                any = true;
                continue;
            }
            let (ty, _) = self.value_type(&a.name, a.offset, &collapse(&a.value), None);
            let required =
                matches!(ty, TypeRef::Primitive(p) if p.is_value_type()) || self.types.is_enum(&ty);
            out.push(Attribute {
                name: a.name.clone(),
                ty,
                required,
                default: None,
                docs: Docs::default(),
            });
        }
        (out, any)
    }

    fn attributes_shown(&self, el: ElemId) -> usize {
        self.doc.get(el).attributes.iter().filter(|a| !is_machinery(&a.name)).count()
    }

    fn is_nil(&self, el: ElemId) -> bool {
        self.doc.attribute(el, XSI_NS, "nil").is_some_and(|v| v.trim() == "true" || v.trim() == "1")
    }

    fn is_empty(&self, el: ElemId) -> bool {
        self.doc.children(el).next().is_none() && self.doc.text(el).trim().is_empty()
    }

    /// The type a text value stands for. `name` names an enum made from it.
    fn value_type(
        &mut self,
        name: &QName,
        offset: usize,
        text: &str,
        declared: Option<&Declared>,
    ) -> (TypeRef, Seen) {
        let string = TypeRef::Primitive(Primitive::String);
        match declared.and_then(|d| d.ty.as_ref()) {
            Some(DeclaredType::Primitive(p)) => return (TypeRef::Primitive(*p), Seen::Content),
            Some(DeclaredType::Named(n)) if self.flavour == Flavour::DotnetDefaults => {
                let message = format!(
                    "the table types <{}> as '{n}', which the page does not define (an enum?); typed as string",
                    name.local
                );
                self.warn_at(offset, message);
                return (string, Seen::Content);
            }
            _ => {}
        }
        if self.flavour == Flavour::DotnetDefaults {
            let ty = match values::dotnet_default(text) {
                Some(values::DotnetValue::Exact(p)) => TypeRef::Primitive(p),
                Some(values::DotnetValue::AnyNumber) => {
                    let message = format!(
                        "<{}> shows 0, which stands for any number; typed as long (no table row says which)",
                        name.local
                    );
                    self.warn_at(offset, message);
                    TypeRef::Primitive(Primitive::Long)
                }
                None => {
                    let message = format!(
                        "unrecognised sample value '{text}' for <{}>, typed as string",
                        name.local
                    );
                    self.warn_at(offset, message);
                    string
                }
            };
            return (ty, Seen::Content);
        }
        match values::placeholder(text) {
            Some(Placeholder::Primitive(p)) => (TypeRef::Primitive(p), Seen::Content),
            Some(Placeholder::List(p)) => {
                (TypeRef::List(Box::new(TypeRef::Primitive(p))), Seen::Content)
            }
            Some(Placeholder::Any) => (TypeRef::RawXml, Seen::Any),
            Some(Placeholder::Enumeration(values)) => {
                let variants =
                    values.into_iter().map(|value| EnumVariant { value, docs: Docs::default() });
                let id = self.types.intern(TypeDef {
                    name: name.clone(),
                    kind: TypeKind::Enum(EnumDef {
                        base: Primitive::String,
                        variants: variants.collect(),
                    }),
                    docs: Docs::default(),
                    provenance: self.loc.at(offset),
                });
                (TypeRef::Named(id), Seen::Content)
            }
            None if self.flavour == Flavour::Concrete => {
                (TypeRef::Primitive(self.concrete(name, offset, text)), Seen::Content)
            }
            None if self.flavour == Flavour::Examples => {
                let p = values::example_type(text);
                self.warn_at(
                    offset,
                    format!("typed from the example value '{text}' as {}", p.xsd_name()),
                );
                (TypeRef::Primitive(p), Seen::Content)
            }
            // An HTML page marks its placeholders: unmarked text is a value it shows.
            None if self.loc.marked_placeholder(offset) == Some(false) => {
                let p = values::example_type(text);
                self.warn_at(
                    offset,
                    format!(
                        "the page shows '{text}' as a value, not a marked placeholder; typed from it as {}",
                        p.xsd_name()
                    ),
                );
                (TypeRef::Primitive(p), Seen::Content)
            }
            None if self.loc.marked_placeholder(offset) == Some(true) => {
                self.warn_at(
                    offset,
                    format!(
                        "the page marks '{text}' as a placeholder, but it names no XSD type; typed as string"
                    ),
                );
                (string, Seen::Content)
            }
            None => {
                self.warn_at(offset, format!("unrecognised placeholder '{text}', typed as string"));
                (string, Seen::Content)
            }
        }
    }

    /// The primitive an element's `xsi:type` names (`xsd:int`, `soapenc:string`), its
    /// prefix resolved where the element sits; a type that is not a built-in is warned
    /// about and left to the value.
    fn xsi_type(&mut self, el: ElemId) -> Option<Primitive> {
        let written = self.doc.attribute(el, XSI_NS, "type")?.trim().to_owned();
        let (prefix, local) = written.split_once(':').unwrap_or(("", &written));
        let namespace = self.doc.namespace_for(el, prefix).unwrap_or("");
        let builtin = XSD_NAMESPACES.contains(&namespace) || namespace == SOAP_ENCODING_NS;
        match Primitive::from_xsd_name(local).filter(|_| builtin) {
            Some(p) => Some(p),
            None => {
                let e = self.doc.get(el);
                let message = format!(
                    "<{}> has xsi:type=\"{written}\", which names no built-in XML Schema type{}; typed from its value",
                    e.name.local,
                    if namespace.is_empty() && !prefix.is_empty() {
                        " (its prefix is not declared)"
                    } else {
                        ""
                    }
                );
                self.warn_at(e.offset, message);
                None
            }
        }
    }

    /// A concrete value's type by `concrete`'s rules; every guess (a type other
    /// than string, or a string that looked like more) is a warning at the value itself,
    /// so a reader can check it and override it.
    fn concrete(&mut self, name: &QName, offset: usize, text: &str) -> Primitive {
        let guess = super::concrete::guess(text);
        let at = self.loc.value_offset(offset);
        let message = match guess.doubt {
            Some(why) => format!(
                "<{}> shows '{text}', typed as string ({why}); set its type in soapgen.toml if it is not",
                name.local
            ),
            // Plain text is a string beyond doubt: nothing to check.
            None if guess.ty == Primitive::String => return guess.ty,
            None => format!(
                "<{}> has no xsi:type; typed from the example value '{text}' as {}",
                name.local,
                guess.ty.xsd_name()
            ),
        };
        self.warn_at(at, message);
        guess.ty
    }

    fn warn_at(&mut self, offset: usize, message: String) {
        let at = self.loc.at(offset);
        self.types.warn(at, message);
    }
}

/// Attributes that belong to XML, XSI, SOAP or SOAP encoding, not to the data.
fn is_machinery(name: &QName) -> bool {
    [XSI_NS, XML_NS, SOAP_ENCODING_NS, SOAP11_ENV_NS, SOAP12_ENV_NS]
        .contains(&name.namespace.as_str())
}
