//! soapgen's readers (and, when they find a service, resolve and emit) over arbitrary text.
#![no_main]

#[path = "../drivers/sample_page.rs"]
mod driver;

libfuzzer_sys::fuzz_target!(|data: &[u8]| driver::sample_page(data));
