//! A fast local SOAP server for the whole-call benchmark: answers every POST with the same
//! `EchoRecords` response, so the clients, not the server, are what is measured.
//!
//! `bench-server RECORDS SECONDS`: listens on 127.0.0.1 (a free port, printed as
//! `port N` on stdout), reads each request whole, and exits by itself after SECONDS.
//!
//! Plain HTTP/1.1 with keep-alive on std's TcpStream, TCP_NODELAY, and each reply written
//! in one piece: a server that writes headers and body separately under Nagle's algorithm
//! meets the client's delayed ACK and caps every client at ~25 calls/s.

use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

fn main() {
    let mut args = std::env::args().skip(1);
    let records: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10);
    let seconds: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(120);
    let body = soapgen_bench::data::response_xml(records);
    let mut reply = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    reply.extend_from_slice(body.as_bytes());
    let reply = Arc::new(reply);

    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let port = listener.local_addr().expect("a local address").port();
    println!("port {port}");
    io::stdout().flush().expect("stdout");
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(seconds));
        std::process::exit(0);
    });
    for stream in listener.incoming().flatten() {
        let reply = Arc::clone(&reply);
        std::thread::spawn(move || {
            // A connection that breaks is the client's business: it reports the failure.
            let _ = serve(stream, &reply);
        });
    }
}

/// Answers the requests of one connection until the client closes it.
fn serve(mut stream: TcpStream, reply: &[u8]) -> io::Result<()> {
    stream.set_nodelay(true)?;
    let mut buf = Vec::with_capacity(64 * 1024);
    let mut chunk = [0u8; 16 * 1024];
    loop {
        let head_end = loop {
            if let Some(at) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break at + 4;
            }
            let n = stream.read(&mut chunk)?;
            if n == 0 {
                return Ok(());
            }
            buf.extend_from_slice(&chunk[..n]);
        };
        let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
        let length: usize =
            header(&head, "content-length").and_then(|v| v.parse().ok()).ok_or_else(|| {
                io::Error::new(io::ErrorKind::InvalidData, "a request without Content-Length")
            })?;
        let close = header(&head, "connection").is_some_and(|v| v == "close");
        while buf.len() < head_end + length {
            let n = stream.read(&mut chunk)?;
            if n == 0 {
                return Ok(());
            }
            buf.extend_from_slice(&chunk[..n]);
        }
        buf.drain(..head_end + length);
        stream.write_all(reply)?;
        if close {
            return Ok(());
        }
    }
}

/// A header's value in a lower-cased request head.
fn header<'h>(head: &'h str, name: &str) -> Option<&'h str> {
    head.lines().find_map(|line| {
        let (n, v) = line.split_once(':')?;
        (n.trim() == name).then(|| v.trim())
    })
}
