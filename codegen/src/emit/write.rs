//! `XmlWrite` impls: plain straight-line code over the runtime's writer.

use proc_macro2::TokenStream;
use quote::quote;

use super::Ctx;
use super::rust_type::{Shape, choice, ident, is_text_value, shape};
use crate::ir::{QName, TypeRef};
use crate::resolve::{RStruct, RType};

pub fn emit_struct_write(ctx: &Ctx, t: &RType, s: &RStruct, encoded: bool) -> TokenStream {
    let rt = &ctx.rt;
    let name = ident(&t.rust_name);
    let attrs = s.attributes.iter().map(|a| {
        let f = ident(&a.rust_name);
        let ns = ctx.ns.expr(&a.wire.namespace);
        let local = &a.wire.local;
        quote!(w.attribute(#ns, #local, &self.#f);)
    });
    let text = s.text.as_ref().map(|tx| {
        let f = ident(&tx.rust_name);
        match &tx.ty {
            // Simple content extending an `xs:list`: items separated by spaces.
            TypeRef::List(_) => quote! {
                for (i, item) in self.#f.iter().enumerate() {
                    if i > 0 { w.text(" "); }
                    w.value(item);
                }
            },
            _ => quote!(w.value(&self.#f);),
        }
    });
    let fields: Vec<_> = s
        .fields
        .iter()
        .map(|f| {
            let name = ident(&f.rust_name);
            let shape = shape(&f.ty, f.occurs, f.nillable);
            field(ctx, quote!(self.#name), &f.wire, &f.ty, shape, f.occurs, f.boxed)
        })
        .collect();
    // In rpc/encoded requests a struct says its schema type.
    let xsi_type = encoded.then(|| {
        let ns = ctx.ns.expr(&t.wire.namespace);
        let local = &t.wire.local;
        quote! {
            fn xsi_type(&self) -> Option<(&'static str, &'static str)> {
                Some((#ns, #local))
            }
        }
    });
    if s.attributes.is_empty() && s.text.is_none() && fields.is_empty() {
        return quote!(impl #rt::XmlWrite for #name { #xsi_type });
    }
    quote! {
        impl #rt::XmlWrite for #name {
            fn write_content(&self, w: &mut #rt::XmlWriter) {
                #(#attrs)*
                #text
                #(#fields)*
            }
            #xsi_type
        }
    }
}

/// Whether a field of `ty` is written by the runtime's `XmlWrite` for values, structs,
/// `Option` and `Vec` alike (a box is not looked through inside an `Option` or `Vec`).
pub fn writes_itself(ctx: &Ctx, ty: &TypeRef, shape: Shape, boxed: bool) -> bool {
    let plain = match ty {
        TypeRef::Primitive(_) | TypeRef::RawXml => true,
        TypeRef::Named(_) => choice(ctx, ty).is_none(),
        TypeRef::Wrapped(_) | TypeRef::List(_) | TypeRef::AnyElement => false,
    };
    plain && (shape == Shape::Plain || !boxed)
}

/// Statements writing the field `place` (an lvalue expression).
pub fn field(
    ctx: &Ctx,
    place: TokenStream,
    wire: &QName,
    ty: &TypeRef,
    shape: Shape,
    occurs: crate::ir::Occurs,
    boxed: bool,
) -> TokenStream {
    let ns = ctx.ns.expr(&wire.namespace);
    let local = &wire.local;
    let nil_when_absent = shape == Shape::Option && occurs == crate::ir::Occurs::Required;
    if writes_itself(ctx, ty, shape, boxed) {
        return if nil_when_absent {
            quote!(w.nillable(#ns, #local, &#place);)
        } else {
            quote!(#place.write_xml(w, #ns, #local);)
        };
    }
    match shape {
        Shape::Plain => {
            // A method call on the place itself: `&self.x.write_xml(…)` would borrow the result.
            let plain_value = !is_text_value(ctx, ty) && choice(ctx, ty).is_none();
            match ty {
                TypeRef::Named(_) | TypeRef::RawXml if plain_value => {
                    return quote!(#place.write_xml(w, #ns, #local););
                }
                TypeRef::AnyElement => return quote!(#place.write_to(w);),
                _ => {}
            }
            if let TypeRef::Wrapped(_) = ty {
                if occurs == crate::ir::Occurs::Optional {
                    let one = one(ctx, quote!(&#place), wire, ty);
                    return quote!(if !#place.is_empty() { #one });
                }
            }
            one(ctx, quote!(&#place), wire, ty)
        }
        Shape::Option => {
            let one = one(ctx, quote!(value), wire, ty);
            let none = if occurs == crate::ir::Occurs::Required {
                quote!(else { w.nil_element(#ns, #local); })
            } else {
                quote!()
            };
            quote!(if let Some(value) = &#place { #one } #none)
        }
        Shape::Vec => {
            let one = one(ctx, quote!(value), wire, ty);
            quote!(for value in &#place { #one })
        }
    }
}

/// Statements writing one value (`value` is a reference) as the element `wire`.
fn one(ctx: &Ctx, value: TokenStream, wire: &QName, ty: &TypeRef) -> TokenStream {
    let ns = ctx.ns.expr(&wire.namespace);
    let local = &wire.local;
    if is_text_value(ctx, ty) {
        return quote!(w.element(#ns, #local, #value););
    }
    if let Some((t, c)) = choice(ctx, ty) {
        // A choice has no element of its own: the alternative's element takes its place.
        let name = ident(&t.rust_name);
        let arms = c.alternatives.iter().map(|a| {
            let v = ident(&a.rust_name);
            // `alt` is already a reference to the alternative's value.
            let write = if a.occurs == crate::ir::Occurs::Many {
                let one = one(ctx, quote!(value), &a.wire, &a.ty);
                quote!(for value in alt { #one })
            } else {
                one(ctx, quote!(alt), &a.wire, &a.ty)
            };
            quote!(#name::#v(alt) => { #write })
        });
        return quote!(match #value { #(#arms)* });
    }
    match ty {
        TypeRef::Named(_) | TypeRef::RawXml => quote!(#value.write_xml(w, #ns, #local);),
        TypeRef::AnyElement => quote!(#value.write_to(w);),
        TypeRef::Wrapped(list) if writes_itself(ctx, &list.item_ty, Shape::Plain, false) => {
            let item_ns = ctx.ns.expr(&list.item.namespace);
            let item_local = &list.item.local;
            let method =
                if list.item_nillable { quote!(wrapped_nillable) } else { quote!(wrapped) };
            quote!(w.#method((#ns, #local), (#item_ns, #item_local), #value);)
        }
        TypeRef::Wrapped(list) => {
            let item = if list.item_nillable {
                let item_ns = ctx.ns.expr(&list.item.namespace);
                let item_local = &list.item.local;
                let one = one(ctx, quote!(item), &list.item, &list.item_ty);
                quote! {
                    match item {
                        Some(item) => { #one }
                        None => w.nil_element(#item_ns, #item_local),
                    }
                }
            } else {
                one(ctx, quote!(item), &list.item, &list.item_ty)
            };
            quote! {
                w.start(#ns, #local);
                for item in #value { #item }
                w.end(#local);
            }
        }
        TypeRef::List(_) => quote! {
            w.start(#ns, #local);
            for (i, item) in std::iter::IntoIterator::into_iter(#value).enumerate() {
                if i > 0 { w.text(" "); }
                w.value(item);
            }
            w.end(#local);
        },
        TypeRef::Primitive(_) => unreachable!("primitives are text values"),
    }
}

#[cfg(test)]
mod tests {
    use crate::{Options, Source, generate};

    /// WS-Discovery's `ScopesType`: simple content extending an `xs:list`, with an
    /// attribute. Its text is written item by item and read back by splitting.
    #[test]
    fn simple_content_of_a_list_is_written_and_read_as_a_list() {
        let wsdl = r#"<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:t" targetNamespace="urn:t">
  <types><xs:schema targetNamespace="urn:t" elementFormDefault="qualified">
    <xs:simpleType name="UriList"><xs:list itemType="xs:anyURI"/></xs:simpleType>
    <xs:complexType name="Scopes"><xs:simpleContent><xs:extension base="tns:UriList">
      <xs:attribute name="MatchBy" type="xs:anyURI"/></xs:extension></xs:simpleContent></xs:complexType>
    <xs:element name="Probe" type="tns:Scopes"/>
  </xs:schema></types>
  <message name="In"><part name="p" element="tns:Probe"/></message>
  <portType name="P"><operation name="Probe"><input message="tns:In"/><output message="tns:In"/></operation></portType>
  <binding name="B" type="tns:P"><soap:binding style="document"/><operation name="Probe">
    <input><soap:body use="literal"/></input><output><soap:body use="literal"/></output></operation></binding>
  <service name="S"><port name="p" binding="tns:B"><soap:address location="http://h/s"/></port></service>
</definitions>"#;
        let out = generate(&[Source::new("list.wsdl", wsdl)], &Options::default()).unwrap();
        let code = out.code.replace(char::is_whitespace, "");
        assert!(code.contains("pubvalue:Vec<String>"), "{}", out.code);
        assert!(code.contains("for(i,item)inself.value.iter().enumerate()"), "{}", out.code);
        assert!(code.contains("text.split_ascii_whitespace()"), "{}", out.code);
        assert!(!code.contains("w.value(&self.value)"), "{}", out.code);
    }
}
