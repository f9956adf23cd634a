//! Following a WSDL's imports and includes over HTTP(S), each document fetched once.
//!
//! The crawler is a [`Loader`]: the same walk that reads documents for generation
//! (`read::wsdl::load_all`) asks it for every `wsdl:import`, `xs:import`, `xs:include` and
//! `xs:redefine`, so exactly what generating will read is fetched, every document is parsed
//! by the generator's XML reader (DOCTYPEs refused, nothing expanded), and a document
//! imported twice (or in a cycle) is fetched once.

use std::cell::RefCell;
use std::collections::BTreeMap;

use soapgen_runtime::{HttpRequest, HttpTransport};

use super::connection::{self, Connection};
use crate::read::wsdl::Loader;
use crate::read::wsdl::url_map::resolve;
use crate::{Error, Source};

/// Bounds on what one fetch downloads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Total bytes of all documents together.
    pub max_bytes: u64,
    /// Number of documents.
    pub max_files: usize,
}

impl Default for Limits {
    /// 64 MiB and 200 documents: far above real services (WCF splits into tens).
    fn default() -> Self {
        Limits { max_bytes: 64 * 1024 * 1024, max_files: 200 }
    }
}

/// A document as served.
pub struct Fetched {
    /// Its URL, normalised.
    pub url: String,
    /// The body, byte for byte.
    pub body: Vec<u8>,
}

pub struct Crawler {
    origin: url::Origin,
    /// For the first URL's origin: with the user's credentials.
    own: HttpTransport,
    /// For every other origin: without them.
    foreign: HttpTransport,
    limits: Limits,
    state: RefCell<State>,
}

#[derive(Default)]
struct State {
    docs: Vec<(Fetched, Source)>,
    by_url: BTreeMap<String, usize>,
    bytes: u64,
}

impl Crawler {
    /// Fetches `url` and everything it pulls in; returns the documents in fetch order
    /// (the entry first).
    pub fn run(url: &str, connection: &Connection, limits: Limits) -> Result<Vec<Fetched>, Error> {
        let Some(normal) = resolve(None, url) else {
            return Err(Error::Fetch(format!(
                "{url}: expected an absolute http:// or https:// URL"
            )));
        };
        let origin = url::Url::parse(&normal).map_err(|e| Error::Fetch(format!("{url}: {e}")))?;
        let crawler = Crawler {
            origin: origin.origin(),
            own: connection::transport(connection, true)?,
            foreign: connection::transport(connection, false)?,
            limits,
            state: RefCell::default(),
        };
        let entry = crawler.get(&normal).map_err(|e| match e {
            Error::Io { source, .. } => Error::Fetch(format!("{normal}: {source}")),
            other => other,
        })?;
        crate::read::wsdl::load_all(&entry, &crawler)?;
        Ok(crawler.state.into_inner().docs.into_iter().map(|(doc, _)| doc).collect())
    }

    /// The document at `url` (absolute, normalised), fetched on first use.
    ///
    /// Failures of this one document are `Error::Io` (the walk reports them at the import
    /// that named it); exceeding a limit is `Error::Fetch`.
    fn get(&self, url: &str) -> Result<Source, Error> {
        let mut state = self.state.borrow_mut();
        if let Some(&i) = state.by_url.get(url) {
            return Ok(state.docs[i].1.clone());
        }
        if state.docs.len() >= self.limits.max_files {
            return Err(Error::Fetch(format!(
                "{url}: more than --max-files {} documents; raise it if the service really has more",
                self.limits.max_files
            )));
        }
        let parsed = url::Url::parse(url).map_err(|e| failed(url, e))?;
        if !parsed.username().is_empty() || parsed.password().is_some() {
            return Err(failed(url, "refused: credentials in a URL (give them with --user)"));
        }
        let transport = if parsed.origin() == self.origin { &self.own } else { &self.foreign };
        let remaining = self.limits.max_bytes.saturating_sub(state.bytes);
        let limit = usize::try_from(remaining).unwrap_or(usize::MAX);
        let response = transport.clone().with_max_body(limit).send(HttpRequest::get(url)).map_err(
            |e| match e {
                soapgen_runtime::Error::BodyTooLarge { .. } => too_large(url, self.limits),
                soapgen_runtime::Error::Http { status, location: Some(to), .. } => failed(
                    url,
                    format!("HTTP status {status}: redirected to {to}; fetch from there"),
                ),
                e => failed(url, e),
            },
        )?;
        if !(200..300).contains(&response.status) {
            return Err(failed(url, format!("HTTP status {}", response.status)));
        }
        state.bytes += response.body.len() as u64;
        if state.bytes > self.limits.max_bytes {
            return Err(too_large(url, self.limits));
        }
        let text = String::from_utf8(response.body.clone()).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            failed(url, format!("expected UTF-8 text, found an invalid byte sequence at byte {at}"))
        })?;
        let text = text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text);
        let source = Source::new(url, text);
        let doc = Fetched { url: url.to_owned(), body: response.body };
        let index = state.docs.len();
        state.by_url.insert(url.to_owned(), index);
        state.docs.push((doc, source.clone()));
        Ok(source)
    }
}

impl Loader for Crawler {
    fn load(&self, location: &str, importing: &Source) -> Result<Option<Source>, Error> {
        if climbs_above_root(&importing.name, location) {
            return Err(failed("refused", "the location climbs above the server's root"));
        }
        match resolve(Some(&importing.name), location) {
            Some(url) => self.get(&url).map(Some),
            None => Err(failed("refused", "only http and https locations are fetched")),
        }
    }
}

/// Whether a relative `location` has more `..` segments than `base`'s path has
/// directories: URL resolution would quietly stop at the root, but such a location is
/// broken or hostile, so it is refused rather than guessed at.
fn climbs_above_root(base: &str, location: &str) -> bool {
    let location = location.trim();
    if location.contains("://") || location.starts_with("//") {
        return false;
    }
    let path = location.split(['?', '#']).next().unwrap_or("");
    let mut depth: i64 = if path.starts_with('/') {
        0
    } else {
        url::Url::parse(base)
            .ok()
            .and_then(|u| u.path_segments().map(|s| s.count() as i64 - 1))
            .unwrap_or(0)
    };
    for segment in path.split(['/', '\\']) {
        match segment.to_ascii_lowercase().as_str() {
            ".." | ".%2e" | "%2e." | "%2e%2e" => depth -= 1,
            "" | "." | "%2e" => {}
            _ => depth += 1,
        }
        if depth < 0 {
            return true;
        }
    }
    false
}

/// One document could not be had (`what`: its URL, or `refused`): the walk names the
/// import that asked for it.
fn failed(what: &str, why: impl std::fmt::Display) -> Error {
    Error::Io { path: what.to_owned(), source: std::io::Error::other(why.to_string()) }
}

fn too_large(url: &str, limits: Limits) -> Error {
    Error::Fetch(format!(
        "{url}: the documents together are larger than --max-bytes {}; raise it if the service \
         really is that large",
        limits.max_bytes
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_above_the_root_are_caught() {
        let base = "http://h/svc/a.wsdl";
        assert!(!climbs_above_root(base, "../types.xsd"));
        assert!(climbs_above_root(base, "../../x"));
        assert!(climbs_above_root(base, "..\\..\\x"));
        assert!(climbs_above_root(base, "/../x"));
        assert!(climbs_above_root(base, "%2e%2e/%2E%2e/x"));
        assert!(!climbs_above_root(base, "a/../../types.xsd"));
        assert!(!climbs_above_root(base, "Service.svc?xsd=../../../x"));
        assert!(!climbs_above_root(base, "http://h/../x"));
    }
}
