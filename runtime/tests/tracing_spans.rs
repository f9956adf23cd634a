//! Each call is a `soap_call` span with operation, endpoint, status and duration, and
//! nothing recorded anywhere carries a body, a header or a secret.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use soapgen_runtime::transport::soap_request;
use soapgen_runtime::{AsyncHttpTransport, HttpResponse, HttpTransport, SoapVersion, Transport};
use testkit::TestServer;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// Every span name and every field recorded, as text.
#[derive(Clone, Default)]
struct Recorder {
    seen: Arc<Mutex<Vec<(String, String, String)>>>,
    next: Arc<AtomicU64>,
}

struct Fields<'a>(&'a Recorder, &'a str);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let entry = (self.1.to_owned(), field.name().to_owned(), format!("{value:?}"));
        self.0.seen.lock().unwrap().push(entry);
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        span.record(&mut Fields(self, span.metadata().name()));
        Id::from_u64(self.next.fetch_add(1, Ordering::Relaxed) + 1)
    }
    fn record(&self, _: &Id, values: &Record<'_>) {
        values.record(&mut Fields(self, "soap_call"));
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        event.record(&mut Fields(self, "event"));
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

const OK: &str = r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><R xmlns="urn:t">secret-result</R></soap:Body></soap:Envelope>"#;

fn parse(response: &HttpResponse) -> Result<(), soapgen_runtime::Error> {
    soapgen_runtime::transport::parse_soap_response(response, |r, _| r.skip())
}

fn check(seen: &[(String, String, String)], port: u16) {
    let field = |name: &str| {
        seen.iter()
            .find(|(span, f, _)| span == "soap_call" && f == name)
            .map(|(_, _, v)| v.clone())
            .unwrap_or_else(|| panic!("no {name} in {seen:?}"))
    };
    assert_eq!(field("operation"), "\"Login\"");
    assert_eq!(field("endpoint"), format!("http://127.0.0.1:{port}/svc.asmx"));
    assert_eq!(field("status"), "200");
    assert!(field("duration_ms").parse::<f64>().unwrap() >= 0.0);
    let all = format!("{seen:?}");
    for secret in ["hunter2", "apikey", "pw@", "secret-result", "s3cret", "Basic "] {
        assert!(!all.contains(secret), "{secret} leaked: {all}");
    }
}

#[test]
fn calls_are_spans_without_secrets() {
    let server = TestServer::start(200, "text/xml", OK);
    let url = format!("http://user:pw@127.0.0.1:{}/svc.asmx?apikey=k", server.port());
    let request = || {
        let body = "<Login><password>hunter2</password></Login>".to_owned();
        Ok(soap_request(&url, SoapVersion::Soap11, Some("urn:Login"), body))
    };

    let recorder = Recorder::default();
    let transport = HttpTransport::new().with_basic_auth("u", "s3cret");
    tracing::subscriber::with_default(recorder.clone(), || {
        transport.call("Login", request(), parse).unwrap();
    });
    check(&recorder.seen.lock().unwrap(), server.port());

    let recorder = Recorder::default();
    let transport = AsyncHttpTransport::new().with_basic_auth("u", "s3cret");
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    tracing::subscriber::with_default(recorder.clone(), || {
        runtime.block_on(transport.call("Login", request(), parse)).unwrap();
    });
    check(&recorder.seen.lock().unwrap(), server.port());
}
