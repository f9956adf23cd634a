//! `samples/http_forms`: a service documented only by its HTTP GET and HTTP POST samples.
//! Echo is shown over both and called with POST; IsEven only over GET. What goes on the wire
//! is checked byte for byte against a recording server (spyne answers it in the interop
//! tests).

use http_forms::*;
use soapgen_runtime::Error;
use testkit::{Reply, TestServer};

fn echo(note: Option<&str>, tags: &[&str]) -> Echo {
    Echo {
        text: "a b&c=d+e Zoë".into(),
        count: -3,
        flag: true,
        ratio: 0.5,
        day: "2024-02-29".parse().unwrap(),
        at: "2024-02-29T23:59:59.5-05:00".parse().unwrap(),
        note: note.map(str::to_owned),
        tags: tags.iter().map(|t| t.to_string()).collect(),
    }
}

const ECHOED: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<EchoResponse xmlns="urn:soapgen:forms"><EchoResult><text>a b</text><count>-3</count><flag>true</flag><ratio>0.5</ratio><day>2024-02-29</day><at>2024-02-29T23:59:59.5-05:00</at><noteGiven>false</noteGiven><tags>x</tags><tags>y</tags></EchoResult></EchoResponse>"#;

#[test]
fn echo_posts_the_form_and_reads_the_document() {
    let server = TestServer::start(200, "text/xml; charset=utf-8", ECHOED);
    let client = FormsClient::new().with_endpoint(server.url("/Forms.asmx"));
    let r = client.echo(&echo(None, &["x", "y"])).unwrap().echo_result.unwrap();
    assert_eq!(
        (r.text.as_deref(), r.count, r.note, r.tags),
        (Some("a b"), -3, None, vec!["x".into(), "y".into()])
    );

    let sent = &server.requests()[0];
    assert_eq!((sent.method.as_str(), sent.path.as_str()), ("POST", "/Forms.asmx/Echo"));
    assert_eq!(sent.header("Content-Type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(
        sent.body,
        "text=a+b%26c%3Dd%2Be+Zo%C3%AB&count=-3&flag=true&ratio=0.5&day=2024-02-29\
         &at=2024-02-29T23%3A59%3A59.5-05%3A00&tags=x&tags=y"
    );
}

#[test]
fn a_given_optional_parameter_is_sent_and_no_tags_send_none() {
    let server = TestServer::start(200, "text/xml", ECHOED);
    let client = FormsClient::new().with_endpoint(server.url("/Forms.asmx/"));
    client.echo(&echo(Some(""), &[])).unwrap();
    let body = &server.requests()[0].body;
    assert!(body.ends_with("&note="), "{body}");
    assert!(!body.contains("tags="), "{body}");
}

#[test]
fn is_even_is_a_get_with_a_query_string() {
    let answer = r#"<IsEvenResponse xmlns="urn:soapgen:forms"><IsEvenResult>true</IsEvenResult></IsEvenResponse>"#;
    let server = TestServer::start(200, "text/xml", answer);
    let client = FormsClient::new().with_endpoint(server.url("/Forms.asmx"));
    assert!(client.is_even(&IsEven { n: 12 }).unwrap().is_even_result);
    let sent = &server.requests()[0];
    assert_eq!(
        (sent.method.as_str(), sent.path.as_str(), sent.body.as_str()),
        ("GET", "/Forms.asmx/IsEven?n=12", "")
    );
}

#[test]
fn errors_are_http_errors_and_a_wrong_document_is_an_xml_error() {
    let server = TestServer::with_handler(|r| {
        if r.path.contains("IsEven") {
            Reply::new(500, "text/plain", "System.ArgumentException: n")
        } else {
            Reply::new(200, "text/xml", "<Other xmlns=\"urn:soapgen:forms\"/>")
        }
    });
    let client = FormsClient::new().with_endpoint(server.url("/Forms.asmx"));
    match client.is_even(&IsEven { n: 1 }) {
        Err(Error::Http { status: 500, .. }) => {}
        other => panic!("expected HTTP 500, got {other:?}"),
    }
    match client.echo(&echo(None, &[])) {
        Err(Error::Xml(e)) => assert!(e.to_string().contains("EchoResponse"), "{e}"),
        other => panic!("expected an XML error, got {other:?}"),
    }
}
