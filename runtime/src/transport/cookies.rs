//! A small cookie store (RFC 6265) for one client's session: `Set-Cookie` from responses,
//! `Cookie` on the requests after them.
//!
//! Its own rather than the `cookie_store` crate (which ureq and reqwest use): a SOAP client
//! talks to one or a few endpoints, so host-only cookies, `Domain`, `Path`, `Secure`,
//! `Max-Age` and `Expires` are all it needs, and this keeps `url`, `time`, `idna` and serde
//! out of the runtime. Without a public-suffix list, a `Domain` attribute is accepted only
//! when it names the request's host or a parent with at least one dot inside it, so a
//! server cannot set a cookie for a whole top-level domain.

use std::fmt;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// At most this many cookies are kept; the oldest go first.
const MAX_COOKIES: usize = 200;
/// A `Set-Cookie` longer than this is ignored (browsers keep 4 KiB per cookie).
const MAX_SET_COOKIE: usize = 8192;

/// One stored cookie.
#[derive(Clone, PartialEq, Eq)]
pub struct Cookie {
    /// The name.
    pub name: String,
    /// The value (a secret: never shown by `Debug`).
    pub value: String,
    /// The domain it is sent to, lower-case.
    pub domain: String,
    /// Sent to `domain` only, not its subdomains (no `Domain` attribute).
    pub host_only: bool,
    /// Sent to this path and below.
    pub path: String,
    /// Sent over https only.
    pub secure: bool,
    /// When it expires; `None` lasts as long as the store.
    pub expires: Option<SystemTime>,
}

impl fmt::Debug for Cookie {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}=<redacted> for {}{}", self.name, self.domain, self.path)
    }
}

/// Where a request goes, as far as cookies care.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// `https` or not.
    pub secure: bool,
    /// The host, lower-case, without port or brackets.
    pub host: String,
    /// The path, without query; `/` when empty.
    pub path: String,
}

impl Target {
    /// Reads `scheme://[user@]host[:port]/path?query`.
    pub fn of(url: &str) -> Target {
        let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let authority = &rest[..end];
        let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        let host = if let Some(v6) = host_port.strip_prefix('[') {
            v6.split(']').next().unwrap_or("")
        } else {
            host_port.split(':').next().unwrap_or("")
        };
        let after = &rest[end..];
        let path = &after[..after.find(['?', '#']).unwrap_or(after.len())];
        Target {
            secure: scheme.eq_ignore_ascii_case("https"),
            host: host.to_ascii_lowercase(),
            path: if path.starts_with('/') { path.to_owned() } else { "/".to_owned() },
        }
    }
}

/// Reads one `Set-Cookie` value received from `target` at `now`. `Err` says why it is
/// refused (malformed, too long, or a `Domain` the host may not set).
pub fn parse_set_cookie(value: &str, target: &Target, now: SystemTime) -> Result<Cookie, String> {
    if value.len() > MAX_SET_COOKIE {
        return Err(format!("Set-Cookie longer than {MAX_SET_COOKIE} bytes"));
    }
    let mut parts = value.split(';');
    let pair = parts.next().unwrap_or("");
    let (name, cookie_value) = pair.split_once('=').ok_or("Set-Cookie without `name=value`")?;
    let name = name.trim();
    if name.is_empty() || name.contains(|c: char| c.is_ascii_control()) {
        return Err("Set-Cookie with an empty or invalid name".to_owned());
    }
    let cookie_value = cookie_value.trim();
    if cookie_value.contains(|c: char| c.is_ascii_control()) {
        return Err("Set-Cookie with control characters in its value".to_owned());
    }
    let mut cookie = Cookie {
        name: name.to_owned(),
        value: cookie_value.to_owned(),
        domain: target.host.clone(),
        host_only: true,
        path: default_path(&target.path),
        secure: false,
        expires: None,
    };
    let mut max_age = None;
    let mut expires = None;
    for attribute in parts {
        let (key, val) = attribute.split_once('=').unwrap_or((attribute, ""));
        let (key, val) = (key.trim(), val.trim());
        match key.to_ascii_lowercase().as_str() {
            "domain" if !val.is_empty() => {
                let domain = val.trim_start_matches('.').to_ascii_lowercase();
                if !domain_matches(&target.host, &domain) {
                    return Err(format!(
                        "Domain={domain} is not {} or a parent of it",
                        target.host
                    ));
                }
                if domain != target.host && !domain.contains('.') {
                    return Err(format!("Domain={domain} is a top-level domain"));
                }
                cookie.domain = domain;
                cookie.host_only = false;
            }
            "path" if val.starts_with('/') => cookie.path = val.to_owned(),
            "secure" => cookie.secure = true,
            "max-age" => {
                let seconds: i64 =
                    val.parse().map_err(|_| format!("Max-Age={val} is not a number"))?;
                max_age = Some(seconds);
            }
            "expires" => expires = parse_cookie_date(val),
            _ => {}
        }
    }
    // Max-Age wins over Expires (RFC 6265 §5.3 step 3).
    cookie.expires = match (max_age, expires) {
        (Some(s), _) if s <= 0 => Some(UNIX_EPOCH),
        (Some(s), _) => now.checked_add(Duration::from_secs(s as u64)),
        (None, Some(at)) => Some(at),
        (None, None) => None,
    };
    Ok(cookie)
}

/// The cookies of one client. Clones of a transport share it.
#[derive(Default)]
pub struct CookieJar {
    cookies: Mutex<Vec<Cookie>>,
}

impl CookieJar {
    /// Stores the `Set-Cookie` headers of a response from `url`; a refused one is skipped.
    pub fn store<'a>(&self, url: &str, set_cookies: impl Iterator<Item = &'a str>) {
        let target = Target::of(url);
        let now = SystemTime::now();
        let mut cookies = self.cookies.lock().unwrap_or_else(PoisonError::into_inner);
        for value in set_cookies {
            let Ok(cookie) = parse_set_cookie(value, &target, now) else { continue };
            cookies.retain(|c| {
                !(c.name == cookie.name && c.domain == cookie.domain && c.path == cookie.path)
            });
            if cookie.expires.is_none_or(|at| at > now) {
                cookies.push(cookie);
            }
        }
        cookies.retain(|c| c.expires.is_none_or(|at| at > now));
        let excess = cookies.len().saturating_sub(MAX_COOKIES);
        cookies.drain(..excess);
    }

    /// The `Cookie` header value for a request to `url`, if any cookie applies: longer paths
    /// first (RFC 6265 §5.4).
    pub fn header_for(&self, url: &str) -> Option<String> {
        let target = Target::of(url);
        let now = SystemTime::now();
        let cookies = self.cookies.lock().unwrap_or_else(PoisonError::into_inner);
        let mut matching: Vec<&Cookie> = cookies
            .iter()
            .filter(|c| {
                (if c.host_only {
                    c.domain == target.host
                } else {
                    domain_matches(&target.host, &c.domain)
                }) && path_matches(&target.path, &c.path)
                    && (!c.secure || target.secure)
                    && c.expires.is_none_or(|at| at > now)
            })
            .collect();
        if matching.is_empty() {
            return None;
        }
        matching.sort_by_key(|c| std::cmp::Reverse(c.path.len()));
        let pairs: Vec<String> =
            matching.iter().map(|c| format!("{}={}", c.name, c.value)).collect();
        Some(pairs.join("; "))
    }

    /// A copy of what is stored, for tests and inspection.
    pub fn cookies(&self) -> Vec<Cookie> {
        self.cookies.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }
}

impl fmt::Debug for CookieJar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.cookies().iter()).finish()
    }
}

fn domain_matches(host: &str, domain: &str) -> bool {
    host == domain
        || (host.len() > domain.len()
            && host.ends_with(domain)
            && host.as_bytes()[host.len() - domain.len() - 1] == b'.'
            && host.parse::<std::net::IpAddr>().is_err())
}

fn path_matches(request: &str, cookie: &str) -> bool {
    request == cookie
        || (request.starts_with(cookie)
            && (cookie.ends_with('/') || request.as_bytes().get(cookie.len()) == Some(&b'/')))
}

/// RFC 6265 §5.1.4: the request path up to, not including, its last `/`.
fn default_path(path: &str) -> String {
    match path.rfind('/') {
        Some(0) | None => "/".to_owned(),
        Some(i) => path[..i].to_owned(),
    }
}

/// RFC 6265 §5.1.1, leniently: day, month name, year and hh:mm:ss found among the tokens in
/// any order (`Sun, 06 Nov 1994 08:49:37 GMT`, `Sunday, 06-Nov-94 08:49:37 GMT`, …).
pub fn parse_cookie_date(value: &str) -> Option<SystemTime> {
    const MONTHS: [&str; 12] =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let (mut time, mut day, mut month, mut year) = (None, None, None, None);
    for token in value.split(|c: char| !(c.is_ascii_alphanumeric() || c == ':')) {
        if token.is_empty() {
            continue;
        }
        if time.is_none() && token.contains(':') {
            let mut hms = token.split(':').map(|p| p.parse::<u64>().ok());
            if let (Some(Some(h)), Some(Some(m)), Some(Some(s)), None) =
                (hms.next(), hms.next(), hms.next(), hms.next())
            {
                time = Some((h, m, s));
                continue;
            }
        }
        let digits = token.len() <= 4 && token.bytes().all(|b| b.is_ascii_digit());
        if day.is_none() && digits && token.len() <= 2 {
            day = token.parse::<u64>().ok();
        } else if month.is_none() && token.len() >= 3 {
            let lower = token[..3].to_ascii_lowercase();
            if let Some(i) = MONTHS.iter().position(|m| *m == lower) {
                month = Some(i as u64 + 1);
            }
        } else if year.is_none() && digits {
            year = token.parse::<u64>().ok();
        }
    }
    let (h, mi, s) = time?;
    let (day, month, mut year) = (day?, month?, year?);
    year += match year {
        0..=69 => 2000,
        70..=99 => 1900,
        _ => 0,
    };
    if !(1..=31).contains(&day) || !(1601..=9999).contains(&year) || h > 23 || mi > 59 || s > 59 {
        return None;
    }
    let days = days_from_civil(year as i64, month as i64, day as i64);
    let secs = days * 86_400 + (h * 3600 + mi * 60 + s) as i64;
    if secs < 0 {
        return Some(UNIX_EPOCH);
    }
    UNIX_EPOCH.checked_add(Duration::from_secs(secs as u64))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_cookie_goes_back_to_its_host_and_path() {
        let jar = CookieJar::default();
        jar.store(
            "http://127.0.0.1:8080/svc/Login.asmx",
            ["ASP.NET_SessionId=abc123; path=/; HttpOnly", "lang=en; Path=/other"].into_iter(),
        );
        assert_eq!(
            jar.header_for("http://127.0.0.1:9/svc/x?y").as_deref(),
            Some("ASP.NET_SessionId=abc123")
        );
        assert_eq!(
            jar.header_for("http://127.0.0.1/other/a").as_deref(),
            Some("lang=en; ASP.NET_SessionId=abc123")
        );
        assert_eq!(jar.header_for("http://127.0.0.2/svc"), None);
        assert!(!format!("{jar:?}").contains("abc123"));
    }

    #[test]
    fn expiry_replacement_and_secure() {
        let jar = CookieJar::default();
        let url = "https://api.example.com/a/b";
        jar.store(url, ["s=1; Secure; Domain=.example.com; Path=/", "t=2; Max-Age=60"].into_iter());
        assert_eq!(jar.header_for("https://www.example.com/").as_deref(), Some("s=1"));
        assert_eq!(jar.header_for("http://api.example.com/a/"), Some("t=2".to_owned()));
        jar.store(url, ["t=3; Max-Age=60"].into_iter());
        assert_eq!(jar.header_for("http://api.example.com/a/x").as_deref(), Some("t=3"));
        jar.store(url, ["t=; Expires=Thu, 01 Jan 1970 00:00:00 GMT"].into_iter());
        assert_eq!(jar.header_for("http://api.example.com/a/x"), None);
    }

    #[test]
    fn refused_cookies() {
        let target = Target::of("http://a.example.com/x");
        let now = SystemTime::now();
        assert!(parse_set_cookie("novalue", &target, now).is_err());
        assert!(parse_set_cookie("x=1; Domain=other.com", &target, now).is_err());
        assert!(parse_set_cookie("x=1; Domain=com", &target, now).is_err());
        assert!(parse_set_cookie("x=1; Max-Age=soon", &target, now).is_err());
        let ip = Target::of("http://127.0.0.1/");
        assert!(parse_set_cookie("x=1; Domain=0.0.1", &ip, now).is_err());
    }

    #[test]
    fn dates() {
        let at = |s| parse_cookie_date(s).map(|t| t.duration_since(UNIX_EPOCH).unwrap().as_secs());
        assert_eq!(at("Sun, 06 Nov 1994 08:49:37 GMT"), Some(784_111_777));
        assert_eq!(at("Sunday, 06-Nov-94 08:49:37 GMT"), Some(784_111_777));
        assert_eq!(at("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(at("yesterday"), None);
    }
}
