//! Typed fault details: per operation that declares `wsdl:fault`s, an enum with a variant
//! per detail element and `from_fault`, which reads the first declared element found in a
//! [`Fault`](soapgen_runtime::Fault)'s detail. Errors stay the runtime's `Error::Fault`;
//! the typed detail is read on demand, so calls need no per-operation error type.

use proc_macro2::TokenStream;
use quote::quote;

use super::Ctx;
use super::docs::{doc_attrs, doc_line};
use super::read::one;
use super::rust_type::{ident, value_type};
use crate::ir::TypeRef;
use crate::resolve::{RFaults, ROperation};

/// The enum and its reader for `op`, if it declares faults.
pub fn emit_faults(ctx: &Ctx, op: &ROperation) -> TokenStream {
    let Some(RFaults { enum_name, variants }) = &op.faults else { return TokenStream::new() };
    let rt = &ctx.rt;
    let name = ident(enum_name);
    let summary = format!(
        " The fault details operation `{}` declares (`wsdl:fault`), read from a SOAP fault with [`{enum_name}::from_fault`].",
        op.name
    );
    let defs = variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let (ty, _) = detail_type(ctx, &v.ty);
        let docs = doc_attrs(&v.docs);
        let gap = if v.docs.is_empty() { quote!() } else { quote!(#[doc = ""]) };
        let wire = doc_line(&format!(
            "Detail element `{}`{}.",
            v.element.local,
            if v.element.namespace.is_empty() {
                String::new()
            } else {
                format!(" in `{}`", v.element.namespace)
            }
        ));
        quote!(#docs #gap #wire #variant(#ty),)
    });
    let arms = variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let ns = ctx.ns.expr(&v.element.namespace);
        let local = &v.element.local;
        let (_, read) = detail_type(ctx, &v.ty);
        let read = read.unwrap_or_else(|| one(ctx, &v.element, &v.ty));
        quote! {
            if tag.is(#ns, #local) {
                let r = &mut r;
                return Ok(Some(Self::#variant(#read)));
            }
        }
    });
    // Servers answer with a declared fault through `Err(XFault::Variant(detail).into())`.
    let into_server_fault = ctx.server.then(|| {
        let arms = variants.iter().map(|v| {
            let variant = ident(&v.rust_name);
            let ns = ctx.ns.expr(&v.element.namespace);
            let local = &v.element.local;
            let reason = &v.element.local;
            quote!(#name::#variant(detail) => #rt::server::ServerFault::server(#reason).with_detail(#ns, #local, detail),)
        });
        quote! {
            impl From<#name> for #rt::server::ServerFault {
                fn from(fault: #name) -> Self {
                    match &fault {
                        #(#arms)*
                    }
                }
            }
        }
    });
    quote! {
        #into_server_fault
        #[doc = #summary]
        #[derive(Clone, PartialEq, Debug)]
        pub enum #name {
            #(#defs)*
        }
        impl #name {
            /// The declared detail `fault` carries: `Ok(None)` when it has no detail or none
            /// of the declared elements, an error when a declared element does not read.
            pub fn from_fault(
                fault: &#rt::Fault,
            ) -> Result<Option<Self>, #rt::XmlError> {
                let Some(detail) = &fault.detail else {
                    return Ok(None);
                };
                let mut w = #rt::XmlWriter::new();
                detail.write_element(&mut w, "", "detail");
                let xml = w.finish()?;
                let mut r = #rt::XmlReader::new(&xml);
                r.next_child()?;
                while let Some(tag) = r.next_child()? {
                    #(#arms)*
                    r.skip()?;
                }
                Ok(None)
            }
        }
    }
}

/// The variant's payload type, and its reader where [`one`] has none (wildcards).
fn detail_type(ctx: &Ctx, ty: &TypeRef) -> (TokenStream, Option<TokenStream>) {
    let rt = &ctx.rt;
    match ty {
        TypeRef::AnyElement => (quote!(#rt::RawXml), Some(quote!(r.read_raw()?))),
        _ => (value_type(ctx, ty), None),
    }
}
