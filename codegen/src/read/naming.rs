//! Service names for pages that do not state one.

/// File stems too generic to name a service on their own.
const GENERIC: &[&str] =
    &["service", "services", "webservice", "ws", "api", "index", "default", "soap", "endpoint"];

/// From the request path: the `.asmx`/`.svc` file stem, prefixed with its folder
/// when the stem is generic (`/services/Reseller/Service.asmx` → `ResellerService`).
/// When the namespace's last segment is the same word, its spelling wins (paths are
/// often lower-cased: `catalystcrmwebservice.asmx` in namespace `…/CatalystCRMWebservice`).
pub fn from_path(path: &str, namespace: &str) -> String {
    let path = path.split(['?', '#']).next().unwrap_or("");
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let Some(last) = segments.last() else { return from_namespace(namespace) };
    let stem = last.rsplit_once('.').map_or(*last, |(s, _)| s);
    let ns_word = last_segment(namespace);
    if !ns_word.is_empty() && ns_word.eq_ignore_ascii_case(stem) {
        return ns_word.to_owned();
    }
    let generic = GENERIC.iter().any(|g| g.eq_ignore_ascii_case(stem));
    match segments.len().checked_sub(2).map(|i| segments[i]) {
        Some(parent) if generic => format!("{parent}{}", capitalise(stem)),
        _ => stem.to_owned(),
    }
}

/// From a namespace URI alone (captured envelopes): its last path segment or host.
pub fn from_namespace(namespace: &str) -> String {
    match last_segment(namespace) {
        "" => "Service".to_owned(),
        s => s.to_owned(),
    }
}

fn last_segment(namespace: &str) -> &str {
    let ns = namespace.trim_end_matches('/');
    let ns = ns.split_once("://").map_or(ns, |(_, rest)| rest);
    ns.rsplit(['/', ':']).next().unwrap_or("")
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
        assert_eq!(from_path("/services/Reseller/Service.asmx", "Zoolz"), "ResellerService");
        assert_eq!(from_path("/x/ws.asmx", ""), "xWs");
        assert_eq!(
            from_path("/ws/2013/ClientBackOffice_c.asmx", "http://a/"),
            "ClientBackOffice_c"
        );
        assert_eq!(
            from_path(
                "/catalystwebservice/catalystcrmwebservice.asmx",
                "http://tempuri.org/CatalystDeveloperService/CatalystCRMWebservice"
            ),
            "CatalystCRMWebservice"
        );
        assert_eq!(from_namespace("http://www.smscreator.de/gateway"), "gateway");
        assert_eq!(from_namespace("http://tempuri.org/"), "tempuri.org");
        assert_eq!(from_namespace("urn:acme:billing"), "billing");
    }
}
