//! soapgen's reader of vendor documentation with concrete SOAP envelopes (and resolve and
//! emit when a service comes out) over arbitrary text as such a page.
#![no_main]

#[path = "../drivers/page_pipeline.rs"]
mod page_pipeline;

#[path = "../drivers/documented_page.rs"]
mod driver;

libfuzzer_sys::fuzz_target!(|data: &[u8]| driver::documented_page(data));
