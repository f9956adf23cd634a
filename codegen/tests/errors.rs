//! Each kind of failure is its own `Error` variant, and input problems are located.

use std::path::{Path, PathBuf};

use soapgen::{Builder, Error, Options, Protocol, Source};

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../samples")
}

/// A copy of samples/wsdl_multi whose entry WSDL offers SOAP 1.1 only.
fn soap11_only_multi() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("errors-multi-soap11");
    let _ = std::fs::remove_dir_all(&dir);
    let parts = ["interface/interface.wsdl", "schemas/common.xsd", "schemas/customers.xsd"];
    for rel in parts.into_iter().chain(["schemas/orders.xsd"]) {
        let to = dir.join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(samples().join("wsdl_multi").join(rel), to).unwrap();
    }
    let wsdl = std::fs::read_to_string(samples().join("wsdl_multi/multi.wsdl")).unwrap();
    let cut = |text: &str, from: &str, to: &str| {
        let start = text.find(from).unwrap();
        let end = start + text[start..].find(to).unwrap() + to.len();
        format!("{}{}", &text[..start], &text[end..])
    };
    let wsdl = cut(&wsdl, r#"<wsdl:binding name="OrdersSoap12""#, "</wsdl:binding>");
    let wsdl = cut(&wsdl, r#"<wsdl:port name="OrdersSoap12""#, "</wsdl:port>");
    std::fs::write(dir.join("multi.wsdl"), wsdl).unwrap();
    dir
}

#[test]
fn a_soap_version_not_offered_is_located_in_the_imported_interface() {
    let dir = soap11_only_multi();
    let source = Source::from_path(&dir.join("multi.wsdl")).unwrap();
    let options = Options { soap_version: Some(Protocol::Soap12), ..Options::default() };
    let err = soapgen::generate(&[source], &options).unwrap_err();
    let Error::Input { at, message, line_text } = &err else { panic!("{err:?}") };
    assert!(at.file.ends_with("interface.wsdl"), "{err}");
    assert_eq!(at.line, 58, "{err}");
    assert_eq!(message, "operation `PlaceOrder` is not offered over SOAP 1.2 (offered: SOAP 1.1)");
    assert_eq!(line_text.trim(), r#"<wsdl:operation name="PlaceOrder">"#);
    let report = err.to_string();
    assert!(report.contains("interface.wsdl:58:") && report.contains("58 |"), "{report}");
}

#[test]
fn inputs_without_operations_have_nothing_to_generate() {
    let schema = Source::new(
        "types.xsd",
        r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t">
  <xs:element name="Ping" type="xs:string"/>
</xs:schema>"#,
    );
    let err = soapgen::generate(&[schema], &Options::default()).unwrap_err();
    assert!(matches!(&err, Error::NothingToGenerate { inputs } if inputs == &["types.xsd"]));
    assert_eq!(err.to_string(), "no operations found in types.xsd: nothing to generate");
}

#[test]
fn a_builder_without_inputs_or_out_dir_is_a_build_script_error() {
    let err = Builder::new().generate().unwrap_err();
    assert!(matches!(&err, Error::BuildScript(m) if m.contains("no input")), "{err}");

    // Tests run outside a build script: no OUT_DIR.
    assert!(std::env::var_os("OUT_DIR").is_none());
    let err = Builder::new()
        .input(samples().join("zoolz_reseller/003_22b043e5d8dd7406.txt"))
        .rerun_if_changed(false)
        .compile()
        .unwrap_err();
    assert!(matches!(&err, Error::BuildScript(m) if m.starts_with("OUT_DIR is not set")), "{err}");
}
