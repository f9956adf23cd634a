//! `generate` prints the module part by part on several threads; the bytes must be those of
//! the whole module printed at once (`emit::format` of `emit::emit`), for every kind of
//! input and every option that changes what is emitted.

use std::path::{Path, PathBuf};

use soapgen::{DefaultTransport, Options, Source};

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../samples")
}

/// Each sample folder's inputs: its entry WSDL, or all its pages (one service).
fn sample_inputs() -> Vec<(String, Vec<PathBuf>)> {
    let entries = [
        ("interop_node", vec!["interop_node.wsdl"]),
        ("interop_spyne11", vec!["spyne_soap11.wsdl"]),
        ("interop_spyne12", vec!["spyne_soap12.wsdl"]),
        ("wsdl_constructs", vec!["constructs.wsdl"]),
        ("wsdl_headers_faults", vec!["headers_faults.wsdl"]),
        ("wsdl_multi", vec!["multi.wsdl"]),
        ("wsdl_rpc", vec!["rpc.wsdl"]),
    ];
    let mut inputs: Vec<(String, Vec<PathBuf>)> = entries
        .into_iter()
        .map(|(dir, files)| {
            (dir.to_owned(), files.iter().map(|f| samples().join(dir).join(f)).collect())
        })
        .collect();
    for dir in ["interop_page", "cangooroo_backoffice", "registrar_servicestack", "zoolz_reseller"]
    {
        let mut pages: Vec<PathBuf> = std::fs::read_dir(samples().join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        pages.sort();
        inputs.push((dir.to_owned(), pages));
    }
    inputs
}

fn variants() -> Vec<(&'static str, Options)> {
    let mut features = Options::default();
    features.emit.operation_features = true;
    let mut async_client = Options::default();
    async_client.emit.default_transport = DefaultTransport::Async;
    let mut server = Options::default();
    server.emit.server = true;
    vec![
        ("plain", Options::default()),
        ("operation features", features),
        ("async", async_client),
        ("server", server),
    ]
}

#[test]
fn parts_printed_apart_are_the_module_printed_whole() {
    for (name, paths) in sample_inputs() {
        let sources: Vec<Source> = paths.iter().map(|p| Source::from_path(p).unwrap()).collect();
        for (variant, options) in variants() {
            let out = soapgen::generate(&sources, &options)
                .unwrap_or_else(|e| panic!("{name} ({variant}): {e}"));
            let resolved = soapgen::resolve::resolve(&out.model);
            // The server side embeds the WSDL `soapgen wsdl` writes for the same inputs.
            let wsdl = if options.emit.server {
                soapgen::describe(&sources, &options).unwrap().wsdl
            } else {
                String::new()
            };
            let tokens = soapgen::emit::emit_with_wsdl(&resolved, &options.emit, &wsdl);
            let whole =
                soapgen::emit::format(tokens).unwrap_or_else(|e| panic!("{name} ({variant}): {e}"));
            assert!(out.code == whole, "{name} ({variant}): the texts differ");
            assert!(out.code.contains("pub struct"), "{name} ({variant}): no types emitted");
        }
    }
}
