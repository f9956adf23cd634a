//! `soapgen fetch` against a real HTTP server on 127.0.0.1 (testkit): a WCF-style split
//! description is saved with its map and generates offline; hostile documents and servers
//! are refused with nothing written; credentials stay with the first URL's origin.

use std::path::{Path, PathBuf};
use std::process::Command;

use soapgen::fetch::{Connection, Limits, MAP_FILE, UrlMap, fetch};
use testkit::{Recorded, Reply, TestServer};

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn xml(body: impl Into<Vec<u8>>) -> Reply {
    Reply::new(200, "text/xml; charset=utf-8", body)
}

const ROOT: &str = r#"<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:t="urn:t" targetNamespace="urn:t" name="Svc">
  <wsdl:import namespace="urn:t" location="BASE/Svc.svc?wsdl=wsdl0"/>
  <wsdl:binding name="B" type="t:P"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Ping"><soap:operation soapAction="Ping"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="Svc"><wsdl:port name="P" binding="t:B"><soap:address location="BASE/Svc.svc"/></wsdl:port></wsdl:service>
</wsdl:definitions>"#;

const WSDL0: &str = r#"<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:t" targetNamespace="urn:t">
  <wsdl:types><xs:schema targetNamespace="urn:t/imports">
    <xs:import namespace="urn:t" schemaLocation="BASE/Svc.svc?xsd=xsd0"/>
  </xs:schema></wsdl:types>
  <wsdl:message name="In"><wsdl:part name="p" element="t:Ping"/></wsdl:message>
  <wsdl:message name="Out"><wsdl:part name="p" element="t:Pong"/></wsdl:message>
  <wsdl:portType name="P"><wsdl:operation name="Ping"><wsdl:input message="t:In"/><wsdl:output message="t:Out"/></wsdl:operation></wsdl:portType>
</wsdl:definitions>"#;

const XSD0: &str = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:t" xmlns:s="urn:s" targetNamespace="urn:t" elementFormDefault="qualified">
  <xs:import namespace="urn:s" schemaLocation="BASE/Svc.svc?xsd=xsd1"/>
  <xs:include schemaLocation="Svc.svc?xsd=1"/>
  <xs:element name="Ping"><xs:complexType><xs:sequence><xs:element name="Id" type="s:Id"/></xs:sequence></xs:complexType></xs:element>
  <xs:element name="Pong" type="t:Answer"/>
</xs:schema>"#;

/// Imports xsd0 back: a cycle.
const XSD1: &str = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:s">
  <xs:import namespace="urn:t" schemaLocation="BASE/Svc.svc?xsd=xsd0"/>
  <xs:simpleType name="Id"><xs:restriction base="xs:long"/></xs:simpleType>
</xs:schema>"#;

/// JAX-WS style `?xsd=1`, reached by a relative location.
const XSD_1: &str = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t">
  <xs:complexType name="Answer"><xs:sequence><xs:element name="Text" type="xs:string"/></xs:sequence></xs:complexType>
</xs:schema>"#;

/// Serves the split description with absolute locations naming the server itself, as WCF does.
fn wcf_server() -> TestServer {
    use std::sync::{Arc, OnceLock};
    let base: Arc<OnceLock<String>> = Arc::default();
    let server = {
        let base = Arc::clone(&base);
        TestServer::with_handler(move |r: &Recorded| {
            let doc = match r.path.as_str() {
                "/svc/Svc.svc?wsdl" => ROOT,
                "/svc/Svc.svc?wsdl=wsdl0" => WSDL0,
                "/svc/Svc.svc?xsd=xsd0" => XSD0,
                "/svc/Svc.svc?xsd=xsd1" => XSD1,
                "/svc/Svc.svc?xsd=1" => XSD_1,
                _ => return Reply::new(404, "text/plain", "not found"),
            };
            xml(doc.replace("BASE", base.get().unwrap()))
        })
    };
    base.set(server.url("/svc")).unwrap();
    server
}

#[test]
fn a_wcf_layout_is_saved_once_each_and_generates_offline() {
    let server = wcf_server();
    let dir = scratch("fetch-wcf");
    let saved =
        fetch(&server.url("/svc/Svc.svc?wsdl"), &dir, &Connection::default(), Limits::default())
            .unwrap();
    assert_eq!(saved.entry, dir.join("Svc.wsdl"));
    let files: Vec<&str> = saved.map.urls().map(|(_, f)| f).collect();
    assert_eq!(
        files,
        ["Svc.wsdl", "Svc.wsdl0.wsdl", "Svc.xsd0.xsd", "Svc.xsd1.xsd", "Svc.xsd1-2.xsd"]
    );
    // The cycle xsd0 → xsd1 → xsd0 is fetched once.
    assert_eq!(server.requests().len(), 5, "{:?}", server.requests());
    // Documents are kept byte for byte; the map on disk is the map returned.
    let xsd0 = std::fs::read_to_string(dir.join("Svc.xsd0.xsd")).unwrap();
    assert_eq!(xsd0, XSD0.replace("BASE", &server.url("/svc")));
    let map = UrlMap::read_in(&dir).unwrap().unwrap();
    assert_eq!(map, saved.map);
    assert_eq!(map.file_for(&server.url("/svc/Svc.svc?xsd=1")), Some("Svc.xsd1-2.xsd"));

    // Offline, with no --map: the server is gone.
    drop(server);
    let source = soapgen::Source::from_path(&saved.entry).unwrap();
    let out = soapgen::generate(&[source], &soapgen::Options::default()).unwrap();
    assert!(out.model.warnings.is_empty(), "{:?}", out.model.warnings);
    assert!(out.code.contains("pub struct Answer"), "the JAX-WS include was read");
    assert!(out.code.contains("pub id: i64"), "the cyclic import's type was read: {}", out.code);
    assert_eq!(out.files.len(), 5, "{:?}", out.files);
    // A build script's Builder reads the map the same way, and fetches nothing.
    let built = soapgen::Builder::new().input(&saved.entry).rerun_if_changed(false).generate();
    assert_eq!(built.unwrap().code, out.code);
}

#[test]
fn the_cli_fetches_and_generate_needs_no_map_flags() {
    let server = wcf_server();
    let dir = scratch("fetch-cli");
    let soapgen = env!("CARGO_BIN_EXE_soapgen");
    let run = Command::new(soapgen)
        .args(["fetch", &server.url("/svc/Svc.svc?wsdl"), "-o", dir.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(stderr.contains("fetched 5 documents"), "{stderr}");
    assert!(dir.join(MAP_FILE).is_file());
    let module = dir.join("client.rs");
    let run = Command::new(soapgen)
        .args(["generate", dir.join("Svc.wsdl").to_str().unwrap(), "-o", module.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success() && stderr.is_empty(), "{stderr}");
    assert!(std::fs::read_to_string(module).unwrap().contains("pub struct Answer"));
}

/// Serves `docs` (path → body), fetches `/a/entry.wsdl`, and returns the one-line error,
/// having checked that nothing was written.
fn refused(docs: &[(&'static str, Vec<u8>)], limits: Limits) -> String {
    let docs: Vec<(&'static str, Vec<u8>)> = docs.to_vec();
    let server =
        TestServer::with_handler(move |r| match docs.iter().find(|(path, _)| *path == r.path) {
            Some((_, body)) => xml(body.clone()),
            None => Reply::new(404, "text/plain", "not found"),
        });
    let dir = scratch(&format!("fetch-refused-{}", server.port()));
    let e = fetch(&server.url("/a/entry.wsdl"), &dir, &Connection::default(), limits).unwrap_err();
    assert!(!dir.exists(), "nothing is written on failure");
    e.summary()
}

fn importing(location: &str) -> Vec<u8> {
    format!(
        r#"<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" targetNamespace="urn:x">
  <import namespace="urn:y" location="{location}"/>
</definitions>"#
    )
    .into_bytes()
}

#[test]
fn other_schemes_are_refused_naming_the_document_and_the_location() {
    for location in ["file:///etc/passwd", "ftp://127.0.0.1/x.xsd", "jar:file:/x!/y.xsd", "data:,x"]
    {
        let e = refused(&[("/a/entry.wsdl", importing(location))], Limits::default());
        assert!(e.contains("/a/entry.wsdl:2:"), "{e}");
        assert!(e.contains(&format!("'{location}'")), "{e}");
        assert!(e.contains("only http and https locations are fetched"), "{e}");
    }
}

#[test]
fn locations_climbing_above_the_root_are_refused() {
    let e = refused(&[("/a/entry.wsdl", importing("../../x"))], Limits::default());
    assert!(e.contains("/a/entry.wsdl:2:") && e.contains("'../../x'"), "{e}");
    assert!(e.contains("climbs above the server's root"), "{e}");
}

#[test]
fn hostile_xml_is_refused_unexpanded() {
    let doctype =
        b"<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><definitions>&x;</definitions>";
    let e = refused(&[("/a/entry.wsdl", doctype.to_vec())], Limits::default());
    assert!(e.contains("/a/entry.wsdl:1:1: expected no DOCTYPE"), "{e}");
    // The same in an imported document.
    let e = refused(
        &[("/a/entry.wsdl", importing("b.xsd")), ("/a/b.xsd", doctype.to_vec())],
        Limits::default(),
    );
    assert!(e.contains("/a/b.xsd:1:1: expected no DOCTYPE"), "{e}");
    let e = refused(
        &[("/a/entry.wsdl", b"<html><body>Sign in</body></html>".to_vec())],
        Limits::default(),
    );
    assert!(e.contains("expected <wsdl:definitions> (WSDL 1.1) or <xs:schema>"), "{e}");
}

#[test]
fn limits_on_bytes_and_files_are_clear_errors() {
    let big = format!(
        "<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\"><!--{}--></definitions>",
        "x".repeat(10 << 20)
    );
    let small = Limits { max_bytes: 64 * 1024, ..Limits::default() };
    let e = refused(&[("/a/entry.wsdl", big.into_bytes())], small);
    assert!(e.contains("larger than --max-bytes 65536"), "{e}");
    // Two documents of 300 bytes each under a 500 byte limit: the second crosses it.
    let padded = |location: &str| {
        let mut doc = String::from_utf8(importing(location)).unwrap();
        doc.push_str(&format!("<!--{}-->", "p".repeat(300 - doc.len())));
        doc.into_bytes()
    };
    let e = refused(
        &[("/a/entry.wsdl", padded("b.wsdl")), ("/a/b.wsdl", padded("c.wsdl"))],
        Limits { max_bytes: 500, ..Limits::default() },
    );
    assert!(e.contains("/a/b.wsdl: the documents together are larger than --max-bytes 500"), "{e}");
    let e = refused(
        &[
            ("/a/entry.wsdl", importing("b.wsdl")),
            ("/a/b.wsdl", importing("c.wsdl")),
            ("/a/c.wsdl", importing("d.wsdl")),
        ],
        Limits { max_files: 2, ..Limits::default() },
    );
    assert!(e.contains("/a/c.wsdl: more than --max-files 2 documents"), "{e}");
    let e = refused(&[("/a/entry.wsdl", importing("missing.xsd"))], Limits::default());
    assert!(e.contains("/a/missing.xsd: HTTP status 404"), "{e}");
}

#[test]
fn hostile_names_stay_inside_the_directory() {
    let docs = [
        ("/a/entry.wsdl", importing("x?xsd=../../../../etc/evil")),
        ("/a/x?xsd=../../../../etc/evil", importing("%2E%2E%2Fup.xsd")),
        ("/a/%2E%2E%2Fup.xsd", importing("entry.wsdl")),
    ];
    let server = TestServer::with_handler(move |r| {
        docs.iter()
            .find(|(p, _)| *p == r.path)
            .map_or_else(|| Reply::new(404, "text/plain", "no"), |(_, b)| xml(b.clone()))
    });
    let root = scratch("fetch-hostile-names");
    let dir = root.join("inside");
    let saved =
        fetch(&server.url("/a/entry.wsdl"), &dir, &Connection::default(), Limits::default())
            .unwrap();
    let mut written: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(written, ["_2E_2E_2Fup.wsdl", "entry.wsdl", MAP_FILE, "x.xsd._._._._etc_evil.wsdl"]);
    let outside: Vec<_> = std::fs::read_dir(&root).unwrap().collect();
    assert_eq!(outside.len(), 1, "only the directory itself: {outside:?}");
    assert_eq!(saved.map.urls().count(), 3);
}

#[test]
fn credentials_go_only_to_the_first_origin() {
    let other = TestServer::with_handler(|_| {
        xml(r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:y"/>"#)
    });
    let elsewhere = other.url("/types.xsd");
    let server = TestServer::with_handler(move |_| xml(importing(&elsewhere)));
    let dir = scratch("fetch-credentials");
    let connection = Connection {
        credentials: Some(("me".into(), "canary-pw-51".into())),
        ..Connection::default()
    };
    fetch(&server.url("/a/entry.wsdl"), &dir, &connection, Limits::default()).unwrap();
    assert!(server.requests()[0].header("authorization").is_some_and(|v| v.starts_with("Basic ")));
    assert_eq!(other.requests().len(), 1);
    assert_eq!(other.requests()[0].header("authorization"), None);
    let map = std::fs::read_to_string(dir.join(MAP_FILE)).unwrap();
    assert!(!map.contains("canary"), "{map}");
}

#[test]
fn the_cli_takes_no_password_on_the_command_line() {
    let server = TestServer::start(401, "text/plain", "who are you");
    let dir = scratch("fetch-cli-auth");
    let soapgen = env!("CARGO_BIN_EXE_soapgen");
    let run = |args: &[&str]| {
        let out = Command::new(soapgen)
            .args(["fetch", &server.url("/s?wsdl"), "-o", dir.to_str().unwrap()])
            .args(args)
            .env("SOAPGEN_TEST_PW", "canary-pw-77")
            .output()
            .unwrap();
        (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (ok, e) = run(&["--user", "me"]);
    assert!(!ok && e.contains("--user needs --password-env VAR or --password-file FILE"), "{e}");
    let (ok, e) = run(&["--user", "me", "--password-env", "SOAPGEN_TEST_PW"]);
    assert!(!ok && e.contains("HTTP status 401") && !e.contains("canary"), "{e}");
    assert!(server.requests().last().unwrap().header("authorization").is_some());
    let (ok, e) = run(&["--user", "me", "--password-env", "SOAPGEN_NO_SUCH_VAR"]);
    assert!(!ok && e.contains("SOAPGEN_NO_SUCH_VAR"), "{e}");
    let (ok, e) = run(&["--proxy", "http://me:canary@127.0.0.1:1"]);
    assert!(!ok && e.contains("without credentials") && !e.contains("canary"), "{e}");
    let (ok, e) = run(&["--max-files", "0"]);
    assert!(!ok && e.contains("more than --max-files 0"), "{e}");
    assert!(!dir.exists());
}

#[test]
fn redirects_are_reported_not_followed() {
    let server = TestServer::with_handler(|_| {
        Reply::new(301, "text/html", "moved").with_header("Location", "https://elsewhere.invalid/s")
    });
    let dir = scratch("fetch-redirect");
    let e = fetch(&server.url("/s?wsdl"), &dir, &Connection::default(), Limits::default())
        .unwrap_err()
        .summary();
    assert!(
        e.contains("HTTP status 301: redirected to https://elsewhere.invalid/s; fetch from there"),
        "{e}"
    );
    assert_eq!(server.requests().len(), 1);
    assert!(!dir.exists());
}
