//! Seed 003: a vendor page with typographic quotes, SOAP 1.2 only, a result code enum and an
//! error-code table.

use soapgen_runtime::{AsyncHttpTransport, HttpResponse, SoapVersion};
use testkit::{TestServer, pages};
use zoolz_reseller::*;

const PAGE: &str = include_str!("../../../samples/zoolz_reseller/003_22b043e5d8dd7406.txt");
const PATH: &str = "/services/Reseller/Service.asmx";

fn request() -> ResetPassword {
    ResetPassword {
        auth_token: Some("tok-123".into()),
        email: Some("someone@company.com".into()),
        password: Some("correct horse".into()),
    }
}

fn filled_request(sample: &str) -> String {
    let doc = pages::fill(sample, "authToken", "tok-123");
    let doc = pages::fill(&doc, "email", "someone@company.com");
    pages::fill(&doc, "password", "correct horse")
}

fn response(sample: &str, code: &str) -> String {
    let doc = pages::fill(sample, "Code", code);
    let doc = pages::fill(&doc, "Message", "Invalid Email or Email does not exist");
    pages::fill(&doc, "Joson", "{\"id\":1}")
}

#[test]
fn the_request_matches_the_sample() {
    let docs = pages::documents(PAGE);
    assert_eq!(docs.len(), 2);
    let http = ResellerServiceClient::new().build_reset_password(&request()).unwrap();
    let body = String::from_utf8(http.body).unwrap();
    assert_eq!(pages::canonical(&body), pages::canonical(&filled_request(&docs[0])));
    assert_eq!(http.url, format!("http://zoolz.com{PATH}"));
}

#[test]
fn codes_parse_into_the_enum_and_unknown_codes_are_kept() {
    let docs = pages::documents(PAGE);
    let parse = |code: &str| {
        let body = response(&docs[1], code).into_bytes();
        let response = HttpResponse::new(200, None, body);
        ResellerServiceClient::parse_reset_password(&response)
            .unwrap()
            .reset_password_result
            .unwrap()
    };
    let result = parse("InvalidEmail");
    assert_eq!(result.code, Code::InvalidEmail);
    assert_eq!(result.message.as_deref(), Some("Invalid Email or Email does not exist"));
    assert_eq!(result.joson.as_deref(), Some("{\"id\":1}"));
    assert_eq!(parse("Success").code, Code::Success);
    assert_eq!(parse("QuotaExceeded").code, Code::Unknown("QuotaExceeded".into()));
    assert_eq!(Code::InvalidAccount.as_str(), "InvalidAccount");
}

fn serve() -> TestServer {
    let docs = pages::documents(PAGE);
    TestServer::start(200, "application/soap+xml; charset=utf-8", response(&docs[1], "Success"))
}

fn assert_sent(server: &TestServer) {
    let seen = &server.requests()[0];
    assert_eq!((seen.method.as_str(), seen.path.as_str()), ("POST", PATH));
    // SOAP 1.2 carries the action in the Content-Type; this one follows the ASMX convention.
    assert_eq!(
        seen.header("Content-Type"),
        Some("application/soap+xml; charset=utf-8; action=\"Zoolz/ResetPassword\"")
    );
    assert!(seen.body.contains(SoapVersion::Soap12.envelope_ns()));
}

#[test]
fn calls_a_real_server_over_soap_12() {
    let server = serve();
    let client = ResellerServiceClient::new().with_endpoint(server.url(PATH));
    let reply = client.reset_password(&request()).unwrap();
    assert_eq!(reply.reset_password_result.unwrap().code, Code::Success);
    assert_sent(&server);
}

#[tokio::test]
async fn calls_a_real_server_over_soap_12_asynchronously() {
    let server = serve();
    let client = ResellerServiceClient::with_transport(AsyncHttpTransport::new())
        .with_endpoint(server.url(PATH));
    let reply = client.reset_password(&request()).await.unwrap();
    assert_eq!(reply.reset_password_result.unwrap().code, Code::Success);
    assert_sent(&server);
}

#[test]
fn the_token_and_password_stay_out_of_debug_output() {
    let shown = format!("{:?}", request());
    assert!(!shown.contains("tok-123") && !shown.contains("correct horse"), "{shown}");
    assert!(shown.contains("password: \"<redacted>\""), "{shown}");
    assert!(shown.contains("someone@company.com"), "not a secret: {shown}");
}

#[test]
fn the_result_of_a_password_reset_is_shown_by_debug() {
    let body = response(&pages::documents(PAGE)[1], "InvalidEmail").into_bytes();
    let reply =
        ResellerServiceClient::parse_reset_password(&HttpResponse::new(200, None, body)).unwrap();
    let shown = format!("{reply:?}");
    assert!(
        shown.contains("reset_password_result: Some(ResetPasswordResult { code: InvalidEmail"),
        "{shown}"
    );
    assert!(shown.contains("Invalid Email or Email does not exist"), "{shown}");
}
