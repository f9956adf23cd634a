//! Every operation of every server through the generated clients: from the WSDL each server
//! publishes (samples/interop_node, interop_spyne11, interop_spyne12) and from the
//! hand-written ASMX-style help page (samples/interop_page), over SOAP 1.1 and 1.2, blocking
//! and async. Values are checked field by field as the server echoed them back.

use interop::SoapVersion;
use soapgen_runtime::{AsyncHttpTransport, HttpTransport};

use crate::peers::VERSIONS;

/// Expands to `blocking(client, who)` and `asynchronous(client, who)`, which call every
/// operation of one generated crate. The roles (`OrderIn = UpdateOrderOrder`, …) name the
/// crate's types: a WSDL and a help page name them differently. The module that invokes it
/// provides `check_detail(fault, reason, who)`.
macro_rules! exercise {
    ($krate:ident { $($role:ident = $ty:ident),* $(,)? }) => {
        #[allow(unused_imports)]
        use $krate::*;
        use interop::field::{get, get_all, put};
        use interop::{AUTH_TOKEN, HEADER_PASSWORD, HEADER_USER};
        use soapgen_runtime::{DateTime, Decimal};
        use crate::values::*;
        $(type $role = $krate::$ty;)*

        pub fn blocking(client: &InteropServiceClient<soapgen_runtime::HttpTransport>, who: &str) {
            exercise!(@body client, who, []);
        }

        pub async fn asynchronous(
            client: &InteropServiceClient<soapgen_runtime::AsyncHttpTransport>,
            who: &str,
        ) {
            exercise!(@body client, who, [.await]);
        }
    };

    (@body $client:ident, $who:ident, [$($aw:tt)*]) => {{
        let (client, who) = ($client, $who);

        // ResetPassword: every outcome is a result code, never a fault.
        let reset = |token: &str, email: &str, password: &str| ResetPassword {
            auth_token: put(token.to_owned()),
            email: put(email.to_owned()),
            password: put(password.to_owned()),
        };
        for (request, code, message) in [
            (reset(AUTH_TOKEN, "someone@company.com", "correct horse"), ResetCode::Success,
                "The password has been reset"),
            (reset("wrong", "someone@company.com", "correct horse"), ResetCode::InvalidAuth,
                "Invalid Authentication Token"),
            (reset(AUTH_TOKEN, "", ""), ResetCode::MissingParameters, "Missing parameters"),
            (reset(AUTH_TOKEN, "someone@company.com", "short"), ResetCode::InvalidPassword,
                "Invalid Password, Minimum 6 characters"),
            (reset(AUTH_TOKEN, "no-at-sign", "correct horse"), ResetCode::InvalidEmail,
                "Invalid Email or Email does not exist"),
        ] {
            let r = ok(client.reset_password(&request) $($aw)*, who, "ResetPassword");
            let r = r.reset_password_result.expect("ResetPasswordResult");
            assert_eq!(get::<ResetCode, _>(r.code), Some(code), "{who}");
            assert_eq!(get::<String, _>(r.message).as_deref(), Some(message), "{who}");
        }

        // ChangePassword: a wrong password gets the server's enum code.
        let change = |user: &str, old: &str, new: &str| ChangePassword {
            username: put(user.to_owned()),
            old_password: put(old.to_owned()),
            new_password: put(new.to_owned()),
        };
        for (request, code, message) in [
            (change("alice", "old-secret", "n3w <&> \"secret\""), ChangeCode::Success,
                "The password has been changed"),
            (change("alice", "guessed", "n3w-secret"), ChangeCode::WrongPassword,
                "The old password is wrong"),
            (change("alice", "old-secret", "weak"), ChangeCode::WeakPassword,
                "The new password is too weak"),
            (change("mallory", "old-secret", "n3w-secret"), ChangeCode::UnknownUser,
                "No such user"),
        ] {
            let r = ok(client.change_password(&request) $($aw)*, who, "ChangePassword");
            let r = r.change_password_result.expect("ChangePasswordResult");
            assert_eq!(get::<ChangeCode, _>(r.code), Some(code), "{who}");
            assert_eq!(get::<String, _>(r.message).as_deref(), Some(message), "{who}");
        }

        // UpdateOrder: every type, echoed as the server parsed it.
        let full = OrderIn {
            id: put(i32::MAX),
            cust_id: put(42),
            value: put(-1.5e-300),
            amount: put(dec(BIG_DECIMAL)),
            payed: put(false),
            change_date: put(dt(WITH_ZONE)),
            text: put(MARKUP.to_owned()),
            customer: Some(Customer { name: put(String::new()), email: put(UNICODE.to_owned()) }),
        };
        let r = ok(client.update_order(&UpdateOrder { order: Some(full) }) $($aw)*, who,
            "UpdateOrder");
        let r = r.update_order_result.expect("UpdateOrderResult");
        assert_eq!(get::<StatusCodeRole, _>(r.status_code), Some(StatusCodeRole::Ok), "{who}");
        let o = r.order.expect("the order echoed");
        assert_eq!(get::<i32, _>(o.id), Some(i32::MAX), "{who}");
        assert_eq!(get::<i32, _>(o.cust_id), Some(42), "{who}");
        assert_eq!(get::<f64, _>(o.value), Some(-1.5e-300), "{who}");
        assert_eq!(get::<Decimal, _>(o.amount).as_ref().map(Decimal::as_str), Some(BIG_DECIMAL),
            "{who}");
        assert_eq!(get::<bool, _>(o.payed), Some(false), "{who}");
        assert_eq!(get::<DateTime, _>(o.change_date).as_ref().map(instant),
            Some(instant(&dt(WITH_ZONE))), "{who}");
        assert_eq!(get::<String, _>(o.text).as_deref(), Some(MARKUP), "{who}");
        let c = o.customer.expect("the customer echoed");
        assert_eq!(get::<String, _>(c.name).as_deref(), Some(""), "{who}: empty stays empty");
        assert_eq!(get::<String, _>(c.email).as_deref(), Some(UNICODE), "{who}");

        // A dateTime without a zone stays without one; an absent struct stays absent.
        let bare = OrderIn {
            id: put(-1),
            cust_id: put(0),
            value: put(0.1),
            amount: put(dec(LONG_DECIMAL)),
            payed: put(true),
            change_date: put(dt(WITHOUT_ZONE)),
            text: put(PADDED.to_owned()),
            customer: None,
        };
        let r = ok(client.update_order(&UpdateOrder { order: Some(bare) }) $($aw)*, who,
            "UpdateOrder");
        let r = r.update_order_result.expect("UpdateOrderResult");
        assert_eq!(get::<StatusCodeRole, _>(r.status_code), Some(StatusCodeRole::InvalidUser),
            "{who}");
        let o = r.order.expect("the order echoed");
        assert_eq!(get::<i32, _>(o.id), Some(-1), "{who}");
        assert_eq!(get::<f64, _>(o.value), Some(0.1), "{who}");
        assert_eq!(get::<Decimal, _>(o.amount).as_ref().map(Decimal::as_str), Some(LONG_DECIMAL),
            "{who}");
        assert_eq!(get::<bool, _>(o.payed), Some(true), "{who}");
        let date = get::<DateTime, _>(o.change_date).expect("ChangeDate");
        assert_eq!(instant(&date), instant(&dt(WITHOUT_ZONE)), "{who}");
        assert!(date.offset().is_none(), "{who}: no zone was sent, none came back");
        assert_eq!(get::<String, _>(o.text).as_deref(), Some(PADDED), "{who}");
        assert!(o.customer.is_none(), "{who}");

        // GetAccount: an authentication header; longs and dateTimes back.
        let account = GetAccount { username: put(UNICODE.to_owned()) };
        let authed = client.clone().with_auth_header(AuthHeader {
            user_name: put(HEADER_USER.to_owned()),
            password: put(HEADER_PASSWORD.to_owned()),
        });
        let r = ok(authed.get_account(&account) $($aw)*, who, "GetAccount");
        let a = r.get_account_result.expect("GetAccountResult");
        assert_eq!(get::<String, _>(a.user_name).as_deref(), Some(UNICODE), "{who}");
        assert_eq!(get::<i64, _>(a.storage_space), Some(5 * 1024_i64.pow(4)), "{who}");
        assert_eq!(get::<i64, _>(a.used_space), Some(1_234_567_890_123), "{who}");
        assert_eq!(get::<DateTime, _>(a.registration_end).as_ref().map(instant),
            Some(instant(&dt("2030-12-31T23:59:59Z"))), "{who}");
        assert_eq!(get::<DateTime, _>(a.last_activity).as_ref().map(instant),
            Some(instant(&dt("2024-06-01T08:00:00Z"))), "{who}");

        // Without the header, or with a wrong password in it: a typed fault, not a panic.
        let f = fault(client.get_account(&account) $($aw)*, who, "GetAccount");
        assert_client_fault(&f, "Unauthorized", who);
        assert_eq!(f.reason, "AuthHeader is missing", "{who}");
        let wrong = client.clone().with_auth_header(AuthHeader {
            user_name: put(HEADER_USER.to_owned()),
            password: put("not the password".to_owned()),
        });
        let f = fault(wrong.get_account(&account) $($aw)*, who, "GetAccount");
        assert_client_fault(&f, "Unauthorized", who);
        assert_eq!(f.reason, "AuthHeader credentials are wrong", "{who}");

        // ListOrders: a list result, empty and with three items.
        let r = ok(client.list_orders(&ListOrders { customer_id: put(0) }) $($aw)*, who,
            "ListOrders");
        assert!(r.list_orders_result.is_empty(), "{who}");
        let r = ok(client.list_orders(&ListOrders { customer_id: put(3) }) $($aw)*, who,
            "ListOrders");
        let orders: Vec<OrderOut> = get_all(r.list_orders_result);
        assert_eq!(orders.len(), 3, "{who}");
        for (i, o) in orders.into_iter().enumerate() {
            let i32i = i as i32;
            assert_eq!(get::<i32, _>(o.id), Some(300 + i32i), "{who}");
            assert_eq!(get::<i32, _>(o.cust_id), Some(3), "{who}");
            assert_eq!(get::<f64, _>(o.value), Some(f64::from(i32i) + 0.5), "{who}");
            assert_eq!(get::<Decimal, _>(o.amount).map(|d| d.as_str().to_owned()),
                Some(format!("{}.25", 10 * i)), "{who}");
            assert_eq!(get::<bool, _>(o.payed), Some(i % 2 == 0), "{who}");
            assert_eq!(get::<DateTime, _>(o.change_date).as_ref().map(instant),
                Some(instant(&dt(&format!("2024-01-0{}T12:30:00Z", i + 1)))), "{who}");
            assert_eq!(get::<String, _>(o.text), Some(format!("order {i}")), "{who}");
            let c = o.customer.expect("customer");
            assert_eq!(get::<String, _>(c.name).as_deref(), Some("customer 3"), "{who}");
            assert_eq!(get::<String, _>(c.email).as_deref(), Some("c3@example.com"), "{who}");
        }

        // SumValues: a list parameter, with items and empty.
        let sum = |values: &[f64]| SumValues { values: values.iter().map(|v| put(*v)).collect() };
        let r = ok(client.sum_values(&sum(&[0.5, 0.25, -3.0, 1e-300])) $($aw)*, who, "SumValues");
        assert_eq!(get::<f64, _>(r.sum_values_result), Some(-2.25), "{who}");
        let r = ok(client.sum_values(&sum(&[])) $($aw)*, who, "SumValues");
        assert_eq!(get::<f64, _>(r.sum_values_result), Some(0.0), "{who}");

        // EchoNumbers: the edges of each numeric type.
        for (int, long, double, decimal) in [
            (i32::MAX, i64::MIN, f64::MAX, BIG_DECIMAL),
            // spyne refuses ints below -999999999 (see quirks): node's client sends i32::MIN there.
            (-999_999_999, i64::MAX, 5e-324, LONG_DECIMAL),
            (0, 0, -1.0e-10, "0"),
        ] {
            let numbers = NumbersIn {
                int: put(int),
                long: put(long),
                double: put(double),
                decimal: put(dec(decimal)),
            };
            let r = ok(client.echo_numbers(&EchoNumbers { numbers: Some(numbers) }) $($aw)*, who,
                "EchoNumbers");
            let n = r.echo_numbers_result.expect("EchoNumbersResult");
            assert_eq!(get::<i32, _>(n.int), Some(int), "{who}");
            assert_eq!(get::<i64, _>(n.long), Some(long), "{who}");
            assert_eq!(get::<f64, _>(n.double), Some(double), "{who}");
            assert_eq!(get::<Decimal, _>(n.decimal).as_ref().map(Decimal::as_str), Some(decimal),
                "{who}");
        }

        // Echo: markup, Unicode, whitespace, the empty string and nil.
        for (text, nullable) in [
            (Some(MARKUP), None),
            (Some(""), Some(UNICODE)),
            (Some(PADDED), Some("")),
            (None, Some(MARKUP)),
        ] {
            let request = Echo {
                text: text.map(str::to_owned),
                nullable: nullable.map(str::to_owned),
            };
            let r = ok(client.echo(&request) $($aw)*, who, "Echo");
            let e = r.echo_result.expect("EchoResult");
            assert_eq!(e.text.as_deref(), text, "{who}");
            assert_eq!(e.nullable.as_deref(), nullable, "{who}");
        }

        // Fail: a fault with a code, a reason and a detail.
        for reason in [MARKUP, UNICODE] {
            let f = fault(client.fail(&Fail { reason: put(reason.to_owned()) }) $($aw)*, who,
                "Fail");
            assert_client_fault(&f, "Rejected", who);
            assert_eq!(f.reason, reason, "{who}");
            check_detail(&f, reason, who);
        }
    }};
}

/// The detail as the WSDL declares it (`wsdl:fault` → `RejectionDetail`), read by the
/// generated `FailFault`.
macro_rules! typed_detail {
    ($krate:ident) => {
        fn check_detail(fault: &soapgen_runtime::Fault, reason: &str, who: &str) {
            let detail = $krate::FailFault::from_fault(fault)
                .unwrap_or_else(|e| panic!("{who}: {e}"))
                .unwrap_or_else(|| panic!("{who}: no declared detail in {fault:?}"));
            let $krate::FailFault::RejectionDetail(detail) = detail;
            assert_eq!(get::<String, _>(detail.reason).as_deref(), Some(reason), "{who}");
            assert_eq!(get::<i32, _>(detail.code), Some(42), "{who}");
        }
    };
}

mod node {
    exercise!(interop_node {
        OrderIn = Order, OrderOut = Order, NumbersIn = Numbers, ResetCode = ResetPasswordCode,
        ChangeCode = ChangePasswordCode, StatusCodeRole = StatusCode,
    });
    typed_detail!(interop_node);
}

mod spyne11 {
    exercise!(interop_spyne11 {
        OrderIn = Order, OrderOut = Order, NumbersIn = Numbers, ResetCode = ResetPasswordCode,
        ChangeCode = ChangePasswordCode, StatusCodeRole = StatusCode,
    });
    typed_detail!(interop_spyne11);
}

mod spyne12 {
    exercise!(interop_spyne12 {
        OrderIn = Order, OrderOut = Order, NumbersIn = Numbers, ResetCode = ResetPasswordCode,
        ChangeCode = ChangePasswordCode, StatusCodeRole = StatusCode,
    });
    typed_detail!(interop_spyne12);
}

mod page {
    exercise!(interop_page {
        OrderIn = UpdateOrderOrder, OrderOut = UpdateOrderResultOrder, NumbersIn = Numbers,
        ResetCode = ResetPasswordResultCode, ChangeCode = ChangePasswordResultCode,
        StatusCodeRole = StatusCode,
    });

    /// A help page shows no faults: the detail stays markup.
    fn check_detail(fault: &soapgen_runtime::Fault, reason: &str, who: &str) {
        let detail = fault.detail.as_ref().unwrap_or_else(|| panic!("{who}: no detail"));
        assert!(detail.as_str().contains("RejectionDetail"), "{who}: {detail:?}");
        let _ = reason;
    }
}

// --- the matrix ---------------------------------------------------------------------------

#[test]
fn node_wsdl_client_blocking() {
    let peer = interop::node();
    for v in VERSIONS {
        let client = interop_node::InteropServiceClient::new()
            .with_soap_version(v)
            .with_endpoint(peer.endpoint(v));
        node::blocking(&client, &format!("node WSDL client, {v:?}, blocking"));
    }
}

#[tokio::test]
async fn node_wsdl_client_async() {
    let peer = interop::node();
    for v in VERSIONS {
        let client = interop_node::InteropServiceClient::with_transport(AsyncHttpTransport::new())
            .with_soap_version(v)
            .with_endpoint(peer.endpoint(v));
        node::asynchronous(&client, &format!("node WSDL client, {v:?}, async")).await;
    }
}

#[test]
fn spyne_wsdl_clients_blocking() {
    let peer = interop::spyne();
    let client = interop_spyne11::InteropServiceClient::new()
        .with_endpoint(peer.endpoint(SoapVersion::Soap11));
    spyne11::blocking(&client, "spyne SOAP 1.1 WSDL client, blocking");
    let client = interop_spyne12::InteropServiceClient::new()
        .with_endpoint(peer.endpoint(SoapVersion::Soap12));
    spyne12::blocking(&client, "spyne SOAP 1.2 WSDL client, blocking");
}

#[tokio::test]
async fn spyne_wsdl_clients_async() {
    let peer = interop::spyne();
    let client = interop_spyne11::InteropServiceClient::with_transport(AsyncHttpTransport::new())
        .with_endpoint(peer.endpoint(SoapVersion::Soap11));
    spyne11::asynchronous(&client, "spyne SOAP 1.1 WSDL client, async").await;
    let client = interop_spyne12::InteropServiceClient::with_transport(AsyncHttpTransport::new())
        .with_endpoint(peer.endpoint(SoapVersion::Soap12));
    spyne12::asynchronous(&client, "spyne SOAP 1.2 WSDL client, async").await;
}

/// The help page's client, against both servers at their .asmx path.
#[test]
fn page_client_blocking() {
    for peer in [interop::spyne(), interop::node()] {
        for v in VERSIONS {
            let client = interop_page::InteropServiceClient::<HttpTransport>::new()
                .with_soap_version(v)
                .with_endpoint(peer.asmx_endpoint());
            page::blocking(&client, &format!("page client, {:?}, {v:?}, blocking", peer.kind()));
        }
    }
}

#[tokio::test]
async fn page_client_async() {
    for peer in [interop::spyne(), interop::node()] {
        for v in VERSIONS {
            let client =
                interop_page::InteropServiceClient::with_transport(AsyncHttpTransport::new())
                    .with_soap_version(v)
                    .with_endpoint(peer.asmx_endpoint());
            page::asynchronous(&client, &format!("page client, {:?}, {v:?}, async", peer.kind()))
                .await;
        }
    }
}

/// spyne answering in UTF-16, as WCF's text encoder can be set to (spyne writes a BOM and a
/// declaration saying UTF-16 under a `charset=utf-8` header: the BOM wins): every call and
/// value of the matrix, the faults included.
#[test]
fn spyne_utf16_responses() {
    let peer = interop::spyne();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let client =
        interop_spyne11::InteropServiceClient::new().with_endpoint(peer.url("/soap11-utf16"));
    spyne11::blocking(&client, "spyne SOAP 1.1 in UTF-16, blocking");
    let client = interop_spyne12::InteropServiceClient::with_transport(AsyncHttpTransport::new())
        .with_endpoint(peer.url("/soap12-utf16"));
    runtime.block_on(spyne12::asynchronous(&client, "spyne SOAP 1.2 in UTF-16, async"));
}
