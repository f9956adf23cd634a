//! One service described twice is one service.
//!
//! Servers often publish one WSDL per SOAP version (spyne), and pages show the same
//! object under two parents: read separately, each copy brings its own types and its own
//! service. Here types with the same XML name and the same shape become one, and services
//! with the same name and namespace become one client offering every binding.

use std::collections::BTreeMap;

use crate::ir::{Attribute, Field, Model, Operation, QName, Service, TypeId, TypeKind, TypeRef};

/// Merges duplicate types, then duplicate services.
pub fn unify(model: &mut Model) {
    let representative = duplicate_types(model);
    if representative.iter().enumerate().any(|(i, r)| r.0 as usize != i) {
        drop_duplicates(model, &representative);
    }
    merge_services(model);
}

/// For each type, the first type with the same name and shape. Repeated until stable,
/// since merging two field types makes their parents equal in turn.
fn duplicate_types(model: &Model) -> Vec<TypeId> {
    let mut rep: Vec<TypeId> = (0..model.types.len()).map(|i| TypeId(i as u32)).collect();
    loop {
        let mut first: BTreeMap<(QName, String), TypeId> = BTreeMap::new();
        let next: Vec<TypeId> = model
            .types
            .iter()
            .enumerate()
            .map(|(i, def)| {
                let key = (def.name.clone(), shape(&def.kind, &rep));
                *first.entry(key).or_insert(TypeId(i as u32))
            })
            .collect();
        if next == rep {
            return rep;
        }
        rep = next;
    }
}

/// What makes two types the same on the wire: names, types and cardinalities, with
/// references read through `rep`. Docs and source positions do not count.
fn shape(kind: &TypeKind, rep: &[TypeId]) -> String {
    let ty = |t: &TypeRef| remap(t, rep);
    let field = |f: &Field| (f.name.clone(), ty(&f.ty), f.occurs, f.nillable);
    let attribute = |a: &Attribute| (a.name.clone(), ty(&a.ty), a.required, a.default.clone());
    match kind {
        TypeKind::Struct(s) => format!(
            "struct {:?} {:?} {:?} {:?} {:?}",
            s.fields.iter().map(field).collect::<Vec<_>>(),
            s.base.map(|b| rep[b.0 as usize]),
            s.any_attributes,
            s.attributes.iter().map(attribute).collect::<Vec<_>>(),
            s.text.as_ref().map(ty),
        ),
        TypeKind::Enum(e) => format!(
            "enum {:?} {:?}",
            e.base,
            e.variants.iter().map(|v| &v.value).collect::<Vec<_>>()
        ),
        TypeKind::Choice(c) => {
            format!("choice {:?}", c.alternatives.iter().map(field).collect::<Vec<_>>())
        }
    }
}

fn remap(ty: &TypeRef, rep: &[TypeId]) -> TypeRef {
    let mut ty = ty.clone();
    visit(&mut ty, &mut |id| *id = rep[id.0 as usize]);
    ty
}

fn visit(ty: &mut TypeRef, f: &mut impl FnMut(&mut TypeId)) {
    match ty {
        TypeRef::Named(id) => f(id),
        TypeRef::Wrapped(w) => visit(&mut w.item_ty, f),
        TypeRef::List(item) => visit(item, f),
        TypeRef::Primitive(_) | TypeRef::RawXml | TypeRef::AnyElement => {}
    }
}

/// Keeps the representatives only, renumbered in order, and points every reference at them.
fn drop_duplicates(model: &mut Model, rep: &[TypeId]) {
    let mut new_id = vec![TypeId(u32::MAX); rep.len()];
    let mut kept = 0u32;
    for (i, r) in rep.iter().enumerate() {
        if r.0 as usize == i {
            new_id[i] = TypeId(kept);
            kept += 1;
        }
    }
    let target: Vec<TypeId> = rep.iter().map(|r| new_id[r.0 as usize]).collect();
    let point = |ty: &mut TypeRef| visit(ty, &mut |id| *id = target[id.0 as usize]);

    let types = std::mem::take(&mut model.types);
    for (i, mut def) in types.into_iter().enumerate() {
        if rep[i].0 as usize != i {
            continue;
        }
        match &mut def.kind {
            TypeKind::Struct(s) => {
                s.fields.iter_mut().for_each(|f| point(&mut f.ty));
                s.attributes.iter_mut().for_each(|a| point(&mut a.ty));
                if let Some(text) = &mut s.text {
                    point(text);
                }
                if let Some(base) = &mut s.base {
                    *base = target[base.0 as usize];
                }
            }
            TypeKind::Choice(c) => c.alternatives.iter_mut().for_each(|f| point(&mut f.ty)),
            TypeKind::Enum(_) => {}
        }
        model.types.push(def);
    }
    for op in model.services.iter_mut().flat_map(|s| &mut s.operations) {
        point(&mut op.input.ty);
        point(&mut op.output.ty);
        for m in op.bindings.iter_mut().filter_map(|b| b.messages.as_deref_mut()) {
            point(&mut m.input.ty);
            point(&mut m.output.ty);
        }
        op.headers.iter_mut().for_each(|h| point(&mut h.ty));
        op.faults.iter_mut().for_each(|f| point(&mut f.ty));
    }
}

/// Services with the same name and namespace become one: endpoints and bindings are
/// added to the first; an operation whose messages differ stays separate.
fn merge_services(model: &mut Model) {
    let services = std::mem::take(&mut model.services);
    for service in services {
        let same = model
            .services
            .iter_mut()
            .find(|s| s.name == service.name && s.namespace == service.namespace);
        match same {
            Some(into) => merge_service(into, service),
            None => model.services.push(service),
        }
    }
}

fn merge_service(into: &mut Service, from: Service) {
    if into.docs.is_empty() {
        into.docs = from.docs;
    }
    add_missing(&mut into.endpoints, from.endpoints, |a, b| a.protocol == b.protocol);
    for op in from.operations {
        match into.operations.iter_mut().find(|o| same_messages(o, &op)) {
            Some(existing) => merge_operation(existing, op),
            None => into.operations.push(op),
        }
    }
}

fn same_messages(a: &Operation, b: &Operation) -> bool {
    a.name == b.name && a.input == b.input && a.output == b.output
}

fn merge_operation(into: &mut Operation, from: Operation) {
    if into.docs.is_empty() {
        into.docs = from.docs;
    }
    add_missing(&mut into.bindings, from.bindings, |a, b| a.protocol == b.protocol);
    add_missing(&mut into.headers, from.headers, |a, b| a.element == b.element);
    add_missing(&mut into.faults, from.faults, |a, b| a.element == b.element);
}

/// Appends the items of `from` that `into` has no equivalent of (by `same`).
fn add_missing<T>(into: &mut Vec<T>, from: Vec<T>, same: impl Fn(&T, &T) -> bool) {
    for item in from {
        if !into.iter().any(|existing| same(existing, &item)) {
            into.push(item);
        }
    }
}
