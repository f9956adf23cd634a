//! Proxy URLs (`Proxy::new`): the bytes are the URL.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| soapgen_runtime::fuzzing::proxy_url(data));
