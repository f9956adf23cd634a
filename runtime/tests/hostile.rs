//! Hostile responses, end to end over both transports: each ends in a clear error, quickly,
//! and within bounded memory, measured by a counting allocator around the call.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use soapgen_runtime::transport::{parse_soap_response, soap_request};
use soapgen_runtime::{
    AsyncHttpTransport, Error, HttpRequest, HttpResponse, HttpTransport, SoapVersion, Transport,
    TransportErrorKind,
};
use testkit::{Reply, TestServer};

/// Counts bytes allocated and not yet freed, and the peak of that count.
struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, layout, new_size) };
        if !q.is_null() {
            CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
            grew(new_size);
        }
        q
    }
}

fn grew(bytes: usize) {
    let now = CURRENT.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// One test at a time (setup included), so a peak belongs to the case measured and not to
/// another test building its input on another thread.
static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

const MIB: usize = 1024 * 1024;

/// Runs `f`, returning its result, the most memory it held at once beyond what was held
/// before, and how long it took.
fn measure<R>(f: impl FnOnce() -> R) -> (R, usize, Duration) {
    let base = CURRENT.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let started = Instant::now();
    let result = f();
    let elapsed = started.elapsed();
    (result, PEAK.load(Ordering::Relaxed).saturating_sub(base), elapsed)
}

fn request(url: &str) -> HttpRequest {
    soap_request(url, SoapVersion::Soap11, Some("urn:Login"), "<x/>".into())
}

/// Parsers as generated code has them: one skipping the payload's content, one reading
/// it as text.
type Parse = fn(&HttpResponse) -> Result<(), Error>;

fn skip_payload(response: &HttpResponse) -> Result<(), Error> {
    parse_soap_response(response, |r, _| r.skip())
}

fn read_payload_text(response: &HttpResponse) -> Result<(), Error> {
    parse_soap_response(response, |r, _| r.read_text().map(drop))
}

/// Calls `url` through one transport, as a generated client does, and measures the call
/// alone: building the transport (TLS roots, connection pool, runtime) comes before.
fn measured_call(
    async_transport: bool,
    url: &str,
    parse: Parse,
) -> (Result<(), Error>, usize, Duration) {
    if async_transport {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let transport = AsyncHttpTransport::new();
        measure(|| runtime.block_on(transport.call("Login", Ok(request(url)), parse)))
    } else {
        let transport = HttpTransport::new();
        measure(|| transport.call("Login", Ok(request(url)), parse))
    }
}

fn envelope(payload: &str) -> String {
    format!(
        r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>{payload}</soap:Body></soap:Envelope>"#
    )
}

/// Serves `body` with status 200 and calls it through both transports; each call must
/// fail with an error whose message contains `expected`, within `max_bytes` and a second.
fn assert_refused(body: Vec<u8>, parse: Parse, max_bytes: usize, check: impl Fn(&Error)) {
    let server = TestServer::with_handler(move |_| Reply::new(200, "text/xml", body.clone()));
    for async_transport in [false, true] {
        let (result, peak, elapsed) = measured_call(async_transport, &server.url("/svc"), parse);
        let err = result.expect_err("a hostile reply must be an error");
        check(&err);
        assert!(peak < max_bytes, "async={async_transport}: {peak} bytes held (limit {max_bytes})");
        assert!(elapsed < Duration::from_secs(1), "async={async_transport}: took {elapsed:?}");
    }
}

fn xml_error_containing(needle: &'static str) -> impl Fn(&Error) {
    move |err| match err {
        Error::Xml(e) => {
            assert!(e.to_string().contains(needle), "{e}");
            assert!(e.line().is_some(), "no position: {e}");
        }
        other => panic!("expected an XML error containing {needle:?}, got {other:?}"),
    }
}

#[test]
fn billion_laughs_is_refused_unexpanded() {
    let _serial = serial();
    let mut dtd = String::from("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    for i in 2..=9 {
        let prev = if i == 2 { "lol".to_owned() } else { format!("lol{}", i - 1) };
        dtd.push_str(&format!("<!ENTITY lol{i} \"{}\">", format!("&{prev};").repeat(10)));
    }
    dtd.push(']');
    dtd.push('>');
    let body = format!("<?xml version=\"1.0\"?>{dtd}{}", envelope("<lolz>&lol9;</lolz>"));
    assert_refused(body.into_bytes(), skip_payload, MIB, xml_error_containing("DOCTYPE"));
}

#[test]
fn external_entities_are_never_fetched() {
    let _serial = serial();
    // With a DTD declaring it: refused at the DOCTYPE.
    let body = format!(
        "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>{}",
        envelope("<x>&xxe;</x>")
    );
    assert_refused(body.into_bytes(), skip_payload, MIB, xml_error_containing("DOCTYPE"));
    // Without one: an unknown entity, not a lookup.
    let body = envelope("<x>&xxe;</x>");
    assert_refused(
        body.into_bytes(),
        read_payload_text,
        MIB,
        xml_error_containing("unknown entity reference &xxe;"),
    );
}

#[test]
fn deep_nesting_stops_at_the_depth_limit() {
    let _serial = serial();
    let depth = 100_000;
    let body = envelope(&format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth)));
    // The body itself (700 KB) is held by the transport; the reader adds little.
    assert_refused(
        body.into_bytes(),
        skip_payload,
        4 * MIB,
        xml_error_containing("deeper than the limit of 256"),
    );
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let _serial = serial();
    let mut body = envelope("<r>caf").into_bytes();
    let at = body.len();
    body.extend_from_slice(b"\xC3\x28</r>");
    assert_refused(body, skip_payload, MIB, move |err| {
        let shown = err.to_string();
        assert!(matches!(err, Error::Xml(_)), "{err:?}");
        assert!(shown.contains(&format!("not valid UTF-8 at byte offset {at}")), "{shown}");
    });
}

#[test]
fn a_truncated_document_is_an_xml_error() {
    let _serial = serial();
    let body = envelope("<r><s>half").into_bytes();
    let body = body[..body.len() - "</soap:Body></soap:Envelope>".len()].to_vec();
    assert_refused(body, skip_payload, MIB, |err| {
        assert!(matches!(err, Error::Xml(_)), "{err:?}");
        assert!(err.to_string().contains("end"), "{err}");
    });
}

/// A head announcing 2 GiB, a few bytes of body, then silence: refused from the head
/// alone, before any of the body is read or buffered.
#[test]
fn a_2_gib_content_length_is_refused_up_front() {
    let _serial = serial();
    for async_transport in [false, true] {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 2147483648\r\n\r\n<soap:Envelope";
        let (url, server) = common::raw_server(head.as_bytes().to_vec(), 3000);
        let (result, peak, elapsed) = measured_call(async_transport, &url, skip_payload);
        match result {
            Err(Error::BodyTooLarge { limit }) => assert_eq!(limit, 64 * MIB),
            other => panic!("async={async_transport}: expected BodyTooLarge, got {other:?}"),
        }
        assert!(peak < 4 * MIB, "async={async_transport}: {peak} bytes held");
        assert!(elapsed < Duration::from_secs(2), "async={async_transport}: took {elapsed:?}");
        drop(server);
    }
}

/// A body that stops short of its Content-Length: a transport error, not a parse of half
/// a document.
#[test]
fn a_truncated_body_is_a_transport_error() {
    let _serial = serial();
    for async_transport in [false, true] {
        let body = envelope("<r>ok</r>");
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len() + 100
        );
        let (url, server) = common::raw_server(format!("{head}{body}").into_bytes(), 0);
        let (result, peak, _) = measured_call(async_transport, &url, skip_payload);
        match result {
            Err(Error::Transport(e)) => {
                assert_eq!(e.kind(), TransportErrorKind::Io, "async={async_transport}: {e}");
                assert!(e.to_string().contains("127.0.0.1"), "{e}");
            }
            other => panic!("async={async_transport}: expected a transport error, got {other:?}"),
        }
        assert!(peak < 4 * MIB, "async={async_transport}: {peak} bytes held");
        server.join().unwrap();
    }
}

/// The server side's router meets hostile requests as the client meets hostile replies:
/// a Client fault (or 413), quickly, within a few MiB beyond the request itself.
#[cfg(feature = "server")]
#[test]
fn hostile_requests_to_the_router_are_refused_in_bounded_memory() {
    use soapgen_runtime::server::{Headers, Operation, Router, ServerFault, ServerRequest};
    let _guard = serial();
    let router = Router::new("/svc").operation(
        Operation { name: "Echo", input: ("urn:e", "Echo"), output: ("urn:e", "R"), actions: &[] },
        |text: String, _: &Headers| std::future::ready(Ok::<_, ServerFault>(text)),
    );
    let post = |body: Vec<u8>| ServerRequest {
        method: "POST".into(),
        path: "/svc".into(),
        headers: vec![("content-type".into(), "text/xml".into())],
        body,
        ..ServerRequest::default()
    };
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let bomb = format!(
        "<!DOCTYPE l [<!ENTITY a \"{}\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\
         <s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><Echo xmlns=\"urn:e\">&c;&c;&c;&c;</Echo></s:Body></s:Envelope>",
        "x".repeat(1000)
    );
    let deep = format!(
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><Echo xmlns=\"urn:e\">{}</Echo></s:Body></s:Envelope>",
        "<a>".repeat(1_000_000)
    );
    let cases: [(&str, Vec<u8>, u16); 3] = [
        ("entity bomb", bomb.into_bytes(), 500),
        ("3 MB of nesting", deep.into_bytes(), 500),
        ("a body over the limit", vec![b' '; soapgen_runtime::server::MAX_BODY + 1], 413),
    ];
    for (what, body, status) in cases {
        let request = post(body);
        let (reply, peak, took) = measure(|| runtime.block_on(router.handle(&request)));
        assert_eq!(reply.status, status, "{what}: {}", reply.body);
        assert!(peak < 4 * MIB, "{what}: {} KiB", peak / 1024);
        assert!(took < Duration::from_secs(2), "{what}: {took:?}");
    }
}
