//! Keeping credentials out of `Debug` output and error messages.

use std::fmt;

/// Header names whose values are credentials.
pub(super) fn is_sensitive(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    matches!(name.as_str(), "authorization" | "proxy-authorization" | "cookie" | "set-cookie")
        || ["key", "token", "secret", "password", "auth", "session"]
            .iter()
            .any(|word| name.contains(word))
}

/// Headers formatted with sensitive values replaced.
pub(super) struct Headers<'h>(pub &'h [(String, String)]);

impl fmt::Debug for Headers<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut list = f.debug_list();
        for (name, value) in self.0 {
            let shown = if is_sensitive(name) { "<redacted>" } else { value.as_str() };
            list.entry(&(name, shown));
        }
        list.finish()
    }
}

/// The URL without user info or query string, either of which may carry credentials.
pub(crate) fn url(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    let host = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    let path_end = path.find(['?', '#']).unwrap_or(path.len());
    let mut out = String::with_capacity(url.len());
    if !scheme.is_empty() {
        out.push_str(scheme);
        out.push_str("://");
    }
    out.push_str(host);
    out.push_str(&path[..path_end]);
    if path_end < path.len() {
        out.push_str("?<redacted>");
    }
    out
}

/// The URL with neither user info nor query string nor fragment, for traces.
#[cfg_attr(not(feature = "tracing"), allow(dead_code))]
pub(super) fn endpoint(url: &str) -> String {
    let mut shown = self::url(url);
    if let Some(query) = shown.find("?<redacted>") {
        shown.truncate(query);
    }
    shown
}

/// `host:port` of a URL, for error messages.
#[cfg_attr(not(any(feature = "blocking", feature = "async")), allow(dead_code))]
pub(super) fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    authority.rsplit_once('@').map_or(authority, |(_, host)| host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_lose_credentials_and_queries() {
        assert_eq!(
            url("https://user:pw@example.com:8443/svc.asmx?key=1#x"),
            "https://example.com:8443/svc.asmx?<redacted>"
        );
        assert_eq!(url("http://127.0.0.1:80/a/b"), "http://127.0.0.1:80/a/b");
        assert_eq!(host("https://user:pw@example.com:8443/svc?x"), "example.com:8443");
        assert_eq!(host("http://h"), "h");
        assert_eq!(endpoint("https://u:p@h:1/svc.asmx?key=1#f"), "https://h:1/svc.asmx");
    }

    #[test]
    fn sensitive_headers() {
        let headers = vec![
            ("Authorization".to_owned(), "Basic c2VjcmV0".to_owned()),
            ("X-Api-Key".to_owned(), "k123".to_owned()),
            ("SOAPAction".to_owned(), "\"urn:a\"".to_owned()),
        ];
        let shown = format!("{:?}", Headers(&headers));
        assert!(!shown.contains("c2VjcmV0") && !shown.contains("k123"), "{shown}");
        assert!(shown.contains("urn:a"));
    }
}
