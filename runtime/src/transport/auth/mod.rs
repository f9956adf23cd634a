//! HTTP authentication that takes a challenge and a response: Digest (RFC 7616) and NTLM
//! (MS-NLMP), the latter also inside a `Negotiate` challenge, as IIS accepts it.
//!
//! Kerberos is not done: it needs a KDC and a ticket cache (GSSAPI or SSPI), which no pure
//! Rust crate provides in a well-kept form; servers that offer `Negotiate` accept a raw NTLM
//! token in it (IIS, pyspnego), which is what is sent.

pub mod challenge;
pub mod digest;
pub mod ntlm;

use std::fmt;
use std::sync::{Mutex, PoisonError};

use base64::Engine as _;

use self::challenge::Challenge;
use self::digest::DigestSession;
use self::ntlm::NtlmCredentials;
use super::HttpResponse;
use crate::error::{Error, TransportError, TransportErrorKind};
use crate::secret::Secret;

/// Rounds of challenge and response one request may take: NTLM needs two, Digest one and
/// one more for a stale nonce.
const MAX_ROUNDS: u32 = 3;

/// The credentials of a transport and what it learned from the server.
pub(crate) struct Auth {
    scheme: Scheme,
    /// The last Digest challenge answered, reused for later requests (with the nonce count
    /// going up) so that they need no extra round trip.
    digest: Mutex<Option<DigestSession>>,
}

enum Scheme {
    Digest { user: String, password: Secret },
    Ntlm(NtlmCredentials),
}

impl Auth {
    pub fn digest(user: String, password: Secret) -> Self {
        Auth { scheme: Scheme::Digest { user, password }, digest: Mutex::new(None) }
    }

    pub fn ntlm(user: &str, password: Secret) -> Self {
        Auth {
            scheme: Scheme::Ntlm(NtlmCredentials::new(user, password)),
            digest: Mutex::new(None),
        }
    }

    /// NTLM authenticates a connection, not a request: its handshakes must not interleave.
    pub fn binds_connection(&self) -> bool {
        matches!(self.scheme, Scheme::Ntlm(_))
    }

    fn name(&self) -> &'static str {
        match self.scheme {
            Scheme::Digest { .. } => "Digest",
            Scheme::Ntlm(_) => "NTLM",
        }
    }

    fn user(&self) -> String {
        match &self.scheme {
            Scheme::Digest { user, .. } => user.clone(),
            Scheme::Ntlm(c) => c.display_user(),
        }
    }
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} user {:?}", self.name(), self.user())
    }
}

/// Where one request is in its handshake.
#[derive(Default)]
pub(crate) struct AuthCall {
    rounds: u32,
    /// The header to send next, computed from the last challenge.
    next: Option<Secret>,
    /// The Digest nonce learned during this request and answered in the last send.
    digest_answered: bool,
    ntlm: NtlmState,
}

#[derive(Default)]
enum NtlmState {
    #[default]
    Idle,
    /// NEGOTIATE sent under this scheme (`NTLM` or `Negotiate`).
    Negotiated { scheme: &'static str, negotiate: Vec<u8> },
    /// AUTHENTICATE sent.
    Authenticated,
}

/// What to do with a response.
pub(crate) enum AuthStep {
    /// Give it to the caller.
    Done,
    /// Send the request again with the next header.
    Again,
    /// Give up with this error.
    Fail(Error),
}

impl AuthCall {
    /// The `Authorization` value for the next send of `method` to `url`, if any.
    pub fn header(&mut self, auth: &Auth, method: &str, url: &str) -> Option<Secret> {
        if let Some(next) = self.next.take() {
            return Some(next);
        }
        let Scheme::Digest { user, password } = &auth.scheme else { return None };
        let mut learned = auth.digest.lock().unwrap_or_else(PoisonError::into_inner);
        let session = learned.as_mut()?;
        Some(session.authorization(user, password, method, &request_target(url), &cnonce()))
    }

    /// Reads a response to a request sent to `host`.
    pub fn on_response(
        &mut self,
        auth: &Auth,
        method: &str,
        url: &str,
        response: &HttpResponse,
    ) -> AuthStep {
        if response.status != 401 {
            return AuthStep::Done;
        }
        let host = super::redact::host(url);
        let challenges = match challenge::parse_all(response.headers_named("www-authenticate")) {
            Ok(c) => c,
            Err(e) => return AuthStep::Fail(auth_error(format!("{host}: {e}"))),
        };
        if self.rounds >= MAX_ROUNDS {
            return AuthStep::Fail(refused(auth, host, "after the handshake"));
        }
        self.rounds += 1;
        match &auth.scheme {
            Scheme::Digest { user, password } => {
                self.on_digest(auth, user, password, method, url, host, &challenges)
            }
            Scheme::Ntlm(credentials) => self.on_ntlm(auth, credentials, host, &challenges),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn on_digest(
        &mut self,
        auth: &Auth,
        user: &str,
        password: &Secret,
        method: &str,
        url: &str,
        host: &str,
        challenges: &[Challenge],
    ) -> AuthStep {
        let Some(picked) = DigestSession::pick(challenges) else {
            return AuthStep::Fail(not_offered(auth, host, challenges));
        };
        let mut session = match picked {
            Ok(session) => session,
            Err(why) => return AuthStep::Fail(auth_error(format!("{host}: {why}"))),
        };
        let stale = challenges.iter().any(|c| {
            c.is("Digest")
                && c.param("nonce") == Some(session.nonce())
                && DigestSession::is_stale(c)
        });
        if self.digest_answered && !stale {
            return AuthStep::Fail(refused(auth, host, "after the handshake"));
        }
        self.next =
            Some(session.authorization(user, password, method, &request_target(url), &cnonce()));
        self.digest_answered = true;
        *auth.digest.lock().unwrap_or_else(PoisonError::into_inner) = Some(session);
        AuthStep::Again
    }

    fn on_ntlm(
        &mut self,
        auth: &Auth,
        credentials: &NtlmCredentials,
        host: &str,
        challenges: &[Challenge],
    ) -> AuthStep {
        let offered = |scheme: &str| challenges.iter().find(|c| c.is(scheme));
        match std::mem::take(&mut self.ntlm) {
            NtlmState::Idle => {
                // Prefer plain NTLM; a Negotiate-only server takes the same token under its name.
                let scheme = if offered("NTLM").is_some() {
                    "NTLM"
                } else if offered("Negotiate").is_some() {
                    "Negotiate"
                } else {
                    return AuthStep::Fail(not_offered(auth, host, challenges));
                };
                let negotiate = ntlm::negotiate_message();
                self.next = Some(token_header(scheme, &negotiate));
                self.ntlm = NtlmState::Negotiated { scheme, negotiate };
                AuthStep::Again
            }
            NtlmState::Negotiated { scheme, negotiate } => {
                let Some(token) = offered(scheme).and_then(|c| c.token68.as_deref()) else {
                    return AuthStep::Fail(refused(auth, host, "at the NTLM negotiation"));
                };
                let raw = match base64::engine::general_purpose::STANDARD.decode(token) {
                    Ok(raw) => raw,
                    Err(_) => {
                        return AuthStep::Fail(auth_error(format!(
                            "{host}: the {scheme} challenge is not base64"
                        )));
                    }
                };
                let parsed = match ntlm::parse_challenge(&raw) {
                    Ok(parsed) => parsed,
                    Err(e) => {
                        let hint = if scheme == "Negotiate" {
                            " (the server answered with something other than NTLM, e.g. \
                             Kerberos/SPNEGO, which this transport does not do)"
                        } else {
                            ""
                        };
                        return AuthStep::Fail(auth_error(format!("{host}: {e}{hint}")));
                    }
                };
                let fresh =
                    ntlm::Freshness { client_challenge: random_bytes(), now: ntlm::filetime_now() };
                let message =
                    ntlm::authenticate_message(credentials, &negotiate, &raw, &parsed, &fresh);
                self.next = Some(token_header(scheme, &message));
                self.ntlm = NtlmState::Authenticated;
                AuthStep::Again
            }
            NtlmState::Authenticated => AuthStep::Fail(refused(auth, host, "after the handshake")),
        }
    }
}

fn token_header(scheme: &str, token: &[u8]) -> Secret {
    Secret::new(format!("{scheme} {}", base64::engine::general_purpose::STANDARD.encode(token)))
}

fn auth_error(message: String) -> Error {
    Error::Transport(TransportError::new(TransportErrorKind::Auth, message))
}

fn refused(auth: &Auth, host: &str, when: &str) -> Error {
    auth_error(format!(
        "{host} refused the {} credentials of user {:?} (HTTP 401 {when})",
        auth.name(),
        auth.user()
    ))
}

fn not_offered(auth: &Auth, host: &str, challenges: &[Challenge]) -> Error {
    let offered: Vec<&str> = challenges.iter().map(|c| c.scheme.as_str()).collect();
    auth_error(format!(
        "{host} asks for authentication ({}), but this transport is set up for {}",
        if offered.is_empty() { "no scheme named".to_owned() } else { offered.join(", ") },
        auth.name()
    ))
}

/// The request target of a URL: its path and query (`/svc.asmx?x=1`), `/` when empty.
fn request_target(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let rest = &rest[..rest.find('#').unwrap_or(rest.len())];
    match rest.find(['/', '?']) {
        Some(i) if rest[i..].starts_with('/') => rest[i..].to_owned(),
        Some(i) => format!("/{}", &rest[i..]),
        None => "/".to_owned(),
    }
}

fn cnonce() -> String {
    digest::hex(&random_bytes::<16>())
}

/// Bytes from the OS's random source; if it fails (it does not in practice) the time and a
/// counter hashed, never a constant.
fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    if getrandom::fill(&mut bytes).is_err() {
        use sha2::{Digest as _, Sha256};
        use std::sync::atomic::{AtomicU64, Ordering};
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let mut sha = Sha256::new();
        sha.update(ntlm::filetime_now().to_le_bytes());
        sha.update(COUNTER.fetch_add(1, Ordering::Relaxed).to_le_bytes());
        let hash = sha.finalize();
        for (b, h) in bytes.iter_mut().zip(hash.iter().cycle()) {
            *b = *h;
        }
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_targets() {
        assert_eq!(request_target("http://h:1/svc.asmx?op=x#f"), "/svc.asmx?op=x");
        assert_eq!(request_target("http://h"), "/");
        assert_eq!(request_target("http://h?x"), "/?x");
    }

    #[test]
    fn debug_shows_the_user_only() {
        let auth = Auth::ntlm("CORP\\alice", Secret::from("canary-pw"));
        let shown = format!("{auth:?}");
        assert!(shown.contains("alice") && !shown.contains("canary"), "{shown}");
    }
}
