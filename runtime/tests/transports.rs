//! The blocking and the async transport against real servers on 127.0.0.1: the same
//! behaviour from both, test by test.

mod common;

use std::io::Write as _;
use std::time::{Duration, Instant};

use soapgen_runtime::transport::{Blocking, parse_soap_response, soap_request};
use soapgen_runtime::{
    AsyncHttpTransport, Error, HttpResponse, HttpTransport, SoapVersion, Transport,
    TransportErrorKind,
};
use testkit::{Reply, TestServer};

const OK_RESPONSE: &str = r#"<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><LoginResponse xmlns="http://tempuri.org/"><LoginResult>token-1</LoginResult></LoginResponse></soap:Body></soap:Envelope>"#;

fn login(url: &str) -> soapgen_runtime::HttpRequest {
    soap_request(url, SoapVersion::Soap11, Some("urn:Login"), "<x/>".into())
}

fn result_text(response: &HttpResponse) -> Result<String, Error> {
    parse_soap_response(response, |r, _| {
        r.next_child()?.ok_or_else(|| r.error("no result"))?;
        let text = r.read_text()?.into_owned();
        r.next_child()?;
        Ok(text)
    })
}

fn compress(body: &[u8], encoding: &str) -> Vec<u8> {
    let level = flate2::Compression::default();
    match encoding {
        "gzip" => {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), level);
            e.write_all(body).unwrap();
            e.finish().unwrap()
        }
        _ => {
            let mut e = flate2::write::ZlibEncoder::new(Vec::new(), level);
            e.write_all(body).unwrap();
            e.finish().unwrap()
        }
    }
}

both_transports! {
    /// Extra headers and basic auth go with every request; Debug shows neither secret.
    fn headers_and_basic_auth(t, send) {
        let server = TestServer::start(200, "text/xml; charset=utf-8", OK_RESPONSE);
        let t = t.with_header("X-Client", "tests").with_basic_auth("alice", "s3cret pw");
        let response = send(&t, login(&server.url("/svc.asmx"))).unwrap();
        assert_eq!(result_text(&response).unwrap(), "token-1");
        let seen = &server.requests()[0];
        assert_eq!(seen.header("x-client"), Some("tests"));
        // base64("alice:s3cret pw")
        assert_eq!(seen.header("authorization"), Some("Basic YWxpY2U6czNjcmV0IHB3"));
        assert_eq!(seen.header("soapaction"), Some("\"urn:Login\""));
        let shown = format!("{t:?}");
        assert!(!shown.contains("s3cret") && !shown.contains("YWxpY2U6"), "{shown}");
        assert!(shown.contains("alice"), "{shown}");
    }
}

both_transports! {
    /// The defaults are on without being asked for.
    fn timeouts_are_on_by_default(t, _send) {
        let shown = format!("{t:?}");
        assert!(shown.contains("timeout: 60s"), "{shown}");
        assert!(shown.contains("connect_timeout: 10s"), "{shown}");
        assert!(shown.contains("max_body: 67108864"), "{shown}");
    }
}

both_transports! {
    fn gzip_responses_are_decoded(t, send) {
        let body = compress(OK_RESPONSE.as_bytes(), "gzip");
        let server = TestServer::with_handler(move |_| {
            Reply::new(200, "text/xml", body.clone()).with_header("Content-Encoding", "gzip")
        });
        let response = send(&t, login(&server.url("/"))).unwrap();
        assert_eq!(result_text(&response).unwrap(), "token-1");
        let accepted = server.requests()[0].header("accept-encoding").unwrap_or("").to_owned();
        assert!(accepted.contains("gzip"), "{accepted}");
    }
}

both_transports! {
    /// A body that inflates past the limit is refused while inflating: the limit counts
    /// decoded bytes, so a small gzip bomb costs no more than the limit.
    fn the_limit_counts_decompressed_bytes(t, send) {
        let body = compress(&vec![b' '; 4 << 20], "gzip");
        assert!(body.len() < 16 * 1024);
        let server = TestServer::with_handler(move |_| {
            Reply::new(200, "text/xml", body.clone()).with_header("Content-Encoding", "gzip")
        });
        let t = t.with_max_body(64 * 1024);
        let err = send(&t, login(&server.url("/"))).unwrap_err();
        assert!(matches!(err, Error::BodyTooLarge { limit: 65536 }), "{err:?}");
    }
}

#[test]
fn the_async_transport_decodes_deflate_too() {
    let body = compress(OK_RESPONSE.as_bytes(), "deflate");
    let server = TestServer::with_handler(move |_| {
        Reply::new(200, "text/xml", body.clone()).with_header("Content-Encoding", "deflate")
    });
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let response = runtime.block_on(AsyncHttpTransport::new().send(login(&server.url("/"))));
    assert_eq!(result_text(&response.unwrap()).unwrap(), "token-1");
}

both_transports! {
    /// A redirect is reported, not followed: a POST is never re-sent elsewhere.
    fn redirects_are_not_followed(t, send) {
        for status in [301, 302, 303, 307, 308] {
            let server = TestServer::with_handler(move |_| {
                Reply::new(status, "text/html", "moved")
                    .with_header("Location", "https://u:pw@elsewhere.example/svc?key=k")
            });
            match send(&t, login(&server.url("/svc"))) {
                Err(Error::Http { status: s, location, .. }) => {
                    assert_eq!(s, status);
                    assert_eq!(location.as_deref(), Some("https://elsewhere.example/svc?<redacted>"));
                }
                other => panic!("{status}: expected Error::Http, got {other:?}"),
            }
            assert_eq!(server.requests().len(), 1);
        }
    }
}

both_transports! {
    /// HTTP status, SOAP fault and malformed body are three different errors.
    fn status_fault_and_malformed_body_are_distinct(t, send) {
        let fault = r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Client</faultcode><faultstring>Invalid password</faultstring></soap:Fault></soap:Body></soap:Envelope>"#;
        let cases = [
            (503, "text/html", "<html><body>Service Unavailable</body></html>"),
            (500, "text/xml", fault),
            (200, "text/xml", "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"),
        ];
        let mut shown = Vec::new();
        for (status, content_type, body) in cases {
            let server = TestServer::start(status, content_type, body);
            let response = send(&t, login(&server.url("/"))).unwrap();
            let err = result_text(&response).unwrap_err();
            shown.push(err.to_string());
            match (status, &err) {
                (503, Error::Http { status: 503, body, .. }) => assert!(body.contains("Unavailable")),
                (500, Error::Fault(f)) => assert_eq!(f.reason, "Invalid password"),
                (200, Error::Xml(e)) => assert!(e.to_string().contains("line 1"), "{e}"),
                _ => panic!("{status}: unexpected {err:?}"),
            }
        }
        assert!(shown[0].starts_with("HTTP status 503"), "{}", shown[0]);
        assert!(shown[1].contains("Invalid password"), "{}", shown[1]);
        assert!(shown[2].starts_with("XML error"), "{}", shown[2]);
    }
}

both_transports! {
    fn a_slow_server_times_out(t, send) {
        let server = TestServer::with_handler(|_| {
            Reply::new(200, "text/xml", OK_RESPONSE).delayed(Duration::from_millis(1500))
        });
        let t = t.with_timeout(Duration::from_millis(200));
        let started = Instant::now();
        let err = send(&t, login(&server.url("/"))).unwrap_err();
        assert!(started.elapsed() < Duration::from_millis(1400));
        assert!(
            matches!(&err, Error::Transport(e) if e.kind() == TransportErrorKind::Timeout),
            "{err:?}"
        );
    }
}

both_transports! {
    fn connection_refused_names_the_host_only(t, send) {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let url = format!("http://user:pw@127.0.0.1:{port}/svc.asmx?key=secret");
        match send(&t, login(&url)) {
            Err(Error::Transport(e)) => {
                assert_eq!(e.kind(), TransportErrorKind::Connect, "{e}");
                let message = e.to_string();
                assert!(message.contains(&format!("127.0.0.1:{port}")), "{message}");
                assert!(!message.contains("pw") && !message.contains("secret"), "{message}");
            }
            other => panic!("expected a transport error, got {other:?}"),
        }
    }
}

both_transports! {
    fn bodies_over_the_limit_are_refused(t, send) {
        let big = "x".repeat(100_000);
        let t = t.with_max_body(1024);
        // With Content-Length: refused before reading.
        let server = TestServer::start(200, "text/xml", big.clone());
        let err = send(&t, login(&server.url("/"))).unwrap_err();
        assert!(matches!(err, Error::BodyTooLarge { limit: 1024 }), "{err:?}");
        // Chunked: refused once reading passes the limit.
        let server =
            TestServer::with_handler(move |_| Reply::new(200, "text/xml", big.clone()).chunked());
        let err = send(&t, login(&server.url("/"))).unwrap_err();
        assert!(matches!(err, Error::BodyTooLarge { limit: 1024 }), "{err:?}");
        // At the limit exactly: fine.
        let server = TestServer::start(200, "text/xml", "y".repeat(1024));
        assert_eq!(send(&t, login(&server.url("/"))).unwrap().body.len(), 1024);
    }
}

/// The same generated-style call (`Transport::call`) through both transports and a custom
/// one: a `Result` from the blocking ones, a future from the async one.
#[test]
fn transport_call_works_the_same_three_ways() {
    let server = TestServer::start(200, "text/xml", OK_RESPONSE);
    let url = server.url("/svc");
    let blocking = HttpTransport::new().call("Login", Ok(login(&url)), result_text);
    assert_eq!(blocking.unwrap(), "token-1");

    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let future = AsyncHttpTransport::new().call("Login", Ok(login(&url)), result_text);
    assert_eq!(runtime.block_on(future).unwrap(), "token-1");

    let inner = HttpTransport::new();
    let custom = Blocking(move |mut request: soapgen_runtime::HttpRequest| {
        request.headers.push(("X-Signed".into(), "yes".into()));
        inner.send(request)
    });
    assert_eq!(custom.call("Login", Ok(login(&url)), result_text).unwrap(), "token-1");
    let seen = server.requests();
    assert_eq!(seen.len(), 3);
    assert_eq!(seen[2].header("x-signed"), Some("yes"));

    // A request that could not be built is returned as is, and nothing is sent.
    let unbuilt = Err(Error::BodyTooLarge { limit: 1 });
    assert!(HttpTransport::new().call("Login", unbuilt, result_text).is_err());
    assert_eq!(server.requests().len(), 3);
}
