//! `soapgen_runtime::fuzzing::response_body`: see its docs for what is checked.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| soapgen_runtime::fuzzing::response_body(data));
