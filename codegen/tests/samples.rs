//! Every sample under samples/, read as `cargo xtask codegen` reads it (found by
//! `testkit::samples`, its files by root-relative name, its `soapgen.toml` applied): the
//! model each reads into is pinned by an insta snapshot of its dump (`soapgen inspect`), and
//! generation is deterministic.
//!
//! The code generated from each sample is pinned once, by `generated/` itself (checked by
//! `cargo xtask codegen --check`), so a reader regression shows here and an emitter
//! regression shows there.

use std::path::Path;
use std::sync::Arc;

use soapgen::{Options, Overrides, Source};

/// A source named by its path from the workspace root, as xtask names it.
fn source(path: &Path) -> Source {
    let root = testkit::workspace_root();
    let rel = path.strip_prefix(&root).unwrap().display().to_string();
    Source::new(rel, std::fs::read_to_string(path).unwrap())
}

/// Each sample's name, inputs and options (overrides, imports found from the root).
fn samples() -> Vec<(String, Vec<Source>, Options)> {
    let samples = testkit::samples::all();
    assert!(!samples.is_empty());
    samples
        .into_iter()
        .map(|sample| {
            let inputs = sample.inputs.iter().map(|p| source(p)).collect();
            let mut options = Options::default();
            options.loader.base_dir(testkit::workspace_root());
            if let Some(path) = &sample.overrides {
                let parsed = Overrides::parse(source(path)).unwrap_or_else(|e| panic!("{e}"));
                options.overrides = Some(Arc::new(parsed));
            }
            (sample.name, inputs, options)
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
