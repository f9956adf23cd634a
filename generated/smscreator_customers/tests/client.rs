//! Seed 004: numbers, doubles, booleans and dateTimes; two different `StatusCode` enums.

use smscreator_customers::*;
use soapgen_runtime::{AsyncHttpTransport, DateTime, HttpResponse, SoapVersion};
use testkit::{TestServer, pages};

const PAGE: &str = include_str!("../../../samples/smscreator_customers/004_d047d31c2c98491d.txt");
const PATH: &str = "/management/AdminService3/Customers.asmx";

fn request() -> UpdateCustomerAccountOrder {
    UpdateCustomerAccountOrder {
        user: Some("shop".into()),
        password: Some("geheim".into()),
        order: Some(Order {
            id: 17,
            cust_id: i32::MAX,
            value: 12.5,
            text: Some("Jahresabo <Premium> & mehr".into()),
            payment_option_id: -2,
            payed: true,
            invoice_identifier: Some("RE-2024-001".into()),
            change_date: "2024-05-01T10:20:30".parse().unwrap(),
            create_date: "2024-04-30T08:00:00.123+02:00".parse().unwrap(),
        }),
    }
}

fn filled_request(sample: &str) -> String {
    [
        ("User", "shop"),
        ("Password", "geheim"),
        ("Id", "17"),
        ("CustId", "2147483647"),
        ("Value", "12.5"),
        ("Text", "Jahresabo <Premium> & mehr"),
        ("PaymentOptionId", "-2"),
        ("Payed", "true"),
        ("InvoiceIdentifier", "RE-2024-001"),
        ("ChangeDate", "2024-05-01T10:20:30"),
        ("CreateDate", "2024-04-30T08:00:00.123+02:00"),
    ]
    .iter()
    .fold(sample.to_owned(), |doc, (name, value)| pages::fill(&doc, name, value))
}

fn response(sample: &str) -> String {
    sample
        .replace("None or Ok or InvalidUser or AccountLocked or IPLock or DatabaseError", "IPLock")
        .replace("None or Ok or FunktionError or ParameterError or LoginError or UnknowError or DatabaseError", "LoginError")
        .replace("<Value>boolean</Value>", "<Value>false</Value>")
}

#[test]
fn requests_match_the_page_samples() {
    let docs = pages::documents(PAGE);
    assert_eq!(docs.len(), 4);
    for (version, sample) in [(SoapVersion::Soap11, &docs[0]), (SoapVersion::Soap12, &docs[2])] {
        let http = CustomersClient::new()
            .with_soap_version(version)
            .build_update_customer_account_order(&request())
            .unwrap();
        let body = String::from_utf8(http.body).unwrap();
        assert_eq!(
            pages::canonical(&body),
            pages::canonical(&filled_request(sample)),
            "{version:?}"
        );
    }
}

#[test]
fn the_two_status_codes_are_distinct_enums() {
    let docs = pages::documents(PAGE);
    for sample in [&docs[1], &docs[3]] {
        let response = HttpResponse::new(200, None, response(sample).into_bytes());
        let parsed = CustomersClient::parse_update_customer_account_order(&response).unwrap();
        let result = parsed.update_customer_account_order_result.unwrap();
        assert_eq!(result.status_code, UpdateCustomerAccountOrderResultStatusCode::IpLock);
        let value = result.value.unwrap();
        assert_eq!(value.status_code, ValueStatusCode::LoginError);
        assert!(!value.value);
    }
}

#[test]
fn date_times_round_trip_exactly_as_sent() {
    let order = request().order.unwrap();
    assert_eq!(order.change_date.to_string(), "2024-05-01T10:20:30");
    assert_eq!(order.create_date.to_string(), "2024-04-30T08:00:00.123+02:00");
    let zoneless: DateTime = "2024-05-01T10:20:30".parse().unwrap();
    assert_eq!(zoneless, order.change_date);
}

fn serve() -> TestServer {
    let docs = pages::documents(PAGE);
    TestServer::start(200, "text/xml; charset=utf-8", response(&docs[1]))
}

fn assert_sent(server: &TestServer) {
    let docs = pages::documents(PAGE);
    let seen = &server.requests()[0];
    assert_eq!((seen.method.as_str(), seen.path.as_str()), ("POST", PATH));
    assert_eq!(
        seen.header("SOAPAction"),
        Some("\"http://www.smscreator.de/gateway/UpdateCustomerAccountOrder\"")
    );
    assert_eq!(pages::canonical(&seen.body), pages::canonical(&filled_request(&docs[0])));
}

fn assert_ip_lock(reply: UpdateCustomerAccountOrderResponse) {
    assert_eq!(
        reply.update_customer_account_order_result.unwrap().status_code,
        UpdateCustomerAccountOrderResultStatusCode::IpLock
    );
}

#[test]
fn calls_a_real_server() {
    let server = serve();
    let client = CustomersClient::new().with_endpoint(server.url(PATH));
    assert_ip_lock(client.update_customer_account_order(&request()).unwrap());
    assert_sent(&server);
}

#[tokio::test]
async fn calls_a_real_server_asynchronously() {
    let server = serve();
    let client =
        CustomersClient::with_transport(AsyncHttpTransport::new()).with_endpoint(server.url(PATH));
    assert_ip_lock(client.update_customer_account_order(&request()).await.unwrap());
    assert_sent(&server);
}

#[test]
fn the_password_stays_out_of_debug_output() {
    let shown = format!("{:?}", request());
    assert!(!shown.contains("geheim") && shown.contains("RE-2024-001"), "{shown}");
}
