//! `soapgen fetch` against real servers on 127.0.0.1: spyne's and node-soap's published
//! WSDLs, and a WCF-style split description (`?wsdl` → `?wsdl=wsdl0` → `?xsd=xsd0`,
//! `?xsd=xsd1` importing each other, a JAX-WS `?xsd=1`) served by peers/wcf_server.py. Each
//! is fetched, then generated from offline; the code must equal what the checked-in samples
//! generate (whose crates the other tests compile and call), so fetching loses nothing.
//! The WCF layout's sample *is* a fetched directory (samples/interop_wcf, map included):
//! its generated crate is called against spyne here. Hostile documents are refused with
//! nothing written.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::OnceLock;

use interop::{SoapVersion, node, sample, spyne};
use soapgen::fetch::{Connection, Limits, Saved, UrlMap, fetch};

/// A fresh directory under the target's temporary directory.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fetch").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.parent().unwrap()).unwrap();
    dir
}

fn fetched(url: &str, name: &str) -> Saved {
    fetch(url, &scratch(name), &Connection::default(), Limits::default())
        .unwrap_or_else(|e| panic!("fetching {url}: {e}"))
}

/// The module generated from `entry`, with one endpoint for every service: the servers
/// write the port the OS gave them into their addresses, the samples say 8080.
fn generated(entry: &Path) -> String {
    let source = soapgen::Source::from_path(entry).unwrap();
    let endpoint = soapgen::Source::new("endpoint.toml", "endpoint = \"http://127.0.0.1:8080/\"");
    let options = soapgen::Options {
        overrides: Some(std::sync::Arc::new(soapgen::Overrides::parse(endpoint).unwrap())),
        ..soapgen::Options::default()
    };
    let out = soapgen::generate(&[source], &options)
        .unwrap_or_else(|e| panic!("{}: {e}", entry.display()));
    assert!(out.model.warnings.is_empty(), "{}: {:?}", entry.display(), out.model.warnings);
    out.code
}

/// Generating from `fetched` and from `sample` gives the same code; on a difference, says
/// where.
fn same_code(fetched: &Path, sample: &Path) {
    let (a, b) = (generated(fetched), generated(sample));
    if let Some((i, (x, y))) = a.lines().zip(b.lines()).enumerate().find(|(_, (x, y))| x != y) {
        panic!(
            "{} and {} generate different code, line {}:\n  fetched: {x}\n  sample:  {y}",
            fetched.display(),
            sample.display(),
            i + 1
        );
    }
    assert_eq!(a, b, "{} vs {}", fetched.display(), sample.display());
}

fn any_port_as_8080(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    const HOST: &str = "http://127.0.0.1:";
    while let Some(i) = rest.find(HOST) {
        out.push_str(&rest[..i + HOST.len()]);
        rest = &rest[i + HOST.len()..];
        out.push_str("8080");
        rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    out.push_str(rest);
    out
}

#[test]
fn spyne_published_wsdls_generate_what_the_samples_do() {
    for (version, sample_wsdl, file) in [
        (SoapVersion::Soap11, "interop_spyne11/spyne_soap11.wsdl", "soap11.wsdl"),
        (SoapVersion::Soap12, "interop_spyne12/spyne_soap12.wsdl", "soap12.wsdl"),
    ] {
        let saved = fetched(&spyne().wsdl_url(version), &format!("spyne-{file}"));
        assert_eq!(saved.entry.file_name().unwrap(), file);
        assert_eq!(saved.map.urls().count(), 1, "spyne publishes one document");
        same_code(&saved.entry, &sample(sample_wsdl));
    }
}

#[test]
fn node_soap_published_wsdl_generates_what_the_sample_does() {
    let saved = fetched(&node().wsdl_url(SoapVersion::Soap11), "node");
    same_code(&saved.entry, &sample("interop_node/interop_node.wsdl"));
}

/// peers/wcf_server.py, started once per test process; it exits when the process does
/// (its stdin closes).
struct WcfServer {
    port: u16,
    _child: Child,
    _stdin: ChildStdin,
}

fn wcf() -> &'static WcfServer {
    static SERVER: OnceLock<WcfServer> = OnceLock::new();
    SERVER.get_or_init(|| {
        let script = interop::interop_dir().join("peers/wcf_server.py");
        let mut child = Command::new("python3")
            .arg(&script)
            .arg("0")
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start python3 {}: {e}", script.display()));
        let stdin = child.stdin.take().unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let port = line
            .strip_prefix("READY ")
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or_else(|| panic!("wcf_server.py did not print READY: {line:?}"));
        WcfServer { port, _child: child, _stdin: stdin }
    })
}

impl WcfServer {
    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

/// The files of a directory, each with its ports written as 8080.
fn files(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p.file_name().unwrap().to_string_lossy().into_owned(), any_port_as_8080(&text))
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_wcf_layout_is_fetched_as_the_sample_and_its_client_calls_spyne() {
    let saved = fetched(&wcf().url("/wcf/InteropService.svc?wsdl"), "wcf");
    let names: Vec<&str> = saved.map.urls().map(|(_, f)| f).collect();
    assert_eq!(
        names,
        [
            "InteropService.wsdl",
            "InteropService.wsdl0.wsdl",
            "InteropService.xsd0.xsd",
            "InteropService.xsd1.xsd",
            "InteropService.xsd1-2.xsd",
        ],
        "each document once, the xsd0 ⇄ xsd1 cycle included"
    );
    let dir = saved.entry.parent().unwrap();
    let sample_dir = sample("interop_wcf");
    if std::env::var_os("SOAPGEN_UPDATE_WSDL").is_some() {
        for (name, text) in files(dir) {
            std::fs::write(sample_dir.join(name), text).unwrap();
        }
    }
    assert_eq!(
        files(dir),
        files(&sample_dir),
        "samples/interop_wcf is this fetch with port 8080 (SOAPGEN_UPDATE_WSDL=1 rewrites it, \
         then `cargo xtask codegen`)"
    );
    let map = UrlMap::read_in(dir).unwrap().unwrap();
    assert_eq!(map.entry(), "InteropService.wsdl");
    same_code(&saved.entry, &sample_dir.join("InteropService.wsdl"));

    // generated/interop_wcf is what `cargo xtask codegen` makes of the sample: it compiled
    // to run this test, and it calls spyne (the same operations, described the WCF way).
    use interop_wcf::{Echo, EchoNumbers, InteropServiceClient, Numbers};
    let client = InteropServiceClient::new().with_endpoint(spyne().endpoint(SoapVersion::Soap11));
    let reply = client
        .echo(&Echo { text: Some("fetched <&> ✓".into()), nullable: None })
        .expect("Echo through the fetched WCF description");
    let result = reply.echo_result.expect("EchoResult");
    assert_eq!(result.text.as_deref(), Some("fetched <&> ✓"));
    assert_eq!(result.nullable, None);
    let numbers = Numbers {
        int: Some(i32::MAX),
        long: Some(i64::MIN),
        double: Some(0.5),
        decimal: Some(soapgen_runtime::Decimal::new("12345678901234567890.5").unwrap()),
    };
    let reply = client.echo_numbers(&EchoNumbers { numbers: Some(numbers.clone()) }).unwrap();
    assert_eq!(reply.echo_numbers_result, Some(numbers));
}

#[test]
fn hostile_documents_are_refused_and_nothing_is_written() {
    let limits = Limits { max_bytes: 1 << 20, ..Limits::default() };
    for (path, expected) in [
        (
            "/hostile/passwd.wsdl",
            "'file:///etc/passwd' (refused: only http and https locations are fetched)",
        ),
        (
            "/hostile/climb/climb.wsdl",
            "'../../../x.xsd' (refused: the location climbs above the server's root)",
        ),
        ("/hostile/doctype.wsdl", "doctype.wsdl:1:1: expected no DOCTYPE"),
        (
            "/hostile/big.wsdl",
            "big.wsdl: the documents together are larger than --max-bytes 1048576",
        ),
        (
            "/hostile/big-unannounced.wsdl",
            "big-unannounced.wsdl: the documents together are larger than --max-bytes 1048576",
        ),
    ] {
        let dir = scratch(&format!("hostile{}", path.replace('/', "-")));
        let url = wcf().url(path);
        let e = fetch(&url, &dir, &Connection::default(), limits).unwrap_err().summary();
        assert!(e.contains(expected), "{path}: {e}");
        if path.contains("passwd") || path.contains("climb") {
            // Located at the import, in the document that made it.
            assert!(e.starts_with(&format!("{url}:2:29:")), "{path}: {e}");
        }
        assert!(!dir.exists(), "{path}: nothing may be written");
    }
    assert!(!Path::new(env!("CARGO_TARGET_TMPDIR")).join("x.xsd").exists());
}
