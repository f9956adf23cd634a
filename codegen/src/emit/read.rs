//! `XmlRead` impls: one loop over child elements per struct, matched by namespace URI
//! and local name, unknown elements skipped.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::Ctx;
use super::rust_type::{Shape, choice, ident, shape, value_type};
use crate::ir::{Occurs, QName, TypeRef};
use crate::resolve::{RStruct, RType};

pub fn emit_struct_read(ctx: &Ctx, t: &RType, s: &RStruct) -> TokenStream {
    let rt = &ctx.rt;
    let name = ident(&t.rust_name);

    // Attributes belong to the start tag: read before any child.
    let attrs = s.attributes.iter().map(|a| {
        let slot = slot(&a.rust_name);
        let ns = ctx.ns.expr(&a.wire.namespace);
        let local = &a.wire.local;
        if a.required {
            quote!(let #slot = r.required_attr(#ns, #local)?;)
        } else {
            quote!(let #slot = r.attr(#ns, #local)?;)
        }
    });
    // Simple content: `read` consumes the end tag, so there are no children to loop over.
    let text = s.text.as_ref().map(|tx| {
        let slot = slot(&tx.rust_name);
        // A list (simple content extending an `xs:list`) is read as an element of it is.
        let value = match &tx.ty {
            TypeRef::List(_) => one(ctx, &QName::new("", tx.rust_name.clone()), &tx.ty),
            _ => quote!(r.read()?),
        };
        quote!(let #slot = #value;)
    });

    let slots: Vec<_> = s.fields.iter().map(|f| slot(&f.rust_name)).collect();
    let starts: Vec<_> = s
        .fields
        .iter()
        .map(|f| match shape(&f.ty, f.occurs, f.nillable) {
            Shape::Vec => quote!(Vec::new()),
            _ => quote!(None),
        })
        .collect();
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
                _ => quote!(#slot = Some(#value)),
            };
            any_arm.get_or_insert(quote!({ #store; Ok(()) }));
            continue;
        }
        if let Some((t, c)) = choice(ctx, &f.ty) {
            let name = ident(&t.rust_name);
            for a in &c.alternatives {
                if !seen.insert((a.wire.namespace.clone(), a.wire.local.clone())) {
                    continue;
                }
                let v = ident(&a.rust_name);
                let mut value = one(ctx, &a.wire, &a.ty);
                if a.boxed {
                    value = quote!(Box::new(#value));
                }
                let store = if a.occurs == Occurs::Many {
                    // Consecutive items of a repeated alternative gather in one variant.
                    let (last, add) = if shape == Shape::Vec {
                        (quote!(#slot.last_mut()), quote!(#slot.push(#name::#v(vec![item]))))
                    } else {
                        (quote!(#slot.as_mut()), quote!(#slot = Some(#name::#v(vec![item]))))
                    };
                    quote! {{
                        let item = #value;
                        match #last {
                            Some(#name::#v(items)) => items.push(item),
                            _ => #add,
                        }
                        Ok(())
                    }}
                } else if shape == Shape::Vec {
                    quote!({ #slot.push(#name::#v(#value)); Ok(()) })
                } else {
                    quote!({ #slot = Some(#name::#v(#value)); Ok(()) })
                };
                let pattern = pattern(ctx, &a.wire);
                arms.push(quote!(#pattern => #store,));
            }
            continue;
        }
        if !seen.insert((f.wire.namespace.clone(), f.wire.local.clone())) {
            continue;
        }
        let store = match (&f.ty, shape) {
            (TypeRef::Wrapped(list), Shape::Plain)
                if !f.boxed && reads_itself(ctx, &list.item_ty) =>
            {
                let ns = ctx.ns.expr(&list.item.namespace);
                let local = &list.item.local;
                quote!(r.wrapped_into(&mut #slot, #ns, #local))
            }
            _ if f.boxed || !reads_itself(ctx, &f.ty) => {
                let mut value = one(ctx, &f.wire, &f.ty);
                if f.boxed {
                    value = quote!(Box::new(#value));
                }
                match shape {
                    Shape::Vec => quote!({ #slot.push(#value); Ok(()) }),
                    Shape::Plain => quote!({ #slot = Some(#value); Ok(()) }),
                    // `xsi:nil` reads as absent.
                    Shape::Option => quote! {{
                        if r.is_nil() {
                            r.skip()?;
                        } else {
                            #slot = Some(#value);
                        }
                        Ok(())
                    }},
                }
            }
            (_, Shape::Vec) => quote!(r.push_into(&mut #slot)),
            (_, Shape::Plain) => quote!(r.read_into(&mut #slot)),
            (_, Shape::Option) => quote!(r.nillable_into(&mut #slot)),
        };
        let pattern = pattern(ctx, &f.wire);
        arms.push(quote!(#pattern => #store,));
    }
    let inits = s.fields.iter().zip(&slots).map(|(f, slot)| {
        let name = ident(&f.rust_name);
        let value = match shape(&f.ty, f.occurs, f.nillable) {
            Shape::Plain if matches!(f.ty, TypeRef::Wrapped(_)) && f.occurs != Occurs::Required => {
                quote!(#slot.unwrap_or_default())
            }
            Shape::Plain => {
                let ns = ctx.ns.expr(&f.wire.namespace);
                let local = &f.wire.local;
                quote!(r.required(#slot, #ns, #local)?)
            }
            Shape::Option | Shape::Vec => quote!(#slot),
        };
        init(&name, slot, value)
    });
    let attr_inits = s.attributes.iter().map(|a| {
        let slot = slot(&a.rust_name);
        init(&ident(&a.rust_name), &slot, quote!(#slot))
    });
    let text_init = s.text.iter().map(|tx| {
        let slot = slot(&tx.rust_name);
        init(&ident(&tx.rust_name), &slot, quote!(#slot))
    });

    let uses_tag = any_arm.is_some() || !arms.is_empty();
    let dispatch = match (any_arm, arms.is_empty()) {
        // Only a wildcard: every child is its.
        (Some(any), true) => any,
        (None, true) => quote!(r.skip()),
        (any, false) => {
            let fallback = any.unwrap_or_else(|| quote!(r.skip()));
            // The local name first: most arms fail on it alone, and the namespace (a long
            // URI) is compared once, for the arm that matches.
            quote! {
                match (tag.local, tag.ns) {
                    #(#arms)*
                    _ => #fallback,
                }
            }
        }
    };
    let tag = if uses_tag { quote!(tag) } else { quote!(_) };

    let body = if s.text.is_some() {
        quote!()
    } else if s.fields.is_empty() {
        quote!(r.skip()?;)
    } else {
        let decls = declare(&slots, &starts);
        quote! {
            #decls
            r.children(|r, #tag| #dispatch)?;
        }
    };

    quote! {
        impl #rt::XmlRead for #name {
            fn read_xml(r: &mut #rt::XmlReader<'_>) -> Result<Self, #rt::XmlError> {
                #(#attrs)*
                #text
                #body
                Ok(Self {
                    #(#attr_inits,)*
                    #(#text_init,)*
                    #(#inits,)*
                })
            }
        }
    }
}

/// Names the reader's own locals take; a field with one of them gets a `_` after its slot.
const READER_LOCALS: &[&str] = &["r", "tag", "item", "items", "text", "part"];

/// The local that gathers a field while its element is read: the field's own name.
fn slot(field: &str) -> Ident {
    if READER_LOCALS.contains(&field) { format_ident!("{}_", field) } else { ident(field) }
}

/// `field` in a struct expression: shorthand when the value is the slot itself.
fn init(field: &Ident, slot: &Ident, value: TokenStream) -> TokenStream {
    if field == slot && *slot == value.to_string() {
        quote!(#field)
    } else {
        quote!(#field: #value)
    }
}

/// `let (mut a, mut b) = (None, Vec::new());` when that fits a line, else a `let` each
/// (a long tuple would print one name per line, twice).
fn declare(slots: &[Ident], starts: &[TokenStream]) -> TokenStream {
    let width: usize = slots
        .iter()
        .zip(starts)
        .map(|(slot, start)| slot.to_string().len() + start.to_string().replace(' ', "").len() + 8)
        .sum();
    if slots.len() == 1 || width + 18 > 100 {
        return quote!(#(let mut #slots = #starts;)*);
    }
    quote!(let (#(mut #slots),*) = (#(#starts),*);)
}

/// Whether `r.read()` reads a value of `ty` (values, structs and raw XML do).
fn reads_itself(ctx: &Ctx, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Primitive(_) | TypeRef::RawXml => true,
        TypeRef::Named(_) => choice(ctx, ty).is_none(),
        TypeRef::Wrapped(_) | TypeRef::List(_) | TypeRef::AnyElement => false,
    }
}

/// The match arm pattern of a child element: `("Name", NS1)`, `("Name", "")` unqualified.
fn pattern(ctx: &Ctx, wire: &QName) -> TokenStream {
    let ns = ctx.ns.expr(&wire.namespace);
    let local = &wire.local;
    quote!((#local, #ns))
}

/// An expression reading one value of `ty` from the element just started.
pub fn one(ctx: &Ctx, wire: &QName, ty: &TypeRef) -> TokenStream {
    let rt = &ctx.rt;
    if reads_itself(ctx, ty) {
        return quote!(r.read()?);
    }
    match ty {
        TypeRef::Named(_) => unreachable!("a choice is read by its alternatives"),
        TypeRef::AnyElement => unreachable!("wildcards are read by the struct's fallback arm"),
        TypeRef::RawXml => quote!(r.read_raw()?),
        TypeRef::Wrapped(list) if reads_itself(ctx, &list.item_ty) => {
            let ns = ctx.ns.expr(&list.item.namespace);
            let local = &list.item.local;
            quote!(r.read_wrapped(#ns, #local)?)
        }
        TypeRef::Wrapped(list) => {
            let ns = ctx.ns.expr(&list.item.namespace);
            let local = &list.item.local;
            let item = one(ctx, &list.item, &list.item_ty);
            let push = if list.item_nillable {
                quote! {
                    if r.is_nil() {
                        r.skip()?;
                        items.push(None);
                    } else {
                        items.push(Some(#item));
                    }
                }
            } else {
                quote!(items.push(#item);)
            };
            quote!({
                let mut items = Vec::new();
                while let Some(tag) = r.next_child()? {
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
                let mut items = Vec::new();
                for part in text.split_ascii_whitespace() {
                    items.push(
                        <#item_ty as #rt::XmlValue>::parse_lexical(part)
                            .map_err(|e| r.error(format!("{}: {}", #what, e)))?,
                    );
                }
                items
            })
        }
        TypeRef::Primitive(_) => unreachable!("primitives are text values"),
    }
}
