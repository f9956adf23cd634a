//! Seed 001: a SOAP header set once on the client, a nested request object, and an empty
//! `<Result />` the page did not expand.

use soapgen_runtime::{HttpResponse, SoapVersion};
use sos_account_management::*;
use testkit::{TestServer, pages};

const PAGE: &str = include_str!("../../../samples/sos_account_management/001_69f3e108d2aeb22f.txt");
const PATH: &str = "/WebApi/AccountManagementService/AccountManagementService.asmx";
const ACTION: &str = "sosonlinebackup.com/ChangeBackupAccountPassword";

fn client() -> AccountManagementServiceClient {
    AccountManagementServiceClient::new().with_auth_header(AuthHeader {
        user_name: Some("reseller".into()),
        password: Some("hunter2".into()),
    })
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
        let response = HttpResponse {
            status: 200,
            content_type: None,
            body: real_response(sample).into_bytes(),
        };
        let parsed =
            AccountManagementServiceClient::<()>::parse_change_backup_account_password(&response)
                .unwrap();
        let result = parsed.change_backup_account_password_result.unwrap().result.unwrap();
        assert!(
            result.as_str().contains("<Message>Password changed</Message>"),
            "{}",
            result.as_str()
        );
    }
    // The empty element as the page shows it reads as empty raw XML.
    let response =
        HttpResponse { status: 200, content_type: None, body: docs[1].clone().into_bytes() };
    let parsed =
        AccountManagementServiceClient::<()>::parse_change_backup_account_password(&response)
            .unwrap();
    assert!(
        parsed
            .change_backup_account_password_result
            .unwrap()
            .result
            .is_some_and(|raw| raw.is_empty())
    );
}

#[test]
fn calls_a_real_server() {
    let docs = pages::documents(PAGE);
    let server = TestServer::start(200, "text/xml; charset=utf-8", real_response(&docs[1]));
    let reply = client()
        .with_endpoint(server.url(PATH))
        .change_backup_account_password(&request())
        .unwrap();
    assert!(reply.change_backup_account_password_result.is_some());
    let seen = &server.requests()[0];
    assert_eq!((seen.method.as_str(), seen.path.as_str()), ("POST", PATH));
    assert_eq!(seen.header("Content-Type"), Some("text/xml; charset=utf-8"));
    assert_eq!(seen.header("SOAPAction"), Some(format!("\"{ACTION}\"").as_str()));
    assert_eq!(pages::canonical(&seen.body), pages::canonical(&filled_request(&docs[0])));
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
