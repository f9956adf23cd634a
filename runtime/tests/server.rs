//! The server side's router: dispatch by element and action in both SOAP versions, replies
//! in the request's version, faults, `?wsdl`, and every hostile or malformed request
//! answered with a fault or a 4xx, never a panic; and the mock server over real HTTP.
#![cfg(feature = "server")]

use soapgen_runtime::server::{Headers, MockServer, Operation, Router, ServerFault, ServerRequest};
use soapgen_runtime::{HttpRequest, SoapVersion, Transport, XmlRead, XmlWrite};

const NS: &str = "urn:test";

fn router() -> Router {
    Router::new("/svc")
        .wsdl("<wsdl:definitions xmlns:wsdl=\"http://schemas.xmlsoap.org/wsdl/\"/>")
        .operation(
            Operation {
                name: "Shout",
                input: (NS, "Shout"),
                output: (NS, "ShoutResponse"),
                actions: &[
                    (SoapVersion::Soap11, Some("urn:test/Shout")),
                    (SoapVersion::Soap12, None),
                ],
            },
            |text: String, _: &Headers| async move {
                if text.is_empty() {
                    return Err(ServerFault::client("nothing to shout"));
                }
                Ok(text.to_uppercase())
            },
        )
        .operation(
            Operation {
                name: "Count",
                input: (NS, "Count"),
                output: (NS, "CountResponse"),
                actions: &[(SoapVersion::Soap11, Some("urn:test/Count"))],
            },
            |text: String, headers: &Headers| {
                let shout = headers.get::<String>(NS, "Loud");
                async move {
                    let count = text.chars().count() as i64;
                    Ok::<_, ServerFault>(if shout?.is_some() { count * 10 } else { count })
                }
            },
        )
}

fn soap11(body: &str) -> ServerRequest {
    ServerRequest {
        method: "POST".into(),
        path: "/svc".into(),
        headers: vec![
            ("content-type".into(), "text/xml; charset=utf-8".into()),
            ("soapaction".into(), "\"urn:test/Shout\"".into()),
        ],
        body: format!(
            "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>{body}</s:Body></s:Envelope>"
        )
        .into_bytes(),
        ..ServerRequest::default()
    }
}

fn answer(request: &ServerRequest) -> soapgen_runtime::server::ServerResponse {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(router().handle(request))
}

#[test]
fn dispatches_by_element_and_replies_in_the_request_version() {
    let reply = answer(&soap11("<Shout xmlns=\"urn:test\">hey &amp; you</Shout>"));
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.content_type, "text/xml; charset=utf-8");
    assert!(
        reply.body.contains("<ShoutResponse xmlns=\"urn:test\">HEY &amp; YOU</ShoutResponse>"),
        "{}",
        reply.body
    );

    let reply = answer(&soap11("<t:Count xmlns:t=\"urn:test\">four</t:Count>"));
    assert!(reply.body.contains(">4</CountResponse>"), "{}", reply.body);
    // A header block the handler asks for, typed.
    let mut loud = soap11("");
    loud.body = b"<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:t=\"urn:test\"><s:Header><t:Loud>yes</t:Loud></s:Header><s:Body><t:Count>four</t:Count></s:Body></s:Envelope>".to_vec();
    let reply = answer(&loud);
    assert!(reply.body.contains(">40</CountResponse>"), "{}", reply.body);

    let mut request = soap11("");
    request.headers[0].1 = "application/soap+xml; charset=utf-8; action=\"urn:x\"".into();
    request.body = b"<e:Envelope xmlns:e=\"http://www.w3.org/2003/05/soap-envelope\"><e:Body><Shout xmlns=\"urn:test\">v12</Shout></e:Body></e:Envelope>".to_vec();
    let reply = answer(&request);
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply.content_type.starts_with("application/soap+xml"));
    assert!(
        reply.body.contains("http://www.w3.org/2003/05/soap-envelope")
            && reply.body.contains(">V12<"),
        "{}",
        reply.body
    );
}

#[test]
fn a_handler_fault_is_a_500_fault_in_the_request_version() {
    let reply = answer(&soap11("<Shout xmlns=\"urn:test\"/>"));
    assert_eq!(reply.status, 500);
    assert!(reply.body.contains("<faultcode>soap:Client</faultcode>"), "{}", reply.body);
    assert!(reply.body.contains("<faultstring>nothing to shout</faultstring>"), "{}", reply.body);
    // The runtime's own client reads it back as the fault it is.
    let response =
        soapgen_runtime::HttpResponse::new(500, Some(reply.content_type), reply.body.into_bytes());
    let err =
        soapgen_runtime::transport::read_soap_response::<String>(&response, NS, "ShoutResponse")
            .unwrap_err();
    let soapgen_runtime::Error::Fault(fault) = err else { panic!("{err:?}") };
    assert_eq!(fault.code_local_name(), "Client");
}

#[test]
fn hostile_and_malformed_requests_get_faults_or_4xx() {
    let client_fault = |request: &ServerRequest, says: &str| {
        let reply = answer(request);
        assert_eq!(reply.status, 500, "{}", reply.body);
        assert!(
            reply.body.contains("soap:Client") && reply.body.contains(says),
            "{says}: {}",
            reply.body
        );
    };
    let bomb =
        "<!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>";
    let mut request = soap11("<Shout xmlns=\"urn:test\">&b;</Shout>");
    request.body = [bomb.as_bytes(), &request.body].concat();
    client_fault(&request, "DOCTYPE");
    // Deep nesting where the router skips (a header block): the depth limit stops it.
    let mut deep = soap11("");
    deep.body = format!(
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Header>{}</s:Header></s:Envelope>",
        "<a>".repeat(100_000)
    )
    .into_bytes();
    client_fault(&deep, "nested deeper than the limit of 256");
    client_fault(&soap11("<Unknown xmlns=\"urn:test\"/>"), "no operation takes &lt;Unknown&gt;");
    client_fault(&soap11(""), "Body is empty");
    let mut truncated = soap11("<Shout xmlns=\"urn:test\">x</Shout>");
    truncated.body.truncate(truncated.body.len() - 20);
    client_fault(&truncated, "malformed request");
    let mut latin1 = soap11("");
    latin1.body = b"<s:Envelope>\xe9</s:Envelope>".to_vec();
    client_fault(&latin1, "not UTF-8");
    let mut json = soap11("<Shout xmlns=\"urn:test\">x</Shout>");
    json.headers[0].1 = "application/json".into();
    assert_eq!(answer(&json).status, 415);
    let mut huge = soap11("");
    huge.body = vec![b' '; soapgen_runtime::server::MAX_BODY + 1];
    assert_eq!(answer(&huge).status, 413);
    let mut put = soap11("");
    put.method = "PUT".into();
    assert_eq!(answer(&put).status, 405);
    let mut elsewhere = soap11("<Shout xmlns=\"urn:test\">x</Shout>");
    elsewhere.path = "/other".into();
    assert_eq!(answer(&elsewhere).status, 404);
}

#[test]
fn get_wsdl_answers_the_document() {
    let request = ServerRequest {
        method: "GET".into(),
        path: "/svc".into(),
        query: "WSDL".into(),
        ..Default::default()
    };
    let reply = answer(&request);
    assert_eq!(reply.status, 200);
    assert!(reply.body.contains("wsdl:definitions"));
    let plain = ServerRequest { method: "GET".into(), path: "/svc".into(), ..Default::default() };
    assert_eq!(answer(&plain).status, 404);
    // Port addresses move to the host the WSDL was asked of, as ASP.NET and WCF do.
    let router = Router::new("/svc").wsdl(
        "<port><soap:address location=\"https://api.example.com/svc\"/></port><x:import schemaLocation=\"a.xsd\"/>",
    );
    let mut asked = request.clone();
    asked.headers.push(("host".into(), "127.0.0.1:8080".into()));
    let run = |r: &Router, q: &ServerRequest| {
        tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(r.handle(q))
    };
    assert_eq!(
        run(&router, &asked).body,
        "<port><soap:address location=\"http://127.0.0.1:8080/svc\"/></port><x:import schemaLocation=\"a.xsd\"/>"
    );
    asked.headers[0].1 = "evil\"/><x".into();
    assert!(run(&router, &asked).body.contains("https://api.example.com/svc"));
}

#[test]
fn the_mock_server_answers_over_http_records_and_replays() {
    let server = MockServer::start(router());
    assert!(
        server.endpoint().starts_with("http://127.0.0.1:") && server.endpoint().ends_with("/svc")
    );
    let transport = soapgen_runtime::HttpTransport::new();
    let body = |w: &mut soapgen_runtime::XmlWriter| String::from("mock").write_xml(w, NS, "Shout");
    let envelope = soapgen_runtime::soap::write_envelope(SoapVersion::Soap11, None, &body).unwrap();
    let request = || -> soapgen_runtime::Result<HttpRequest> {
        Ok(soapgen_runtime::transport::soap_request(
            &server.endpoint(),
            SoapVersion::Soap11,
            Some("urn:test/Shout"),
            envelope.clone(),
        ))
    };
    let parse = |r: &soapgen_runtime::HttpResponse| {
        soapgen_runtime::transport::read_soap_response::<String>(r, NS, "ShoutResponse")
    };
    assert_eq!(transport.call("Shout", request(), parse).unwrap(), "MOCK");
    let seen = server.requests();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].header("SOAPAction"), Some("\"urn:test/Shout\""));

    server.replay(Some((502, "text/html", "<html>bad gateway</html>")));
    let err = transport.call("Shout", request(), parse).unwrap_err();
    assert!(matches!(err, soapgen_runtime::Error::Http { status: 502, .. }), "{err:?}");
    server.replay(None);
    assert_eq!(transport.call("Shout", request(), parse).unwrap(), "MOCK");
    let _ = <String as XmlRead>::read_xml;
}

#[test]
fn plain_xml_operations_are_served_at_their_routes() {
    let router = Router::new("/").xml_operation(
        "/xml/reply/Shout",
        Operation {
            name: "Shout",
            input: ("", "Shout"),
            output: ("", "ShoutResponse"),
            actions: &[],
        },
        |text: String, _: &Headers| async move {
            if text.is_empty() {
                return Err(ServerFault::client("nothing to shout"));
            }
            Ok(text.to_uppercase())
        },
    );
    let post = |body: &str| ServerRequest {
        method: "POST".into(),
        path: "/xml/reply/Shout".into(),
        headers: vec![("content-type".into(), "application/xml".into())],
        body: body.as_bytes().to_vec(),
        ..ServerRequest::default()
    };
    let run = |q: &ServerRequest| {
        tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(router.handle(q))
    };
    let reply = run(&post("<Shout>hi</Shout>"));
    assert_eq!((reply.status, reply.content_type.as_str()), (200, "application/xml"));
    assert_eq!(reply.body, "<ShoutResponse>HI</ShoutResponse>");
    let reply = run(&post("<Shout/>"));
    assert_eq!(reply.status, 400);
    assert!(reply.body.contains("<Message>nothing to shout</Message>"), "{}", reply.body);
    let reply = run(&post("<Other/>"));
    assert_eq!(reply.status, 400);
    assert!(reply.body.contains("expected &lt;Shout&gt;"), "{}", reply.body);
}
