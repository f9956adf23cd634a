//! What the peers get wrong, seen through the generated clients: pinned here so that a peer
//! upgrade that fixes (or changes) one shows up, and so the README's matrix can say exactly
//! which values do not survive a round trip and why. None of these are soapgen bugs; each
//! test shows the client reporting the problem clearly or reading what was actually sent.

use interop::SoapVersion;
use interop::field::{get, put};
use soapgen_runtime::{DateTime, Error, HttpTransport};

use crate::values::{dec, dt, instant};

fn numbers_node(int: i32, double: f64) -> interop_node::EchoNumbers {
    interop_node::EchoNumbers {
        numbers: Some(interop_node::Numbers { int, long: 0, double, decimal: dec("0") }),
    }
}

fn numbers_spyne(int: i32, double: f64) -> interop_spyne11::EchoNumbers {
    interop_spyne11::EchoNumbers {
        numbers: Some(interop_spyne11::Numbers {
            int: put(int),
            long: put(0),
            double: put(double),
            decimal: put(dec("0")),
        }),
    }
}

fn node() -> interop_node::InteropServiceClient {
    interop_node::InteropServiceClient::new()
        .with_endpoint(interop::node().endpoint(SoapVersion::Soap11))
}

fn spyne() -> interop_spyne11::InteropServiceClient {
    interop_spyne11::InteropServiceClient::new()
        .with_endpoint(interop::spyne().endpoint(SoapVersion::Soap11))
}

/// spyne 2.14 checks an Integer32's length without its sign: every int below -999999999 is
/// refused, i32::MIN included. The client gets the fault, typed; node-soap echoes it.
#[test]
fn spyne_refuses_the_smallest_ints() {
    let r = spyne().echo_numbers(&numbers_spyne(i32::MIN, 0.0));
    let Err(Error::Fault(fault)) = r else { panic!("expected a fault, got {r:?}") };
    assert_eq!(fault.code_local_name(), "Client.ValidationError");
    assert!(fault.reason.contains("-2147483648"), "{fault:?}");

    let r = node().echo_numbers(&numbers_node(i32::MIN, 0.0)).unwrap();
    assert_eq!(r.echo_numbers_result.unwrap().int, i32::MIN);
}

/// Infinities: spyne writes Python's `inf`, not xs:double's `INF`, and the client refuses
/// the value with an error locating it; node-soap parses `INF` with parseFloat and answers NaN.
#[test]
fn infinities() {
    let client = spyne();
    let request = client.build_echo_numbers(&numbers_spyne(0, f64::INFINITY)).unwrap();
    assert!(String::from_utf8_lossy(&request.body).contains(">INF<"));
    let response = HttpTransport::new().send(request).unwrap();
    assert!(String::from_utf8_lossy(&response.body).contains(">inf<"));
    let r = interop_spyne11::InteropServiceClient::parse_echo_numbers(&response);
    let Err(Error::Xml(e)) = &r else { panic!("expected an XML error, got {r:?}") };
    let message = e.to_string();
    assert!(message.contains("expected double"), "{message}");
    assert!(message.contains("EchoNumbersResult/Double"), "{message}");

    let r = node().echo_numbers(&numbers_node(0, f64::INFINITY)).unwrap();
    assert!(r.echo_numbers_result.unwrap().double.is_nan());
    // Negative zero loses its sign in JavaScript's number formatting.
    let r = node().echo_numbers(&numbers_node(0, -0.0)).unwrap();
    let zero = r.echo_numbers_result.unwrap().double;
    assert!(zero == 0.0 && zero.is_sign_positive());
}

fn spyne_order_date(lexical: &str) -> DateTime {
    let order = interop_spyne11::Order {
        cust_id: put(1),
        change_date: put(dt(lexical)),
        ..Default::default()
    };
    let r = spyne().update_order(&interop_spyne11::UpdateOrder { order: Some(order) }).unwrap();
    get::<DateTime, _>(r.update_order_result.unwrap().order.unwrap().change_date).unwrap()
}

fn node_order_date(lexical: &str) -> DateTime {
    let order = interop_node::Order {
        id: 1,
        cust_id: 1,
        value: 0.0,
        amount: dec("0"),
        payed: false,
        change_date: dt(lexical),
        text: None,
        customer: None,
    };
    let r = node().update_order(&interop_node::UpdateOrder { order: Some(order) }).unwrap();
    r.update_order_result.unwrap().order.unwrap().change_date
}

/// spyne reads a negative offset with minutes as -hours + minutes (-05:30 becomes -04:30),
/// and rounds fractions to microseconds (Python's datetime). node-soap keeps the text as sent.
#[test]
fn dates_spyne_changes() {
    let west = "2024-03-04T05:06:07-05:30";
    let echoed = spyne_order_date(west);
    assert_eq!(echoed.offset().map(|o| o.minutes()), Some(-(4 * 60 + 30)));
    assert_eq!(instant(&node_order_date(west)), instant(&dt(west)));

    let nanos = "2024-03-04T05:06:07.123456789Z";
    assert_eq!(spyne_order_date(nanos).nanosecond(), 123_457_000);
    assert_eq!(instant(&node_order_date(nanos)), instant(&dt(nanos)));
}

/// node-soap's README builds SOAP 1.2 faults with `Subcode: { value }`, which writes a
/// `<Subcode>` holding `<value>` instead of `<Value>`: invalid (zeep fails on it). The
/// server answers such a fault for this reason; the client must report it, not crash.
#[test]
fn node_soap_12_fault_with_a_lower_case_subcode() {
    let client = interop_node::InteropServiceClient::new()
        .with_soap_version(SoapVersion::Soap12)
        .with_endpoint(interop::node().endpoint(SoapVersion::Soap12));
    let r = client.fail(&interop_node::Fail { reason: Some("lower-case subcode".into()) });
    let Err(Error::Fault(fault)) = r else { panic!("expected a fault, got {r:?}") };
    // What is valid is kept; the malformed subcode is left out rather than guessed.
    assert_eq!(fault.code_local_name(), "Sender");
    assert_eq!(fault.reason, "lower-case subcode");
    assert!(fault.subcodes.is_empty(), "{fault:?}");
}
