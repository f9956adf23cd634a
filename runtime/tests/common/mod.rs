//! What the transport tests share: running one test body over both built-in transports,
//! and a raw TCP server for replies no well-behaved HTTP server would send.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::TcpListener;
use std::thread::JoinHandle;

/// Defines a module `$name` with two tests running `$body` once over the blocking
/// transport and once over the async one. In `$body`, `$t` is a fresh transport with the
/// defaults and `$send(&transport, request)` sends and waits for the response.
#[macro_export]
macro_rules! both_transports {
    ($(#[$meta:meta])* fn $name:ident($t:ident, $send:ident) $body:block) => {
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[test]
            fn blocking() {
                let $t = soapgen_runtime::HttpTransport::new();
                let $send = |t: &soapgen_runtime::HttpTransport,
                             request: soapgen_runtime::HttpRequest| t.send(request);
                $body
            }

            #[test]
            fn asynchronous() {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                let $t = soapgen_runtime::AsyncHttpTransport::new();
                let $send = |t: &soapgen_runtime::AsyncHttpTransport,
                             request: soapgen_runtime::HttpRequest| {
                    runtime.block_on(t.send(request))
                };
                $body
            }
        }
    };
}

/// A one-connection HTTP server that reads the request head and answers with `response`
/// verbatim (head and body as given), then holds the connection open for `linger_ms`
/// before closing it.
pub fn raw_server(response: Vec<u8>, linger_ms: u64) -> (String, JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://127.0.0.1:{}/svc", listener.local_addr().unwrap().port());
    let thread = std::thread::spawn(move || {
        let Ok((mut stream, _)) = listener.accept() else { return };
        let mut seen = Vec::new();
        let mut buf = [0u8; 4096];
        // Read until the end of the head and the (small) body the tests send.
        while let Ok(n) = stream.read(&mut buf) {
            if n == 0 {
                break;
            }
            seen.extend_from_slice(&buf[..n]);
            if let Some(head_end) = find(&seen, b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&seen[..head_end]).to_ascii_lowercase();
                let length = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(0);
                if seen.len() >= head_end + 4 + length {
                    break;
                }
            }
        }
        let _ = stream.write_all(&response);
        let _ = stream.flush();
        std::thread::sleep(std::time::Duration::from_millis(linger_ms));
    });
    (url, thread)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
