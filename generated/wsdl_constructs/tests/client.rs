//! `samples/wsdl_constructs`: one XML Schema construct per field or type, each written and
//! read back equal, and a call carrying every built-in type.

use soapgen_runtime::{AnyElement, RawXml, XmlReader, XmlValue, XmlWrite, XmlWriter};
use testkit::{TestServer, round_trip};
use wsdl_constructs::*;

fn parse<V: XmlValue>(text: &str) -> V {
    V::parse_lexical(text).unwrap()
}

fn any(xml: &str) -> AnyElement {
    let mut r = XmlReader::new(xml);
    let tag = r.next_child().unwrap().unwrap();
    AnyElement::read_xml(&mut r, &tag).unwrap()
}

const NS: &str = "urn:constructs";

fn everything() -> Everything {
    Everything {
        version: 3,
        revision: Some("A".into()),
        mode: Some(Mode::Safe),
        by_name_or_by_id: ByNameOrById::ById(7),
        add_or_remove: vec![
            AddOrRemove::Add("a".into()),
            AddOrRemove::Remove("b".into()),
            AddOrRemove::Add("c".into()),
        ],
        from: Some(parse("2024-01-01")),
        to: Some(parse("2024-01-31")),
        on: None,
        created_by: "ann".into(),
        created_at: parse("2024-02-29T13:45:00Z"),
        target: Some(Target::Address("10.0.0.1".into())),
        size: Size::from("Medium"),
        codes: vec![1, -2, 3],
        key: "42".into(),
        price: Price {
            currency: "EUR".into(),
            discount: Some(parse("12.5")),
            value: parse("99.90"),
        },
        note: None,
        comment: Some("nice".into()),
        shape: vec![
            ShapeChoice::Circle(Box::new(Circle { label: Some("c".into()), radius: 1.5 })),
            ShapeChoice::Square(Box::new(Square { label: None, side: 2.0 })),
        ],
        tags: vec![Some("x".into()), None, Some("y".into())],
        local: "plain".into(),
        tree: Node {
            name: "root".into(),
            parent: Some(Box::new(Node { name: "up".into(), parent: None, children: vec![] })),
            children: vec![Node { name: "kid".into(), parent: None, children: vec![] }],
        },
        item: EverythingItem { item: Some(ItemItem { value: "inner".into() }) },
        text: Text { lang: Some("en".into()), value: "mixed text".into() },
        folder: Folder {
            name: Some("top".into()),
            folder: vec![Folder { name: Some("sub".into()), folder: vec![] }],
        },
        // An element holding a list of itself: a tree, not a list of lists.
        nest: Nest { nest: vec![Nest { nest: vec![] }, Nest { nest: vec![] }] },
        id: parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff"),
        initial: 'Z',
        anything: RawXml::with_namespaces(
            "<free>form</free>",
            vec![(String::new(), NS.to_owned())],
        ),
        retries: 3,
        any: vec![any(r#"<ext xmlns="urn:other" a="1">more</ext>"#)],
    }
}

#[test]
fn every_construct_round_trips() {
    let xml = round_trip(&DescribeResponse { everything: everything() }, NS, "DescribeResponse");
    // Repeated choice keeps document order; the unqualified element has no namespace.
    let add = xml.find("<Add>a</Add>").unwrap();
    let remove = xml.find("<Remove>b</Remove>").unwrap();
    assert!(add < remove && remove < xml.find("<Add>c</Add>").unwrap(), "{xml}");
    assert!(xml.contains("<Local xmlns=\"\">plain</Local>"), "{xml}");
    // Enumerations keep values they do not know; nil is written for nillable items.
    assert!(xml.contains("<Size>Medium</Size>") && xml.contains("nil=\"true\""), "{xml}");

    round_trip(
        &Describe {
            shapes: Shapes {
                shape: vec![ShapeChoice::Square(Box::new(Square { label: None, side: 0.5 }))],
            },
        },
        NS,
        "Describe",
    );
    round_trip(&LabelOnly { label: "only".into() }, NS, "LabelOnly");
}

fn builtins() -> Builtins {
    Builtins {
        string: " spaced & <escaped> ".into(),
        normalized_string: "n".into(),
        token: "t".into(),
        language: "en-GB".into(),
        name: "N".into(),
        nc_name: "nc".into(),
        nmtoken: "tok".into(),
        nmtokens: vec!["a".into(), "b".into()],
        id: "i1".into(),
        idref: "i1".into(),
        idrefs: vec!["i1".into(), "i2".into()],
        entity: "e".into(),
        entities: vec!["e1".into()],
        any_simple_type: "anything".into(),
        boolean: true,
        byte: -8,
        short: -16,
        int: -32,
        long: -64,
        unsigned_byte: 8,
        unsigned_short: 16,
        unsigned_int: 32,
        unsigned_long: u64::MAX,
        integer: 1,
        non_negative_integer: 0,
        non_positive_integer: 0,
        positive_integer: 2,
        negative_integer: -2,
        float: 0.25,
        double: -1e10,
        decimal: parse("-0.001"),
        date_time: parse("2024-02-29T23:59:59.5+02:00"),
        date: parse("2024-02-29"),
        time: parse("23:59:59"),
        duration: parse("P1Y2M3DT4H5M6S"),
        g_year: "2024".into(),
        g_year_month: "2024-02".into(),
        g_month: "--02".into(),
        g_month_day: "--02-29".into(),
        g_day: "---29".into(),
        hex_binary: parse("00FF"),
        base64_binary: parse("AAEC"),
        any_uri: "http://example.com/?a=b&c=d".into(),
        q_name: parse("local"),
        guid: parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff"),
        char: 'é',
    }
}

#[test]
fn every_builtin_type_goes_out_and_back() {
    let b = builtins();
    round_trip(&b, "urn:constructs/builtins", "EchoBuiltins");
    let mut w = XmlWriter::new();
    b.write_xml(&mut w, "urn:constructs/builtins", "EchoBuiltinsResponse");
    let echoed = w.finish().unwrap();
    let server = TestServer::start(
        200,
        "text/xml; charset=utf-8",
        format!(
            r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>{echoed}</s:Body></s:Envelope>"#
        ),
    );
    let client = ConstructsClient::new().with_endpoint(server.url("/constructs"));
    assert_eq!(client.echo_builtins(&b).unwrap(), b);
    let seen = &server.requests()[0];
    assert_eq!(seen.header("SOAPAction"), Some("\"urn:constructs/EchoBuiltins\""));
    // Unqualified locals: the children of the qualified root take no namespace.
    assert!(
        seen.body.contains("<UnsignedLong xmlns=\"\">18446744073709551615</UnsignedLong>")
            || seen.body.contains("<UnsignedLong>18446744073709551615</UnsignedLong>"),
        "{}",
        seen.body
    );
}
