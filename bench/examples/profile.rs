//! A loop to run under a profiler (perf, valgrind --tool=callgrind):
//! `cargo run --release -p soapgen-bench --example profile -- parse|write|raw|serde [ITERATIONS]`.

use std::hint::black_box;

use soapgen_bench::client::EchoRecords;
use soapgen_bench::{data, ours, peers};

fn main() {
    let mut args = std::env::args().skip(1);
    let what = args.next().unwrap_or_else(|| "parse".into());
    let iterations: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10);
    let body = data::response_xml(data::RECORDS).into_bytes();
    let response = ours::response(body.clone());
    let request = EchoRecords { records: ours::parse(&response).unwrap() };
    let client = ours::offline_client();
    let start = std::time::Instant::now();
    for _ in 0..iterations {
        match what.as_str() {
            "parse" => drop(black_box(ours::parse(&response).unwrap())),
            "write" => drop(black_box(ours::write(&client, &request).unwrap())),
            "raw" => drop(black_box(peers::xmlparser_tokens(&body).unwrap())),
            "serde" => drop(black_box(peers::quick_xml_parse(&body).unwrap())),
            other => panic!("unknown: {other}"),
        }
    }
    let per = start.elapsed().as_secs_f64() / iterations as f64;
    println!("{what}: {:.1} ms, {:.0} MB/s", per * 1e3, body.len() as f64 / per / 1e6);
}
