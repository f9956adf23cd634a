//! Test support shared by the workspace's tests (and `cargo xtask`): a real HTTP server on
//! 127.0.0.1 that records every request and answers with a canned (or computed) reply
//! ([`TestServer`]), help-page samples ([`pages`]), the repository's samples ([`samples`]),
//! the shared corpus ([`corpus`]) and, with the default feature `runtime`, the write-read
//! round trip of generated types ([`round_trip`]).
//!
//! The server's port is chosen by the OS at start-up, so tests can run in parallel; the
//! server stops when the `TestServer` is dropped.

pub mod corpus;
pub mod pages;
#[cfg(feature = "runtime")]
mod round_trip;
pub mod samples;

#[cfg(feature = "runtime")]
pub use round_trip::round_trip;

use std::io::Cursor;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use tiny_http::{Header, Response, Server, StatusCode};

/// The workspace root: testkit lives one level below it.
pub fn workspace_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("testkit is inside the workspace")
        .into()
}

/// How often the server thread checks whether it should stop.
const POLL: Duration = Duration::from_millis(20);

/// A request the server received.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    /// The HTTP method, e.g. `POST`.
    pub method: String,
    /// The path, query included.
    pub path: String,
    /// The headers, in order, as sent.
    pub headers: Vec<(String, String)>,
    /// The body, decoded as lossy UTF-8.
    pub body: String,
}

impl Recorded {
    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// What the server answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    /// The status code.
    pub status: u16,
    /// The Content-Type header.
    pub content_type: String,
    /// The body.
    pub body: Vec<u8>,
    /// Send the body chunked, without Content-Length.
    pub chunked: bool,
    /// Wait this long before answering.
    pub delay: Duration,
    /// More response headers (e.g. `Content-Encoding`, `Location`), in order.
    pub headers: Vec<(String, String)>,
}

impl Reply {
    /// A reply with Content-Length, sent at once.
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Reply {
            status,
            content_type: content_type.to_owned(),
            body: body.into(),
            chunked: false,
            delay: Duration::ZERO,
            headers: Vec::new(),
        }
    }

    /// The same reply with a chunked body (no Content-Length).
    pub fn chunked(self) -> Self {
        Reply { chunked: true, ..self }
    }

    /// The same reply sent after `delay`.
    pub fn delayed(self, delay: Duration) -> Self {
        Reply { delay, ..self }
    }

    /// The same reply with one more header.
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }
}

/// An HTTP server on 127.0.0.1 serving from a background thread until dropped.
pub struct TestServer {
    server: Arc<Server>,
    port: u16,
    recorded: Arc<Mutex<Vec<Recorded>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl TestServer {
    /// Answers every request with `status`, Content-Type `content_type` and `body`,
    /// recording each request.
    pub fn start(status: u16, content_type: &str, body: impl Into<String>) -> TestServer {
        let reply = Reply::new(status, content_type, body.into());
        Self::with_handler(move |_| reply.clone())
    }

    /// Answers each request with what `handler` returns for it.
    ///
    /// # Panics
    /// If no port can be bound on 127.0.0.1.
    pub fn with_handler(handler: impl Fn(&Recorded) -> Reply + Send + 'static) -> TestServer {
        let server = Arc::new(Server::http("127.0.0.1:0").expect("bind a port on 127.0.0.1"));
        let port = server.server_addr().to_ip().expect("an IP listener").port();
        let recorded = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (server, recorded, stop) =
                (Arc::clone(&server), Arc::clone(&recorded), Arc::clone(&stop));
            std::thread::spawn(move || serve(&server, &recorded, &stop, &handler))
        };
        TestServer { server, port, recorded, stop, thread: Some(thread) }
    }

    /// `http://127.0.0.1:PORT` followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<Recorded> {
        self.recorded.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve(
    server: &Server,
    recorded: &Mutex<Vec<Recorded>>,
    stop: &AtomicBool,
    handler: &dyn Fn(&Recorded) -> Reply,
) {
    while !stop.load(Ordering::SeqCst) {
        let Ok(Some(mut request)) = server.recv_timeout(POLL) else {
            continue;
        };
        let mut body = Vec::new();
        // A client that hangs up mid-body still gets its partial request recorded.
        let _ = request.as_reader().read_to_end(&mut body);
        let seen = Recorded {
            method: request.method().as_str().to_owned(),
            path: request.url().to_owned(),
            headers: request
                .headers()
                .iter()
                .map(|h| (h.field.as_str().as_str().to_owned(), h.value.as_str().to_owned()))
                .collect(),
            body: String::from_utf8_lossy(&body).into_owned(),
        };
        let reply = handler(&seen);
        recorded.lock().unwrap_or_else(PoisonError::into_inner).push(seen);
        if !reply.delay.is_zero() {
            std::thread::sleep(reply.delay);
        }
        let content_type = Header::from_bytes("Content-Type", reply.content_type.as_bytes())
            .expect("a valid header value");
        let mut headers = vec![content_type];
        for (name, value) in &reply.headers {
            headers.push(
                Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header"),
            );
        }
        let length = (!reply.chunked).then_some(reply.body.len());
        let response =
            Response::new(StatusCode(reply.status), headers, Cursor::new(reply.body), length, None);
        // The client may have given up (timeouts, size limits); that is its business.
        let _ = request.respond(response);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader, Write};
    use std::net::TcpStream;

    /// A bare HTTP/1.1 exchange, to test the server without any client library.
    fn post(server: &TestServer, path: &str, body: &str) -> String {
        let mut stream = TcpStream::connect(("127.0.0.1", server.port())).unwrap();
        write!(
            stream,
            "POST {path} HTTP/1.1\r\nHost: x\r\nX-Test: yes\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let mut response = String::new();
        BufReader::new(stream).read_line(&mut response).unwrap();
        response
    }

    #[test]
    fn records_requests_and_answers_with_the_canned_reply() {
        let server = TestServer::start(201, "text/plain", "hi");
        assert!(server.url("/a?b=1").starts_with("http://127.0.0.1:"));
        let status_line = post(&server, "/svc.asmx?x=1", "payload");
        assert!(status_line.starts_with("HTTP/1.1 201"), "{status_line}");
        let requests = server.requests();
        assert_eq!(requests.len(), 1);
        assert_eq!(requests[0].method, "POST");
        assert_eq!(requests[0].path, "/svc.asmx?x=1");
        assert_eq!(requests[0].body, "payload");
        assert_eq!(requests[0].header("x-test"), Some("yes"));
        assert_eq!(requests[0].header("missing"), None);
    }

    #[test]
    fn handler_sees_the_request() {
        let server = TestServer::with_handler(|r| {
            Reply::new(if r.body == "ok" { 200 } else { 400 }, "text/plain", "")
        });
        assert!(post(&server, "/", "ok").starts_with("HTTP/1.1 200"));
        assert!(post(&server, "/", "no").starts_with("HTTP/1.1 400"));
    }
}
