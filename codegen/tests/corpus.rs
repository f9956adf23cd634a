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
    // Both directions, so that every type's writer and reader go round.
    let mut options = Options { loader, ..Options::default() };
    options.emit.both_directions = true;
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

/// e-conomic (1,511 operations) cut down to five: the module holds only what they reach,
/// keeps the full generation's type names, is at most 3% of the full module, and compiles
/// clippy-clean and round-trips in a scratch crate of its own.
#[test]
#[ignore = "needs the shared corpus (SOAPGEN_CORPUS); run by cargo xtask test when present"]
fn economic_with_five_chosen_operations_is_small_and_compiles() {
    let corpus = testkit::corpus::dir();
    let source = Source::from_path(&corpus.join("large/EconomicWebService/economic.wsdl"))
        .unwrap_or_else(|e| panic!("{e}"));
    let chosen =
        ["Connect", "Debtor_GetData", "Order_FindByNumber", "Order_GetData", "Order_Get?ines"];
    let options = Options {
        operations: Some(soapgen::OperationFilter::new("test", chosen)),
        ..Options::default()
    };
    let lean = soapgen::generate(std::slice::from_ref(&source), &options).unwrap();
    let full = soapgen::generate(std::slice::from_ref(&source), &Options::default()).unwrap();
    let mut ops: Vec<&str> =
        lean.model.services.iter().flat_map(|s| &s.operations).map(|o| &*o.name).collect();
    ops.sort_unstable();
    assert_eq!(
        ops,
        ["Connect", "Debtor_GetData", "Order_FindByNumber", "Order_GetData", "Order_GetLines"]
    );
    let (lean_lines, full_lines) = (lean.code.lines().count(), full.code.lines().count());
    eprintln!("economic, five operations: {lean_lines} lines of {full_lines}");
    assert!(lean_lines * 100 <= full_lines * 3, "{lean_lines} lines of {full_lines}");
    // Every type kept is declared in the full module under the same name, with the same
    // definition line.
    let declarations = |code: &str| -> Vec<String> {
        code.lines()
            .filter(|l| l.starts_with("pub struct ") || l.starts_with("pub enum "))
            .map(str::to_owned)
            .collect()
    };
    let full_declarations = declarations(&full.code);
    let kept = declarations(&lean.code);
    assert!(kept.len() > 5, "{kept:?}");
    for declaration in &kept {
        assert!(full_declarations.contains(declaration), "`{declaration}` is not as in full");
    }

    let dir = root().join("target/soapgen-corpus-lean");
    write(
        &dir.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"soapgen-corpus-lean\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\
             publish = false\n\n[dependencies]\nsoapgen-runtime = {{ path = {:?} }}\n\n[workspace]\n",
            root().join("runtime").display().to_string()
        ),
    );
    if !dir.join("Cargo.lock").exists() {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    }
    let resolved = soapgen::resolve::resolve(&lean.model);
    let tests = soapgen::emit::round_trip_tests(&resolved, &options.emit);
    let tests = soapgen::emit::format(tests).expect("round-trip tests parse");
    write(&dir.join("src/lib.rs"), &format!("{}\n{tests}", lean.module_source()));
    cargo(&dir, &["clippy", "--lib", "--tests", "--quiet", "--", "-D", "warnings"]);
    cargo(&dir, &["test", "--quiet", "--lib"]);
}

/// Writes `out` as a crate in `target/<name>`, in a workspace of its own; returns its
/// directory and its Cargo.toml.
fn feature_crate(name: &str, out: &soapgen::Output) -> (PathBuf, String) {
    let dir = root().join("target").join(name);
    let crate_options = soapgen::CrateOptions {
        name: name.into(),
        runtime_dependency: format!(
            "{{ path = {:?} }}",
            root().join("runtime").display().to_string()
        ),
        dev_dependencies: Vec::new(),
        runtime_features: Vec::new(),
    };
    let mut toml = String::new();
    for (rel, text) in out.crate_files(&crate_options) {
        let text = if rel.ends_with("Cargo.toml") {
            toml = text.clone();
            format!("{text}\n[workspace]\n")
        } else {
            text
        };
        write(&dir.join(rel), &text);
    }
    if !dir.join("Cargo.lock").exists() {
        std::fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    }
    (dir, toml)
}

fn with_operation_features() -> Options {
    let mut options = Options::default();
    options.emit.operation_features = true;
    options
}

/// e-conomic as one crate with a cargo feature per operation: with five enabled it
/// compiles clippy-clean and only what they reach, and the default enables them all.
#[test]
#[ignore = "needs the shared corpus (SOAPGEN_CORPUS); run by cargo xtask test when present"]
fn economic_crate_with_operation_features_builds_what_is_enabled() {
    let corpus = testkit::corpus::dir();
    let source = Source::from_path(&corpus.join("large/EconomicWebService/economic.wsdl"))
        .unwrap_or_else(|e| panic!("{e}"));
    let out = soapgen::generate(&[source], &with_operation_features()).unwrap();
    let (dir, toml) = feature_crate("soapgen-corpus-features", &out);
    assert!(toml.contains("\"default\" = [\"all-operations\"]\n"), "{toml}");
    let line = |feature: &str| {
        toml.lines().find(|l| l.starts_with(&format!("\"{feature}\" = "))).unwrap().to_owned()
    };
    assert!(line("all-operations").contains("\"order_get_data\""));
    let order_get_data = line("order_get_data");
    assert!(
        order_get_data.contains("\"type-OrderGetData\"")
            && order_get_data.contains("\"type-OrderData\"")
    );
    assert!(!line("connect").contains("\"type-OrderData\""), "{}", line("connect"));
    let gated = "#[cfg(feature = \"type-OrderData\")]\n/// XML name: `OrderData` in `http://e-conomic.com`.";
    assert!(out.code.contains(gated));

    let five = "connect,debtor_get_data,order_find_by_number,order_get_data,order_get_lines";
    let args =
        ["clippy", "--quiet", "--no-default-features", "--features", five, "--", "-D", "warnings"];
    cargo(&dir, &args);
}

/// Header blocks and fault details are gated too: the crate is clippy-clean with no
/// operation, with its one operation, and by default.
#[test]
fn headers_and_faults_follow_their_operations_features() {
    let sample = root().join("samples/wsdl_headers_faults/headers_faults.wsdl");
    let out = soapgen::generate(&[Source::from_path(&sample).unwrap()], &with_operation_features())
        .unwrap();
    let (dir, toml) = feature_crate("soapgen-features-headers", &out);
    assert!(toml.contains("\"transfer\" = [\"type-Auth\", "), "{toml}");
    for features in
        [&["--no-default-features"][..], &["--no-default-features", "--features", "transfer"], &[]]
    {
        let mut args = vec!["clippy", "--quiet"];
        args.extend(features);
        args.extend(["--", "-D", "warnings"]);
        cargo(&dir, &args);
    }
}

/// Every sample under samples/ with its server side (`--server`): its generated client
/// calls its generated mock server over HTTP on 127.0.0.1 for every SOAP operation, in
/// each SOAP version the service offers, and every request and reply arrives whole. One
/// scratch crate (a module per sample), clippy-clean. Needs no corpus.
#[test]
fn every_sample_calls_its_generated_server() {
    let dir = root().join("target/soapgen-samples-server");
    let runtime = root().join("runtime");
    write(
        &dir.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"soapgen-samples-server\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\
             publish = false\n\n[dependencies]\nsoapgen-runtime = {{ path = {:?}, features = [\"server\"] }}\n\n\
             [workspace]\n\n[profile.dev]\ndebug = 0\nincremental = false\n",
            runtime.display().to_string()
        ),
    );
    if !dir.join("Cargo.lock").exists() {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    }
    let mut lib = String::from("//! Every sample with its server side, by soapgen's tests.\n\n");
    for sample in testkit::samples::all() {
        let source = |p: &Path| {
            let rel = p.strip_prefix(root()).unwrap().display().to_string();
            Source::new(rel, std::fs::read_to_string(p).unwrap())
        };
        let sources: Vec<Source> = sample.inputs.iter().map(|p| source(p)).collect();
        let mut options = Options::default();
        options.loader.base_dir(root());
        if let Some(path) = &sample.overrides {
            let parsed = soapgen::Overrides::parse(source(path)).unwrap();
            options.overrides = Some(std::sync::Arc::new(parsed));
        }
        options.emit.server = true;
        let out = soapgen::generate(&sources, &options).unwrap_or_else(|e| panic!("{e}"));
        let resolved = soapgen::resolve::resolve(&out.model);
        let tests = soapgen::emit::round_trip_tests(&resolved, &options.emit);
        let tests = soapgen::emit::format(tests).expect("tests parse");
        let module = sample.name.replace('-', "_");
        write(&dir.join(format!("src/{module}.rs")), &format!("{}\n{tests}", out.module_source()));
        lib.push_str(&format!("pub mod {module};\n"));
    }
    write(&dir.join("src/lib.rs"), &lib);
    cargo(&dir, &["clippy", "--lib", "--tests", "--quiet", "--", "-D", "warnings"]);
    cargo(&dir, &["test", "--quiet", "--lib"]);
}
