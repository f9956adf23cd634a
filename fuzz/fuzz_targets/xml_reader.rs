//! The pull reader over arbitrary input: `data[0]` picks the calls, the rest is the document.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| soapgen_runtime::fuzzing::xml_reader(data));
