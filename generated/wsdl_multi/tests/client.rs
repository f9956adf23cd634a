//! `samples/wsdl_multi`: a service whose interface comes by `wsdl:import` and whose types
//! come by `xs:import`/`xs:include` from three schema files; two `Address` types in two
//! namespaces both survive; SOAP 1.1 and 1.2 ports (the HTTP GET port is passed over).

use soapgen_runtime::{Decimal, SoapVersion, XmlRead, XmlReader, XmlValue, XmlWrite, XmlWriter};
use testkit::TestServer;
use wsdl_multi::*;

fn round_trip<T: XmlWrite + XmlRead + PartialEq + std::fmt::Debug>(value: &T, local: &str) {
    let mut w = XmlWriter::new();
    value.write_xml(&mut w, NS1, local);
    let xml = w.finish().unwrap();
    let mut r = XmlReader::new(&xml);
    r.next_child().unwrap();
    assert_eq!(&T::read_xml(&mut r).unwrap(), value, "{xml}");
}

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
    round_trip(&order(), "PlaceOrder");
    round_trip(&PlaceOrderResponse { status: Status::from("Held") }, "PlaceOrderResponse");
    round_trip(&GetCustomer { id: "c-1".into() }, "GetCustomer");
    round_trip(&GetCustomerResponse { customer: Some(customer()) }, "GetCustomerResponse");
    round_trip(&GetCustomerResponse { customer: None }, "GetCustomerResponse");
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
