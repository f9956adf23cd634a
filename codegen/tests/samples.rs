//! Every sample under samples/: the code generated for it is pinned by a snapshot (the
//! models are pinned by the reader's own snapshots), and generation is deterministic.

use std::path::{Path, PathBuf};

fn samples() -> Vec<(String, Vec<soapgen::Source>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../samples");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs.into_iter()
        .map(|dir| {
            // A directory `soapgen fetch` filled is generated from its entry; the imports
            // are read through the map beside it (as `cargo xtask codegen` does).
            let fetched = soapgen::fetch::UrlMap::read_in(&dir).unwrap();
            let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| {
                    let name = p.file_name().unwrap().to_string_lossy();
                    let fetched_import = fetched.as_ref().is_some_and(|map| {
                        name == soapgen::fetch::MAP_FILE
                            || (name != map.entry() && map.url_of(&name).is_some())
                    });
                    p.is_file() && name != "README.md" && name != "soapgen.toml" && !fetched_import
                })
                .collect();
            files.sort();
            let sources = files
                .iter()
                // Named by path, so a WSDL's relative imports resolve; the generated code
                // names inputs by file name only.
                .map(|p| soapgen::Source::from_path(p).unwrap())
                .collect();
            (dir.file_name().unwrap().to_string_lossy().into_owned(), sources)
        })
        .collect()
}

#[test]
fn code_matches_snapshots() {
    for (name, sources) in samples() {
        let out = soapgen::generate(&sources, &soapgen::Options::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        insta::assert_snapshot!(format!("{name}.code"), out.module_source());
    }
}

#[test]
fn generation_is_deterministic() {
    for (name, sources) in samples() {
        let a = soapgen::generate(&sources, &soapgen::Options::default()).unwrap();
        let b = soapgen::generate(&sources, &soapgen::Options::default()).unwrap();
        assert_eq!(a.module_source(), b.module_source(), "{name}");
    }
}
