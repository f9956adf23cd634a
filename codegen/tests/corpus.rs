//! The shared corpus of real service descriptions, end to end: every entry point is
//! generated into one scratch crate under `target/` (a module each, so it is one
//! compilation), which must pass `cargo clippy -D warnings` and whose round-trip test
//! (a value of every struct written and read back equal) must pass.
//!
//! The corpus is read where it lies, never copied: the directory `SOAPGEN_CORPUS` names, or
//! `<workspace>/../shared/corpus` (see `testkit::corpus`). Without it the test is ignored;
//! `cargo xtask test` runs it when the corpus is present (`--include-ignored`).
//! `SOAPGEN_CORPUS_ONLY=ec2,economic` limits the run to some entries (for measuring); the
//! test command runs them all.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use soapgen::{FsLoader, Options, Source};

/// One module of the scratch crate: its inputs (relative to the corpus) and URL map.
struct Entry {
    module: &'static str,
    inputs: &'static [&'static str],
    /// `(url, file relative to the corpus)`: the manifest's location map.
    map: fn() -> Vec<(String, String)>,
}

fn no_map() -> Vec<(String, String)> {
    Vec::new()
}

/// The manifest's WCF map: `connect.svc?wsdl=wsdlN` and `?xsd=xsdN` to the stored files.
fn bookt_map() -> Vec<(String, String)> {
    let url = "http://connect.bookt.com/svc/connect.svc";
    let mut map = vec![
        (format!("{url}?wsdl=wsdl1"), "wcf/bookt/bookt2.wsdl".to_owned()),
        (format!("{url}?wsdl=wsdl0"), "wcf/bookt/bookt3.wsdl".to_owned()),
    ];
    map.extend((0..16).map(|n| (format!("{url}?xsd=xsd{n}"), format!("wcf/bookt/bookt{n}.xsd"))));
    map
}

const ENTRIES: &[Entry] = &[
    Entry {
        module: "convert_temperature",
        inputs: &["asmx/ConvertTemperature/ConvertTemperature.wsdl"],
        map: no_map,
    },
    Entry {
        module: "number_conversion",
        inputs: &["asmx/NumberConversion/NumberConversion.wsdl"],
        map: no_map,
    },
    Entry { module: "tax_cloud", inputs: &["asmx/TaxCloud/TaxCloud.wsdl"], map: no_map },
    Entry { module: "ferry", inputs: &["asmx/WSF_Schedule_ferry/ferry.wsdl"], map: no_map },
    Entry {
        module: "trade_tracker",
        inputs: &["rpc_encoded/TradeTracker_AffiliateService/tradetracker.wsdl"],
        map: no_map,
    },
    Entry {
        module: "send_sms",
        inputs: &["rpc_literal/telefonkatalogen_SendSms/telefonkatalogen.wsdl"],
        map: no_map,
    },
    Entry {
        module: "onvif_device",
        inputs: &["onvif/ver10/device/wsdl/devicemgmt.wsdl"],
        map: no_map,
    },
    Entry { module: "bookt", inputs: &["wcf/bookt/bookt.wsdl"], map: bookt_map },
    Entry { module: "ec2", inputs: &["large/AmazonEC2/ec2.wsdl"], map: no_map },
    Entry { module: "economic", inputs: &["large/EconomicWebService/economic.wsdl"], map: no_map },
    Entry {
        module: "catalyst_crm",
        inputs: &[
            "samples/asmx_help_md/CatalystCRM_Case_Retrieve.md",
            "samples/asmx_help_md/CatalystCRM_Contact_IsLoggedIn.md",
            "samples/asmx_help_md/CatalystCRM_OrderList_Retrieve.md",
        ],
        map: no_map,
    },
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// Writes `path` only when its content changes, so cargo's fingerprints stay warm.
fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).unwrap();
    }
}

fn generate(corpus: &Path, entry: &Entry) -> String {
    let sources: Vec<Source> = entry
        .inputs
        .iter()
        .map(|rel| Source::from_path(&corpus.join(rel)).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    let mut loader = FsLoader::new();
    for (url, file) in (entry.map)() {
        loader.map(url, corpus.join(file));
    }
    let options = Options { loader, ..Options::default() };
    let started = Instant::now();
    let out =
        soapgen::generate(&sources, &options).unwrap_or_else(|e| panic!("{}: {e}", entry.module));
    let resolved = soapgen::resolve::resolve(&out.model);
    let tests = soapgen::emit::round_trip_tests(&resolved, &options.emit);
    let tests = soapgen::emit::format(tests).expect("round-trip tests parse");
    let ops: usize = out.model.services.iter().map(|s| s.operations.len()).sum();
    eprintln!(
        "{}: {} file(s), {ops} operation(s), {} type(s), {} warning(s), {} lines, generated in {:?}",
        entry.module,
        out.files.len(),
        out.model.types.len(),
        out.model.warnings.len(),
        out.code.lines().count(),
        started.elapsed()
    );
    format!("{}\n{tests}", out.module_source())
}

fn cargo(dir: &Path, args: &[&str]) {
    let started = Instant::now();
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(args)
        .current_dir(dir)
        // Its own target dir: the outer cargo holds the workspace's while tests run.
        .env("CARGO_TARGET_DIR", root().join("target/soapgen-corpus-target"))
        .env_remove("RUSTC_WORKSPACE_WRAPPER")
        .status()
        .unwrap();
    eprintln!("cargo {}: {:?}", args.join(" "), started.elapsed());
    assert!(status.success(), "cargo {} failed in {}", args.join(" "), dir.display());
}

#[test]
#[ignore = "needs the shared corpus (SOAPGEN_CORPUS); run by cargo xtask test when present"]
fn every_corpus_entry_generates_compiles_clippy_clean_and_round_trips() {
    let corpus = testkit::corpus::dir();
    let only: Option<Vec<String>> = std::env::var("SOAPGEN_CORPUS_ONLY")
        .ok()
        .map(|s| s.split(',').map(|m| m.trim().to_owned()).collect());
    let entries: Vec<&Entry> = ENTRIES
        .iter()
        .filter(|e| only.as_ref().is_none_or(|o| o.iter().any(|m| m == e.module)))
        .collect();
    assert!(!entries.is_empty(), "SOAPGEN_CORPUS_ONLY selects no entry");

    let dir = root().join("target/soapgen-corpus");
    let runtime = root().join("runtime");
    write(
        &dir.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"soapgen-corpus\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\nsoapgen-runtime = {{ path = {:?} }}\n\n[workspace]\n\n\
             # Only built to run its tests once: no debuginfo, no incremental state.\n\
             [profile.dev]\ndebug = 0\nincremental = false\n",
            runtime.display().to_string()
        ),
    );
    // The workspace's lock: the same dependency versions, no registry lookups.
    if !dir.join("Cargo.lock").exists() {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    }
    let mut lib =
        String::from("//! Every corpus entry point, generated by soapgen's corpus test.\n\n");
    for entry in &entries {
        write(&dir.join(format!("src/{}.rs", entry.module)), &generate(&corpus, entry));
        lib.push_str(&format!("pub mod {};\n", entry.module));
    }
    write(&dir.join("src/lib.rs"), &lib);

    // The test build of the library holds everything the plain one does, and the tests.
    cargo(&dir, &["clippy", "--lib", "--tests", "--quiet", "--", "-D", "warnings"]);
    cargo(&dir, &["test", "--quiet", "--lib"]);
}
