//! `AsyncHttpTransport`: an async HTTP client on reqwest (hyper, tokio) with rustls.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use super::auth::Auth;
use super::config::{Config, is_redirect, redirect_error};
use super::connect::{Connect, Proxy, proxy_auth_required, redirect_followed, reqwest_client};
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
    connect: Connect,
}

impl AsyncHttpTransport {
    /// A transport with the defaults.
    pub fn new() -> Self {
        let mut connect = Connect::default();
        let config = Config::default();
        AsyncHttpTransport {
            client: reqwest_client::client(&config, &mut connect),
            config,
            connect,
        }
    }

    /// Limits each whole call (connect, send, receive the whole body) to `timeout`
    /// (default 60 s).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.config.timeout = timeout;
        self.rebuild()
    }

    /// Limits connection setup (DNS, TCP, TLS) to `timeout` (default 10 s).
    ///
    /// # Panics
    /// On a transport made [`from_client`](Self::from_client): configure that client instead.
    pub fn with_connect_timeout(mut self, timeout: Duration) -> Self {
        assert!(
            !self.connect.own_client,
            "with_connect_timeout: configure your own client instead"
        );
        self.config.connect_timeout = timeout;
        self.rebuild()
    }

    // --- Connectivity: your own client, proxies, TLS (see `connect`). ---

    /// A transport on your own configured client, so that anything reqwest can do is
    /// reachable.
    ///
    /// Build it with `.redirect(reqwest::redirect::Policy::none())`: reqwest cannot change a
    /// built client's redirect policy. If your client follows a redirect anyway, the call
    /// fails with a [`TransportErrorKind::Config`](crate::TransportErrorKind::Config) error
    /// naming where it went, but the request has then been sent there too. The other limits hold whatever the client says: the whole call is limited
    /// by [`with_timeout`](Self::with_timeout) (default 60 s), the body by
    /// [`with_max_body`](Self::with_max_body). Proxy, TLS and connect timeout are the
    /// client's: the methods that set them panic on this transport.
    pub fn from_client(client: reqwest::Client) -> Self {
        AsyncHttpTransport { client, config: Config::default(), connect: Connect::own_client() }
    }

    /// Sends every request through `proxy` (the environment's proxies are then not used).
    ///
    /// # Panics
    /// On a transport made [`from_client`](Self::from_client).
    pub fn with_proxy(mut self, proxy: Proxy) -> Self {
        self.connect.set_proxy(proxy);
        self.rebuild()
    }

    /// Ignores the proxy environment variables. By default `https://` endpoints go through
    /// `https_proxy`/`HTTPS_PROXY`, `http://` ones through `http_proxy`/`HTTP_PROXY`, both
    /// falling back to `ALL_PROXY`, except hosts listed in `NO_PROXY` (lower case read
    /// first; read when the transport is built).
    ///
    /// # Panics
    /// On a transport made [`from_client`](Self::from_client).
    pub fn without_env_proxy(mut self) -> Self {
        self.connect.disable_env_proxy();
        self.rebuild()
    }

    /// Trusts the CA certificates in `pem` too, in addition to the default roots (Mozilla's,
    /// from webpki-roots).
    ///
    /// # Errors
    /// If `pem` holds no certificate or one that is not usable as a root.
    ///
    /// # Panics
    /// On a transport made [`from_client`](Self::from_client).
    pub fn with_root_certificates_pem(mut self, pem: &[u8]) -> Result<Self, Error> {
        self.connect.add_root_certificates_pem(pem)?;
        Ok(self.rebuild())
    }

    /// Trusts the operating system's certificate store too, in addition to the default roots
    /// (and any added with [`with_root_certificates_pem`](Self::with_root_certificates_pem)).
    /// The store is read now; on Linux `SSL_CERT_FILE` / `SSL_CERT_DIR` choose it, as for
    /// OpenSSL.
    ///
    /// # Panics
    /// On a transport made [`from_client`](Self::from_client).
    pub fn with_platform_roots(mut self) -> Self {
        self.connect.add_platform_roots();
        self.rebuild()
    }

    /// Presents this client certificate (with the chain after it) for mutual TLS. The key is
    /// PKCS#8, PKCS#1 (RSA) or SEC1 (EC) in PEM, unencrypted; it never appears in `Debug`
    /// output or errors.
    ///
    /// # Errors
    /// If either PEM holds nothing usable or the key does not belong to the certificate.
    ///
    /// # Panics
    /// On a transport made [`from_client`](Self::from_client).
    pub fn with_client_certificate_pem(
        mut self,
        cert_chain_pem: &[u8],
        key_pem: &[u8],
    ) -> Result<Self, Error> {
        self.connect.set_client_certificate_pem(cert_chain_pem, key_pem)?;
        Ok(self.rebuild())
    }

    /// Presents the client certificate (and chain) and key of a PKCS#12 file (`.p12`,
    /// `.pfx`, as Windows and Java export them) for mutual TLS; its first key is used.
    /// Needs the `pkcs12` feature. The password never appears in `Debug` output or errors.
    ///
    /// # Errors
    /// A wrong password, a file that is not PKCS#12 (or uses MD5-based encryption), or one
    /// without a key and its certificate.
    ///
    /// # Panics
    /// On a transport made [`from_client`](Self::from_client).
    #[cfg(feature = "pkcs12")]
    pub fn with_client_pkcs12(
        mut self,
        der: &[u8],
        password: impl Into<Secret>,
    ) -> Result<Self, Error> {
        self.connect.set_client_pkcs12(der, &password.into())?;
        Ok(self.rebuild())
    }

    /// Rebuilds the client after a setting changed (not the caller's own client).
    fn rebuild(mut self) -> Self {
        if !self.connect.own_client {
            self.client = reqwest_client::client(&self.config, &mut self.connect);
        }
        self
    }

    // --- End of connectivity. ---

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
        // Keeps one idle connection per host (a transport on your own client keeps its pool).
        self.rebuild()
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
        let connect = self.connect.clone();
        async move {
            let send_once = |r| send(&client, &config, &connect, r);
            config.pipeline.send_async(&config, operation, request, send_once).await
        }
    }
}

async fn send(
    client: &reqwest::Client,
    config: &Config,
    connect: &Connect,
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
    // The call limit holds on the caller's own client too.
    builder = builder.timeout(config.timeout);
    let mut response = builder.send().await.map_err(|e| {
        connect
            .explain(&e, &request.url)
            .unwrap_or_else(|| transport_error(&e, &host, config.timeout))
    })?;
    let status = response.status().as_u16();
    // A plain-HTTP request is forwarded by the proxy, whose 407 is a response.
    if status == 407 && connect.proxy_for(&request.url).is_some() {
        return Err(proxy_auth_required(connect.proxy_for(&request.url), 407));
    }
    // The caller's own client may follow redirects: say so rather than return the answer
    // of a URL the server picked.
    if connect.own_client && reqwest::Url::parse(&request.url).ok().as_ref() != Some(response.url())
    {
        return Err(redirect_followed(response.url().as_str()));
    }
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
        f.debug_struct("AsyncHttpTransport")
            .field("config", &self.config)
            .field("connect", &self.connect)
            .finish_non_exhaustive()
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
