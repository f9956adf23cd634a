//! Opt-in retries, both transports: a connection refused until the server starts is retried
//! for any operation; a 503 or a connection closed after the request was sent only for
//! operations marked idempotent; attempts and total time stay within the policy's bounds.
//! Servers: testkit's recording server (scripted 503s) and bare TCP listeners on 127.0.0.1.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use interop::capture::Exchanges;
use interop::process::free_port;
use soapgen_runtime::transport::{HttpRequest, RetryPolicy, soap_request};
use soapgen_runtime::{
    AsyncHttpTransport, Error, HttpResponse, HttpTransport, SoapVersion, Transport,
    TransportErrorKind,
};
use testkit::{Reply, TestServer};

fn status(response: &HttpResponse) -> Result<u16, Error> {
    Ok(response.status)
}

fn request(url: &str) -> Result<HttpRequest, Error> {
    Ok(soap_request(url, SoapVersion::Soap11, Some("urn:op"), "<op/>".to_owned()))
}

fn policy() -> RetryPolicy {
    RetryPolicy::new()
        .max_attempts(4)
        .backoff(Duration::from_millis(20), Duration::from_millis(100))
        .idempotent(["GetAccount"])
}

/// A server that answers 503 to its first `failures` requests, then 200.
fn flaky(failures: usize) -> TestServer {
    let count = AtomicUsize::new(0);
    TestServer::with_handler(move |_| {
        if count.fetch_add(1, Ordering::SeqCst) < failures {
            Reply::new(503, "text/plain", "busy").with_header("Retry-After", "0")
        } else {
            Reply::new(200, "text/xml", "<ok/>")
        }
    })
}

/// Listens on `port` only after `delay`, then answers one request with 200.
fn late_server(port: u16, delay: Duration) -> thread::JoinHandle<()> {
    thread::spawn(move || {
        thread::sleep(delay);
        let listener = TcpListener::bind(("127.0.0.1", port)).expect("the port is still free");
        let (mut stream, _) = listener.accept().unwrap();
        read_request(&mut stream);
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 5\r\nConnection: close\r\n\r\n<ok/>");
    })
}

/// Reads requests and closes each connection without answering, until it has done so
/// `times` times or no connection came for half a second after the first.
fn hang_up_server(times: usize) -> (u16, Arc<AtomicUsize>, thread::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&seen);
    let handle = thread::spawn(move || {
        listener.set_nonblocking(true).unwrap();
        let mut until = Instant::now() + Duration::from_secs(5);
        let mut served = 0;
        while served < times && Instant::now() < until {
            match listener.accept() {
                Ok((mut stream, _)) => {
                    stream.set_nonblocking(false).unwrap();
                    read_request(&mut stream);
                    counter.fetch_add(1, Ordering::SeqCst);
                    served += 1;
                    until = Instant::now() + Duration::from_millis(500);
                }
                Err(_) => thread::sleep(Duration::from_millis(5)),
            }
        }
    });
    (port, seen, handle)
}

fn read_request(stream: &mut std::net::TcpStream) {
    stream.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
    let mut data = Vec::new();
    let mut buf = [0u8; 1024];
    while let Ok(n) = stream.read(&mut buf) {
        if n == 0 {
            break;
        }
        data.extend_from_slice(&buf[..n]);
        if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&data[..end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| {
                    l.strip_prefix("content-length:").map(|v| v.trim().parse().unwrap_or(0))
                })
                .unwrap_or(0usize);
            if data.len() >= end + 4 + length {
                break;
            }
        }
    }
}

#[test]
fn connection_refused_is_retried_until_the_server_starts_blocking() {
    let port = free_port();
    let server = late_server(port, Duration::from_millis(150));
    let seen = Exchanges::default();
    let transport = HttpTransport::new()
        .with_retry(policy().max_attempts(30).max_elapsed(Duration::from_secs(10)))
        .with_exchange_hook(seen.hook());
    // Not marked idempotent: a refused connection never reached the server.
    let url = format!("http://127.0.0.1:{port}/svc");
    assert_eq!(transport.call("UpdateOrder", request(&url), status), Ok(200));
    server.join().unwrap();
    let statuses = seen.statuses();
    assert!(statuses.len() >= 2 && statuses.ends_with(&[200]), "{statuses:?}");
    assert!(statuses[..statuses.len() - 1].iter().all(|s| *s == 0), "{statuses:?}");
    assert!(seen.all()[0].error.as_deref().is_some_and(|e| e.contains("could not connect")));
}

#[tokio::test]
async fn connection_refused_is_retried_until_the_server_starts_async() {
    let port = free_port();
    let server = late_server(port, Duration::from_millis(150));
    let transport = AsyncHttpTransport::new()
        .with_retry(policy().max_attempts(30).max_elapsed(Duration::from_secs(10)));
    let url = format!("http://127.0.0.1:{port}/svc");
    assert_eq!(transport.call("UpdateOrder", request(&url), status).await, Ok(200));
    server.join().unwrap();
}

#[test]
fn unavailable_is_retried_only_when_idempotent_blocking() {
    let transport = HttpTransport::new().with_retry(policy());
    let server = flaky(2);
    assert_eq!(transport.call("GetAccount", request(&server.url("/svc")), status), Ok(200));
    assert_eq!(server.requests().len(), 3);

    let server = flaky(2);
    assert_eq!(transport.call("UpdateOrder", request(&server.url("/svc")), status), Ok(503));
    assert_eq!(server.requests().len(), 1, "a non-idempotent call is sent once");

    // The bound: four attempts, then the last answer.
    let server = flaky(100);
    assert_eq!(transport.call("GetAccount", request(&server.url("/svc")), status), Ok(503));
    assert_eq!(server.requests().len(), 4);

    // Without a policy, nothing is retried.
    let server = flaky(1);
    assert_eq!(
        HttpTransport::new().call("GetAccount", request(&server.url("/svc")), status),
        Ok(503)
    );
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn unavailable_is_retried_only_when_idempotent_async() {
    let transport = AsyncHttpTransport::new().with_retry(policy());
    let server = flaky(2);
    assert_eq!(transport.call("GetAccount", request(&server.url("/svc")), status).await, Ok(200));
    assert_eq!(server.requests().len(), 3);
    let server = flaky(2);
    assert_eq!(transport.call("UpdateOrder", request(&server.url("/svc")), status).await, Ok(503));
    assert_eq!(server.requests().len(), 1);
    let server = flaky(100);
    assert_eq!(transport.call("GetAccount", request(&server.url("/svc")), status).await, Ok(503));
    assert_eq!(server.requests().len(), 4);
}

/// The total-time bound stops retries before the attempt bound does.
#[test]
fn total_time_is_bounded() {
    let server = flaky(1000);
    let bound = Duration::from_millis(600);
    let transport = HttpTransport::new().with_retry(
        RetryPolicy::new()
            .max_attempts(1000)
            .backoff(Duration::from_millis(100), Duration::from_millis(200))
            .max_elapsed(bound)
            .all_idempotent(),
    );
    let started = Instant::now();
    assert_eq!(transport.call("Anything", request(&server.url("/svc")), status), Ok(503));
    let sent = server.requests().len();
    // Waits of 50–100 ms, then 100–200 ms: at most 7 sends fit in 600 ms.
    assert!((2..=7).contains(&sent), "{sent} requests");
    assert!(started.elapsed() < bound + Duration::from_secs(2), "{:?}", started.elapsed());
}

/// A connection closed after the request went out may have reached the server: retried for
/// an idempotent operation, not for another.
#[test]
fn hang_ups_after_sending_blocking() {
    let (port, seen, server) = hang_up_server(2);
    let url = format!("http://127.0.0.1:{port}/svc");
    let transport = HttpTransport::new().with_retry(policy().max_attempts(2));
    let error = transport.call("GetAccount", request(&url), status).expect_err("no answer ever");
    assert!(
        matches!(&error, Error::Transport(e) if e.kind() == TransportErrorKind::Io),
        "{error:?}"
    );
    server.join().unwrap();
    assert_eq!(seen.load(Ordering::SeqCst), 2, "sent twice");

    let (port, seen, server) = hang_up_server(2);
    let url = format!("http://127.0.0.1:{port}/svc");
    transport.call("UpdateOrder", request(&url), status).expect_err("no answer");
    server.join().unwrap();
    assert_eq!(seen.load(Ordering::SeqCst), 1, "sent once");
}

#[tokio::test]
async fn hang_ups_after_sending_async() {
    let (port, seen, server) = hang_up_server(2);
    let url = format!("http://127.0.0.1:{port}/svc");
    let transport = AsyncHttpTransport::new().with_retry(policy().max_attempts(2));
    let error =
        transport.call("GetAccount", request(&url), status).await.expect_err("no answer ever");
    assert!(
        matches!(&error, Error::Transport(e) if e.kind() == TransportErrorKind::Io),
        "{error:?}"
    );
    server.join().unwrap();
    assert_eq!(seen.load(Ordering::SeqCst), 2, "sent twice");

    let (port, seen, server) = hang_up_server(2);
    let url = format!("http://127.0.0.1:{port}/svc");
    transport.call("UpdateOrder", request(&url), status).await.expect_err("no answer");
    server.join().unwrap();
    assert_eq!(seen.load(Ordering::SeqCst), 1, "sent once");
}
