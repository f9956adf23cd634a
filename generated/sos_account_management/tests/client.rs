//! Seed 001: a SOAP header set once on the client, a nested request object, and an empty
//! `<Result />` the page did not expand.

use soapgen_runtime::{AsyncHttpTransport, HttpResponse, SoapVersion};
use sos_account_management::*;
use testkit::{TestServer, pages};

const PAGE: &str = include_str!("../../../samples/sos_account_management/001_69f3e108d2aeb22f.txt");
const PATH: &str = "/WebApi/AccountManagementService/AccountManagementService.asmx";
const ACTION: &str = "sosonlinebackup.com/ChangeBackupAccountPassword";

fn auth() -> AuthHeader {
    AuthHeader { user_name: Some("reseller".into()), password: Some("hunter2".into()) }
}

fn client() -> AccountManagementServiceClient {
    AccountManagementServiceClient::new().with_auth_header(auth())
}

fn request() -> ChangeBackupAccountPassword {
    ChangeBackupAccountPassword {
        request: Some(Request {
            username: Some("bob".into()),
            new_password: Some("Pässwörd!".into()),
            send_email_to_customer: true,
        }),
    }
}

fn filled_request(sample: &str) -> String {
    let mut doc = pages::fill(sample, "UserName", "reseller");
    doc = pages::fill(&doc, "Password", "hunter2");
    doc = pages::fill(&doc, "Username", "bob");
    doc = pages::fill(&doc, "NewPassword", "Pässwörd!");
    pages::fill(&doc, "SendEmailToCustomer", "true")
}

/// The page left `<Result />` empty; a real server fills it.
fn real_response(sample: &str) -> String {
    sample
        .replace("<Result />", "<Result><Code>0</Code><Message>Password changed</Message></Result>")
}

#[test]
fn requests_carry_the_header_and_match_the_samples() {
    let docs = pages::documents(PAGE);
    for (version, sample) in [(SoapVersion::Soap11, &docs[0]), (SoapVersion::Soap12, &docs[2])] {
        let http = client()
            .with_soap_version(version)
            .build_change_backup_account_password(&request())
            .unwrap();
        let body = String::from_utf8(http.body).unwrap();
        assert_eq!(
            pages::canonical(&body),
            pages::canonical(&filled_request(sample)),
            "{version:?}"
        );
    }
}

#[test]
fn without_the_header_set_no_header_is_sent() {
    let http = AccountManagementServiceClient::new()
        .build_change_backup_account_password(&request())
        .unwrap();
    let body = String::from_utf8(http.body).unwrap();
    assert!(!body.contains("Header"), "{body}");
}

#[test]
fn the_unexpanded_result_is_kept_as_raw_xml() {
    let docs = pages::documents(PAGE);
    for sample in [&docs[1], &docs[3]] {
        let response = HttpResponse::new(200, None, real_response(sample).into_bytes());
        let parsed =
            AccountManagementServiceClient::parse_change_backup_account_password(&response)
                .unwrap();
        let result = parsed.change_backup_account_password_result.unwrap().result.unwrap();
        assert!(
            result.as_str().contains("<Message>Password changed</Message>"),
            "{}",
            result.as_str()
        );
    }
    // The empty element as the page shows it reads as empty raw XML.
    let response = HttpResponse::new(200, None, docs[1].clone().into_bytes());
    let parsed =
        AccountManagementServiceClient::parse_change_backup_account_password(&response).unwrap();
    assert!(
        parsed
            .change_backup_account_password_result
            .unwrap()
            .result
            .is_some_and(|raw| raw.is_empty())
    );
}

fn serve() -> TestServer {
    let docs = pages::documents(PAGE);
    TestServer::start(200, "text/xml; charset=utf-8", real_response(&docs[1]))
}

fn assert_sent(server: &TestServer) {
    let docs = pages::documents(PAGE);
    let seen = &server.requests()[0];
    assert_eq!((seen.method.as_str(), seen.path.as_str()), ("POST", PATH));
    assert_eq!(seen.header("Content-Type"), Some("text/xml; charset=utf-8"));
    assert_eq!(seen.header("SOAPAction"), Some(format!("\"{ACTION}\"").as_str()));
    assert_eq!(pages::canonical(&seen.body), pages::canonical(&filled_request(&docs[0])));
}

#[test]
fn calls_a_real_server() {
    let server = serve();
    let reply = client()
        .with_endpoint(server.url(PATH))
        .change_backup_account_password(&request())
        .unwrap();
    assert!(reply.change_backup_account_password_result.is_some());
    assert_sent(&server);
}

#[tokio::test]
async fn calls_a_real_server_asynchronously() {
    let server = serve();
    let client = AccountManagementServiceClient::with_transport(AsyncHttpTransport::new())
        .with_auth_header(auth())
        .with_endpoint(server.url(PATH));
    let reply = client.change_backup_account_password(&request()).await.unwrap();
    assert!(reply.change_backup_account_password_result.is_some());
    assert_sent(&server);
}

#[test]
fn secrets_stay_out_of_debug_output() {
    let client = client();
    for shown in [
        format!("{client:?}"),
        format!("{:?}", request()),
        format!("{:?}", AuthHeader { user_name: None, password: Some("hunter2".into()) }),
    ] {
        assert!(!shown.contains("hunter2") && !shown.contains("Pässwörd"), "{shown}");
    }
}

/// The text between `<prefix:local ...>` and its end tag, in a document the test controls.
fn element_text<'a>(doc: &'a str, qname: &str) -> &'a str {
    let start = [">", " "]
        .iter()
        .filter_map(|after| doc.find(&format!("<{qname}{after}")))
        .min()
        .unwrap_or_else(|| panic!("no <{qname}> in {doc}"));
    let open_end = start + doc[start..].find('>').unwrap() + 1;
    let close = open_end + doc[open_end..].find(&format!("</{qname}>")).unwrap();
    &doc[open_end..close]
}

#[test]
fn a_ws_security_digest_token_goes_with_the_call() {
    use soapgen_runtime::wssecurity::{UsernameToken, password_digest};
    use soapgen_runtime::{Base64Binary, Secret, XmlValue};

    let server = serve();
    let client = client()
        .with_endpoint(server.url(PATH))
        .with_ws_security(UsernameToken::digest("reseller", "hunter2"));
    assert!(!format!("{client:?}").contains("hunter2"));
    client.change_backup_account_password(&request()).unwrap();
    client.change_backup_account_password(&request()).unwrap();

    let seen = server.requests();
    let mut nonces = Vec::new();
    for request in &seen {
        let body = &request.body;
        // The service's own header is still there, next to the security header.
        assert!(body.contains("<AuthHeader"), "{body}");
        assert!(body.contains("soap:mustUnderstand=\"1\""), "{body}");
        assert_eq!(element_text(body, "wsse:Username"), "reseller");
        let nonce = element_text(body, "wsse:Nonce");
        let created = element_text(body, "wsu:Created");
        let digest = element_text(body, "wsse:Password");
        let nonce_bytes = Base64Binary::parse_lexical(nonce).unwrap().0;
        assert_eq!(nonce_bytes.len(), 16);
        assert_eq!(digest, password_digest(&nonce_bytes, created, &Secret::from("hunter2")));
        assert!(created.ends_with('Z') && created.len() == 24, "{created}");
        nonces.push(nonce.to_owned());
    }
    assert_ne!(nonces[0], nonces[1], "every call needs a fresh nonce");
}
