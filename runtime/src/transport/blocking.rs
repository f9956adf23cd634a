//! `HttpTransport`: a blocking HTTP client on ureq with rustls.

use std::fmt;
use std::io;
use std::time::Duration;

use super::{HttpRequest, HttpResponse, Transport, redact};
use crate::error::{Error, TransportError, TransportErrorKind};

/// A blocking HTTP(S) transport.
///
/// Non-success statuses are returned as responses, not errors, so SOAP faults sent with 500
/// can be read. Clones share one connection pool.
#[derive(Clone)]
pub struct HttpTransport {
    agent: ureq::Agent,
    timeout: Duration,
    connect_timeout: Duration,
    max_body: usize,
    headers: Vec<(String, String)>,
}

impl HttpTransport {
    /// A transport with a 60 s timeout per call, 10 s to connect and a 64 MiB response limit.
    pub fn new() -> Self {
        let timeout = Duration::from_secs(60);
        let connect_timeout = Duration::from_secs(10);
        HttpTransport {
            agent: agent(timeout, connect_timeout),
            timeout,
            connect_timeout,
            max_body: 64 * 1024 * 1024,
            headers: Vec::new(),
        }
    }

    /// Limits each whole call (connect, send, receive) to `timeout`.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self.agent = agent(self.timeout, self.connect_timeout);
        self
    }

    /// Limits connection setup (DNS, TCP, TLS) to `timeout`.
    pub fn with_connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self.agent = agent(self.timeout, self.connect_timeout);
        self
    }

    /// Refuses response bodies larger than `bytes` with [`Error::BodyTooLarge`]: up front
    /// when Content-Length says so, otherwise as soon as reading passes the limit.
    pub fn with_max_body(mut self, bytes: usize) -> Self {
        self.max_body = bytes;
        self
    }

    /// Adds a header to every request (e.g. authentication). Its value never appears in
    /// `Debug` output if the name looks like a credential.
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}

impl Default for HttpTransport {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for HttpTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpTransport")
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("max_body", &self.max_body)
            .field("headers", &redact::Headers(&self.headers))
            .finish_non_exhaustive()
    }
}

fn agent(timeout: Duration, connect_timeout: Duration) -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(timeout))
        .timeout_connect(Some(connect_timeout))
        .user_agent(concat!("soapgen-runtime/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

impl Transport for HttpTransport {
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, Error> {
        let host = redact::host(&request.url);
        let mut builder = self.agent.post(&request.url);
        for (name, value) in self.headers.iter().chain(&request.headers) {
            builder = builder.header(name, value);
        }
        let mut response =
            builder.send(&request.body[..]).map_err(|e| transport_error(e, host, self.timeout))?;
        let limit = self.max_body;
        let too_large = Error::BodyTooLarge { limit };
        if response.body().content_length().is_some_and(|len| len > limit as u64) {
            return Err(too_large);
        }
        let status = response.status().as_u16();
        let content_type =
            response.headers().get("content-type").and_then(|v| v.to_str().ok()).map(str::to_owned);
        let body = response.body_mut().with_config().limit(limit as u64).read_to_vec().map_err(
            |e| match e {
                ureq::Error::BodyExceedsLimit(_) => too_large.clone(),
                e => transport_error(e, host, self.timeout),
            },
        )?;
        Ok(HttpResponse { status, content_type, body })
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
