//! WS-Security UsernameToken (OASIS Username Token Profile 1.0/1.1), the SOAP header many
//! services authenticate with.
//!
//! A generated SOAP client sends it with every call once turned on:
//!
//! ```
//! use soapgen_runtime::wssecurity::UsernameToken;
//!
//! let token = UsernameToken::digest("alice", "s3cret");
//! // let client = SomeServiceClient::new().with_ws_security(token);
//! assert!(!format!("{token:?}").contains("s3cret"));
//! ```

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use sha1::{Digest as _, Sha1};

use crate::secret::Secret;
use crate::soap::SoapVersion;
use crate::xml::XmlWriter;

/// The `wsse` namespace (WS-Security 1.0 secext).
pub const WSSE_NS: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
/// The `wsu` namespace (WS-Security 1.0 utility).
pub const WSU_NS: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
const PROFILE: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0";
const BASE64_ENCODING: &str = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";

/// How the password travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordType {
    /// The password itself (`#PasswordText`): use only over TLS.
    Text,
    /// `Base64(SHA-1(nonce + created + password))` (`#PasswordDigest`) with a fresh
    /// 16-byte nonce and the current UTC time, so the password itself is never sent.
    Digest,
}

/// A `wsse:Security` header carrying a `wsse:UsernameToken`.
///
/// `Debug` never shows the password; the token is written with `mustUnderstand="1"` unless
/// [`must_understand(false)`](Self::must_understand) says otherwise.
#[derive(Clone, PartialEq, Eq)]
pub struct UsernameToken {
    username: String,
    password: Secret,
    kind: PasswordType,
    must_understand: bool,
}

/// The parts of a token that change with every request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Freshness {
    /// The nonce's bytes (sent Base64-encoded).
    pub nonce: Vec<u8>,
    /// The creation time as sent, e.g. `2010-09-16T07:50:45Z`.
    pub created: String,
}

impl UsernameToken {
    /// A token sending the password as text (`#PasswordText`).
    pub fn text(username: impl Into<String>, password: impl Into<Secret>) -> Self {
        Self::new(username.into(), password.into(), PasswordType::Text)
    }

    /// A token sending a password digest with a nonce and creation time (`#PasswordDigest`).
    pub fn digest(username: impl Into<String>, password: impl Into<Secret>) -> Self {
        Self::new(username.into(), password.into(), PasswordType::Digest)
    }

    fn new(username: String, password: Secret, kind: PasswordType) -> Self {
        UsernameToken { username, password, kind, must_understand: true }
    }

    /// Whether the header is marked `mustUnderstand="1"` (default `true`).
    pub fn must_understand(mut self, yes: bool) -> Self {
        self.must_understand = yes;
        self
    }

    /// The user name.
    pub fn username(&self) -> &str {
        &self.username
    }

    /// How the password travels.
    pub fn password_type(&self) -> PasswordType {
        self.kind
    }

    /// Writes the `wsse:Security` header block with a fresh nonce and the current time.
    /// Called inside `soap:Header`, whose envelope prefix is in scope.
    pub fn write_header(&self, w: &mut XmlWriter, version: SoapVersion) {
        let fresh = match self.kind {
            PasswordType::Text => None,
            PasswordType::Digest => Some(Freshness { nonce: nonce(), created: now_utc() }),
        };
        self.write_header_with(w, version, fresh.as_ref());
    }

    /// Writes the header block with the given nonce and time (for the digest; `None` for
    /// a text password sends neither). For tests and replaying known vectors.
    pub fn write_header_with(
        &self,
        w: &mut XmlWriter,
        version: SoapVersion,
        fresh: Option<&Freshness>,
    ) {
        w.start_prefixed("wsse:Security");
        w.declare_prefix("wsse", WSSE_NS);
        if self.must_understand {
            w.attr_ns(version.envelope_ns(), "mustUnderstand", "1");
        }
        w.start_prefixed("wsse:UsernameToken");
        w.declare_prefix("wsu", WSU_NS);
        w.start_prefixed("wsse:Username");
        w.text(&self.username);
        w.end("wsse:Username");
        let (password, kind) = match (self.kind, fresh) {
            (PasswordType::Digest, Some(fresh)) => {
                (password_digest(&fresh.nonce, &fresh.created, &self.password), "Digest")
            }
            _ => (self.password.expose().to_owned(), "Text"),
        };
        w.start_prefixed("wsse:Password");
        w.attr("Type", &format!("{PROFILE}#Password{kind}"));
        w.text(&password);
        w.end("wsse:Password");
        if let Some(fresh) = fresh {
            w.start_prefixed("wsse:Nonce");
            w.attr("EncodingType", BASE64_ENCODING);
            w.text(&base64::engine::general_purpose::STANDARD.encode(&fresh.nonce));
            w.end("wsse:Nonce");
            w.start_prefixed("wsu:Created");
            w.text(&fresh.created);
            w.end("wsu:Created");
        }
        w.end("wsse:UsernameToken");
        w.end("wsse:Security");
    }
}

impl fmt::Debug for UsernameToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UsernameToken")
            .field("username", &self.username)
            .field("password", &self.password)
            .field("kind", &self.kind)
            .finish()
    }
}

/// `Base64(SHA-1(nonce + created + password))`, as the Username Token Profile defines it.
pub fn password_digest(nonce: &[u8], created: &str, password: &Secret) -> String {
    let mut sha = Sha1::new();
    sha.update(nonce);
    sha.update(created.as_bytes());
    sha.update(password.expose().as_bytes());
    base64::engine::general_purpose::STANDARD.encode(sha.finalize())
}

/// 16 bytes from the operating system's random source. The nonce protects against
/// replay, so a failing source (which the OS does not do in practice) must not yield a
/// predictable one: it falls back to hashing the time and a counter, never to zeros.
pub(crate) fn nonce() -> Vec<u8> {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        use std::sync::atomic::{AtomicU64, Ordering};
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let t = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
        let mut sha = Sha1::new();
        sha.update(t.as_nanos().to_le_bytes());
        sha.update(COUNTER.fetch_add(1, Ordering::Relaxed).to_le_bytes());
        sha.update(std::process::id().to_le_bytes());
        bytes.copy_from_slice(&sha.finalize()[..16]);
    }
    bytes.to_vec()
}

/// The current UTC time as `YYYY-MM-DDThh:mm:ss.mmmZ`.
fn now_utc() -> String {
    let since = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    format_utc(since.as_secs(), since.subsec_millis())
}

/// Formats seconds since the Unix epoch (and milliseconds) as an xs:dateTime in UTC.
fn format_utc(secs: u64, millis: u32) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (year, month, day) = crate::value::civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{millis:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_format_as_utc() {
        assert_eq!(format_utc(0, 0), "1970-01-01T00:00:00.000Z");
        // 2010-09-16T07:50:45Z, the ONVIF guide's example time.
        assert_eq!(format_utc(1_284_623_445, 7), "2010-09-16T07:50:45.007Z");
        assert_eq!(format_utc(951_782_400, 0), "2000-02-29T00:00:00.000Z");
        assert_eq!(format_utc(4_107_542_399, 999), "2100-02-28T23:59:59.999Z");
    }

    #[test]
    fn nonces_differ() {
        assert_eq!(nonce().len(), 16);
        assert_ne!(nonce(), nonce());
    }
}
