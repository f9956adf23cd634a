//! HTML pages: help pages as ASP.NET and ServiceStack serve them (or a browser saves
//! them) and vendor documentation saved as HTML.
//!
//! The page becomes the text a browser shows (`text`), a [`Source`] derived from the
//! page whose positions map back into it; the text readers (`asmx`, `servicestack`, …)
//! then read that text as they read a pasted page. An operations index names
//! operations and links to the WSDL but shows no samples (`index`): it generates
//! nothing and says what to run instead.

mod index;
mod text;

use super::detect::{self, Kind};
use crate::ir::Provenance;
use crate::source::Origin;
use crate::{Error, Source};

pub use index::Hint;

/// What an HTML page holds.
pub enum Page {
    /// Samples (or a description): the page's text, its kind, positions in the page.
    Text(Source, Kind),
    /// An operations index: nothing to generate, and what to run instead.
    Index(Hint),
}

/// Elements only HTML starts with (an XML envelope or WSDL never does).
const HTML_ROOTS: &[&str] = &["html", "head", "body", "meta", "title", "link"];
const HTML_ELEMENTS: &[&str] = &[
    "div", "p", "pre", "table", "h1", "h2", "h3", "h4", "h5", "h6", "span", "font", "br", "ul",
    "ol", "section", "article", "main", "header", "nav", "style", "script", "code",
];

/// Whether `text` is an HTML page or fragment, by its first markup: a DOCTYPE html or
/// an element only HTML uses. A fragment opening with a common element (`<div>`) counts
/// when it escapes its samples (`&lt;`) or shows no request line of its own.
pub fn is_html(text: &str) -> bool {
    let Some(first) = first_markup(text) else { return false };
    let lower = first.to_ascii_lowercase();
    if lower.starts_with("<!doctype") {
        return lower["<!doctype".len()..].trim_start().starts_with("html");
    }
    let name: String = lower[1..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    if HTML_ROOTS.contains(&name.as_str()) {
        return true;
    }
    HTML_ELEMENTS.contains(&name.as_str())
        && (text.contains("&lt;") || super::page::first_request(text).is_none())
}

/// The first tag or DOCTYPE, past whitespace, comments and an XML declaration.
fn first_markup(text: &str) -> Option<&str> {
    let mut rest = text.trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.split_once("-->")?.1.trim_start();
        } else if rest.starts_with("<?") {
            rest = rest.split_once("?>")?.1.trim_start();
        } else if rest.starts_with('<') {
            return Some(&rest[..rest.len().min(64)]);
        } else {
            return None;
        }
    }
}

/// Reads the page's text and recognises what it holds.
pub fn read(source: &Source) -> Result<Page, Error> {
    let extracted = text::extract(&source.text);
    let origin = Origin {
        text: source.text.clone(),
        anchors: extracted.anchors,
        placeholders: extracted.placeholders,
    };
    let derived = Source::derived(source.name.clone(), extracted.text, origin);
    match detect::detect_text(&derived) {
        Ok(kind) => Ok(Page::Text(derived, kind)),
        Err(e) => {
            if let Some(hint) = index::hint(source, &extracted.links, extracted.base.as_deref()) {
                return Ok(Page::Index(hint));
            }
            let at = extracted.first_pre.unwrap_or(0);
            let found = if extracted.first_pre.is_some() {
                "an HTML page whose <pre> blocks hold no request line (`POST /… HTTP/1.1`) followed by XML"
            } else {
                "an HTML page without SOAP samples (no <pre> block, no request line such as `POST /… HTTP/1.1`)"
            };
            match e {
                // The text is something else: say what the page lacks, where.
                Error::Input { .. } => {
                    Err(source.error(at, format!("{}, found {found}", detect::EXPECTED)))
                }
                other => Err(other),
            }
        }
    }
}

impl Hint {
    /// The hint as the error of a run that has nothing else to generate.
    pub fn into_error(self) -> Error {
        Error::Input { at: self.at, message: self.message, line_text: self.line_text }
    }

    pub fn at(&self) -> &Provenance {
        &self.at
    }
}
