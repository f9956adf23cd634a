//! A cargo feature per operation, for crates of big services: each type is compiled only
//! when an enabled operation reaches it, so one generated crate serves every user and each
//! builds only what it calls.
//!
//! An operation's feature is its method name (`order_get_data`); it enables one feature
//! per type it reaches (`type-OrderData`), and each type's items carry
//! `#[cfg(feature = "type-…")]`. A type reached by hundreds of operations thus carries one
//! short attribute, and `Cargo.toml` says which operation needs which types.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{TypeId, TypeRef};
use crate::resolve::{RTypeKind, Resolved, named_in};

/// The feature that turns on every operation (the crate's default).
pub const ALL: &str = "all-operations";

/// The feature gating the type `id`.
pub fn type_feature(resolved: &Resolved, id: TypeId) -> String {
    format!("type-{}", resolved.ty(id).rust_name.trim_start_matches("r#"))
}

/// The feature of an operation: its method name.
pub fn operation_feature(method_name: &str) -> String {
    method_name.trim_start_matches("r#").to_owned()
}

/// `#[cfg(feature = "…")]` on every item of `items`.
pub fn gate(items: TokenStream, feature: &str) -> TokenStream {
    if items.is_empty() {
        return items;
    }
    let mut file: syn::File = syn::parse2(items).expect("emitted items parse");
    gate_file(&mut file, feature);
    quote!(#file)
}

/// `#[cfg(feature = "…")]` on every item of `file`.
pub fn gate_file(file: &mut syn::File, feature: &str) {
    for item in &mut file.items {
        if let Some(attrs) = item_attrs(item) {
            attrs.insert(0, syn::parse_quote!(#[cfg(feature = #feature)]));
        }
    }
}

fn item_attrs(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    match item {
        syn::Item::Struct(i) => Some(&mut i.attrs),
        syn::Item::Enum(i) => Some(&mut i.attrs),
        syn::Item::Impl(i) => Some(&mut i.attrs),
        syn::Item::Fn(i) => Some(&mut i.attrs),
        syn::Item::Const(i) => Some(&mut i.attrs),
        syn::Item::Mod(i) => Some(&mut i.attrs),
        _ => None,
    }
}

/// The `[features]` table: the default, every operation, and each operation's types.
pub fn table(resolved: &Resolved) -> Vec<(String, Vec<String>)> {
    let mut operations: Vec<(String, BTreeSet<String>)> = Vec::new();
    for (service, op) in
        resolved.services.iter().flat_map(|s| s.operations.iter().map(move |o| (s, o)))
    {
        let feature = operation_feature(&op.method_name);
        let messages = [&op.input.ty, &op.output.ty].into_iter();
        let faults = op.faults.iter().flat_map(|f| &f.variants).map(|v| &v.ty);
        let headers = op.headers.iter().map(|&h| &service.headers[h].ty);
        let replies = op.response_headers.iter().flat_map(|h| &h.blocks).map(|b| &b.ty);
        let roots: Vec<&TypeRef> = messages.chain(faults).chain(headers).chain(replies).collect();
        let types: BTreeSet<String> =
            reached(resolved, &roots).into_iter().map(|id| type_feature(resolved, id)).collect();
        // Two services may share a method name: one feature turns both on.
        match operations.iter_mut().find(|(f, _)| *f == feature) {
            Some((_, existing)) => existing.extend(types),
            None => operations.push((feature, types)),
        }
    }
    let mut table = vec![
        ("default".to_owned(), vec![ALL.to_owned()]),
        (ALL.to_owned(), operations.iter().map(|(f, _)| f.clone()).collect()),
    ];
    table.extend(operations.into_iter().map(|(f, types)| (f, types.into_iter().collect())));
    table.extend(
        (0..resolved.types.len()).map(|i| (type_feature(resolved, TypeId(i as u32)), Vec::new())),
    );
    table
}

/// The types `roots` reach, transitively.
pub(crate) fn reached(resolved: &Resolved, roots: &[&TypeRef]) -> BTreeSet<TypeId> {
    let mut seen = BTreeSet::new();
    let mut todo: Vec<TypeId> = roots.iter().flat_map(|ty| named_in(ty)).collect();
    while let Some(id) = todo.pop() {
        if !seen.insert(id) {
            continue;
        }
        let members: Vec<&TypeRef> = match &resolved.ty(id).kind {
            RTypeKind::Struct(s) => s
                .fields
                .iter()
                .map(|f| &f.ty)
                .chain(s.attributes.iter().map(|a| &a.ty))
                .chain(s.text.iter().map(|t| &t.ty))
                .collect(),
            RTypeKind::Choice(c) => c.alternatives.iter().map(|a| &a.ty).collect(),
            RTypeKind::Enum(_) => Vec::new(),
        };
        todo.extend(members.into_iter().flat_map(named_in));
    }
    seen
}
