//! The benchmark's data: a response of eight-field records of mixed types, generated
//! deterministically, in the shape ASP.NET sends (no indentation, the payload in a default
//! namespace under a `soap:` envelope).

use std::fmt::Write as _;

/// The service's namespace.
pub const NS: &str = "http://soapgen.example/bench";

/// Records in the large response (about 10 MB).
pub const RECORDS: usize = 50_000;

const NAMES: &[&str] = &[
    "Northwind Traders",
    "Contoso Ltd",
    "Fabrikam",
    "Smith &amp; Sons",
    "Müller GmbH",
    "Adventure Works",
    "Tailspin Toys",
    "Wide World Importers",
];

const NOTES: &[&str] = &[
    "Deliver before noon",
    "Call ahead; the gate code is 4411",
    "Fragile: glassware &lt;handle with care&gt;",
    "Zürich depot, ramp 3",
    "Invoice quarterly",
    "n/a",
    "Leave with the concierge if nobody answers",
];

const OFFSETS: &[&str] = &["Z", ".5+02:00", ".123Z", "-05:00", ""];

/// A small deterministic generator (a 64-bit LCG): the same document on every machine.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 =
            self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

/// The `EchoRecords` response envelope carrying `n` records.
pub fn response_xml(n: usize) -> String {
    let mut out = String::with_capacity(n * 220 + 512);
    out.push_str(concat!(
        r#"<?xml version="1.0" encoding="utf-8"?>"#,
        r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" "#,
        r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" "#,
        r#"xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body>"#,
        r#"<EchoRecordsResponse xmlns="http://soapgen.example/bench"><EchoRecordsResult>"#,
    ));
    let mut rng = Lcg(0x050A_96E4);
    for i in 0..n {
        write_record(&mut out, i, &mut rng);
    }
    out.push_str("</EchoRecordsResult></EchoRecordsResponse></soap:Body></soap:Envelope>");
    out
}

fn write_record(out: &mut String, i: usize, rng: &mut Lcg) {
    let r = [rng.next(), rng.next(), rng.next(), rng.next()];
    let name = NAMES[(r[0] % NAMES.len() as u64) as usize];
    let (month, day, hour) = (1 + r[1] % 12, 1 + r[1] / 12 % 28, r[1] / 400 % 24);
    let (minute, second) = (r[2] % 60, r[2] / 60 % 60);
    let offset = OFFSETS[(r[2] / 3600 % OFFSETS.len() as u64) as usize];
    let score = (r[3] % 100_000_000) as f64 / 1000.0;
    // Writing to a String cannot fail.
    let _ = write!(
        out,
        "<Record><Id>{}</Id><Name>{name} {i}</Name><Price>{}.{:02}</Price>\
         <Quantity>{}</Quantity><Active>{}</Active>\
         <Created>2026-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}{offset}</Created>\
         <Score>{score}</Score>",
        1_000_000 + i,
        r[0] % 10_000,
        r[1] % 100,
        r[2] % 1000,
        !r[3].is_multiple_of(3),
    );
    // One record in five has no note (the element is optional).
    if i % 5 != 4 {
        let _ = write!(out, "<Note>{}</Note>", NOTES[(r[3] / 7 % NOTES.len() as u64) as usize]);
    }
    out.push_str("</Record>");
}
