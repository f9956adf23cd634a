//! `soapgen-map.toml` reading (the URL map `soapgen fetch` writes) over arbitrary text.
#![no_main]

#[path = "../drivers/url_map.rs"]
mod driver;

libfuzzer_sys::fuzz_target!(|data: &[u8]| driver::url_map(data));
