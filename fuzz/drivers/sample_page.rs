//! The sample-page driver, shared by the `sample_page` fuzz target and the codegen test that
//! replays its corpus (`codegen/tests/fuzz_corpus.rs`), so a corpus file means the same to
//! both.
//!
//! Reads arbitrary text as any input soapgen accepts (ASMX and ServiceStack help pages,
//! vendor pages with sample envelopes, raw envelopes, WSDL, XSD; imports are never loaded).
//! Must never panic; errors must display; whatever model comes out must resolve and emit
//! code that parses.

use soapgen::read::wsdl::Loader;
use soapgen::{Error, Source};

/// Loads nothing: a fuzz input must not read the machine's files.
struct NoFiles;

impl Loader for NoFiles {
    fn load(&self, _location: &str, _importing: &Source) -> Result<Option<Source>, Error> {
        Ok(None)
    }
}

/// Runs the pipeline over `data` taken as UTF-8 text.
pub fn sample_page(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = Source::new("fuzz/page.txt", text);
    let read = match soapgen::read::read_with(&[source], &NoFiles) {
        Ok(read) => read,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    if read.model.services.is_empty() {
        return;
    }
    let resolved = soapgen::resolve::resolve(&read.model);
    let tokens = soapgen::emit::emit(&resolved, &Default::default());
    if let Err(e) = soapgen::emit::format(tokens) {
        panic!("generated code does not parse: {e}");
    }
}
