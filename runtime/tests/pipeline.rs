//! What runs around each send of both built-in transports (cookies, hooks, interceptors,
//! retries) against testkit's recording server, so the runtime's own tests cover them
//! without the interop peers (which test them, and Digest and NTLM, against real servers).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use soapgen_runtime::transport::{Exchange, HttpRequest, RetryPolicy, soap_request};
use soapgen_runtime::{
    AsyncHttpTransport, Error, HttpResponse, HttpTransport, SoapVersion, Transport,
};
use testkit::{Reply, TestServer};

const SESSION: &str = "canary-session-value";

/// `/login` sets the session cookie; anything else needs it.
fn gated() -> TestServer {
    TestServer::with_handler(|r| {
        if r.path == "/login" {
            Reply::new(200, "text/xml", "<ok/>")
                .with_header("Set-Cookie", &format!("SID={SESSION}; Path=/"))
        } else if r.header("cookie") == Some(&format!("SID={SESSION}")) {
            Reply::new(200, "text/xml", "<in/>")
        } else {
            Reply::new(403, "text/plain", "login first")
        }
    })
}

fn post(url: &str) -> HttpRequest {
    let body = "<Login><password>hunter2</password><user>u</user></Login>".to_owned();
    soap_request(url, SoapVersion::Soap11, Some("urn:Login"), body)
}

fn recorder() -> (Arc<Mutex<Vec<Exchange>>>, impl Fn(&Exchange) + Send + Sync + 'static) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&seen);
    (seen, move |e: &Exchange| sink.lock().unwrap().push(e.clone()))
}

fn tag(request: &mut HttpRequest) {
    request.headers.push(("X-Tag".to_owned(), "t".to_owned()));
}

fn check(seen: &[Exchange], server: &TestServer) {
    assert_eq!(seen.iter().map(|e| e.status).collect::<Vec<_>>(), [Some(200), Some(200)]);
    let set = seen[0].response_headers.iter().find(|(n, _)| n.eq_ignore_ascii_case("set-cookie"));
    assert_eq!(set.map(|(_, v)| v.as_str()), Some("SID=<redacted>; Path=/"));
    let sent = seen[1].request_headers.iter().find(|(n, _)| n == "Cookie");
    assert_eq!(sent.map(|(_, v)| v.as_str()), Some("SID=<redacted>"));
    assert!(seen[0].request_body.contains("<password><redacted></password><user>u</user>"));
    let shown = format!("{seen:?}");
    assert!(!shown.contains(SESSION) && !shown.contains("hunter2"), "{shown}");
    assert!(server.requests().iter().all(|r| r.header("x-tag") == Some("t")));
}

#[test]
fn cookies_hooks_and_interceptors_blocking() {
    let server = gated();
    let (seen, hook) = recorder();
    let transport =
        HttpTransport::new().with_cookie_store().with_interceptor(tag).with_exchange_hook(hook);
    assert_eq!(transport.send(post(&server.url("/login"))).unwrap().status, 200);
    assert_eq!(transport.send(post(&server.url("/call"))).unwrap().status, 200);
    check(&seen.lock().unwrap(), &server);
    assert!(!format!("{transport:?}").contains(SESSION));
    let plain = HttpTransport::new();
    plain.send(post(&server.url("/login"))).unwrap();
    assert_eq!(plain.send(post(&server.url("/call"))).unwrap().status, 403);
}

#[tokio::test]
async fn cookies_hooks_and_interceptors_async() {
    let server = gated();
    let (seen, hook) = recorder();
    let transport = AsyncHttpTransport::new()
        .with_cookie_store()
        .with_interceptor(tag)
        .with_exchange_hook(hook);
    assert_eq!(transport.send(post(&server.url("/login"))).await.unwrap().status, 200);
    assert_eq!(transport.send(post(&server.url("/call"))).await.unwrap().status, 200);
    check(&seen.lock().unwrap(), &server);
}

fn status(response: &HttpResponse) -> Result<u16, Error> {
    Ok(response.status)
}

#[test]
fn retries_follow_the_policy() {
    let count = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&count);
    let server = TestServer::with_handler(move |_| {
        let n = counter.fetch_add(1, Ordering::SeqCst);
        Reply::new(if n % 3 == 2 { 200 } else { 503 }, "text/plain", "")
    });
    let policy = RetryPolicy::new()
        .backoff(Duration::from_millis(1), Duration::from_millis(5))
        .idempotent(["Get"]);
    let blocking = HttpTransport::new().with_retry(policy.clone());
    let request = || Ok(post(&server.url("/svc")));
    assert_eq!(blocking.call("Get", request(), status), Ok(200));
    assert_eq!(count.load(Ordering::SeqCst), 3);
    assert_eq!(blocking.call("Put", request(), status), Ok(503));
    assert_eq!(count.load(Ordering::SeqCst), 4);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let asynchronous = AsyncHttpTransport::new().with_retry(policy);
    // The 5th request gets 503, the 6th 200.
    assert_eq!(runtime.block_on(asynchronous.call("Get", request(), status)), Ok(200));
    assert_eq!(count.load(Ordering::SeqCst), 6);
}
