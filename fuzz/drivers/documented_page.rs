//! The documented-page driver, shared by the `documented_page` fuzz target and the codegen
//! test that replays its corpus (`codegen/tests/fuzz_corpus.rs`), so a corpus file means the
//! same to both.
//!
//! Reads arbitrary text as vendor documentation with concrete SOAP envelopes (Markdown or
//! text, no request lines): text that does not already read as such becomes the prose of a
//! page and the body of a SOAP 1.2 example envelope on it, so every input reaches the
//! documented-page reader. Must never panic; errors must display; every error and warning
//! about the page points at a line and column that exist in it; whatever model comes out
//! must resolve and emit code that parses.

use soapgen::read::wsdl::Loader;
use soapgen::{Error, Provenance, Source};

const NAME: &str = "fuzz/page.md";

/// Loads nothing: a fuzz input must not read the machine's files.
struct NoFiles;

impl Loader for NoFiles {
    fn load(&self, _location: &str, _importing: &Source) -> Result<Option<Source>, Error> {
        Ok(None)
    }
}

/// Runs the pipeline over `data` taken as UTF-8 text.
pub fn documented_page(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut source = Source::new(NAME, text);
    if !matches!(soapgen::read::detect(&source), Ok(soapgen::read::Kind::Documented)) {
        source = Source::new(
            NAME,
            format!(
                "{text}\n```xml\n<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">\n<soap:Body>\n{text}\n</soap:Body>\n</soap:Envelope>\n```\n"
            ),
        );
    }
    let page = source.text.clone();
    let read = match soapgen::read::read_with(&[source], &NoFiles) {
        Ok(read) => read,
        Err(e) => {
            let _ = e.to_string();
            if let Error::Input { at, .. } = &e {
                assert_in_page(&page, at);
            }
            return;
        }
    };
    for w in &read.model.warnings {
        assert_in_page(&page, &w.at);
    }
    let resolved = soapgen::resolve::resolve(&read.model);
    let tokens = soapgen::emit::emit(&resolved, &Default::default());
    if let Err(e) = soapgen::emit::format(tokens) {
        panic!("generated code does not parse: {e}");
    }
}

/// A position reported in the page exists there (a column may sit just past a line's end).
fn assert_in_page(page: &str, at: &Provenance) {
    if &*at.file != NAME {
        return;
    }
    let lines: Vec<&str> = page.split('\n').collect();
    let line = lines.get(at.line as usize - 1).unwrap_or_else(|| panic!("{at:?} past the page"));
    let width = line.chars().count() as u32 + 1;
    assert!(at.line >= 1 && at.column >= 1 && at.column <= width, "{at:?} outside the page");
}
