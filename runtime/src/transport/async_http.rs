//! `AsyncHttpTransport`: an async HTTP client on reqwest (hyper, tokio) with rustls.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use super::auth::Auth;
use super::config::{Config, is_redirect, redirect_error};
use super::custom::call_async;
use super::{
    BoxFuture, Exchange, HttpRequest, HttpResponse, RetryPolicy, SendHttpAsync, Transport, redact,
    wire,
};
use crate::error::{Error, TransportError, TransportErrorKind};
use crate::secret::Secret;

/// An async HTTP(S) transport: calls return a [`BoxFuture`] of `Result<R, Error>`, to be
/// awaited inside a tokio runtime.
///
/// The same defaults as [`HttpTransport`](super::HttpTransport): 10 s to connect, 60 s for
/// a whole call, response bodies up to 64 MiB (after gzip or deflate decoding), redirects
/// not followed. Clones share one connection pool.
#[derive(Clone)]
pub struct AsyncHttpTransport {
    client: reqwest::Client,
    config: Config,
}

impl AsyncHttpTransport {
    /// A transport with the defaults.
    pub fn new() -> Self {
        let config = Config::default();
        AsyncHttpTransport { client: client(&config), config }
    }

    /// Limits each whole call (connect, send, receive the whole body) to `timeout`
    /// (default 60 s).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.config.timeout = timeout;
        self.client = client(&self.config);
        self
    }

    /// Limits connection setup (DNS, TCP, TLS) to `timeout` (default 10 s).
    pub fn with_connect_timeout(mut self, timeout: Duration) -> Self {
        self.config.connect_timeout = timeout;
        self.client = client(&self.config);
        self
    }

    /// Refuses response bodies larger than `bytes` (default 64 MiB, counted after
    /// decompression) with [`Error::BodyTooLarge`]: up front when Content-Length says so,
    /// otherwise as soon as reading passes the limit.
    pub fn with_max_body(mut self, bytes: usize) -> Self {
        self.config.max_body = bytes;
        self
    }

    /// Adds a header to every request. Its value never appears in `Debug` output if the
    /// name looks like a credential.
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.config.headers.push((name.into(), value.into()));
        self
    }

    /// Sends HTTP basic credentials with every request. The password never appears in
    /// `Debug` output.
    pub fn with_basic_auth(mut self, user: impl Into<String>, password: impl Into<Secret>) -> Self {
        self.config.set_basic_auth(user.into(), &password.into());
        self
    }

    // Sessions, authentication, the wire and retries: run by `pipeline` around each send.

    /// Keeps the cookies servers set (`Set-Cookie`) and sends them back on later requests:
    /// log in once, and every call after carries the session. One store per transport,
    /// shared by its clones; `Secure` cookies go over https only.
    pub fn with_cookie_store(mut self) -> Self {
        self.config.pipeline.set_cookie_store();
        self
    }

    /// Answers HTTP Digest challenges (RFC 7616: MD5, SHA-256, SHA-512-256 and their
    /// `-sess` forms, `qop=auth`). The first request learns the server's nonce; later ones
    /// reuse it with a rising nonce count, and a `stale` nonce is renewed without failing
    /// the call. Refused credentials are a [`TransportErrorKind::Auth`] error. The password
    /// never appears in `Debug`, errors, logs or hooks. Use it instead of
    /// `with_basic_auth`, not with it.
    ///
    /// [`TransportErrorKind::Auth`]: crate::TransportErrorKind::Auth
    pub fn with_digest_auth(
        mut self,
        user: impl Into<String>,
        password: impl Into<Secret>,
    ) -> Self {
        self.config.pipeline.set_auth(Auth::digest(user.into(), password.into()));
        self
    }

    /// Answers Windows authentication: NTLMv2, under an `NTLM` or a `Negotiate` challenge
    /// (a raw NTLM token, as IIS accepts; Kerberos is not done). `user` is `DOMAIN\user`,
    /// `user@domain` or a plain user name.
    ///
    /// NTLM authenticates a connection, not a request, so calls through this transport (and
    /// its clones) take turns on one kept-alive connection: the handshake, then the calls
    /// after it without one, until the server closes it. For parallel calls, build one
    /// transport per worker. Refused credentials are a [`TransportErrorKind::Auth`] error.
    ///
    /// [`TransportErrorKind::Auth`]: crate::TransportErrorKind::Auth
    pub fn with_ntlm_auth(mut self, user: impl Into<String>, password: impl Into<Secret>) -> Self {
        self.config.pipeline.set_auth(Auth::ntlm(&user.into(), password.into()));
        self.client = client(&self.config);
        self
    }

    /// Calls `hook` after every HTTP exchange (handshakes and retries included) with what
    /// was sent and received, credentials masked: see [`Exchange`].
    pub fn with_exchange_hook(mut self, hook: impl Fn(&Exchange) + Send + Sync + 'static) -> Self {
        self.config.pipeline.add_hook(Arc::new(hook));
        self
    }

    /// Lets `interceptor` change each request (headers, body, URL) before it is sent, once
    /// per call, before cookies and credentials are added.
    pub fn with_interceptor(
        mut self,
        interceptor: impl Fn(&mut HttpRequest) + Send + Sync + 'static,
    ) -> Self {
        self.config.pipeline.add_interceptor(Arc::new(interceptor));
        self
    }

    /// Logs every exchange through `tracing` at TRACE (target `soapgen_runtime::wire`):
    /// method, URL, status, headers and bodies, masked as an [`Exchange`] is. Needs the
    /// `tracing` feature (on by default) and a subscriber that lets TRACE through.
    pub fn with_wire_log(mut self) -> Self {
        self.config.pipeline.add_hook(Arc::new(wire::log_exchange));
        self
    }

    /// Retries failed requests as `policy` says: connection failures always, 502/503/504
    /// and broken connections only for the operations it marks idempotent.
    pub fn with_retry(mut self, policy: RetryPolicy) -> Self {
        self.config.pipeline.set_retry(policy);
        self
    }

    /// Sends `request` and resolves to the response, whatever its status, except that a
    /// redirect is [`Error::Http`] with its `location`.
    pub fn send(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse, Error>> + Send + use<> {
        self.send_for(None, request)
    }

    fn send_for(
        &self,
        operation: Option<&'static str>,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse, Error>> + Send + use<> {
        let client = self.client.clone();
        let config = self.config.clone();
        async move {
            let send_once = |r| send(&client, &config, r);
            config.pipeline.send_async(&config, operation, request, send_once).await
        }
    }
}

async fn send(
    client: &reqwest::Client,
    config: &Config,
    request: HttpRequest,
) -> Result<HttpResponse, Error> {
    let host = redact::host(&request.url).to_owned();
    let method = match request.method {
        super::Method::Post => reqwest::Method::POST,
        super::Method::Get => reqwest::Method::GET,
    };
    let mut builder = client.request(method, &request.url);
    for (name, value) in config.extra_headers() {
        builder = builder.header(name, value);
    }
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    if request.method == super::Method::Post {
        builder = builder.body(request.body);
    }
    let mut response =
        builder.send().await.map_err(|e| transport_error(&e, &host, config.timeout))?;
    let status = response.status().as_u16();
    let headers: Vec<(String, String)> = response
        .headers()
        .iter()
        .map(|(name, value)| {
            (name.as_str().to_owned(), String::from_utf8_lossy(value.as_bytes()).into_owned())
        })
        .collect();
    let header = |name: &str| {
        headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.clone())
    };
    let content_type = header("content-type");
    if is_redirect(status) {
        return Err(redirect_error(status, content_type, header("location").as_deref()));
    }
    // reqwest reports no length for a body it decompresses; the limit below still holds.
    config.check_announced_length(response.content_length())?;
    let mut body = Vec::new();
    while let Some(chunk) =
        response.chunk().await.map_err(|e| transport_error(&e, &host, config.timeout))?
    {
        if body.len() + chunk.len() > config.max_body {
            return Err(Error::BodyTooLarge { limit: config.max_body });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(HttpResponse { status, content_type, headers, body })
}

impl Default for AsyncHttpTransport {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for AsyncHttpTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AsyncHttpTransport").field("config", &self.config).finish_non_exhaustive()
    }
}

impl Transport for AsyncHttpTransport {
    type Output<R: Send + 'static> = BoxFuture<R>;

    fn call<R: Send + 'static>(
        &self,
        operation: &'static str,
        request: Result<HttpRequest, Error>,
        parse: fn(&HttpResponse) -> Result<R, Error>,
    ) -> BoxFuture<R> {
        let this = self.clone();
        call_async(operation, request, parse, move |request| {
            this.send_for(Some(operation), request)
        })
    }
}

/// So the built-in transport can be the inner part of a custom one.
impl SendHttpAsync for AsyncHttpTransport {
    fn send(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse, Error>> + Send {
        AsyncHttpTransport::send(self, request)
    }
}

fn client(config: &Config) -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(config.timeout)
        .connect_timeout(config.connect_timeout)
        // Redirects are returned, not followed: see `config::is_redirect`.
        .redirect(reqwest::redirect::Policy::none())
        // NTLM: see `Pipeline::binds_connection`; otherwise the library's default.
        .pool_max_idle_per_host(if config.pipeline.binds_connection() { 1 } else { usize::MAX })
        .user_agent(concat!("soapgen-runtime/", env!("CARGO_PKG_VERSION")))
        .build()
        // Fails only if the TLS backend cannot initialise, which is a broken build.
        .expect("the reqwest client with rustls builds")
}

/// A message naming the host and what failed. reqwest's own message names the whole URL,
/// which may carry credentials in its query, so only the underlying cause is shown.
fn transport_error(e: &reqwest::Error, host: &str, timeout: Duration) -> Error {
    use TransportErrorKind as Kind;
    let cause = root_cause(e);
    let (kind, message) = if e.is_timeout() {
        (Kind::Timeout, format!("request to {host} timed out (call limit {timeout:?})"))
    } else if e.is_connect() {
        (Kind::Connect, format!("could not connect to {host}: {cause}"))
    } else if e.is_builder() {
        (Kind::InvalidRequest, "invalid URL or header".to_owned())
    } else if cause.contains("certificate") || cause.contains("tls") || cause.contains("TLS") {
        (Kind::Tls, format!("TLS error with {host}: {cause}"))
    } else {
        (Kind::Io, format!("I/O error talking to {host}: {cause}"))
    };
    Error::Transport(TransportError::new(kind, message))
}

/// The innermost error's message: hyper's and the OS's, which do not contain the URL.
fn root_cause(e: &reqwest::Error) -> String {
    let mut cause: &dyn std::error::Error = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    if std::ptr::addr_eq(cause, e) { "request failed".to_owned() } else { cause.to_string() }
}
