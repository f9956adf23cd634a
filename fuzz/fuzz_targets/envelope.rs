//! SOAP envelopes, faults and plain documents: `data[0]` picks the status and the calls,
//! the rest is the response body.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| soapgen_runtime::fuzzing::envelope(data));
