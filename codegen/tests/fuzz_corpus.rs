//! Replays the `sample_page` fuzz corpus (`fuzz/corpus/sample_page`) through the fuzz
//! target's own driver, so every input the fuzzer kept stays an ordinary test.

#[path = "../../fuzz/drivers/documented_page.rs"]
mod documented_page_driver;
#[path = "../../fuzz/drivers/sample_page.rs"]
mod driver;
#[path = "../../fuzz/drivers/html_page.rs"]
mod html_page_driver;
#[path = "../../fuzz/drivers/url_map.rs"]
mod url_map_driver;

/// Replays `fuzz/corpus/html_page` (the `html_page` target: HTML pages).
#[test]
fn html_page_corpus() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus/html_page");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} is empty", dir.display());
    for file in files {
        let data = std::fs::read(&file).unwrap();
        let outcome = std::panic::catch_unwind(|| html_page_driver::html_page(&data));
        assert!(outcome.is_ok(), "{} fails; rerun it with the fuzz target", file.display());
    }
}

/// Replays `fuzz/corpus/documented_page` (the `documented_page` target: vendor docs with
/// concrete envelopes).
#[test]
fn documented_page_corpus() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus/documented_page");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} is empty", dir.display());
    for file in files {
        let data = std::fs::read(&file).unwrap();
        let outcome = std::panic::catch_unwind(|| documented_page_driver::documented_page(&data));
        assert!(outcome.is_ok(), "{} fails; rerun it with the fuzz target", file.display());
    }
}

/// Replays `fuzz/corpus/url_map` (the `url_map` target: `soapgen-map.toml` reading).
#[test]
fn url_map_corpus() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus/url_map");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} is empty", dir.display());
    for file in files {
        let data = std::fs::read(&file).unwrap();
        let outcome = std::panic::catch_unwind(|| url_map_driver::url_map(&data));
        assert!(outcome.is_ok(), "{} fails; rerun it with the fuzz target", file.display());
    }
}

#[test]
fn sample_page_corpus() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus/sample_page");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} is empty", dir.display());
    // Inputs that find a service are generated in full, slow in a debug build: use every core.
    let threads = std::thread::available_parallelism().map_or(2, usize::from);
    std::thread::scope(|scope| {
        for chunk in files.chunks(files.len().div_ceil(threads)) {
            scope.spawn(move || {
                for file in chunk {
                    let data = std::fs::read(file).unwrap();
                    let outcome = std::panic::catch_unwind(|| driver::sample_page(&data));
                    assert!(
                        outcome.is_ok(),
                        "{} fails; rerun it with the fuzz target",
                        file.display()
                    );
                }
            });
        }
    });
}
