//! Service names for pages that do not state one: from the request path's file or folder,
//! else from the namespace, else from the operations. A word that only names the protocol
//! or the format (`/soap12`, `/xml/reply`), a version or a date never names a service.

/// File stems too generic to name a service on their own.
const GENERIC: &[&str] =
    &["service", "services", "webservice", "ws", "api", "index", "default", "soap", "endpoint"];

/// Path segments and namespace words that name a protocol, a format or a placeholder host.
const NOT_NAMES: &[&str] = &[
    "soap",
    "soap11",
    "soap12",
    "soap1.1",
    "soap1.2",
    "xml",
    "json",
    "jsv",
    "csv",
    "reply",
    "oneway",
    "wsdl",
    "http",
    "https",
    "asmx",
    "svc",
    "tempuri.org",
    "example.com",
    "example.org",
    "schemas.xmlsoap.org",
];

/// From the request path: the `.asmx`/`.svc` file stem, prefixed with its folder
/// when the stem is generic (`/services/Reseller/Service.asmx` → `ResellerService`).
/// When the namespace's last segment is the same word, its spelling wins (paths are
/// often lower-cased: `catalystcrmwebservice.asmx` in namespace `…/CatalystCRMWebservice`).
/// `None` when the path names nothing but the protocol (`POST /soap12`).
pub fn from_path(path: &str, namespace: &str) -> Option<String> {
    let path = path.split(['?', '#']).next().unwrap_or("");
    let segments: Vec<&str> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| s.rsplit_once('.').map_or(s, |(stem, _)| stem))
        .filter(|s| is_name(s))
        .collect();
    let stem = *segments.last()?;
    let ns_word = last_segment(namespace);
    if ns_word.is_some_and(|w| w.eq_ignore_ascii_case(stem)) {
        return ns_word.map(str::to_owned);
    }
    let generic = GENERIC.iter().any(|g| g.eq_ignore_ascii_case(stem));
    match segments.len().checked_sub(2).map(|i| segments[i]) {
        Some(parent) if generic && !is_generic(parent) => {
            Some(format!("{parent}{}", capitalise(stem)))
        }
        _ if generic => None,
        _ => Some(stem.to_owned()),
    }
}

/// From a namespace URI: its last meaningful path segment or its host
/// (`http://www.smscreator.de/gateway` → `gateway`, `urn:acme:billing:v2` → `billing`);
/// `None` for a placeholder namespace (`http://tempuri.org/`).
pub fn from_namespace(namespace: &str) -> Option<String> {
    last_segment(namespace).map(str::to_owned)
}

/// From the operations, when nothing else names the service: their shared last word
/// (`GetStock`, `AdjustStock` → `StockService`), else the first one's name.
pub fn from_operations<'o>(operations: impl IntoIterator<Item = &'o str>) -> String {
    let names: Vec<&str> = operations.into_iter().collect();
    let Some(first) = names.first() else { return "Service".to_owned() };
    let last_word = |n: &str| -> String {
        let start = n.char_indices().rev().find(|(_, c)| c.is_uppercase()).map_or(0, |(i, _)| i);
        n[start..].to_owned()
    };
    let shared = last_word(first);
    let base = if names.len() > 1
        && shared.chars().count() > 2
        && names.iter().all(|n| last_word(n) == shared)
    {
        shared
    } else {
        capitalise(first)
    };
    if base.to_ascii_lowercase().ends_with("service") { base } else { format!("{base}Service") }
}

/// A word that could name a service: not a protocol or format, a version (`v2`) or a
/// number (`2013`).
fn is_name(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    let version = lower.strip_prefix('v').unwrap_or(&lower);
    !lower.is_empty()
        && !NOT_NAMES.contains(&lower.as_str())
        && !version.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '_' || c == '-')
}

fn is_generic(word: &str) -> bool {
    GENERIC.iter().any(|g| g.eq_ignore_ascii_case(word))
}

/// The namespace's last segment that is a name, walking back from the end.
fn last_segment(namespace: &str) -> Option<&str> {
    let ns = namespace.trim_end_matches('/');
    let ns = ns.split_once("://").map_or(ns, |(_, rest)| rest);
    let ns = ns.strip_prefix("urn:").unwrap_or(ns);
    ns.rsplit(['/', ':']).find(|s| is_name(s))
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_paths() {
        let path = |p: &str, ns: &str| from_path(p, ns).unwrap_or_else(|| "-".into());
        assert_eq!(path("/services/Reseller/Service.asmx", "Zoolz"), "ResellerService");
        assert_eq!(path("/x/ws.asmx", ""), "xWs");
        assert_eq!(path("/ws/2013/ClientBackOffice_c.asmx", "http://a/"), "ClientBackOffice_c");
        assert_eq!(
            path(
                "/catalystwebservice/catalystcrmwebservice.asmx",
                "http://tempuri.org/CatalystDeveloperService/CatalystCRMWebservice"
            ),
            "CatalystCRMWebservice"
        );
        // Protocol words, versions and generic stems alone name nothing.
        assert_eq!(path("/soap12", "http://tempuri.org/"), "-");
        assert_eq!(path("/api/v2/soap", ""), "-");
        assert_eq!(path("/Service.asmx", ""), "-");
        assert_eq!(path("/inventory/soap12", ""), "inventory");
    }

    #[test]
    fn names_from_namespaces() {
        assert_eq!(from_namespace("http://www.smscreator.de/gateway").as_deref(), Some("gateway"));
        assert_eq!(from_namespace("http://tempuri.org/"), None);
        assert_eq!(from_namespace("urn:acme:billing").as_deref(), Some("billing"));
        assert_eq!(from_namespace("http://acme.com/billing/2019/v2/").as_deref(), Some("billing"));
        assert_eq!(from_namespace("http://acme.com").as_deref(), Some("acme.com"));
    }

    #[test]
    fn names_from_operations() {
        assert_eq!(from_operations(["GetStock", "AdjustStock"]), "StockService");
        assert_eq!(from_operations(["Echo", "Ping"]), "EchoService");
        assert_eq!(from_operations(["echo"]), "EchoService");
        assert_eq!(from_operations(["LookupService"]), "LookupService");
    }
}
