//! File names for fetched documents, derived from their URLs: readable
//! (`Service.svc?xsd=xsd0` → `Service.xsd0.xsd`), and safe whatever a hostile server
//! writes: a name is one path component of `[A-Za-z0-9._-]`, never starting with a dot,
//! bounded in length, not a Windows device name, and unique in its directory (compared
//! case-insensitively, for case-insensitive file systems). Same URLs in the same order give
//! the same names.

use std::collections::BTreeSet;

use crate::read::wsdl::url_map::MAP_FILE;

/// Longest stem kept from a URL's last path segment.
const MAX_STEM: usize = 60;
/// Longest part kept from a URL's query.
const MAX_QUERY: usize = 40;
/// Extensions that name a kind of endpoint or document, not the service: dropped.
const DROPPED_EXTENSIONS: [&str; 10] =
    ["svc", "asmx", "wsdl", "xsd", "xml", "php", "aspx", "ashx", "jws", "cfc"];

/// Hands out unique names, in the order documents were fetched.
pub struct Namer {
    /// Lowercased names already given (and the map file's).
    taken: BTreeSet<String>,
}

impl Namer {
    pub fn new() -> Self {
        Namer { taken: BTreeSet::from([MAP_FILE.to_ascii_lowercase()]) }
    }

    /// The name for the document fetched from `url`, with extension `ext` (`wsdl`, `xsd`).
    /// `fallback` names it when the URL's path says nothing (`http://host/?wsdl`).
    pub fn name(&mut self, url: &url::Url, ext: &str, fallback: &str) -> String {
        let segment = url.path_segments().and_then(|mut s| s.next_back()).unwrap_or("");
        let mut stem = clean(strip_extension(segment), MAX_STEM);
        if stem.is_empty() {
            stem = clean(fallback, MAX_STEM);
        }
        if stem.is_empty() {
            stem = "service".to_owned();
        }
        if is_device_name(&stem) {
            stem.insert(0, '_');
        }
        let query = clean(&query_part(url), MAX_QUERY);
        let base = if query.is_empty() { stem } else { format!("{stem}.{query}") };
        let ext = clean(ext, 8);
        let mut name = format!("{base}.{ext}");
        let mut n = 1;
        while !self.taken.insert(name.to_ascii_lowercase()) {
            n += 1;
            name = format!("{base}-{n}.{ext}");
        }
        name
    }
}

/// `Service.svc` → `Service`; other dots stay.
fn strip_extension(segment: &str) -> &str {
    match segment.rsplit_once('.') {
        Some((stem, ext)) if DROPPED_EXTENSIONS.iter().any(|e| e.eq_ignore_ascii_case(ext)) => stem,
        _ => segment,
    }
}

/// What tells documents of one endpoint apart: `?xsd=xsd0` → `xsd0`, `?wsdl=wsdl0` →
/// `wsdl0`, JAX-WS's `?xsd=1` → `xsd1`; a bare `?wsdl` / `?xsd` says nothing and is dropped.
fn query_part(url: &url::Url) -> String {
    let mut parts = Vec::new();
    for (key, value) in url.query_pairs() {
        let part = if value.is_empty() {
            if key.eq_ignore_ascii_case("wsdl") || key.eq_ignore_ascii_case("xsd") {
                continue;
            }
            key.into_owned()
        } else if value.to_ascii_lowercase().starts_with(&key.to_ascii_lowercase()) {
            value.into_owned()
        } else {
            format!("{key}{value}")
        };
        parts.push(part);
    }
    parts.join(".")
}

/// Keeps `[A-Za-z0-9._-]`, replacing anything else with `_`; no leading or trailing dots
/// (no `.`/`..`, no hidden files), no runs of dots, at most `max` characters.
fn clean(text: &str, max: usize) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let c = if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' };
        if c == '.' && (out.is_empty() || out.ends_with('.')) {
            continue;
        }
        out.push(c);
        if out.len() >= max {
            break;
        }
    }
    out.trim_end_matches('.').to_owned()
}

/// Names Windows reserves in every directory (`CON`, `NUL.txt`, `com1.xsd`, …).
fn is_device_name(stem: &str) -> bool {
    let first = stem.split('.').next().unwrap_or("").to_ascii_uppercase();
    matches!(first.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (first.len() == 4
            && (first.starts_with("COM") || first.starts_with("LPT"))
            && first.as_bytes()[3].is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(urls: &[(&str, &str)]) -> Vec<String> {
        let mut namer = Namer::new();
        urls.iter()
            .map(|(u, ext)| namer.name(&url::Url::parse(u).unwrap(), ext, "Fallback"))
            .collect()
    }

    #[test]
    fn wcf_and_jaxws_layouts_get_readable_names() {
        let got = names(&[
            ("http://h/svc/Service.svc?wsdl", "wsdl"),
            ("http://h/svc/Service.svc?wsdl=wsdl0", "wsdl"),
            ("http://h/svc/Service.svc?xsd=xsd0", "xsd"),
            ("http://h/svc/Service.svc?xsd=xsd1", "xsd"),
            ("http://h/svc/Service.svc?xsd=1", "xsd"),
            ("http://h/ws/HelloService?wsdl", "wsdl"),
            ("http://h/schemas/types.xsd", "xsd"),
            ("http://h/other/types.xsd", "xsd"),
            ("http://h/?wsdl", "wsdl"),
            ("http://h/svc/Service.svc?singleWsdl", "wsdl"),
        ]);
        assert_eq!(
            got,
            [
                "Service.wsdl",
                "Service.wsdl0.wsdl",
                "Service.xsd0.xsd",
                "Service.xsd1.xsd",
                "Service.xsd1-2.xsd",
                "HelloService.wsdl",
                "types.xsd",
                "types-2.xsd",
                "Fallback.wsdl",
                "Service.singleWsdl.wsdl",
            ]
        );
    }

    #[test]
    fn hostile_urls_stay_one_safe_component() {
        let hostile = [
            "http://h/a/..%2F..%2F..%2Fetc%2Fpasswd",
            "http://h/..%5C..%5Cwindows%5Cwin.ini",
            "http://h/x?xsd=../../../../etc/passwd",
            "http://h/x?xsd=/etc/passwd",
            "http://h/x?xsd=%00%0a%1b[31m",
            "http://h/.hidden",
            "http://h/...",
            "http://h/CON",
            "http://h/nul.svc?xsd=1",
            "http://h/com1",
            "http://h/soapgen-map.toml",
            "http://h/SOAPGEN-MAP?x=toml",
            "http://h/%E2%80%AE%E2%80%8Bx",
            "http://h/C:%5Cx",
        ];
        let long = format!("http://h/{}?xsd={}", "a".repeat(5000), "b".repeat(5000));
        let mut urls: Vec<(&str, &str)> = hostile.iter().map(|u| (*u, "xsd")).collect();
        urls.push((&long, "xsd"));
        urls.push(("http://h/x?xsd=1", "../../x"));
        let got = names(&urls);
        let mut seen = BTreeSet::new();
        for (name, (url, _)) in got.iter().zip(&urls) {
            assert!(
                name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')),
                "{url} → {name}"
            );
            assert!(!name.starts_with('.') && !name.contains(".."), "{url} → {name}");
            assert!(name.len() <= MAX_STEM + MAX_QUERY + 20, "{url} → {name}");
            assert!(!is_device_name(name), "{url} → {name}");
            assert_ne!(name.to_ascii_lowercase(), MAP_FILE, "{url}");
            assert!(seen.insert(name.to_ascii_lowercase()), "{url} → {name} twice");
            assert!(crate::read::wsdl::url_map::check_file_name(name).is_ok(), "{url} → {name}");
        }
        assert_eq!(got[7], "_CON.xsd");
    }

    proptest::proptest! {
        /// Whatever the path and query hold (percent-encoded bytes of any kind, dots,
        /// slashes, backslashes), the name is one safe component.
        #[test]
        fn any_url_gives_a_safe_name(path in ".{0,300}", query in ".{0,300}", ext in ".{0,12}") {
            let mut namer = Namer::new();
            let encoded: String = path.bytes().map(|b| format!("%{b:02X}")).collect();
            let raw = format!("http://h/{path}?{query}");
            for url in [format!("http://h/{encoded}?{query}"), raw] {
                let Ok(url) = url::Url::parse(&url) else { continue };
                let name = namer.name(&url, &ext, &path);
                proptest::prop_assert!(crate::read::wsdl::url_map::check_file_name(&name).is_ok(), "{name}");
                proptest::prop_assert!(
                    name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')),
                    "{name}"
                );
                proptest::prop_assert!(!name.starts_with('.') && !name.contains(".."), "{name}");
                proptest::prop_assert!(name.len() <= MAX_STEM + MAX_QUERY + 20, "{name}");
            }
        }
    }

    #[test]
    fn names_are_deterministic() {
        let urls = [("http://h/a.svc?xsd=xsd0", "xsd"), ("http://h/b/a.svc?xsd=xsd0", "xsd")];
        assert_eq!(names(&urls), names(&urls));
        assert_eq!(names(&urls), ["a.xsd0.xsd", "a.xsd0-2.xsd"]);
    }
}
