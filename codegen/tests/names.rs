//! Clients of pages that do not name their service are named from the namespace or the
//! operations, never from a path segment that only names the protocol.

use soapgen::{Options, Source};

fn page(path: &str, namespace: &str, operation: &str) -> String {
    format!(
        "POST {path} HTTP/1.1\nHost: h.example.net\nContent-Type: application/soap+xml; charset=utf-8\n\n\
<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
<soap12:Envelope xmlns:soap12=\"http://www.w3.org/2003/05/soap-envelope\">\n\
  <soap12:Body>\n    <{operation} xmlns=\"{namespace}\">\n      <id>int</id>\n    </{operation}>\n  </soap12:Body>\n</soap12:Envelope>\n"
    )
}

fn client_name(pages: &[String]) -> String {
    let sources: Vec<Source> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| Source::new(format!("p{i}.txt"), p.as_str()))
        .collect();
    let out = soapgen::generate(&sources, &Options::default()).unwrap();
    let at = out.code.find("pub struct ").unwrap();
    let rest = &out.code[at + "pub struct ".len()..];
    rest[..rest.find(['<', ' ', '{']).unwrap()].to_owned()
}

#[test]
fn a_protocol_path_does_not_name_the_client() {
    let pages = [page("/soap12", "http://acme.example.net/billing/v2", "GetInvoice")];
    assert_eq!(client_name(&pages), "BillingClient");
}

#[test]
fn without_a_namespace_name_the_operations_name_it() {
    let pages = [
        page("/soap12", "http://tempuri.org/", "GetStock"),
        page("/soap12", "http://tempuri.org/", "AdjustStock"),
    ];
    assert_eq!(client_name(&pages), "StockServiceClient");
    assert_eq!(
        client_name(&[page("/api/soap", "http://tempuri.org/", "Echo")]),
        "EchoServiceClient"
    );
}

#[test]
fn a_file_name_still_names_the_client() {
    let pages = [page("/svc/Orders.asmx", "http://tempuri.org/", "GetOrder")];
    assert_eq!(client_name(&pages), "OrdersClient");
}
