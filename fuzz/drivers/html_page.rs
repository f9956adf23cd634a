//! The HTML-page driver, shared by the `html_page` fuzz target and the codegen test that
//! replays its corpus (`codegen/tests/fuzz_corpus.rs`), so a corpus file means the same to
//! both.
//!
//! Reads arbitrary text as an HTML page (served or saved help pages, operations indexes,
//! vendor docs): text that does not already read as HTML is put in a `<pre>` of a page,
//! so every input reaches the HTML reader. Must never panic; errors must display; every
//! error and warning about the page points at a line and column that exist in it;
//! whatever model comes out must resolve and emit code that parses.

use soapgen::Source;

// The including crate declares it once (`fuzz_targets/*.rs`, `codegen/tests/fuzz_corpus.rs`).
use crate::page_pipeline;

const NAME: &str = "fuzz/page.html";

/// Runs the pipeline over `data` taken as UTF-8 text.
pub fn html_page(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut source = Source::new(NAME, text);
    if !matches!(soapgen::read::detect(&source), Ok(soapgen::read::Kind::Html)) {
        source = Source::new(NAME, format!("<html><body><pre>{text}</pre></body></html>"));
    }
    page_pipeline::run(source);
}
