//! The server side of each service (on request: `--server`): a trait with one async
//! method per operation (default: a "not implemented" fault), whose `router` serves it
//! with the runtime's `server::Router`; and a mock whose handlers are closures, for tests.

use heck::ToSnakeCase;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::Ctx;
use super::docs::doc_line;
use super::rust_type::{ident, value_type};
use crate::ir::Protocol;
use crate::resolve::{ROperation, RService};

/// The trait, its router and the mock of every service with SOAP operations, and the WSDL
/// the routers answer `?wsdl` with.
pub fn emit_servers(ctx: &Ctx, wsdl: &str) -> TokenStream {
    let servers: Vec<_> =
        ctx.resolved.services.iter().filter_map(|s| emit_server(ctx, s)).collect();
    if servers.is_empty() {
        return TokenStream::new();
    }
    // A raw string: the document reads as itself.
    let hashes = "#".repeat(wsdl.matches('"').count().min(1) + longest_hash_run(wsdl));
    let literal: proc_macro2::Literal =
        format!("r{hashes}\"{wsdl}\"{hashes}").parse().expect("a raw string literal");
    quote! {
        /// The WSDL 1.1 document describing these services (what `soapgen wsdl` writes),
        /// served at `?wsdl`.
        pub const WSDL: &str = #literal;
        #(#servers)*
    }
}

/// The longest run of `#` right after a `"` in `text`.
fn longest_hash_run(text: &str) -> usize {
    text.split('"')
        .skip(1)
        .map(|part| part.len() - part.trim_start_matches('#').len())
        .max()
        .unwrap_or(0)
}

/// Where a plain-XML operation is POSTed: its binding's path under the plain endpoint's.
fn xml_path(s: &RService, op: &ROperation) -> Option<String> {
    let binding = op.bindings.iter().find(|b| b.protocol == Protocol::PlainXml)?;
    let base = s
        .endpoints
        .iter()
        .find(|e| e.protocol == Protocol::PlainXml)
        .map(|e| url_path(&e.address))
        .unwrap_or_default();
    let path = binding.path.clone().unwrap_or_else(|| format!("/xml/reply/{}", op.name));
    Some(format!("{}{path}", base.trim_end_matches('/')))
}

fn emit_server(ctx: &Ctx, s: &RService) -> Option<TokenStream> {
    // HTTP GET/POST operations are the client's only: the router serves SOAP and plain XML.
    let (unserved, ops): (Vec<&ROperation>, Vec<&ROperation>) =
        s.operations.iter().partition(|op| op.bindings.iter().any(|b| b.protocol.is_form()));
    if ops.is_empty() {
        return None;
    }
    let unserved_doc = (!unserved.is_empty()).then(|| {
        let names: Vec<String> = unserved.iter().map(|op| format!("`{}`", op.name)).collect();
        let line = format!(
            " Not served: the HTTP GET/POST calls of {} (the router serves SOAP and plain XML).",
            names.join(", ")
        );
        quote!(#[doc = ""] #[doc = #line])
    });
    let rt = &ctx.rt;
    let stem = s.client_name.strip_suffix("Client").unwrap_or(&s.client_name);
    let server = format_ident!("{}Server", stem);
    let mock = format_ident!("{}Mock", stem);
    let path = s
        .endpoints
        .iter()
        .find(|e| e.protocol.is_soap())
        .or(s.endpoints.first())
        .map(|e| url_path(&e.address))
        .unwrap_or_default();

    // Header blocks an operation takes: a parameter each (`None` when the request has none).
    let header_params =
        |op: &ROperation| -> Vec<(proc_macro2::Ident, TokenStream, TokenStream, String)> {
            op.headers
                .iter()
                .map(|&i| {
                    let h = &s.headers[i];
                    (
                        ident(&h.field_name),
                        value_type(ctx, &h.ty),
                        ctx.ns.expr(&h.element.namespace),
                        h.element.local.clone(),
                    )
                })
                .collect()
        };
    let methods = ops.iter().map(|op| {
        let method = ident(&op.method_name);
        let input = value_type(ctx, &op.input.ty);
        let output = value_type(ctx, &op.output.ty);
        let name = &op.name;
        let params = header_params(op);
        let header_args = params.iter().map(|(f, ty, _, _)| quote!(#f: Option<#ty>,));
        let names: Vec<_> = params.iter().map(|(f, _, _, _)| quote!(#f)).collect();
        let unused = if names.is_empty() {
            quote!(let _ = request;)
        } else {
            quote!(let _ = (request, #(#names),*);)
        };
        let doc = format!(" `{name}`: answers a \"not implemented\" fault unless implemented.");
        let typed = op.faults.as_ref().map(|f| {
            let line = format!(
                " A declared fault is sent with `Err({}::…into())`.",
                f.enum_name
            );
            doc_line(&line)
        });
        quote! {
            #[doc = #doc]
            #typed
            fn #method(
                &self,
                request: #input,
                #(#header_args)*
            ) -> impl std::future::Future<Output = Result<#output, #rt::server::ServerFault>> + Send {
                async move {
                    #unused
                    Err(#rt::server::ServerFault::not_implemented(#name))
                }
            }
        }
    });
    let routes = ops.iter().map(|op| {
        let method = ident(&op.method_name);
        let name = &op.name;
        let (in_ns, in_local) = (ctx.ns.expr(&op.input.element.namespace), &op.input.element.local);
        let (out_ns, out_local) =
            (ctx.ns.expr(&op.output.element.namespace), &op.output.element.local);
        let params = header_params(op);
        let reads =
            params.iter().map(|(f, _, ns, local)| quote!(let #f = headers.get(#ns, #local);));
        let args: Vec<_> = params.iter().map(|(f, _, _, _)| quote!(#f?)).collect();
        let headers_param = if params.is_empty() { quote!(_) } else { quote!(headers) };
        let actions = op.bindings.iter().filter(|b| b.protocol.is_soap()).map(|b| {
            let v = if b.protocol == Protocol::Soap12 { quote!(Soap12) } else { quote!(Soap11) };
            match &b.action {
                Some(a) => quote!((#v, Some(#a))),
                None => quote!((#v, None)),
            }
        });
        let soap = op.bindings.iter().any(|b| b.protocol.is_soap());
        let (add, path_arg) = match xml_path(s, op) {
            Some(path) if !soap => (quote!(xml_operation), quote!(#path,)),
            _ => (quote!(operation), quote!()),
        };
        quote! {
            .#add(
                #path_arg
                #rt::server::Operation {
                    name: #name,
                    input: (#in_ns, #in_local),
                    output: (#out_ns, #out_local),
                    actions: &[#(#actions),*],
                },
                #rt::server::handler(&service, |service, request, #headers_param| {
                    #(#reads)*
                    async move { service.#method(request, #(#args),*).await }
                }),
            )
        }
    });
    let trait_doc = format!(
        " The server side of `{}`: implement the operations you serve, then serve \
         [`{server}::router`] (or start [`{mock}`] in a test).",
        s.name
    );
    let router_doc = format!(
        " A router for this service: POST on `{path}` (SOAP 1.1 or 1.2, by SOAPAction, \
         `action` or the body's element), and the WSDL at `GET {path}?wsdl`."
    );

    // A mock handler takes the request, or the request and its header blocks as a tuple.
    let mock_input = |op: &ROperation| -> TokenStream {
        let input = value_type(ctx, &op.input.ty);
        let params = header_params(op);
        if params.is_empty() {
            return input;
        }
        let tys = params.iter().map(|(_, ty, _, _)| quote!(Option<#ty>));
        quote!((#input, #(#tys),*))
    };
    let slots = ops.iter().map(|op| {
        let field = ident(&op.method_name);
        let input = mock_input(op);
        let output = value_type(ctx, &op.output.ty);
        quote!(#field: #rt::server::MockHandler<#input, #output>,)
    });
    let setters = ops.iter().map(|op| {
        let field = ident(&op.method_name);
        let on = format_ident!("on_{}", op.method_name.trim_start_matches("r#").to_snake_case());
        let input = mock_input(op);
        let output = value_type(ctx, &op.output.ty);
        let doc = format!(" Answers `{}` with `handler`.", op.name);
        quote! {
            #[doc = #doc]
            pub fn #on(
                mut self,
                handler: impl Fn(#input) -> Result<#output, #rt::server::ServerFault> + Send + Sync + 'static,
            ) -> Self {
                self.#field.set(handler);
                self
            }
        }
    });
    let mock_methods = ops.iter().map(|op| {
        let method = ident(&op.method_name);
        let input = value_type(ctx, &op.input.ty);
        let output = value_type(ctx, &op.output.ty);
        let name = &op.name;
        let params = header_params(op);
        let header_args = params.iter().map(|(f, ty, _, _)| quote!(#f: Option<#ty>,));
        let names: Vec<_> = params.iter().map(|(f, _, _, _)| quote!(#f)).collect();
        let given = if names.is_empty() { quote!(request) } else { quote!((request, #(#names),*)) };
        quote! {
            fn #method(
                &self,
                request: #input,
                #(#header_args)*
            ) -> impl std::future::Future<Output = Result<#output, #rt::server::ServerFault>> + Send {
                std::future::ready(self.#method.call(#name, #given))
            }
        }
    });
    let mock_doc = format!(
        " A test double of `{}`: set the handlers a test needs (`on_…`), `start` it on \
         127.0.0.1, point the client at [`MockServer::endpoint`]({rt}::server::MockServer::endpoint). \
         Operations without a handler answer a \"not implemented\" fault.",
        s.name,
        rt = "soapgen_runtime"
    );
    Some(quote! {
        #[doc = #trait_doc]
        #unserved_doc
        pub trait #server: Send + Sync + Sized + 'static {
            #(#methods)*

            #[doc = #router_doc]
            fn router(self) -> #rt::server::Router {
                let service = std::sync::Arc::new(self);
                #rt::server::Router::new(#path).wsdl(WSDL) #(#routes)*
            }
        }

        #[doc = #mock_doc]
        #[derive(Debug, Default)]
        pub struct #mock {
            #(#slots)*
        }

        impl #mock {
            #(#setters)*

            /// Serves these handlers on 127.0.0.1 until the returned server is dropped.
            pub fn start(self) -> #rt::server::MockServer {
                #rt::server::MockServer::start(self.router())
            }
        }

        impl #server for #mock {
            #(#mock_methods)*
        }
    })
}

/// The path of an endpoint URL (`/Service.asmx`), `/` when it has none.
fn url_path(address: &str) -> String {
    let rest = address.split_once("://").map_or(address, |(_, rest)| rest);
    let path = rest.find('/').map_or("/", |i| &rest[i..]);
    path.split(['?', '#']).next().unwrap_or("/").to_owned()
}
