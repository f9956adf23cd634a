//! `HttpTransport`: a blocking HTTP client on ureq with rustls.

use std::fmt;
use std::io;
use std::sync::Arc;
use std::time::Duration;

use super::auth::Auth;
use super::config::{Config, is_redirect, redirect_error};
use super::connect::{Connect, Proxy, is_plain_http, ureq_client};
use super::custom::{SendHttp, call_blocking};
use super::{Exchange, HttpRequest, HttpResponse, RetryPolicy, Transport, redact, wire};
use crate::error::{Error, TransportError, TransportErrorKind};
use crate::secret::Secret;

/// A blocking HTTP(S) transport: calls return `Result<R, Error>`.
///
/// Defaults: 10 s to connect, 60 s for a whole call, response bodies up to 64 MiB (after
/// gzip decoding), redirects not followed. Non-success statuses are returned as
/// responses, not errors, so SOAP faults sent with 500 can be read. Clones share one
/// connection pool.
#[derive(Clone)]
pub struct HttpTransport {
    agent: ureq::Agent,
    /// For `http://` endpoints when the environment gives them another proxy than `https://`.
    http_agent: Option<ureq::Agent>,
    config: Config,
    connect: Connect,
}

impl HttpTransport {
    /// A transport with the defaults.
    pub fn new() -> Self {
        let config = Config::default();
        let mut connect = Connect::default();
        let (agent, http_agent) = ureq_client::agents(&config, &mut connect);
        HttpTransport { agent, http_agent, config, connect }
    }

    /// Limits each whole call (connect, send, receive) to `timeout` (default 60 s).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.config.timeout = timeout;
        self.rebuild()
    }

    /// Limits connection setup (DNS, TCP, TLS) to `timeout` (default 10 s).
    ///
    /// # Panics
    /// On a transport made [`from_agent`](Self::from_agent): configure that agent instead.
    pub fn with_connect_timeout(mut self, timeout: Duration) -> Self {
        assert!(!self.connect.own_client, "with_connect_timeout: configure your own agent instead");
        self.config.connect_timeout = timeout;
        self.rebuild()
    }

    // --- Connectivity: your own agent, proxies, TLS (see `connect`). ---

    /// A transport on your own configured agent, so that anything ureq can do is reachable.
    ///
    /// The runtime's limits still hold on every request, whatever the agent says: redirects
    /// are never followed (a redirect is [`Error::Http`] with its `location`), error
    /// statuses are responses, the whole call is limited by [`with_timeout`](Self::with_timeout)
    /// (default 60 s) and the body by [`with_max_body`](Self::with_max_body). Proxy, TLS and
    /// connect timeout are the agent's: the methods that set them panic on this transport.
    pub fn from_agent(agent: ureq::Agent) -> Self {
        HttpTransport {
            agent,
            http_agent: None,
            config: Config::default(),
            connect: Connect::own_client(),
        }
    }

    /// Sends every request through `proxy` (the environment's proxies are then not used).
    ///
    /// # Panics
    /// On a transport made [`from_agent`](Self::from_agent).
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
    /// On a transport made [`from_agent`](Self::from_agent).
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
    /// On a transport made [`from_agent`](Self::from_agent).
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
    /// On a transport made [`from_agent`](Self::from_agent).
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
    /// On a transport made [`from_agent`](Self::from_agent).
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
    /// On a transport made [`from_agent`](Self::from_agent).
    #[cfg(feature = "pkcs12")]
    pub fn with_client_pkcs12(
        mut self,
        der: &[u8],
        password: impl Into<Secret>,
    ) -> Result<Self, Error> {
        self.connect.set_client_pkcs12(der, &password.into())?;
        Ok(self.rebuild())
    }

    /// Rebuilds the agents after a setting changed (not the caller's own agent).
    fn rebuild(mut self) -> Self {
        if !self.connect.own_client {
            (self.agent, self.http_agent) = ureq_client::agents(&self.config, &mut self.connect);
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
        // Keeps one idle connection per host (a transport on your own agent keeps its pool).
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

    /// Sends `request` and returns the response, whatever its status, except that a
    /// redirect is [`Error::Http`] with its `location`.
    pub fn send(&self, request: HttpRequest) -> Result<HttpResponse, Error> {
        self.send_for(None, request)
    }

    fn send_for(
        &self,
        operation: Option<&'static str>,
        request: HttpRequest,
    ) -> Result<HttpResponse, Error> {
        let config = &self.config;
        config.pipeline.send_blocking(config, operation, request, |r| self.send_once(r))
    }

    /// One HTTP exchange.
    fn send_once(&self, request: HttpRequest) -> Result<HttpResponse, Error> {
        let host = redact::host(&request.url);
        let mut builder = ureq::http::Request::builder()
            .method(request.method.as_str())
            .uri(request.url.as_str());
        for (name, value) in self.config.extra_headers() {
            builder = builder.header(name, value);
        }
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        let timeout = self.config.timeout;
        let mut http_request = builder.body(request.body).map_err(|_| invalid_request())?;
        let agent = match &self.http_agent {
            Some(http_agent) if is_plain_http(&request.url) => http_agent,
            _ => &self.agent,
        };
        if self.connect.own_client {
            http_request = ureq_client::limit_request(agent, &self.config, http_request);
        }
        let mut response = agent.run(http_request).map_err(|e| {
            let explained = self.connect.explain(ureq_client::cause(&e), &request.url);
            explained.unwrap_or_else(|| transport_error(e, host, timeout))
        })?;
        let status = response.status().as_u16();
        let headers = header_list(response.headers());
        let content_type = find(&headers, "content-type");
        if is_redirect(status) {
            return Err(redirect_error(
                status,
                content_type,
                find(&headers, "location").as_deref(),
            ));
        }
        // ureq reports no length for a body it decompresses; the limit below still holds.
        self.config.check_announced_length(response.body().content_length())?;
        let limit = self.config.max_body;
        let body = response.body_mut().with_config().limit(limit as u64).read_to_vec().map_err(
            |e| match e {
                ureq::Error::BodyExceedsLimit(_) => Error::BodyTooLarge { limit },
                e => transport_error(e, host, timeout),
            },
        )?;
        Ok(HttpResponse { status, content_type, headers, body })
    }
}

/// The response's headers as owned pairs; values that are not visible ASCII are kept
/// lossily (they are never credentials we send).
pub(super) fn header_list(map: &ureq::http::HeaderMap) -> Vec<(String, String)> {
    map.iter()
        .map(|(name, value)| {
            (name.as_str().to_owned(), String::from_utf8_lossy(value.as_bytes()).into_owned())
        })
        .collect()
}

fn find(headers: &[(String, String)], name: &str) -> Option<String> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.clone())
}

fn invalid_request() -> Error {
    Error::Transport(TransportError::new(
        TransportErrorKind::InvalidRequest,
        "invalid URL or header".to_owned(),
    ))
}

impl Default for HttpTransport {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for HttpTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpTransport")
            .field("config", &self.config)
            .field("connect", &self.connect)
            .finish_non_exhaustive()
    }
}

impl Transport for HttpTransport {
    type Output<R: Send + 'static> = Result<R, Error>;

    fn call<R: Send + 'static>(
        &self,
        operation: &'static str,
        request: Result<HttpRequest, Error>,
        parse: fn(&HttpResponse) -> Result<R, Error>,
    ) -> Result<R, Error> {
        call_blocking(operation, request, |request| self.send_for(Some(operation), request), parse)
    }
}

/// So the built-in transport can be the inner part of a custom one.
impl SendHttp for HttpTransport {
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, Error> {
        HttpTransport::send(self, request)
    }
}

/// A message naming the host and what failed, without the URL's path, query or credentials.
fn transport_error(e: ureq::Error, host: &str, timeout: Duration) -> Error {
    use TransportErrorKind as Kind;
    let (kind, message) = match e {
        ureq::Error::Timeout(ureq::Timeout::Connect) => {
            (Kind::Timeout, format!("timed out connecting to {host}"))
        }
        ureq::Error::Timeout(which) => (
            Kind::Timeout,
            format!("request to {host} timed out ({which}; call limit {timeout:?})"),
        ),
        ureq::Error::HostNotFound => (Kind::Connect, format!("host not found: {host}")),
        ureq::Error::ConnectionFailed => (Kind::Connect, format!("could not connect to {host}")),
        ureq::Error::Io(io) if is_connect_failure(&io) => {
            (Kind::Connect, format!("could not connect to {host}: {io}"))
        }
        ureq::Error::Io(io) if io.kind() == io::ErrorKind::TimedOut => {
            (Kind::Timeout, format!("request to {host} timed out: {io}"))
        }
        ureq::Error::Io(io) if io.kind() == io::ErrorKind::UnexpectedEof => (
            Kind::Io,
            format!("{host} closed the connection before the whole response arrived: {io}"),
        ),
        ureq::Error::Io(io) => (Kind::Io, format!("I/O error talking to {host}: {io}")),
        ureq::Error::Tls(why) => (Kind::Tls, format!("TLS error with {host}: {why}")),
        ureq::Error::Rustls(tls) => (Kind::Tls, format!("TLS error with {host}: {tls}")),
        ureq::Error::BadUri(_) | ureq::Error::Http(_) => {
            (Kind::InvalidRequest, "invalid URL or header".to_owned())
        }
        other => (Kind::Io, format!("HTTP error with {host}: {other}")),
    };
    Error::Transport(TransportError::new(kind, message))
}

fn is_connect_failure(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::AddrNotAvailable
            | io::ErrorKind::HostUnreachable
            | io::ErrorKind::NetworkUnreachable
    )
}
