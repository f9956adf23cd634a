//! What the built-in HTTP transports share: limits, extra headers, basic auth, and the
//! checks on a response's head that come before reading its body.

use std::fmt;
use std::time::Duration;

use base64::Engine as _;

use super::pipeline::Pipeline;
use super::redact;
use crate::error::Error;
use crate::secret::Secret;

/// Default limit on a whole call: connect, send, wait, receive.
pub(crate) const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Default limit on connection setup (DNS, TCP, TLS).
pub(crate) const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default limit on a response body, after decompression.
pub(crate) const DEFAULT_MAX_BODY: usize = 64 * 1024 * 1024;

/// Settings of a built-in transport. Cloned into every async call, so kept small.
#[derive(Clone)]
pub(crate) struct Config {
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub max_body: usize,
    pub headers: Vec<(String, String)>,
    pub basic_auth: Option<BasicAuth>,
    /// Interceptors, cookies, Digest/NTLM, hooks and retries (issue 12): see `pipeline`.
    pub pipeline: Pipeline,
}

/// HTTP basic credentials, with the header value computed once.
#[derive(Clone)]
pub(crate) struct BasicAuth {
    user: String,
    header: Secret,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            max_body: DEFAULT_MAX_BODY,
            headers: Vec::new(),
            basic_auth: None,
            pipeline: Pipeline::default(),
        }
    }
}

impl Config {
    pub fn set_basic_auth(&mut self, user: String, password: &Secret) {
        let credentials = format!("{user}:{}", password.expose());
        let token = base64::engine::general_purpose::STANDARD.encode(credentials);
        self.basic_auth = Some(BasicAuth { user, header: Secret::new(format!("Basic {token}")) });
    }

    /// Every header the transport adds to a request, in order: the configured ones, then
    /// `Authorization` for basic auth.
    pub fn extra_headers(&self) -> impl Iterator<Item = (&str, &str)> {
        let auth = self.basic_auth.as_ref().map(|auth| ("Authorization", auth.header.expose()));
        self.headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).chain(auth)
    }

    /// Refuses a body the server announces as larger than the limit, before reading any
    /// of it, so a lying or huge `Content-Length` costs no memory.
    pub fn check_announced_length(&self, content_length: Option<u64>) -> Result<(), Error> {
        match content_length {
            Some(len) if len > self.max_body as u64 => {
                Err(Error::BodyTooLarge { limit: self.max_body })
            }
            _ => Ok(()),
        }
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("max_body", &self.max_body)
            .field("headers", &redact::Headers(&self.headers))
            .field("basic_auth_user", &self.basic_auth.as_ref().map(|auth| &auth.user))
            .field("pipeline", &self.pipeline)
            .finish()
    }
}

/// Whether a status is a redirect the transports refuse to follow.
///
/// SOAP calls are POSTs. Following 301/302/303 would turn them into GETs without a body
/// (useless), and following 307/308 would re-send the body, with any password in it or in
/// an `Authorization` header, to a URL the server picked, possibly another host, and
/// would repeat a call that may not be idempotent. So the caller gets the `Location`
/// and decides.
pub(crate) fn is_redirect(status: u16) -> bool {
    matches!(status, 301 | 302 | 303 | 307 | 308)
}

/// The error for a redirect response.
pub(crate) fn redirect_error(
    status: u16,
    content_type: Option<String>,
    location: Option<&str>,
) -> Error {
    Error::Http { status, content_type, body: String::new(), location: location.map(redact::url) }
}
