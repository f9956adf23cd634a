//! The model under construction and its type identity rule.
//!
//! Samples name types only by the element they appear in, so a wire name is the
//! identity, refined by shape: the same name with the same shape is one type; the
//! same name where one sample merely knows more (an element shown empty elsewhere,
//! extra optional fields) is merged into one; the same name with different content
//! (seed 004's two `StatusCode` enums) stays two types, told apart later by `resolve`.

use std::collections::BTreeMap;

use crate::ir::{
    Attribute, Field, Model, Occurs, Provenance, QName, StructDef, TypeDef, TypeId, TypeKind,
    TypeRef, WrappedList,
};

/// The model every reader adds to, with an index of types by wire name.
#[derive(Default)]
pub struct Types {
    pub model: Model,
    by_name: BTreeMap<QName, Vec<TypeId>>,
}

impl Types {
    /// Continues building an existing model (overrides add inferred types to a read one).
    pub fn from_model(model: Model) -> Self {
        let mut by_name: BTreeMap<QName, Vec<TypeId>> = BTreeMap::new();
        for (i, t) in model.types.iter().enumerate() {
            by_name.entry(t.name.clone()).or_default().push(TypeId(i as u32));
        }
        Types { model, by_name }
    }

    /// Adds `def`, or returns the existing type it is, or merges into one it extends.
    pub fn intern(&mut self, def: TypeDef) -> TypeId {
        let candidates = self.by_name.get(&def.name).cloned().unwrap_or_default();
        // An exact match first, so merging never picks a looser partner over it.
        for &id in &candidates {
            if same_shape(&self.model.ty(id).kind, &def.kind) {
                fill_docs(self.model.ty_mut(id), &def);
                return id;
            }
        }
        for &id in &candidates {
            if let Some(merged) = merge(self.model.ty(id), &def) {
                *self.model.ty_mut(id) = merged;
                return id;
            }
        }
        let id = self.model.add_type(def.clone());
        self.by_name.entry(def.name).or_default().push(id);
        id
    }

    /// Adds `def`, or returns the existing type of the same shape; never merges into a
    /// partial one (HTTP GET/POST parameters beside a SOAP sample's request element:
    /// the same struct, or another one).
    pub fn intern_exact(&mut self, def: TypeDef) -> TypeId {
        let candidates = self.by_name.get(&def.name).cloned().unwrap_or_default();
        for &id in &candidates {
            if same_shape(&self.model.ty(id).kind, &def.kind) {
                fill_docs(self.model.ty_mut(id), &def);
                return id;
            }
        }
        let id = self.model.add_type(def.clone());
        self.by_name.entry(def.name).or_default().push(id);
        id
    }

    pub fn warn(&mut self, at: Provenance, message: impl Into<String>) {
        self.model.warn(at, message);
    }

    pub fn is_enum(&self, ty: &TypeRef) -> bool {
        matches!(ty, TypeRef::Named(id) if matches!(self.model.ty(*id).kind, TypeKind::Enum(_)))
    }
}

/// Equal ignoring docs and provenance.
fn same_shape(a: &TypeKind, b: &TypeKind) -> bool {
    match (a, b) {
        (TypeKind::Enum(a), TypeKind::Enum(b)) => {
            a.base == b.base
                && a.variants.len() == b.variants.len()
                && a.variants.iter().zip(&b.variants).all(|(x, y)| x.value == y.value)
        }
        (TypeKind::Struct(a), TypeKind::Struct(b)) => {
            a.text == b.text
                && a.base == b.base
                && a.any_attributes == b.any_attributes
                && a.fields.len() == b.fields.len()
                && a.fields.iter().zip(&b.fields).all(|(x, y)| {
                    x.name == y.name
                        && x.ty == y.ty
                        && x.occurs == y.occurs
                        && x.nillable == y.nillable
                })
                && a.attributes.len() == b.attributes.len()
                && a.attributes.iter().zip(&b.attributes).all(|(x, y)| {
                    x.name == y.name
                        && x.ty == y.ty
                        && x.required == y.required
                        && x.default == y.default
                })
        }
        _ => false,
    }
}

/// Docs known only to the newcomer are kept.
fn fill_docs(existing: &mut TypeDef, new: &TypeDef) {
    if existing.docs.is_empty() {
        existing.docs = new.docs.clone();
    }
    if let (TypeKind::Struct(a), TypeKind::Struct(b)) = (&mut existing.kind, &new.kind) {
        for (x, y) in a.fields.iter_mut().zip(&b.fields) {
            if x.docs.is_empty() {
                x.docs = y.docs.clone();
            }
        }
    }
}

/// The merged type when `b` is `a` seen from a sample that knows more (or less).
fn merge(a: &TypeDef, b: &TypeDef) -> Option<TypeDef> {
    let (TypeKind::Struct(sa), TypeKind::Struct(sb)) = (&a.kind, &b.kind) else { return None };
    let merged = merge_struct(sa, sb)?;
    let mut out = a.clone();
    out.kind = TypeKind::Struct(merged);
    if out.docs.is_empty() {
        out.docs = b.docs.clone();
    }
    Some(out)
}

fn merge_struct(a: &StructDef, b: &StructDef) -> Option<StructDef> {
    // Shared fields must come in the same order (samples follow the schema's sequence);
    // a field only one side shows must be optional there.
    let in_b = |f: &Field| b.fields.iter().any(|g| g.name == f.name);
    let in_a = |f: &Field| a.fields.iter().any(|g| g.name == f.name);
    let order_a: Vec<&QName> = a.fields.iter().filter(|f| in_b(f)).map(|f| &f.name).collect();
    let order_b: Vec<&QName> = b.fields.iter().filter(|f| in_a(f)).map(|f| &f.name).collect();
    if order_a != order_b {
        return None;
    }
    let only_required = |f: &Field| f.occurs == Occurs::Required;
    if a.fields.iter().filter(|f| !in_b(f)).any(only_required)
        || b.fields.iter().filter(|f| !in_a(f)).any(only_required)
    {
        return None;
    }
    let mut fields = Vec::with_capacity(a.fields.len() + b.fields.len());
    for f in &a.fields {
        match b.fields.iter().find(|g| g.name == f.name) {
            Some(g) => fields.push(merge_field(f, g)?),
            None => fields.push(f.clone()),
        }
    }
    // b's extra fields go right after the field that precedes them in b.
    let mut insert_at = 0;
    for g in &b.fields {
        match fields.iter().position(|f| f.name == g.name) {
            Some(i) => insert_at = i + 1,
            None => {
                fields.insert(insert_at, g.clone());
                insert_at += 1;
            }
        }
    }
    let mut attributes: Vec<Attribute> = a.attributes.clone();
    for y in &b.attributes {
        match attributes.iter().find(|x| x.name == y.name) {
            Some(x) if x.ty != y.ty => return None,
            Some(_) => {}
            None => attributes.push(y.clone()),
        }
    }
    let text = match (&a.text, &b.text) {
        (Some(x), Some(y)) => Some(unify(x, y)?),
        (x, y) => x.clone().or_else(|| y.clone()),
    };
    Some(StructDef {
        fields,
        base: a.base.or(b.base),
        any_attributes: a.any_attributes || b.any_attributes,
        attributes,
        text,
    })
}

fn merge_field(a: &Field, b: &Field) -> Option<Field> {
    let ty = unify(&a.ty, &b.ty)?;
    // An element shown empty says nothing about how often it occurs.
    let occurs = match (&a.ty, &b.ty) {
        _ if a.occurs == Occurs::Many || b.occurs == Occurs::Many => Occurs::Many,
        (TypeRef::RawXml, y) if *y != TypeRef::RawXml => b.occurs,
        (x, TypeRef::RawXml) if *x != TypeRef::RawXml => a.occurs,
        _ if a.occurs == Occurs::Required && b.occurs == Occurs::Required => Occurs::Required,
        _ => Occurs::Optional,
    };
    let from_b = a.ty == TypeRef::RawXml && b.ty != TypeRef::RawXml;
    let docs = if from_b || a.docs.is_empty() { b.docs.clone() } else { a.docs.clone() };
    Some(Field { ty, occurs, nillable: a.nillable || b.nillable, docs, ..a.clone() })
}

/// The one type two observations of the same element agree on, if any: equal, or
/// one of them is unknown content (raw XML).
pub fn unify(a: &TypeRef, b: &TypeRef) -> Option<TypeRef> {
    match (a, b) {
        _ if a == b => Some(a.clone()),
        (TypeRef::RawXml, x) | (x, TypeRef::RawXml) => Some(x.clone()),
        (TypeRef::Wrapped(x), TypeRef::Wrapped(y)) if x.item == y.item => {
            Some(TypeRef::Wrapped(Box::new(WrappedList {
                item: x.item.clone(),
                item_ty: unify(&x.item_ty, &y.item_ty)?,
                item_nillable: x.item_nillable || y.item_nillable,
            })))
        }
        (TypeRef::List(x), TypeRef::List(y)) => Some(TypeRef::List(Box::new(unify(x, y)?))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Docs, EnumDef, EnumVariant, Primitive};

    fn at() -> Provenance {
        Provenance { file: "t".into(), line: 1, column: 1 }
    }

    fn field(name: &str, ty: TypeRef, occurs: Occurs) -> Field {
        Field {
            name: QName::new("n", name),
            ty,
            occurs,
            nillable: false,
            docs: Docs::default(),
            provenance: at(),
        }
    }

    fn strukt(fields: Vec<Field>) -> TypeDef {
        TypeDef {
            name: QName::new("n", "T"),
            kind: TypeKind::Struct(StructDef { fields, ..Default::default() }),
            docs: Docs::default(),
            provenance: at(),
        }
    }

    fn enm(values: &[&str]) -> TypeDef {
        TypeDef {
            name: QName::new("n", "E"),
            kind: TypeKind::Enum(EnumDef {
                base: Primitive::String,
                variants: values
                    .iter()
                    .map(|v| EnumVariant { value: v.to_string(), docs: Docs::default() })
                    .collect(),
            }),
            docs: Docs::default(),
            provenance: at(),
        }
    }

    #[test]
    fn equal_shapes_share_an_id_and_different_enums_do_not() {
        let mut t = Types::default();
        let a = t.intern(enm(&["A", "B"]));
        assert_eq!(t.intern(enm(&["A", "B"])), a);
        assert_ne!(t.intern(enm(&["A", "C"])), a);
        assert_eq!(t.model.types.len(), 2);
    }

    #[test]
    fn knowing_more_merges() {
        let mut t = Types::default();
        let s = TypeRef::Primitive(Primitive::String);
        let a = t.intern(strukt(vec![
            field("x", TypeRef::RawXml, Occurs::Optional),
            field("z", s.clone(), Occurs::Optional),
        ]));
        let b = t.intern(strukt(vec![
            field("x", TypeRef::Primitive(Primitive::Int), Occurs::Required),
            field("y", s.clone(), Occurs::Optional),
            field("z", s.clone(), Occurs::Optional),
        ]));
        assert_eq!(a, b);
        let TypeKind::Struct(def) = &t.model.ty(a).kind else { panic!() };
        let names: Vec<&str> = def.fields.iter().map(|f| f.name.local.as_str()).collect();
        assert_eq!(names, ["x", "y", "z"]);
        assert_eq!(def.fields[0].occurs, Occurs::Required);
        // A required field one side lacks means another type.
        let c = t.intern(strukt(vec![field(
            "w",
            TypeRef::Primitive(Primitive::Int),
            Occurs::Required,
        )]));
        assert_ne!(c, a);
    }
}
