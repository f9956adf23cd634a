//! soapgen's HTML reader (and the page readers behind it, resolve and emit when a service
//! comes out) over arbitrary text as an HTML page.
#![no_main]

#[path = "../drivers/page_pipeline.rs"]
mod page_pipeline;

#[path = "../drivers/html_page.rs"]
mod driver;

libfuzzer_sys::fuzz_target!(|data: &[u8]| driver::html_page(data));
