//! Replays the cargo-fuzz corpora of the runtime's targets (`fuzz/corpus/<target>`: xml_reader,
//! envelope, response_body, www_authenticate, ntlm_challenge, set_cookie, wire_mask) through the same drivers
//! the fuzzer runs, so every input the fuzzer kept, crashes fixed included, stays an ordinary
//! test.

use std::path::Path;

fn replay(target: &str, driver: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} is empty", dir.display());
    for file in files {
        let data = std::fs::read(&file).unwrap();
        let outcome = std::panic::catch_unwind(|| driver(&data));
        assert!(outcome.is_ok(), "{} fails; rerun it with the fuzz target", file.display());
    }
}

#[test]
fn xml_reader_corpus() {
    replay("xml_reader", soapgen_runtime::fuzzing::xml_reader);
}

#[test]
fn envelope_corpus() {
    replay("envelope", soapgen_runtime::fuzzing::envelope);
}

#[test]
fn response_body_corpus() {
    replay("response_body", soapgen_runtime::fuzzing::response_body);
}

#[test]
fn proxy_url_corpus() {
    replay("proxy_url", soapgen_runtime::fuzzing::proxy_url);
}

#[test]
fn www_authenticate_corpus() {
    replay("www_authenticate", soapgen_runtime::fuzzing::www_authenticate);
}

#[test]
fn ntlm_challenge_corpus() {
    replay("ntlm_challenge", soapgen_runtime::fuzzing::ntlm_challenge);
}

#[test]
fn set_cookie_corpus() {
    replay("set_cookie", soapgen_runtime::fuzzing::set_cookie);
}

#[test]
fn wire_mask_corpus() {
    replay("wire_mask", soapgen_runtime::fuzzing::wire_mask);
}

#[cfg(feature = "server")]
#[test]
fn server_request_corpus() {
    replay("server_request", soapgen_runtime::fuzzing::server_request);
}
