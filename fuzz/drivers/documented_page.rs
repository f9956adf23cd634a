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

use soapgen::Source;

// The including crate declares it once (`fuzz_targets/*.rs`, `codegen/tests/fuzz_corpus.rs`).
use crate::page_pipeline;

const NAME: &str = "fuzz/page.md";

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
    page_pipeline::run(source);
}
