//! An ASMX help page as ASP.NET serves it (HTML: escaped samples in `<pre>` blocks, every
//! placeholder in `<font class=value>`): the requests match the page's samples, the
//! response samples parse, and a call reaches a real server.

use asmx_html::*;
use soapgen_runtime::{DateTime, Decimal, HttpResponse, SoapVersion, XmlValue};
use testkit::{TestServer, pages};

const GET_STOCK: &str = include_str!("../../../samples/asmx_html/GetStock.html");
const ADJUST_STOCK: &str = include_str!("../../../samples/asmx_html/AdjustStock.html");
const PATH: &str = "/inventory/InventoryService.asmx";

/// The page's text as a browser shows it: tags dropped, entities decoded. Written apart
/// from soapgen's HTML reader, so the test does not check the reader against itself.
fn page_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        rest = &rest[rest.find('>').map_or(rest.len(), |e| e + 1)..];
    }
    out.push_str(rest);
    out.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&")
}

/// The SOAP 1.1 request and response, then the SOAP 1.2 ones.
fn samples(html: &str) -> Vec<String> {
    pages::documents(&page_text(html))
}

fn client() -> InventoryServiceClient {
    InventoryServiceClient::new().with_api_key_header(ApiKeyHeader { key: Some("k-123".into()) })
}

#[test]
fn requests_match_the_pages_samples() {
    let docs = samples(GET_STOCK);
    let request = GetStock { sku: Some("AB-1".into()), warehouse_id: 7 };
    for (version, sample) in [(SoapVersion::Soap11, &docs[0]), (SoapVersion::Soap12, &docs[2])] {
        let http = client().with_soap_version(version).build_get_stock(&request).unwrap();
        let mut want = pages::fill(sample, "Key", "k-123");
        want = pages::fill(&want, "sku", "AB-1");
        want = pages::fill(&want, "warehouseId", "7");
        let body = String::from_utf8(http.body).unwrap();
        assert_eq!(pages::canonical(&body), pages::canonical(&want), "{version:?}");
    }
    let docs = samples(ADJUST_STOCK);
    let request = AdjustStock {
        sku: Some("AB-1".into()),
        warehouse_id: 7,
        delta: Decimal::parse_lexical("-2.5").unwrap(),
        reasons: vec!["damaged".into(), "recount".into()],
    };
    let http = client().build_adjust_stock(&request).unwrap();
    let mut want = pages::fill(&docs[0], "Key", "k-123");
    for (name, value) in [("sku", "AB-1"), ("warehouseId", "7"), ("delta", "-2.5")] {
        want = pages::fill(&want, name, value);
    }
    // The page shows the list's item twice; the request sends the two reasons.
    let first = want.find("<string>").unwrap();
    want = format!("{}{}", &want[..first], pages::fill(&want[first..], "string", "damaged"));
    let second = want.rfind("<string>").unwrap();
    want = format!("{}{}", &want[..second], pages::fill(&want[second..], "string", "recount"));
    let body = String::from_utf8(http.body).unwrap();
    assert_eq!(pages::canonical(&body), pages::canonical(&want));
}

fn filled_response(sample: &str) -> String {
    let mut doc = sample.to_owned();
    for (name, value) in [
        ("Sku", "AB-1"),
        ("Warehouse", "7"),
        ("OnHand", "42"),
        ("Status", "Backordered"),
        ("UpdatedAt", "2024-05-01T10:00:00Z"),
        ("string", "A-03"),
    ] {
        doc = pages::fill(&doc, name, value);
    }
    doc
}

#[test]
fn response_samples_parse() {
    let docs = samples(GET_STOCK);
    for sample in [&docs[1], &docs[3]] {
        let response = HttpResponse::new(200, None, filled_response(sample).into_bytes());
        let parsed = InventoryServiceClient::parse_get_stock(&response).unwrap();
        let result = parsed.get_stock_result.unwrap();
        assert_eq!(result.sku.as_deref(), Some("AB-1"));
        assert_eq!((result.warehouse, result.on_hand), (7, 42));
        assert_eq!(result.status, Status::Backordered);
        assert_eq!(result.updated_at, DateTime::parse_lexical("2024-05-01T10:00:00Z").unwrap());
        assert_eq!(result.bins, ["A-03", "A-03"]);
    }
    let docs = samples(ADJUST_STOCK);
    let response = HttpResponse::new(
        200,
        None,
        pages::fill(&docs[1], "AdjustStockResult", "39.5").into_bytes(),
    );
    let parsed = InventoryServiceClient::parse_adjust_stock(&response).unwrap();
    assert_eq!(parsed.adjust_stock_result, Decimal::parse_lexical("39.5").unwrap());
}

#[test]
fn calls_a_real_server() {
    let docs = samples(GET_STOCK);
    let server = TestServer::start(200, "text/xml; charset=utf-8", filled_response(&docs[1]));
    let reply = client()
        .with_endpoint(server.url(PATH))
        .get_stock(&GetStock { sku: Some("AB-1".into()), warehouse_id: 7 })
        .unwrap();
    assert_eq!(reply.get_stock_result.unwrap().on_hand, 42);
    let seen = &server.requests()[0];
    assert_eq!((seen.method.as_str(), seen.path.as_str()), ("POST", PATH));
    assert_eq!(seen.header("SOAPAction"), Some("\"http://example.com/inventory/GetStock\""));
    assert!(seen.body.contains("<Key>k-123</Key>"), "{}", seen.body);
}
