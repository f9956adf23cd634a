//! The seed-response driver, shared by the `seed_responses` fuzz target and each seed
//! crate's replay of its share of the corpus (`generated/*/tests/fuzz_corpus.rs`).
//!
//! A corpus file is one selector byte and a response body: `selector % 5` picks the seed
//! client (in the order of [`SEEDS`]), bit 7 the status (200 or 500).

use soapgen_runtime::{Error, HttpResponse};

/// The seed crates, in selector order.
#[allow(dead_code)]
pub const SEEDS: [&str; 5] = [
    "cangooroo_backoffice",
    "registrar_servicestack",
    "smscreator_customers",
    "sos_account_management",
    "zoolz_reseller",
];

/// A generated `parse_*` function, its result shown with `Debug`.
pub type Parse = fn(&HttpResponse) -> Result<String, Error>;

/// Parses `data`'s body with `parse`; must not panic, and errors must display.
pub fn check(data: &[u8], parse: Parse) {
    let Some((&selector, body)) = data.split_first() else {
        return;
    };
    let status = if selector & 0x80 == 0 { 200 } else { 500 };
    let response = HttpResponse::new(status, None, body.to_vec());
    if let Err(e) = parse(&response) {
        let _ = e.to_string();
    }
}

/// Replays the corpus files meant for seed `index` of [`SEEDS`] through `parse`.
#[allow(dead_code)]
pub fn replay(index: usize, parse: Parse) {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus/seed_responses");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut replayed = 0;
    for file in files {
        let data = std::fs::read(&file).unwrap();
        if data.first().is_some_and(|s| usize::from(*s) % SEEDS.len() == index) {
            let outcome = std::panic::catch_unwind(|| check(&data, parse));
            assert!(outcome.is_ok(), "{} fails; rerun it with the fuzz target", file.display());
            replayed += 1;
        }
    }
    assert!(replayed > 0, "no corpus file for {}", SEEDS[index]);
}
