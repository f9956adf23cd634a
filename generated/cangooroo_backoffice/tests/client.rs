//! Seed 000: an ASMX page with SOAP 1.1 and 1.2 samples and two elements the page left empty.

use cangooroo_backoffice::*;
use soapgen_runtime::{AsyncHttpTransport, Error, HttpResponse, RawXml, SoapVersion};
use testkit::{TestServer, pages};

const PAGE: &str = include_str!("../../../samples/cangooroo_backoffice/000_ae550fffd054f661.txt");
const PATH: &str = "/ws/2013/ClientBackOffice_c.asmx";
const ACTION: &str = "http://ws_2013.services.cangooroo.net/updateUserPassword";

fn request() -> UpdateUserPassword {
    UpdateUserPassword {
        credential: Some(RawXml::new("")),
        update_user_info: Some(RawXml::new("")),
        username: Some("alice".into()),
        new_password: Some("n3w <&> \"pass\"".into()),
    }
}

fn filled_request(sample: &str) -> String {
    let sample = pages::fill(sample, "username", "alice");
    pages::fill(&sample, "newPassword", "n3w <&> \"pass\"")
}

fn response_for(sample: &str) -> String {
    pages::fill(sample, "updateUserPasswordResult", "true")
}

#[test]
fn requests_match_the_page_samples() {
    let docs = pages::documents(PAGE);
    assert_eq!(docs.len(), 4, "two protocols, request and response each");
    for (version, sample) in [(SoapVersion::Soap11, &docs[0]), (SoapVersion::Soap12, &docs[2])] {
        let client = ClientBackOfficeCClient::new().with_soap_version(version);
        let http = client.build_update_user_password(&request()).unwrap();
        let body = String::from_utf8(http.body).unwrap();
        assert_eq!(
            pages::canonical(&body),
            pages::canonical(&filled_request(sample)),
            "{version:?}"
        );
        assert_eq!(http.url, format!("http://ws-europlus.cangooroo.net{PATH}"));
    }
}

#[test]
fn responses_with_real_values_parse() {
    let docs = pages::documents(PAGE);
    for sample in [&docs[1], &docs[3]] {
        let response = HttpResponse::new(200, None, response_for(sample).into_bytes());
        let parsed = ClientBackOfficeCClient::parse_update_user_password(&response).unwrap();
        assert!(parsed.update_user_password_result);
    }
}

fn serve() -> TestServer {
    let docs = pages::documents(PAGE);
    TestServer::start(200, "text/xml; charset=utf-8", response_for(&docs[1]))
}

/// What the server saw from one SOAP 1.1 call and one SOAP 1.2 call.
fn assert_both_versions_sent(server: &TestServer) {
    let docs = pages::documents(PAGE);
    let seen = server.requests();
    assert_eq!(seen.len(), 2);
    assert_eq!((seen[0].method.as_str(), seen[0].path.as_str()), ("POST", PATH));
    assert_eq!(seen[0].header("Content-Type"), Some("text/xml; charset=utf-8"));
    assert_eq!(seen[0].header("SOAPAction"), Some(format!("\"{ACTION}\"").as_str()));
    assert_eq!(pages::canonical(&seen[0].body), pages::canonical(&filled_request(&docs[0])));
    assert_eq!(
        seen[1].header("Content-Type"),
        Some(format!("application/soap+xml; charset=utf-8; action=\"{ACTION}\"").as_str())
    );
    assert_eq!(pages::canonical(&seen[1].body), pages::canonical(&filled_request(&docs[2])));
}

#[test]
fn calls_a_real_server_with_both_versions() {
    let server = serve();
    let client = ClientBackOfficeCClient::new().with_endpoint(server.url(PATH));
    assert!(client.update_user_password(&request()).unwrap().update_user_password_result);
    let client = client.with_soap_version(SoapVersion::Soap12);
    assert!(client.update_user_password(&request()).unwrap().update_user_password_result);
    assert_both_versions_sent(&server);
}

#[tokio::test]
async fn calls_a_real_server_with_both_versions_asynchronously() {
    let server = serve();
    let client = ClientBackOfficeCClient::with_transport(AsyncHttpTransport::new())
        .with_endpoint(server.url(PATH));
    assert!(client.update_user_password(&request()).await.unwrap().update_user_password_result);
    let client = client.with_soap_version(SoapVersion::Soap12);
    assert!(client.update_user_password(&request()).await.unwrap().update_user_password_result);
    assert_both_versions_sent(&server);
}

#[test]
fn a_fault_is_a_typed_error() {
    let fault = r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
        <soap:Fault><faultcode>soap:Client</faultcode><faultstring>Invalid credential</faultstring>
        <detail><code>42</code></detail></soap:Fault></soap:Body></soap:Envelope>"#;
    let server = TestServer::start(500, "text/xml; charset=utf-8", fault);
    let client = ClientBackOfficeCClient::new().with_endpoint(server.url(PATH));
    match client.update_user_password(&request()) {
        Err(Error::Fault(f)) => {
            assert_eq!(f.code_local_name(), "Client");
            assert_eq!(f.reason, "Invalid credential");
            assert!(f.detail.unwrap().as_str().contains("<code>42</code>"));
        }
        other => panic!("expected a fault, got {other:?}"),
    }
}

#[test]
fn an_http_error_is_an_error() {
    let server =
        TestServer::start(503, "text/html", "<html><body>Service Unavailable</body></html>");
    let client = ClientBackOfficeCClient::new().with_endpoint(server.url(PATH));
    match client.update_user_password(&request()) {
        Err(Error::Http { status: 503, .. }) => {}
        other => panic!("expected HTTP 503, got {other:?}"),
    }
}

#[test]
fn secrets_stay_out_of_debug_output() {
    let shown = format!("{:?}", request());
    assert!(!shown.contains("n3w"), "{shown}");
    assert!(shown.contains("alice"), "{shown}");
}

#[test]
fn the_result_of_a_password_update_is_shown_by_debug() {
    let reply = UpdateUserPasswordResponse { update_user_password_result: true };
    assert_eq!(
        format!("{reply:?}"),
        "UpdateUserPasswordResponse { update_user_password_result: true }"
    );
}
