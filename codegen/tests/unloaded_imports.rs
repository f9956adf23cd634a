//! A name that an import not loaded would have supplied is reported with that import's
//! place and the exact `--map URL=FILE` or `soapgen fetch URL` that gives it.

use std::path::{Path, PathBuf};

use soapgen::{Error, Options, Source};

/// The entry WSDL of samples/interop_wcf alone, without its URL map or imports.
fn lone_wcf_entry() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("unloaded-wcf");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let from =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../samples/interop_wcf/InteropService.wsdl");
    std::fs::copy(from, dir.join("InteropService.wsdl")).unwrap();
    dir.join("InteropService.wsdl")
}

#[test]
fn a_port_type_from_an_unmapped_wcf_import_names_the_import_and_the_fix() {
    let entry = lone_wcf_entry();
    let text = std::fs::read_to_string(&entry).unwrap();
    let err =
        soapgen::generate(&[Source::from_path(&entry).unwrap()], &Options::default()).unwrap_err();
    let Error::Input { at, message, .. } = &err else { panic!("{err:?}") };
    let line = |needle: &str| text[..text.find(needle).unwrap()].matches('\n').count() as u32 + 1;
    assert_eq!(at.line, line("type=\"i0:IInteropService\""), "{err}");
    let url = "http://127.0.0.1:8080/wcf/InteropService.svc?wsdl=wsdl0";
    let import_line = line(&format!("location=\"{url}\""));
    let expected = [
        "portType 'i0:IInteropService' not found: expected a wsdl:portType with that name; "
            .to_owned(),
        format!(
            "'{url}' (namespace 'urn:soapgen:interop'), imported at {}:{import_line}:",
            entry.display()
        ),
        format!("pass `--map '{url}=wsdl0.wsdl'`"),
        "run `soapgen fetch 'http://127.0.0.1:8080/wcf/InteropService.svc?wsdl' -o DIR`".to_owned(),
    ];
    for part in expected {
        assert!(message.contains(&part), "{part}\nnot in: {message}");
    }
}

#[test]
fn the_map_the_message_prints_gets_past_it_and_the_next_imports_say_the_same() {
    let entry = lone_wcf_entry();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../samples/interop_wcf");
    let dir = entry.parent().unwrap();
    // The user saves the import under the suggested name and maps it as told.
    std::fs::copy(samples.join("InteropService.wsdl0.wsdl"), dir.join("wsdl0.wsdl")).unwrap();
    let mut options = Options::default();
    options
        .loader
        .map("http://127.0.0.1:8080/wcf/InteropService.svc?wsdl=wsdl0", dir.join("wsdl0.wsdl"));
    let out = soapgen::generate(&[Source::from_path(&entry).unwrap()], &options).unwrap();
    assert!(out.code.contains("pub fn echo_numbers("), "generated with the map");
    // The schemas wsdl0 imports are not mapped: their types are raw XML, and each
    // warning says which map gives them.
    let url = "http://127.0.0.1:8080/wcf/InteropService.svc?xsd=xsd0";
    let hinted = out.warnings().iter().any(|w| {
        w.message.contains(&format!("`--map '{url}=xsd0.xsd'`"))
            && w.message.contains("wsdl0.wsdl:")
    });
    assert!(hinted, "{:#?}", out.warnings());
}

#[test]
fn a_type_from_an_unloaded_schema_warns_with_the_map_to_pass() {
    let wsdl = r#"<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:c="urn:common" xmlns:t="urn:t" targetNamespace="urn:t">
  <types>
    <xs:schema targetNamespace="urn:t" elementFormDefault="qualified">
      <xs:import namespace="urn:common" schemaLocation="https://h.example.net/schemas/common.xsd"/>
      <xs:element name="Ping"><xs:complexType><xs:sequence><xs:element name="who" type="c:Person"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="PingResponse"><xs:complexType/></xs:element>
    </xs:schema>
  </types>
  <message name="In"><part name="p" element="t:Ping"/></message>
  <message name="Out"><part name="p" element="t:PingResponse"/></message>
  <portType name="P"><operation name="Ping"><input message="t:In"/><output message="t:Out"/></operation></portType>
  <binding name="B" type="t:P"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="Ping"><soap:operation soapAction="urn:t/Ping"/><input><soap:body use="literal"/></input><output><soap:body use="literal"/></output></operation>
  </binding>
  <service name="S"><port name="P" binding="t:B"><soap:address location="http://h.example.net/s"/></port></service>
</definitions>"#;
    let out = soapgen::generate(&[Source::new("s.wsdl", wsdl)], &Options::default()).unwrap();
    let w = out
        .warnings()
        .iter()
        .find(|w| w.message.starts_with("type 'Person'"))
        .unwrap_or_else(|| panic!("{:?}", out.warnings()));
    assert!(
        w.message.contains("imported at s.wsdl:5:")
            && w.message.contains("`--map 'https://h.example.net/schemas/common.xsd=common.xsd'`"),
        "{}",
        w.message
    );
}
