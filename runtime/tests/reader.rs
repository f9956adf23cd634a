//! XmlReader behaviour on well-formed, tricky and hostile documents.

use std::time::Instant;

use soapgen_runtime::xml::{XML_NS, XSI_NS};
use soapgen_runtime::{Limits, XmlReader};

/// Reads `<root>`'s children as (ns, local, text) triples.
fn children(xml: &str) -> Vec<(String, String, String)> {
    let mut r = XmlReader::new(xml);
    r.next_child().unwrap().expect("root");
    let mut out = Vec::new();
    while let Some(tag) = r.next_child().unwrap() {
        let text = r.read_text().unwrap();
        out.push((tag.ns.to_owned(), tag.local.to_owned(), text.into_owned()));
    }
    assert_eq!(r.next_child().unwrap(), None, "document ends after the root");
    out
}

fn first_error(xml: &str) -> String {
    let mut r = XmlReader::new(xml);
    let mut depth = 0usize;
    loop {
        match r.next_child() {
            Ok(Some(_)) => depth += 1,
            Ok(None) if depth == 0 => panic!("no error in {xml}"),
            Ok(None) => depth -= 1,
            Err(e) => return e.to_string(),
        }
    }
}

#[test]
fn names_match_by_namespace_uri_whatever_the_prefix() {
    let xml = r#"<?xml version="1.0" encoding="utf-8"?>
        <root xmlns="urn:default" xmlns:p="urn:p" xmlns:q="urn:p">
          <a>1</a>
          <p:b>2</p:b>
          <q:b>3</q:b>
          <c xmlns="urn:other">4</c>
          <p:d xmlns:p="urn:redeclared">5</p:d>
          <e xmlns="">6</e>
        </root>"#;
    let got = children(xml);
    let expected = [
        ("urn:default", "a", "1"),
        ("urn:p", "b", "2"),
        ("urn:p", "b", "3"),
        ("urn:other", "c", "4"),
        ("urn:redeclared", "d", "5"),
        ("", "e", "6"),
    ];
    let got: Vec<(&str, &str, &str)> =
        got.iter().map(|(n, l, t)| (n.as_str(), l.as_str(), t.as_str())).collect();
    assert_eq!(got, expected);
}

#[test]
fn start_tag_is_and_prefix() {
    let mut r = XmlReader::new(r#"<s:Envelope xmlns:s="urn:env"/>"#);
    let tag = r.next_child().unwrap().unwrap();
    assert!(tag.is("urn:env", "Envelope"));
    assert!(!tag.is("", "Envelope"));
    assert_eq!(tag.prefix(), "s");
    assert_eq!(r.next_child().unwrap(), None);
}

#[test]
fn comments_cdata_and_processing_instructions() {
    let xml = "<?xml version=\"1.0\"?><!-- c --><?pi x?><root><!-- skip --><a>x<!-- mid -->y<![CDATA[<z>&amp;]]>w</a><?pi?><b><![CDATA[]]></b></root><!-- after -->";
    let got = children(xml);
    assert_eq!(got[0].2, "xy<z>&amp;w");
    assert_eq!(got[1].2, "");
}

#[test]
fn entities_and_character_references_are_decoded() {
    let got =
        children("<root><a>&lt;&gt;&amp;&apos;&quot;&#65;&#x1F600;&#13;</a><b>a\r\nb</b></root>");
    assert_eq!(got[0].2, "<>&'\"A\u{1F600}\r");
    assert_eq!(got[1].2, "a\nb", "literal CRLF is normalized; &#13; is not");
}

#[test]
fn text_borrows_from_the_input_when_nothing_needs_decoding() {
    let mut r = XmlReader::new("<a>plain text</a>");
    r.next_child().unwrap();
    assert!(matches!(r.read_text().unwrap(), std::borrow::Cow::Borrowed("plain text")));
}

#[test]
fn unknown_entities_are_errors() {
    let mut r = XmlReader::new("<root><a>x &nbsp; y</a></root>");
    r.next_child().unwrap();
    r.next_child().unwrap();
    let e = r.read_text().unwrap_err();
    assert!(e.to_string().contains("unknown entity reference &nbsp;"), "{e}");
    assert_eq!((e.line(), e.column()), (Some(1), Some(12)));
    assert_eq!(e.path(), "/root/a");
    // Attributes too, as soon as the start tag is read.
    assert!(first_error(r#"<root a="&bogus;"/>"#).contains("unknown entity reference &bogus;"));
    assert!(first_error(r#"<root a="&#0;"/>"#).contains("invalid character reference"));
}

#[test]
fn doctype_is_refused_without_expansion() {
    let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<lolz>&lol9;</lolz>"#;
    let started = Instant::now();
    let e = XmlReader::new(laughs).next_child().unwrap_err();
    assert!(started.elapsed().as_millis() < 100);
    assert!(e.to_string().contains("DOCTYPE"), "{e}");
    assert_eq!(e.line(), Some(2));
    let e = XmlReader::new(r#"<!DOCTYPE html SYSTEM "about:legacy-compat"><html/>"#)
        .next_child()
        .unwrap_err();
    assert!(e.to_string().contains("DOCTYPE"), "{e}");
}

#[test]
fn very_deep_nesting_is_an_error_not_a_stack_overflow() {
    let depth = 100_000;
    let xml = format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth));
    let e = first_error(&xml);
    assert!(e.contains("nested deeper than the limit of 256"), "{}", &e[..200.min(e.len())]);

    // skip() is iterative too, under a generous limit.
    let limits = Limits { max_depth: depth + 1, ..Limits::default() };
    let mut r = XmlReader::with_limits(&xml, limits);
    r.next_child().unwrap();
    r.skip().unwrap();
    assert_eq!(r.next_child().unwrap(), None);
}

#[test]
fn size_and_attribute_limits() {
    let limits = Limits { max_size: 10, ..Limits::default() };
    let e = XmlReader::with_limits("<root>0123456789</root>", limits).next_child().unwrap_err();
    assert!(e.to_string().contains("more than the limit of 10 bytes"), "{e}");

    let limits = Limits { max_attributes: 2, ..Limits::default() };
    let e = XmlReader::with_limits(r#"<r a="1" b="2" c="3"/>"#, limits).next_child().unwrap_err();
    assert!(e.to_string().contains("more than 2 attributes"), "{e}");
}

#[test]
fn mismatched_tags_name_both() {
    let e = first_error("<root>\n  <a></b>\n</root>");
    assert!(e.contains("expected </a>, found </b>"), "{e}");
    assert!(e.starts_with("line 2, column 6:"), "{e}");
    assert!(e.ends_with("in /root/a"), "{e}");
    let e = first_error("<s:a xmlns:s='urn:s' xmlns:t='urn:s'></t:a>");
    assert!(e.contains("expected </s:a>, found </t:a>"), "{e}");
}

#[test]
fn unbound_prefixes_and_duplicate_attributes() {
    assert!(first_error("<p:root/>").contains("unbound namespace prefix `p`"));
    assert!(first_error("<root q:a='1'/>").contains("unbound namespace prefix `q`"));
    assert!(first_error("<root a='1' a='2'/>").contains("duplicate attribute `a`"));
    let e = first_error("<root xmlns:p='urn:x' xmlns:q='urn:x' p:a='1' q:a='2'/>");
    assert!(e.contains("duplicate attribute `a` in namespace urn:x"), "{e}");
    assert!(
        first_error("<root xmlns:p='urn:x' xmlns:p='urn:y'/>")
            .contains("duplicate namespace declaration")
    );
}

#[test]
fn truncated_documents() {
    let e = first_error("<root><a>text");
    assert!(e.contains("unexpected end of document: <a> is not closed"), "{e}");
    let e = first_error("<root><a");
    assert!(e.contains("invalid element") || e.contains("end of document"), "{e}");
    assert!(XmlReader::new("").next_child().unwrap_err().to_string().contains("no root element"));
    assert!(XmlReader::new("  <!-- nothing -->  ").next_child().is_err());
}

#[test]
fn content_after_the_root_is_refused() {
    let mut r = XmlReader::new("<a/><b/>");
    r.next_child().unwrap();
    assert_eq!(r.next_child().unwrap(), None);
    assert!(r.next_child().is_err());
}

#[test]
fn errors_are_sticky() {
    let mut r = XmlReader::new("<a></b><c/>");
    r.next_child().unwrap();
    let first = r.next_child().unwrap_err();
    assert_eq!(r.next_child().unwrap_err(), first);
}

#[test]
fn empty_elements_behave_like_start_end_pairs() {
    for xml in ["<r><a/><b x='1'/></r>", "<r><a></a><b x='1'></b></r>"] {
        let mut r = XmlReader::new(xml);
        r.next_child().unwrap();
        // next_child inside an empty element: None.
        r.next_child().unwrap().unwrap();
        assert_eq!(r.next_child().unwrap(), None);
        // read_text, then skip and read_raw on siblings parse identically.
        let b = r.next_child().unwrap().unwrap();
        assert_eq!(b.local, "b");
        assert_eq!(r.attribute("", "x").as_deref(), Some("1"));
        assert_eq!(r.read_text().unwrap(), "");
        assert_eq!(r.next_child().unwrap(), None);
        assert_eq!(r.next_child().unwrap(), None);
    }
    let mut r = XmlReader::new("<r><a/><b/></r>");
    r.next_child().unwrap();
    r.next_child().unwrap();
    r.skip().unwrap();
    r.next_child().unwrap();
    assert!(r.read_raw().unwrap().is_empty());
    assert_eq!(r.next_child().unwrap(), None);
}

#[test]
fn read_text_refuses_child_elements() {
    let mut r = XmlReader::new("<root><a>x<b/></a></root>");
    r.next_child().unwrap();
    r.next_child().unwrap();
    let e = r.read_text().unwrap_err();
    assert!(e.to_string().contains("expected text, found element <b>"), "{e}");
    assert_eq!(e.path(), "/root/a");
}

#[test]
fn skip_and_text_between_children() {
    let xml = "<root>junk<a><deep><deeper>x</deeper></deep></a> more <b>2</b></root>";
    let mut r = XmlReader::new(xml);
    r.next_child().unwrap();
    assert_eq!(r.next_child().unwrap().unwrap().local, "a");
    r.skip().unwrap();
    assert_eq!(r.next_child().unwrap().unwrap().local, "b");
    assert_eq!(r.read_value::<i32>().unwrap(), 2);
    assert_eq!(r.next_child().unwrap(), None);
}

#[test]
fn read_value_errors_name_type_and_path_but_not_the_text() {
    let xml = "<Envelope>\n<Body>\n<X>\n  <Count>secret-ish</Count>\n</X></Body></Envelope>";
    let mut r = XmlReader::new(xml);
    for _ in 0..4 {
        r.next_child().unwrap();
    }
    let e = r.read_value::<i32>().unwrap_err();
    assert_eq!(
        e.to_string(),
        "line 4, column 10: expected int (not an integer), in /Envelope/Body/X/Count"
    );
    assert!(!e.to_string().contains("secret"));
}

#[test]
fn missing_names_the_element_and_the_parent_path() {
    let xml = "<Envelope><Body><ResetPasswordResponse><ResetPasswordResult>\n<Other>1</Other>\n</ResetPasswordResult></ResetPasswordResponse></Body></Envelope>";
    let mut r = XmlReader::new(xml);
    for _ in 0..4 {
        r.next_child().unwrap();
    }
    while let Some(_tag) = r.next_child().unwrap() {
        r.skip().unwrap();
    }
    let e = r.missing("urn:x", "Code");
    assert_eq!(
        e.to_string(),
        "line 3, column 1: missing required element <Code>, in /Envelope/Body/ResetPasswordResponse/ResetPasswordResult"
    );
    let e = r.error("custom problem");
    assert!(e.to_string().contains("custom problem"), "{e}");
}

#[test]
fn attributes_match_by_namespace_never_by_prefix() {
    let xml = r#"<r xmlns:a="urn:one" xmlns:b="urn:two" x="plain" a:x="one" b:y="two &amp; more" xml:lang="en"/>"#;
    let mut r = XmlReader::new(xml);
    r.next_child().unwrap();
    assert_eq!(r.attribute("", "x").as_deref(), Some("plain"));
    assert_eq!(r.attribute("urn:one", "x").as_deref(), Some("one"));
    assert_eq!(r.attribute("urn:two", "y").as_deref(), Some("two & more"));
    assert_eq!(r.attribute("", "y"), None);
    assert_eq!(r.attribute("a", "x"), None, "a prefix is not a namespace");
    assert_eq!(r.attribute(XML_NS, "lang").as_deref(), Some("en"));
    // Namespace declarations are not attributes.
    assert_eq!(r.attribute("", "xmlns"), None);
}

#[test]
fn is_nil_by_namespace() {
    let xml = format!(
        r#"<r xmlns:i="{XSI_NS}"><a i:nil="true"/><b i:nil="1"/><c i:nil="false"/><d nil="true"/><e/></r>"#
    );
    let mut r = XmlReader::new(&xml);
    r.next_child().unwrap();
    let mut nils = Vec::new();
    while r.next_child().unwrap().is_some() {
        nils.push(r.is_nil());
        r.skip().unwrap();
    }
    assert_eq!(nils, [true, true, false, false, false]);
}

#[test]
fn resolve_prefix_sees_the_scope_of_a_qname_just_read() {
    let xml = r#"<r xmlns="urn:d" xmlns:p="urn:p"><code xmlns:own="urn:own">own:Thing</code></r>"#;
    let mut r = XmlReader::new(xml);
    r.next_child().unwrap();
    assert_eq!(r.resolve_prefix(""), Some("urn:d"));
    assert_eq!(r.resolve_prefix("p"), Some("urn:p"));
    assert_eq!(r.resolve_prefix("zz"), None);
    assert_eq!(r.resolve_prefix("xml"), Some(XML_NS));
    r.next_child().unwrap();
    let text = r.read_text().unwrap();
    assert_eq!(text, "own:Thing");
    assert_eq!(r.resolve_prefix("own"), Some("urn:own"));
    assert_eq!(r.next_child().unwrap(), None);
    assert_eq!(XmlReader::new("<a/>").resolve_prefix(""), None);
}

#[test]
fn read_raw_round_trips_through_the_writer() {
    let xml = r#"<root xmlns="urn:d" xmlns:p="urn:p"><any attr="1"><p:x>1 &amp; 2</p:x><y/><!-- c --></any><next/></root>"#;
    let mut r = XmlReader::new(xml);
    r.next_child().unwrap();
    r.next_child().unwrap();
    let raw = r.read_raw().unwrap();
    assert_eq!(raw.as_str(), "<p:x>1 &amp; 2</p:x><y/><!-- c -->");
    assert!(raw.namespaces().contains(&("".to_owned(), "urn:d".to_owned())));
    assert!(raw.namespaces().contains(&("p".to_owned(), "urn:p".to_owned())));
    assert_eq!(r.next_child().unwrap().unwrap().local, "next");

    // Written into a document with other namespaces, the markup keeps its meaning.
    let mut w = soapgen_runtime::XmlWriter::new();
    w.start("urn:other", "doc");
    raw.write_element(&mut w, "urn:other", "Wrapped");
    w.end("doc");
    let out = w.finish().unwrap();
    assert_eq!(
        out,
        r#"<doc xmlns="urn:other"><ns1:Wrapped xmlns:ns1="urn:other" xmlns="urn:d" xmlns:p="urn:p"><p:x>1 &amp; 2</p:x><y/><!-- c --></ns1:Wrapped></doc>"#
    );
    let mut r = XmlReader::new(&out);
    r.next_child().unwrap();
    let wrapped = r.next_child().unwrap().unwrap();
    assert!(wrapped.is("urn:other", "Wrapped"));
    let x = r.next_child().unwrap().unwrap();
    assert!(x.is("urn:p", "x"));
    assert_eq!(r.read_text().unwrap(), "1 & 2");
    assert!(r.next_child().unwrap().unwrap().is("urn:d", "y"));

    // Same default namespace: a plain wrapper.
    let mut w = soapgen_runtime::XmlWriter::new();
    raw.write_element(&mut w, "urn:d", "W");
    assert_eq!(
        w.finish().unwrap(),
        r#"<W xmlns="urn:d" xmlns:p="urn:p"><p:x>1 &amp; 2</p:x><y/><!-- c --></W>"#
    );
}

#[test]
fn errors_report_characters_not_bytes_for_columns() {
    let e = first_error("<root>\n<é>x</a></root>");
    assert!(e.starts_with("line 2, column 5:"), "{e}");
}

#[test]
fn any_elements_keep_their_names_and_meaning() {
    use soapgen_runtime::{AnyElement, XmlWriter};
    let xml = r#"<root xmlns="urn:d" xmlns:p="urn:p"><p:extra a="1"><x>t</x></p:extra><other xmlns="urn:o"/><plain/></root>"#;
    let mut r = XmlReader::new(xml);
    r.next_child().unwrap();
    let mut any = Vec::new();
    while let Some(tag) = r.next_child().unwrap() {
        any.push(AnyElement::read_xml(&mut r, &tag).unwrap());
    }
    assert_eq!(any[0].xml.as_str(), r#"<p:extra a="1"><x>t</x></p:extra>"#);
    assert_eq!((any[0].ns.as_str(), any[0].local.as_str()), ("urn:p", "extra"));
    assert_eq!(any[1].xml.as_str(), r#"<other xmlns="urn:o"/>"#);
    assert_eq!(any[2].xml.as_str(), "<plain/>");

    let mut w = XmlWriter::new();
    w.start("urn:elsewhere", "doc");
    for element in &any {
        element.write_to(&mut w);
    }
    w.end("doc");
    let out = w.finish().unwrap();
    assert_eq!(
        out,
        concat!(
            r#"<doc xmlns="urn:elsewhere">"#,
            r#"<p:extra xmlns="urn:d" xmlns:p="urn:p" a="1"><x>t</x></p:extra>"#,
            r#"<other xmlns="urn:o"/>"#,
            r#"<plain xmlns="urn:d"/>"#,
            "</doc>"
        )
    );
    let mut r = XmlReader::new(&out);
    r.next_child().unwrap();
    let names: Vec<(String, String)> = std::iter::from_fn(|| {
        let tag = r.next_child().unwrap()?;
        r.skip().unwrap();
        Some((tag.ns.to_owned(), tag.local.to_owned()))
    })
    .collect();
    let expected = [("urn:p", "extra"), ("urn:o", "other"), ("urn:d", "plain")];
    assert_eq!(names, expected.map(|(n, l)| (n.to_owned(), l.to_owned())));
}

/// Found by fuzzing: a namespace URI with a raw `>` was accepted, then could not be
/// written back without a reference the reader refuses. No URI holds such characters.
#[test]
fn namespace_uris_with_characters_no_uri_holds_are_errors() {
    for (xml, shown) in [
        ("<a xmlns='urn:x>y'/>", "'>'"),
        ("<a xmlns:p='urn:\"q\"'/>", "'\"'"),
        ("<a xmlns='urn:x\ty'/>", "'\\t'"),
    ] {
        let e = first_error(xml);
        assert!(e.contains(&format!("namespace URI contains {shown}, which no URI can")), "{e}");
    }
    assert!(first_error("<a xmlns='urn:a&amp;b'/>").contains("references in namespace URIs"));
}
