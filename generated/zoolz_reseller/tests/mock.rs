//! The README's "Serving and mocking" example: a test that mocks this seed's service with
//! the generated mock and calls it through the generated client.

use zoolz_reseller::*;

#[test]
fn a_test_mocks_the_service() {
    let server = ResellerServiceMock::default()
        .on_reset_password(|request| {
            let code = if request.email.is_some() { Code::Success } else { Code::InvalidEmail };
            let result = ResetPasswordResult { code, message: None, joson: None };
            Ok(ResetPasswordResponse { reset_password_result: Some(result) })
        })
        .start();
    let client = ResellerServiceClient::new().with_endpoint(server.endpoint());
    let request = ResetPassword { email: Some("ann@example.com".into()), ..Default::default() };
    let reply = client.reset_password(&request).unwrap();
    assert_eq!(reply.reset_password_result.unwrap().code, Code::Success);
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn an_operation_without_a_handler_is_a_not_implemented_fault() {
    let server = ResellerServiceMock::default().start();
    let client = ResellerServiceClient::new().with_endpoint(server.endpoint());
    let Err(soapgen_runtime::Error::Fault(fault)) =
        client.reset_password(&ResetPassword::default())
    else {
        panic!("expected a fault");
    };
    assert_eq!(fault.code_local_name(), "Receiver");
    assert_eq!(fault.reason, "operation ResetPassword is not implemented");
}

#[test]
fn the_mock_serves_the_wsdl_and_replays_raw_replies() {
    let server = ResellerServiceMock::default().start();
    let response = ureq_get(&format!("{}?wsdl", server.endpoint()));
    assert!(
        response.contains("<soap12:operation soapAction=\"Zoolz/ResetPassword\""),
        "{response}"
    );
    server.replay(Some((503, "text/html", "<html>maintenance</html>")));
    let client = ResellerServiceClient::new().with_endpoint(server.endpoint());
    let err = client.reset_password(&ResetPassword::default()).unwrap_err();
    assert!(matches!(err, soapgen_runtime::Error::Http { status: 503, .. }), "{err:?}");
}

/// A GET with the runtime's own transport.
fn ureq_get(url: &str) -> String {
    let request = soapgen_runtime::HttpRequest::get(url);
    let response = soapgen_runtime::HttpTransport::new().send(request).unwrap();
    String::from_utf8(response.body).unwrap()
}
