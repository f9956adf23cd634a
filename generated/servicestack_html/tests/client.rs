//! A ServiceStack metadata page as the service serves it (HTML): the parameter tables
//! type the fields, the request matches the page's sample, the response sample parses,
//! and a call reaches a real server.

use servicestack_html::*;
use soapgen_runtime::{DateTime, Decimal, HttpResponse, XmlValue};
use testkit::{TestServer, pages};

const PAGE: &str = include_str!("../../../samples/servicestack_html/CreateShipment.html");
const PATH: &str = "/xml/reply/CreateShipment";

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

/// The request sample, then the response sample.
fn samples() -> Vec<String> {
    pages::documents(&page_text(PAGE))
}

fn request() -> CreateShipment {
    CreateShipment {
        express: Some(true),
        pieces: Some(3),
        reference: "PO-2024-17".into(),
        ship_date: Some(DateTime::parse_lexical("2024-05-01T10:00:00").unwrap()),
        tags: vec!["fragile".into()],
        weight: Decimal::parse_lexical("12.75").unwrap(),
    }
}

#[test]
fn the_request_matches_the_sample() {
    let docs = samples();
    assert_eq!(docs.len(), 2, "{docs:?}");
    let http = ShippingWebServicesClient::new().build_create_shipment(&request()).unwrap();
    assert_eq!(http.url, format!("http://shipping.example.com{PATH}"));
    assert_eq!(http.header("Content-Type"), Some("application/xml"));
    let want = [
        ("Express", "true"),
        ("Pieces", "3"),
        ("Reference", "PO-2024-17"),
        ("ShipDate", "2024-05-01T10:00:00"),
        ("string", "fragile"),
        ("Weight", "12.75"),
    ]
    .iter()
    .fold(docs[0].clone(), |doc, (name, value)| pages::fill(&doc, name, value));
    let body = String::from_utf8(http.body).unwrap();
    assert_eq!(pages::canonical(&body), pages::canonical(&want));
}

fn response() -> String {
    [
        ("Cost", "18.40"),
        ("TrackingNumber", "1Z999"),
        ("ErrorCode", "Warning"),
        ("Message", "Weight rounded"),
        ("StackTrace", ""),
        ("FieldName", "Weight"),
    ]
    .iter()
    .fold(samples()[1].clone(), |doc, (name, value)| pages::fill(&doc, name, value))
}

#[test]
fn the_response_sample_parses() {
    let parsed = ShippingWebServicesClient::parse_create_shipment(&HttpResponse::new(
        200,
        None,
        response().into_bytes(),
    ))
    .unwrap();
    assert_eq!(parsed.cost, Some(Decimal::parse_lexical("18.40").unwrap()));
    assert_eq!(parsed.tracking_number.as_deref(), Some("1Z999"));
    let status = parsed.response_status.unwrap();
    assert_eq!(status.errors[0].field_name.as_deref(), Some("Weight"));
}

#[test]
fn calls_a_real_server() {
    let server = TestServer::start(200, "application/xml", response());
    let reply = ShippingWebServicesClient::new()
        .with_endpoint(server.url(""))
        .create_shipment(&request())
        .unwrap();
    assert_eq!(reply.tracking_number.as_deref(), Some("1Z999"));
    let seen = &server.requests()[0];
    assert_eq!((seen.method.as_str(), seen.path.as_str()), ("POST", PATH));
    assert!(seen.body.contains("<Reference>PO-2024-17</Reference>"), "{}", seen.body);
}
