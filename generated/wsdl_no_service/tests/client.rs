//! `samples/wsdl_no_service`: bindings without a `wsdl:service` (the client has no default
//! endpoint), and types from a remote schema that is never fetched, kept as raw XML.

use soapgen_runtime::RawXml;
use testkit::{TestServer, round_trip};
use wsdl_no_service::*;

/// Raw content as the reader keeps it: the markup and the default namespace around it.
fn raw(markup: &str) -> RawXml {
    RawXml::with_namespaces(markup, vec![(String::new(), NS1.to_owned())])
}

fn ping() -> Ping {
    Ping {
        payload: raw(r#"<v xmlns="urn:remote">1 &amp; 2</v>"#),
        extra: Some(raw(r#"<w xmlns="urn:remote"/>"#)),
    }
}

#[test]
fn unknown_types_round_trip_as_raw_xml() {
    round_trip(&ping(), NS1, "Ping");
    round_trip(&Ping { payload: raw(""), extra: None }, NS1, "Ping");
    round_trip(&PingResponse { echo: "pong".into() }, NS1, "PingResponse");
}

#[test]
fn without_a_service_the_endpoint_is_the_callers() {
    assert_eq!(PingerClient::<()>::DEFAULT_ENDPOINT, "");
    let server = TestServer::start(
        200,
        "text/xml; charset=utf-8",
        r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><PingResponse xmlns="urn:ns"><Echo>pong</Echo></PingResponse></s:Body></s:Envelope>"#,
    );
    let client = PingerClient::new().with_endpoint(server.url("/ping"));
    assert_eq!(client.ping(&ping()).unwrap(), PingResponse { echo: "pong".into() });
    let body = &server.requests()[0].body;
    assert!(body.contains(r#"<v xmlns="urn:remote">1 &amp; 2</v>"#), "{body}");
}
