//! Replays the generator's fuzz corpora (`fuzz/corpus/<target>`: sample_page, html_page,
//! documented_page, url_map) through the targets' own drivers, so every input the fuzzer kept
//! stays an ordinary test.

#[path = "../../fuzz/drivers/documented_page.rs"]
mod documented_page_driver;
#[path = "../../fuzz/drivers/sample_page.rs"]
mod driver;
#[path = "../../fuzz/drivers/html_page.rs"]
mod html_page_driver;
#[path = "../../fuzz/drivers/page_pipeline.rs"]
mod page_pipeline;
#[path = "../../fuzz/drivers/url_map.rs"]
mod url_map_driver;

/// The files of `fuzz/corpus/<target>`, sorted; never none.
fn corpus(target: &str) -> Vec<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} is empty", dir.display());
    files
}

/// Runs `driver` on every file of `files`, as the fuzz target would.
fn replay(files: &[std::path::PathBuf], driver: fn(&[u8])) {
    for file in files {
        let data = std::fs::read(file).unwrap();
        let outcome = std::panic::catch_unwind(|| driver(&data));
        assert!(outcome.is_ok(), "{} fails; rerun it with the fuzz target", file.display());
    }
}

/// Replays `fuzz/corpus/html_page` (the `html_page` target: HTML pages).
#[test]
fn html_page_corpus() {
    replay(&corpus("html_page"), html_page_driver::html_page);
}

/// Replays `fuzz/corpus/documented_page` (the `documented_page` target: vendor docs with
/// concrete envelopes).
#[test]
fn documented_page_corpus() {
    replay(&corpus("documented_page"), documented_page_driver::documented_page);
}

/// Replays `fuzz/corpus/url_map` (the `url_map` target: `soapgen-map.toml` reading).
#[test]
fn url_map_corpus() {
    replay(&corpus("url_map"), url_map_driver::url_map);
}

#[test]
fn sample_page_corpus() {
    let files = corpus("sample_page");
    // Inputs that find a service are generated in full, slow in a debug build: use every core.
    let threads = std::thread::available_parallelism().map_or(2, usize::from);
    std::thread::scope(|scope| {
        for chunk in files.chunks(files.len().div_ceil(threads)) {
            scope.spawn(move || replay(chunk, driver::sample_page));
        }
    });
}
