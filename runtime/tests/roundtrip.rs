//! Property tests: every string XML 1.0 can carry survives write → read unchanged, as text
//! and as an attribute value; a string it cannot carry is an error, never corrupt output.

use proptest::prelude::*;
use soapgen_runtime::{XmlReader, XmlWriter};

/// Whether XML 1.0 can carry `c` (the `Char` production).
fn representable(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Strings biased towards what breaks writers: markup characters, whitespace that
/// readers normalise, characters outside the BMP, and every other char.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        prop::sample::select(vec!['<', '>', '&', '"', '\'', '\r', '\n', '\t', ' ', ']', ';', '#']),
        any::<char>().prop_filter("representable", |c| representable(*c)),
        Just('\u{10FFFF}'),
        Just('\u{FFFD}'),
    ]
}

/// Every char XML 1.0 cannot carry: C0 controls but tab, LF and CR; U+FFFE and U+FFFF.
/// (Surrogates are not `char`s.)
fn unrepresentable_char() -> impl Strategy<Value = char> {
    let controls = (0u32..0x20).filter_map(char::from_u32).filter(|c| !representable(*c));
    prop::sample::select(controls.chain(['\u{FFFE}', '\u{FFFF}']).collect::<Vec<_>>())
}

fn representable_string() -> impl Strategy<Value = String> {
    prop::collection::vec(tricky_char(), 0..64).prop_map(|chars| chars.into_iter().collect())
}

fn write(text: &str, attr: &str) -> Result<String, soapgen_runtime::XmlError> {
    let mut w = XmlWriter::new();
    w.start("urn:t", "root");
    w.attr("a", attr);
    w.start("urn:t", "v");
    w.text(text);
    w.end("v");
    w.end("root");
    w.finish()
}

fn read(doc: &str) -> (String, String) {
    let mut r = XmlReader::new(doc);
    r.next_child().unwrap().unwrap();
    let attr = r.attribute("", "a").unwrap_or_default().into_owned();
    r.next_child().unwrap().unwrap();
    let text = r.read_text().unwrap().into_owned();
    assert_eq!(r.next_child().unwrap(), None);
    assert_eq!(r.next_child().unwrap(), None);
    (text, attr)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn representable_strings_round_trip(text in representable_string(), attr in representable_string()) {
        let doc = write(&text, &attr).unwrap();
        prop_assert_eq!(read(&doc), (text, attr));
    }

    #[test]
    fn unrepresentable_strings_are_errors(
        before in representable_string(),
        bad in unrepresentable_char(),
        after in representable_string(),
        in_attr in any::<bool>(),
    ) {
        let s = format!("{before}{bad}{after}");
        let result = if in_attr { write("", &s) } else { write(&s, "") };
        let err = result.expect_err("a character XML 1.0 cannot carry must be refused");
        prop_assert!(err.to_string().contains("XML 1.0"), "{}", err);
    }
}
