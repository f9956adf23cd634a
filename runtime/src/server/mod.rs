//! The server side of a generated contract (feature `server`): a [`Router`] that reads SOAP
//! requests of either version, dispatches them to typed handlers by the body's element
//! (and the action where elements are shared), and writes the reply or a fault in the
//! request's version; plus [`serve`](Router::serve) on hyper and a [`MockServer`] for tests.
//!
//! Generated code builds the router from a service trait; the dispatch itself
//! ([`Router::handle`]) is plain data in, plain data out, so it is tested and fuzzed without
//! sockets. Requests meet the same limits and refusals as responses do in the client
//! (DOCTYPEs refused, depth, size); a malformed request is a Client/Sender fault, never a
//! panic.

mod fault;
mod http;

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

pub use fault::ServerFault;
pub use http::MockServer;

use crate::soap::SoapVersion;
use crate::transport::media_type::{essence, parameter};
use crate::xml::{RawXml, StartTag, XmlError, XmlRead, XmlReader, XmlWrite, XmlWriter};

/// Largest request body read (64 MiB), as the client's response limit.
pub const MAX_BODY: usize = 64 * 1024 * 1024;

/// One operation as the router sees it: its name, the element its request body holds and
/// the element of its reply, and the actions each SOAP version calls it with.
#[derive(Clone, Copy, Debug)]
pub struct Operation {
    /// The operation's name (for "not implemented" faults and logs).
    pub name: &'static str,
    /// The request element (namespace, local name).
    pub input: (&'static str, &'static str),
    /// The response element (namespace, local name).
    pub output: (&'static str, &'static str),
    /// `SOAPAction` / `action` per version, where the documents give one.
    pub actions: &'static [(SoapVersion, Option<&'static str>)],
}

/// An HTTP request as the router needs it.
#[derive(Clone, Debug, Default)]
pub struct ServerRequest {
    /// `GET`, `POST`, ….
    pub method: String,
    /// The path, without the query.
    pub path: String,
    /// The query string, without `?` (empty when none).
    pub query: String,
    /// Header names (lower case) and values.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl ServerRequest {
    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// The router's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerResponse {
    /// HTTP status.
    pub status: u16,
    /// Content-Type.
    pub content_type: String,
    /// Body.
    pub body: String,
}

impl ServerResponse {
    fn text(status: u16, body: impl Into<String>) -> Self {
        ServerResponse {
            status,
            content_type: "text/plain; charset=utf-8".into(),
            body: body.into(),
        }
    }
}

type Reply = Pin<Box<dyn Future<Output = Result<Box<dyn XmlWrite + Send>, ServerFault>> + Send>>;
type Handler = Box<dyn Fn(&mut XmlReader<'_>, &Headers) -> Result<Reply, XmlError> + Send + Sync>;

/// The header blocks of a request (`soap:Header`'s children), each kept whole until a
/// handler asks for one by name and type.
#[derive(Clone, Debug, Default)]
pub struct Headers {
    blocks: Vec<(String, String, RawXml)>,
}

impl Headers {
    /// The header block `local` in `ns` read as `T`; `None` when the request has none; a
    /// Client/Sender fault when it does not read as `T`.
    pub fn get<T: XmlRead>(&self, ns: &str, local: &str) -> Result<Option<T>, ServerFault> {
        let Some((_, _, raw)) = self.blocks.iter().find(|(n, l, _)| n == ns && l == local) else {
            return Ok(None);
        };
        let bad = |e: XmlError| ServerFault::client(format!("header {local}: {e}"));
        // The block with the namespaces around it, inside a wrapper, read like any element.
        let mut w = XmlWriter::new();
        raw.write_element(&mut w, "", "headers");
        let xml = w.finish().map_err(bad)?;
        let mut r = XmlReader::new(&xml);
        r.next_child().map_err(bad)?;
        r.next_child().map_err(bad)?;
        T::read_xml(&mut r).map(Some).map_err(bad)
    }

    /// The names (namespace, local name) of the blocks, in order.
    pub fn names(&self) -> impl Iterator<Item = (&str, &str)> {
        self.blocks.iter().map(|(ns, local, _)| (ns.as_str(), local.as_str()))
    }
}

struct Route {
    operation: Operation,
    handler: Handler,
    /// A plain-XML (ServiceStack) operation's path under the router's: POSTed documents
    /// there are its requests.
    xml_path: Option<&'static str>,
}

/// Dispatches SOAP requests to typed handlers; see the module docs.
#[derive(Clone)]
pub struct Router {
    inner: Arc<Inner>,
}

struct Inner {
    path: String,
    wsdl: Option<String>,
    routes: Vec<Route>,
}

impl std::fmt::Debug for Router {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<_> = self.inner.routes.iter().map(|r| r.operation.name).collect();
        f.debug_struct("Router")
            .field("path", &self.inner.path)
            .field("operations", &names)
            .finish()
    }
}

impl Router {
    /// A router answering POSTs on `path` (`/` or `""`: any path).
    pub fn new(path: &str) -> Self {
        Router { inner: Arc::new(Inner { path: path.into(), wsdl: None, routes: Vec::new() }) }
    }

    fn inner_mut(&mut self) -> &mut Inner {
        Arc::get_mut(&mut self.inner).expect("a router is configured before it is shared")
    }

    /// Answers `GET …?wsdl` with this document.
    pub fn wsdl(mut self, document: impl Into<String>) -> Self {
        self.inner_mut().wsdl = Some(document.into());
        self
    }

    /// Adds `operation`, handled by `handler`: the request is read as `Req`, the reply
    /// written as `Resp`; an `Err` is sent as a SOAP fault (HTTP 500).
    /// The handler also gets the request's header blocks.
    pub fn operation<Req, Resp, F, Fut>(self, operation: Operation, handler: F) -> Self
    where
        Req: XmlRead + Send + 'static,
        Resp: XmlWrite + Send + 'static,
        F: Fn(Req, &Headers) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<Resp, ServerFault>> + Send + 'static,
    {
        self.add(operation, None, handler)
    }

    /// Adds a plain-XML (ServiceStack) operation answering POSTs of its request document at
    /// the absolute `path` (`/xml/reply/CreateShipment`) with its response document; a
    /// fault is HTTP 400 (the client's) or 500 with a `ResponseStatus`.
    pub fn xml_operation<Req, Resp, F, Fut>(
        self,
        path: &'static str,
        operation: Operation,
        handler: F,
    ) -> Self
    where
        Req: XmlRead + Send + 'static,
        Resp: XmlWrite + Send + 'static,
        F: Fn(Req, &Headers) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<Resp, ServerFault>> + Send + 'static,
    {
        self.add(operation, Some(path), handler)
    }

    fn add<Req, Resp, F, Fut>(
        mut self,
        operation: Operation,
        xml_path: Option<&'static str>,
        handler: F,
    ) -> Self
    where
        Req: XmlRead + Send + 'static,
        Resp: XmlWrite + Send + 'static,
        F: Fn(Req, &Headers) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<Resp, ServerFault>> + Send + 'static,
    {
        let handler: Handler = Box::new(move |r: &mut XmlReader<'_>, headers: &Headers| {
            let request = Req::read_xml(r)?;
            let reply = handler(request, headers);
            Ok(Box::pin(async move {
                reply.await.map(|resp| Box::new(resp) as Box<dyn XmlWrite + Send>)
            }) as Reply)
        });
        self.inner_mut().routes.push(Route { operation, handler, xml_path });
        self
    }

    /// The path it answers on.
    pub fn path(&self) -> &str {
        &self.inner.path
    }

    /// The operations, in the order they were added.
    pub fn operations(&self) -> impl Iterator<Item = &Operation> {
        self.inner.routes.iter().map(|r| &r.operation)
    }

    /// Answers one request: the WSDL for `GET ?wsdl`, the handler's reply or a fault for a
    /// SOAP POST, 404/405/413/415 for what is not one.
    pub async fn handle(&self, request: &ServerRequest) -> ServerResponse {
        let inner = &self.inner;
        let xml_route = inner.routes.iter().find(|r| r.xml_path == Some(request.path.as_str()));
        if let Some(route) = xml_route {
            return self.handle_xml(route, request).await;
        }
        let path_ok = inner.path.is_empty()
            || inner.path == "/"
            || request.path.trim_end_matches('/') == inner.path.trim_end_matches('/');
        if !path_ok {
            return ServerResponse::text(404, "not found");
        }
        if request.method == "GET" {
            let asks_wsdl = request.query.split('&').any(|p| p.eq_ignore_ascii_case("wsdl"));
            return match (&inner.wsdl, asks_wsdl) {
                (Some(wsdl), true) => ServerResponse {
                    status: 200,
                    content_type: "text/xml; charset=utf-8".into(),
                    body: match request.header("host") {
                        Some(host) => at_host(wsdl, host),
                        None => wsdl.clone(),
                    },
                },
                _ => ServerResponse::text(404, "not found: POST SOAP requests here, or GET ?wsdl"),
            };
        }
        if request.method != "POST" {
            return ServerResponse::text(405, "method not allowed");
        }
        if request.body.len() > MAX_BODY {
            return ServerResponse::text(413, "request body too large");
        }
        let content_type = request.header("content-type").unwrap_or("");
        let Some(version) = version_of(content_type) else {
            return ServerResponse::text(
                415,
                "a SOAP request is text/xml (1.1) or application/soap+xml (1.2)",
            );
        };
        let action = match version {
            SoapVersion::Soap11 => {
                request.header("soapaction").map(|a| a.trim().trim_matches('"').to_owned())
            }
            SoapVersion::Soap12 => action_param(content_type),
        };
        let Ok(xml) = std::str::from_utf8(&request.body) else {
            return fault_response(version, &ServerFault::client("the request is not UTF-8"));
        };
        match self.dispatch(xml, version, action.as_deref()) {
            Ok((route, reply)) => match reply.await {
                Ok(value) => reply_response(version, route.operation.output, &*value),
                Err(fault) => fault_response(version, &fault),
            },
            Err(fault) => fault_response(version, &fault),
        }
    }

    /// A plain-XML operation: the document in, the document out.
    async fn handle_xml(&self, route: &Route, request: &ServerRequest) -> ServerResponse {
        if request.method != "POST" {
            return ServerResponse::text(405, "method not allowed");
        }
        if request.body.len() > MAX_BODY {
            return ServerResponse::text(413, "request body too large");
        }
        let Ok(xml) = std::str::from_utf8(&request.body) else {
            return xml_fault(&ServerFault::client("the request is not UTF-8"));
        };
        let (ns, local) = route.operation.input;
        let read = || -> Result<Reply, XmlError> {
            let mut r = XmlReader::new(xml);
            let root = r.next_child()?.ok_or_else(|| r.error("empty document"))?;
            if !root.is(ns, local) {
                return Err(r.error(format!("expected <{local}>, found <{}>", root.local)));
            }
            let reply = (route.handler)(&mut r, &Headers::default())?;
            r.expect_end("the request document")?;
            Ok(reply)
        };
        let reply = match read() {
            Ok(reply) => reply.await,
            Err(e) => Err(ServerFault::client(format!("malformed request: {e}"))),
        };
        match reply {
            Ok(value) => {
                let (ns, local) = route.operation.output;
                let body = |w: &mut XmlWriter| value.write_xml(w, ns, local);
                match crate::soap::write_document(&body) {
                    Ok(body) => {
                        ServerResponse { status: 200, content_type: "application/xml".into(), body }
                    }
                    Err(e) => xml_fault(&ServerFault::server(format!(
                        "the reply could not be written: {e}"
                    ))),
                }
            }
            Err(fault) => xml_fault(&fault),
        }
    }

    /// Reads the envelope up to the body's element, finds its route and reads the request.
    fn dispatch(
        &self,
        xml: &str,
        version: SoapVersion,
        action: Option<&str>,
    ) -> Result<(&Route, Reply), ServerFault> {
        let malformed = |e: XmlError| ServerFault::client(format!("malformed request: {e}"));
        let mut r = XmlReader::new(xml);
        let root = r
            .next_child()
            .map_err(malformed)?
            .ok_or_else(|| ServerFault::client("empty request"))?;
        // The envelope says the version; a content type that disagrees is the client's error.
        let ns = version.envelope_ns();
        if !root.is(ns, "Envelope") {
            return Err(ServerFault::client(format!(
                "expected a SOAP {} Envelope, found <{}> in {}",
                if version == SoapVersion::Soap11 { "1.1" } else { "1.2" },
                root.local,
                if root.ns.is_empty() { "no namespace" } else { root.ns },
            )));
        }
        let mut headers = Headers::default();
        loop {
            match r.next_child().map_err(malformed)? {
                Some(tag) if tag.is(ns, "Body") => break,
                Some(tag) if tag.is(ns, "Header") => {
                    while let Some(block) = r.next_child().map_err(malformed)? {
                        let (block_ns, local) = (block.ns.to_owned(), block.local.to_owned());
                        let raw = r.read_raw_element().map_err(malformed)?;
                        headers.blocks.push((block_ns, local, raw));
                    }
                }
                Some(_) => r.skip().map_err(malformed)?,
                None => return Err(ServerFault::client("the SOAP Envelope has no Body")),
            }
        }
        let payload = r
            .next_child()
            .map_err(malformed)?
            .ok_or_else(|| ServerFault::client("the SOAP Body is empty"))?;
        let route = self.route(&payload, version, action)?;
        let reply = (route.handler)(&mut r, &headers).map_err(malformed)?;
        r.expect_end("the SOAP Body payload").map_err(malformed)?;
        Ok((route, reply))
    }

    /// The route for the body element `payload`: by element, then by action among routes
    /// sharing it (rpc services may name one element twice).
    fn route(
        &self,
        payload: &StartTag<'_>,
        version: SoapVersion,
        action: Option<&str>,
    ) -> Result<&Route, ServerFault> {
        let by_element: Vec<&Route> = self
            .inner
            .routes
            .iter()
            .filter(|r| {
                r.xml_path.is_none() && payload.is(r.operation.input.0, r.operation.input.1)
            })
            .collect();
        let by_action = |route: &&&Route| {
            route.operation.actions.iter().any(|(v, a)| *v == version && *a == action)
        };
        match by_element.as_slice() {
            [] => Err(ServerFault::client(format!(
                "no operation takes <{}>{}",
                payload.local,
                if payload.ns.is_empty() { String::new() } else { format!(" in {}", payload.ns) }
            ))),
            [one] => Ok(one),
            many => Ok(many.iter().find(by_action).copied().unwrap_or(many[0])),
        }
    }
}

/// `wsdl` with every port's address (`location="scheme://authority/path"`) moved to `host`,
/// as ASP.NET and WCF serve theirs: a client loading the WSDL calls this server.
fn at_host(wsdl: &str, host: &str) -> String {
    // A Host header with markup or spaces in it is not a host: leave the document alone.
    if host.is_empty() || host.contains(|c: char| c.is_whitespace() || "<>\"&'/".contains(c)) {
        return wsdl.to_owned();
    }
    let mut out = String::with_capacity(wsdl.len());
    let mut rest = wsdl;
    while let Some(i) = rest.find(" location=\"") {
        let (head, tail) = rest.split_at(i + " location=\"".len());
        out.push_str(head);
        let url = &tail[..tail.find('"').unwrap_or(tail.len())];
        match url.split_once("://") {
            Some((_, after)) => {
                let path = after.find('/').map_or("", |j| &after[j..]);
                out.push_str("http://");
                out.push_str(host);
                out.push_str(path);
            }
            None => out.push_str(url),
        }
        rest = &tail[url.len()..];
    }
    out.push_str(rest);
    out
}

/// The SOAP version a Content-Type names.
fn version_of(content_type: &str) -> Option<SoapVersion> {
    match essence(content_type).to_ascii_lowercase().as_str() {
        "text/xml" => Some(SoapVersion::Soap11),
        "application/soap+xml" => Some(SoapVersion::Soap12),
        _ => None,
    }
}

/// SOAP 1.2's `action` parameter of the Content-Type.
fn action_param(content_type: &str) -> Option<String> {
    parameter(content_type, "action")
}

fn reply_response(
    version: SoapVersion,
    (ns, local): (&str, &str),
    value: &(dyn XmlWrite + Send),
) -> ServerResponse {
    let body = |w: &mut XmlWriter| value.write_xml(w, ns, local);
    match crate::soap::write_envelope(version, None, &body) {
        Ok(body) => ServerResponse { status: 200, content_type: content_type(version), body },
        Err(e) => fault_response(
            version,
            &ServerFault::server(format!("the reply could not be written: {e}")),
        ),
    }
}

/// A plain-XML error reply as ServiceStack writes one: 400 or 500 with a `ResponseStatus`.
fn xml_fault(fault: &ServerFault) -> ServerResponse {
    let code = if fault.client { "ClientError" } else { "ServerError" };
    let body = |w: &mut XmlWriter| {
        w.start("", "ErrorResponse");
        w.start("", "ResponseStatus");
        w.element("", "ErrorCode", code);
        w.element("", "Message", fault.reason.as_str());
        w.end("ResponseStatus");
        w.end("ErrorResponse");
    };
    let body = crate::soap::write_document(&body).unwrap_or_default();
    let status = if fault.client { 400 } else { 500 };
    ServerResponse { status, content_type: "application/xml".into(), body }
}

fn fault_response(version: SoapVersion, fault: &ServerFault) -> ServerResponse {
    ServerResponse {
        status: 500,
        content_type: content_type(version),
        body: fault.envelope(version),
    }
}

fn content_type(version: SoapVersion) -> String {
    version.content_type().to_owned()
}

/// A handler for [`Router::operation`] that calls `f` with its own clone of `service`: what
/// a generated router gives each operation, so that the future `f` returns owns all it uses.
pub fn handler<S, Req, Fut>(
    service: &Arc<S>,
    f: impl Fn(Arc<S>, Req, &Headers) -> Fut + Send + Sync + 'static,
) -> impl Fn(Req, &Headers) -> Fut + Send + Sync + 'static
where
    S: Send + Sync + 'static,
{
    let service = service.clone();
    move |request, headers| f(service.clone(), request, headers)
}

/// One operation's handler in a generated mock: a closure the test sets, or a "not
/// implemented" fault.
pub struct MockHandler<Req, Resp> {
    handler: Option<MockFn<Req, Resp>>,
}

type MockFn<Req, Resp> = Box<dyn Fn(Req) -> Result<Resp, ServerFault> + Send + Sync>;

impl<Req, Resp> Default for MockHandler<Req, Resp> {
    fn default() -> Self {
        MockHandler { handler: None }
    }
}

impl<Req, Resp> std::fmt::Debug for MockHandler<Req, Resp> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.handler.is_some() { "MockHandler(set)" } else { "MockHandler(unset)" })
    }
}

impl<Req, Resp> MockHandler<Req, Resp> {
    /// Answers with `f` from now on.
    pub fn set(&mut self, f: impl Fn(Req) -> Result<Resp, ServerFault> + Send + Sync + 'static) {
        self.handler = Some(Box::new(f));
    }

    /// The handler's answer to `request`; "not implemented" when none was set.
    pub fn call(&self, operation: &str, request: Req) -> Result<Resp, ServerFault> {
        match &self.handler {
            Some(f) => f(request),
            None => Err(ServerFault::not_implemented(operation)),
        }
    }
}
