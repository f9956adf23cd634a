//! Seeing and changing the wire, both transports: the exchange hook (method, URL without
//! credentials, status, masked headers, both bodies with credentials masked), the ready
//! `tracing` logger at TRACE, and an interceptor whose header reaches the server.

use interop::capture::{Exchanges, TraceLog, assert_never_shown};
use interop::{HEADER_PASSWORD, HEADER_USER, SoapVersion};
use interop_spyne11::{AuthHeader, GetAccount, InteropServiceClient};
use soapgen_runtime::transport::{HttpRequest, Method, soap_request};
use soapgen_runtime::{AsyncHttpTransport, HttpTransport, Transport};
use testkit::{Reply, TestServer};

const CANARY: &str = "canary-Wr3-pw";

fn client<T: Transport>(transport: T) -> InteropServiceClient<T> {
    InteropServiceClient::with_transport(transport)
        .with_endpoint(interop::spyne().endpoint(SoapVersion::Soap11))
        .with_auth_header(AuthHeader {
            user_name: Some(HEADER_USER.to_owned()),
            password: Some(HEADER_PASSWORD.to_owned()),
        })
}

fn tag(request: &mut HttpRequest) {
    request.headers.push(("X-Intercepted".to_owned(), "yes".to_owned()));
}

/// What a hook saw of a GetAccount call to spyne.
fn check_exchange(seen: &Exchanges) {
    let all = seen.all();
    assert_eq!(all.len(), 1, "{all:#?}");
    let e = &all[0];
    assert_eq!((e.operation, e.attempt, e.method), (Some("GetAccount"), 1, Method::Post));
    assert_eq!(e.url, interop::spyne().endpoint(SoapVersion::Soap11));
    assert_eq!(e.status, Some(200));
    let sent = |name: &str| {
        e.request_headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(sent("SOAPAction"), Some("\"GetAccount\""));
    assert_eq!(sent("X-Intercepted"), Some("yes"), "the interceptor's header is sent");
    assert_eq!(sent("Authorization"), Some("Basic <redacted>"));
    assert!(
        e.response_headers
            .iter()
            .any(|(n, v)| n.eq_ignore_ascii_case("content-type") && v.contains("xml"))
    );
    assert!(e.request_body.contains(&format!(">{HEADER_USER}</")), "{}", e.request_body);
    assert!(e.request_body.contains("Password><redacted></"), "{}", e.request_body);
    assert!(e.response_body.contains("GetAccountResponse"), "{}", e.response_body);
    assert!(e.error.is_none());
}

#[test]
fn hook_logger_and_interceptor_blocking() {
    let seen = Exchanges::default();
    let log = TraceLog::default();
    let _trace = tracing::subscriber::set_default(log.clone());
    let transport = HttpTransport::new()
        .with_basic_auth("someone", CANARY)
        .with_interceptor(tag)
        .with_exchange_hook(seen.hook())
        .with_wire_log();
    client(transport)
        .get_account(&GetAccount { username: Some("alice".to_owned()) })
        .expect("the call");
    check_exchange(&seen);

    let text = log.text();
    assert!(text.contains("soapgen_runtime::wire method=POST"), "{text}");
    assert!(text.contains("soapgen_runtime::wire status=200"), "{text}");
    assert!(text.contains("Password><redacted></"), "{text}");
    assert!(text.contains("GetAccountResponse"), "{text}");
    for secret in [CANARY, HEADER_PASSWORD] {
        assert_never_shown(
            secret,
            &[("tracing", &text), ("the hook", &format!("{:?}", seen.all()))],
        );
    }
}

#[tokio::test]
async fn hook_and_interceptor_async() {
    let seen = Exchanges::default();
    let transport = AsyncHttpTransport::new()
        .with_basic_auth("someone", CANARY)
        .with_interceptor(tag)
        .with_exchange_hook(seen.hook());
    client(transport)
        .get_account(&GetAccount { username: Some("alice".to_owned()) })
        .await
        .expect("the call");
    check_exchange(&seen);
    assert_never_shown(HEADER_PASSWORD, &[("the hook", &format!("{:?}", seen.all()))]);
}

/// The interceptor's header arrives (the recording server sees it); the hook shows the URL
/// without user info or query, and an exchange that got no response with its error.
#[test]
fn interceptor_reaches_the_server_and_urls_lose_credentials() {
    let server = TestServer::with_handler(|_| Reply::new(200, "text/xml", "<ok/>"));
    let url = format!("http://user:{CANARY}@127.0.0.1:{}/svc.asmx?apikey={CANARY}", server.port());
    for blocking in [true, false] {
        let seen = Exchanges::default();
        let request = soap_request(&url, SoapVersion::Soap11, Some("urn:Do"), "<Do/>".to_owned());
        let response = if blocking {
            HttpTransport::new().with_interceptor(tag).with_exchange_hook(seen.hook()).send(request)
        } else {
            let transport =
                AsyncHttpTransport::new().with_interceptor(tag).with_exchange_hook(seen.hook());
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap()
                .block_on(transport.send(request))
        };
        assert_eq!(response.expect("a response").status, 200);
        let recorded = server.requests();
        assert_eq!(recorded.last().and_then(|r| r.header("x-intercepted")), Some("yes"));
        let e = &seen.all()[0];
        assert_eq!(e.url, format!("http://127.0.0.1:{}/svc.asmx?<redacted>", server.port()));
        assert_eq!((e.status, e.operation), (Some(200), None));
        assert_eq!(e.response_body, "<ok/>");
        assert_never_shown(CANARY, &[("the hook", &format!("{e:?}"))]);
    }

    // No response: the hook sees the error, and no status.
    let closed = format!("http://127.0.0.1:{}/svc", interop::process::free_port());
    let seen = Exchanges::default();
    let error =
        HttpTransport::new().with_exchange_hook(seen.hook()).send(HttpRequest::get(&closed));
    assert!(error.is_err());
    let e = &seen.all()[0];
    assert_eq!((e.status, e.method), (None, Method::Get));
    assert!(e.error.as_deref().is_some_and(|m| m.contains("could not connect")), "{e:?}");
}
