//! The peers themselves: each server starts, stops, serves the WSDL checked into samples/,
//! and answers every operation as zeep (an independent client) calls it over SOAP 1.1 and 1.2.

use std::time::{Duration, Instant};

use interop::{
    AUTH_TOKEN, HEADER_PASSWORD, HEADER_USER, NS, Peer, PeerKind, SoapVersion, http_get,
    normalise_wsdl, sample, zeep_calls,
};
use serde_json::{Value, json};

pub const VERSIONS: [SoapVersion; 2] = [SoapVersion::Soap11, SoapVersion::Soap12];

// --- starting, stopping, WSDLs ------------------------------------------------------------

fn serves_its_wsdls(peer: &Peer) {
    for version in VERSIONS {
        let (status, wsdl) = http_get(&peer.wsdl_url(version)).unwrap();
        assert_eq!(status, 200, "{}", peer.stderr());
        assert!(wsdl.contains("wsdl:definitions"), "{wsdl}");
        assert!(wsdl.contains(&format!("location=\"{}\"", peer.endpoint(version))), "{wsdl}");
        let binding = match version {
            SoapVersion::Soap11 => "http://schemas.xmlsoap.org/wsdl/soap/",
            SoapVersion::Soap12 => "http://schemas.xmlsoap.org/wsdl/soap12/",
        };
        assert!(wsdl.contains(binding), "{wsdl}");
    }
}

#[test]
fn spyne_starts_and_serves_its_wsdls() {
    let started = Instant::now();
    let peer = interop::spyne();
    eprintln!("spyne ready after {:?}", started.elapsed());
    serves_its_wsdls(peer);
}

#[test]
fn node_starts_and_serves_its_wsdl() {
    let started = Instant::now();
    let peer = interop::node();
    eprintln!("node-soap ready after {:?}", started.elapsed());
    serves_its_wsdls(peer);
}

#[test]
fn servers_stop_on_drop_and_when_stdin_closes() {
    for kind in [PeerKind::Spyne, PeerKind::Node, PeerKind::Metro, PeerKind::Axis] {
        let peer = Peer::start(kind).unwrap();
        let url = peer.wsdl_url(SoapVersion::Soap11);
        drop(peer);
        assert!(http_get(&url).is_err(), "{kind:?} still answers after drop");

        // What happens when a test process dies: its end of the pipe closes.
        let peer = Peer::start(kind).unwrap();
        assert!(peer.close_stdin_and_wait(Duration::from_secs(10)), "{kind:?} ignored stdin EOF");
    }
}

#[test]
fn a_panicking_test_still_stops_its_server() {
    let port = std::sync::Mutex::new(0);
    let outcome = std::panic::catch_unwind(|| {
        let peer = Peer::spyne();
        *port.lock().unwrap() = peer.port();
        panic!("test failure");
    });
    assert!(outcome.is_err());
    let port = *port.lock().unwrap();
    assert!(http_get(&format!("http://127.0.0.1:{port}/soap11?wsdl")).is_err());
}

/// The WSDLs the servers publish are the samples their clients are generated from
/// (`cargo xtask codegen`). The servers write their OS-chosen port into the soap:address
/// locations; `normalise_wsdl` sets it to 8080 on both sides. `SOAPGEN_UPDATE_WSDL=1`
/// rewrites the samples instead (then regenerate and review the diff).
#[test]
fn published_wsdls_are_the_checked_in_samples() {
    let (spyne, node) = (interop::spyne(), interop::node());
    let live = [
        ("interop_spyne11/spyne_soap11.wsdl", spyne.wsdl_url(SoapVersion::Soap11)),
        ("interop_spyne12/spyne_soap12.wsdl", spyne.wsdl_url(SoapVersion::Soap12)),
        ("interop_node/interop_node.wsdl", node.wsdl_url(SoapVersion::Soap11)),
        ("interop_node/interop_node.wsdl", node.wsdl_url(SoapVersion::Soap12)),
    ];
    let update = std::env::var_os("SOAPGEN_UPDATE_WSDL").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for (file, url) in live {
        let (status, wsdl) = http_get(&url).unwrap();
        assert_eq!(status, 200);
        let wsdl = normalise_wsdl(&wsdl);
        let path = sample(file);
        if update {
            std::fs::write(&path, &wsdl).unwrap();
            continue;
        }
        if std::fs::read_to_string(&path).ok().as_deref() != Some(wsdl.as_str()) {
            stale.push(format!("samples/{file} (live: {url})"));
        }
    }
    assert!(
        stale.is_empty(),
        "the published WSDL differs from {stale:?}: rerun with SOAPGEN_UPDATE_WSDL=1, then \
         `cargo xtask codegen`, and review the diff"
    );
}

// --- zeep against both servers ------------------------------------------------------------

fn order_args() -> Value {
    json!({"order": {"Id": 7, "CustId": 42, "Value": 1.5, "Amount": "12.50",
        "Payed": true, "ChangeDate": "2024-03-04T05:06:07Z", "Text": " héllo & <ü> ",
        "Customer": {"Name": "Ann", "Email": "ann@example.com"}}})
}

fn auth_args() -> Value {
    json!({"username": "bob",
        "_soapheaders": {"AuthHeader": {"UserName": HEADER_USER, "Password": HEADER_PASSWORD}}})
}

fn reset_args(token: &str) -> Value {
    json!({"authToken": token, "email": "someone@company.com", "password": "correct horse"})
}

/// Calls every operation with zeep and checks what came back: the servers work with a
/// client that is not soapgen's.
fn zeep_exercises_every_operation(peer: &Peer, version: SoapVersion) {
    let calls = vec![
        ("ResetPassword", reset_args(AUTH_TOKEN)),
        ("ResetPassword", reset_args("wrong")),
        ("ResetPassword", json!({"email": "someone@company.com"})),
        (
            "ChangePassword",
            json!({"username": "alice", "oldPassword": "old-secret", "newPassword": "new-secret"}),
        ),
        (
            "ChangePassword",
            json!({"username": "alice", "oldPassword": "guess", "newPassword": "x"}),
        ),
        ("UpdateOrder", order_args()),
        ("GetAccount", auth_args()),
        ("GetAccount", json!({"username": "bob"})),
        ("ListOrders", json!({"customerId": 0})),
        ("ListOrders", json!({"customerId": 1})),
        ("ListOrders", json!({"customerId": 3})),
        ("SumValues", json!({"values": {"double": [1.5, 2.25, 3]}})),
        ("Fail", json!({"reason": "nope"})),
        ("Echo", json!({"text": "grüße 🎉 <&>", "nullable": null})),
        ("Echo", json!({"text": "", "nullable": "x"})),
        (
            "EchoNumbers",
            json!({"numbers": {"Int": 2147483647, "Long": i64::MIN,
                "Double": 1.7976931348623157e308, "Decimal": "-79228162514264337593543950335.5"}}),
        ),
    ];
    let r = zeep_calls(&peer.wsdl_url(version), version, &calls);
    let context =
        |i: usize| format!("{:?} {version:?} {}: {}", peer.kind(), calls[i].0, r[i].response_body);

    // The request is the real bytes zeep sent, with the version's headers.
    let env_ns = version.envelope_ns();
    assert!(r[0].request_envelope.starts_with("<?xml version='1.0' encoding='utf-8'?>"));
    assert!(r[0].request_envelope.contains(env_ns), "{}", r[0].request_envelope);
    let action = match peer.kind() {
        PeerKind::Spyne => "ResetPassword".to_owned(),
        PeerKind::Node => format!("{NS}/ResetPassword"),
        PeerKind::Metro | PeerKind::Axis => {
            unreachable!("the Java peers serve contracts of their own")
        }
    };
    match version {
        SoapVersion::Soap11 => {
            assert_eq!(r[0].request_header("Content-Type"), Some("text/xml; charset=utf-8"));
            assert_eq!(r[0].request_header("SOAPAction"), Some(format!("\"{action}\"").as_str()));
        }
        SoapVersion::Soap12 => {
            let content_type = r[0].request_header("Content-Type").unwrap();
            assert_eq!(
                content_type,
                format!("application/soap+xml; charset=utf-8; action=\"{action}\"")
            );
        }
    }
    assert!(r[0].response_body.contains(env_ns), "{}", context(0));

    // ResetPassword: codes, not faults.
    assert_eq!(r[0].status, 200, "{}", context(0));
    assert_eq!(r[0].result["Code"], "Success", "{}", context(0));
    assert_eq!(r[0].result["Message"], "The password has been reset");
    assert_eq!(r[1].result["Code"], "InvalidAuth", "{}", context(1));
    assert!(r[1].fault.is_none());
    assert_eq!(r[2].result["Code"], "MissingParameters", "{}", context(2));

    // ChangePassword: a code too; a wrong old password is WrongPassword.
    assert_eq!(r[3].result["Code"], "Success", "{}", context(3));
    assert_eq!(r[4].result["Code"], "WrongPassword", "{}", context(4));
    assert_eq!(r[4].result["Message"], "The old password is wrong");

    // UpdateOrder echoes every value as the server parsed it.
    let order = &r[5].result["Order"];
    assert_eq!(r[5].result["StatusCode"], "Ok", "{}", context(5));
    assert_eq!(order["Id"], 7);
    assert_eq!(order["CustId"], 42);
    assert_eq!(order["Value"], 1.5);
    assert_eq!(order["Amount"], "12.50", "decimal digits kept: {}", context(5));
    assert_eq!(order["Payed"], true);
    assert_eq!(order["ChangeDate"], "2024-03-04T05:06:07+00:00");
    assert_eq!(order["Text"], " héllo & <ü> ", "{}", context(5));
    assert_eq!(order["Customer"]["Email"], "ann@example.com");

    // GetAccount: a SOAP header, longs; without the header a Client/Sender fault.
    assert_eq!(r[6].result["UserName"], "bob", "{}", context(6));
    assert_eq!(r[6].result["StorageSpace"], 5_497_558_138_880_i64);
    assert_eq!(r[6].result["RegistrationEnd"], "2030-12-31T23:59:59+00:00");
    assert!(r[6].request_envelope.contains("AuthHeader"), "{}", r[6].request_envelope);
    let fault = r[7].fault.as_ref().unwrap_or_else(|| panic!("{}", context(7)));
    assert_eq!(r[7].status, 500);
    assert_eq!(fault.message, "AuthHeader is missing");
    check_fault_code(fault, version, "Unauthorized");

    // ListOrders: 0, 1 and 3 items (zeep reads an empty list wrapper as None).
    assert!(r[8].result.is_null(), "{}", context(8));
    assert_eq!(r[9].result.as_array().map(Vec::len), Some(1), "{}", context(9));
    let three = r[10].result.as_array().unwrap_or_else(|| panic!("{}", context(10)));
    let ids: Vec<_> = three.iter().map(|o| o["Id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [300, 301, 302]);
    assert_eq!(three[2]["Amount"], "20.25");

    // SumValues takes a list.
    assert_eq!(r[11].result, 6.75, "{}", context(11));

    // Fail: a fault with a code, a reason and a detail element.
    let fault = r[12].fault.as_ref().unwrap_or_else(|| panic!("{}", context(12)));
    assert_eq!(fault.message, "nope");
    check_fault_code(fault, version, "Rejected");
    let detail = fault.detail.as_deref().unwrap_or_default();
    assert!(detail.contains("RejectionDetail") && detail.contains(NS), "{detail}");

    // Echo: Unicode, markup characters, nil and the empty string.
    assert_eq!(r[13].result["Text"], "grüße 🎉 <&>", "{}", context(13));
    assert!(r[13].result["Nullable"].is_null());
    assert!(r[13].response_body.contains("xsi:nil=\"true\""), "{}", context(13));
    // zeep reads an empty string element as None; the wire has the empty element.
    assert_eq!(r[14].result["Nullable"], "x");
    assert!(
        r[14].response_body.contains("Text></") || r[14].response_body.contains("Text/>"),
        "{}",
        context(14)
    );

    // EchoNumbers: the edges of int, long, double and decimal.
    let n = &r[15].result;
    assert_eq!(n["Int"], 2_147_483_647, "{}", context(15));
    assert_eq!(n["Long"], i64::MIN, "{}", context(15));
    assert_eq!(n["Double"], f64::MAX, "{}", context(15));
    assert_eq!(n["Decimal"], "-79228162514264337593543950335.5", "{}", context(15));
}

fn check_fault_code(fault: &interop::ZeepFault, version: SoapVersion, subcode: &str) {
    match version {
        SoapVersion::Soap11 => {
            assert!(fault.code.ends_with(&format!(":Client.{subcode}")), "{fault:?}");
        }
        SoapVersion::Soap12 => {
            assert!(fault.code.ends_with(":Sender"), "{fault:?}");
            assert!(fault.subcodes.last().is_some_and(|s| s.ends_with(subcode)), "{fault:?}");
        }
    }
}

#[test]
fn zeep_calls_every_spyne_operation() {
    for version in VERSIONS {
        zeep_exercises_every_operation(interop::spyne(), version);
    }
}

#[test]
fn zeep_calls_every_node_operation() {
    for version in VERSIONS {
        zeep_exercises_every_operation(interop::node(), version);
    }
}

/// spyne checks requests against its schema, so "accepted by spyne" (see `envelopes`) means
/// schema-valid; node-soap accepts what it can read.
#[test]
fn spyne_validates_requests_and_node_does_not() {
    use soapgen_runtime::transport::{parse_soap_response, soap_request};
    use soapgen_runtime::{Error, HttpTransport, XmlWriter, soap::write_envelope};

    // The wrapper in a namespace the schema does not have.
    let body = |w: &mut XmlWriter| {
        w.start("urn:wrong", "Echo");
        w.element("urn:wrong", "text", "x");
        w.end("Echo");
    };
    let send = |peer: &Peer| {
        let envelope = write_envelope(SoapVersion::Soap11, None, &body).unwrap();
        let action = format!("{NS}/Echo");
        let request = soap_request(
            &peer.endpoint(SoapVersion::Soap11),
            SoapVersion::Soap11,
            Some(&action),
            envelope,
        );
        HttpTransport::new().send(request).unwrap()
    };
    let response = send(interop::spyne());
    let Err(Error::Fault(fault)) = parse_soap_response(&response, |r, _| r.skip()) else {
        panic!("spyne accepted a request in the wrong namespace");
    };
    assert_eq!(fault.code_local_name(), "Client.SchemaValidationError");
    assert_eq!(send(interop::node()).status, 200, "node-soap ignores namespaces");
}

// --- the HTTP GET/POST peer (spyne's HttpRpc, issue 14) -----------------------------------

/// The port of peers/spyne_http.py, started once per test process. Its stdin stays open in
/// the static; it exits when the test process does (the pipe closes).
pub fn spyne_http() -> u16 {
    use std::io::{BufRead, BufReader};
    use std::process::{Child, ChildStdin, Command, Stdio};
    use std::sync::{Mutex, OnceLock};
    static PEER: OnceLock<(u16, Mutex<(Child, ChildStdin)>)> = OnceLock::new();
    PEER.get_or_init(|| {
        interop::setup();
        let python = interop::peers_dir().join("venv").join("bin").join("python");
        let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("peers/spyne_http.py");
        let mut child = Command::new(python)
            .arg(script)
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start peers/spyne_http.py");
        let stdin = child.stdin.take().expect("piped stdin");
        let mut line = String::new();
        let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
        stdout.read_line(&mut line).expect("spyne_http.py prints READY <port>");
        let port = line.strip_prefix("READY ").and_then(|p| p.trim().parse().ok());
        let port = port.unwrap_or_else(|| panic!("spyne_http.py printed {line:?}"));
        (port, Mutex::new((child, stdin)))
    })
    .0
}
