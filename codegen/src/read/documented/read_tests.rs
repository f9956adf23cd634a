//! Documentation pages read end to end: detection, pairing, types from `xsi:type` and
//! values, header blocks, actions, endpoints, names, and where warnings point.

use crate::Source;
use crate::ir::{Model, Occurs, Operation, Primitive, Protocol, StructDef, TypeKind, TypeRef};
use crate::read::{Kind, detect, read_sources};

const S11: &str = "http://schemas.xmlsoap.org/soap/envelope/";
const S12: &str = "http://www.w3.org/2003/05/soap-envelope";
const XSI: &str = "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";

/// An envelope as a Markdown page shows it: fenced, `body` inside `soap:Body`, `before`
/// between `Envelope` and `Body`.
fn fenced(ns: &str, before: &str, body: &str) -> String {
    format!(
        "```xml\n<soap:Envelope xmlns:soap=\"{ns}\" {XSI} xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">\n{before}  <soap:Body>\n{body}\n  </soap:Body>\n</soap:Envelope>\n```\n"
    )
}

fn read(name: &str, text: &str) -> Model {
    read_sources(&[Source::new(name, text)]).unwrap_or_else(|e| panic!("{}", e.summary()))
}

fn op<'m>(m: &'m Model, name: &str) -> &'m Operation {
    m.services
        .iter()
        .flat_map(|s| &s.operations)
        .find(|o| o.name == name)
        .unwrap_or_else(|| panic!("no operation {name}"))
}

fn strukt<'m>(m: &'m Model, ty: &TypeRef) -> &'m StructDef {
    match ty {
        TypeRef::Named(id) => match &m.ty(*id).kind {
            TypeKind::Struct(s) => s,
            k => panic!("not a struct: {k:?}"),
        },
        t => panic!("not named: {t:?}"),
    }
}

fn field_ty(m: &Model, ty: &TypeRef, field: &str) -> TypeRef {
    let s = strukt(m, ty);
    s.fields
        .iter()
        .find(|f| f.name.local == field)
        .unwrap_or_else(|| panic!("no {field}"))
        .ty
        .clone()
}

fn warnings(m: &Model) -> Vec<String> {
    m.warnings
        .iter()
        .map(|w| format!("{}:{}:{}: {}", w.at.file, w.at.line, w.at.column, w.message))
        .collect()
}

fn warned(m: &Model, needle: &str) -> String {
    let all = warnings(m);
    all.iter()
        .find(|w| w.contains(needle))
        .cloned()
        .unwrap_or_else(|| panic!("no warning {needle:?} in {all:#?}"))
}

const P: Primitive = Primitive::String;

#[test]
fn text_without_envelopes_keeps_its_refusal_and_with_them_is_documentation() {
    let e =
        read_sources(&[Source::new("t.md", "# Notes\n\nNothing to see.\n")]).unwrap_err().summary();
    assert!(
        e.starts_with("t.md:1:1: expected") && e.contains("without a sample request line"),
        "{e}"
    );
    // An envelope mentioned inline in prose is no example.
    let inline = format!("Wrap calls in `<soap:Envelope xmlns:soap=\"{S11}\">`.\n");
    assert!(
        read_sources(&[Source::new("i.md", inline)])
            .unwrap_err()
            .summary()
            .contains("without a sample request line")
    );
    let page = format!("# Docs\n{}", fenced(S11, "", "<Ping xmlns=\"urn:p\"/>"));
    assert_eq!(detect(&Source::new("d.md", page)).unwrap(), Kind::Documented);
    // One envelope alone is still a raw envelope; one followed by prose is documentation.
    let raw = format!(
        "<soap:Envelope xmlns:soap=\"{S11}\"><soap:Body><Ping xmlns=\"urn:p\"/></soap:Body></soap:Envelope>"
    );
    assert_eq!(detect(&Source::new("r.xml", raw.clone())).unwrap(), Kind::Envelope);
    let led = format!(
        "{raw}\n\nThe response:\n\n<soap:Envelope xmlns:soap=\"{S11}\"><soap:Body><PingResponse xmlns=\"urn:p\"/></soap:Body></soap:Envelope>\n"
    );
    assert_eq!(detect(&Source::new("l.txt", led.clone())).unwrap(), Kind::Documented);
    let m = read("l.txt", &led);
    assert!(matches!(op(&m, "Ping").output.ty, TypeRef::Named(_)));
}

#[test]
fn names_pair_before_order_and_headings_decide_roles() {
    let page = [
        "# Billing API\n".to_owned(),
        fenced(S11, "", "<CreateInvoice xmlns=\"urn:b\"><Amount xsi:type=\"xsd:decimal\">1</Amount></CreateInvoice>"),
        fenced(S11, "", "<VoidInvoice xmlns=\"urn:b\"><Id>INV-1</Id></VoidInvoice>"),
        fenced(S11, "", "<VoidInvoiceResponse xmlns=\"urn:b\"><Done>true</Done></VoidInvoiceResponse>"),
        fenced(S11, "", "<CreateInvoiceResponse xmlns=\"urn:b\"><Id>INV-1</Id></CreateInvoiceResponse>"),
        "### Request\n".to_owned(),
        fenced(S11, "", "<Lookup xmlns=\"urn:b\"><Id>INV-1</Id></Lookup>"),
        "### Response\n".to_owned(),
        fenced(S11, "", "<InvoiceRecord xmlns=\"urn:b\"><Id>INV-1</Id></InvoiceRecord>"),
    ]
    .concat();
    let m = read("b.md", &page);
    assert_eq!(m.services.len(), 1);
    assert_eq!(m.services[0].name, "BillingService");
    let names: Vec<&str> = m.services[0].operations.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["CreateInvoice", "VoidInvoice", "Lookup"]);
    assert_eq!(op(&m, "CreateInvoice").output.element.local, "CreateInvoiceResponse");
    assert_eq!(op(&m, "VoidInvoice").output.element.local, "VoidInvoiceResponse");
    assert_eq!(op(&m, "Lookup").output.element.local, "InvoiceRecord");
    warned(&m, "<InvoiceRecord> is taken as the response of Lookup");
}

#[test]
fn an_unpaired_request_keeps_its_response_raw_and_says_so() {
    let page = fenced(S12, "", "<Notify xmlns=\"urn:n\"><Text>hi</Text></Notify>");
    let m = read("n.md", &page);
    assert_eq!(op(&m, "Notify").output.ty, TypeRef::RawXml);
    warned(&m, "no response sample for operation Notify");
    assert_eq!(op(&m, "Notify").bindings[0].protocol, Protocol::Soap12);
}

#[test]
fn xsi_types_come_first_with_their_prefixes_resolved() {
    let body = "<Put xmlns=\"urn:x\" xmlns:s=\"http://www.w3.org/2001/XMLSchema\" xmlns:enc=\"http://schemas.xmlsoap.org/soap/encoding/\">\
        <A xsi:type=\"xsd:int\">3</A><B xsi:type=\"s:long\">3</B><C xsi:type=\"xsd:string\">42</C>\
        <D xsi:type=\"enc:boolean\">1</D><E xsi:type=\"xsd:dateTime\"></E>\
        <F xsi:type=\"ns9:int\">7</F><G xsi:type=\"xsd:Widget\">8</G></Put>";
    let m = read("x.md", &fenced(S11, "", body));
    let input = &op(&m, "Put").input.ty;
    let ty = |f: &str| field_ty(&m, input, f);
    assert_eq!(ty("A"), TypeRef::Primitive(Primitive::Int));
    assert_eq!(ty("B"), TypeRef::Primitive(Primitive::Long));
    assert_eq!(ty("C"), TypeRef::Primitive(P));
    assert_eq!(ty("D"), TypeRef::Primitive(Primitive::Boolean));
    assert_eq!(ty("E"), TypeRef::Primitive(Primitive::DateTime));
    // An undeclared prefix or a type XML Schema lacks: warned, then typed from the value.
    assert_eq!(ty("F"), TypeRef::Primitive(Primitive::Long));
    warned(
        &m,
        "xsi:type=\"ns9:int\", which names no built-in XML Schema type (its prefix is not declared)",
    );
    assert_eq!(ty("G"), TypeRef::Primitive(Primitive::Long));
    warned(&m, "xsi:type=\"xsd:Widget\"");
    // xsi:type is no guess: no value warning for A.
    assert!(!warnings(&m).iter().any(|w| w.contains("<A>")), "{:#?}", warnings(&m));
}

#[test]
fn each_value_rule_types_and_warns_at_the_value() {
    let body = "    <Put xmlns=\"urn:v\">\n      <Count>3</Count>\n      <Total>12.50</Total>\n      <Ok>true</Ok>\n      <At>2024-05-01T10:00:00Z</At>\n      <Day>2024-05-01</Day>\n      <Time>10:30:00</Time>\n      <Id>3f2504e0-4f89-11d3-9a0c-0305e82c3301</Id>\n      <Blob>SGVsbG8gd29ybGQ=</Blob>\n      <Zip>01234</Zip>\n      <Card>12345678901234567890</Card>\n      <Version>1.2.3</Version>\n      <Word>abcd</Word>\n    </Put>";
    let page = format!("Intro\n\n{}", fenced(S11, "", body));
    let m = read("v.md", &page);
    let input = &op(&m, "Put").input.ty;
    for (field, p) in [
        ("Count", Primitive::Long),
        ("Total", Primitive::Decimal),
        ("Ok", Primitive::Boolean),
        ("At", Primitive::DateTime),
        ("Day", Primitive::Date),
        ("Time", Primitive::Time),
        ("Id", Primitive::Guid),
        ("Blob", Primitive::Base64Binary),
        ("Zip", P),
        ("Card", P),
        ("Version", P),
        ("Word", P),
    ] {
        assert_eq!(field_ty(&m, input, field), TypeRef::Primitive(p), "{field}");
    }
    // Line 7 of the page is `      <Count>3</Count>`: the warning points at the 3.
    assert_eq!(
        warned(&m, "<Count>"),
        "v.md:7:14: <Count> has no xsi:type; typed from the example value '3' as long"
    );
    assert!(
        warned(&m, "<Zip>")
            .starts_with("v.md:15:12: <Zip> shows '01234', typed as string (leading zeros")
    );
    warned(&m, "<Card> shows '12345678901234567890', typed as string");
    warned(&m, "<Version> shows '1.2.3', typed as string");
    // Plain text is a string beyond doubt: nothing to warn about.
    assert!(!warnings(&m).iter().any(|w| w.contains("<Word>")));
}

#[test]
fn repeated_siblings_are_lists() {
    let body = "<Tag xmlns=\"urn:l\"><Name>a</Name><Name>b</Name><Items><Item>1</Item><Item>2</Item></Items></Tag>";
    let m = read("l.md", &fenced(S11, "", body));
    let s = strukt(&m, &op(&m, "Tag").input.ty);
    assert_eq!(s.fields[0].occurs, Occurs::Many);
    assert!(
        matches!(&s.fields[1].ty, TypeRef::Wrapped(l) if l.item_ty == TypeRef::Primitive(Primitive::Long))
    );
}

#[test]
fn elements_before_the_body_are_header_blocks_like_header_children() {
    let before = "  <a:Auth xmlns:a=\"urn:auth\"><a:Key>k</a:Key></a:Auth>\n  <soap:Header><t:Trace xmlns:t=\"urn:t\"><t:Id>x</t:Id></t:Trace></soap:Header>\n";
    let page = format!(
        "{}{}",
        fenced(S12, before, "<Go xmlns=\"urn:g\"/>"),
        "```xml\n<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\"><soap:Body><GoResponse xmlns=\"urn:g\"/></soap:Body><Late xmlns=\"urn:g\"/></soap:Envelope>\n```\n"
    );
    let m = read("h.md", &page);
    let headers: Vec<&str> =
        op(&m, "Go").headers.iter().map(|h| h.element.local.as_str()).collect();
    assert_eq!(headers, ["Trace", "Auth"]);
    assert_eq!(op(&m, "Go").headers[1].element.namespace, "urn:auth");
    warned(&m, "<Late> follows the SOAP Body; ignored");
}

#[test]
fn actions_endpoints_and_names_come_from_the_page() {
    let page = [
        "Orders\n\nThe service address is https://api.example.com/orders.svc.\n\n".to_owned(),
        "SOAPAction: \"urn:o/Place\"\n".to_owned(),
        fenced(S11, "", "<Place xmlns=\"urn:o\"/>"),
        fenced(S11, "", "<Cancel xmlns=\"urn:o\"/>"),
    ]
    .concat();
    let m = read("o.txt", &page);
    let s = &m.services[0];
    assert_eq!(s.name, "OrdersService");
    assert_eq!(s.endpoints[0].address, "https://api.example.com/orders.svc");
    let place = &op(&m, "Place").bindings[0];
    assert_eq!((place.action.as_deref(), place.action_inferred), (Some("urn:o/Place"), false));
    let cancel = &op(&m, "Cancel").bindings[0];
    assert_eq!((cancel.action.as_deref(), cancel.action_inferred), (Some("urn:o/Cancel"), true));
    warned(
        &m,
        "the page states no SOAPAction for Cancel; the conventional \"urn:o/Cancel\" is assumed",
    );

    // A POST line names the endpoint of its example; nothing else names the service but
    // its namespace; no endpoint at all leaves it to the caller.
    let page = format!(
        "POST https://h.example/soap12\n{}",
        fenced(S12, "", "<Ping xmlns=\"http://acme.example/billing\"/>")
    );
    let m = read("p.md", &page);
    assert_eq!(m.services[0].endpoints[0].address, "https://h.example/soap12");
    assert_eq!(m.services[0].name, "billing");
    let m = read("q.md", &fenced(S12, "", "<Ping xmlns=\"urn:q\"/>"));
    assert!(m.services[0].endpoints.is_empty());
    assert!(warned(&m, "the page states no endpoint").starts_with("q.md:2:1: "));
}

#[test]
fn faults_and_empty_bodies_are_skipped_with_a_warning() {
    let fault =
        "<soap:Fault><faultcode>soap:Client</faultcode><faultstring>x</faultstring></soap:Fault>";
    let page = format!("{}{}", fenced(S11, "", "<Ping xmlns=\"urn:f\"/>"), fenced(S11, "", fault));
    let m = read("f.md", &page);
    warned(&m, "skipped an example envelope: ");
    assert_eq!(op(&m, "Ping").output.ty, TypeRef::RawXml);
    let e = read_sources(&[Source::new("e.md", fenced(S11, "", fault))]).unwrap_err().summary();
    assert!(e.starts_with("e.md:2:1: expected a SOAP request or response envelope"), "{e}");
}

#[test]
fn broken_examples_and_doctypes_are_located_errors() {
    let page = format!("# X\n\n{}", fenced(S11, "", "<Op xmlns=\"urn:x\"><a>1</b></Op>"));
    let e = read_sources(&[Source::new("b.md", page)]).unwrap_err().summary();
    assert!(e.starts_with("b.md:6:23: expected </a>, found </b>"), "{e}");
    let page = format!(
        "```\n<!DOCTYPE x [<!ENTITY e \"boom\">]>\n{}",
        fenced(S11, "", "<Op xmlns=\"urn:x\">&e;</Op>")
    );
    let e = read_sources(&[Source::new("d.md", page)]).unwrap_err().summary();
    assert!(e.starts_with("d.md:2:1: expected no DOCTYPE"), "{e}");
}

#[test]
fn html_pages_warn_at_the_page_line_and_column() {
    let page = "<!DOCTYPE html>\n<html><head><title>T</title></head><body>\n<h1>Stock API</h1>\n<p>Endpoint: <a href=\"https://s.example/stock\">https://s.example/stock</a></p>\n<h2>Request</h2>\n<pre>&lt;soap:Envelope xmlns:soap=&quot;http://www.w3.org/2003/05/soap-envelope&quot;&gt;\n  &lt;soap:Body&gt;\n    &lt;Get xmlns=&quot;urn:s&quot;&gt;&lt;Count&gt;7&lt;/Count&gt;&lt;/Get&gt;\n  &lt;/soap:Body&gt;\n&lt;/soap:Envelope&gt;</pre>\n</body></html>\n";
    let m = read("s.html", page);
    assert_eq!(m.services[0].name, "StockService");
    assert_eq!(m.services[0].endpoints[0].address, "https://s.example/stock");
    // Line 8 of the HTML: `    &lt;Get xmlns=&quot;urn:s&quot;&gt;&lt;Count&gt;7…`; the 7 is column 53.
    let w = warned(&m, "<Count>");
    assert!(w.starts_with("s.html:8:53: "), "{w}");
}

#[test]
fn overrides_replace_a_guessed_type() {
    let page = fenced(S11, "", "<Get xmlns=\"urn:o\"><Count>3</Count></Get>");
    let toml = "[types.Get.fields.Count]\ntype = \"int\"\n";
    let overrides = crate::Overrides::parse(Source::new("soapgen.toml", toml)).unwrap();
    let options =
        crate::Options { overrides: Some(std::sync::Arc::new(overrides)), ..Default::default() };
    let out = crate::generate(&[Source::new("o.md", page.clone())], &options).unwrap();
    assert!(out.code.contains("pub count: i32"), "{}", out.code);
    let plain = crate::generate(&[Source::new("o.md", page)], &Default::default()).unwrap();
    assert!(plain.code.contains("pub count: i64"), "{}", plain.code);
}
