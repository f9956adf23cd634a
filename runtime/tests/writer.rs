//! XmlWriter output, exactly as a server will receive it.

use soapgen_runtime::xml::{XML_NS, XSI_NS};
use soapgen_runtime::{DateTime, Decimal, XmlWriter};

fn written(f: impl FnOnce(&mut XmlWriter)) -> String {
    let mut w = XmlWriter::new();
    f(&mut w);
    w.finish().expect("writable document")
}

#[test]
fn default_namespace_style_like_asp_net() {
    let xml = written(|w| {
        w.start("urn:x", "a");
        w.element("urn:x", "b", &1i32);
        w.start("", "c");
        w.end("c");
        w.end("a");
    });
    assert_eq!(xml, r#"<a xmlns="urn:x"><b>1</b><c xmlns=""/></a>"#);
}

#[test]
fn namespace_changes_are_declared_once_per_scope() {
    let xml = written(|w| {
        w.start("urn:a", "root");
        w.start("urn:b", "x");
        w.element("urn:b", "y", "1");
        w.end("x");
        // Back in urn:a's scope: no declaration needed.
        w.element("urn:a", "z", "2");
        w.end("root");
    });
    assert_eq!(xml, r#"<root xmlns="urn:a"><x xmlns="urn:b"><y>1</y></x><z>2</z></root>"#);
}

#[test]
fn empty_elements_self_close() {
    let xml = written(|w| {
        w.start("", "r");
        w.element("", "empty", "");
        w.element("", "blank", &String::new());
        w.start("", "attrs");
        w.attr("a", "1");
        w.end("attrs");
        w.end("r");
    });
    assert_eq!(xml, r#"<r><empty/><blank/><attrs a="1"/></r>"#);
}

#[test]
fn text_and_attribute_escaping() {
    let xml = written(|w| {
        w.start("", "e");
        w.attr("a", "<\"&'>\r\n\t");
        w.text("<tag> & \"quotes\" 'apos' ]]> \r\n\t é 😀");
        w.end("e");
    });
    assert_eq!(
        xml,
        "<e a=\"&lt;&quot;&amp;'&gt;&#13;&#10;&#9;\">&lt;tag&gt; &amp; \"quotes\" 'apos' ]]&gt; &#13;\n\t é 😀</e>"
    );
}

#[test]
fn values_in_text_and_attributes() {
    let when: DateTime = "2024-05-01T10:20:30.12Z".parse().unwrap();
    let xml = written(|w| {
        w.start("", "e");
        w.attr_value("n", &-5i64);
        w.attr_value("at", &when);
        w.value(&Decimal::new("1.50").unwrap());
        w.end("e");
        w.element("", "f", &f64::NEG_INFINITY);
        w.element("", "g", &true);
    });
    assert_eq!(xml, r#"<e n="-5" at="2024-05-01T10:20:30.12Z">1.50</e><f>-INF</f><g>true</g>"#);
}

#[test]
fn an_unrepresentable_character_fails_at_finish_and_sticks() {
    let mut w = XmlWriter::new();
    w.start("", "e");
    w.text("ok \u{1} not ok");
    w.element("", "later", "\u{FFFF}"); // a later problem does not replace the first
    w.end("e");
    let err = w.finish().unwrap_err();
    assert!(err.to_string().contains("U+0001"), "{err}");
    assert!(!err.to_string().contains("ok"), "no document text in errors: {err}");

    let mut w = XmlWriter::new();
    w.start("", "e");
    w.attr("a", "\u{FFFE}");
    w.end("e");
    assert!(w.finish().unwrap_err().to_string().contains("U+FFFE"));
}

#[test]
fn attr_ns_declares_xsi_once_and_reuses_in_scope_prefixes() {
    let xml = written(|w| {
        w.start("urn:x", "r");
        w.attr_ns(XSI_NS, "type", "T");
        w.nil_element("urn:x", "a");
        w.nil_element("urn:x", "b");
        w.end("r");
    });
    assert_eq!(
        xml,
        r#"<r xmlns="urn:x" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="T"><a xsi:nil="true"/><b xsi:nil="true"/></r>"#
    );
    // Without an enclosing declaration each element declares it for itself.
    let xml = written(|w| {
        w.start("", "r");
        w.nil_element("", "a");
        w.end("r");
    });
    assert_eq!(
        xml,
        r#"<r><a xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/></r>"#
    );
}

#[test]
fn attr_ns_picks_stable_prefixes() {
    let xml = written(|w| {
        w.start("", "r");
        w.attr_ns("urn:one", "a", "1");
        w.attr_ns("urn:two", "b", "2");
        w.attr_ns("urn:one", "c", "3");
        w.attr_ns(XML_NS, "lang", "en");
        w.end("r");
    });
    assert_eq!(
        xml,
        r#"<r xmlns:ns1="urn:one" ns1:a="1" xmlns:ns2="urn:two" ns2:b="2" ns1:c="3" xml:lang="en"/>"#
    );
}

#[test]
fn prefixed_elements_and_raw_markup() {
    let xml = written(|w| {
        w.start_prefixed("soap:Envelope");
        w.declare_prefix("soap", "urn:env");
        w.start_prefixed("soap:Body");
        w.raw("<x:Any xmlns:x=\"urn:any\"/>");
        w.end("soap:Body");
        w.end("soap:Envelope");
    });
    assert_eq!(
        xml,
        r#"<soap:Envelope xmlns:soap="urn:env"><soap:Body><x:Any xmlns:x="urn:any"/></soap:Body></soap:Envelope>"#
    );
}

#[test]
fn unbalanced_documents_are_refused() {
    let mut w = XmlWriter::new();
    w.start("", "open");
    assert!(w.finish().is_err());
}

#[test]
fn debug_never_shows_the_document() {
    let mut w = XmlWriter::new();
    w.start("", "Login");
    w.element("", "password", "hunter2");
    assert!(!format!("{w:?}").contains("hunter2"));
    let mut r = soapgen_runtime::XmlReader::new("<Login><password>hunter2</password></Login>");
    r.next_child().unwrap();
    let shown = format!("{r:?}");
    assert!(!shown.contains("hunter2") && shown.contains("/Login"), "{shown}");
}
