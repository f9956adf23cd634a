//! `soapgen_runtime::fuzzing::set_cookie`: see its docs for what is checked.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| soapgen_runtime::fuzzing::set_cookie(data));
