//! Every value type survives XmlWriter → XmlReader, as text content and as an attribute.

use std::fmt::Debug;

use soapgen_runtime::{
    Base64Binary, Date, DateTime, Decimal, Duration, Guid, HexBinary, QName, Time, XmlReader,
    XmlValue, XmlWriter,
};

/// Writes `v` as element text and as an attribute, reads both back.
fn through_xml<V: XmlValue + PartialEq + Debug>(v: &V) {
    let mut w = XmlWriter::new();
    w.start("urn:t", "root");
    w.attr_value("a", v);
    w.value(v);
    w.end("root");
    let xml = w.finish().unwrap_or_else(|e| panic!("{v:?}: {e}"));
    let mut r = XmlReader::new(&xml);
    r.next_child().unwrap();
    let from_attr = V::parse_lexical(&r.attribute("", "a").unwrap()).unwrap();
    let from_text: V = r.read_value().unwrap();
    assert_eq!(&from_text, v, "text of {xml}");
    assert_eq!(&from_attr, v, "attribute of {xml}");
}

/// A small deterministic generator, so failures reproduce.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn every_representable_string_survives_unchanged() {
    // XML metacharacters, every whitespace character, things that look like markup,
    // non-ASCII up to the last plane, and the edges of the XML character ranges.
    let alphabet: Vec<&str> = vec![
        "&",
        "<",
        ">",
        "\"",
        "'",
        " ",
        "\t",
        "\n",
        "\r",
        "\r\n",
        "]]>",
        "<![CDATA[",
        "&amp;",
        "&#13;",
        "<!--",
        "?>",
        "a",
        "Z",
        "0",
        "é",
        "中",
        "😀",
        "\u{FFFD}",
        "\u{E000}",
        "\u{D7FF}",
        "\u{10FFFF}",
        "\u{85}",
        "\u{2028}",
        "\u{7F}",
        "\u{A0}",
        "=",
        "/",
        ";",
    ];
    let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
    for _ in 0..5_000 {
        let len = rng.below(12);
        let s: String = (0..len).map(|_| alphabet[rng.below(alphabet.len())]).collect();
        through_xml(&s);
    }
    through_xml(&String::new());
    through_xml(&"  leading and trailing  ".to_owned());
}

#[test]
fn every_unrepresentable_control_character_fails_at_finish() {
    for c in (0u32..0x20).filter(|c| ![0x9, 0xA, 0xD].contains(c)).chain([0xFFFE, 0xFFFF]) {
        let s = format!("ok{}ok", char::from_u32(c).unwrap());
        let mut w = XmlWriter::new();
        w.element("", "e", &s);
        assert!(w.finish().is_err(), "U+{c:04X} in text");
        let mut w = XmlWriter::new();
        w.start("", "e");
        w.attr("a", &s);
        w.end("e");
        assert!(w.finish().is_err(), "U+{c:04X} in an attribute");
    }
}

#[test]
fn numbers_and_booleans() {
    through_xml(&i64::MIN);
    through_xml(&i64::MAX);
    through_xml(&u64::MAX);
    through_xml(&i8::MIN);
    through_xml(&i16::MAX);
    through_xml(&u8::MAX);
    through_xml(&u16::MAX);
    through_xml(&i32::MIN);
    through_xml(&u32::MAX);
    through_xml(&true);
    through_xml(&false);
    through_xml(&f64::MIN_POSITIVE);
    through_xml(&f64::MAX);
    through_xml(&f64::INFINITY);
    through_xml(&f64::NEG_INFINITY);
    through_xml(&-0.000123f64);
    through_xml(&f32::MAX);
    through_xml(&1e-45f32);
    through_xml(&'A');
    through_xml(&'€');
    // NaN is not equal to itself; check it separately.
    let mut w = XmlWriter::new();
    w.element("", "n", &f64::NAN);
    let xml = w.finish().unwrap();
    assert_eq!(xml, "<n>NaN</n>");
    let mut r = XmlReader::new(&xml);
    r.next_child().unwrap();
    assert!(r.read_value::<f64>().unwrap().is_nan());
}

#[test]
fn runtime_types() {
    for d in ["-0.000123", "1.50", "0", "123456789012345678901234567890.000000001"] {
        through_xml(&Decimal::new(d).unwrap());
    }
    for dt in [
        "2024-05-01T10:20:30",
        "2024-05-01T10:20:30.1200Z",
        "2024-05-01T10:20:30+02:00",
        "2024-05-01T10:20:30.1234567-08:00",
        "-0001-01-01T00:00:00Z",
        "9999-12-31T24:00:00",
    ] {
        let v: DateTime = dt.parse().unwrap();
        assert_eq!(v.to_string(), dt);
        through_xml(&v);
    }
    through_xml(&"2024-02-29+14:00".parse::<Date>().unwrap());
    through_xml(&"23:59:59.999Z".parse::<Time>().unwrap());
    through_xml(&Duration::new("-P1Y2M3DT4H5M6.789S").unwrap());
    through_xml(&Base64Binary((0..=255).collect()));
    through_xml(&Base64Binary(Vec::new()));
    through_xml(&HexBinary(vec![0, 1, 0xFE, 0xFF]));
    through_xml(&"{936DA01F-9ABD-4D9D-80C7-02AF85C822A8}".parse::<Guid>().unwrap());
    through_xml(&"tns:Widget".parse::<QName>().unwrap());
    through_xml(&"Widget".parse::<QName>().unwrap());
}

#[test]
fn whitespace_around_non_string_values_is_ignored() {
    let xml = "<r><i>\n  42\n</i><d> 2024-05-01T10:20:30Z </d><b>\ttrue </b><g> 936da01f-9abd-4d9d-80c7-02af85c822a8\n</g></r>";
    let mut r = XmlReader::new(xml);
    r.next_child().unwrap();
    r.next_child().unwrap();
    assert_eq!(r.read_value::<i32>().unwrap(), 42);
    r.next_child().unwrap();
    assert_eq!(r.read_value::<DateTime>().unwrap().to_string(), "2024-05-01T10:20:30Z");
    r.next_child().unwrap();
    assert!(r.read_value::<bool>().unwrap());
    r.next_child().unwrap();
    assert_eq!(r.read_value::<Guid>().unwrap().to_string(), "936da01f-9abd-4d9d-80c7-02af85c822a8");
}

#[test]
fn invalid_values_report_the_type() {
    for (xml, expected) in [
        ("<a>300</a>", "expected unsignedByte (out of range)"),
        ("<a>yes</a>", "expected boolean"),
        ("<a>2024-02-30T00:00:00</a>", "expected dateTime (day out of range)"),
        ("<a>1.2.3</a>", "expected decimal"),
        ("<a>PT</a>", "expected duration"),
        ("<a>zz</a>", "expected hexBinary"),
        ("<a>not-a-guid</a>", "expected guid"),
    ] {
        let mut r = XmlReader::new(xml);
        r.next_child().unwrap();
        let e = match expected {
            e if e.contains("unsignedByte") => r.read_value::<u8>().map(drop),
            e if e.contains("boolean") => r.read_value::<bool>().map(drop),
            e if e.contains("dateTime") => r.read_value::<DateTime>().map(drop),
            e if e.contains("decimal") => r.read_value::<Decimal>().map(drop),
            e if e.contains("duration") => r.read_value::<Duration>().map(drop),
            e if e.contains("hexBinary") => r.read_value::<HexBinary>().map(drop),
            _ => r.read_value::<Guid>().map(drop),
        }
        .unwrap_err();
        assert!(e.to_string().contains(expected), "{e}");
        assert_eq!(e.path(), "/a");
    }
}
