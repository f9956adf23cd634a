//! `soapgen-map.toml`: which URL each fetched document came from.
//!
//! `soapgen fetch` writes it beside the documents; [`crate::FsLoader`] reads the one beside
//! an importing document, so an import of `http://host/Service.svc?xsd=xsd0` (or a
//! relative location, resolved against the importing document's own URL) reads the file
//! fetched from there, with no `--map` flags. Files are named by bare file names: a map
//! can only point beside itself.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::{Error, Source};

/// The map's file name, in the directory `soapgen fetch` fills.
pub const MAP_FILE: &str = "soapgen-map.toml";

/// The URL → file map of one fetched directory, in the order the documents were fetched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UrlMap {
    entry: String,
    urls: Vec<(String, String)>,
}

/// The file as written; spans locate errors.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    entry: Spanned<String>,
    urls: BTreeMap<Spanned<String>, Spanned<String>>,
}

impl UrlMap {
    /// A map whose entry document is `entry`; `urls` pairs each URL (absolute http(s),
    /// without fragment, normalised as the `url` crate writes it) with the file name
    /// holding what it served.
    pub fn new(entry: impl Into<String>, urls: Vec<(String, String)>) -> Self {
        UrlMap { entry: entry.into(), urls }
    }

    /// The file the user generates from (the document first fetched).
    pub fn entry(&self) -> &str {
        &self.entry
    }

    /// Every (URL, file name) pair, in fetch order.
    pub fn urls(&self) -> impl Iterator<Item = (&str, &str)> {
        self.urls.iter().map(|(u, f)| (u.as_str(), f.as_str()))
    }

    /// The file fetched from `url` (compared normalised).
    pub fn file_for(&self, url: &str) -> Option<&str> {
        let url = absolute(url)?;
        self.urls.iter().find(|(u, _)| *u == url).map(|(_, f)| f.as_str())
    }

    /// The URL the file named `file` was fetched from.
    pub fn url_of(&self, file: &str) -> Option<&str> {
        self.urls.iter().find(|(_, f)| f == file).map(|(u, _)| u.as_str())
    }

    /// Parses a map file. Syntax errors, unknown keys and file names that are not bare
    /// names beside the map (`../x`, `a/b`, absolute paths) are located errors.
    pub fn parse(source: &Source) -> Result<UrlMap, Error> {
        let file = toml::from_str::<File>(&source.text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            source.error(offset, e.message().trim_end().to_owned())
        })?;
        // Keys come sorted; their spans give back the order they were written (fetched) in.
        let mut entries: Vec<_> = file.urls.into_iter().collect();
        entries.sort_by_key(|(url, _)| url.span().start);
        let mut urls = Vec::new();
        for (url, name) in entries {
            check_file_name(name.get_ref()).map_err(|why| source.error(name.span().start, why))?;
            let Some(normal) = absolute(url.get_ref()) else {
                return Err(source.error(
                    url.span().start,
                    format!("expected an absolute http(s) URL as a key, found '{}'", url.get_ref()),
                ));
            };
            // One file per URL and one URL per file: a map is a plain correspondence.
            let twice = urls.iter().find(|(u, f)| *u == normal || f == name.get_ref());
            if let Some((u, f)) = twice {
                let (at, what) = if *u == normal {
                    (
                        url.span().start,
                        format!("'{}' is the same URL as '{u}' above", url.get_ref()),
                    )
                } else {
                    (name.span().start, format!("'{f}' is already the file of '{u}'"))
                };
                return Err(source.error(at, format!("expected each URL and file once: {what}")));
            }
            urls.push((normal, name.into_inner()));
        }
        let entry = file.entry.get_ref();
        check_file_name(entry).map_err(|why| source.error(file.entry.span().start, why))?;
        if !urls.iter().any(|(_, f)| f == entry) {
            return Err(source.error(
                file.entry.span().start,
                format!("expected the entry '{entry}' to be one of the files under [urls]"),
            ));
        }
        Ok(UrlMap { entry: entry.clone(), urls })
    }

    /// Reads `dir`'s map file, if there is one.
    pub fn read_in(dir: &Path) -> Result<Option<UrlMap>, Error> {
        let path = dir.join(MAP_FILE);
        if !path.is_file() {
            return Ok(None);
        }
        UrlMap::parse(&Source::from_path(&path)?).map(Some)
    }

    /// The file's text: entry first, then the URLs in fetch order; the same map always
    /// gives the same bytes.
    pub fn to_toml(&self) -> String {
        let mut out = String::from(
            "# Written by `soapgen fetch`: where each document in this directory came from.\n\
             # `soapgen generate`, `soapgen::Builder` and `cargo xtask codegen` read it when a\n\
             # document here imports or includes one of these URLs, so no --map is needed.\n",
        );
        out.push_str(&format!("entry = {}\n\n[urls]\n", quote(&self.entry)));
        for (url, file) in &self.urls {
            out.push_str(&format!("{} = {}\n", quote(url), quote(file)));
        }
        out
    }
}

/// Why `name` is not a plain file name beside the map, if it is not.
pub(crate) fn check_file_name(name: &str) -> Result<(), String> {
    let bad = name.is_empty()
        || name == "."
        || name == ".."
        || name.chars().any(|c| matches!(c, '/' | '\\' | ':') || c.is_control());
    if bad {
        Err(format!("expected a plain file name beside the map, found '{}'", name.escape_debug()))
    } else {
        Ok(())
    }
}

/// `location` as an absolute http(s) URL in normal form (no fragment), resolved against
/// `base` when relative; `None` when it is neither.
pub(crate) fn resolve(base: Option<&str>, location: &str) -> Option<String> {
    let parsed = match base.and_then(|b| url::Url::parse(b).ok()) {
        Some(base) => base.join(location.trim()),
        None => url::Url::parse(location.trim()),
    };
    let mut url = parsed.ok()?;
    url.set_fragment(None);
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

/// An absolute http(s) URL in normal form, or `None`.
fn absolute(url: &str) -> Option<String> {
    resolve(None, url)
}

/// A TOML basic string.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> UrlMap {
        UrlMap::new(
            "Service.wsdl",
            vec![
                ("http://h:8000/Service.svc?wsdl".into(), "Service.wsdl".into()),
                ("http://h:8000/Service.svc?xsd=xsd0".into(), "Service.xsd0.xsd".into()),
                ("http://h:8000/a\"b\\c?x=\u{7}".into(), "odd.xsd".into()),
            ],
        )
    }

    #[test]
    fn round_trips_in_fetch_order() {
        let map = sample();
        let text = map.to_toml();
        assert!(text.contains("entry = \"Service.wsdl\""), "{text}");
        let back = UrlMap::parse(&Source::new(MAP_FILE, text.clone())).unwrap();
        // The odd URL comes back normalised (url percent-encodes the quote and the bell).
        assert_eq!(back.entry(), "Service.wsdl");
        let files: Vec<&str> = back.urls().map(|(_, f)| f).collect();
        assert_eq!(files, ["Service.wsdl", "Service.xsd0.xsd", "odd.xsd"]);
        assert_eq!(
            back.file_for("http://H:8000/Service.svc?xsd=xsd0#frag"),
            Some("Service.xsd0.xsd")
        );
        assert_eq!(back.url_of("Service.wsdl"), Some("http://h:8000/Service.svc?wsdl"));
        // Writing is deterministic.
        assert_eq!(
            back.to_toml(),
            UrlMap::parse(&Source::new(MAP_FILE, back.to_toml())).unwrap().to_toml()
        );
    }

    #[test]
    fn refuses_names_that_leave_the_directory() {
        for name in ["../x.xsd", "a/b.xsd", "/etc/passwd", "C:\\x", "..", "", "a\nb"] {
            let text = format!(
                "entry = \"a.wsdl\"\n[urls]\n\"http://h/a\" = \"a.wsdl\"\n\"http://h/b\" = {}\n",
                quote(name)
            );
            let e = UrlMap::parse(&Source::new("m.toml", text)).unwrap_err().summary();
            assert!(e.starts_with("m.toml:4:16: expected a plain file name"), "{name:?}: {e}");
        }
    }

    #[test]
    fn refuses_other_schemes_unknown_keys_and_a_stray_entry() {
        let e = |text: &str| UrlMap::parse(&Source::new("m.toml", text)).unwrap_err().summary();
        let file = e("entry = \"a.wsdl\"\n[urls]\n\"file:///etc/passwd\" = \"a.wsdl\"\n");
        assert!(file.contains("expected an absolute http(s) URL"), "{file}");
        let unknown = e("entry = \"a.wsdl\"\nextra = 1\n[urls]\n");
        assert!(unknown.starts_with("m.toml:2:1: unknown field `extra`"), "{unknown}");
        let stray = e("entry = \"b.wsdl\"\n[urls]\n\"http://h/a\" = \"a.wsdl\"\n");
        assert!(stray.contains("expected the entry 'b.wsdl' to be one of the files"), "{stray}");
    }

    #[test]
    fn refuses_a_url_or_a_file_twice() {
        let e = |text: &str| UrlMap::parse(&Source::new("m.toml", text)).unwrap_err().summary();
        let url = e(
            "entry = \"a.wsdl\"\n[urls]\n\"http://h/a\" = \"a.wsdl\"\n\"HTTP://h/a#x\" = \"b.xsd\"\n",
        );
        assert!(url.starts_with("m.toml:4:1: expected each URL and file once"), "{url}");
        let file = e(
            "entry = \"a.wsdl\"\n[urls]\n\"http://h/a\" = \"a.wsdl\"\n\"http://h/b\" = \"a.wsdl\"\n",
        );
        assert!(file.contains("'a.wsdl' is already the file of 'http://h/a'"), "{file}");
    }

    #[test]
    fn resolves_relative_locations_against_the_document_url() {
        let base = Some("http://h/svc/Service.svc?xsd=xsd1");
        assert_eq!(resolve(base, "Service.svc?xsd=1").unwrap(), "http://h/svc/Service.svc?xsd=1");
        assert_eq!(resolve(base, "../types.xsd").unwrap(), "http://h/types.xsd");
        assert_eq!(resolve(base, "file:///etc/passwd"), None);
        assert_eq!(resolve(None, "types.xsd"), None);
    }
}
