//! The generated client's side of the whole-call benchmark.
//!
//! `bench-call URL RECORDS SECONDS`: calls `EchoRecords` with RECORDS records (the same
//! ones the server sends back) over the blocking HTTP transport, one call at a time, for
//! SECONDS after a short warm-up, and prints `calls_per_sec N`.

use std::time::{Duration, Instant};

use soapgen_bench::client::{EchoRecords, RecordServiceClient};
use soapgen_bench::{data, ours};

fn main() {
    let mut args = std::env::args().skip(1);
    let url = args.next().expect("usage: bench-call URL RECORDS SECONDS");
    let records: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10);
    let seconds: f64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(5.0);
    let body = data::response_xml(records).into_bytes();
    let request = EchoRecords { records: ours::parse(&ours::response(body)).expect("records") };
    let client = RecordServiceClient::new().with_endpoint(url);
    let call = || {
        let reply = client.echo_records(&request).expect("the call succeeds");
        assert_eq!(reply.echo_records_result.len(), records);
    };
    let warm_up = Instant::now();
    while warm_up.elapsed() < Duration::from_millis(500) {
        call();
    }
    let (start, mut calls) = (Instant::now(), 0u64);
    while start.elapsed().as_secs_f64() < seconds {
        call();
        calls += 1;
    }
    println!("calls_per_sec {:.1}", calls as f64 / start.elapsed().as_secs_f64());
}
