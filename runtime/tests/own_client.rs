//! Transports built from the caller's own HTTP client (`HttpTransport::from_agent`,
//! `AsyncHttpTransport::from_client`): calls work, and the runtime's limits hold whatever the
//! client was configured to do (ureq's and reqwest's defaults follow redirects).

use std::time::Duration;

use soapgen_runtime::transport::soap_request;
use soapgen_runtime::{
    AsyncHttpTransport, Error, HttpRequest, HttpTransport, SoapVersion, TransportErrorKind,
};
use testkit::{Reply, TestServer};

fn request(url: &str) -> HttpRequest {
    soap_request(url, SoapVersion::Soap11, Some("urn:Login"), "<x/>".into())
}

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(future)
}

/// Redirects to `/elsewhere`, which answers 200.
fn redirecting_server(status: u16) -> TestServer {
    TestServer::with_handler(move |seen| {
        if seen.path == "/elsewhere" {
            Reply::new(200, "text/xml", "<ok/>")
        } else {
            Reply::new(status, "text/plain", "moved").with_header("Location", "/elsewhere")
        }
    })
}

#[test]
fn a_default_ureq_agent_still_follows_no_redirect() {
    for status in [302, 307] {
        let server = redirecting_server(status);
        // ureq's defaults follow up to 10 redirects and turn 4xx/5xx into errors.
        let transport = HttpTransport::from_agent(ureq::Agent::new_with_defaults());
        let e = transport.send(request(&server.url("/svc"))).unwrap_err();
        assert!(
            matches!(&e, Error::Http { status: s, location: Some(l), .. } if *s == status && l == "/elsewhere"),
            "{e:?}"
        );
        assert_eq!(server.requests().len(), 1, "the redirect was not followed");
    }
    // Error statuses are responses (a SOAP fault comes with 500).
    let server = TestServer::start(500, "text/xml", "<fault/>");
    let transport = HttpTransport::from_agent(ureq::Agent::new_with_defaults());
    assert_eq!(transport.send(request(&server.url("/svc"))).unwrap().status, 500);
}

#[test]
fn a_reqwest_client_without_redirects_gets_the_redirect_error() {
    let server = redirecting_server(307);
    let client =
        reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let transport = AsyncHttpTransport::from_client(client);
    let e = block_on(transport.send(request(&server.url("/svc")))).unwrap_err();
    assert!(matches!(&e, Error::Http { status: 307, location: Some(_), .. }), "{e:?}");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_reqwest_client_that_follows_redirects_is_an_error_not_an_answer() {
    let server = redirecting_server(307);
    let transport = AsyncHttpTransport::from_client(reqwest::Client::new());
    let e = block_on(transport.send(request(&server.url("/svc")))).unwrap_err();
    let text = e.to_string();
    assert!(
        matches!(&e, Error::Transport(t) if t.kind() == TransportErrorKind::Config)
            && text.contains("followed a redirect to http://127.0.0.1:")
            && text.contains("redirect::Policy::none()"),
        "{text}"
    );
}

#[test]
fn body_limit_and_call_timeout_hold_on_own_clients() {
    let big = "x".repeat(10_000);
    let server = TestServer::start(200, "text/xml", big.clone());
    let blocking = HttpTransport::from_agent(ureq::Agent::new_with_defaults()).with_max_body(1000);
    let e = blocking.send(request(&server.url("/svc"))).unwrap_err();
    assert!(matches!(e, Error::BodyTooLarge { limit: 1000 }), "{e:?}");
    let asynchronous = AsyncHttpTransport::from_client(reqwest::Client::new()).with_max_body(1000);
    let e = block_on(asynchronous.send(request(&server.url("/svc")))).unwrap_err();
    assert!(matches!(e, Error::BodyTooLarge { limit: 1000 }), "{e:?}");

    // A slow server: the runtime's call limit, not the client's (none), ends the call.
    let slow = TestServer::with_handler(|_| {
        Reply::new(200, "text/xml", "<ok/>").delayed(Duration::from_secs(3))
    });
    let limit = Duration::from_millis(300);
    let blocking = HttpTransport::from_agent(ureq::Agent::new_with_defaults()).with_timeout(limit);
    let e = blocking.send(request(&slow.url("/svc"))).unwrap_err();
    assert!(matches!(&e, Error::Transport(t) if t.kind() == TransportErrorKind::Timeout), "{e:?}");
    let asynchronous = AsyncHttpTransport::from_client(reqwest::Client::new()).with_timeout(limit);
    let e = block_on(asynchronous.send(request(&slow.url("/svc")))).unwrap_err();
    assert!(matches!(&e, Error::Transport(t) if t.kind() == TransportErrorKind::Timeout), "{e:?}");

    // And a plain call works.
    let ok = TestServer::start(200, "text/xml", "<ok/>");
    let blocking = HttpTransport::from_agent(ureq::Agent::new_with_defaults());
    assert_eq!(blocking.send(request(&ok.url("/svc"))).unwrap().body, b"<ok/>");
    let asynchronous = AsyncHttpTransport::from_client(reqwest::Client::new());
    assert_eq!(block_on(asynchronous.send(request(&ok.url("/svc")))).unwrap().body, b"<ok/>");
}

#[test]
#[should_panic(expected = "configure that client instead")]
fn proxy_settings_on_an_own_client_are_a_mistake() {
    let _ = AsyncHttpTransport::from_client(reqwest::Client::new()).without_env_proxy();
}

#[test]
fn debug_shows_the_proxy_but_not_its_password() {
    let proxy = soapgen_runtime::Proxy::new("http://proxy.corp.example:3128")
        .unwrap()
        .with_credentials("alice", "canary-Pa55");
    let shown = format!(
        "{:?} {:?}",
        HttpTransport::new().with_proxy(proxy.clone()),
        AsyncHttpTransport::new().with_proxy(proxy)
    );
    assert!(!shown.contains("canary-Pa55"), "{shown}");
    assert!(shown.contains("http://proxy.corp.example:3128") && shown.contains("alice"), "{shown}");
}
