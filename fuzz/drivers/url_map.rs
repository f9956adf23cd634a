//! The URL-map driver, shared by the `url_map` fuzz target and the codegen test that replays
//! its corpus (`codegen/tests/fuzz_corpus.rs`).
//!
//! Reads arbitrary text as a `soapgen-map.toml` (the file `soapgen fetch` writes and every
//! generation reads from a directory it may not have written itself). Must never panic;
//! errors must display; a map that is accepted names only bare files beside it, resolves
//! each of its URLs to its file, and comes back unchanged through writing and reading.

use soapgen::Source;
use soapgen::fetch::UrlMap;

/// Parses `data` (as UTF-8) as a map and checks what an accepted map promises.
pub fn url_map(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let map = match UrlMap::parse(&Source::new("fuzz/soapgen-map.toml", text)) {
        Ok(map) => map,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    for (url, file) in map.urls() {
        assert!(
            !file.is_empty()
                && file != "."
                && file != ".."
                && !file.contains(['/', '\\', ':'])
                && !file.chars().any(char::is_control),
            "accepted a file name that is not a bare name: {file:?}"
        );
        assert!(map.url_of(file).is_some());
        assert!(map.file_for(url).is_some(), "{url} does not find its own file");
    }
    let written = map.to_toml();
    let again = UrlMap::parse(&Source::new("fuzz/again.toml", written.as_str()))
        .unwrap_or_else(|e| panic!("the map's own text is refused: {e}\n{written}"));
    assert_eq!(again, map, "{written}");
}
