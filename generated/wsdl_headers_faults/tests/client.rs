//! `samples/wsdl_headers_faults`: SOAP 1.2 request headers set on the client, and the
//! operation's `wsdl:fault`s read back as typed details.

use soapgen_runtime::{Decimal, Error, XmlValue};
use testkit::{TestServer, round_trip};
use wsdl_headers_faults::*;

const NS: &str = "urn:hf";

fn amount(text: &str) -> Decimal {
    Decimal::parse_lexical(text).unwrap()
}

#[test]
fn messages_and_fault_details_round_trip() {
    round_trip(&Transfer { amount: amount("12.50") }, NS, "Transfer");
    round_trip(&TransferResponse { receipt: "r-1 & <ok>".into() }, NS, "TransferResponse");
    round_trip(&InsufficientFunds { balance: amount("-3.25") }, NS, "InsufficientFunds");
    let until = XmlValue::parse_lexical("2030-01-02T03:04:05Z").unwrap();
    round_trip(&Lock { until }, NS, "AccountLocked");
}

fn client(server: &TestServer) -> BankClient {
    BankClient::new()
        .with_endpoint(server.url("/bank"))
        .with_auth(Auth { user: "ann".into(), password: "s3cret".into() })
        .with_trace("t-42".into())
}

const RESPONSE: &str = r#"<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope">
  <env:Header><Quota xmlns="urn:hf">9</Quota></env:Header>
  <env:Body><TransferResponse xmlns="urn:hf"><Receipt>r-1</Receipt></TransferResponse></env:Body>
</env:Envelope>"#;

#[test]
fn a_call_sends_the_headers_and_reads_the_response() {
    let server = TestServer::start(200, "application/soap+xml; charset=utf-8", RESPONSE);
    let reply = client(&server).transfer(&Transfer { amount: amount("12.50") }).unwrap();
    assert_eq!(reply, TransferResponse { receipt: "r-1".into() });

    let seen = &server.requests()[0];
    assert_eq!((seen.method.as_str(), seen.path.as_str()), ("POST", "/bank"));
    let content_type = seen.header("Content-Type").unwrap();
    assert!(content_type.starts_with("application/soap+xml"), "{content_type}");
    assert!(content_type.contains("action=\"urn:hf/Transfer\""), "{content_type}");
    let body = &seen.body;
    let header = &body[body.find("Header").unwrap()..body.find("Body").unwrap()];
    for part in ["<User>ann</User>", "<Password>s3cret</Password>", ">t-42</Trace>"] {
        assert!(header.contains(part), "{part} not in the header: {body}");
    }
    assert!(body.contains("<Amount>12.50</Amount>"), "{body}");
}

fn fault(detail: &str) -> String {
    format!(
        r#"<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body>
  <env:Fault>
    <env:Code><env:Value>env:Sender</env:Value></env:Code>
    <env:Reason><env:Text xml:lang="en">refused</env:Text></env:Reason>
    <env:Detail>{detail}</env:Detail>
  </env:Fault>
</env:Body></env:Envelope>"#
    )
}

fn call_failing(detail: &str) -> soapgen_runtime::Fault {
    let server = TestServer::start(500, "application/soap+xml; charset=utf-8", fault(detail));
    match client(&server).transfer(&Transfer { amount: amount("100") }) {
        Err(Error::Fault(f)) => *f,
        other => panic!("expected a SOAP fault, got {other:?}"),
    }
}

#[test]
fn declared_faults_read_as_typed_details() {
    let f = call_failing(
        r#"<x:InsufficientFunds xmlns:x="urn:hf"><x:Balance>3.10</x:Balance></x:InsufficientFunds>"#,
    );
    assert_eq!(f.reason, "refused");
    assert_eq!(
        TransferFault::from_fault(&f).unwrap(),
        Some(TransferFault::InsufficientFunds(InsufficientFunds { balance: amount("3.10") }))
    );

    let f = call_failing(
        r#"<Note xmlns="urn:other">first</Note><AccountLocked xmlns="urn:hf"><Until>2030-01-02T03:04:05Z</Until></AccountLocked>"#,
    );
    let until = XmlValue::parse_lexical("2030-01-02T03:04:05Z").unwrap();
    assert_eq!(TransferFault::from_fault(&f).unwrap(), Some(TransferFault::Locked(Lock { until })));
}

#[test]
fn undeclared_or_broken_details_say_so() {
    let f = call_failing(r#"<Other xmlns="urn:hf">?</Other>"#);
    assert_eq!(TransferFault::from_fault(&f).unwrap(), None);
    let f = call_failing(
        r#"<InsufficientFunds xmlns="urn:hf"><Balance>lots</Balance></InsufficientFunds>"#,
    );
    assert!(TransferFault::from_fault(&f).is_err());
}

#[test]
fn credentials_stay_out_of_debug_output() {
    let auth = Auth { user: "ann".into(), password: "s3cret".into() };
    assert!(!format!("{auth:?}").contains("s3cret"));
}
