//! Fuzz drivers, shared by the cargo-fuzz targets in `fuzz/` and the test that replays
//! their corpora (`tests/fuzz_corpus.rs`), so a corpus file means the same thing to both.
//!
//! Each driver takes arbitrary bytes and must never panic, loop forever or overflow the
//! stack; besides that, it asserts properties a correct reader keeps (errors are sticky,
//! resolved names agree with the scope, captured markup stays well-formed when written
//! elsewhere, value parsing round-trips). A panic here is a bug in the runtime.
//!
//! Not part of the API: hidden from the docs and free to change.

use crate::soap::{read_document, read_envelope};
use crate::transport::{parse_soap_response, parse_xml_response};
use crate::value::{
    Base64Binary, Date, DateTime, Decimal, Duration, Guid, HexBinary, QName, Time, XmlValue,
};
use crate::xml::{AnyElement, Limits, RawXml, XmlError, XmlReader, XmlWriter};
use crate::{Error, HttpResponse};

/// Drives an [`XmlReader`] over `data[1..]` (as UTF-8), choosing among `next_child`,
/// `read_text`, `read_value`, `skip`, `read_raw` and `AnyElement::read_xml` with the bits
/// of `data[0]`, until the document ends or an error stops it. Done twice, with and
/// without the reader's fast path, which must see exactly what the tokenizer path sees.
pub fn xml_reader(data: &[u8]) {
    let Some((&seed, rest)) = data.split_first() else {
        return;
    };
    let Ok(xml) = std::str::from_utf8(rest) else {
        return;
    };
    let fast = drive_reader(xml, seed, true);
    let tokenizer = drive_reader(xml, seed, false);
    assert_eq!(fast, tokenizer, "the fast path and the tokenizer path disagree");
}

/// One run of [`xml_reader`]: what each step returned (names, texts, captures, errors).
fn drive_reader(xml: &str, seed: u8, fast: bool) -> Vec<String> {
    // A small depth limit so deep-nesting inputs are cheap; the limit path is what matters.
    let limits = Limits { max_depth: 48, max_attributes: 32, ..Limits::default() };
    let mut r = XmlReader::with_limits(xml, limits);
    r.set_fast_path(fast);
    let mut ops = Ops::new(seed);
    let mut trace = Vec::new();
    // Elements open (started and not finished) as the driver sees them.
    let mut depth = 0usize;
    // Every call consumes at least one token or ends the document, so this bound is never
    // reached by a correct reader; reaching it means a call made no progress.
    let bound = xml.len() + 8;
    for _ in 0..bound {
        let step = if depth == 0 { Step::Child } else { ops.next() };
        match run_step(&mut r, step, &mut depth, &mut trace) {
            Ok(true) => {}
            Ok(false) => return trace,
            Err(first) => {
                // Errors are sticky: the reader never resumes in an unknown state.
                let again = r.next_child().expect_err("a read after an error must fail");
                assert_eq!(again, first, "a read after an error must repeat it");
                trace.push(format!("error {first}"));
                return trace;
            }
        }
    }
    panic!("the reader made no progress in {bound} calls");
}

/// What the driver does next inside an element.
#[derive(Clone, Copy)]
enum Step {
    Child,
    Text,
    Value(u8),
    Skip,
    Raw,
    AnyElement,
}

/// A stream of steps from one seed byte (a xorshift generator, so every seed gives a
/// different but reproducible mix).
struct Ops(u32);

impl Ops {
    fn new(seed: u8) -> Self {
        Ops(u32::from(seed).wrapping_mul(0x9E37_79B9) | 1)
    }

    fn next(&mut self) -> Step {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 17;
        self.0 ^= self.0 << 5;
        match self.0 % 8 {
            0..=2 => Step::Child,
            3 => Step::Text,
            4 => Step::Value((self.0 >> 8) as u8),
            5 => Step::Skip,
            6 => Step::Raw,
            _ => Step::AnyElement,
        }
    }
}

/// One step; `Ok(false)` once the document is done.
fn run_step(
    r: &mut XmlReader<'_>,
    step: Step,
    depth: &mut usize,
    trace: &mut Vec<String>,
) -> Result<bool, XmlError> {
    match step {
        Step::Child => match r.next_child()? {
            Some(tag) => {
                trace.push(format!("{tag:?} {:?}", r.attribute("", "a")));
                check_tag_scope(r, tag.prefix(), tag.ns);
                let _ = r.is_nil();
                let _ = r.attribute(crate::xml::XSI_NS, "type");
                *depth += 1;
            }
            None if *depth == 0 => return Ok(false),
            None => *depth -= 1,
        },
        Step::Text => {
            trace.push(r.read_text()?.into_owned());
            *depth -= 1;
        }
        Step::Value(kind) => {
            read_some_value(r, kind)?;
            trace.push(format!("value {kind}"));
            *depth -= 1;
        }
        Step::Skip => {
            r.skip()?;
            *depth -= 1;
        }
        Step::Raw => {
            let raw = r.read_raw()?;
            trace.push(format!("{raw:?}"));
            check_raw_rewrites(&raw, Rewrite::Wrapped);
            *depth -= 1;
        }
        Step::AnyElement => {
            // Only an element just started can be captured whole; otherwise read children.
            let Some(tag) = r.next_child()? else {
                *depth -= 1;
                return Ok(true);
            };
            let any = AnyElement::read_xml(r, &tag)?;
            trace.push(format!("{any:?}"));
            assert_eq!((any.ns.as_str(), any.local.as_str()), (tag.ns, tag.local));
            check_raw_rewrites(&any.xml, Rewrite::Element(&any));
        }
    }
    Ok(true)
}

/// A prefixed element's namespace is what its prefix resolves to.
fn check_tag_scope(r: &XmlReader<'_>, prefix: &str, ns: &str) {
    if !prefix.is_empty() {
        assert_eq!(r.resolve_prefix(prefix), Some(ns), "prefix `{prefix}` resolves elsewhere");
    }
}

/// How captured markup is written back.
enum Rewrite<'a> {
    /// Inner markup, inside a new wrapper element (`RawXml::write_element`).
    Wrapped,
    /// A whole element (`AnyElement::write_to`).
    Element(&'a AnyElement),
}

/// Captured markup written into a new document must parse again: the reader only hands
/// out balanced markup, and the writer re-declares the namespaces it relies on.
fn check_raw_rewrites(raw: &RawXml, how: Rewrite<'_>) {
    let mut w = XmlWriter::new();
    w.start("urn:fuzz:outer", "outer");
    match how {
        Rewrite::Wrapped => raw.write_element(&mut w, "urn:fuzz:wrapper", "wrapper"),
        Rewrite::Element(any) => any.write_to(&mut w),
    }
    w.end("outer");
    let Ok(doc) = w.finish() else {
        // Declared namespace URIs the writer cannot carry (e.g. a U+FFFE in one) are
        // refused when written; that is the writer doing its job.
        return;
    };
    let mut r = XmlReader::with_limits(&doc, Limits { max_depth: 64, ..Limits::default() });
    let reread = r.next_child().and_then(|_| r.skip()).and_then(|()| r.next_child());
    if let Err(e) = reread {
        panic!("captured markup no longer parses once written ({e}): {doc:?}");
    }
}

/// `read_value` as one of the runtime's value types, chosen by `kind`; a value that parses
/// must survive write → parse unchanged.
fn read_some_value(r: &mut XmlReader<'_>, kind: u8) -> Result<(), XmlError> {
    fn check<V: XmlValue>(r: &mut XmlReader<'_>) -> Result<(), XmlError> {
        let value = r.read_value::<V>()?;
        assert_value_round_trips(&value);
        Ok(())
    }
    match kind % 14 {
        0 => check::<bool>(r),
        1 => check::<i32>(r),
        2 => check::<u64>(r),
        3 => check::<f64>(r),
        4 => check::<f32>(r),
        5 => check::<Decimal>(r),
        6 => check::<DateTime>(r),
        7 => check::<Date>(r),
        8 => check::<Time>(r),
        9 => check::<Duration>(r),
        10 => check::<Guid>(r),
        11 => check::<Base64Binary>(r),
        12 => check::<HexBinary>(r),
        _ => check::<QName>(r),
    }
}

/// Parsing what a value writes gives back a value that writes the same text.
fn assert_value_round_trips<V: XmlValue>(value: &V) {
    let mut first = String::new();
    value.write_lexical(&mut first);
    let again = V::parse_lexical(&first)
        .unwrap_or_else(|e| panic!("{} wrote {first:?}, which does not parse: {e}", V::XSD_TYPE));
    let mut second = String::new();
    again.write_lexical(&mut second);
    assert_eq!(first, second, "{} does not round-trip", V::XSD_TYPE);
}

/// Reads `data[1..]` as a SOAP response envelope and as a plain XML document, with a
/// status chosen by `data[0]`, reading the payload generically; faults must display.
pub fn envelope(data: &[u8]) {
    let Some((&seed, body)) = data.split_first() else {
        return;
    };
    let status = match seed % 4 {
        0 | 1 => 200,
        2 => 500,
        _ => 400,
    };
    let response = HttpResponse::new(status, None, body.to_vec());
    let read = |r: &mut XmlReader<'_>, _: crate::StartTag<'_>| read_generically(r, seed);
    check_outcome(parse_soap_response(&response, read));
    check_outcome(parse_xml_response(&response, read));
    // A plain-XML error reply read as a DTO (raw) with its ServiceStack ResponseStatus.
    let dto = crate::transport::read_xml_response::<RawXml>(&response, "", "Response");
    check_outcome(dto.map(|_| ()));
    if let Ok(xml) = std::str::from_utf8(body) {
        check_outcome(read_envelope(xml, read));
        check_outcome(read_document(xml, read));
        if let Some(status) = crate::transport::ResponseStatus::from_document(xml) {
            let _ = format!("{status:?}");
        }
    }
}

/// Reads a response whose Content-Type is the first line of `data` and whose body is the
/// rest: MTOM/XOP packages (multipart/related) and bodies in any declared encoding (BOMs,
/// `charset`, XML declarations) go through the same unpacking and decoding as real responses,
/// then the payload is read generically. The multipart reader is also run on its own: every
/// part it returns must lie inside the body unless a base64 part was decoded.
pub fn response_body(data: &[u8]) {
    let split = data.iter().position(|&b| b == b'\n').unwrap_or(data.len());
    let Ok(content_type) = std::str::from_utf8(&data[..split]) else {
        return;
    };
    let body = data.get(split + 1..).unwrap_or_default();
    let seed = body.first().copied().unwrap_or_default();
    let response = HttpResponse::new(200, Some(content_type.to_owned()), body.to_vec());
    let read = |r: &mut XmlReader<'_>, _: crate::StartTag<'_>| read_generically(r, seed);
    check_outcome(parse_soap_response(&response, read));
    check_outcome(parse_xml_response(&response, read));
    if let Ok(parts) = crate::transport::mtom::parts(body, content_type) {
        let range = body.as_ptr_range();
        for part in &parts {
            if let std::borrow::Cow::Borrowed(b) = &part.body {
                assert!(b.is_empty() || range.contains(&b.as_ptr()), "a part outside the body");
            }
        }
        if let Ok((root, others)) = crate::transport::mtom::split_root(&parts, content_type) {
            if let Ok(xml) = std::str::from_utf8(&root.body) {
                let _ = crate::transport::mtom::inline(xml, &others);
            }
        }
    }
}

/// Reads the rest of the current element, as generated code does: children by name, text
/// of leaves as values, unknown elements skipped. Iterative, like the reader.
fn read_generically(r: &mut XmlReader<'_>, seed: u8) -> Result<(), XmlError> {
    let mut ops = Ops::new(seed);
    let mut depth = 1usize;
    while depth > 0 {
        match ops.next() {
            Step::Text => {
                r.read_text()?;
                depth -= 1;
            }
            Step::Value(kind) => {
                read_some_value(r, kind)?;
                depth -= 1;
            }
            Step::Skip | Step::AnyElement => {
                r.skip()?;
                depth -= 1;
            }
            Step::Raw => {
                r.read_raw()?;
                depth -= 1;
            }
            Step::Child => match r.next_child()? {
                Some(tag) => {
                    check_tag_scope(r, tag.prefix(), tag.ns);
                    depth += 1;
                }
                None => depth -= 1,
            },
        }
    }
    Ok(())
}

/// Whatever came out must be displayable, and a fault's parts consistent.
fn check_outcome(result: Result<(), Error>) {
    match result {
        Ok(()) => {}
        Err(Error::Fault(fault)) => {
            let shown = fault.to_string();
            assert!(shown.contains(&fault.code), "{shown}");
            if let Some(detail) = &fault.detail {
                check_raw_rewrites(detail, Rewrite::Wrapped);
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
}

/// Reads `data` (as UTF-8) as a proxy URL with [`Proxy::new`](crate::Proxy::new): it never
/// panics, an accepted URL has a host, and its `Debug` does not depend on the password (it is
/// the same with another one).
#[cfg(any(feature = "blocking", feature = "async"))]
pub fn proxy_url(data: &[u8]) {
    let Ok(url) = std::str::from_utf8(data) else {
        return;
    };
    match crate::Proxy::new(url) {
        Ok(proxy) => {
            assert!(!proxy.host().is_empty());
            if let Some(user) = proxy.user_for_fuzzing() {
                let other = proxy.clone().with_credentials(user.to_owned(), "another password");
                assert_eq!(format!("{proxy:?}"), format!("{other:?}"));
            }
        }
        Err(e) => {
            let _ = (e.to_string(), format!("{e:?}"));
        }
    }
}

/// Reads `data` (lossy UTF-8) as a `WWW-Authenticate` value. Challenges have a scheme; an
/// answerable Digest challenge gets an `Authorization` whose parameters read back as sent
/// (quoting holds whatever the server put in realm, nonce or opaque).
pub fn www_authenticate(data: &[u8]) {
    use crate::transport::auth::challenge::parse;
    use crate::transport::auth::digest::DigestSession;
    let text = String::from_utf8_lossy(data);
    let Ok(challenges) = parse(&text) else { return };
    for c in &challenges {
        assert!(!c.scheme.is_empty());
    }
    let Some(Ok(mut session)) = DigestSession::pick(&challenges) else { return };
    let password = crate::Secret::from("pw");
    let header = session.authorization("user\"\\", &password, "POST", "/a?b=\"c\"", "cnonce");
    let value = header.expose().strip_prefix("Digest ").expect("a Digest header");
    let back = parse(&format!("Digest {value}")).expect("the Authorization value reads back");
    assert_eq!(back.len(), 1, "{value}");
    if back[0].param("userhash").is_none() {
        assert_eq!(back[0].param("username"), Some("user\"\\"));
    }
    assert_eq!(back[0].param("nonce"), Some(session.nonce()));
    assert_eq!(back[0].param("uri"), Some("/a?b=\"c\""));
}

/// Reads `data` as an NTLM CHALLENGE message; one that reads gets an AUTHENTICATE message
/// whose security buffers all lie inside it.
pub fn ntlm_challenge(data: &[u8]) {
    use crate::transport::auth::ntlm;
    let Ok(challenge) = ntlm::parse_challenge(data) else { return };
    let credentials = ntlm::NtlmCredentials::new("DOMAIN\\user", crate::Secret::from("pw"));
    let fresh = ntlm::Freshness { client_challenge: [1; 8], now: 0 };
    let negotiate = ntlm::negotiate_message();
    let m = ntlm::authenticate_message(&credentials, &negotiate, data, &challenge, &fresh);
    for field in (12..=52).step_by(8) {
        let len = usize::from(u16::from_le_bytes([m[field], m[field + 1]]));
        let offset = u32::from_le_bytes([m[field + 4], m[field + 5], m[field + 6], m[field + 7]]);
        assert!(offset as usize + len <= m.len(), "field at {field} points outside");
    }
}

/// Reads `data[1..]` (lossy UTF-8) as a `Set-Cookie` value received from a URL chosen by
/// `data[0]`. A cookie that is stored goes back to a request for its own host and path,
/// and masking the header replaces its value and nothing else.
pub fn set_cookie(data: &[u8]) {
    use crate::transport::cookies::{CookieJar, Target, parse_set_cookie};
    let Some((&seed, rest)) = data.split_first() else { return };
    let url = match seed % 4 {
        0 => "http://127.0.0.1:8080/svc/a.asmx",
        1 => "https://api.example.com/",
        2 => "http://[::1]/x/y/z",
        _ => "https://user:pw@www.example.co.uk:443/svc?q=1",
    };
    let value = String::from_utf8_lossy(rest);
    let target = Target::of(url);
    let masked = crate::transport::wire::mask_header("Set-Cookie", &value);
    let Ok(cookie) = parse_set_cookie(&value, &target, std::time::SystemTime::now()) else {
        return;
    };
    // Masking keeps the name and the attributes and replaces exactly the value.
    let (pair, attributes) = value.split_once(';').unwrap_or((&value, ""));
    let name = pair.split_once('=').map_or("", |(n, _)| n.trim());
    let expected = match attributes {
        "" => format!("{name}=<redacted>"),
        attributes => format!("{name}=<redacted>;{attributes}"),
    };
    assert_eq!(masked, expected);
    assert_eq!(name, cookie.name);
    let jar = CookieJar::default();
    jar.store(url, std::iter::once(value.as_ref()));
    let stored = jar.cookies();
    // A path with `?` or `#` is stored but matches no request path (those end the path).
    if let Some(kept) = stored.first().filter(|c| !c.path.contains(['?', '#'])) {
        let scheme = if kept.secure { "https" } else { "http" };
        let host = if kept.domain.contains(':') {
            format!("[{}]", kept.domain)
        } else {
            kept.domain.clone()
        };
        let again = format!("{scheme}://{host}{}", kept.path);
        let header = jar.header_for(&again);
        let pair = format!("{}={}", kept.name, kept.value);
        assert!(header.as_deref().is_some_and(|h| h.contains(&pair)), "{again}: {header:?}");
    }
}

/// Masks `data` (lossy UTF-8) as a body for the wire hooks: never panics, and masking
/// twice changes nothing more.
pub fn wire_mask(data: &[u8]) {
    use crate::transport::wire::mask_xml;
    let text = String::from_utf8_lossy(data);
    let once = mask_xml(&text).into_owned();
    let twice = mask_xml(&once).into_owned();
    assert_eq!(once, twice);
}

/// Sends `data[1..]` as a request body to a router with one operation (an echo of a string),
/// with the method, content type and action chosen by `data[0]`: the router never panics,
/// answers with a status it documents, and a 500 is a fault envelope.
#[cfg(feature = "server")]
pub fn server_request(data: &[u8]) {
    use crate::server::{Operation, Router, ServerFault, ServerRequest};
    use crate::soap::SoapVersion;
    let Some((&seed, body)) = data.split_first() else {
        return;
    };
    let router = Router::new("/svc").wsdl("<definitions/>").operation(
        Operation {
            name: "Echo",
            input: ("urn:fuzz", "Echo"),
            output: ("urn:fuzz", "EchoResponse"),
            actions: &[(SoapVersion::Soap11, Some("urn:fuzz/Echo")), (SoapVersion::Soap12, None)],
        },
        |text: String, _: &crate::server::Headers| std::future::ready(Ok::<_, ServerFault>(text)),
    );
    let content_type = match seed % 5 {
        0 | 1 => "text/xml; charset=utf-8",
        2 | 3 => "application/soap+xml; charset=utf-8; action=\"urn:fuzz/Echo\"",
        _ => "application/json",
    };
    let request = ServerRequest {
        method: if seed & 0x80 == 0 { "POST".into() } else { "GET".into() },
        path: "/svc".into(),
        query: if seed & 0x40 == 0 { String::new() } else { "wsdl".into() },
        headers: vec![
            ("content-type".into(), content_type.into()),
            ("soapaction".into(), "\"urn:fuzz/Echo\"".into()),
        ],
        body: body.to_vec(),
    };
    let mut future = std::pin::pin!(router.handle(&request));
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    // The echo handler is ready at once, so the whole answer is.
    let std::task::Poll::Ready(response) = future.as_mut().poll(&mut context) else {
        panic!("the router waited on a ready handler");
    };
    assert!(matches!(response.status, 200 | 404 | 405 | 413 | 415 | 500), "{}", response.status);
    if response.status == 500 {
        assert!(response.body.contains("Fault"), "{}", response.body);
    }
}
