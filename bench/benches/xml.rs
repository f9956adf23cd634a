//! Response parsing and request writing: the generated code against xmlparser's bare
//! tokenizer and quick-xml + serde, on the same 50,000-record document.
//!
//! `cargo bench -p soapgen-bench`; `bench/compare` runs it with short measurement times
//! and turns criterion's estimates into the comparison table.

use std::hint::black_box;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use soapgen_bench::client::EchoRecords;
use soapgen_bench::{data, ours, peers};

fn parsing(c: &mut Criterion) {
    let body = data::response_xml(data::RECORDS).into_bytes();
    let response = ours::response(body.clone());
    let mut group = c.benchmark_group("parse");
    group.sampling_mode(SamplingMode::Flat).sample_size(10);
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("soapgen", |b| b.iter(|| ours::parse(black_box(&response)).unwrap()));
    group.bench_function("xmlparser_raw", |b| {
        b.iter(|| peers::xmlparser_tokens(black_box(&body)).unwrap())
    });
    group.bench_function("quick_xml_serde", |b| {
        b.iter(|| peers::quick_xml_parse(black_box(&body)).unwrap())
    });
    group.finish();
}

fn writing(c: &mut Criterion) {
    let body = data::response_xml(data::RECORDS).into_bytes();
    let records = ours::parse(&ours::response(body)).unwrap();
    let theirs: Vec<peers::Record> = records.iter().cloned().map(Into::into).collect();
    let request = EchoRecords { records };
    let client = ours::offline_client();
    let mut group = c.benchmark_group("write");
    group.sampling_mode(SamplingMode::Flat).sample_size(10);
    let ours_len = ours::write(&client, &request).unwrap().body.len();
    group.throughput(Throughput::Bytes(ours_len as u64));
    group.bench_function("soapgen", |b| {
        b.iter(|| ours::write(black_box(&client), black_box(&request)).unwrap())
    });
    let theirs_len = peers::quick_xml_write(&theirs).unwrap().len();
    group.throughput(Throughput::Bytes(theirs_len as u64));
    group.bench_function("quick_xml_serde", |b| {
        b.iter(|| peers::quick_xml_write(black_box(&theirs)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, parsing, writing);
criterion_main!(benches);
