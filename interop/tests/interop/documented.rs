//! The client generated from vendor documentation with concrete envelopes
//! (samples/documented_inventory/inventory_api.md) against the spyne service the page
//! documents (`/inventory/soap12`, SOAP 1.2). The page is the contract: every value the
//! page's responses show comes back, field by field, for the page's requests.

use documented_inventory::*;
use soapgen_runtime::{AsyncHttpTransport, Base64Binary, Date, DateTime, Decimal, Guid, XmlValue};

use crate::values::{fault, ok};

/// The page's endpoint; the tests point the client at the local server instead.
const PAGE_ENDPOINT: &str = "https://inventory.example.com/inventory/soap12";

fn endpoint() -> String {
    interop::spyne().url("/inventory/soap12")
}

/// The header block the page writes straight under `Envelope`; the client sends it in
/// `soap:Header`, where the server looks for it.
fn auth() -> InventoryAuth {
    InventoryAuth {
        api_key: Some("inv-key-42".to_owned()),
        client_id: Some("warehouse-app".to_owned()),
    }
}

fn client() -> InventoryServiceClient {
    let client = InventoryServiceClient::new();
    assert_eq!(client.endpoint(), PAGE_ENDPOINT);
    client.with_endpoint(endpoint()).with_inventory_auth(auth())
}

#[test]
fn get_stock_returns_what_the_page_shows() {
    let who = "documented client, GetStock";
    let request = GetStock { sku: Some("HAM-0042".to_owned()), warehouse: 3 };
    let r = ok(client().get_stock(&request), who, "GetStock");
    let r = r.get_stock_result.expect("GetStockResult");
    assert_eq!(r.sku.as_deref(), Some("HAM-0042"), "{who}");
    assert_eq!(r.warehouse, 3, "{who}");
    // Past i32: the guess of long from the page's 9000000008 is what the server needs.
    assert_eq!(r.quantity, 9_000_000_008, "{who}");
    assert_eq!(r.price, Decimal::new("12.50").unwrap(), "{who}");
    assert!(r.in_stock, "{who}");
    assert_eq!(
        r.updated_at,
        DateTime::parse_lexical("2024-05-01T10:00:00+00:00").unwrap(),
        "{who}"
    );
    assert_eq!(
        r.batch_id,
        "3f2504e0-4f89-11d3-9a0c-0305e82c3301".parse::<Guid>().unwrap(),
        "{who}"
    );
}

#[test]
fn the_header_block_is_required_by_the_server() {
    let who = "documented client without InventoryAuth";
    let client = InventoryServiceClient::new().with_endpoint(endpoint());
    let request = GetStock { sku: Some("HAM-0042".to_owned()), warehouse: 3 };
    let f = fault(client.get_stock(&request), who, "GetStock");
    assert_eq!(f.reason, "InventoryAuth is missing or its ApiKey is wrong", "{who}");
    assert_eq!(f.subcodes, ["Unauthorized"], "{who}");
}

#[test]
fn list_items_sends_repeated_tags_and_reads_the_item_list() {
    let who = "documented client, ListItems";
    let request = ListItems {
        category: Some("tools".to_owned()),
        tag: vec!["red".to_owned(), "steel".to_owned()],
        limit: 2,
    };
    let r = ok(client().list_items(&request), who, "ListItems");
    let items = r.list_items_result;
    let seen: Vec<String> = items
        .iter()
        .map(|i| format!("{:?} {:?} {} {:?}", i.sku, i.name, i.price.as_str(), i.tag))
        .collect();
    assert_eq!(
        seen,
        [
            r#"Some("tools-1") Some("tools item 1") 3.99 Some("red")"#,
            r#"Some("tools-2") Some("tools item 2") 4.99 Some("steel")"#,
        ],
        "{who}"
    );
    // Limit counts: one item for a limit of one.
    let one = ListItems { limit: 1, ..request };
    let r = ok(client().list_items(&one), who, "ListItems");
    assert_eq!(r.list_items_result.len(), 1, "{who}");
}

#[tokio::test]
async fn adjust_stock_round_trips_dates_and_binary_async() {
    let who = "documented client, AdjustStock, async";
    let client = InventoryServiceClient::with_transport(AsyncHttpTransport::new())
        .with_endpoint(endpoint())
        .with_inventory_auth(auth());
    let request = AdjustStock {
        sku: Some("HAM-0042".to_owned()),
        delta: -5,
        effective: Date::parse_lexical("2024-05-01").unwrap(),
        note: Some(Base64Binary(b"Shipped to store 7".to_vec())),
    };
    let r = ok(client.adjust_stock(&request).await, who, "AdjustStock");
    let r = r.adjust_stock_result.expect("AdjustStockResult");
    assert_eq!(r.sku.as_deref(), Some("HAM-0042"), "{who}");
    assert_eq!(r.quantity, 95, "{who}");
    assert_eq!(r.effective, Date::parse_lexical("2024-05-01").unwrap(), "{who}");
    // The server's receipt: the header's client id, the request's values and the note.
    let receipt = r.receipt.expect("Receipt");
    assert_eq!(receipt.0, b"warehouse-app:HAM-0042:-5:Shipped to store 7", "{who}");
    // The page shows the same receipt, base64-encoded.
    let page = include_str!("../../../samples/documented_inventory/inventory_api.md");
    let shown =
        Base64Binary::parse_lexical("d2FyZWhvdXNlLWFwcDpIQU0tMDA0MjotNTpTaGlwcGVkIHRvIHN0b3JlIDc=")
            .unwrap();
    assert!(page.contains("d2FyZWhvdXNlLWFwcDpIQU0tMDA0MjotNTpTaGlwcGVkIHRvIHN0b3JlIDc="));
    assert_eq!(receipt, shown, "{who}");
}
