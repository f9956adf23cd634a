//! Simple types: enumerations become enums, other restrictions their base,
//! lists [`TypeRef::List`], unions text (with a note saying so).

use super::{Types, Value, Work};
use crate::ir::{EnumDef, EnumVariant, Primitive, QName, TypeId, TypeKind, TypeRef};
use crate::read::xml::ElemId;

impl Types<'_> {
    /// What a field of the named simple type `q` holds.
    pub(super) fn simple_named(&mut self, q: &QName, schema: usize, st: ElemId) -> Value {
        if !self.enter(Work::Simple, q, self.site(schema, st)) {
            return Value::of(TypeRef::Primitive(Primitive::String));
        }
        let v = self.simple(schema, st, q);
        self.leave(Work::Simple, q);
        v
    }

    /// An anonymous simple type; `name` names it if it is an enumeration.
    pub(super) fn simple_anonymous(&mut self, schema: usize, st: ElemId, name: &QName) -> Value {
        if !self.nest(self.site(schema, st)) {
            return Value::of(TypeRef::Primitive(Primitive::String));
        }
        let v = self.simple(schema, st, name);
        self.unnest();
        v
    }

    fn simple(&mut self, schema: usize, st: ElemId, name: &QName) -> Value {
        let doc = self.sdoc(schema);
        let xs = &self.set.schemas[schema].xs;
        let text = Value::of(TypeRef::Primitive(Primitive::String));
        let Some(d) = doc
            .children_in(st, xs)
            .find(|&d| matches!(doc.name(d).local.as_str(), "restriction" | "list" | "union"))
        else {
            let site = self.site(schema, st);
            self.warn(
                site,
                "expected xs:restriction, xs:list or xs:union in this simple type: read as text",
            );
            return text;
        };
        match doc.name(d).local.as_str() {
            "restriction" => {
                if doc.children_in(d, xs).any(|e| doc.name(e).local == "enumeration") {
                    Value::of(TypeRef::Named(self.enumeration(schema, st, d, name)))
                } else {
                    self.restriction_base(schema, d, name)
                }
            }
            "list" => {
                let item = match (doc.attr(d, "itemType"), doc.child(d, xs, "simpleType")) {
                    (Some(t), _) => self.simple_ref(schema, d, t),
                    (None, Some(inner)) => self.simple_anonymous(schema, inner, name),
                    (None, None) => text,
                };
                // A list of lists is not a thing: anything but a plain value is text.
                let item = match item.ty {
                    ty @ (TypeRef::Primitive(_) | TypeRef::Named(_)) => {
                        self.as_text(Value::of(ty)).ty
                    }
                    _ => TypeRef::Primitive(Primitive::String),
                };
                Value::of(TypeRef::List(Box::new(item)))
            }
            _ => {
                let mut members: Vec<String> = doc
                    .attr(d, "memberTypes")
                    .map(|m| m.split_whitespace().map(|t| format!("`{t}`")).collect())
                    .unwrap_or_default();
                let inline =
                    doc.children_in(d, xs).filter(|&e| doc.name(e).local == "simpleType").count();
                if inline > 0 {
                    members.push(format!("{inline} anonymous type(s)"));
                }
                Value {
                    ty: text.ty,
                    note: Some(format!("A union of {}: kept as text.", members.join(", "))),
                }
            }
        }
    }

    /// A QName-valued simple type reference (`base`, `itemType`) at `el`.
    fn simple_ref(&mut self, schema: usize, el: ElemId, value: &str) -> Value {
        let site = self.site(schema, el);
        match self.set.resolve(schema, el, value) {
            Ok(q) => {
                let v = self.named_value(&q, site);
                self.as_text(v)
            }
            Err(m) => {
                self.warn(site, format!("{m}: read as text"));
                Value::of(TypeRef::Primitive(Primitive::String))
            }
        }
    }

    /// A restriction without enumerations means its base.
    fn restriction_base(&mut self, schema: usize, r: ElemId, name: &QName) -> Value {
        let doc = self.sdoc(schema);
        if let Some(base) = doc.attr(r, "base") {
            return self.simple_ref(schema, r, base);
        }
        match doc.child(r, &self.set.schemas[schema].xs, "simpleType") {
            Some(inner) => self.simple_anonymous(schema, inner, name),
            None => Value::of(TypeRef::Primitive(Primitive::String)),
        }
    }

    /// The enum of simple type `st` (restriction `r` lists the values), made once.
    fn enumeration(&mut self, schema: usize, st: ElemId, r: ElemId, name: &QName) -> TypeId {
        if let Some(&id) = self.anonymous.get(&(schema, st)) {
            return id;
        }
        let site = self.site(schema, st);
        let id = self.allocate(name.clone(), self.docs(schema, st), site);
        self.anonymous.insert((schema, st), id);
        let base = match self.restriction_base(schema, r, name).ty {
            TypeRef::Primitive(p) => p,
            TypeRef::Named(b) => match &self.model.ty(b).kind {
                TypeKind::Enum(e) => e.base,
                _ => Primitive::String,
            },
            _ => Primitive::String,
        };
        let doc = self.sdoc(schema);
        let xs = &self.set.schemas[schema].xs;
        let mut variants = Vec::new();
        for e in doc.children_in(r, xs).filter(|&e| doc.name(e).local == "enumeration") {
            match doc.attr(e, "value") {
                Some(value) => variants
                    .push(EnumVariant { value: value.to_owned(), docs: self.docs(schema, e) }),
                None => self.warn(
                    self.site(schema, e),
                    "expected a 'value' attribute on this xs:enumeration: left out",
                ),
            }
        }
        self.model.ty_mut(id).kind = TypeKind::Enum(EnumDef { base, variants });
        id
    }
}
