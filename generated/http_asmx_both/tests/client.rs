//! `samples/http_asmx_both`: an ASMX service offering SOAP 1.1, SOAP 1.2, HTTP GET and HTTP
//! POST, generated with `http = "post"`: each operation keeps its SOAP method and gets an
//! `_http_post` one, which takes the typed SOAP request (ASP.NET types the HTTP parameters
//! `string`) and reads the plain `<int>` / `<Greeting>` documents.

use http_asmx_both::*;
use testkit::TestServer;

#[test]
fn the_soap_method_and_its_http_post_twin() {
    let server =
        TestServer::start(200, "text/xml", r#"<int xmlns="http://example.com/calc/">5</int>"#);
    let client = CalculatorClient::new().with_endpoint(server.url("/Calculator.asmx"));
    assert_eq!(client.add_http_post(&Add { a: 2, b: 3 }).unwrap(), 5);
    let sent = &server.requests()[0];
    assert_eq!((sent.method.as_str(), sent.path.as_str()), ("POST", "/Calculator.asmx/Add"));
    assert_eq!(sent.body, "a=2&b=3");

    let build = client.build_add(&Add { a: 2, b: 3 }).unwrap();
    assert_eq!(build.header("SOAPAction"), Some("\"http://example.com/calc/Add\""));
}

#[test]
fn enums_and_absent_optional_parameters() {
    let greeting = r#"<Greeting xmlns="http://example.com/calc/"><Text>grr</Text><At>2024-01-01T00:00:00Z</At></Greeting>"#;
    let server = TestServer::start(200, "text/xml", greeting);
    let client = CalculatorClient::new().with_endpoint(server.url("/Calculator.asmx"));
    let g = client.greet_http_post(&Greet { name: None, mood: Mood::Grumpy }).unwrap();
    assert_eq!(g.text.as_deref(), Some("grr"));
    assert_eq!(server.requests()[0].body, "mood=Grumpy");
}
