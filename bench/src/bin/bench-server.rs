//! A fast local SOAP server for the whole-call benchmark: answers every POST with the same
//! `EchoRecords` response, so the clients, not the server, are what is measured.
//!
//! `bench-server RECORDS SECONDS`: listens on 127.0.0.1 (a free port, printed as
//! `port N` on stdout), reads each request whole, and stops by itself after SECONDS.

use std::io::Write;
use std::time::{Duration, Instant};

use tiny_http::{Header, Response, Server};

fn main() {
    let mut args = std::env::args().skip(1);
    let records: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10);
    let seconds: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(120);
    let body = soapgen_bench::data::response_xml(records).into_bytes();
    let server = Server::http("127.0.0.1:0").expect("bind 127.0.0.1");
    let port = server.server_addr().to_ip().map(|a| a.port()).expect("an IP listener");
    println!("port {port}");
    std::io::stdout().flush().expect("stdout");
    let content_type =
        Header::from_bytes("Content-Type", "text/xml; charset=utf-8").expect("a valid header");
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut request_body = Vec::with_capacity(64 * 1024);
    while Instant::now() < deadline {
        let Ok(Some(mut request)) = server.recv_timeout(Duration::from_millis(200)) else {
            continue;
        };
        request_body.clear();
        // A request that cannot be read is answered anyway: the client reports the failure.
        let _ = request.as_reader().read_to_end(&mut request_body);
        let response = Response::from_data(body.clone()).with_header(content_type.clone());
        let _ = request.respond(response);
    }
}
