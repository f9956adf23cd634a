//! A round-trip test for generated code: for every struct, a value with every field,
//! attribute and text filled (recursion cut at a fixed depth) is written, read back and
//! compared. Emitted on request ([`round_trip_tests`]), not into clients: soapgen's own
//! corpus test appends it to each generated module.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::Ctx;
use super::rust_type::{Shape, ident, shape};
use crate::ir::{Occurs, Primitive, TypeId, TypeRef};
use crate::resolve::{RTypeKind, Resolved};

/// How deep recursive and optional structure is filled.
const DEPTH: u32 = 2;

/// `#[cfg(test)] mod soapgen_round_trip { … }` for the module `resolved` generates.
pub fn round_trip_tests(resolved: &Resolved, options: &super::EmitOptions) -> TokenStream {
    let ctx = Ctx::new(resolved, options);
    let rt = &ctx.rt;
    let makers = resolved.types.iter().enumerate().map(|(i, t)| {
        let id = TypeId(i as u32);
        let f = maker(id);
        let ty = ident(&t.rust_name);
        let body = match &t.kind {
            RTypeKind::Struct(s) => {
                let attrs = s.attributes.iter().map(|a| {
                    let name = ident(&a.rust_name);
                    let occurs = if a.required { Occurs::Required } else { Occurs::Optional };
                    let v = filled(&ctx, &a.ty, occurs, false, false, &a.wire.namespace);
                    quote!(#name: #v,)
                });
                let text = s.text.iter().map(|tx| {
                    let name = ident(&tx.rust_name);
                    let v = value(&ctx, &tx.ty, &t.wire.namespace);
                    quote!(#name: #v,)
                });
                let fields = s.fields.iter().map(|fd| {
                    let name = ident(&fd.rust_name);
                    let v =
                        filled(&ctx, &fd.ty, fd.occurs, fd.nillable, fd.boxed, &fd.wire.namespace);
                    quote!(#name: #v,)
                });
                quote!(#ty { #(#attrs)* #(#text)* #(#fields)* })
            }
            RTypeKind::Enum(e) => {
                let v = e.variants.first().map_or("other", |v| v.value.as_str());
                quote!(#ty::from(#v))
            }
            RTypeKind::Choice(c) => match c.alternatives.first() {
                Some(a) => {
                    let variant = ident(&a.rust_name);
                    // The chosen element must appear: a repeated one at least once.
                    let v =
                        filled(&ctx, &a.ty, Occurs::Required, false, a.boxed, &a.wire.namespace);
                    let v = if a.occurs == Occurs::Many { quote!(vec![#v]) } else { v };
                    quote!(#ty::#variant(#v))
                }
                None => quote!(unreachable!("a choice without alternatives")),
            },
        };
        quote! {
            #[allow(unused_variables)]
            fn #f(d: u32) -> #ty { #body }
        }
    });
    let checks = resolved.types.iter().enumerate().filter_map(|(i, t)| {
        let f = maker(TypeId(i as u32));
        let ns = &t.wire.namespace;
        let local = &t.wire.local;
        match t.kind {
            // Only what this module both writes and reads can go round.
            RTypeKind::Struct(_)
                if ctx.directions.writes(TypeId(i as u32))
                    && ctx.directions.reads(TypeId(i as u32)) =>
            {
                Some(quote!(check(&#f(#DEPTH), #ns, #local);))
            }
            RTypeKind::Struct(_) => None,
            RTypeKind::Enum(_) => Some(quote!(check_value(&#f(#DEPTH));)),
            // A choice has no element of its own: checked inside the structs holding it.
            RTypeKind::Choice(_) => None,
        }
    });
    let server_checks = if ctx.server { server_tests(&ctx) } else { Vec::new() };
    quote! {
        #[cfg(test)]
        #[allow(clippy::all, dead_code, unused_imports)]
        mod soapgen_round_trip {
            use super::*;

            fn parse<V: #rt::XmlValue>(text: &str) -> V {
                V::parse_lexical(text).expect("sample value parses")
            }

            fn check<T>(value: &T, ns: &str, local: &str)
            where
                T: #rt::XmlWrite + #rt::XmlRead + PartialEq + std::fmt::Debug,
            {
                let mut w = #rt::XmlWriter::new();
                value.write_xml(&mut w, ns, local);
                let xml = w.finish().expect("written");
                let mut r = #rt::XmlReader::new(&xml);
                r.next_child().expect("root");
                let back = T::read_xml(&mut r).unwrap_or_else(|e| panic!("{local}: {e}\n{xml}"));
                assert_eq!(&back, value, "{local} did not round-trip:\n{xml}");
            }

            /// An element no schema names, as a wildcard holds it.
            fn any() -> #rt::AnyElement {
                let xml = "<any xmlns=\"urn:soapgen:any\"><x a=\"1\">text</x></any>";
                let mut r = #rt::XmlReader::new(xml);
                let tag = r.next_child().expect("parses").expect("root");
                #rt::AnyElement::read_xml(&mut r, &tag).expect("reads")
            }

            fn check_value<V>(value: &V)
            where
                V: #rt::XmlValue + PartialEq + std::fmt::Debug,
            {
                let mut text = String::new();
                value.write_lexical(&mut text);
                assert_eq!(&parse::<V>(&text), value, "{text} did not round-trip");
            }

            #(#makers)*

            #[test]
            fn every_struct_round_trips() {
                #(#checks)*
            }

            #(#server_checks)*
        }
    }
}

/// With the server side generated: a test per service calling every SOAP operation through
/// the generated client against the generated mock, in each SOAP version the service
/// offers; requests and replies must arrive whole.
fn server_tests(ctx: &Ctx) -> Vec<TokenStream> {
    let rt = &ctx.rt;
    let mut tests = Vec::new();
    for s in &ctx.resolved.services {
        // The generated server does not serve HTTP GET/POST operations.
        let ops: Vec<_> = s
            .operations
            .iter()
            .filter(|op| !op.bindings.iter().any(|b| b.protocol.is_form()))
            .filter_map(|op| match (&op.input.ty, &op.output.ty) {
                (TypeRef::Named(i), TypeRef::Named(o)) => Some((op, *i, *o)),
                _ => None,
            })
            .collect();
        if ops.is_empty() {
            continue;
        }
        let stem = s.client_name.strip_suffix("Client").unwrap_or(&s.client_name);
        let mock = Ident::new(&format!("{stem}Mock"), Span::call_site());
        let client = Ident::new(&s.client_name, Span::call_site());
        let handlers = ops.iter().map(|(op, input, output)| {
            let on = Ident::new(
                &format!("on_{}", op.method_name.trim_start_matches("r#")),
                Span::call_site(),
            );
            let (make_in, make_out) = (maker(*input), maker(*output));
            // With header blocks the handler gets them too, in a tuple after the request.
            let pattern =
                if op.headers.is_empty() { quote!(request) } else { quote!((request, ..)) };
            quote! {
                .#on(|#pattern| {
                    if request != #make_in(#DEPTH) {
                        return Err(#rt::server::ServerFault::client(format!("{request:?}")));
                    }
                    Ok(#make_out(#DEPTH))
                })
            }
        });
        let calls = ops.iter().map(|(op, input, output)| {
            let method = ident(&op.method_name);
            let (make_in, make_out) = (maker(*input), maker(*output));
            let name = &op.name;
            quote! {
                let reply = client.#method(&#make_in(#DEPTH)).unwrap_or_else(|e| panic!("{}: {e}", #name));
                assert_eq!(reply, #make_out(#DEPTH), "{}", #name);
            }
        });
        let soap: Vec<_> = s.protocols.iter().filter(|p| p.is_soap()).collect();
        let versions = soap.iter().map(|p| match p {
            crate::ir::Protocol::Soap12 => quote!(#rt::SoapVersion::Soap12),
            _ => quote!(#rt::SoapVersion::Soap11),
        });
        let choose = (soap.len() > 1).then(|| quote!(.with_soap_version(version)));
        let test = Ident::new(
            &format!(
                "{}_calls_its_generated_server",
                heck::ToSnakeCase::to_snake_case(s.client_name.as_str())
            ),
            Span::call_site(),
        );
        // A plain-XML service has no SOAP version to go through.
        let body = if soap.is_empty() {
            quote! {
                let client = #client::new().with_endpoint(server.endpoint());
                #(#calls)*
            }
        } else {
            quote! {
                for version in [#(#versions),*] {
                    let _ = version;
                    let client = #client::new().with_endpoint(server.endpoint()) #choose;
                    #(#calls)*
                }
            }
        };
        tests.push(quote! {
            #[test]
            fn #test() {
                let server = #mock::default() #(#handlers)* .start();
                #body
            }
        });
    }
    tests
}

fn maker(id: TypeId) -> Ident {
    Ident::new(&format!("make_{}", id.0), Span::call_site())
}

/// A field's value: wrapped as its shape needs, optional parts filled while depth lasts.
fn filled(
    ctx: &Ctx,
    ty: &TypeRef,
    occurs: Occurs,
    nillable: bool,
    boxed: bool,
    ns: &str,
) -> TokenStream {
    let mut v = value(ctx, ty, ns);
    if boxed {
        v = quote!(Box::new(#v));
    }
    let nested = matches!(ty, TypeRef::Named(_));
    match shape(ty, occurs, nillable) {
        Shape::Plain => v,
        Shape::Option if nested => quote!(if d > 0 { Some(#v) } else { None }),
        Shape::Option => quote!(Some(#v)),
        Shape::Vec if nested => quote!(if d > 0 { vec![#v] } else { vec![] }),
        Shape::Vec => quote!(vec![#v, #v]),
    }
}

/// One value of `ty`, for an element in namespace `ns`.
fn value(ctx: &Ctx, ty: &TypeRef, ns: &str) -> TokenStream {
    let rt = &ctx.rt;
    match ty {
        TypeRef::Primitive(p) => primitive(*p),
        TypeRef::Named(id) => {
            let f = maker(*id);
            quote!(#f(d.saturating_sub(1)))
        }
        // Raw content as read keeps the default namespace in scope: the element's own.
        TypeRef::RawXml => quote!(#rt::RawXml::with_namespaces(
            "",
            vec![(String::new(), String::from(#ns))]
        )),
        TypeRef::AnyElement => quote!(any()),
        TypeRef::Wrapped(w) => {
            let item = value(ctx, &w.item_ty, &w.item.namespace);
            let items =
                if w.item_nillable { quote!(vec![Some(#item), None]) } else { quote!(vec![#item]) };
            if matches!(w.item_ty, TypeRef::Named(_)) {
                quote!(if d > 0 { #items } else { vec![] })
            } else {
                items
            }
        }
        TypeRef::List(item) => {
            // List items are whitespace-separated: a string item holds none.
            let item = match **item {
                TypeRef::Primitive(Primitive::String | Primitive::AnyUri) => {
                    quote!(String::from("a&b<c>"))
                }
                _ => value(ctx, item, ns),
            };
            quote!(vec![#item, #item])
        }
    }
}

fn primitive(p: Primitive) -> TokenStream {
    let lexical = match p {
        Primitive::String => return quote!(String::from("text & <more>")),
        Primitive::AnyUri => {
            return quote!(String::from("http://example.com/a?b=c"));
        }
        Primitive::Boolean => return quote!(true),
        Primitive::Char => return quote!('c'),
        Primitive::Byte | Primitive::Short | Primitive::Int | Primitive::Long => "-7",
        Primitive::Integer => "-7",
        Primitive::UnsignedByte
        | Primitive::UnsignedShort
        | Primitive::UnsignedInt
        | Primitive::UnsignedLong => "7",
        Primitive::Float | Primitive::Double => "1.5",
        Primitive::Decimal => "12.50",
        Primitive::DateTime => "2024-02-29T13:45:00Z",
        Primitive::Date => "2024-02-29",
        Primitive::Time => "13:45:00",
        Primitive::Duration => "P1DT2H",
        Primitive::Base64Binary => "AQID",
        Primitive::HexBinary => "0A0B",
        Primitive::Guid => "6f9619ff-8b86-d011-b42d-00cf4fc964ff",
        Primitive::QName => "local",
    };
    quote!(parse(#lexical))
}
