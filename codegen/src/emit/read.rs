//! `XmlRead` impls: one loop over child elements per struct, matched by namespace URI
//! and local name, unknown elements skipped.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::Ctx;
use super::rust_type::{Shape, choice, ident, is_text_value, shape, value_type};
use crate::ir::{Occurs, QName, TypeRef};
use crate::resolve::{RStruct, RType};

pub fn emit_struct_read(ctx: &Ctx, t: &RType, s: &RStruct) -> TokenStream {
    let rt = &ctx.rt;
    let name = ident(&t.rust_name);

    let attrs = s.attributes.iter().map(|a| {
        let f = ident(&a.rust_name);
        let ty = value_type(ctx, &a.ty);
        let ns = ctx.ns.expr(&a.wire.namespace);
        let local = &a.wire.local;
        let parse_one = match &a.ty {
            // `xs:list`: space-separated items.
            TypeRef::List(item) => {
                let item = value_type(ctx, item);
                quote! {
                    text.split_ascii_whitespace()
                        .map(<#item as #rt::XmlValue>::parse_lexical)
                        .collect::<::std::result::Result<#ty, _>>()
                }
            }
            _ => quote!(<#ty as #rt::XmlValue>::parse_lexical(&text)),
        };
        let parse = quote! {
            r.attribute(#ns, #local)
                .map(|text| #parse_one)
                .transpose()
                .map_err(|e| r.error(::std::format!("attribute `{}`: {}", #local, e)))?
        };
        if a.required {
            let missing = format!("missing required attribute `{local}`");
            quote!(let #f = #parse.ok_or_else(|| r.error(#missing))?;)
        } else {
            quote!(let #f = #parse;)
        }
    });

    let text = s.text.as_ref().map(|tx| {
        let f = ident(&tx.rust_name);
        let ty = value_type(ctx, &tx.ty);
        quote!(let #f = r.read_value::<#ty>()?;)
    });

    let slots: Vec<_> = s.fields.iter().enumerate().map(|(i, _)| format_ident!("f{}", i)).collect();
    let decls =
        s.fields.iter().zip(&slots).map(|(f, slot)| match shape(&f.ty, f.occurs, f.nillable) {
            Shape::Vec => quote!(let mut #slot = ::std::vec::Vec::new();),
            _ => quote!(let mut #slot = ::std::option::Option::None;),
        });
    // Each (namespace, name) is matched once: the first field that claims it wins.
    let mut seen = std::collections::BTreeSet::new();
    let mut arms = Vec::new();
    let mut any_arm = None;
    for (f, slot) in s.fields.iter().zip(&slots) {
        let shape = shape(&f.ty, f.occurs, f.nillable);
        if matches!(f.ty, TypeRef::AnyElement) {
            let value = quote!(#rt::AnyElement::read_xml(r, &tag)?);
            let store = match shape {
                Shape::Vec => quote!(#slot.push(#value)),
                _ => quote!(#slot = ::std::option::Option::Some(#value)),
            };
            any_arm.get_or_insert(quote!(#store;));
            continue;
        }
        if let Some((t, c)) = choice(ctx, &f.ty) {
            let name = ident(&t.rust_name);
            for a in &c.alternatives {
                if !seen.insert((a.wire.namespace.clone(), a.wire.local.clone())) {
                    continue;
                }
                let v = ident(&a.rust_name);
                let ns = ctx.ns.expr(&a.wire.namespace);
                let local = &a.wire.local;
                let mut value = one(ctx, &a.wire, &a.ty);
                if a.boxed {
                    value = quote!(::std::boxed::Box::new(#value));
                }
                let store = if a.occurs == Occurs::Many {
                    // Consecutive items of a repeated alternative gather in one variant.
                    let last = if shape == Shape::Vec {
                        quote!(#slot.last_mut())
                    } else {
                        quote!(#slot.as_mut())
                    };
                    let add = if shape == Shape::Vec {
                        quote!(#slot.push(#name::#v(::std::vec![item])))
                    } else {
                        quote!(#slot = ::std::option::Option::Some(#name::#v(::std::vec![item])))
                    };
                    quote! {
                        let item = #value;
                        match #last {
                            ::std::option::Option::Some(#name::#v(items)) => items.push(item),
                            _ => #add,
                        }
                    }
                } else if shape == Shape::Vec {
                    quote!(#slot.push(#name::#v(#value)))
                } else {
                    quote!(#slot = ::std::option::Option::Some(#name::#v(#value)))
                };
                let in_ns = in_namespace(&ns, &a.wire.namespace);
                arms.push(quote!(#local if #in_ns => { #store; }));
            }
            continue;
        }
        if !seen.insert((f.wire.namespace.clone(), f.wire.local.clone())) {
            continue;
        }
        let ns = ctx.ns.expr(&f.wire.namespace);
        let local = &f.wire.local;
        let mut value = one(ctx, &f.wire, &f.ty);
        if f.boxed {
            value = quote!(::std::boxed::Box::new(#value));
        }
        let store = match shape {
            Shape::Vec => quote!(#slot.push(#value)),
            Shape::Plain => quote!(#slot = ::std::option::Option::Some(#value)),
            Shape::Option => quote! {
                if r.is_nil() {
                    r.skip()?;
                } else {
                    #slot = ::std::option::Option::Some(#value);
                }
            },
        };
        let in_ns = in_namespace(&ns, &f.wire.namespace);
        arms.push(quote!(#local if #in_ns => { #store; }));
    }
    let wildcard = any_arm.is_some();
    let fallback = any_arm.unwrap_or_else(|| quote!(r.skip()?;));
    let inits = s.fields.iter().zip(&slots).map(|(f, slot)| {
        let name = ident(&f.rust_name);
        match shape(&f.ty, f.occurs, f.nillable) {
            Shape::Plain if matches!(f.ty, TypeRef::Wrapped(_)) && f.occurs != Occurs::Required => {
                quote!(#name: #slot.unwrap_or_default())
            }
            Shape::Plain => {
                let ns = ctx.ns.expr(&f.wire.namespace);
                let local = &f.wire.local;
                quote!(#name: #slot.ok_or_else(|| r.missing(#ns, #local))?)
            }
            Shape::Option | Shape::Vec => quote!(#name: #slot),
        }
    });
    let attr_inits = s.attributes.iter().map(|a| ident(&a.rust_name));
    let text_init = s.text.iter().map(|tx| ident(&tx.rust_name));

    // Only a wildcard: every child is its.
    let dispatch = if arms.is_empty() {
        fallback
    } else {
        let fallback = if wildcard { quote!(_ => { #fallback }) } else { quote!(_ => r.skip()?,) };
        // The local name first: most arms fail on its length alone, and the namespace
        // (a long URI) is compared once, for the arm that matches.
        quote! {
            match tag.local {
                #(#arms)*
                #fallback
            }
        }
    };

    // Simple content has text, not children: read_value consumed the end tag.
    let body = if s.text.is_some() {
        quote!()
    } else if s.fields.is_empty() {
        quote!(r.skip()?;)
    } else {
        quote! {
            #(#decls)*
            while let ::std::option::Option::Some(tag) = r.next_child()? {
                #dispatch
            }
        }
    };

    quote! {
        impl #rt::XmlRead for #name {
            fn read_xml(r: &mut #rt::XmlReader<'_>) -> ::std::result::Result<Self, #rt::XmlError> {
                #(#attrs)*
                #text
                #body
                ::std::result::Result::Ok(Self {
                    #(#attr_inits,)*
                    #(#text_init,)*
                    #(#inits,)*
                })
            }
        }
    }
}

/// An expression reading one value of `ty` from the element just started.
pub fn one(ctx: &Ctx, wire: &QName, ty: &TypeRef) -> TokenStream {
    let rt = &ctx.rt;
    let rust = value_type(ctx, ty);
    if is_text_value(ctx, ty) {
        return quote!(r.read_value::<#rust>()?);
    }
    match ty {
        TypeRef::Named(_) => quote!(<#rust as #rt::XmlRead>::read_xml(r)?),
        TypeRef::AnyElement => unreachable!("wildcards are read by the struct's fallback arm"),
        TypeRef::RawXml => quote!(r.read_raw()?),
        TypeRef::Wrapped(list) => {
            let ns = ctx.ns.expr(&list.item.namespace);
            let local = &list.item.local;
            let item = one(ctx, &list.item, &list.item_ty);
            let push = if list.item_nillable {
                quote! {
                    if r.is_nil() {
                        r.skip()?;
                        items.push(::std::option::Option::None);
                    } else {
                        items.push(::std::option::Option::Some(#item));
                    }
                }
            } else {
                quote!(items.push(#item);)
            };
            quote!({
                let mut items = ::std::vec::Vec::new();
                while let ::std::option::Option::Some(tag) = r.next_child()? {
                    if tag.is(#ns, #local) {
                        #push
                    } else {
                        r.skip()?;
                    }
                }
                items
            })
        }
        TypeRef::List(item) => {
            let item_ty = value_type(ctx, item);
            let what = format!("a list of {}", wire.local);
            quote!({
                let text = r.read_text()?;
                let mut items = ::std::vec::Vec::new();
                for part in text.split_ascii_whitespace() {
                    items.push(
                        <#item_ty as #rt::XmlValue>::parse_lexical(part)
                            .map_err(|e| r.error(::std::format!("{}: {}", #what, e)))?,
                    );
                }
                items
            })
        }
        TypeRef::Primitive(_) => unreachable!("primitives are text values"),
    }
}

/// The guard of a child's match arm: the tag is in the field's namespace (none for an
/// unqualified element, which clippy wants as `is_empty()`).
fn in_namespace(ns: &TokenStream, namespace: &str) -> TokenStream {
    if namespace.is_empty() { quote!(tag.ns.is_empty()) } else { quote!(tag.ns == #ns) }
}
