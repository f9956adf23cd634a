//! One client struct per service: configuration, a pure request builder and response
//! parser per operation, and the call that joins them over a transport.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, doc_line};
use super::rust_type::{Shape, ident, is_text_value, shape, value_type};
use super::{Ctx, DefaultTransport};
use crate::ir::{Message, Protocol, TypeRef};
use crate::resolve::{ROperation, RService, RTypeKind};

pub fn emit_client(ctx: &Ctx, s: &RService) -> TokenStream {
    let rt = &ctx.rt;
    let name = ident(&s.client_name);
    let soap: Vec<Protocol> = s.protocols.iter().copied().filter(|p| p.is_soap()).collect();
    let switchable = soap.len() > 1;

    let mut docs = doc_line(&format!("Client for the `{}` service.", s.name));
    if !s.docs.is_empty() {
        docs.extend(doc_line(""));
        docs.extend(doc_attrs(&s.docs));
    }
    // Once per client rather than per operation: big services have thousands.
    if let Some(op) = s.operations.first() {
        docs.extend(doc_line(""));
        docs.extend(doc_line(&format!(
            "Each operation is a request builder and a response parser joined by the \
             transport; the parsers need no client: `{}::{}(&response)`.",
            s.client_name,
            op.parse_name.trim_start_matches("r#")
        )));
        docs.extend(doc_line(
            "An operation's method returns a `Result` over a blocking transport, a future of \
             one over an async transport.",
        ));
    }

    // With operation features, a header of a type no enabled operation reaches goes too.
    let header_fields = s.headers.iter().map(|h| {
        let f = ident(&h.field_name);
        let ty = value_type(ctx, &h.ty);
        let cfg = ctx.type_cfg(&h.ty);
        quote!(#cfg #f: Option<#ty>,)
    });
    let header_inits = s.headers.iter().map(|h| {
        let f = ident(&h.field_name);
        let cfg = ctx.type_cfg(&h.ty);
        quote!(#cfg #f: None,)
    });
    let header_setters = s.headers.iter().map(|h| {
        let cfg = ctx.type_cfg(&h.ty);
        let f = ident(&h.field_name);
        let ty = value_type(ctx, &h.ty);
        let with = ident(&format!("with_{}", h.field_name.trim_start_matches("r#")));
        let set = ident(&format!("set_{}", h.field_name.trim_start_matches("r#")));
        let docs = doc_attrs(&h.docs);
        let what = format!(
            " Sends the `{}` SOAP header with every operation that takes it.",
            h.element.local
        );
        quote! {
            #docs
            #[doc = #what]
            #cfg
            pub fn #with(mut self, header: #ty) -> Self {
                self.#f = Some(header);
                self
            }

            #[doc = #what]
            #cfg
            pub fn #set(&mut self, header: Option<#ty>) {
                self.#f = header;
            }
        }
    });

    // WS-Security, WS-Addressing and MTOM ride in the SOAP message, so only SOAP clients
    // offer them; the runtime's SoapOptions holds them.
    let has_soap = !soap.is_empty();
    let security_field = has_soap.then(|| quote!(soap: #rt::SoapOptions,));
    let security_init = has_soap.then(|| {
        if s.addressing {
            quote!(soap: #rt::SoapOptions::default().with_addressing(true),)
        } else {
            quote!(soap: #rt::SoapOptions::default(),)
        }
    });
    let addressing_doc = if s.addressing {
        " Sends WS-Addressing headers with every call (on: the description declares WS-Addressing)."
    } else {
        " Sends WS-Addressing headers with every call (off: the description does not declare it)."
    };
    let security_api = has_soap.then(|| {
        quote! {
            /// Sends a WS-Security `UsernameToken` header with every call (a fresh nonce and
            /// time for each when it carries a password digest).
            pub fn with_ws_security(mut self, token: #rt::wssecurity::UsernameToken) -> Self {
                self.soap.set_ws_security(Some(token));
                self
            }

            /// Sets or clears the WS-Security `UsernameToken` header sent with every call.
            pub fn set_ws_security(&mut self, token: Option<#rt::wssecurity::UsernameToken>) {
                self.soap.set_ws_security(token);
            }

            #[doc = #addressing_doc]
            pub fn with_addressing(mut self, yes: bool) -> Self {
                self.soap.set_addressing(yes);
                self
            }

            /// Sends `base64Binary` contents as MTOM/XOP attachments and asks for MTOM replies
            /// (MTOM replies are read either way).
            pub fn with_mtom(mut self, yes: bool) -> Self {
                self.soap.set_mtom(yes);
                self
            }

            /// The SOAP settings: WS-Security, WS-Addressing, MTOM.
            pub fn soap_options_mut(&mut self) -> &mut #rt::SoapOptions {
                &mut self.soap
            }
        }
    });

    // One envelope writer per client keeps each operation's request builder to a call.
    let maybe_unused = ctx.maybe_unused();
    let soap_request = has_soap.then(|| {
        let writes = s.headers.iter().enumerate().map(|(i, h)| {
            let f = ident(&h.field_name);
            let m = Message { element: h.element.clone(), ty: h.ty.clone() };
            let write = write_message(ctx, &m, quote!(header));
            let i = proc_macro2::Literal::usize_unsuffixed(i);
            let cfg = ctx.type_cfg(&h.ty);
            quote! {
                #cfg
                if let (true, Some(header)) = (headers.contains(&#i), &self.#f) {
                    #write
                }
            }
        });
        // With operation features every write may be compiled out.
        let which = if s.headers.is_empty() || ctx.operation_features {
            quote!(let _ = (headers, &w); #(#writes)*)
        } else {
            quote!(#(#writes)*)
        };
        // Never reached (every SOAP operation offers a version): the client's own.
        let fallback = version_tokens(soap[0]);
        let first = quote! {
            offered.first().copied().unwrap_or((#fallback, None))
        };
        let choose = if switchable {
            quote!(offered.iter().copied().find(|(v, _)| *v == self.version).unwrap_or_else(|| #first))
        } else {
            first
        };
        // Most operations state no wsa:Action: they call the three-argument form, which
        // keeps their request builders on one line.
        let addressed = s.operations.iter().any(|op| op.addressing_action.is_some());
        let (name, addressing_param, addressing_arg) = if addressed {
            (quote!(addressed_request), quote!(addressing_action: Option<&str>,), quote!(addressing_action))
        } else {
            (quote!(soap_request), quote!(), quote!(None))
        };
        let unaddressed = s.operations.iter().any(|op| op.addressing_action.is_none());
        let plain_form = (addressed && unaddressed).then(|| {
            quote! {
                /// [`Self::addressed_request`] for an operation that states no `wsa:Action`.
                #maybe_unused
                fn soap_request(
                    &self,
                    offered: &[(#rt::SoapVersion, Option<&str>)],
                    headers: &[usize],
                    body: (&str, &str, &dyn #rt::XmlWrite),
                ) -> #rt::Result<#rt::HttpRequest> {
                    self.addressed_request(offered, headers, None, body)
                }
            }
        });
        quote! {
            /// The HTTP request of one call: the SOAP version (the client's where the
            /// operation offers it, else the operation's first) with its action, the envelope
            /// with the SOAP settings' headers and the header blocks `headers` names
            /// (indexes), then `body`.
            #maybe_unused
            fn #name(
                &self,
                offered: &[(#rt::SoapVersion, Option<&str>)],
                headers: &[usize],
                #addressing_param
                (ns, local, body): (&str, &str, &dyn #rt::XmlWrite),
            ) -> #rt::Result<#rt::HttpRequest> {
                let (version, action) = #choose;
                let header = |w: &mut #rt::XmlWriter| {
                    #which
                };
                let body = |w: &mut #rt::XmlWriter| body.write_xml(w, ns, local);
                #rt::soap::soap_call(self.endpoint(), version, action, #addressing_arg, &self.soap, &header, &body)
            }
            #plain_form
        }
    });

    let has_plain =
        s.operations.iter().any(|op| op.bindings.iter().any(|b| b.protocol == Protocol::PlainXml));
    let xml_request = has_plain.then(|| {
        quote! {
            /// The HTTP request of one plain-XML call: `body` as the document, posted to
            /// `path` under the endpoint.
            #maybe_unused
            fn xml_request(
                &self,
                path: &str,
                (ns, local, body): (&str, &str, &dyn #rt::XmlWrite),
            ) -> #rt::Result<#rt::HttpRequest> {
                let document = #rt::soap::write_document(&|w: &mut #rt::XmlWriter| body.write_xml(w, ns, local))?;
                let url = format!("{}{}", self.endpoint().trim_end_matches('/'), path);
                Ok(#rt::transport::xml_request(&url, document))
            }
        }
    });

    let has_form = s.protocols.iter().any(|p| p.is_form());
    let form_request = has_form.then(|| {
        quote! {
            /// The HTTP request of one HTTP GET/POST call: `form` as the query string (GET)
            /// or the form-encoded body (POST) of `path` under the endpoint.
            #maybe_unused
            fn form_request(
                &self,
                method: #rt::transport::Method,
                path: &str,
                form: &#rt::transport::Form,
            ) -> #rt::HttpRequest {
                let url = format!("{}{}", self.endpoint().trim_end_matches('/'), path);
                #rt::transport::form_request(&url, method, form)
            }
        }
    });

    // Without SOAP, the endpoint of the service's first protocol.
    let default_protocol =
        soap.first().copied().or(s.protocols.first().copied()).unwrap_or(Protocol::PlainXml);
    let version_field = switchable.then(|| quote!(version: #rt::SoapVersion,));
    let version_init = switchable.then(|| {
        let v = version_tokens(default_protocol);
        quote!(version: #v,)
    });
    let version_api = switchable.then(|| {
        quote! {
            /// Chooses SOAP 1.1 or 1.2; the endpoint follows unless it was set explicitly.
            pub fn with_soap_version(mut self, version: #rt::SoapVersion) -> Self {
                self.version = version;
                self
            }

            /// The SOAP version requests are sent with.
            pub fn soap_version(&self) -> #rt::SoapVersion {
                self.version
            }
        }
    });
    let default_endpoint = endpoint_for(s, default_protocol);
    let endpoint_expr = if switchable {
        let arms = soap.iter().map(|p| {
            let v = version_tokens(*p);
            let url = endpoint_for(s, *p);
            quote!(#v => #url,)
        });
        quote!(match self.version { #(#arms)* })
    } else {
        quote!(#default_endpoint)
    };
    let endpoint_doc = if !default_protocol.is_soap() {
        " The base URL the operations' paths are appended to."
    } else {
        " The URL requests are posted to."
    };

    let (builds, mut parses): (Vec<_>, Vec<_>) =
        s.operations.iter().map(|op| emit_operation(ctx, op)).unzip();
    let mut calls: Vec<_> = s.operations.iter().map(|op| emit_call(ctx, &name, op)).collect();
    let mut header_types = Vec::new();
    for (op, headers) in
        s.operations.iter().filter_map(|op| Some((op, op.response_headers.as_ref()?)))
    {
        let (ty, parse, call) = emit_response_headers(ctx, &name, op, headers);
        header_types.push(ty);
        parses.push(parse);
        calls.push(call);
    }

    let debug_label = &s.client_name;
    let (transport, new_doc) = match ctx.default_transport {
        DefaultTransport::Blocking => (
            quote!(#rt::HttpTransport),
            " A client for the default endpoint over the blocking HTTP transport.",
        ),
        DefaultTransport::Async => (
            quote!(#rt::AsyncHttpTransport),
            " A client for the default endpoint over the async HTTP transport (tokio).",
        ),
    };
    quote! {
        #docs
        #[derive(Clone)]
        pub struct #name<T = #transport> {
            transport: T,
            endpoint: Option<String>,
            #version_field
            #security_field
            #(#header_fields)*
        }

        // The response parsers need no transport: on the plain name, so that
        // `Client::parse_x(&response)` is callable as written (a type parameter's default
        // does not apply in expression paths).
        impl #name {
            #[doc = #new_doc]
            pub fn new() -> Self {
                Self::with_transport(#transport::new())
            }

            #(#parses)*
        }

        impl std::default::Default for #name {
            fn default() -> Self {
                Self::new()
            }
        }

        // Headers may carry credentials: Debug shows only where requests go.
        impl<T> std::fmt::Debug for #name<T> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#debug_label).field("endpoint", &self.endpoint()).finish_non_exhaustive()
            }
        }

        impl<T> #name<T> {
            /// The endpoint the service's description names.
            pub const DEFAULT_ENDPOINT: &'static str = #default_endpoint;

            /// A client that sends its requests through `transport`.
            pub fn with_transport(transport: T) -> Self {
                Self {
                    transport,
                    endpoint: None,
                    #version_init
                    #security_init
                    #(#header_inits)*
                }
            }

            /// Sends requests to `url` instead of the default endpoint.
            pub fn with_endpoint(mut self, url: impl std::convert::Into<String>) -> Self {
                self.endpoint = Some(url.into());
                self
            }

            /// Sends requests to `url` instead of the default endpoint.
            pub fn set_endpoint(&mut self, url: impl std::convert::Into<String>) {
                self.endpoint = Some(url.into());
            }

            #[doc = #endpoint_doc]
            pub fn endpoint(&self) -> &str {
                match &self.endpoint {
                    Some(url) => url,
                    None => #endpoint_expr,
                }
            }

            /// The transport requests go through.
            pub fn transport(&self) -> &T {
                &self.transport
            }

            #version_api
            #security_api
            #(#header_setters)*
            #soap_request
            #xml_request
            #form_request
            #(#builds)*
        }

        impl<T: #rt::Transport> #name<T> {
            #(#calls)*
        }

        #(#header_types)*
    }
}

/// For an operation whose response declares SOAP headers: the struct holding them (with its
/// reader), `parse_x_with_headers` and `x_with_headers`.
fn emit_response_headers(
    ctx: &Ctx,
    client: &proc_macro2::Ident,
    op: &ROperation,
    headers: &crate::resolve::RResponseHeaders,
) -> (TokenStream, TokenStream, TokenStream) {
    let rt = &ctx.rt;
    let struct_name = ident(&headers.struct_name);
    let cfg = ctx.operation_cfg(&op.method_name);
    let fields = headers.blocks.iter().map(|b| {
        let f = ident(&b.field_name);
        let ty = value_type(ctx, &b.ty);
        let mut docs = doc_attrs(&b.docs);
        docs.extend(doc_line(&format!(
            "Header block `{}`, when the response carries it.",
            b.element.local
        )));
        quote!(#docs pub #f: Option<#ty>,)
    });
    let arms = headers.blocks.iter().map(|b| {
        let f = ident(&b.field_name);
        let ns = ctx.ns.expr(&b.element.namespace);
        let local = &b.element.local;
        quote!((#local, ns) if ns == #ns => r.nillable_into(&mut self.#f)?,)
    });
    let doc = format!(" The SOAP header blocks the response of `{}` may carry.", op.name);
    let ty = quote! {
        #[doc = #doc]
        #cfg
        #[derive(Clone, PartialEq, Debug, Default)]
        pub struct #struct_name {
            #(#fields)*
        }

        #cfg
        impl #rt::soap::ReadHeaders for #struct_name {
            fn read_header(&mut self, r: &mut #rt::XmlReader<'_>, tag: #rt::StartTag<'_>) -> Result<bool, #rt::XmlError> {
                match (tag.local, tag.ns) {
                    #(#arms)*
                    _ => return Ok(false),
                }
                Ok(true)
            }
        }
    };
    let parse = ident(&headers.parse_name);
    let method = ident(&headers.method_name);
    let build = ident(&op.build_name);
    let output = message_type(ctx, &op.output);
    let out_ns = ctx.ns.expr(&op.output.element.namespace);
    let out_local = &op.output.element.local;
    let parse_doc =
        format!(" Reads the HTTP response of `{}` and its SOAP header blocks.", op.name);
    let parse_fn = quote! {
        #[doc = #parse_doc]
        #cfg
        pub fn #parse(response: &#rt::HttpResponse) -> #rt::Result<(#output, #struct_name)> {
            #rt::transport::read_soap_response_with_headers(response, #out_ns, #out_local)
        }
    };
    let call_doc = format!(" `{}`, with the SOAP header blocks of its response.", op.name);
    let name = &op.name;
    let input = message_type(ctx, &op.input);
    let call = quote! {
        #[doc = #call_doc]
        #cfg
        pub fn #method(&self, request: &#input) -> T::Output<(#output, #struct_name)> {
            self.transport.call(#name, self.#build(request), #client::#parse)
        }
    };
    (ty, parse_fn, call)
}

/// `Soap11` / `Soap12`: the module imports `rt::SoapVersion`'s variants.
fn version_tokens(p: Protocol) -> TokenStream {
    match p {
        Protocol::Soap12 => quote!(Soap12),
        _ => quote!(Soap11),
    }
}

fn endpoint_for(s: &RService, p: Protocol) -> String {
    s.endpoints
        .iter()
        .find(|e| e.protocol == p)
        .or(s.endpoints.first())
        .map(|e| e.address.clone())
        .unwrap_or_default()
}

fn message_type(ctx: &Ctx, m: &Message) -> TokenStream {
    value_type(ctx, &m.ty)
}

/// Statements writing the message `value` as its element.
fn write_message(ctx: &Ctx, m: &Message, value: TokenStream) -> TokenStream {
    let ns = ctx.ns.expr(&m.element.namespace);
    let local = &m.element.local;
    quote!(#value.write_xml(w, #ns, #local);)
}

/// The operation's request builder (a method: it needs the client's endpoint and headers)
/// and its response parser (an associated function of the plain client name).
fn emit_operation(ctx: &Ctx, op: &ROperation) -> (TokenStream, TokenStream) {
    let rt = &ctx.rt;
    let build = ident(&op.build_name);
    let parse = ident(&op.parse_name);
    let input = message_type(ctx, &op.input);
    let output = message_type(ctx, &op.output);
    let in_ns = ctx.ns.expr(&op.input.element.namespace);
    let in_local = &op.input.element.local;
    let body = quote!((#in_ns, #in_local, request));
    let build_doc = format!(" Builds the HTTP request of `{}` without sending it.", op.name);
    let parse_doc = format!(" Reads the HTTP response of `{}`.", op.name);
    let plain = op.bindings.iter().find(|b| b.protocol == Protocol::PlainXml);
    // After `http_methods::select` an HTTP operation has its one binding; a model that did
    // not go through it keeps SOAP where SOAP is offered.
    let form = op
        .bindings
        .iter()
        .find(|b| b.protocol.is_form())
        .filter(|_| op.bindings.iter().all(|b| b.protocol.is_form()));
    let (build_body, reader) = if let Some(binding) = form {
        (form_build(ctx, op, binding), quote!(#rt::transport::read_xml_response))
    } else if let Some(binding) = plain {
        let path = binding.path.clone().unwrap_or_else(|| format!("/xml/reply/{}", op.name));
        (quote!(self.xml_request(#path, #body)), quote!(#rt::transport::read_xml_response))
    } else {
        let headers = op.headers.iter().map(|&i| proc_macro2::Literal::usize_unsuffixed(i));
        let offered = op.bindings.iter().filter(|b| b.protocol.is_soap()).map(|b| {
            let v = version_tokens(b.protocol);
            match b.action.as_deref() {
                Some(a) => quote!((#v, Some(#a))),
                None => quote!((#v, None)),
            }
        });

        // rpc/encoded: what the request holds says its xsi:type.
        let encoded = op.bindings.iter().any(|b| b.style == crate::ir::BindingStyle::RpcEncoded);
        let body = if encoded {
            quote!((#in_ns, #in_local, &#rt::soap::Encoded(request)))
        } else {
            body.clone()
        };
        (
            match &op.addressing_action {
                Some(a) => {
                    quote!(self.addressed_request(&[#(#offered),*], &[#(#headers),*], Some(#a), #body))
                }
                None => quote!(self.soap_request(&[#(#offered),*], &[#(#headers),*], #body)),
            },
            // Only SOAP-encoded responses carry multi-references: literal ones skip the look.
            if encoded {
                quote!(#rt::transport::read_encoded_soap_response)
            } else {
                quote!(#rt::transport::read_soap_response)
            },
        )
    };
    let out_ns = ctx.ns.expr(&op.output.element.namespace);
    let out_local = &op.output.element.local;
    let cfg = ctx.operation_cfg(&op.method_name);
    let build = quote! {
        #[doc = #build_doc]
        #cfg
        pub fn #build(&self, request: &#input) -> #rt::Result<#rt::HttpRequest> {
            #build_body
        }
    };
    let parse = quote! {
        #[doc = #parse_doc]
        #cfg
        pub fn #parse(response: &#rt::HttpResponse) -> #rt::Result<#output> {
            #reader(response, #out_ns, #out_local)
        }
    };
    (build, parse)
}

/// One line on how `op` goes on the wire: "`X`: SOAP 1.1 and 1.2, action `a`."
fn binding_summary(op: &ROperation) -> String {
    let soap = |p: Protocol| if p == Protocol::Soap11 { "SOAP 1.1" } else { "SOAP 1.2" };
    let inferred = op.bindings.iter().any(|b| b.action_inferred);
    let mut parts: Vec<String> = Vec::new();
    let soap_bindings: Vec<_> = op.bindings.iter().filter(|b| b.protocol.is_soap()).collect();
    let same_action = soap_bindings.windows(2).all(|w| w[0].action == w[1].action);
    if !soap_bindings.is_empty() && same_action {
        let versions: Vec<_> = soap_bindings.iter().map(|b| soap(b.protocol)).collect();
        let versions = versions.join(" and ").replacen(" and SOAP ", " and ", 1);
        parts.push(match &soap_bindings[0].action {
            Some(a) => format!("{versions}, action `{a}`"),
            None => format!("{versions}, no action"),
        });
    } else {
        for b in &soap_bindings {
            parts.push(match &b.action {
                Some(a) => format!("{} action `{a}`", soap(b.protocol)),
                None => format!("{} without an action", soap(b.protocol)),
            });
        }
    }
    for b in &op.bindings {
        let path = b.path.as_deref().unwrap_or("");
        match b.protocol {
            Protocol::PlainXml => parts.push(format!("POST `{path}` (plain XML)")),
            Protocol::HttpGet => {
                parts.push(format!("HTTP GET `{path}` with the parameters in the query string"))
            }
            Protocol::HttpPost => parts.push(format!("HTTP POST `{path}` form-encoded")),
            Protocol::Soap11 | Protocol::Soap12 => {}
        }
    }
    let note = if inferred { " (action inferred: the page did not state it)" } else { "" };
    format!("`{}`: {}{note}.", op.name, parts.join("; "))
}

fn emit_call(ctx: &Ctx, client: &proc_macro2::Ident, op: &ROperation) -> TokenStream {
    let method = ident(&op.method_name);
    let build = ident(&op.build_name);
    let parse = ident(&op.parse_name);
    let input = message_type(ctx, &op.input);
    let output = message_type(ctx, &op.output);
    let mut docs = doc_attrs(&op.docs);
    if !op.docs.is_empty() {
        docs.extend(doc_line(""));
    }
    docs.extend(doc_line(&binding_summary(op)));
    let name = &op.name;
    let cfg = ctx.operation_cfg(&op.method_name);
    quote! {
        #docs
        #cfg
        pub fn #method(&self, request: &#input) -> T::Output<#output> {
            self.transport.call(#name, self.#build(request), #client::#parse)
        }
    }
}

/// An HTTP GET/POST request builder's body: each simple field of the request as
/// `name=value` (an absent optional one left out, a list repeating its name).
fn form_build(ctx: &Ctx, op: &ROperation, binding: &crate::ir::OperationBinding) -> TokenStream {
    let rt = &ctx.rt;
    let method = if binding.protocol == Protocol::HttpGet { quote!(Get) } else { quote!(Post) };
    let path = binding.path.clone().unwrap_or_else(|| format!("/{}", op.name));
    let fields = match &op.input.ty {
        TypeRef::Named(id) => match &ctx.resolved.ty(*id).kind {
            RTypeKind::Struct(s) => s.fields.as_slice(),
            _ => &[],
        },
        _ => &[],
    };
    let pushes: Vec<TokenStream> = fields
        .iter()
        .filter(|f| is_text_value(ctx, &f.ty))
        .map(|f| {
            let field = ident(&f.rust_name);
            let name = &f.wire.local;
            match shape(&f.ty, f.occurs, f.nillable) {
                Shape::Plain => quote!(form.push(#name, &request.#field);),
                Shape::Option => quote!(form.push_opt(#name, request.#field.as_ref());),
                Shape::Vec => quote!(form.push_all(#name, &request.#field);),
            }
        })
        .collect();
    let (declare, unused) = if pushes.is_empty() {
        (quote!(let form = #rt::transport::Form::new();), quote!(let _ = request;))
    } else {
        (quote!(let mut form = #rt::transport::Form::new();), quote!())
    };
    quote! {
        #unused
        #declare
        #(#pushes)*
        Ok(self.form_request(#rt::transport::Method::#method, #path, &form))
    }
}
