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
mod read;
mod round_trip;
mod rust_type;
mod server;
mod types;
mod write;

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
    let types = resolved.types.iter().enumerate().map(|(i, t)| {
        let items = types::emit_type(&ctx, crate::ir::TypeId(i as u32), t);
        if ctx.operation_features {
            features::gate(items, &features::type_feature(resolved, crate::ir::TypeId(i as u32)))
        } else {
            items
        }
    });
    let clients = resolved.services.iter().map(|s| client::emit_client(&ctx, s));
    let faults = resolved.services.iter().flat_map(|s| &s.operations).map(|op| {
        let items = faults::emit_faults(&ctx, op);
        if ctx.operation_features {
            features::gate(items, &features::operation_feature(&op.method_name))
        } else {
            items
        }
    });
    let consts = ctx.ns.emit_consts();
    let runtime = &ctx.runtime_path;
    // The SOAP versions the clients name, imported by their short names.
    let protocols: std::collections::BTreeSet<_> =
        resolved.services.iter().flat_map(|s| &s.protocols).collect();
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
    let servers = ctx.server.then(|| server::emit_servers(&ctx, wsdl));
    quote! {
        use #runtime as rt;
        #[allow(unused_imports)]
        use rt::{XmlRead as _, XmlValue as _, XmlWrite as _};
        #versions
        #consts
        #(#clients)*
        #servers
        #(#faults)*
        #(#types)*
    }
}

/// Prints tokens as formatted Rust source.
pub fn format(tokens: TokenStream) -> Result<String, syn::Error> {
    let file: syn::File = syn::parse2(tokens)?;
    Ok(prettyplease::unparse(&file))
}
