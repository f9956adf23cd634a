//! A quick run of everything the benchmarks time, on a small document: the three readers
//! agree, and both writers write the same records. (The timing itself is `cargo bench`.)

use soapgen_bench::client::EchoRecords;
use soapgen_bench::{data, ours, peers};
use soapgen_runtime::XmlRead;

const N: usize = 250;

#[test]
fn the_readers_agree_on_a_small_response() {
    let body = data::response_xml(N).into_bytes();
    let generated = ours::parse(&ours::response(body.clone())).unwrap();
    let serde = peers::quick_xml_parse(&body).unwrap();
    assert_eq!(generated.len(), N);
    assert_eq!(peers::xmlparser_record_count(&body).unwrap(), N);
    assert!(peers::xmlparser_tokens(&body).unwrap() > N * 8);
    let generated: Vec<peers::Record> = generated.into_iter().map(Into::into).collect();
    assert_eq!(generated, serde);
    // The data exercises what makes reading cost: escapes, non-ASCII, absent elements.
    assert!(serde.iter().any(|r| r.name.as_deref().is_some_and(|n| n.contains('&'))));
    assert!(serde.iter().any(|r| r.note.as_deref().is_some_and(|n| n.contains('ü'))));
    assert!(serde.iter().any(|r| r.note.is_none()));
}

#[test]
fn the_writers_write_the_same_records() {
    let records = ours::parse(&ours::response(data::response_xml(N).into_bytes())).unwrap();
    let theirs: Vec<peers::Record> = records.iter().cloned().map(Into::into).collect();
    let request = EchoRecords { records };
    let ours_body = ours::write(&ours::offline_client(), &request).unwrap().body;
    let theirs_body = peers::quick_xml_write(&theirs).unwrap().into_bytes();
    for body in [&ours_body, &theirs_body] {
        let text = std::str::from_utf8(body).unwrap();
        let back = soapgen_runtime::soap::read_envelope(text, |r, tag| {
            assert_eq!(tag.local, "EchoRecords");
            EchoRecords::read_xml(r)
        })
        .unwrap();
        assert_eq!(back, request);
    }
}
