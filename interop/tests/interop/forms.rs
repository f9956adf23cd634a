//! HTTP GET and HTTP POST bindings (issue 14): the clients generated from a help page
//! documented only by its HTTP GET/POST samples (samples/http_forms: POST where both are
//! shown, GET where only GET is) and from a WSDL with http:binding ports
//! (samples/http_wsdl, generated with `http = "get"`), against spyne's HttpRpc
//! (peers/spyne_http.py) on 127.0.0.1. Every value comes back as spyne read it.

use soapgen_runtime::transport::Method;
use soapgen_runtime::{AsyncHttpTransport, Date, DateTime, Error, HttpTransport};

use crate::peers::spyne_http;

/// Spaces, the form's own delimiters, percent signs and non-ASCII text.
const TEXT: &str = "a b&c=d+e 100% Zoë €/?#";
const TAGS: [&str; 3] = ["x y", "a&b=c", "ü+ß"];

fn endpoint() -> String {
    format!("http://127.0.0.1:{}/Forms.asmx", spyne_http())
}

fn day() -> Date {
    "2024-05-01".parse().unwrap()
}

fn at() -> DateTime {
    "2024-05-01T10:00:00Z".parse().unwrap()
}

/// What spyne writes for `at`: the same instant with its offset spelled out.
fn at_echoed() -> DateTime {
    "2024-05-01T10:00:00+00:00".parse().unwrap()
}

mod page {
    use super::*;
    use http_forms::{Echo, FormsClient, IsEven};

    fn request(note: Option<&str>) -> Echo {
        Echo {
            text: TEXT.to_owned(),
            count: -42,
            flag: true,
            ratio: 2.5,
            day: day(),
            at: at(),
            note: note.map(str::to_owned),
            tags: TAGS.iter().map(|t| t.to_string()).collect(),
        }
    }

    #[test]
    fn echo_posts_a_form_and_every_value_comes_back() {
        let client = FormsClient::new().with_endpoint(endpoint());
        let built = client.build_echo(&request(None)).unwrap();
        assert_eq!(built.method, Method::Post);
        assert_eq!(built.header("Content-Type"), Some("application/x-www-form-urlencoded"));
        assert!(!built.url.contains('?'), "{}", built.url);

        let r = client.echo(&request(None)).unwrap().echo_result.expect("EchoResult");
        assert_eq!(r.text.as_deref(), Some(TEXT));
        assert_eq!(r.count, -42);
        assert!(r.flag);
        assert_eq!(r.ratio, 2.5);
        assert_eq!(r.day, day());
        assert_eq!(r.at, at_echoed());
        // Left out, not sent empty.
        assert_eq!((r.note, r.note_given), (None, false));
        assert_eq!(r.tags, TAGS);

        let r = client.echo(&request(Some("hi there"))).unwrap().echo_result.unwrap();
        assert_eq!((r.note.as_deref(), r.note_given), (Some("hi there"), true));
    }

    #[test]
    fn an_operation_offered_over_get_only_is_called_with_get() {
        let client = FormsClient::new().with_endpoint(endpoint());
        let built = client.build_is_even(&IsEven { n: 4 }).unwrap();
        assert_eq!(built.method, Method::Get);
        assert!(built.url.ends_with("/Forms.asmx/IsEven?n=4"), "{}", built.url);
        assert!(client.is_even(&IsEven { n: 4 }).unwrap().is_even_result);
        assert!(!client.is_even(&IsEven { n: -7 }).unwrap().is_even_result);
    }

    #[tokio::test(flavor = "current_thread")]
    async fn the_async_transport_sends_the_same_form() {
        let client =
            FormsClient::with_transport(AsyncHttpTransport::new()).with_endpoint(endpoint());
        let r = client.echo(&request(Some("ä"))).await.unwrap().echo_result.unwrap();
        assert_eq!((r.text.as_deref(), r.note.as_deref()), (Some(TEXT), Some("ä")));
        assert!(client.is_even(&IsEven { n: 10 }).await.unwrap().is_even_result);
    }

    #[test]
    fn http_errors_are_reported_as_such() {
        let client = FormsClient::with_transport(HttpTransport::new())
            .with_endpoint(format!("http://127.0.0.1:{}/Missing.asmx", spyne_http()));
        match client.is_even(&IsEven { n: 1 }) {
            Err(Error::Http { status, .. }) => assert_eq!(status, 404),
            other => panic!("expected HTTP 404, got {other:?}"),
        }
    }
}

mod wsdl {
    use super::*;
    use http_wsdl::{Echo, FormsClient, IsEven};

    #[test]
    fn echo_sends_a_query_string_and_every_value_comes_back() {
        let client = FormsClient::new().with_endpoint(endpoint());
        let request = Echo {
            text: TEXT.to_owned(),
            count: i32::MAX,
            flag: false,
            ratio: -0.125,
            day: day(),
            at: at(),
            note: None,
            tags: vec!["one".into(), "two words".into()],
        };
        let built = client.build_echo(&request).unwrap();
        assert_eq!(built.method, Method::Get);
        assert!(built.body.is_empty());
        assert!(
            built.url.contains("/Forms.asmx/Echo?text=a+b%26c%3Dd%2Be+100%25+Zo%C3%AB"),
            "{}",
            built.url
        );
        assert!(!built.url.contains("note="), "{}", built.url);

        let r = client.echo(&request).unwrap().echo_result;
        assert_eq!(r.text.as_deref(), Some(TEXT));
        assert_eq!((r.count, r.flag, r.ratio), (i32::MAX, false, -0.125));
        assert_eq!((r.day, r.at), (day(), at_echoed()));
        assert_eq!((r.note, r.note_given), (None, false));
        assert_eq!(r.tags, ["one", "two words"]);
        assert!(!client.is_even(&IsEven { n: 3 }).unwrap().is_even_result);
    }
}
