//! `samples/wsdl_multi`: a service whose interface comes by `wsdl:import` and whose types
//! come by `xs:import`/`xs:include` from three schema files; two `Address` types in two
//! namespaces both survive; SOAP 1.1 and 1.2 ports (the HTTP GET port, naming no response
//! document, is passed over with a warning).

use soapgen_runtime::{Decimal, SoapVersion, XmlValue};
use testkit::{TestServer, round_trip};
use wsdl_multi::*;

fn customer() -> Customer {
    Customer {
        name: "Ann".into(),
        bill_to: CustomerAddress { line1: "1 Main St".into(), post_code: "12345".into() },
    }
}

fn order() -> PlaceOrder {
    PlaceOrder {
        order: Order {
            id: "o-1".into(),
            customer: customer(),
            ship_to: OrderAddress { street: "2 Side St".into(), city: "Oslo".into() },
            total: Money { currency: "EUR".into(), value: Decimal::parse_lexical("9.99").unwrap() },
            status: Status::Open,
        },
    }
}

#[test]
fn types_from_every_file_round_trip() {
    round_trip(&order(), NS1, "PlaceOrder");
    round_trip(&PlaceOrderResponse { status: Status::from("Held") }, NS1, "PlaceOrderResponse");
    round_trip(&GetCustomer { id: "c-1".into() }, NS1, "GetCustomer");
    round_trip(&GetCustomerResponse { customer: Some(customer()) }, NS1, "GetCustomerResponse");
    round_trip(&GetCustomerResponse { customer: None }, NS1, "GetCustomerResponse");
}

#[test]
fn both_soap_versions_call_the_service() {
    for (version, content_type, env) in [
        (SoapVersion::Soap11, "text/xml", "http://schemas.xmlsoap.org/soap/envelope/"),
        (SoapVersion::Soap12, "application/soap+xml", "http://www.w3.org/2003/05/soap-envelope"),
    ] {
        let server = TestServer::start(
            200,
            content_type,
            format!(
                r#"<e:Envelope xmlns:e="{env}"><e:Body><PlaceOrderResponse xmlns="urn:multi/messages"><Status>Shipped</Status></PlaceOrderResponse></e:Body></e:Envelope>"#
            ),
        );
        let client = OrdersClient::new()
            .with_endpoint(server.url("/orders.asmx"))
            .with_soap_version(version);
        let reply = client.place_order(&order()).unwrap();
        assert_eq!(reply.status, Status::Shipped);
        let seen = &server.requests()[0];
        assert!(seen.header("Content-Type").unwrap().starts_with(content_type));
        // The order's types keep their own namespaces on the wire.
        assert!(seen.body.contains("urn:multi/orders"), "{}", seen.body);
        assert!(seen.body.contains("currency=\"EUR\""), "{}", seen.body);
    }
}
