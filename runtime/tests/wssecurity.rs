//! WS-Security UsernameToken: the digest against a published vector, the header's shape in
//! both SOAP versions, and the password kept out of Debug output.

use soapgen_runtime::soap::write_envelope;
use soapgen_runtime::wssecurity::{
    Freshness, PasswordType, UsernameToken, WSSE_NS, WSU_NS, password_digest,
};
use soapgen_runtime::{Base64Binary, Secret, SoapVersion, XmlReader, XmlValue, XmlWriter};

/// The example in the ONVIF Application Programmer's Guide (section 6.1.1.3):
/// Base64(SHA-1(Base64Decode(nonce) + created + password)).
const NONCE: &str = "LKqI6G/AikKCQrN0zqZFlg==";
const CREATED: &str = "2010-09-16T07:50:45Z";
const DIGEST: &str = "tuOSpGlFlIXsozq4HFNeeGeFLEI=";

fn nonce_bytes() -> Vec<u8> {
    Base64Binary::parse_lexical(NONCE).unwrap().0
}

#[test]
fn the_digest_matches_the_published_vector() {
    assert_eq!(password_digest(&nonce_bytes(), CREATED, &Secret::from("userpassword")), DIGEST);
}

fn envelope(token: &UsernameToken, version: SoapVersion, fresh: Option<&Freshness>) -> String {
    write_envelope(
        version,
        Some(&|w: &mut XmlWriter| token.write_header_with(w, version, fresh)),
        &|w| w.element("urn:x", "Ping", "1"),
    )
    .unwrap()
}

/// The children of wsse:UsernameToken as (namespace, local name, text, attributes).
fn token_parts(xml: &str) -> Vec<(String, String, String, Option<String>)> {
    let mut r = XmlReader::new(xml);
    r.next_child().unwrap(); // Envelope
    let header = r.next_child().unwrap().unwrap();
    assert_eq!(header.local, "Header");
    let security = r.next_child().unwrap().unwrap();
    assert!(security.is(WSSE_NS, "Security"));
    let token = r.next_child().unwrap().unwrap();
    assert!(token.is(WSSE_NS, "UsernameToken"));
    let mut parts = Vec::new();
    while let Some(tag) = r.next_child().unwrap() {
        let (ns, local) = (tag.ns.to_owned(), tag.local.to_owned());
        let attr =
            r.attribute("", "Type").or(r.attribute("", "EncodingType")).map(|a| a.into_owned());
        let text = r.read_text().unwrap().into_owned();
        parts.push((ns, local, text, attr));
    }
    parts
}

#[test]
fn a_digest_token_carries_nonce_and_created() {
    let token = UsernameToken::digest("user", "userpassword");
    assert_eq!(token.password_type(), PasswordType::Digest);
    let fresh = Freshness { nonce: nonce_bytes(), created: CREATED.into() };
    let xml = envelope(&token, SoapVersion::Soap11, Some(&fresh));
    assert!(xml.contains("soap:mustUnderstand=\"1\""), "{xml}");
    let parts = token_parts(&xml);
    let names: Vec<_> = parts.iter().map(|p| (p.0.as_str(), p.1.as_str())).collect();
    assert_eq!(
        names,
        [(WSSE_NS, "Username"), (WSSE_NS, "Password"), (WSSE_NS, "Nonce"), (WSU_NS, "Created")]
    );
    assert_eq!(parts[0].2, "user");
    assert_eq!(parts[1].2, DIGEST);
    assert!(parts[1].3.as_deref().unwrap().ends_with("#PasswordDigest"));
    assert_eq!(parts[2].2, NONCE);
    assert!(parts[2].3.as_deref().unwrap().ends_with("#Base64Binary"));
    assert_eq!(parts[3].2, CREATED);
    assert!(!xml.contains("userpassword"));
}

#[test]
fn a_text_token_sends_the_password_escaped() {
    let token = UsernameToken::text("user", "p<&>\"w").must_understand(false);
    let xml = envelope(&token, SoapVersion::Soap12, None);
    assert!(!xml.contains("mustUnderstand"), "{xml}");
    let parts = token_parts(&xml);
    assert_eq!(parts.len(), 2);
    assert_eq!(parts[1].2, "p<&>\"w");
    assert!(parts[1].3.as_deref().unwrap().ends_with("#PasswordText"));
}

#[test]
fn fresh_tokens_differ_per_request_and_verify() {
    let token = UsernameToken::digest("user", "pw");
    let write = || {
        let mut w = XmlWriter::new();
        w.start_prefixed("soap12:Header");
        w.declare_prefix("soap12", SoapVersion::Soap12.envelope_ns());
        token.write_header(&mut w, SoapVersion::Soap12);
        w.end("soap12:Header");
        w.finish().unwrap()
    };
    let (a, b) = (write(), write());
    assert_ne!(a, b);
    assert!(a.contains("soap12:mustUnderstand=\"1\""), "{a}");
    for xml in [a, b] {
        let text = |name: &str| {
            let start = xml.find(&format!("<{name}")).unwrap();
            let start = start + xml[start..].find('>').unwrap() + 1;
            xml[start..start + xml[start..].find('<').unwrap()].to_owned()
        };
        let nonce = Base64Binary::parse_lexical(&text("wsse:Nonce")).unwrap().0;
        assert_eq!(nonce.len(), 16);
        let created = text("wsu:Created");
        assert_eq!(text("wsse:Password"), password_digest(&nonce, &created, &Secret::from("pw")));
    }
}

#[test]
fn the_password_stays_out_of_debug_output() {
    let token = UsernameToken::digest("alice", "s3cret");
    let shown = format!("{token:?}");
    assert!(!shown.contains("s3cret"), "{shown}");
    assert!(shown.contains("alice"), "{shown}");
    assert_eq!(format!("{:?}", Secret::from("s3cret")), "\"<redacted>\"");
}
