//! Every sample under samples/, read as `cargo xtask codegen` reads it (its files by
//! root-relative name, its `soapgen.toml` applied): the model each reads into is pinned by
//! an insta snapshot of its dump (`soapgen inspect`), and generation is deterministic.
//!
//! The code generated from each sample is pinned once, by `generated/` itself (checked by
//! `cargo xtask codegen --check`), so a reader regression shows here and an emitter
//! regression shows there.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use soapgen::{Options, Overrides, Source};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn sorted(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    entries
}

/// A source named by its path from the workspace root, as xtask names it.
fn source(path: &Path) -> Source {
    let rel = path.strip_prefix(root()).unwrap().display().to_string();
    Source::new(rel, std::fs::read_to_string(path).unwrap())
}

/// Each sample's name, inputs and options (overrides, imports found from the root).
fn samples() -> Vec<(String, Vec<Source>, Options)> {
    let samples: Vec<PathBuf> =
        sorted(&root().join("samples")).into_iter().filter(|p| p.is_dir()).collect();
    assert!(!samples.is_empty());
    samples
        .into_iter()
        .map(|dir| {
            // A directory `soapgen fetch` filled is generated from its entry; the imports
            // are read through the map beside it (as `cargo xtask codegen` does).
            let fetched = soapgen::fetch::UrlMap::read_in(&dir).unwrap();
            let inputs = sorted(&dir)
                .into_iter()
                .filter(|p| {
                    let name = p.file_name().unwrap().to_string_lossy();
                    let fetched_import = fetched.as_ref().is_some_and(|map| {
                        name == soapgen::fetch::MAP_FILE
                            || (name != map.entry() && map.url_of(&name).is_some())
                    });
                    p.is_file()
                        && !name.starts_with('.')
                        && name != "README.md"
                        && name != "soapgen.toml"
                        && !fetched_import
                })
                .map(|p| source(&p))
                .collect();
            let mut options = Options::default();
            options.loader.base_dir(root());
            let overrides = dir.join("soapgen.toml");
            if overrides.is_file() {
                let parsed = Overrides::parse(source(&overrides)).unwrap();
                options.overrides = Some(Arc::new(parsed));
            }
            (dir.file_name().unwrap().to_string_lossy().into_owned(), inputs, options)
        })
        .collect()
}

#[test]
fn models_match_snapshots() {
    for (name, sources, options) in samples() {
        let mut read = soapgen::read::read_with(&sources, &options.loader)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        if let Some(overrides) = &options.overrides {
            overrides.apply(&mut read.model).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        insta::assert_snapshot!(format!("{name}.ir"), soapgen::read::dump(&read.model));
    }
}

#[test]
fn generation_is_deterministic() {
    for (name, sources, options) in samples() {
        let a = soapgen::generate(&sources, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
        let b = soapgen::generate(&sources, &options).unwrap();
        assert_eq!(a.module_source(), b.module_source(), "{name}");
        assert_eq!(soapgen::read::dump(&a.model), soapgen::read::dump(&b.model), "{name}");
    }
}
