//! Every sample under samples/: the code generated for it is pinned by a snapshot (the
//! models are pinned by the reader's own snapshots), and generation is deterministic.

use std::sync::Arc;

/// Every sample (found as `cargo xtask codegen` finds them), with the options it is
/// generated with: its `soapgen.toml`, when it has one.
fn samples() -> Vec<(String, Vec<soapgen::Source>, soapgen::Options)> {
    testkit::samples::all()
        .into_iter()
        .map(|sample| {
            let sources = sample
                .inputs
                .iter()
                // Named by path, so a WSDL's relative imports resolve; the generated code
                // names inputs by file name only.
                .map(|p| soapgen::Source::from_path(p).unwrap())
                .collect();
            let mut options = soapgen::Options::default();
            if let Some(path) = &sample.overrides {
                let source = soapgen::Source::from_path(path).unwrap();
                let overrides = soapgen::Overrides::parse(source).unwrap_or_else(|e| panic!("{e}"));
                options.overrides = Some(Arc::new(overrides));
            }
            (sample.name, sources, options)
        })
        .collect()
}

#[test]
fn code_matches_snapshots() {
    for (name, sources, options) in samples() {
        let out = soapgen::generate(&sources, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
        insta::assert_snapshot!(format!("{name}.code"), out.module_source());
    }
}

#[test]
fn generation_is_deterministic() {
    for (name, sources, options) in samples() {
        let a = soapgen::generate(&sources, &options).unwrap();
        let b = soapgen::generate(&sources, &options).unwrap();
        assert_eq!(a.module_source(), b.module_source(), "{name}");
    }
}
