//! How `soapgen fetch` reaches a server: the runtime's blocking transport with the same
//! proxy, TLS and authentication options a generated client has.

use std::path::PathBuf;
use std::time::Duration;

use soapgen_runtime::{HttpTransport, Secret};

use crate::Error;

/// How the server wants the user to authenticate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Auth {
    /// HTTP Basic.
    #[default]
    Basic,
    /// HTTP Digest (RFC 7616).
    Digest,
    /// NTLM (Windows authentication).
    Ntlm,
}

/// Proxy, TLS, credentials and timeout for fetching. `Debug` never shows a password.
#[derive(Clone, Debug, Default)]
pub struct Connection {
    /// Limit on each request (default: the runtime's 60 s).
    pub timeout: Option<Duration>,
    /// User and password, sent only to the origin (scheme, host, port) of the first URL:
    /// a document cannot send them elsewhere by importing from another host.
    pub credentials: Option<(String, Secret)>,
    /// How `credentials` are presented.
    pub auth: Auth,
    /// An explicit proxy URL (`http://` or `https://`), without credentials.
    pub proxy: Option<String>,
    /// User and password for the proxy.
    pub proxy_credentials: Option<(String, Secret)>,
    /// Ignore HTTPS_PROXY / HTTP_PROXY / NO_PROXY.
    pub no_env_proxy: bool,
    /// Extra trusted CA certificates (PEM files).
    pub ca_certs: Vec<PathBuf>,
    /// Trust the platform's certificate store too.
    pub platform_roots: bool,
    /// Client certificate and its key (PEM files), for mutual TLS.
    pub client_certificate: Option<(PathBuf, PathBuf)>,
}

/// The transport for fetching; `with_credentials` is false for URLs on another origin
/// than the first one.
pub(super) fn transport(c: &Connection, with_credentials: bool) -> Result<HttpTransport, Error> {
    let mut transport = HttpTransport::new();
    if let Some(timeout) = c.timeout {
        transport = transport.with_timeout(timeout);
    }
    let credentials = c.credentials.as_ref().filter(|_| with_credentials);
    if let (Some((user, password)), Auth::Basic) = (credentials, c.auth) {
        transport = transport.with_basic_auth(user.clone(), password.clone());
    }

    if let Some(url) = &c.proxy {
        let mut proxy = soapgen_runtime::Proxy::new(url).map_err(|e| setting("--proxy", e))?;
        if let Some((user, password)) = &c.proxy_credentials {
            proxy = proxy.with_credentials(user.clone(), password.clone());
        }
        transport = transport.with_proxy(proxy);
    }
    if c.no_env_proxy {
        transport = transport.without_env_proxy();
    }
    if c.platform_roots {
        transport = transport.with_platform_roots();
    }
    for path in &c.ca_certs {
        let pem = read(path)?;
        transport = transport.with_root_certificates_pem(&pem).map_err(|e| setting(path, e))?;
    }
    if let Some((cert, key)) = &c.client_certificate {
        let (cert_pem, key_pem) = (read(cert)?, read(key)?);
        transport = transport
            .with_client_certificate_pem(&cert_pem, &key_pem)
            .map_err(|e| setting(cert, e))?;
    }
    match (credentials, c.auth) {
        (Some((user, pw)), Auth::Digest) => {
            transport = transport.with_digest_auth(user.clone(), pw.clone());
        }
        (Some((user, pw)), Auth::Ntlm) => {
            transport = transport.with_ntlm_auth(user.clone(), pw.clone());
        }
        _ => {}
    }
    Ok(transport)
}

/// A PEM file's bytes.
fn read(path: &std::path::Path) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|source| Error::Io { path: path.display().to_string(), source })
}

/// A setting the runtime refused (a bad proxy URL, an unreadable certificate).
fn setting(what: impl AsRef<std::path::Path>, e: soapgen_runtime::Error) -> Error {
    Error::Fetch(format!("{}: {e}", what.as_ref().display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_stay_out_of_debug_and_errors() {
        let c = Connection {
            credentials: Some(("me".into(), "canary-user-pw".into())),
            proxy: Some("http://127.0.0.1:3128".into()),
            proxy_credentials: Some(("proxy-me".into(), "canary-proxy-pw".into())),
            ..Connection::default()
        };
        let shown = format!("{c:?}");
        assert!(shown.contains("me") && shown.contains("proxy-me"), "{shown}");
        assert!(!shown.contains("canary"), "{shown}");
        let shown = format!("{:?}", transport(&c, true).unwrap());
        assert!(shown.contains("proxy-me") && !shown.contains("canary"), "{shown}");
        let bad = Connection { proxy: Some("ftp://canary-host:x".into()), ..c.clone() };
        let e = transport(&bad, true).unwrap_err().to_string();
        assert!(e.contains("--proxy") && !e.contains("canary-proxy-pw"), "{e}");
        let direct = Connection { proxy: None, proxy_credentials: None, ..c };
        let shown = format!("{:?}", transport(&direct, true).unwrap());
        assert!(shown.contains("\"me\"") && !shown.contains("canary"), "{shown}");
    }
}
