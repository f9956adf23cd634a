//! zeep and the generated clients send the same calls; their envelopes must mean the same
//! (compared after resolving prefixes and dropping indentation: `testkit::pages::canonical`)
//! and the server must accept both.

use interop::{HEADER_PASSWORD, HEADER_USER, Peer, SoapVersion, zeep_calls};
use serde_json::{Value, json};
use soapgen_runtime::{Error, HttpRequest, HttpResponse, HttpTransport};
use testkit::pages::canonical;

use crate::peers::VERSIONS;
use crate::values::{BIG_DECIMAL, MARKUP, UNICODE, WITH_ZONE};

/// The calls, as zeep's keyword arguments; `requests!` builds the same with a generated
/// client, in the same order.
fn zeep_args() -> Vec<(&'static str, Value)> {
    vec![
        ("ResetPassword", json!({"authToken": "tok-123", "email": UNICODE, "password": MARKUP})),
        (
            "ChangePassword",
            json!({"username": "alice", "oldPassword": "old-secret", "newPassword": "new-secret"}),
        ),
        (
            "UpdateOrder",
            json!({"order": {"Id": 7, "CustId": 42, "Value": 1.5, "Amount": "12.50",
                "Payed": true, "ChangeDate": WITH_ZONE, "Text": MARKUP,
                "Customer": {"Name": "", "Email": UNICODE}}}),
        ),
        (
            "GetAccount",
            json!({"username": "bob", "_soapheaders":
                {"AuthHeader": {"UserName": HEADER_USER, "Password": HEADER_PASSWORD}}}),
        ),
        ("ListOrders", json!({"customerId": 3})),
        ("SumValues", json!({"values": {"double": [0.5, -2.25]}})),
        (
            "EchoNumbers",
            json!({"numbers": {"Int": i32::MAX, "Long": i64::MIN, "Double": 0.1,
                "Decimal": BIG_DECIMAL}}),
        ),
        ("Echo", json!({"text": MARKUP, "nullable": null})),
        ("Fail", json!({"reason": UNICODE})),
    ]
}

/// Expands to `requests(client)`: the calls of [`zeep_args`] built by `$krate`'s client, and
/// `accepts(operation, response)`: whether its parser takes the server's response.
macro_rules! requests {
    ($krate:ident) => {
        use interop::field::put;
        use soapgen_runtime::{Error, HttpRequest, HttpResponse};
        use $krate::*;

        use crate::values::*;

        pub fn requests(client: &InteropServiceClient) -> Vec<HttpRequest> {
            let order = Order {
                id: put(7),
                cust_id: put(42),
                value: put(1.5),
                amount: put(dec("12.50")),
                payed: put(true),
                change_date: put(dt(WITH_ZONE)),
                text: put(MARKUP.to_owned()),
                customer: Some(Customer {
                    name: put(String::new()),
                    email: put(UNICODE.to_owned()),
                }),
            };
            let numbers = Numbers {
                int: put(i32::MAX),
                long: put(i64::MIN),
                double: put(0.1),
                decimal: put(dec(BIG_DECIMAL)),
            };
            let authed = client.clone().with_auth_header(AuthHeader {
                user_name: put(interop::HEADER_USER.to_owned()),
                password: put(interop::HEADER_PASSWORD.to_owned()),
            });
            [
                client.build_reset_password(&ResetPassword {
                    auth_token: put("tok-123".to_owned()),
                    email: put(UNICODE.to_owned()),
                    password: put(MARKUP.to_owned()),
                }),
                client.build_change_password(&ChangePassword {
                    username: put("alice".to_owned()),
                    old_password: put("old-secret".to_owned()),
                    new_password: put("new-secret".to_owned()),
                }),
                client.build_update_order(&UpdateOrder { order: Some(order) }),
                authed.build_get_account(&GetAccount { username: put("bob".to_owned()) }),
                client.build_list_orders(&ListOrders { customer_id: put(3) }),
                client.build_sum_values(&SumValues { values: vec![put(0.5), put(-2.25)] }),
                client.build_echo_numbers(&EchoNumbers { numbers: Some(numbers) }),
                client.build_echo(&Echo { text: Some(MARKUP.to_owned()), nullable: None }),
                client.build_fail(&Fail { reason: put(UNICODE.to_owned()) }),
            ]
            .into_iter()
            .map(|r| r.expect("a request"))
            .collect()
        }

        pub fn accepts(operation: &str, response: &HttpResponse) -> Result<(), Error> {
            type C = InteropServiceClient;
            match operation {
                "ResetPassword" => C::parse_reset_password(response).map(drop),
                "ChangePassword" => C::parse_change_password(response).map(drop),
                "UpdateOrder" => C::parse_update_order(response).map(drop),
                "GetAccount" => C::parse_get_account(response).map(drop),
                "ListOrders" => C::parse_list_orders(response).map(drop),
                "SumValues" => C::parse_sum_values(response).map(drop),
                "EchoNumbers" => C::parse_echo_numbers(response).map(drop),
                "Echo" => C::parse_echo(response).map(drop),
                "Fail" => C::parse_fail(response).map(drop),
                other => panic!("no operation {other}"),
            }
        }
    };
}

mod node {
    requests!(interop_node);
}
mod spyne11 {
    requests!(interop_spyne11);
}
mod spyne12 {
    requests!(interop_spyne12);
}

/// Sends zeep's calls and ours to `peer` over `version` and compares them.
fn compare(
    peer: &Peer,
    version: SoapVersion,
    ours: Vec<HttpRequest>,
    accepts: fn(&str, &HttpResponse) -> Result<(), Error>,
) {
    let calls = zeep_args();
    let theirs = zeep_calls(&peer.wsdl_url(version), version, &calls);
    let transport = HttpTransport::new();
    for (((operation, _), zeep), request) in calls.iter().zip(&theirs).zip(ours) {
        let who = format!("{:?} {version:?} {operation}", peer.kind());
        let body = String::from_utf8(request.body.clone()).unwrap();
        assert_eq!(
            canonical(&body),
            canonical(&zeep.request_envelope),
            "{who}: soapgen's envelope (left) and zeep's (right) differ:\n{body}\n{}",
            zeep.request_envelope
        );
        // The same SOAPAction (1.1) or action parameter (1.2).
        let action = |content_type: Option<&str>, soap_action: Option<&str>| match version {
            SoapVersion::Soap11 => soap_action.map(|a| a.trim_matches('"').to_owned()),
            SoapVersion::Soap12 => content_type
                .and_then(|c| c.split_once("action="))
                .map(|(_, a)| a.trim_matches('"').to_owned()),
        };
        assert_eq!(
            action(request.header("Content-Type"), request.header("SOAPAction")),
            action(zeep.request_header("Content-Type"), zeep.request_header("SOAPAction")),
            "{who}"
        );

        // Both accepted: the same status, and a response our client reads (a fault for Fail).
        let response = transport.send(request).unwrap_or_else(|e| panic!("{who}: {e}"));
        assert_eq!(response.status, zeep.status, "{who}: {}", zeep.response_body);
        let expected_status = if *operation == "Fail" { 500 } else { 200 };
        assert_eq!(response.status, expected_status, "{who}: {}", zeep.response_body);
        match accepts(operation, &response) {
            Ok(()) => assert!(zeep.fault.is_none(), "{who}"),
            Err(Error::Fault(fault)) => {
                assert_eq!(Some(fault.reason.as_str()), zeep.fault.as_ref().map(|f| &*f.message));
            }
            Err(e) => panic!("{who}: {e}"),
        }
    }
}

#[test]
fn node_envelopes_match_zeeps() {
    let peer = interop::node();
    for v in VERSIONS {
        let client = interop_node::InteropServiceClient::new()
            .with_soap_version(v)
            .with_endpoint(peer.endpoint(v));
        compare(peer, v, node::requests(&client), node::accepts);
    }
}

#[test]
fn spyne_envelopes_match_zeeps() {
    let peer = interop::spyne();
    let client = interop_spyne11::InteropServiceClient::new()
        .with_endpoint(peer.endpoint(SoapVersion::Soap11));
    compare(peer, SoapVersion::Soap11, spyne11::requests(&client), spyne11::accepts);
    let client = interop_spyne12::InteropServiceClient::new()
        .with_endpoint(peer.endpoint(SoapVersion::Soap12));
    compare(peer, SoapVersion::Soap12, spyne12::requests(&client), spyne12::accepts);
}
