//! Emit: the resolved model in, Rust tokens out. Never looks at XML documents.
//!
//! Unstable: public only for the repository's own tools (the CLI, tests, fuzz targets),
//! hidden from the crate's docs; not part of soapgen's API.

mod client;
mod directions;
mod docs;
mod faults;
mod features;
mod namespaces;
mod print;
mod read;
mod round_trip;
mod rust_type;
mod server;
mod types;
mod write;

use std::sync::atomic::{AtomicUsize, Ordering};

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Protocol;
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
    /// Both `XmlWrite` and `XmlRead` for every type. Off, a client's types get what it
    /// uses: writing for what it sends, reading for what it receives.
    pub both_directions: bool,
    /// The server side too: per SOAP service a trait with a method per operation, its
    /// router (runtime feature `server`) and a mock for tests. Implies `both_directions`.
    pub server: bool,
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
            both_directions: false,
            server: false,
        }
    }
}

/// Everything the item emitters share.
pub(crate) struct Ctx<'a> {
    pub resolved: &'a Resolved,
    /// `rt`: the module's alias of the runtime crate (`use ::soapgen_runtime as rt;`).
    pub rt: TokenStream,
    /// The runtime crate's path, as configured.
    pub runtime_path: TokenStream,
    pub ns: Namespaces,
    pub default_transport: DefaultTransport,
    pub operation_features: bool,
    pub directions: directions::Directions,
    pub server: bool,
}

impl<'a> Ctx<'a> {
    pub fn new(resolved: &'a Resolved, options: &EmitOptions) -> Self {
        Ctx {
            resolved,
            rt: quote!(rt),
            runtime_path: syn::parse_str::<syn::Path>(&options.runtime_path)
                .map(|p| quote!(#p))
                .unwrap_or_else(|_| quote!(::soapgen_runtime)),
            ns: Namespaces::collect(resolved),
            default_transport: options.default_transport,
            operation_features: options.operation_features,
            server: options.server,
            directions: if options.both_directions || options.server {
                directions::Directions::both(resolved)
            } else {
                directions::Directions::client(resolved)
            },
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
    emit_with_wsdl(resolved, options, "")
}

/// [`emit`], with the WSDL the servers (`EmitOptions::server`) answer `?wsdl` with.
pub fn emit_with_wsdl(resolved: &Resolved, options: &EmitOptions, wsdl: &str) -> TokenStream {
    let ctx = Ctx::new(resolved, options);
    let mut items = TokenStream::new();
    for part in parts(resolved, options) {
        items.extend(match ctx.part(part, wsdl) {
            (tokens, Some(feature)) => features::gate(tokens, &feature),
            (tokens, None) => tokens,
        });
    }
    items
}

/// The module's items as formatted source, byte for byte what [`format`] makes of
/// [`emit_with_wsdl`], in a fraction of the time and memory: each part is emitted, parsed
/// and printed on its own (never one syntax tree of the whole module), on every core.
pub fn emit_source(
    resolved: &Resolved,
    options: &EmitOptions,
    wsdl: &str,
) -> Result<String, syn::Error> {
    let parts = parts(resolved, options);
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
            let (tokens, feature) = ctx.part(part, wsdl);
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
    /// The runtime import and the namespace constants.
    Prelude,
    /// A service's client.
    Client(usize),
    /// The server side of every service, with the WSDL it serves (`EmitOptions::server`).
    Servers,
    /// The fault enum of an operation (service, operation), if it declares faults.
    Faults(usize, usize),
    /// A type with its impls.
    Type(usize),
}

/// The module's parts in the order they are printed.
fn parts(resolved: &Resolved, options: &EmitOptions) -> Vec<Part> {
    let clients = (0..resolved.services.len()).map(Part::Client);
    let servers = options.server.then_some(Part::Servers);
    let faults =
        resolved.services.iter().enumerate().flat_map(|(s, service)| {
            (0..service.operations.len()).map(move |o| Part::Faults(s, o))
        });
    let types = (0..resolved.types.len()).map(Part::Type);
    std::iter::once(Part::Prelude)
        .chain(clients)
        .chain(servers)
        .chain(faults)
        .chain(types)
        .collect()
}

impl Ctx<'_> {
    /// The items of `part`, and the feature that gates them all (operation features).
    fn part(&self, part: Part, wsdl: &str) -> (TokenStream, Option<String>) {
        let resolved = self.resolved;
        match part {
            Part::Prelude => (prelude(self), None),
            Part::Client(s) => (client::emit_client(self, &resolved.services[s]), None),
            Part::Servers => (server::emit_servers(self, wsdl), None),
            Part::Faults(s, o) => {
                let op = &resolved.services[s].operations[o];
                let feature =
                    self.operation_features.then(|| features::operation_feature(&op.method_name));
                (faults::emit_faults(self, op), feature)
            }
            Part::Type(i) => {
                let id = crate::ir::TypeId(i as u32);
                let feature = self.operation_features.then(|| features::type_feature(resolved, id));
                (types::emit_type(self, id, &resolved.types[i]), feature)
            }
        }
    }
}

/// The runtime's alias and the traits its methods come from, the SOAP versions the clients
/// name, and the namespace constants.
fn prelude(ctx: &Ctx) -> TokenStream {
    let consts = ctx.ns.emit_consts();
    let runtime = &ctx.runtime_path;
    // The SOAP versions the clients name, imported by their short names.
    let protocols: std::collections::BTreeSet<_> =
        ctx.resolved.services.iter().flat_map(|s| &s.protocols).collect();
    let versions: Vec<_> = [(Protocol::Soap11, quote!(Soap11)), (Protocol::Soap12, quote!(Soap12))]
        .into_iter()
        .filter(|(p, _)| protocols.contains(p))
        .map(|(_, v)| v)
        .collect();
    let versions = (!versions.is_empty()).then(|| {
        let allow = ctx.operation_features.then(|| quote!(#[allow(unused_imports)]));
        quote! {
            #allow
            use rt::SoapVersion::{#(#versions),*};
        }
    });
    quote! {
        use #runtime as rt;
        #[allow(unused_imports)]
        use rt::{XmlRead as _, XmlValue as _, XmlWrite as _};
        #versions
        #consts
    }
}

/// Prints tokens as formatted Rust source, all at once ([`emit_source`] prints the same
/// bytes in slices).
pub fn format(tokens: TokenStream) -> Result<String, syn::Error> {
    let file: syn::File = syn::parse2(tokens)?;
    Ok(prettyplease::unparse(&file))
}
