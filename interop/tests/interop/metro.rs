//! JAX-WS RI 2.3 ("Metro", Debian's `libjaxws-java`) as a peer: the WSDLs it publishes,
//! fetched as a user would (`?wsdl` importing its schema by absolute URL `?xsd=1`), are the
//! checked-in samples interop_metro11 / interop_metro12, and the clients generated from them
//! call every operation over SOAP 1.1 and 1.2, blocking and async, checking what Metro echoes
//! field by field: nested beans, a list, nillable, dateTime, decimal, base64Binary, an enum and
//! a checked exception as a typed fault. The services are in peers/metro/soapgen/metro/:
//! Interop.java, mtom/Files.java (`@MTOM`) for base64Binary as XOP attachments, and
//! secure/Secure.java behind Apache WSS4J's UsernameToken check (secure/UsernameTokenCheck.java).

use std::path::{Path, PathBuf};

use interop::{SoapVersion, metro, path, sample};
use soapgen::fetch::{Connection, Limits, fetch};
use testkit::pages::canonical;

const VERSIONS: [(SoapVersion, &str); 2] =
    [(SoapVersion::Soap11, "interop_metro11"), (SoapVersion::Soap12, "interop_metro12")];

/// The samples fetched from Metro, with the path each is published at.
const PUBLISHED: [(&str, &str); 8] = [
    ("/soap11", "interop_metro11"),
    ("/soap12", "interop_metro12"),
    ("/mtom11", "interop_metro_mtom11"),
    ("/mtom12", "interop_metro_mtom12"),
    ("/secure11", "interop_metro_secure11"),
    ("/secure12", "interop_metro_secure12"),
    ("/addressed11", "interop_metro_addressed11"),
    ("/addressed12", "interop_metro_addressed12"),
];

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("metro").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.parent().unwrap()).unwrap();
    dir
}

/// `soapgen fetch` of each version's `?wsdl` saves exactly the sample's files (the port the OS
/// gave Metro written as 8080, as in the samples). `SOAPGEN_UPDATE_WSDL=1` rewrites the
/// samples instead (then `cargo xtask codegen` and review the diff).
#[test]
fn metro_publishes_the_checked_in_samples() {
    let peer = metro();
    let update = std::env::var_os("SOAPGEN_UPDATE_WSDL").is_some_and(|v| v == "1");
    for (path, name) in PUBLISHED {
        let url = format!("{}?wsdl", peer.url(path));
        let dir = scratch(name);
        let saved = fetch(&url, &dir, &Connection::default(), Limits::default())
            .unwrap_or_else(|e| panic!("fetching {url}: {e}\n{}", peer.stderr()));
        assert_eq!(saved.map.urls().count(), 2, "{url}: the WSDL and its ?xsd=1 schema");
        let live_host = format!("127.0.0.1:{}", peer.port());
        let mut files: Vec<_> =
            std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
        files.sort();
        for file in files {
            let live = std::fs::read_to_string(dir.join(&file)).unwrap();
            let live = live.replace(&live_host, "127.0.0.1:8080");
            let checked_in = sample(name).join(&file);
            if update {
                std::fs::write(&checked_in, &live).unwrap();
                continue;
            }
            let want = std::fs::read_to_string(&checked_in)
                .unwrap_or_else(|e| panic!("{}: {e}", checked_in.display()));
            // Operations come in the order the JVM's reflection returns methods, which may
            // vary from run to run: the same lines, in any order, are the same contract.
            let lines = |text: &str| {
                let mut lines: Vec<&str> = text.lines().collect();
                lines.sort_unstable();
                lines.join("\n")
            };
            assert!(
                lines(&live) == lines(&want),
                "Metro now publishes something else than samples/{name}/{}: rerun with \
                 SOAPGEN_UPDATE_WSDL=1, then `cargo xtask codegen`, and review the diff",
                file.to_string_lossy()
            );
        }
    }
}

/// Expands to `blocking` and `asynchronous`, which call every operation of one generated
/// crate and check the answers.
macro_rules! exercise {
    ($krate:ident) => {
        use soapgen_runtime::{AsyncHttpTransport, Base64Binary, HttpTransport};
        use $krate::*;

        use crate::values::*;

        pub fn blocking(endpoint: &str, who: &str) {
            let client = MetroInteropClient::with_transport(HttpTransport::new())
                .with_endpoint(endpoint);
            exercise!(@body client, who, []);
        }

        pub async fn asynchronous(endpoint: &str, who: &str) {
            let client = MetroInteropClient::with_transport(AsyncHttpTransport::new())
                .with_endpoint(endpoint);
            exercise!(@body client, who, [.await]);
        }
    };

    (@body $client:ident, $who:ident, [$($aw:tt)*]) => {{
        let (client, who) = (&$client, $who);

        // echoOrder: everything Metro's JAXB reads and writes back.
        let bytes: Vec<u8> = (0..=255).collect();
        let order = Order {
            id: 9_007_199_254_740_993,
            customer: Some(Customer {
                name: Some(UNICODE.to_owned()),
                email: Some(MARKUP.to_owned()),
                credit: Some(dec(LONG_DECIMAL)),
            }),
            line: vec![
                Line { sku: Some(PADDED.to_owned()), quantity: i32::MAX, price: Some(dec("0.01")) },
                Line { sku: None, quantity: -1, price: None },
            ],
            placed: Some(dt(WITH_ZONE)),
            note: None,
            signature: Some(Base64Binary(bytes.clone())),
            status: Some(Status::Shipped),
            rush: true,
        };
        let echoed = ok(client.echo_order(&EchoOrder { order: Some(order.clone()) }) $($aw)*,
            who, "echoOrder").r#return.expect("echoOrder returns the order");
        assert_eq!(echoed.id, order.id, "{who}");
        assert_eq!(echoed.customer, order.customer, "{who}");
        assert_eq!(echoed.line, order.line, "{who}");
        assert_eq!(echoed.placed.as_ref().map(instant), order.placed.as_ref().map(instant), "{who}");
        assert_eq!(echoed.note, None, "{who}: a nil note stays nil");
        assert_eq!(echoed.signature, order.signature, "{who}");
        assert_eq!(echoed.status, Some(Status::Shipped), "{who}");
        assert!(echoed.rush, "{who}");

        let mut second = Order { note: Some(" a note ".to_owned()), status: Some(Status::Cancelled),
            placed: Some(dt(WITHOUT_ZONE)), ..Order::default() };
        second.line.clear();
        let echoed = ok(client.echo_order(&EchoOrder { order: Some(second.clone()) }) $($aw)*,
            who, "echoOrder").r#return.expect("echoOrder returns the order");
        assert_eq!(echoed.note.as_deref(), Some(" a note "), "{who}");
        assert_eq!(echoed.status, Some(Status::Cancelled), "{who}");
        assert_eq!(echoed.placed.as_ref().map(instant), second.placed.as_ref().map(instant), "{who}");
        assert!(echoed.line.is_empty() && echoed.customer.is_none() && !echoed.rush, "{who}");

        // sumValues: a list of simple values as the only parameter; none is 0.
        let sum = |value: Vec<i32>| SumValues { value };
        let r = ok(client.sum_values(&sum(vec![1, 2, 3, i32::MAX, i32::MIN])) $($aw)*, who, "sumValues");
        assert_eq!(r.r#return, 5, "{who}");
        let r = ok(client.sum_values(&sum(vec![])) $($aw)*, who, "sumValues");
        assert_eq!(r.r#return, 0, "{who}");

        // findCustomer: found, and the checked exception as the declared, typed fault.
        let find = |id: &str| FindCustomer { id: Some(id.to_owned()) };
        let found = ok(client.find_customer(&find("c-1")) $($aw)*, who, "findCustomer")
            .r#return.expect("a customer");
        assert_eq!(found.name.as_deref(), Some("Ada Lovelace"), "{who}");
        assert_eq!(found.email.as_deref(), Some("ada@example.org"), "{who}");
        assert_eq!(found.credit, Some(dec("1234.50")), "{who}");
        let f = fault(client.find_customer(&find("nobody <&>")) $($aw)*, who, "findCustomer");
        assert_eq!(f.reason, "no customer nobody <&>", "{who}: {f:?}");
        let receiver = match f.version {
            soapgen_runtime::SoapVersion::Soap11 => "Server",
            soapgen_runtime::SoapVersion::Soap12 => "Receiver",
        };
        assert_eq!(f.code_local_name(), receiver, "{who}: {f:?}");
        let detail = FindCustomerFault::from_fault(&f).unwrap().expect("the declared fault");
        let FindCustomerFault::CustomerNotFound(info) = detail;
        assert_eq!(info.id.as_deref(), Some("nobody <&>"), "{who}");
        assert_eq!(info.message.as_deref(), Some("no customer nobody <&>"), "{who}");

        // reverseBytes: base64Binary both ways, all 256 byte values, and none.
        let reverse = |data: &[u8]| ReverseBytes { data: Some(Base64Binary(data.to_vec())) };
        let r = ok(client.reverse_bytes(&reverse(&bytes)) $($aw)*, who, "reverseBytes");
        let mut reversed = bytes.clone();
        reversed.reverse();
        assert_eq!(r.r#return, Some(Base64Binary(reversed)), "{who}");
        let r = ok(client.reverse_bytes(&reverse(&[])) $($aw)*, who, "reverseBytes");
        assert_eq!(r.r#return.map(|b| b.0).unwrap_or_default(), Vec::<u8>::new(), "{who}");
    }};
}

mod metro11 {
    exercise!(interop_metro11);
}

mod metro12 {
    exercise!(interop_metro12);
}

#[test]
fn metro_every_operation_over_soap11_and_12_blocking_and_async() {
    let peer = metro();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    for (version, _) in VERSIONS {
        let endpoint = peer.url(path(version));
        let who = format!("metro {version:?}");
        match version {
            SoapVersion::Soap11 => {
                metro11::blocking(&endpoint, &who);
                runtime.block_on(metro11::asynchronous(&endpoint, &format!("{who} async")));
            }
            SoapVersion::Soap12 => {
                metro12::blocking(&endpoint, &who);
                runtime.block_on(metro12::asynchronous(&endpoint, &format!("{who} async")));
            }
        }
    }
}

/// The value of header `name` (any case) in a list as exchange hooks and dumps give them.
fn header(headers: &[(String, String)], name: &str) -> Option<String> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.clone())
}

// --- MTOM ---------------------------------------------------------------------------------

/// Byte `i` of what `download` sends: `(i * 31 + 7) mod 256`, as Files.java computes it.
fn pattern(size: usize) -> Vec<u8> {
    (0..size).map(|i| (i.wrapping_mul(31).wrapping_add(7)) as u8).collect()
}

/// The media types a client that takes MTOM answers accepts; Metro answers with XOP
/// packages when the request's Accept names `application/xop+xml`.
fn accept_mtom(version: SoapVersion) -> String {
    format!("application/xop+xml, {}", version.content_type())
}

macro_rules! files {
    ($krate:ident) => {
        use std::sync::{Arc, Mutex};

        use soapgen_runtime::{HttpTransport, SoapVersion};
        use $krate::*;

        /// Downloads `sizes` bytes each through a transport that accepts MTOM (or not), and
        /// returns the response Content-Types seen on the wire.
        pub fn download(
            endpoint: &str,
            version: SoapVersion,
            mtom: bool,
            sizes: &[usize],
        ) -> Vec<String> {
            let seen = Arc::new(Mutex::new(Vec::new()));
            let hook = {
                let seen = Arc::clone(&seen);
                move |e: &soapgen_runtime::transport::Exchange| {
                    let content_type = super::header(&e.response_headers, "Content-Type");
                    seen.lock().unwrap().push(content_type.unwrap_or_default());
                }
            };
            let mut transport = HttpTransport::new().with_exchange_hook(hook);
            if mtom {
                transport = transport.with_header("Accept", super::accept_mtom(version));
            }
            let client = MetroFilesClient::with_transport(transport).with_endpoint(endpoint);
            for &size in sizes {
                let request = Download { name: Some(format!("{size} bytes")), size: size as i32 };
                let document = client
                    .download(&request)
                    .unwrap_or_else(|e| panic!("download {size} over {version:?}: {e}"))
                    .r#return
                    .expect("a document");
                assert_eq!(document.name.as_deref(), Some(format!("{size} bytes").as_str()));
                let content = document.content.map(|b| b.0).unwrap_or_default();
                assert!(content == super::pattern(size), "{version:?}: {size} bytes differ");
            }
            let seen = seen.lock().unwrap().clone();
            seen
        }
    };
}

/// Sends with MTOM: `upload` and `echo` through a client with `with_mtom(true)`, returning
/// the request and response Content-Types seen on the wire.
macro_rules! files_sent {
    ($krate:ident) => {
        pub fn send(
            endpoint: &str,
            version: soapgen_runtime::SoapVersion,
        ) -> Vec<(String, String)> {
            use std::sync::{Arc, Mutex};

            use soapgen_runtime::{Base64Binary, HttpTransport};
            use $krate::*;

            let seen = Arc::new(Mutex::new(Vec::new()));
            let hook = {
                let seen = Arc::clone(&seen);
                move |e: &soapgen_runtime::transport::Exchange| {
                    let ct = |headers| super::header(headers, "Content-Type").unwrap_or_default();
                    seen.lock().unwrap().push((ct(&e.request_headers), ct(&e.response_headers)));
                }
            };
            let client =
                MetroFilesClient::with_transport(HttpTransport::new().with_exchange_hook(hook))
                    .with_endpoint(endpoint)
                    .with_mtom(true);
            for size in [1usize, 100_000, 8 << 20] {
                let content = super::pattern(size);
                let document = Document {
                    name: Some(format!("{size}")),
                    content: Some(Base64Binary(content.clone())),
                };
                let receipt = client
                    .upload(&Upload { document: Some(document.clone()) })
                    .unwrap_or_else(|e| panic!("upload {size} over {version:?}: {e}"))
                    .r#return
                    .expect("a receipt");
                assert_eq!(receipt.size, size as i32, "{version:?}");
                assert_eq!(
                    receipt.sha256.as_deref(),
                    Some(super::sha256_hex(&content).as_str()),
                    "{version:?}"
                );
                let echoed = client
                    .echo(&Echo { document: Some(document) })
                    .unwrap_or_else(|e| panic!("echo {size} over {version:?}: {e}"))
                    .r#return
                    .expect("a document");
                assert!(
                    echoed.content.map(|c| c.0) == Some(content),
                    "{version:?}: {size} bytes echoed differ"
                );
            }
            // An empty value stays inline (there is nothing to attach).
            let empty = Document { name: None, content: Some(Base64Binary(Vec::new())) };
            let receipt =
                client.upload(&Upload { document: Some(empty) }).unwrap().r#return.unwrap();
            assert_eq!(receipt.size, 0, "{version:?}");
            let seen = seen.lock().unwrap().clone();
            seen
        }
    };
}

mod files11 {
    files!(interop_metro_mtom11);
    files_sent!(interop_metro_mtom11);
}

mod files12 {
    files!(interop_metro_mtom12);
    files_sent!(interop_metro_mtom12);
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// A client with `with_mtom(true)` sends base64Binary contents as XOP attachments that Metro
/// reads (the server's size and SHA-256 of what it got match, up to 8 MiB), asks for MTOM
/// replies and reads them (echoed bytes equal), over SOAP 1.1 and 1.2.
#[test]
fn metro_takes_mtom_requests_and_answers_in_mtom() {
    let peer = metro();
    for (version, path) in [(SoapVersion::Soap11, "/mtom11"), (SoapVersion::Soap12, "/mtom12")] {
        let endpoint = peer.url(path);
        let seen = match version {
            SoapVersion::Soap11 => files11::send(&endpoint, version),
            SoapVersion::Soap12 => files12::send(&endpoint, version),
        };
        let (last, packaged) = seen.split_last().unwrap();
        for (request, response) in packaged {
            for t in [request, response] {
                assert!(
                    t.starts_with("multipart/related") && t.contains("application/xop+xml"),
                    "{version:?}: {t}"
                );
            }
        }
        assert!(
            last.0.starts_with(version.content_type().split(';').next().unwrap()),
            "{version:?}: {last:?}"
        );
    }
}

/// Metro's `@MTOM` answers carry base64Binary as XOP attachments (multipart/related) when the
/// client accepts them: the bytes arrive equal, for an empty, a small and an 8 MiB part; the
/// same service still answers inline base64 to a client that does not ask.
#[test]
fn metro_mtom_responses_are_read_and_inline_base64_still_works() {
    let peer = metro();
    let sizes = [0, 1, 1000, 8 << 20];
    for (version, path) in [(SoapVersion::Soap11, "/mtom11"), (SoapVersion::Soap12, "/mtom12")] {
        let endpoint = peer.url(path);
        let download = match version {
            SoapVersion::Soap11 => files11::download,
            SoapVersion::Soap12 => files12::download,
        };
        let types = download(&endpoint, version, true, &sizes);
        assert_eq!(types.len(), sizes.len());
        for t in &types {
            assert!(t.starts_with("multipart/related") && t.contains("application/xop+xml"), "{t}");
        }
        for t in download(&endpoint, version, false, &sizes[..3]) {
            assert!(t.starts_with(version.content_type()), "{version:?}: {t}");
        }
    }
}

// --- WS-Security: UsernameToken checked by WSS4J -------------------------------------------

/// The account secure/UsernameTokenCheck.java knows (markup and a space in the password).
const WSS_USER: &str = "alice";
const WSS_PASSWORD: &str = "wonder land & <more>";

macro_rules! secure {
    ($krate:ident) => {
        use soapgen_runtime::wssecurity::UsernameToken;
        use soapgen_runtime::{Error, HttpTransport};
        use $krate::*;

        /// `whoAmI` with `token` (or none): Ok(answer) or the fault's (code, subcodes, reason).
        pub fn who_am_i(
            endpoint: &str,
            token: Option<UsernameToken>,
        ) -> Result<String, (String, Vec<String>, String)> {
            let mut client =
                MetroSecureClient::with_transport(HttpTransport::new()).with_endpoint(endpoint);
            client.set_ws_security(token);
            match client.who_am_i(&WhoAmI { message: Some("grüße <&>".to_owned()) }) {
                Ok(r) => Ok(r.r#return.unwrap_or_default()),
                Err(Error::Fault(f)) => {
                    Err((f.code_local_name().to_owned(), f.subcodes.clone(), f.reason.clone()))
                }
                Err(e) => panic!("whoAmI at {endpoint}: {e}"),
            }
        }
    };
}

mod secure11 {
    secure!(interop_metro_secure11);
}

mod secure12 {
    secure!(interop_metro_secure12);
}

/// WSS4J 1.6 accepts the UsernameToken soapgen writes, as PasswordText and as PasswordDigest
/// (nonce and created), over SOAP 1.1 and 1.2; a wrong password, an unknown user and a
/// missing token are refused with the WS-Security fault `wsse:FailedAuthentication`.
#[test]
fn wss4j_accepts_username_tokens_and_refuses_wrong_ones() {
    use soapgen_runtime::wssecurity::UsernameToken;
    let peer = metro();
    for (version, path) in [(SoapVersion::Soap11, "/secure11"), (SoapVersion::Soap12, "/secure12")]
    {
        let endpoint = peer.url(path);
        let call = match version {
            SoapVersion::Soap11 => secure11::who_am_i,
            SoapVersion::Soap12 => secure12::who_am_i,
        };
        let tokens: [fn(&str, &str) -> UsernameToken; 2] =
            [|u, p| UsernameToken::text(u, p), |u, p| UsernameToken::digest(u, p)];
        for (kind, token) in ["text", "digest"].into_iter().zip(tokens) {
            let who = format!("{version:?} {kind}");
            // Twice: a digest's nonce is new each call (WSS4J refuses a replayed one).
            for _ in 0..2 {
                assert_eq!(
                    call(&endpoint, Some(token(WSS_USER, WSS_PASSWORD))).as_deref(),
                    Ok("alice: grüße <&>"),
                    "{who}: {}",
                    peer.stderr()
                );
            }
            for (user, password) in [(WSS_USER, "wonder land"), ("mallory", WSS_PASSWORD)] {
                let refused = call(&endpoint, Some(token(user, password))).unwrap_err();
                assert_failed_authentication(&refused, version, &who);
            }
        }
        let refused = call(&endpoint, None).unwrap_err();
        assert_failed_authentication(&refused, version, "no token");
        assert_eq!(refused.2, "No UsernameToken");
    }
}

/// WS-Security's fault: `wsse:FailedAuthentication` as the SOAP 1.1 code, or as the subcode of
/// a SOAP 1.2 Sender fault.
fn assert_failed_authentication(
    fault: &(String, Vec<String>, String),
    version: SoapVersion,
    who: &str,
) {
    let (code, subcodes, _) = fault;
    match version {
        SoapVersion::Soap11 => assert_eq!(code, "FailedAuthentication", "{who}: {fault:?}"),
        SoapVersion::Soap12 => {
            assert_eq!(code, "Sender", "{who}: {fault:?}");
            assert!(
                subcodes.iter().any(|s| s.ends_with("FailedAuthentication")),
                "{who}: {fault:?}"
            );
        }
    }
}

// --- wsimport's client against soapgen's: the same calls, the same envelopes ----------------

/// One request as JAX-WS RI's `HttpTransportPipe.dump` prints it: headers and body.
struct Dumped {
    headers: Vec<(String, String)>,
    body: String,
}

/// The requests in the output of a JAX-WS RI client run with the dump property set.
fn dumped_requests(output: &str) -> Vec<Dumped> {
    output
        .split("---[HTTP request - ")
        .skip(1)
        .map(|block| {
            let block = block.split_once("]---\n").map_or(block, |(_, rest)| rest);
            let block = block.split("--------------------").next().unwrap_or_default();
            let (head, body) = block.split_at(block.find("<?xml").unwrap_or(block.len()));
            let headers = head
                .lines()
                .filter_map(|l| l.split_once(": "))
                .map(|(n, v)| (n.to_owned(), v.to_owned()))
                .collect();
            Dumped { headers, body: body.trim_end().to_owned() }
        })
        .collect()
}

/// Runs the wsimport-generated client (peers/metro-client/Calls.java, compiled by setup.sh
/// from the samples) against `endpoint` and returns the requests it sent.
fn wsimport_requests(version: &str, endpoint: &str) -> Vec<Dumped> {
    let dir = interop::peers_dir().join("metro-client").join(version);
    let classpath = std::fs::read_to_string(dir.join("classpath")).unwrap();
    let wsdl = dir.join("wsdl").join(format!("soap{version}.wsdl"));
    let output = std::process::Command::new("java")
        .arg("-Dcom.sun.xml.ws.transport.http.client.HttpTransportPipe.dump=true")
        .args(["-cp", &classpath, "soapgen.metro.client.Calls"])
        .arg(&wsdl)
        .arg(endpoint)
        .output()
        .expect("java runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    dumped_requests(&stdout)
}

macro_rules! same_calls {
    ($krate:ident) => {
        use soapgen_runtime::{Base64Binary, HttpRequest};
        use $krate::*;

        use crate::values::*;

        /// The calls Calls.java makes, built by soapgen's client.
        pub fn requests(endpoint: &str) -> Vec<HttpRequest> {
            let client = MetroInteropClient::new().with_endpoint(endpoint);
            let order = Order {
                id: 7,
                customer: Some(Customer {
                    name: Some("Ada <&> grüße".to_owned()),
                    email: Some("ada@example.org".to_owned()),
                    credit: Some(dec("1234.50")),
                }),
                line: vec![Line {
                    sku: Some("A-1".to_owned()),
                    quantity: 2,
                    price: Some(dec("9.99")),
                }],
                placed: Some(dt("2024-02-29T23:59:59.123+05:30")),
                note: None,
                signature: Some(Base64Binary(vec![1, 2, 3, 255])),
                status: Some(Status::Shipped),
                rush: true,
            };
            vec![
                client.build_echo_order(&EchoOrder { order: Some(order) }).unwrap(),
                client.build_sum_values(&SumValues { value: vec![1, -2, i32::MAX] }).unwrap(),
                client.build_find_customer(&FindCustomer { id: Some("c-1".to_owned()) }).unwrap(),
                client
                    .build_reverse_bytes(&ReverseBytes {
                        data: Some(Base64Binary(vec![0, 1, 2, 255])),
                    })
                    .unwrap(),
            ]
        }
    };
}

mod same11 {
    same_calls!(interop_metro11);
}

mod same12 {
    same_calls!(interop_metro12);
}

/// JAX-WS RI's own wsimport client and soapgen's client send the same envelopes for the same
/// calls (compared with prefixes resolved and whitespace dropped), with the same Content-Type.
/// One difference is pinned: where the WSDL's soapAction is empty, the JAX-WS RI client sends
/// the operation's `wsam:Action` instead (as SOAPAction, or as the SOAP 1.2 `action`); soapgen
/// sends what the binding says, and Metro accepts both.
#[test]
fn wsimport_client_sends_the_envelopes_soapgen_sends() {
    let peer = metro();
    for (version, path) in [("11", "/soap11"), ("12", "/soap12")] {
        let endpoint = peer.url(path);
        let java = wsimport_requests(version, &endpoint);
        let ours = match version {
            "11" => same11::requests(&endpoint),
            _ => same12::requests(&endpoint),
        };
        assert_eq!(java.len(), ours.len(), "{version}: {} Java requests", java.len());
        let operations = ["echoOrder", "sumValues", "findCustomer", "reverseBytes"];
        for ((java, ours), operation) in java.iter().zip(&ours).zip(operations) {
            let who = format!("SOAP {version} {operation}");
            let body = String::from_utf8(ours.body.clone()).unwrap();
            assert_eq!(canonical(&java.body), canonical(&body), "{who}:\n{}\n{body}", java.body);
            let wsam_action = format!("urn:soapgen:metro:Interop:{operation}Request");
            let (java_type, our_type) = (
                header(&java.headers, "Content-Type").unwrap(),
                header(&ours.headers, "Content-Type").unwrap(),
            );
            if version == "11" {
                assert_eq!(java_type, our_type, "{who}");
                assert_eq!(
                    header(&java.headers, "SOAPAction"),
                    Some(format!("\"{wsam_action}\"")),
                    "{who}"
                );
                assert_eq!(header(&ours.headers, "SOAPAction").as_deref(), Some("\"\""), "{who}");
            } else {
                let media = |t: &str| t.split(';').next().unwrap().trim().to_owned();
                assert_eq!(media(&java_type), media(&our_type), "{who}");
                assert!(
                    java_type.contains(&format!("action=\"{wsam_action}\"")),
                    "{who}: {java_type}"
                );
            }
        }
    }
}

// --- WS-Addressing (required) and a response header -----------------------------------------

macro_rules! addressed {
    ($krate:ident) => {
        use std::sync::{Arc, Mutex};

        use soapgen_runtime::{Error, HttpTransport};
        use $krate::*;

        /// The exchanges of `calls` against `endpoint`: (request body, response body).
        pub fn run(endpoint: &str) -> Vec<(String, String)> {
            let seen = Arc::new(Mutex::new(Vec::new()));
            let hook = {
                let seen = Arc::clone(&seen);
                move |e: &soapgen_runtime::transport::Exchange| {
                    seen.lock().unwrap().push((e.request_body.clone(), e.response_body.clone()));
                }
            };
            let client =
                MetroAddressedClient::with_transport(HttpTransport::new().with_exchange_hook(hook))
                    .with_endpoint(endpoint);
            // Addressing is on by default: the WSDL declares it.
            let text = || Reverse { text: Some("grüße <&>".to_owned()) };
            let (body, headers) = client.reverse_with_headers(&text()).unwrap();
            assert_eq!(body.r#return.as_deref(), Some(">&< eßürg"));
            let quota = headers.quota.expect("the quota response header");
            assert_eq!((quota.remaining, quota.request_id.as_deref()), (41, Some("req-9")));
            // The body-only call stays as it was.
            let body = client.reverse(&text()).unwrap();
            assert_eq!(body.r#return.as_deref(), Some(">&< eßürg"));
            // Without addressing, Metro refuses the request with a fault.
            let refused = client.with_addressing(false).reverse(&text());
            let Err(Error::Fault(fault)) = refused else {
                panic!("accepted without addressing: {refused:?}")
            };
            assert!(fault.reason.contains("Addressing"), "{fault:?}");
            let seen = seen.lock().unwrap().clone();
            seen
        }
    };
}

mod addressed11 {
    addressed!(interop_metro_addressed11);
}

mod addressed12 {
    addressed!(interop_metro_addressed12);
}

/// Against Metro's `@Addressing(required = true)`: the generated client sends wsa:Action (the
/// WSDL's `wsam:Action`), a fresh MessageID, To and an anonymous ReplyTo, and Metro's reply
/// relates to that MessageID; without addressing the call is refused. The response's `quota`
/// header (an OUT header parameter) is read into `ReverseResponseHeaders` by
/// `reverse_with_headers`, over SOAP 1.1 and 1.2.
#[test]
fn metro_requires_addressing_and_sends_a_response_header() {
    let peer = metro();
    for (version, path) in [("11", "/addressed11"), ("12", "/addressed12")] {
        let endpoint = peer.url(path);
        let seen = match version {
            "11" => addressed11::run(&endpoint),
            _ => addressed12::run(&endpoint),
        };
        for (request, response) in &seen[..2] {
            assert!(
                request
                    .contains(">urn:soapgen:metro:addressed:Addressed:reverseRequest</wsa:Action>"),
                "{request}"
            );
            assert!(request.contains(&format!(">{endpoint}</wsa:To>")), "{request}");
            let id = request
                .split("<wsa:MessageID")
                .nth(1)
                .and_then(|r| r.split_once('>'))
                .map(|(_, r)| r.split('<').next().unwrap())
                .unwrap();
            assert!(id.starts_with("urn:uuid:"), "{id}");
            assert!(response.contains(&format!(">{id}</")), "the reply names {id}: {response}");
        }
        assert_ne!(seen[0].0, seen[1].0, "a fresh MessageID per call");
    }
}
