//! Apache Axis 1.4 (Debian's `libaxis-java`, SimpleAxisServer) as a peer: an rpc/encoded
//! service (peers/axis/soapgen/axis/Library.java) whose WSDL, fetched as a user would, is the
//! checked-in sample interop_axis. Axis answers with SOAP-encoded multi-references by default
//! (`<echoBookReturn href="#id0"/>` + `<multiRef id="id0">`, scalars included), shares one
//! multiRef between two accessors, and names array members after the array: every operation
//! is called through the generated client, blocking and async, and every value checked.

use std::path::Path;

use interop::{axis, normalise_wsdl, sample};
use soapgen::fetch::{Connection, Limits, fetch};

/// `soapgen fetch` of the live `?wsdl` saves the sample (Axis writes the machine's host name
/// and port into the address: normalised to 127.0.0.1:8080, as in the sample).
/// `SOAPGEN_UPDATE_WSDL=1` rewrites the sample instead. Operation order is not compared.
#[test]
fn axis_publishes_the_checked_in_sample() {
    let peer = axis();
    let url = peer.url("/axis/services/Library?wsdl");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("axis-fetch");
    let _ = std::fs::remove_dir_all(&dir);
    let saved = fetch(&url, &dir, &Connection::default(), Limits::default())
        .unwrap_or_else(|e| panic!("fetching {url}: {e}\n{}", peer.stderr()));
    let live = normalise_wsdl(&std::fs::read_to_string(&saved.entry).unwrap());
    let path = sample("interop_axis/Library.wsdl");
    if std::env::var_os("SOAPGEN_UPDATE_WSDL").is_some_and(|v| v == "1") {
        std::fs::write(&path, &live).unwrap();
        return;
    }
    // Axis lists operations in the order the JVM's reflection returns methods, which varies
    // from run to run: the same lines, in any order, are the same contract.
    let lines = |text: &str| {
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        lines.sort();
        lines
    };
    assert!(
        lines(&std::fs::read_to_string(&path).unwrap()) == lines(&live),
        "Axis now publishes something else than samples/interop_axis/Library.wsdl: rerun with \
         SOAPGEN_UPDATE_WSDL=1, then `cargo xtask codegen`, and review the diff"
    );
}

/// The body of `blocking` and `asynchronous` below: every call, every value checked.
macro_rules! exercise {
    ($client:ident, $who:ident, [$($aw:tt)*]) => {{
        let (client, who) = ($client, $who);
        {
            let book = |title: &str, author: Option<Author>, tags: &[&str]| Book {
                title: Some(title.to_owned()),
                author,
                price: Some(dec(LONG_DECIMAL)),
                published: Some(dt("2024-02-29T23:59:59.123Z")),
                tags: tags.iter().map(|t| (*t).to_owned()).collect(),
                available: true,
            };
            let ada = Author { name: Some(UNICODE.to_owned()), born: 1815 };

            // echoBook: a bean with a nested bean, an array and simple values, each of them
            // sent back by Axis as a multi-reference.
            let sent = book(MARKUP, Some(ada.clone()), &["math", PADDED, ""]);
            let got = ok(client.echo_book(&EchoBook { in0: Some(sent.clone()) }) $($aw)*, who,
                "echoBook").echo_book_return.expect("a book");
            assert_eq!(got.title, sent.title, "{who}");
            assert_eq!(got.author, sent.author, "{who}");
            assert_eq!(got.price, sent.price, "{who}");
            assert_eq!(got.published.as_ref().map(instant), sent.published.as_ref().map(instant),
                "{who}");
            assert_eq!(got.tags, sent.tags, "{who}");
            assert!(got.available, "{who}");
            // Nil members: no author, no date, no tags.
            let bare = Book { title: None, author: None, price: None, published: None, tags: vec![],
                available: false };
            let got = ok(client.echo_book(&EchoBook { in0: Some(bare.clone()) }) $($aw)*, who,
                "echoBook").echo_book_return.expect("a book");
            assert_eq!(got, bare, "{who}");

            // echoBooks: an array of references.
            let books = vec![book("one", Some(ada.clone()), &["a"]), book("two", None, &[])];
            let got = ok(client.echo_books(&EchoBooks { in0: books.clone() }) $($aw)*, who,
                "echoBooks").echo_books_return;
            assert_eq!(got.len(), 2, "{who}");
            assert_eq!(got.iter().map(|b| b.title.clone()).collect::<Vec<_>>(),
                books.iter().map(|b| b.title.clone()).collect::<Vec<_>>(), "{who}");
            assert_eq!(got[0].author, Some(ada.clone()), "{who}");
            assert_eq!((got[0].tags.clone(), got[1].tags.clone()), (vec!["a".to_owned()], vec![]),
                "{who}");
            let got = ok(client.echo_books(&EchoBooks { in0: vec![] }) $($aw)*, who, "echoBooks");
            assert!(got.echo_books_return.is_empty(), "{who}");

            // twoBooksOneAuthor: one multiRef shared by two accessors is read into both.
            let got = ok(client.two_books_one_author(&TwoBooksOneAuthor {
                in0: Some("Ada".to_owned()) }) $($aw)*, who, "twoBooksOneAuthor")
                .two_books_one_author_return;
            let author = Some(Author { name: Some("Ada".to_owned()), born: 1815 });
            assert_eq!(got.len(), 2, "{who}");
            assert_eq!((&got[0].author, &got[1].author), (&author, &author), "{who}");
            assert_eq!(got[0].title.as_deref(), Some("Notes"), "{who}");
            assert_eq!(got[0].price, Some(dec("12.50")), "{who}");
            assert_eq!(got[0].tags, ["math", "engines"], "{who}");
            assert_eq!((got[1].title.as_deref(), got[1].price.clone()), (Some("Letters"), Some(dec("7.25"))),
                "{who}");
            assert!(got[1].tags.is_empty() && got[1].published.is_none(), "{who}");

            // sum: an array of ints.
            let got = ok(client.sum(&Sum { in0: vec![i32::MAX, i32::MAX, i32::MIN, 3] }) $($aw)*, who,
                "sum");
            assert_eq!(got.sum_return, Some(i64::from(i32::MAX) - 1 + 3 + 1 - 1), "{who}");

            // fail: an Axis fault with its code and reason.
            let f = fault(client.fail(&Fail { in0: Some(MARKUP.to_owned()) }) $($aw)*, who, "fail");
            assert_eq!(f.code_local_name(), "Server.Rejected", "{who}: {f:?}");
            assert_eq!(f.reason, MARKUP, "{who}");
        }
    }};
}

mod calls {
    use interop_axis::*;
    use soapgen_runtime::{AsyncHttpTransport, HttpTransport};

    use crate::values::*;

    pub fn blocking(client: &LibraryServiceClient<HttpTransport>, who: &str) {
        exercise!(client, who, []);
    }

    pub async fn asynchronous(client: &LibraryServiceClient<AsyncHttpTransport>, who: &str) {
        exercise!(client, who, [.await]);
    }
}

#[test]
fn axis_every_operation_blocking_and_async() {
    use interop_axis::LibraryServiceClient;
    use soapgen_runtime::{AsyncHttpTransport, HttpTransport};

    let endpoint = axis().url("/axis/services/Library");
    let client =
        LibraryServiceClient::with_transport(HttpTransport::new()).with_endpoint(&endpoint);
    calls::blocking(&client, "axis blocking");
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let client =
        LibraryServiceClient::with_transport(AsyncHttpTransport::new()).with_endpoint(&endpoint);
    runtime.block_on(calls::asynchronous(&client, "axis async"));
}

/// The requests are SOAP-encoded as rpc/encoded services that read by type need: simple
/// values with their `xsi:type`, beans with theirs, arrays as `soapenc:Array` with their
/// `arrayType`; the calls above show Axis reads them.
#[test]
fn axis_requests_say_their_types() {
    use interop_axis::*;
    let client = LibraryServiceClient::new();
    let book = Book {
        title: Some("T".to_owned()),
        author: Some(Author { name: Some("Ada".to_owned()), born: 1815 }),
        price: None,
        published: None,
        tags: vec!["a".to_owned(), "b".to_owned()],
        available: true,
    };
    let request = client.build_echo_book(&EchoBook { in0: Some(book) }).unwrap();
    let body = String::from_utf8(request.body).unwrap();
    // Prefixes as the writer chose them; the canonical form keeps attribute values as written.
    let canonical = testkit::pages::canonical(&body);
    let xsi = "{http://www.w3.org/2001/XMLSchema-instance}type";
    let enc = "{http://schemas.xmlsoap.org/soap/encoding/}arrayType";
    for want in [
        format!("{{}}in0 {xsi}=\"ns1:Book\""),
        format!("{{}}author {xsi}=\"ns1:Author\""),
        format!("{{}}born {xsi}=\"xsd:int\""),
        format!("{{}}available {xsi}=\"xsd:boolean\""),
        format!("{{}}tags {enc}=\"xsd:string[2]\" {xsi}=\"ns2:Array\""),
    ] {
        assert!(canonical.contains(&want), "{want} in\n{canonical}\n{body}");
    }
    assert!(body.contains("xmlns:ns1=\"urn:soapgen:axis\""), "{body}");
    assert!(body.contains("xmlns:ns2=\"http://schemas.xmlsoap.org/soap/encoding/\""), "{body}");
    let request = client.build_sum(&Sum { in0: vec![1, 2] }).unwrap();
    let body = String::from_utf8(request.body).unwrap();
    assert!(body.contains("arrayType=\"xsd:int[2]\""), "{body}");
}
