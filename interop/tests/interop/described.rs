//! `soapgen wsdl`: the WSDL soapgen writes for each sample (help pages above all, which
//! have no WSDL of their own) loads in zeep, an independent SOAP stack, which finds every
//! SOAP operation in it, and xsdata generates its data classes from it.

use std::path::Path;
use std::sync::Arc;

use soapgen::{Options, Overrides, Protocol, Source};

fn source(path: &Path) -> Source {
    Source::new(path.display().to_string(), std::fs::read_to_string(path).unwrap())
}

/// A sample's inputs and options, as `cargo xtask codegen` reads them.
fn read(sample: &testkit::samples::Sample) -> (Vec<Source>, Options) {
    let sources = sample.inputs.iter().map(|p| source(p)).collect();
    let mut options = Options::default();
    options.loader.base_dir(testkit::workspace_root());
    if let Some(path) = &sample.overrides {
        options.overrides = Some(Arc::new(Overrides::parse(source(path)).unwrap()));
    }
    (sources, options)
}

#[test]
fn every_sample_described_as_wsdl_loads_in_zeep_with_its_operations() {
    let dir = std::env::temp_dir().join(format!("soapgen-described-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for sample in testkit::samples::all() {
        let (sources, options) = read(&sample);
        let out = soapgen::generate(&sources, &options).unwrap();
        let wsdl = soapgen::describe(&sources, &options).unwrap().wsdl;
        let path = dir.join(format!("{}.wsdl", sample.name));
        std::fs::write(&path, &wsdl).unwrap();
        let listing =
            interop::zeep_load(&path).unwrap_or_else(|e| panic!("{}: {e}\n{wsdl}", sample.name));
        for op in out.model.services.iter().flat_map(|s| &s.operations) {
            if op.bindings.iter().any(|b| b.protocol != Protocol::PlainXml) {
                assert!(
                    listing.contains(&format!("{}(", op.name)),
                    "{}: zeep does not list {}:\n{listing}",
                    sample.name,
                    op.name
                );
            }
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn every_sample_described_as_wsdl_generates_in_xsdata() {
    let dir = std::env::temp_dir().join(format!("soapgen-xsdata-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for sample in testkit::samples::all() {
        let (sources, options) = read(&sample);
        // xsdata maps SOAP bindings only and stops on an HTTP one (ASP.NET's own WSDLs too):
        // a service without SOAP is left to zeep, above, and HTTP bindings are cut out.
        let out = soapgen::generate(&sources, &options).unwrap();
        let soap = out
            .model
            .services
            .iter()
            .flat_map(|s| &s.operations)
            .any(|op| op.bindings.iter().any(|b| b.protocol.is_soap()));
        if !soap {
            continue;
        }
        let wsdl = without_http_bindings(&soapgen::describe(&sources, &options).unwrap().wsdl);
        let path = dir.join(format!("{}.wsdl", sample.name));
        std::fs::write(&path, &wsdl).unwrap();
        let package = format!("described_{}", sample.name);
        interop::xsdata_generate(&path, &dir, &package)
            .unwrap_or_else(|e| panic!("{}: {e}\n{wsdl}", sample.name));
        let generated = std::fs::read_dir(dir.join(&package)).map(|d| d.count()).unwrap_or(0);
        assert!(generated > 1, "{}: xsdata wrote nothing", sample.name);
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// `wsdl` without its `http:binding` bindings and `http:address` ports (as `soapgen wsdl`
/// writes them: one element per line).
fn without_http_bindings(wsdl: &str) -> String {
    let mut out = String::with_capacity(wsdl.len());
    let mut block: Option<(&str, String)> = None;
    for line in wsdl.split_inclusive('\n') {
        let t = line.trim_start();
        if let Some((end, kept)) = &mut block {
            kept.push_str(line);
            if t.starts_with(*end) {
                let http = kept.contains("<http:binding ") || kept.contains("<http:address ");
                if !http {
                    out.push_str(kept);
                }
                block = None;
            }
        } else if t.starts_with("<wsdl:binding ") {
            block = Some(("</wsdl:binding>", line.to_owned()));
        } else if t.starts_with("<wsdl:port ") {
            block = Some(("</wsdl:port>", line.to_owned()));
        } else {
            out.push_str(line);
        }
    }
    out
}
