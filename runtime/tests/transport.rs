//! HttpTransport against a real HTTP server on 127.0.0.1: requests on the wire. Behaviour
//! both transports share (limits, timeouts, errors) is in `transports.rs`.

use std::sync::{Arc, Mutex};

use soapgen_runtime::soap::write_envelope;
use soapgen_runtime::transport::{
    Blocking, SendHttp, parse_soap_response, parse_xml_response, soap_request, xml_request,
};
use soapgen_runtime::{
    Error, HttpRequest, HttpResponse, HttpTransport, SoapVersion, Transport, XmlWriter,
};
use testkit::TestServer;

const TEMPURI: &str = "http://tempuri.org/";

fn login_envelope(version: SoapVersion) -> String {
    write_envelope(version, None, &|w: &mut XmlWriter| {
        w.start(TEMPURI, "Login");
        w.element(TEMPURI, "password", "hunter2");
        w.end("Login");
    })
    .unwrap()
}

fn result_text(response: &HttpResponse) -> Result<String, Error> {
    parse_soap_response(response, |r, _| {
        r.next_child()?.ok_or_else(|| r.error("no result"))?;
        let text = r.read_text()?.into_owned();
        r.next_child()?;
        Ok(text)
    })
}

const OK_RESPONSE: &str = r#"<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><LoginResponse xmlns="http://tempuri.org/"><LoginResult>token-1</LoginResult></LoginResponse></soap:Body></soap:Envelope>"#;

#[test]
fn soap11_call_end_to_end() {
    let server = TestServer::start(200, "text/xml; charset=utf-8", OK_RESPONSE);
    let envelope = login_envelope(SoapVersion::Soap11);
    let request = soap_request(
        &server.url("/svc.asmx?v=1"),
        SoapVersion::Soap11,
        Some("http://tempuri.org/Login"),
        envelope.clone(),
    );
    // Clones share the connection pool; generated clients derive Clone over their transport.
    let transport = HttpTransport::new().with_header("X-Client", "tests").clone();
    let response = transport.send(request).unwrap();
    assert_eq!(response.status, 200);
    assert_eq!(response.content_type.as_deref(), Some("text/xml; charset=utf-8"));
    assert_eq!(result_text(&response).unwrap(), "token-1");

    let seen = server.requests();
    assert_eq!(seen.len(), 1);
    let seen = &seen[0];
    assert_eq!(seen.method, "POST");
    assert_eq!(seen.path, "/svc.asmx?v=1");
    assert_eq!(seen.header("content-type"), Some("text/xml; charset=utf-8"));
    assert_eq!(seen.header("soapaction"), Some("\"http://tempuri.org/Login\""));
    assert_eq!(seen.header("x-client"), Some("tests"));
    assert_eq!(seen.body, envelope);
}

#[test]
fn soap12_puts_the_action_in_the_content_type() {
    let server = TestServer::start(200, "application/soap+xml; charset=utf-8", OK_RESPONSE);
    let request = soap_request(
        &server.url("/svc"),
        SoapVersion::Soap12,
        Some("urn:Login"),
        login_envelope(SoapVersion::Soap12),
    );
    HttpTransport::new().send(request).unwrap();
    let seen = &server.requests()[0];
    assert_eq!(
        seen.header("content-type"),
        Some("application/soap+xml; charset=utf-8; action=\"urn:Login\"")
    );
    assert_eq!(seen.header("soapaction"), None);
}

#[test]
fn request_headers_without_an_action() {
    let r11 = soap_request("http://h/", SoapVersion::Soap11, None, String::new());
    assert_eq!(r11.header("SOAPAction"), Some("\"\""));
    let r12 = soap_request("http://h/", SoapVersion::Soap12, None, String::new());
    assert_eq!(r12.header("content-type"), Some("application/soap+xml; charset=utf-8"));
    let plain = xml_request("http://h/", "<a/>".into());
    assert_eq!(plain.header("Content-Type"), Some("application/xml"));
    assert_eq!(plain.header("accept"), Some("application/xml"));
}

#[test]
fn a_fault_sent_with_500_becomes_error_fault() {
    let fault = r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Client</faultcode><faultstring>Invalid password</faultstring></soap:Fault></soap:Body></soap:Envelope>"#;
    let server = TestServer::start(500, "text/xml; charset=utf-8", fault);
    let request = soap_request(
        &server.url("/svc.asmx"),
        SoapVersion::Soap11,
        Some("urn:Login"),
        login_envelope(SoapVersion::Soap11),
    );
    let response = HttpTransport::new().send(request).unwrap();
    assert_eq!(response.status, 500);
    match result_text(&response) {
        Err(Error::Fault(f)) => {
            assert_eq!(f.code, "soap:Client");
            assert_eq!(f.reason, "Invalid password");
        }
        other => panic!("expected a fault, got {other:?}"),
    }
}

#[test]
fn plain_xml_call() {
    let server = TestServer::start(
        200,
        "application/xml",
        "<HelloResponse><Result>Hi</Result></HelloResponse>",
    );
    let response = HttpTransport::new()
        .send(xml_request(&server.url("/xml/reply/Hello"), "<Hello/>".into()))
        .unwrap();
    let text = parse_xml_response(&response, |r, root| {
        assert_eq!(root.local, "HelloResponse");
        r.next_child()?;
        let text = r.read_text()?.into_owned();
        r.next_child()?;
        Ok(text)
    })
    .unwrap();
    assert_eq!(text, "Hi");
    let seen = &server.requests()[0];
    assert_eq!(seen.header("accept"), Some("application/xml"));
    assert_eq!(seen.body, "<Hello/>");

    let server = TestServer::start(404, "text/plain", "no such route");
    let response =
        HttpTransport::new().send(xml_request(&server.url("/x"), String::new())).unwrap();
    assert!(matches!(
        parse_xml_response(&response, |r, _| r.skip()),
        Err(Error::Http { status: 404, ref body, .. }) if body == "no such route"
    ));
}

#[test]
fn debug_output_keeps_secrets_out() {
    let request = soap_request(
        "https://user:pw@example.com/svc.asmx?apikey=k",
        SoapVersion::Soap11,
        Some("urn:Login"),
        login_envelope(SoapVersion::Soap11),
    );
    let mut request = request;
    request.headers.push(("Authorization".into(), "Basic dXNlcjpwdw==".into()));
    let shown = format!("{request:?}");
    for secret in ["hunter2", "pw@", "apikey", "dXNlcjpwdw=="] {
        assert!(!shown.contains(secret), "{shown}");
    }
    assert!(shown.contains("body_len"), "{shown}");
    assert!(shown.contains("urn:Login"), "{shown}");

    let transport = HttpTransport::new().with_header("X-Api-Key", "k-123");
    let shown = format!("{transport:?}");
    assert!(!shown.contains("k-123"), "{shown}");

    let response = HttpResponse::new(200, None, b"token=abc".to_vec());
    assert!(!format!("{response:?}").contains("abc"));
}

/// A custom transport is a `SendHttp` in `Blocking`, usable through references, boxes and
/// Arcs, e.g. for a recording fake.
#[test]
fn transport_is_implemented_for_smart_pointers() {
    struct Fake(Mutex<Vec<String>>);
    impl SendHttp for Fake {
        fn send(&self, request: HttpRequest) -> Result<HttpResponse, Error> {
            self.0.lock().unwrap().push(request.url);
            Ok(HttpResponse::new(200, Some("text/xml".into()), OK_RESPONSE.as_bytes().to_vec()))
        }
    }
    fn call<T: Transport<Output<String> = Result<String, Error>>>(t: T) -> String {
        t.call("Login", Ok(xml_request("http://fake/", String::new())), result_text).unwrap()
    }
    let fake = Arc::new(Blocking(Fake(Mutex::new(Vec::new()))));
    assert_eq!(call(&*fake), "token-1");
    assert_eq!(call(Arc::clone(&fake)), "token-1");
    let boxed = Box::new(Blocking(Fake(Mutex::new(Vec::new()))));
    assert_eq!(call(boxed), "token-1");
    assert_eq!(fake.0.0.lock().unwrap().len(), 2);
}
