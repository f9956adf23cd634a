//! One `const` per namespace URI the code mentions, so wire names read as `(NS1, "Id")`.

use std::collections::BTreeMap;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{QName, TypeRef};
use crate::resolve::{RTypeKind, Resolved};

/// The namespace URIs a module uses, each emitted once as a constant (`NS1`, …).
pub struct Namespaces {
    /// URI → constant name, numbered in first-use order (deterministic).
    consts: BTreeMap<String, Ident>,
    order: Vec<String>,
}

impl Namespaces {
    /// Every namespace the types and services mention, in a stable order.
    pub fn collect(resolved: &Resolved) -> Self {
        let mut ns = Namespaces { consts: BTreeMap::new(), order: Vec::new() };
        for service in &resolved.services {
            for op in &service.operations {
                ns.add(&op.input.element);
                ns.add(&op.output.element);
                ns.add_ref(&op.input.ty);
                ns.add_ref(&op.output.ty);
            }
            for h in &service.headers {
                ns.add(&h.element);
                ns.add_ref(&h.ty);
            }
        }
        for t in &resolved.types {
            if let RTypeKind::Struct(s) = &t.kind {
                for f in &s.fields {
                    ns.add(&f.wire);
                    ns.add_ref(&f.ty);
                }
                for a in &s.attributes {
                    ns.add(&a.wire);
                }
            }
        }
        ns
    }

    fn add_ref(&mut self, ty: &TypeRef) {
        if let TypeRef::Wrapped(w) = ty {
            self.add(&w.item);
            self.add_ref(&w.item_ty);
        }
    }

    fn add(&mut self, name: &QName) {
        if name.namespace.is_empty() || self.consts.contains_key(&name.namespace) {
            return;
        }
        let ident = Ident::new(&format!("NS{}", self.order.len() + 1), Span::call_site());
        self.consts.insert(name.namespace.clone(), ident);
        self.order.push(name.namespace.clone());
    }

    /// The expression naming `uri`: its constant, or `""` for no namespace.
    pub fn expr(&self, uri: &str) -> TokenStream {
        match self.consts.get(uri) {
            Some(ident) => quote!(#ident),
            None => quote!(""),
        }
    }

    /// The `const NSn: &str = "…";` items.
    pub fn emit_consts(&self) -> TokenStream {
        let items = self.order.iter().map(|uri| {
            let ident = &self.consts[uri];
            let doc = format!(" XML namespace `{uri}`.");
            quote! {
                #[doc = #doc]
                pub const #ident: &str = #uri;
            }
        });
        quote!(#(#items)*)
    }
}
