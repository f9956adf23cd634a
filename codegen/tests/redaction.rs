//! What generated `Debug` hides: credential leaves, and nothing else.

use soapgen::{Options, Source};

const WSDL: &str = r#"<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:t" targetNamespace="urn:t">
  <types><xs:schema targetNamespace="urn:t" elementFormDefault="qualified">
    <xs:simpleType name="Outcome"><xs:restriction base="xs:string">
      <xs:enumeration value="Done"/><xs:enumeration value="Refused"/>
    </xs:restriction></xs:simpleType>
    <xs:element name="Login"><xs:complexType><xs:sequence>
      <xs:choice>
        <xs:element name="ApiKey" type="xs:string"/>
        <xs:element name="UserName" type="xs:string"/>
      </xs:choice>
      <xs:element name="nmtoken" type="xs:NMTOKEN"/>
    </xs:sequence></xs:complexType></xs:element>
    <xs:element name="LoginResponse"><xs:complexType><xs:sequence>
      <xs:element name="ChangePasswordResult" type="t:Outcome"/>
      <xs:element name="sessionToken" type="xs:string"/>
    </xs:sequence></xs:complexType></xs:element>
  </xs:schema></types>
  <message name="In"><part name="p" element="t:Login"/></message>
  <message name="Out"><part name="p" element="t:LoginResponse"/></message>
  <portType name="P"><operation name="Login"><input message="t:In"/><output message="t:Out"/></operation></portType>
  <binding name="B" type="t:P"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="Login"><soap:operation soapAction="Login"/>
      <input><soap:body use="literal"/></input><output><soap:body use="literal"/></output></operation>
  </binding>
  <service name="S"><port name="P" binding="t:B"><soap:address location="http://h.invalid/s"/></port></service>
</definitions>"#;

#[test]
fn credential_leaves_are_redacted_and_result_codes_shown() {
    let code = soapgen::generate(&[Source::new("s.wsdl", WSDL)], &Options::default()).unwrap().code;
    // A choice alternative holding a key is hidden, its sibling shown.
    assert!(
        code.contains(r#"Self::ApiKey(_) => f.debug_tuple("ApiKey").field(&"<redacted>")"#),
        "{code}"
    );
    assert!(
        code.contains(r#"Self::UserName(value) => f.debug_tuple("UserName").field(value)"#),
        "{code}"
    );
    // An enum-valued result is shown; a token string is hidden.
    assert!(
        code.contains(r#".field("change_password_result", &self.change_password_result)"#),
        "{code}"
    );
    assert!(code.contains(r#".field("session_token", &"<redacted>")"#), "{code}");
    // Nothing in `Login` itself is a secret (the key sits in the choice): Debug is derived.
    assert!(code.contains("#[derive(Clone, PartialEq, Debug)]\npub struct Login {"), "{code}");
}
