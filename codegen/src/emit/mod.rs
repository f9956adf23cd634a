//! Emit: the resolved model in, Rust tokens out. Never looks at XML documents.
//!
//! Unstable: public only for the repository's own tools (the CLI, tests, fuzz targets),
//! hidden from the crate's docs; not part of soapgen's API.

mod client;
mod docs;
mod faults;
mod namespaces;
mod read;
mod round_trip;
mod rust_type;
mod types;
mod write;

use proc_macro2::TokenStream;
use quote::quote;

use crate::resolve::Resolved;

pub use namespaces::Namespaces;
pub use round_trip::round_trip_tests;

/// Choices that shape the emitted code.
#[derive(Clone, Debug)]
pub struct EmitOptions {
    /// Path of the runtime crate in the generated code (prost's `prost_path`).
    pub runtime_path: String,
    /// The transport `Client::new()` uses and the client's default type parameter.
    pub default_transport: DefaultTransport,
}

/// Which built-in transport a client gets from `new()`. Either way the client is generic
/// over its transport, so the other one (or a custom one) works through `with_transport`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DefaultTransport {
    /// `HttpTransport`: calls return `Result` (runtime feature `blocking`, on by default).
    #[default]
    Blocking,
    /// `AsyncHttpTransport`: calls return futures (runtime feature `async`, on tokio).
    Async,
}

impl Default for EmitOptions {
    fn default() -> Self {
        EmitOptions {
            runtime_path: "::soapgen_runtime".into(),
            default_transport: DefaultTransport::Blocking,
        }
    }
}

/// Everything the item emitters share.
pub(crate) struct Ctx<'a> {
    pub resolved: &'a Resolved,
    pub rt: TokenStream,
    pub ns: Namespaces,
    pub default_transport: DefaultTransport,
}

impl<'a> Ctx<'a> {
    pub fn new(resolved: &'a Resolved, options: &EmitOptions) -> Self {
        let rt: TokenStream = syn::parse_str::<syn::Path>(&options.runtime_path)
            .map(|p| quote!(#p))
            .unwrap_or_else(|_| quote!(::soapgen_runtime));
        Ctx {
            resolved,
            rt,
            ns: Namespaces::collect(resolved),
            default_transport: options.default_transport,
        }
    }
}

/// The items of one module: namespace constants, types with their XML code, clients.
pub fn emit(resolved: &Resolved, options: &EmitOptions) -> TokenStream {
    let ctx = Ctx::new(resolved, options);
    let types = resolved.types.iter().map(|t| types::emit_type(&ctx, t));
    let clients = resolved.services.iter().map(|s| client::emit_client(&ctx, s));
    let faults = resolved
        .services
        .iter()
        .flat_map(|s| &s.operations)
        .map(|op| faults::emit_faults(&ctx, op));
    let consts = ctx.ns.emit_consts();
    let rt = &ctx.rt;
    quote! {
        #[allow(unused_imports)]
        use #rt::{XmlRead as _, XmlValue as _, XmlWrite as _};
        #consts
        /// Fails unless the response holds the element `ns`/`local`.
        fn expect_response(
            r: &#rt::XmlReader<'_>,
            tag: &#rt::StartTag<'_>,
            ns: &str,
            local: &str,
        ) -> ::std::result::Result<(), #rt::XmlError> {
            if tag.is(ns, local) {
                ::std::result::Result::Ok(())
            } else {
                ::std::result::Result::Err(r.error(::std::format!("expected <{}>, found <{}>", local, tag.local)))
            }
        }
        /// Reads the response element `ns`/`local` from a SOAP body (or a plain XML document).
        #[allow(dead_code)]
        fn read_response<R: #rt::XmlRead>(
            response: &#rt::HttpResponse,
            soap: bool,
            ns: &str,
            local: &str,
        ) -> ::std::result::Result<R, #rt::Error> {
            let read = |r: &mut #rt::XmlReader<'_>, tag: #rt::StartTag<'_>| {
                expect_response(r, &tag, ns, local)?;
                R::read_xml(r)
            };
            if soap {
                #rt::transport::parse_soap_response(response, read)
            } else {
                #rt::transport::parse_xml_response(response, read)
            }
        }
        #(#clients)*
        #(#faults)*
        #(#types)*
    }
}

/// Prints tokens as formatted Rust source.
pub fn format(tokens: TokenStream) -> Result<String, syn::Error> {
    let file: syn::File = syn::parse2(tokens)?;
    Ok(prettyplease::unparse(&file))
}
