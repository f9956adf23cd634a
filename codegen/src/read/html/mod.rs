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
                "an HTML page whose <pre> blocks hold no request line (`POST /… HTTP/1.1`) followed by XML, and no SOAP envelope"
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
