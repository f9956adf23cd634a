//! The other side of the wire: the interop service served by soapgen's generated server
//! (`samples/interop_spyne11` with `server = true`), called by zeep, an independent client,
//! which builds itself from the WSDL the server answers `?wsdl` with (the spyne sample is
//! SOAP 1.1): values arrive and come back whole, and a declared fault arrives typed.

use interop::{AUTH_TOKEN, HEADER_PASSWORD, HEADER_USER, SoapVersion, node_soap_calls, zeep_calls};
use interop_spyne11::*;
use serde_json::json;
use soapgen_runtime::server::{MockServer, ServerFault};

/// The interop service's behaviour, as spyne's and node-soap's servers implement it.
struct Interop;

impl InteropServiceServer for Interop {
    async fn reset_password(
        &self,
        request: ResetPassword,
    ) -> Result<ResetPasswordResponse, ServerFault> {
        let (code, message) = match (request.auth_token.as_deref(), request.email) {
            (_, None) => (ResetPasswordCode::MissingParameters, "Missing parameters"),
            (Some(AUTH_TOKEN), Some(_)) => {
                (ResetPasswordCode::Success, "The password has been reset")
            }
            _ => (ResetPasswordCode::InvalidAuth, "Invalid Authentication Token"),
        };
        let result = ResetPasswordResult { code: Some(code), message: Some(message.into()) };
        Ok(ResetPasswordResponse { reset_password_result: Some(result) })
    }

    async fn get_account(
        &self,
        request: GetAccount,
        auth_header: Option<AuthHeader>,
    ) -> Result<GetAccountResponse, ServerFault> {
        let Some(auth) = auth_header else {
            return Err(ServerFault::client("AuthHeader is missing"));
        };
        if (auth.user_name.as_deref(), auth.password.as_deref())
            != (Some(HEADER_USER), Some(HEADER_PASSWORD))
        {
            return Err(ServerFault::client("wrong credentials"));
        }
        let info = AccountInfo {
            user_name: request.username,
            storage_space: Some(5_497_558_138_880),
            ..AccountInfo::default()
        };
        Ok(GetAccountResponse { get_account_result: Some(info) })
    }

    async fn update_order(&self, request: UpdateOrder) -> Result<UpdateOrderResponse, ServerFault> {
        let result = UpdateOrderResult { status_code: Some(StatusCode::Ok), order: request.order };
        Ok(UpdateOrderResponse { update_order_result: Some(result) })
    }

    async fn list_orders(&self, request: ListOrders) -> Result<ListOrdersResponse, ServerFault> {
        let n = request.customer_id.unwrap_or(0);
        let orders = (0..n)
            .map(|i| {
                Some(Order {
                    id: Some(100 * n + i),
                    amount: Some("20.25".parse().unwrap()),
                    ..Order::default()
                })
            })
            .collect();
        Ok(ListOrdersResponse { list_orders_result: orders })
    }

    async fn sum_values(&self, request: SumValues) -> Result<SumValuesResponse, ServerFault> {
        Ok(SumValuesResponse { sum_values_result: Some(request.values.iter().flatten().sum()) })
    }

    async fn echo(&self, request: Echo) -> Result<EchoResponse, ServerFault> {
        let result = EchoResult { text: request.text, nullable: request.nullable };
        Ok(EchoResponse { echo_result: Some(result) })
    }

    async fn echo_numbers(&self, request: EchoNumbers) -> Result<EchoNumbersResponse, ServerFault> {
        Ok(EchoNumbersResponse { echo_numbers_result: request.numbers })
    }

    async fn fail(&self, request: Fail) -> Result<FailResponse, ServerFault> {
        let detail = RejectionDetail { reason: request.reason, code: Some(42) };
        Err(FailFault::RejectionDetail(detail).into())
    }
}

#[test]
fn zeep_calls_the_generated_server_from_the_wsdl_it_serves() {
    let server = MockServer::start(Interop.router());
    let wsdl_url = format!("{}?wsdl", server.endpoint());
    // The spyne sample offers SOAP 1.1 only.
    let version = SoapVersion::Soap11;
    {
        let calls = vec![
            ("ResetPassword", json!({"authToken": AUTH_TOKEN, "email": "a@b.c", "password": "p"})),
            ("ResetPassword", json!({"authToken": "wrong", "email": "a@b.c"})),
            (
                "UpdateOrder",
                json!({"order": {"Id": 7, "CustId": 42, "Value": 1.5, "Amount": "12.50",
                "Payed": true, "ChangeDate": "2024-03-04T05:06:07Z", "Text": " héllo & <ü> ",
                "Customer": {"Name": "Ann", "Email": "ann@example.com"}}}),
            ),
            ("ListOrders", json!({"customerId": 3})),
            ("SumValues", json!({"values": {"double": [1.5, 2.25, 3]}})),
            ("Echo", json!({"text": "grüße 🎉 <&>", "nullable": null})),
            (
                "EchoNumbers",
                json!({"numbers": {"Int": 2147483647, "Long": i64::MIN,
                "Double": 1.7976931348623157e308, "Decimal": "-79228162514264337593543950335.5"}}),
            ),
            ("Fail", json!({"reason": "nope"})),
            (
                "ChangePassword",
                json!({"username": "alice", "oldPassword": "a", "newPassword": "b"}),
            ),
            (
                "GetAccount",
                json!({"username": "bob",
                    "_soapheaders": {"AuthHeader": {"UserName": HEADER_USER, "Password": HEADER_PASSWORD}}}),
            ),
            ("GetAccount", json!({"username": "bob"})),
        ];
        let r = zeep_calls(&wsdl_url, version, &calls);
        let context = |i: usize| format!("{version:?} {}: {}", calls[i].0, r[i].response_body);
        assert_eq!(r[0].result["Code"], "Success", "{}", context(0));
        assert_eq!(r[0].result["Message"], "The password has been reset");
        assert_eq!(r[1].result["Code"], "InvalidAuth", "{}", context(1));
        let order = &r[2].result["Order"];
        assert_eq!(r[2].result["StatusCode"], "Ok", "{}", context(2));
        assert_eq!(order["Amount"], "12.50", "{}", context(2));
        assert_eq!(order["ChangeDate"], "2024-03-04T05:06:07+00:00");
        assert_eq!(order["Text"], " héllo & <ü> ", "{}", context(2));
        assert_eq!(order["Customer"]["Email"], "ann@example.com");
        let ids: Vec<_> = r[3]
            .result
            .as_array()
            .unwrap_or_else(|| panic!("{}", context(3)))
            .iter()
            .map(|o| o["Id"].as_i64().unwrap())
            .collect();
        assert_eq!(ids, [300, 301, 302]);
        assert_eq!(r[4].result, 6.75, "{}", context(4));
        assert_eq!(r[5].result["Text"], "grüße 🎉 <&>", "{}", context(5));
        assert!(r[5].result["Nullable"].is_null());
        let n = &r[6].result;
        assert_eq!(n["Long"], i64::MIN, "{}", context(6));
        assert_eq!(n["Double"], f64::MAX, "{}", context(6));
        assert_eq!(n["Decimal"], "-79228162514264337593543950335.5", "{}", context(6));
        // The declared fault, with its typed detail.
        assert_eq!(r[7].status, 500, "{}", context(7));
        let fault = r[7].fault.as_ref().unwrap_or_else(|| panic!("{}", context(7)));
        let detail = fault.detail.as_deref().unwrap_or_default();
        assert!(
            detail.contains("RejectionDetail") && detail.contains("nope") && detail.contains("42"),
            "{detail}"
        );
        // What the service does not implement: a fault, not a hang.
        let fault = r[8].fault.as_ref().unwrap_or_else(|| panic!("{}", context(8)));
        assert_eq!(fault.message, "operation ChangePassword is not implemented");
        // A header block, typed, handed to the handler; without it the handler's fault.
        assert_eq!(r[9].result["UserName"], "bob", "{}", context(9));
        assert_eq!(r[9].result["StorageSpace"], 5_497_558_138_880_i64);
        let fault = r[10].fault.as_ref().unwrap_or_else(|| panic!("{}", context(10)));
        assert_eq!(fault.message, "AuthHeader is missing");
        assert!(fault.code.ends_with("Client"), "{fault:?}");
    }
    assert_eq!(server.requests().iter().filter(|r| r.method == "POST").count(), 11);
}

#[test]
fn node_soap_calls_the_generated_server_from_the_wsdl_it_serves() {
    let server = MockServer::start(Interop.router());
    let wsdl_url = format!("{}?wsdl", server.endpoint());
    let calls = vec![
        ("ResetPassword", json!({"authToken": AUTH_TOKEN, "email": "a@b.c"}), json!(null)),
        ("SumValues", json!({"values": {"double": [1.5, 2.25, 3]}}), json!(null)),
        ("Echo", json!({"text": "grüße <&>"}), json!(null)),
        ("ListOrders", json!({"customerId": 2}), json!(null)),
        (
            "GetAccount",
            json!({"username": "bob"}),
            json!({"AuthHeader": {"UserName": HEADER_USER, "Password": HEADER_PASSWORD}}),
        ),
        ("Fail", json!({"reason": "nope"}), json!(null)),
    ];
    let r = node_soap_calls(&wsdl_url, &calls);
    assert_eq!(r.len(), calls.len(), "{r:?}");
    let result = |i: usize| &r[i]["result"];
    assert_eq!(result(0)["ResetPasswordResult"]["Code"], "Success", "{r:?}");
    assert_eq!(result(1)["SumValuesResult"], 6.75, "{r:?}");
    assert_eq!(result(2)["EchoResult"]["Text"], "grüße <&>", "{r:?}");
    let orders = &result(3)["ListOrdersResult"]["Order"];
    assert_eq!(orders.as_array().map(Vec::len), Some(2), "{r:?}");
    assert_eq!(result(4)["GetAccountResult"]["UserName"], "bob", "{r:?}");
    assert_eq!(r[5]["fault"]["message"], "RejectionDetail", "{r:?}");
}
