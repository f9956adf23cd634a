//! SOAP requests to the server side's router: never a panic, always a documented status.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| soapgen_runtime::fuzzing::server_request(data));
