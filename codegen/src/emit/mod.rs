//! Emit: the resolved model in, Rust tokens out. Never looks at XML documents.
//!
//! Unstable: public only for the repository's own tools (the CLI, tests, fuzz targets),
//! hidden from the crate's docs; not part of soapgen's API.

mod client;
mod docs;
mod faults;
mod features;
mod namespaces;
mod print;
mod read;
mod round_trip;
mod rust_type;
mod types;
mod write;

use std::sync::atomic::{AtomicUsize, Ordering};

use proc_macro2::TokenStream;
use quote::quote;

use crate::resolve::Resolved;

pub(crate) use features::table as feature_table;
pub use namespaces::Namespaces;
pub use round_trip::round_trip_tests;

/// Choices that shape the emitted code.
#[derive(Clone, Debug)]
pub struct EmitOptions {
    /// Path of the runtime crate in the generated code (prost's `prost_path`).
    pub runtime_path: String,
    /// The transport `Client::new()` uses and the client's default type parameter.
    pub default_transport: DefaultTransport,
    /// A cargo feature per operation (`order_get_data`, all on by default): each type
    /// compiles only when an enabled operation reaches it. For `--crate` output, whose
    /// `Cargo.toml` declares the features.
    pub operation_features: bool,
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
            operation_features: false,
        }
    }
}

/// Everything the item emitters share.
pub(crate) struct Ctx<'a> {
    pub resolved: &'a Resolved,
    pub rt: TokenStream,
    pub ns: Namespaces,
    pub default_transport: DefaultTransport,
    pub operation_features: bool,
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
            operation_features: options.operation_features,
        }
    }

    /// `#[cfg(feature = "…")]` for an operation's items, when operations are features.
    pub fn operation_cfg(&self, method_name: &str) -> TokenStream {
        if !self.operation_features {
            return TokenStream::new();
        }
        let feature = features::operation_feature(method_name);
        quote!(#[cfg(feature = #feature)])
    }

    /// `#[cfg(feature = "…")]` for what holds a value of `ty`, when operations are features.
    pub fn type_cfg(&self, ty: &crate::ir::TypeRef) -> TokenStream {
        match crate::resolve::named_in(ty).first() {
            Some(&id) if self.operation_features => {
                let feature = features::type_feature(self.resolved, id);
                quote!(#[cfg(feature = #feature)])
            }
            _ => TokenStream::new(),
        }
    }

    /// `#[allow(dead_code)]` for shared helpers no enabled operation may use.
    pub fn maybe_unused(&self) -> TokenStream {
        if self.operation_features { quote!(#[allow(dead_code)]) } else { TokenStream::new() }
    }
}

/// The items of one module: namespace constants, types with their XML code, clients.
pub fn emit(resolved: &Resolved, options: &EmitOptions) -> TokenStream {
    let ctx = Ctx::new(resolved, options);
    let mut items = TokenStream::new();
    for part in parts(resolved) {
        items.extend(match ctx.part(part) {
            (tokens, Some(feature)) => features::gate(tokens, &feature),
            (tokens, None) => tokens,
        });
    }
    items
}

/// The module's items as formatted source, byte for byte what [`format`] makes of [`emit`],
/// in a fraction of the time and memory: each part is emitted, parsed and printed on its
/// own (never one syntax tree of the whole module), on every core.
pub fn emit_source(resolved: &Resolved, options: &EmitOptions) -> Result<String, syn::Error> {
    let parts = parts(resolved);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(parts.len());
    let next = AtomicUsize::new(0);
    // Tokens are not `Send` (nor is a `Ctx`): each thread emits what it formats, taking the
    // next part in order, so the biggest part (a client) starts first and the small ones
    // fill in around it.
    let work = || -> Result<Vec<(usize, String)>, syn::Error> {
        let ctx = Ctx::new(resolved, options);
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(&part) = parts.get(i) else { return Ok(done) };
            let (tokens, feature) = ctx.part(part);
            done.push((i, print::items(tokens, feature.as_deref())?));
        }
    };
    let results: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads).map(|_| scope.spawn(work)).collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    });
    // Put back in order: the text never depends on which thread printed what.
    let mut texts = vec![String::new(); parts.len()];
    for result in results {
        for (i, text) in result? {
            texts[i] = text;
        }
    }
    Ok(texts.concat())
}

/// A piece of the module emitted and printed on its own. Top-level items never share a
/// line, so the pieces printed one by one and joined are the whole module printed at once.
#[derive(Clone, Copy, Debug)]
enum Part {
    /// The namespace constants and the shared helpers.
    Prelude,
    /// A service's client.
    Client(usize),
    /// The fault enum of an operation (service, operation), if it declares faults.
    Faults(usize, usize),
    /// A type with its impls.
    Type(usize),
}

/// The module's parts in the order they are printed.
fn parts(resolved: &Resolved) -> Vec<Part> {
    let clients = (0..resolved.services.len()).map(Part::Client);
    let faults =
        resolved.services.iter().enumerate().flat_map(|(s, service)| {
            (0..service.operations.len()).map(move |o| Part::Faults(s, o))
        });
    let types = (0..resolved.types.len()).map(Part::Type);
    std::iter::once(Part::Prelude).chain(clients).chain(faults).chain(types).collect()
}

impl Ctx<'_> {
    /// The items of `part`, and the feature that gates them all (operation features).
    fn part(&self, part: Part) -> (TokenStream, Option<String>) {
        let resolved = self.resolved;
        match part {
            Part::Prelude => (prelude(self), None),
            Part::Client(s) => (client::emit_client(self, &resolved.services[s]), None),
            Part::Faults(s, o) => {
                let op = &resolved.services[s].operations[o];
                let feature =
                    self.operation_features.then(|| features::operation_feature(&op.method_name));
                (faults::emit_faults(self, op), feature)
            }
            Part::Type(i) => {
                let feature = self
                    .operation_features
                    .then(|| features::type_feature(resolved, crate::ir::TypeId(i as u32)));
                (types::emit_type(self, &resolved.types[i]), feature)
            }
        }
    }
}

/// The namespace constants and the helpers every client's operations share.
fn prelude(ctx: &Ctx) -> TokenStream {
    let consts = ctx.ns.emit_consts();
    let maybe_unused = ctx.maybe_unused();
    let rt = &ctx.rt;
    quote! {
        #[allow(unused_imports)]
        use #rt::{XmlRead as _, XmlValue as _, XmlWrite as _};
        #consts
        /// Fails unless the response holds the element `ns`/`local`.
        #maybe_unused
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
    }
}

/// Prints tokens as formatted Rust source, all at once ([`emit_source`] prints the same
/// bytes in slices).
pub fn format(tokens: TokenStream) -> Result<String, syn::Error> {
    let file: syn::File = syn::parse2(tokens)?;
    Ok(prettyplease::unparse(&file))
}
