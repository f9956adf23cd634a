//! How the built-in transports reach a server: proxies (explicit or from the environment),
//! trust roots and client certificates, and the errors these cause, shared by
//! [`HttpTransport`](super::HttpTransport) and `AsyncHttpTransport` so both behave alike.

use std::error::Error as StdError;
use std::fmt;
use std::sync::Arc;

use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

use super::redact;
use crate::error::{Error, TransportError, TransportErrorKind};
use crate::secret::Secret;

/// A forward proxy: `http://host:port` (requests to `http://` endpoints are forwarded, TLS to
/// `https://` endpoints is tunnelled with `CONNECT`) or `https://host:port` (the same, over
/// TLS to the proxy). Its credentials are sent as `Proxy-Authorization: Basic` and never
/// appear in `Debug` output or errors.
///
/// ```
/// # fn main() -> Result<(), soapgen_runtime::Error> {
/// let proxy = soapgen_runtime::Proxy::new("http://proxy.corp.example:3128")?
///     .with_credentials("alice", "s3cret");
/// let transport = soapgen_runtime::HttpTransport::new().with_proxy(proxy);
/// # Ok(()) }
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Proxy {
    secure: bool,
    /// `host:port`, IPv6 addresses in brackets.
    host: String,
    port: u16,
    user: Option<String>,
    password: Option<Secret>,
}

impl Proxy {
    /// Reads `http://[user:password@]host[:port]` or `https://…` (the port defaults to 80
    /// and 443; user and password are percent-decoded). A URL without a scheme is taken as
    /// `http://`, as in `HTTP_PROXY`.
    ///
    /// # Errors
    /// A [`TransportErrorKind::Config`] error naming what is wrong (another scheme, no host,
    /// a bad port, a path), never the credentials.
    pub fn new(url: &str) -> Result<Proxy, Error> {
        let bad = |why: &str| {
            config_error(format!("invalid proxy URL `{}`: {why}", redact::url(url.trim())))
        };
        let url = url.trim();
        let (secure, rest) = match url.split_once("://") {
            None => (false, url),
            Some((scheme, rest)) if scheme.eq_ignore_ascii_case("http") => (false, rest),
            Some((scheme, rest)) if scheme.eq_ignore_ascii_case("https") => (true, rest),
            Some((scheme, _)) => {
                return Err(bad(&format!(
                    "the scheme `{scheme}` is not supported (use http:// or https://)"
                )));
            }
        };
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, path) = rest.split_at(end);
        if !(path.is_empty() || path == "/") {
            return Err(bad("a proxy URL has no path or query"));
        }
        let (userinfo, host_port) = match authority.rsplit_once('@') {
            Some((userinfo, host_port)) => (Some(userinfo), host_port),
            None => (None, authority),
        };
        let (host, port) = split_host_port(host_port).ok_or_else(|| bad("bad host or port"))?;
        let port = match port {
            Some(port) => port,
            None if secure => 443,
            None => 80,
        };
        let mut proxy = Proxy { secure, host, port, user: None, password: None };
        if let Some(userinfo) = userinfo {
            let (user, password) = userinfo.split_once(':').unwrap_or((userinfo, ""));
            let decode =
                |s: &str| percent_decode(s).ok_or_else(|| bad("bad %-escape in user info"));
            proxy.user = Some(decode(user)?);
            proxy.password = Some(Secret::new(decode(password)?));
        }
        Ok(proxy)
    }

    /// Authenticates to the proxy with Basic credentials (replacing any in the URL).
    pub fn with_credentials(
        mut self,
        user: impl Into<String>,
        password: impl Into<Secret>,
    ) -> Proxy {
        self.user = Some(user.into());
        self.password = Some(password.into());
        self
    }

    /// `host:port` of the proxy, as shown in error messages.
    pub fn host(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }

    /// The user, for the fuzz driver's check that the password is never shown.
    pub(crate) fn user_for_fuzzing(&self) -> Option<&str> {
        self.user.as_deref()
    }

    /// The URL without credentials.
    fn url(&self) -> String {
        format!("{}://{}:{}", if self.secure { "https" } else { "http" }, self.host, self.port)
    }
}

impl fmt::Debug for Proxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Proxy")
            .field("url", &self.url())
            .field("user", &self.user)
            .field("password", &self.password)
            .finish()
    }
}

/// `host[:port]` with the host checked (a name, an IPv4 address or a bracketed IPv6 one).
fn split_host_port(s: &str) -> Option<(String, Option<u16>)> {
    let (host, port) = if let Some(rest) = s.strip_prefix('[') {
        let (v6, after) = rest.split_once(']')?;
        v6.parse::<std::net::Ipv6Addr>().ok()?;
        (&s[..v6.len() + 2], after.strip_prefix(':'))
    } else {
        match s.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (s, None),
        }
    };
    let name_ok = host.starts_with('[')
        || (!host.is_empty()
            && host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')));
    if !name_ok {
        return None;
    }
    let port = match port {
        Some(port) => Some(port.parse::<u16>().ok().filter(|&p| p != 0)?),
        None => None,
    };
    Some((host.to_owned(), port))
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Which proxy a transport uses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
enum ProxyChoice {
    /// `HTTPS_PROXY` / `HTTP_PROXY` / `ALL_PROXY` / `NO_PROXY`, read when the client is built.
    #[default]
    Environment,
    /// None at all.
    Direct,
    /// This one, for every request (shared: settings are cloned into every async call).
    Explicit(Arc<Proxy>),
}

/// The proxies of one client, by the scheme of the endpoint.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Routes {
    pub http: Option<Proxy>,
    pub https: Option<Proxy>,
    /// `NO_PROXY` as written: hosts that bypass the proxies from the environment.
    pub no_proxy: Option<String>,
}

impl Routes {
    fn read(choice: &ProxyChoice) -> Routes {
        match choice {
            ProxyChoice::Direct => Routes::default(),
            ProxyChoice::Explicit(proxy) => Routes {
                http: Some(Proxy::clone(proxy)),
                https: Some(Proxy::clone(proxy)),
                no_proxy: None,
            },
            ProxyChoice::Environment => Routes::from_env(),
        }
    }

    /// The proxy variables as curl reads them: lower case first; `HTTP_PROXY` in upper case
    /// is ignored inside a CGI script, where a client's `Proxy:` header would set it
    /// ("httpoxy"). An unusable value is ignored, as curl and reqwest do.
    fn from_env() -> Routes {
        let var = |names: &[&str]| {
            names.iter().find_map(|name| {
                std::env::var(name).ok().map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
            })
        };
        let proxy = |value: Option<String>| value.and_then(|v| Proxy::new(&v).ok());
        let all = var(&["all_proxy", "ALL_PROXY"]);
        let cgi = std::env::var_os("REQUEST_METHOD").is_some();
        let http = if cgi { var(&["http_proxy"]) } else { var(&["http_proxy", "HTTP_PROXY"]) };
        Routes {
            http: proxy(http.or_else(|| all.clone())),
            https: proxy(var(&["https_proxy", "HTTPS_PROXY"]).or(all)),
            no_proxy: var(&["no_proxy", "NO_PROXY"]),
        }
    }

    /// The proxy used for `url` (ignoring `NO_PROXY`), for error messages.
    pub fn for_url(&self, url: &str) -> Option<&Proxy> {
        if is_plain_http(url) { self.http.as_ref() } else { self.https.as_ref() }
    }

    #[cfg(feature = "blocking")]
    fn no_proxy_entries(&self) -> impl Iterator<Item = &str> {
        self.no_proxy
            .iter()
            .flat_map(|list| list.split(','))
            .map(str::trim)
            .filter(|e| !e.is_empty())
    }
}

/// Whether `url` is `http://` (else it is taken as `https://`).
pub(crate) fn is_plain_http(url: &str) -> bool {
    url.get(..7).is_some_and(|scheme| scheme.eq_ignore_ascii_case("http://"))
}

/// Trust roots and a client certificate. `None` in [`Connect`] means the crates' defaults
/// (the webpki roots, no client certificate), so a plain transport builds as before.
#[derive(Default)]
struct Tls {
    extra_roots: Vec<CertificateDer<'static>>,
    platform_roots: Vec<CertificateDer<'static>>,
    client: Option<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>)>,
}

impl Clone for Tls {
    fn clone(&self) -> Self {
        Tls {
            extra_roots: self.extra_roots.clone(),
            platform_roots: self.platform_roots.clone(),
            client: self.client.as_ref().map(|(chain, key)| (chain.clone(), key.clone_key())),
        }
    }
}

/// Connection settings of a built-in transport: cheap to clone (an enum and two `Arc`s).
#[derive(Clone, Default)]
pub(crate) struct Connect {
    proxy: ProxyChoice,
    tls: Option<Arc<Tls>>,
    /// The proxies of the client as last built, for error messages.
    routes: Arc<Routes>,
    /// The caller built the HTTP client; the runtime enforces its limits per request.
    pub own_client: bool,
}

/// What is set, without key material: proxies (passwords redacted by `Proxy`), how many
/// roots were added, whether a client certificate is.
impl fmt::Debug for Connect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Connect");
        if self.own_client {
            return d.field("own_client", &true).finish();
        }
        d.field("proxy", &self.proxy).field("routes", &self.routes);
        if let Some(tls) = &self.tls {
            d.field("extra_roots", &tls.extra_roots.len())
                .field("platform_roots", &tls.platform_roots.len())
                .field("client_certificate", &tls.client.is_some());
        }
        d.finish()
    }
}

impl Connect {
    /// Settings for a client the caller built.
    pub fn own_client() -> Connect {
        Connect { own_client: true, ..Connect::default() }
    }

    fn assert_runtime_client(&self, what: &str) {
        assert!(
            !self.own_client,
            "{what} configures the HTTP client the runtime builds; this transport was built \
             from your own client, so configure that client instead"
        );
    }

    pub fn set_proxy(&mut self, proxy: Proxy) {
        self.assert_runtime_client("with_proxy");
        self.proxy = ProxyChoice::Explicit(Arc::new(proxy));
    }

    pub fn disable_env_proxy(&mut self) {
        self.assert_runtime_client("without_env_proxy");
        if self.proxy == ProxyChoice::Environment {
            self.proxy = ProxyChoice::Direct;
        }
    }

    fn tls_mut(&mut self, what: &str) -> &mut Tls {
        self.assert_runtime_client(what);
        Arc::make_mut(self.tls.get_or_insert_with(Default::default))
    }

    pub fn add_root_certificates_pem(&mut self, pem: &[u8]) -> Result<(), Error> {
        let certs = read_certificates(pem, "root certificates")?;
        let mut store = rustls::RootCertStore::empty();
        for cert in &certs {
            store.add(cert.clone()).map_err(|e| {
                config_error(format!("a root certificate in the PEM is not usable: {e}"))
            })?;
        }
        self.tls_mut("with_root_certificates_pem").extra_roots.extend(certs);
        Ok(())
    }

    /// Loads the operating system's trust store now (on Unix, `SSL_CERT_FILE` and
    /// `SSL_CERT_DIR` choose it, as for OpenSSL).
    pub fn add_platform_roots(&mut self) {
        let loaded = rustls_native_certs::load_native_certs();
        self.tls_mut("with_platform_roots").platform_roots = loaded.certs;
    }

    pub fn set_client_certificate_pem(
        &mut self,
        chain_pem: &[u8],
        key_pem: &[u8],
    ) -> Result<(), Error> {
        let chain = read_certificates(chain_pem, "client certificate chain")?;
        // The key's own parse error could quote it: only say what kind of problem it is.
        let key = PrivateKeyDer::from_pem_slice(key_pem).map_err(|e| {
            let why = match e {
                rustls::pki_types::pem::Error::NoItemsFound => {
                    "no PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block found"
                }
                _ => "not valid PEM",
            };
            config_error(format!("the client certificate's private key: {why}"))
        })?;
        self.set_client_identity(chain, key, "with_client_certificate_pem")
    }

    /// Reads the first key and its certificate chain from a PKCS#12 (.p12/.pfx) file.
    #[cfg(feature = "pkcs12")]
    pub fn set_client_pkcs12(&mut self, der: &[u8], password: &Secret) -> Result<(), Error> {
        use p12_keystore::{KeyStore, Pkcs12ImportPolicy};
        // The library's messages name what failed in the file, never the password.
        let store = KeyStore::from_pkcs12(der, password.expose(), Pkcs12ImportPolicy::Strict)
            .map_err(|e| {
                let why = match e {
                    p12_keystore::error::Error::MacError(_) => {
                        "the password is wrong (the file's MAC does not verify)".to_owned()
                    }
                    other => format!("not a PKCS#12 file this can read ({other})"),
                };
                config_error(format!("the PKCS#12 client certificate: {why}"))
            })?;
        let (_, keychain) = store.private_key_chain().ok_or_else(|| {
            config_error(
                "the PKCS#12 client certificate: no private key with its certificate in it"
                    .to_owned(),
            )
        })?;
        let chain =
            keychain.certs().iter().map(|c| CertificateDer::from(c.as_der().to_vec())).collect();
        let key = PrivateKeyDer::Pkcs8(keychain.key().as_der().to_vec().into());
        self.set_client_identity(chain, key, "with_client_pkcs12")
    }

    fn set_client_identity(
        &mut self,
        chain: Vec<CertificateDer<'static>>,
        key: PrivateKeyDer<'static>,
        what: &str,
    ) -> Result<(), Error> {
        // rustls checks now that the key fits the certificate, so a mistake is an error here
        // and not a failed handshake later.
        rustls::ClientConfig::builder_with_provider(provider())
            .with_safe_default_protocol_versions()
            .expect("ring supports the default versions")
            .with_root_certificates(rustls::RootCertStore::empty())
            .with_client_auth_cert(chain.clone(), key.clone_key())
            .map_err(|e| {
                config_error(format!("the client certificate and key do not go together: {e}"))
            })?;
        self.tls_mut(what).client = Some((chain, key));
        Ok(())
    }

    /// Whether a client certificate is configured (unknown for the caller's own client).
    fn has_client_certificate(&self) -> Option<bool> {
        (!self.own_client).then(|| self.tls.as_ref().is_some_and(|tls| tls.client.is_some()))
    }

    /// The proxy `url` goes through, as far as the runtime knows.
    pub fn proxy_for(&self, url: &str) -> Option<&Proxy> {
        self.routes.for_url(url)
    }

    /// The error for a transport failure that the proxy or TLS explains, if it is one.
    pub fn explain(&self, e: &(dyn StdError + 'static), url: &str) -> Option<Error> {
        if let Some(tls) = find_rustls(e) {
            return Some(tls_error(redact::host(url), tls, self.has_client_certificate()));
        }
        let message = chain_text(e);
        let proxy = self.proxy_for(url);
        // ureq: "proxy server responded 407/…"; hyper-util: "proxy authorization required",
        // and only "tunnel error: unsuccessful" for any other answer.
        if message.contains("responded 407/") || message.contains("proxy authorization required") {
            return Some(proxy_auth_required(proxy, 407));
        }
        // tinyproxy, among others, answers wrong credentials with 401.
        if message.contains("responded 401/") {
            return Some(proxy_auth_required(proxy, 401));
        }
        if message.contains("CONNECT proxy failed") || message.contains("tunnel error") {
            let which =
                proxy.map_or_else(|| "the proxy".to_owned(), |p| format!("the proxy {}", p.host()));
            return Some(Error::Transport(TransportError::new(
                TransportErrorKind::Connect,
                format!(
                    "{which} refused to open a tunnel to {} (its answer to CONNECT was not 200: \
                     wrong proxy credentials, or a destination it does not allow)",
                    redact::host(url)
                ),
            )));
        }
        None
    }
}

fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

fn read_certificates(pem: &[u8], what: &str) -> Result<Vec<CertificateDer<'static>>, Error> {
    let certs = CertificateDer::pem_slice_iter(pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| config_error(format!("the {what}: not valid PEM ({e})")))?;
    if certs.is_empty() {
        return Err(config_error(format!("the {what}: no CERTIFICATE block found in the PEM")));
    }
    Ok(certs)
}

/// Error for a setting that cannot be used.
fn config_error(message: String) -> Error {
    Error::Transport(TransportError::new(TransportErrorKind::Config, message))
}

/// The error for HTTP 407: the proxy wants (other) credentials.
/// The error for a proxy's 407 (or 401 to `CONNECT`): it wants credentials, or other ones.
pub(crate) fn proxy_auth_required(proxy: Option<&Proxy>, status: u16) -> Error {
    let which = proxy.map_or_else(|| "the proxy".to_owned(), |p| format!("the proxy {}", p.host()));
    Error::Transport(TransportError::new(
        TransportErrorKind::ProxyAuth,
        format!(
            "proxy authentication required: {which} answered {status} (give credentials with \
             Proxy::with_credentials, or check them)"
        ),
    ))
}

/// The error for a redirect the caller's own reqwest client followed.
#[cfg(feature = "async")]
pub(crate) fn redirect_followed(to: &str) -> Error {
    config_error(format!(
        "your HTTP client followed a redirect to {} and its answer is not used: build it with \
         redirect::Policy::none(), a SOAP request must not be re-sent to a URL the server picks",
        redact::url(to)
    ))
}

/// The rustls error behind `e`, looking inside `io::Error`s (whose `source` skips the
/// error they wrap).
fn find_rustls<'e>(e: &'e (dyn StdError + 'static)) -> Option<&'e rustls::Error> {
    let mut next = Some(e);
    while let Some(e) = next {
        if let Some(tls) = e.downcast_ref::<rustls::Error>() {
            return Some(tls);
        }
        // An io::Error's `source` is its inner error's source: look at the inner one itself.
        next = match e.downcast_ref::<std::io::Error>().and_then(|io| io.get_ref()) {
            Some(inner) => Some(inner as &(dyn StdError + 'static)),
            None => e.source(),
        };
    }
    None
}

fn chain_text(e: &(dyn StdError + 'static)) -> String {
    let mut text = e.to_string();
    let mut next = e.source();
    while let Some(e) = next {
        text.push_str(": ");
        text.push_str(&e.to_string());
        next = e.source();
    }
    text
}

/// A TLS failure with `host`, said as a user would want to read it.
pub(crate) fn tls_error(host: &str, e: &rustls::Error, has_client_cert: Option<bool>) -> Error {
    use rustls::{AlertDescription as Alert, CertificateError as Cert};
    let reason = match e {
        rustls::Error::InvalidCertificate(cert) => match cert {
            Cert::UnknownIssuer => "the server's certificate was issued by an unknown CA, \
                                    not one of the trusted roots (add its CA with \
                                    with_root_certificates_pem, or use with_platform_roots)"
                .to_owned(),
            Cert::Expired | Cert::ExpiredContext { .. } => {
                "the server's certificate has expired".to_owned()
            }
            Cert::NotValidYet | Cert::NotValidYetContext { .. } => {
                "the server's certificate is not valid yet".to_owned()
            }
            Cert::NotValidForName | Cert::NotValidForNameContext { .. } => {
                let host_name = host.rsplit_once(':').map_or(host, |(name, _)| name);
                format!("the server's certificate is for another name, not {host_name} ({cert})")
            }
            Cert::Revoked => "the server's certificate has been revoked".to_owned(),
            Cert::BadSignature => "the server's certificate has a bad signature".to_owned(),
            other => format!("the server's certificate was refused: {other}"),
        },
        rustls::Error::AlertReceived(alert) => match (alert, has_client_cert) {
            (Alert::CertificateRequired, _) | (Alert::HandshakeFailure, Some(false)) => {
                "the server requires a client certificate and none was configured (use \
                 with_client_certificate_pem)"
                    .to_owned()
            }
            (
                Alert::UnknownCA
                | Alert::BadCertificate
                | Alert::CertificateUnknown
                | Alert::AccessDenied
                | Alert::DecryptError,
                Some(true) | None,
            ) => format!("the server refused the client certificate (TLS alert: {alert:?})"),
            (alert, _) => format!("the server ended the handshake (TLS alert: {alert:?})"),
        },
        other => other.to_string(),
    };
    Error::Transport(TransportError::new(
        TransportErrorKind::Tls,
        format!("TLS error with {host}: {reason}"),
    ))
}

#[cfg(feature = "blocking")]
pub(crate) mod ureq_client {
    //! Building ureq agents from the settings.

    use base64::Engine as _;

    use super::*;
    use crate::transport::config::Config;

    /// The agents of a transport: one for `https://` endpoints and, when the environment
    /// gives `http://` endpoints another proxy, one for those.
    pub fn agents(config: &Config, connect: &mut Connect) -> (ureq::Agent, Option<ureq::Agent>) {
        let routes = Routes::read(&connect.proxy);
        let https = agent(config, connect, routes.https.as_ref(), &routes);
        let http = (routes.http != routes.https)
            .then(|| agent(config, connect, routes.http.as_ref(), &routes));
        connect.routes = Arc::new(routes);
        (https, http)
    }

    fn agent(
        config: &Config,
        connect: &Connect,
        proxy: Option<&Proxy>,
        routes: &Routes,
    ) -> ureq::Agent {
        let mut builder = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(config.timeout))
            .timeout_connect(Some(config.connect_timeout))
            // Redirects are returned, not followed: see `config::is_redirect`.
            .max_redirects(0)
            // NTLM: see `Pipeline::binds_connection`; otherwise the library's default.
            .max_idle_connections_per_host(if config.pipeline.binds_connection() { 1 } else { 3 })
            .user_agent(concat!("soapgen-runtime/", env!("CARGO_PKG_VERSION")))
            .proxy(proxy.map(|p| ureq_proxy(p, routes)));
        if let Some(tls) = &connect.tls {
            builder = builder.tls_config(tls_config(tls));
        }
        builder.build().into()
    }

    fn ureq_proxy(proxy: &Proxy, routes: &Routes) -> ureq::Proxy {
        let protocol =
            if proxy.secure { ureq::ProxyProtocol::Https } else { ureq::ProxyProtocol::Http };
        let mut builder = ureq::Proxy::builder(protocol).host(&proxy.host).port(proxy.port);
        if let Some(user) = &proxy.user {
            builder = builder.username(user);
        }
        if let Some(password) = &proxy.password {
            builder = builder.password(password.expose());
        }
        for entry in routes.no_proxy_entries() {
            builder = builder.no_proxy(entry);
        }
        // `Proxy::new` checked host and port, which is all ureq checks.
        builder.build().expect("a checked proxy URL")
    }

    fn tls_config(tls: &Tls) -> ureq::tls::TlsConfig {
        use ureq::tls::{Certificate, ClientCert, PrivateKey, RootCerts};
        // ureq takes roots as whole certificates: the webpki set as such, then the others.
        let roots = webpki_root_certs::TLS_SERVER_ROOT_CERTS
            .iter()
            .chain(&tls.platform_roots)
            .chain(&tls.extra_roots)
            .map(|der| Certificate::from_der(der.as_ref()).to_owned());
        let mut builder = ureq::tls::TlsConfig::builder()
            .provider(ureq::tls::TlsProvider::Rustls)
            .root_certs(RootCerts::from(roots));
        if let Some((chain, key)) = &tls.client {
            let chain: Vec<_> =
                chain.iter().map(|der| Certificate::from_der(der.as_ref()).to_owned()).collect();
            // ureq takes a key as PEM or as DER with a kind it does not export: PEM it is.
            let label = match key {
                PrivateKeyDer::Pkcs1(_) => "RSA PRIVATE KEY",
                PrivateKeyDer::Sec1(_) => "EC PRIVATE KEY",
                _ => "PRIVATE KEY",
            };
            let base64 = base64::engine::general_purpose::STANDARD.encode(key.secret_der());
            let pem = format!("-----BEGIN {label}-----\n{base64}\n-----END {label}-----\n");
            let key = PrivateKey::from_pem(pem.as_bytes()).expect("a key rustls read").to_owned();
            builder = builder.client_cert(Some(ClientCert::new_with_certs(&chain, key)));
        }
        builder.build()
    }

    /// The error inside `e`, for [`Connect::explain`] (ureq's errors have no `source`).
    pub fn cause(e: &ureq::Error) -> &(dyn StdError + 'static) {
        match e {
            ureq::Error::Io(io) => io,
            ureq::Error::Rustls(tls) => tls,
            other => other,
        }
    }

    /// For the caller's own agent: the runtime's limits on this request (no redirects,
    /// statuses as responses, the call timeout), whatever the agent says.
    pub fn limit_request(
        agent: &ureq::Agent,
        config: &Config,
        request: ureq::http::Request<Vec<u8>>,
    ) -> ureq::http::Request<Vec<u8>> {
        agent
            .configure_request(request)
            .http_status_as_error(false)
            .max_redirects(0)
            .max_redirects_will_error(false)
            .timeout_global(Some(config.timeout))
            .build()
    }
}

#[cfg(feature = "async")]
pub(crate) mod reqwest_client {
    //! Building reqwest clients from the settings.

    use super::*;
    use crate::transport::config::Config;

    pub fn client(config: &Config, connect: &mut Connect) -> reqwest::Client {
        let routes = Routes::read(&connect.proxy);
        let mut builder = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.connect_timeout)
            // Redirects are returned, not followed: see `config::is_redirect`.
            .redirect(reqwest::redirect::Policy::none())
            // NTLM: see `Pipeline::binds_connection`; otherwise the library's default.
            .pool_max_idle_per_host(if config.pipeline.binds_connection() { 1 } else { usize::MAX })
            .user_agent(concat!("soapgen-runtime/", env!("CARGO_PKG_VERSION")))
            // The environment is read by `Routes`, the same way for both transports.
            .no_proxy();
        let no_proxy = routes.no_proxy.as_deref().and_then(reqwest::NoProxy::from_string);
        for (proxy, https) in [(&routes.http, false), (&routes.https, true)] {
            if let Some(proxy) = proxy {
                builder = builder.proxy(reqwest_proxy(proxy, https, no_proxy.clone()));
            }
        }
        if let Some(tls) = &connect.tls {
            builder = builder.use_preconfigured_tls(rustls_config(tls));
        }
        connect.routes = Arc::new(routes);
        builder
            .build()
            // Fails only if the TLS backend cannot initialise, which is a broken build.
            .expect("the reqwest client with rustls builds")
    }

    fn reqwest_proxy(
        proxy: &Proxy,
        https: bool,
        no_proxy: Option<reqwest::NoProxy>,
    ) -> reqwest::Proxy {
        let url = proxy.url();
        let built = if https { reqwest::Proxy::https(&url) } else { reqwest::Proxy::http(&url) };
        // `Proxy::new` checked the URL.
        let mut built = built.expect("a checked proxy URL").no_proxy(no_proxy);
        if let Some(user) = &proxy.user {
            let password = proxy.password.as_ref().map_or("", Secret::expose);
            built = built.basic_auth(user, password);
        }
        built
    }

    fn rustls_config(tls: &Tls) -> rustls::ClientConfig {
        let mut roots = rustls::RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() };
        roots.add_parsable_certificates(tls.platform_roots.iter().cloned());
        // Checked when they were added.
        roots.add_parsable_certificates(tls.extra_roots.iter().cloned());
        let builder = rustls::ClientConfig::builder_with_provider(provider())
            .with_safe_default_protocol_versions()
            .expect("ring supports the default versions")
            .with_root_certificates(roots);
        match &tls.client {
            Some((chain, key)) => builder
                .with_client_auth_cert(chain.clone(), key.clone_key())
                .expect("checked when it was set"),
            None => builder.with_no_client_auth(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CANARY: &str = "canary-Pa55word";

    fn message(e: Error) -> String {
        let shown = format!("{e} {e:?}");
        assert!(!shown.contains(CANARY), "{shown}");
        shown
    }

    #[test]
    fn proxy_urls() {
        let p = Proxy::new("http://proxy.example:3128").unwrap();
        assert_eq!(
            (p.secure, p.host(), p.user.as_deref()),
            (false, "proxy.example:3128".into(), None)
        );
        let p = Proxy::new("https://u%40corp:canary-Pa55word@10.0.0.1/").unwrap();
        assert_eq!(
            (p.secure, p.host(), p.user.as_deref()),
            (true, "10.0.0.1:443".into(), Some("u@corp"))
        );
        assert_eq!(p.password.as_ref().map(Secret::expose), Some(CANARY));
        let shown = format!("{p:?}");
        assert!(!shown.contains(CANARY) && shown.contains("u@corp"), "{shown}");
        assert_eq!(Proxy::new("proxy:8080").unwrap().url(), "http://proxy:8080");
        assert_eq!(Proxy::new("http://[::1]:3128").unwrap().host(), "[::1]:3128");
        let p = Proxy::new("http://h:1").unwrap().with_credentials("bob", CANARY);
        assert!(!format!("{p:?}").contains(CANARY));
    }

    #[test]
    fn bad_proxy_urls_are_clear_and_keep_secrets() {
        for (url, says) in [
            ("socks5://u:canary-Pa55word@h:1080", "the scheme `socks5` is not supported"),
            ("http://u:canary-Pa55word@h:99999", "bad host or port"),
            ("http://u:canary-Pa55word@:8080", "bad host or port"),
            ("http://u:canary-Pa55word@h:8080/path", "no path"),
            ("http://h o:1", "bad host or port"),
            ("http://u:canary%zzPa55word@h:1", "%-escape"),
        ] {
            let e = Proxy::new(url).unwrap_err();
            let shown = message(e.clone());
            assert!(shown.contains(says) && shown.contains("invalid proxy URL"), "{url}: {shown}");
            assert!(matches!(&e, Error::Transport(t) if t.kind() == TransportErrorKind::Config));
        }
    }

    #[test]
    fn bad_pem_is_a_clear_error() {
        let mut connect = Connect::default();
        let e = connect.add_root_certificates_pem(b"hello").unwrap_err();
        assert!(message(e).contains("root certificates: no CERTIFICATE block"));
        let e = connect
            .add_root_certificates_pem(
                b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
            )
            .unwrap_err();
        assert!(message(e).contains("a root certificate in the PEM is not usable"));
        assert!(connect.tls.is_none(), "nothing half-added");
    }

    #[test]
    fn key_without_certificate_and_certificate_without_key() {
        let key = format!(
            "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
            "Y2FuYXJ5LVBhNTV3b3Jk" // "canary-Pa55word", base64: must not be echoed
        );
        let mut connect = Connect::default();
        let e = connect.set_client_certificate_pem(b"", key.as_bytes()).unwrap_err();
        assert!(message(e).contains("client certificate chain: no CERTIFICATE block"));
        let e = connect.set_client_certificate_pem(key.as_bytes(), key.as_bytes()).unwrap_err();
        assert!(message(e).contains("client certificate chain: no CERTIFICATE block"));
    }

    #[test]
    fn env_proxy_is_only_for_the_runtime_client() {
        let mut connect = Connect::own_client();
        let outcome = std::panic::catch_unwind(move || connect.disable_env_proxy());
        assert!(outcome.is_err());
    }

    #[test]
    fn schemes() {
        assert!(is_plain_http("HTTP://h/"));
        assert!(!is_plain_http("https://h/"));
    }
}
