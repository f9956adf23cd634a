//! HTTP Digest (RFC 7616): MD5, SHA-256 and SHA-512-256, their `-sess` variants, `qop=auth`
//! with a nonce count, RFC 2069 servers that send no `qop`, and `userhash`.
//!
//! `qop=auth-int` (a hash of the body) is not done: servers that offer it offer `auth` too.

use std::fmt::Write as _;

use md5::Md5;
use sha2::{Digest as _, Sha256, Sha512_256};

use super::challenge::Challenge;
use crate::secret::Secret;

/// A hash function of RFC 7616 §6.1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Algorithm {
    /// `MD5` (the default when a challenge names none).
    Md5,
    /// `SHA-256`.
    Sha256,
    /// `SHA-512-256`.
    Sha512_256,
}

impl Algorithm {
    fn hex(self, data: &str) -> String {
        match self {
            Algorithm::Md5 => hex(&Md5::digest(data.as_bytes())),
            Algorithm::Sha256 => hex(&Sha256::digest(data.as_bytes())),
            Algorithm::Sha512_256 => hex(&Sha512_256::digest(data.as_bytes())),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Algorithm::Md5 => "MD5",
            Algorithm::Sha256 => "SHA-256",
            Algorithm::Sha512_256 => "SHA-512-256",
        }
    }

    /// Stronger first, so a server offering several gets the best one.
    fn rank(self) -> u8 {
        match self {
            Algorithm::Md5 => 0,
            Algorithm::Sha256 => 2,
            Algorithm::Sha512_256 => 1,
        }
    }
}

/// What a server's Digest challenge fixes for the responses to it, and the nonce count so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DigestSession {
    realm: String,
    nonce: String,
    opaque: Option<String>,
    algorithm: Algorithm,
    sess: bool,
    /// `qop=auth` (RFC 7616); `false` for an RFC 2069 challenge without `qop`.
    qop_auth: bool,
    userhash: bool,
    /// Requests sent with this nonce so far.
    nc: u32,
}

impl DigestSession {
    /// Reads a `Digest` challenge; `Err` says why it cannot be answered.
    pub fn from_challenge(c: &Challenge) -> Result<Self, String> {
        let nonce = c.param("nonce").ok_or("the Digest challenge has no nonce")?;
        let algorithm_name = c.param("algorithm").unwrap_or("MD5");
        // The server's text: the cut may fall inside a multi-byte character (found by fuzzing).
        let cut =
            algorithm_name.len().checked_sub(5).filter(|&c| algorithm_name.is_char_boundary(c));
        let (base, sess) = match cut {
            Some(cut) if algorithm_name[cut..].eq_ignore_ascii_case("-sess") => {
                (&algorithm_name[..cut], true)
            }
            _ => (algorithm_name, false),
        };
        let algorithm = match base.to_ascii_uppercase().as_str() {
            "MD5" => Algorithm::Md5,
            "SHA-256" => Algorithm::Sha256,
            "SHA-512-256" => Algorithm::Sha512_256,
            _ => return Err(format!("Digest algorithm {algorithm_name} is not supported")),
        };
        let qop_auth = match c.param("qop") {
            None => false,
            Some(list) if list.split(',').any(|q| q.trim().eq_ignore_ascii_case("auth")) => true,
            Some(list) => return Err(format!("Digest qop={list} is not supported (only auth)")),
        };
        Ok(DigestSession {
            realm: c.param("realm").unwrap_or("").to_owned(),
            nonce: nonce.to_owned(),
            opaque: c.param("opaque").map(str::to_owned),
            algorithm,
            sess,
            qop_auth,
            userhash: c.param("userhash").is_some_and(|v| v.eq_ignore_ascii_case("true")),
            nc: 0,
        })
    }

    /// The best Digest challenge among `challenges` that can be answered; otherwise why not
    /// (`None` when there is no Digest challenge at all).
    pub fn pick(challenges: &[Challenge]) -> Option<Result<Self, String>> {
        let mut best: Option<Result<Self, String>> = None;
        for c in challenges.iter().filter(|c| c.is("Digest")) {
            let candidate = Self::from_challenge(c);
            best = match (best, candidate) {
                (Some(Ok(old)), Ok(new)) if new.algorithm.rank() > old.algorithm.rank() => {
                    Some(Ok(new))
                }
                (Some(Ok(old)), _) => Some(Ok(old)),
                (_, candidate) => Some(candidate),
            };
        }
        best
    }

    /// Whether the challenge says the nonce (not the password) was the problem.
    pub fn is_stale(c: &Challenge) -> bool {
        c.param("stale").is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }

    /// The nonce this session answers.
    pub fn nonce(&self) -> &str {
        &self.nonce
    }

    /// The `Authorization` value for `method` on `uri` (the request target: path and
    /// query), counting one more use of the nonce. `cnonce` is fresh per request.
    pub fn authorization(
        &mut self,
        user: &str,
        password: &Secret,
        method: &str,
        uri: &str,
        cnonce: &str,
    ) -> Secret {
        self.nc = self.nc.wrapping_add(1);
        let nc = format!("{:08x}", self.nc);
        let h = |data: &str| self.algorithm.hex(data);
        let mut ha1 = h(&format!("{user}:{}:{}", self.realm, password.expose()));
        if self.sess {
            ha1 = h(&format!("{ha1}:{}:{cnonce}", self.nonce));
        }
        let ha2 = h(&format!("{method}:{uri}"));
        let response = if self.qop_auth {
            h(&format!("{ha1}:{}:{nc}:{cnonce}:auth:{ha2}", self.nonce))
        } else {
            h(&format!("{ha1}:{}:{ha2}", self.nonce))
        };
        let username =
            if self.userhash { h(&format!("{user}:{}", self.realm)) } else { user.to_owned() };
        let mut out = String::from("Digest ");
        let _ = write!(
            out,
            "username={}, realm={}, nonce={}, uri={}, algorithm={}{}, response=\"{response}\"",
            quote(&username),
            quote(&self.realm),
            quote(&self.nonce),
            quote(uri),
            self.algorithm.name(),
            if self.sess { "-sess" } else { "" },
        );
        if self.qop_auth {
            let _ = write!(out, ", qop=auth, nc={nc}, cnonce={}", quote(cnonce));
        }
        if let Some(opaque) = &self.opaque {
            let _ = write!(out, ", opaque={}", quote(opaque));
        }
        if self.userhash {
            out.push_str(", userhash=true");
        }
        Secret::new(out)
    }
}

fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

pub(super) fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::challenge::parse;
    use super::*;

    /// A server's `algorithm` with a multi-byte character where `-sess` would start is
    /// refused as unsupported, not a panic (found by fuzzing `www_authenticate`).
    #[test]
    fn non_ascii_algorithm_is_refused_not_a_panic() {
        let header = "Digest realm=\"r\", nonce=\"n\", algorithm=\"auth,\u{FFFD}auth\"";
        let challenges = parse(header).unwrap();
        let refused = DigestSession::pick(&challenges).unwrap().err().unwrap();
        assert!(refused.contains("is not supported"), "{refused}");
    }

    /// RFC 7616 §3.9.1: the same request answered with SHA-256 and with MD5.
    #[test]
    fn rfc_7616_examples() {
        let header = r#"Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=MD5, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS""#;
        let challenges = parse(header).unwrap();
        let password = Secret::from("Circle of Life");
        let cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        let mut best = DigestSession::pick(&challenges).unwrap().unwrap();
        assert_eq!(best.algorithm, Algorithm::Sha256);
        let sha = best.authorization("Mufasa", &password, "GET", "/dir/index.html", cnonce);
        assert!(
            sha.expose().contains(
                "response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\""
            ),
            "{}",
            sha.expose()
        );
        assert!(sha.expose().contains("nc=00000001"));
        let mut md5 = DigestSession::from_challenge(&challenges[1]).unwrap();
        let md5 = md5.authorization("Mufasa", &password, "GET", "/dir/index.html", cnonce);
        assert!(md5.expose().contains("response=\"8ca523f5e9506fed4657c9700eebdbec\""));
        // The nonce count goes up with each use.
        let again = best.authorization("Mufasa", &password, "GET", "/dir/index.html", cnonce);
        assert!(again.expose().contains("nc=00000002"));
    }

    /// RFC 2617 §3.5 (`qop=auth`, MD5), the example Apache and most servers follow.
    #[test]
    fn rfc_2617_example() {
        let c = &parse(r#"Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41""#).unwrap()[0];
        let mut s = DigestSession::from_challenge(c).unwrap();
        let header = s.authorization(
            "Mufasa",
            &Secret::from("Circle Of Life"),
            "GET",
            "/dir/index.html",
            "0a4f113b",
        );
        assert!(header.expose().contains("response=\"6629fae49393a05397450978507c4ef1\""));
        assert!(header.expose().contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""));
    }

    #[test]
    fn unsupported_challenges_say_why() {
        let c = &parse(r#"Digest nonce="n", algorithm=SHA-1"#).unwrap()[0];
        assert!(DigestSession::from_challenge(c).unwrap_err().contains("SHA-1"));
        let c = &parse(r#"Digest nonce="n", qop="auth-int""#).unwrap()[0];
        assert!(DigestSession::from_challenge(c).unwrap_err().contains("auth-int"));
        let c = &parse(r#"Digest realm="r""#).unwrap()[0];
        assert!(DigestSession::from_challenge(c).unwrap_err().contains("nonce"));
        let c = &parse(r#"Digest nonce="n", algorithm=md5-sess, stale=TRUE"#).unwrap()[0];
        let s = DigestSession::from_challenge(c).unwrap();
        assert!(s.sess && DigestSession::is_stale(c));
    }
}
