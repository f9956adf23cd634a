//! Seed 002: a ServiceStack page: plain XML to /xml/reply/<Request>, DataContract namespaces,
//! a parameter table, lists shown with one item.

use registrar_servicestack::*;
use soapgen_runtime::{AsyncHttpTransport, Error, HttpResponse};
use testkit::{TestServer, pages};

const PAGE: &str = include_str!("../../../samples/registrar_servicestack/002_8da5f6ba036fde20.txt");
const PATH: &str = "/xml/reply/ResetCustomerPasswordRequest";

fn request() -> ResetCustomerPasswordRequest {
    ResetCustomerPasswordRequest {
        customer_brand_name: Some("PumpAlarm".into()),
        email: "someone@example.com".into(),
    }
}

fn filled_request(sample: &str) -> String {
    let doc = pages::fill(sample, "CustomerBrandName", "PumpAlarm");
    pages::fill(&doc, "Email", "someone@example.com")
}

fn response(sample: &str) -> String {
    [
        ("ErrorCode", "ValidationError"),
        ("Message", "Email not found"),
        ("StackTrace", ""),
        ("FieldName", "Email"),
        ("Key", "hint"),
        ("Value", "check spelling"),
    ]
    .iter()
    .fold(sample.to_owned(), |doc, (name, value)| pages::fill(&doc, name, value))
}

#[test]
fn the_request_matches_the_sample() {
    let docs = pages::documents(PAGE);
    assert_eq!(docs.len(), 2);
    let http = RegistrarWebServicesClient::new().build_reset_customer_password(&request()).unwrap();
    assert_eq!(http.url, format!("http://regapi.pumpalarm.com{PATH}"));
    assert_eq!(http.header("Content-Type"), Some("application/xml"));
    let body = String::from_utf8(http.body).unwrap();
    assert_eq!(pages::canonical(&body), pages::canonical(&filled_request(&docs[0])));
}

#[test]
fn the_response_keeps_both_namespaces_and_its_lists() {
    let docs = pages::documents(PAGE);
    let response = HttpResponse::new(200, None, response(&docs[1]).into_bytes());
    let parsed = RegistrarWebServicesClient::parse_reset_customer_password(&response).unwrap();
    let status = parsed.response_status.unwrap();
    assert_eq!(status.error_code.as_deref(), Some("ValidationError"));
    assert_eq!(status.errors.len(), 1);
    assert_eq!(status.errors[0].field_name.as_deref(), Some("Email"));
    assert_eq!(status.errors[0].meta[0].key, "hint");
    assert_eq!(status.meta[0].value.as_deref(), Some("check spelling"));
}

fn serve() -> TestServer {
    let docs = pages::documents(PAGE);
    TestServer::start(200, "application/xml", response(&docs[1]))
}

fn assert_sent(server: &TestServer) {
    let docs = pages::documents(PAGE);
    let seen = &server.requests()[0];
    assert_eq!((seen.method.as_str(), seen.path.as_str()), ("POST", PATH));
    assert_eq!(seen.header("Content-Type"), Some("application/xml"));
    assert_eq!(pages::canonical(&seen.body), pages::canonical(&filled_request(&docs[0])));
}

#[test]
fn calls_a_real_server() {
    let server = serve();
    let client = RegistrarWebServicesClient::new().with_endpoint(server.url(""));
    let reply = client.reset_customer_password(&request()).unwrap();
    assert!(reply.response_status.is_some());
    assert_sent(&server);
}

#[tokio::test]
async fn calls_a_real_server_asynchronously() {
    let server = serve();
    let client = RegistrarWebServicesClient::with_transport(AsyncHttpTransport::new())
        .with_endpoint(server.url(""));
    let reply = client.reset_customer_password(&request()).await.unwrap();
    assert!(reply.response_status.is_some());
    assert_sent(&server);
}

#[test]
fn an_error_status_with_the_dto_is_a_typed_service_error() {
    let docs = pages::documents(PAGE);
    let server = TestServer::start(400, "application/xml", response(&docs[1]));
    let client = RegistrarWebServicesClient::new().with_endpoint(server.url(""));
    let Err(Error::Service(e)) = client.reset_customer_password(&request()) else {
        panic!("expected a service error");
    };
    assert_eq!(e.status, 400);
    assert!(e.body.contains("Email not found"), "{}", e.body);
    let status = e.response_status.as_ref().expect("a ResponseStatus");
    assert_eq!(status.error_code.as_deref(), Some("ValidationError"));
    assert_eq!(status.message.as_deref(), Some("Email not found"));
    assert_eq!(status.errors[0].field_name.as_deref(), Some("Email"));
    // The DTO itself, typed, as the generated client reads a success.
    let dto = e.response::<ResetCustomerPasswordResponse>().expect("the response DTO");
    let typed = dto.response_status.as_ref().unwrap();
    assert_eq!(typed.errors[0].meta[0].key, "hint");
    // Display names the code, never the message (which may quote what was sent).
    let shown = Error::Service(e.clone()).to_string();
    assert_eq!(shown, "HTTP status 400: the service reported an error (ValidationError)");
}

#[test]
fn an_error_status_without_the_dto_is_an_http_error_with_the_body() {
    let server =
        TestServer::start(503, "text/html", "<html><body>Service Unavailable</body></html>");
    let client = RegistrarWebServicesClient::new().with_endpoint(server.url(""));
    match client.reset_customer_password(&request()) {
        Err(Error::Http { status: 503, body, .. }) => assert!(body.contains("Unavailable")),
        other => panic!("expected HTTP 503, got {other:?}"),
    }
}
