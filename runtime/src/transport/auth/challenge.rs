//! Reading `WWW-Authenticate` headers (RFC 9110 §11.6.1): one header may hold several
//! challenges (`Digest realm="x", qop="auth", Negotiate, NTLM`), and a server may send
//! several headers.

use std::fmt;

/// One challenge: a scheme and either a token68 (`NTLM TlRM…`) or parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Challenge {
    /// The scheme as sent (`Digest`, `NTLM`, `Negotiate`, …); compare case-insensitively.
    pub scheme: String,
    /// A token68 (base64 and the like), if the challenge carries one.
    pub token68: Option<String>,
    /// `name=value` parameters, names lower-cased, quoted values unescaped.
    pub params: Vec<(String, String)>,
}

impl Challenge {
    /// Whether the scheme is `scheme` (case-insensitive).
    pub fn is(&self, scheme: &str) -> bool {
        self.scheme.eq_ignore_ascii_case(scheme)
    }

    /// The parameter `name` (lower-case), if present.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// Why a header could not be read, and at which byte.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChallengeError {
    /// Byte offset in the header value.
    pub at: usize,
    /// What was expected there.
    pub what: &'static str,
}

impl fmt::Display for ChallengeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "malformed WWW-Authenticate header at byte {}: {}", self.at, self.what)
    }
}

/// Every challenge of every header value, in order. A malformed header is an error: the
/// caller reports it rather than guessing.
pub fn parse_all<'a>(
    values: impl IntoIterator<Item = &'a str>,
) -> Result<Vec<Challenge>, ChallengeError> {
    let mut out = Vec::new();
    for value in values {
        out.extend(parse(value)?);
    }
    Ok(out)
}

/// The challenges of one header value.
pub fn parse(value: &str) -> Result<Vec<Challenge>, ChallengeError> {
    let mut p = Parser { s: value.as_bytes(), pos: 0 };
    let mut out = Vec::new();
    loop {
        p.skip_list_separators();
        if p.at_end() {
            return Ok(out);
        }
        let scheme = p.token().ok_or(p.error("an authentication scheme"))?;
        let mut challenge =
            Challenge { scheme: scheme.to_owned(), token68: None, params: Vec::new() };
        p.skip_ws();
        if p.at_param() {
            loop {
                let (name, value) = p.param()?;
                challenge.params.push((name, value));
                p.skip_ws();
                if p.at_end() {
                    break;
                }
                if p.peek() != Some(b',') {
                    return Err(p.error("`,` between parameters"));
                }
                p.skip_list_separators();
                // A token not followed by `=` starts the next challenge.
                if p.at_end() || !p.at_param() {
                    break;
                }
            }
        } else if let Some(token) = p.token68() {
            challenge.token68 = Some(token.to_owned());
            p.skip_ws();
            if !p.at_end() && p.peek() != Some(b',') {
                return Err(p.error("`,` after a token68"));
            }
        } else if !p.at_end() && p.peek() != Some(b',') {
            return Err(p.error("parameters, a token68 or `,`"));
        }
        out.push(challenge);
    }
}

struct Parser<'s> {
    s: &'s [u8],
    pos: usize,
}

impl<'s> Parser<'s> {
    fn error(&self, what: &'static str) -> ChallengeError {
        ChallengeError { at: self.pos, what }
    }

    fn at_end(&self) -> bool {
        self.pos >= self.s.len()
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    fn skip_list_separators(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b',')) {
            self.pos += 1;
        }
    }

    fn token(&mut self) -> Option<&'s str> {
        let start = self.pos;
        while self.peek().is_some_and(is_tchar) {
            self.pos += 1;
        }
        // tchars are ASCII, so the slice is UTF-8.
        (self.pos > start).then(|| std::str::from_utf8(&self.s[start..self.pos]).unwrap_or(""))
    }

    /// Whether a `token BWS "=" BWS` follows whose `=` is not the padding of a token68.
    fn at_param(&self) -> bool {
        let mut i = self.pos;
        while self.s.get(i).copied().is_some_and(is_tchar) {
            i += 1;
        }
        if i == self.pos {
            return false;
        }
        while matches!(self.s.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
        if self.s.get(i) != Some(&b'=') {
            return false;
        }
        i += 1;
        while matches!(self.s.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
        matches!(self.s.get(i), Some(&c) if c == b'"' || is_tchar(c))
    }

    fn param(&mut self) -> Result<(String, String), ChallengeError> {
        let name = self.token().ok_or(self.error("a parameter name"))?.to_ascii_lowercase();
        self.skip_ws();
        if self.peek() != Some(b'=') {
            return Err(self.error("`=`"));
        }
        self.pos += 1;
        self.skip_ws();
        let value = if self.peek() == Some(b'"') {
            self.quoted()?
        } else {
            self.token().ok_or(self.error("a parameter value"))?.to_owned()
        };
        Ok((name, value))
    }

    fn quoted(&mut self) -> Result<String, ChallengeError> {
        let start = self.pos;
        self.pos += 1;
        let mut value = Vec::new();
        loop {
            match self.peek() {
                None => return Err(ChallengeError { at: start, what: "a closing `\"`" }),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(String::from_utf8_lossy(&value).into_owned());
                }
                Some(b'\\') => {
                    self.pos += 1;
                    match self.peek() {
                        Some(c) => value.push(c),
                        None => return Err(ChallengeError { at: start, what: "a closing `\"`" }),
                    }
                    self.pos += 1;
                }
                Some(c) => {
                    value.push(c);
                    self.pos += 1;
                }
            }
        }
    }

    fn token68(&mut self) -> Option<&'s str> {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_alphanumeric() || b"-._~+/".contains(&c)) {
            self.pos += 1;
        }
        if self.pos == start {
            return None;
        }
        while self.peek() == Some(b'=') {
            self.pos += 1;
        }
        std::str::from_utf8(&self.s[start..self.pos]).ok()
    }
}

fn is_tchar(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_challenges_in_one_header() {
        let all = parse(
            r#"Digest realm="soap, inc", qop="auth,auth-int", nonce="a\"b", algorithm=SHA-256, Negotiate, NTLM"#,
        )
        .unwrap();
        assert_eq!(all.len(), 3);
        assert!(all[0].is("digest"));
        assert_eq!(all[0].param("realm"), Some("soap, inc"));
        assert_eq!(all[0].param("qop"), Some("auth,auth-int"));
        assert_eq!(all[0].param("nonce"), Some("a\"b"));
        assert_eq!(all[0].param("algorithm"), Some("SHA-256"));
        assert!(all[1].is("Negotiate") && all[1].params.is_empty());
        assert!(all[2].is("NTLM") && all[2].token68.is_none());
    }

    #[test]
    fn token68_with_padding() {
        let all = parse_all(["NTLM TlRMTVNTUAACAAAA==", "Basic realm=x"]).unwrap();
        assert_eq!(all[0].token68.as_deref(), Some("TlRMTVNTUAACAAAA=="));
        assert_eq!(all[1].param("realm"), Some("x"));
    }

    #[test]
    fn malformed_headers_are_located() {
        let e = parse(r#"Digest realm="open"#).unwrap_err();
        assert_eq!(e.at, 13);
        assert!(e.to_string().contains("closing"), "{e}");
        assert!(parse("Digest realm=\"x\" nonce=\"y\"").is_err());
        assert!(parse("=x").is_err());
        assert_eq!(parse(" , ,").unwrap(), vec![]);
    }
}
