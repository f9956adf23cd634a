//! HTML input: help pages as served or saved from a browser, operations indexes, and the
//! locations of errors and warnings inside the HTML.

use std::path::{Path, PathBuf};

use soapgen::{Error, Options, Source};

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(rel)
}

fn read(rel: &str) -> Source {
    Source::from_path(&repo(rel)).unwrap()
}

/// The 1-based line and column of the first `needle` in `text`.
fn line_col(text: &str, needle: &str) -> (u32, u32) {
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle} not in the page"));
    let before = &text[..at];
    let line = before.matches('\n').count() as u32 + 1;
    let col = before[before.rfind('\n').map_or(0, |i| i + 1)..].chars().count() as u32 + 1;
    (line, col)
}

#[test]
fn asmx_pages_served_as_html_generate_with_warnings_located_in_the_html() {
    let sources =
        [read("samples/asmx_html/AdjustStock.html"), read("samples/asmx_html/GetStock.html")];
    let out = soapgen::generate(&sources, &Options::default()).unwrap();
    assert!(out.code.contains("pub struct InventoryServiceClient"), "named from the page");
    assert!(out.code.contains("Books a stock movement & returns the new level."));
    // The HTTP GET and POST sections are not SOAP samples.
    assert!(!out.code.contains("StockLevel"));
    assert!(out.warnings().is_empty(), "{:?}", out.warnings());
}

#[test]
fn servicestack_pages_as_html_take_their_types_from_the_tables() {
    let out = soapgen::generate(
        &[read("samples/servicestack_html/CreateShipment.html")],
        &Options::default(),
    )
    .unwrap();
    assert!(out.code.contains("pub struct ShippingWebServicesClient"));
    assert!(out.code.contains("pub weight: rt::Decimal"), "the table says decimal");
    assert!(out.code.contains("pub pieces: Option<i32>"), "the table says int");
    assert!(out.code.contains("/// - `POST /shipments`"), "routes from the routes table");
    let page =
        std::fs::read_to_string(repo("samples/servicestack_html/CreateShipment.html")).unwrap();
    let w = &out.warnings()[0];
    assert!(w.message.contains("one <string> in <Tags>"), "{w:?}");
    assert_eq!((w.at.line, w.at.column), line_col(&page, "&lt;d2p1:string&gt;"));
    assert!(w.at.file.ends_with("CreateShipment.html"));
}

#[test]
fn a_broken_sample_is_reported_at_its_place_in_the_html() {
    let page = "<html><body><h2>Op</h2>\n<pre>POST /s.asmx HTTP/1.1\nContent-Type: text/xml\n\n&lt;soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"&gt;\n  &lt;soap:Body&gt;&lt;Op xmlns=\"urn:x\"&gt;&lt;a&gt;<font class=value>int</font>&lt;/b&gt;\n</pre></body></html>";
    let err = soapgen::generate(&[Source::new("op.html", page)], &Options::default()).unwrap_err();
    let Error::Input { at, message, line_text } = &err else { panic!("{err:?}") };
    assert_eq!((at.line, at.column), line_col(page, "&lt;/b&gt;"), "{err}");
    assert!(message.contains("</a>"), "{message}");
    assert!(line_text.contains("&lt;/b&gt;"), "the HTML line is shown: {line_text}");
}

#[test]
fn unmarked_text_on_a_marked_page_is_a_value_not_a_placeholder() {
    let page = "<html><body><pre>POST /s.asmx HTTP/1.1\nContent-Type: text/xml; charset=utf-8\nSOAPAction: \"urn:x/Op\"\n\n&lt;soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"&gt;&lt;soap:Body&gt;&lt;Op xmlns=\"urn:x\"&gt;\n  &lt;count&gt;<font class=value>int</font>&lt;/count&gt;\n  &lt;kind&gt;<font class=value>Thing</font>&lt;/kind&gt;\n  &lt;version&gt;2.5&lt;/version&gt;\n&lt;/Op&gt;&lt;/soap:Body&gt;&lt;/soap:Envelope&gt;</pre></body></html>";
    let out = soapgen::generate(&[Source::new("op.html", page)], &Options::default()).unwrap();
    let messages: Vec<(&str, (u32, u32))> =
        out.warnings().iter().map(|w| (w.message.as_str(), (w.at.line, w.at.column))).collect();
    assert_eq!(
        messages,
        [
            (
                "the page marks 'Thing' as a placeholder, but it names no XSD type; typed as string",
                line_col(page, "&lt;kind")
            ),
            (
                "the page shows '2.5' as a value, not a marked placeholder; typed from it as decimal",
                line_col(page, "&lt;version")
            ),
            (
                "no response sample for operation Op; its response is kept as raw XML",
                line_col(page, "POST")
            ),
        ]
    );
    assert!(out.code.contains("pub count: i32"));
    assert!(out.code.contains("pub version: rt::Decimal"));
}

#[test]
fn an_asmx_operations_index_says_what_to_run() {
    let index = read("codegen/tests/fixtures/html/asmx_index.html");
    let err = soapgen::generate(std::slice::from_ref(&index), &Options::default()).unwrap_err();
    let Error::Input { at, message, .. } = &err else { panic!("{err:?}") };
    assert_eq!(
        (at.line, at.column),
        line_col(&index.text, "<a href=\"InventoryService.asmx?WSDL\"")
    );
    assert!(message.contains("operations AdjustStock, GetStock"), "{message}");
    assert!(
        message.contains(
            "`soapgen fetch 'http://inventory.example.com/inventory/InventoryService.asmx?WSDL' -o wsdl`"
        ),
        "the saved-from URL makes the link absolute: {message}"
    );
    assert!(message.contains("InventoryService.asmx?op=AdjustStock"), "{message}");
}

#[test]
fn an_index_without_its_url_names_the_link_to_complete() {
    let index = read("codegen/tests/fixtures/html/asmx_index.html");
    let text = index.text.lines().skip(1).collect::<Vec<_>>().join("\n");
    let err =
        soapgen::generate(&[Source::new("index.html", text)], &Options::default()).unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("`soapgen fetch '<the service URL>?WSDL' -o wsdl` (the page links `InventoryService.asmx?WSDL`)"),
        "{message}"
    );
}

#[test]
fn an_index_beside_operation_pages_is_a_warning() {
    let sources = [
        read("codegen/tests/fixtures/html/asmx_index.html"),
        read("samples/asmx_html/GetStock.html"),
    ];
    let out = soapgen::generate(&sources, &Options::default()).unwrap();
    assert!(out.code.contains("pub fn get_stock"));
    let [w] = out.warnings() else { panic!("{:?}", out.warnings()) };
    assert!(w.at.file.ends_with("asmx_index.html") && w.message.contains("soapgen fetch"), "{w:?}");
}

#[test]
fn a_servicestack_metadata_index_points_at_the_operation_pages() {
    let index = read("codegen/tests/fixtures/html/servicestack_metadata.html");
    let err = soapgen::generate(&[index], &Options::default()).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("operations CreateShipment, TrackShipment"), "{message}");
    assert!(
        message.contains("ServiceStack metadata page (`xml/metadata?op=CreateShipment`, …)"),
        "{message}"
    );
}

#[test]
fn an_html_page_without_samples_says_so_where_it_looked() {
    let page = "<!DOCTYPE html>\n<html><body><h1>Orders API</h1>\n<p>Call us.</p>\n<pre>curl https://x</pre></body></html>";
    let err = soapgen::generate(&[Source::new("doc.html", page)], &Options::default()).unwrap_err();
    let Error::Input { at, message, .. } = &err else { panic!("{err:?}") };
    assert_eq!((at.line, at.column), line_col(page, "<pre>"));
    assert!(
        message.contains("found an HTML page whose <pre> blocks hold no request line"),
        "{message}"
    );
}

#[test]
fn a_vendor_page_with_highlighted_code_blocks_reads_like_its_text() {
    // Syntax highlighters wrap tokens in spans; lists document the parameters.
    let page = r#"<!DOCTYPE html><html><head><title>Docs</title></head><body>
<h1>Billing</h1>
<p>Click <a href="/b.asmx">here</a> for a complete list of operations.</p>
<h2>GetInvoice</h2>
<p>Fetches one invoice.</p>
<ul><li><code>invoiceId</code> - the invoice number <em>(integer)</em></li></ul>
<pre><code class="language-http"><span class="k">POST</span> /b.asmx HTTP/1.1
Host: billing.example.com
Content-Type: text/xml; charset=utf-8
SOAPAction: "urn:billing/GetInvoice"

<span class="t">&lt;soap:Envelope</span> xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"&gt;
  &lt;soap:Body&gt;&lt;GetInvoice xmlns="urn:billing"&gt;&lt;invoiceId&gt;int&lt;/invoiceId&gt;&lt;/GetInvoice&gt;&lt;/soap:Body&gt;
&lt;/soap:Envelope&gt;</code></pre></body></html>"#;
    let out = soapgen::generate(&[Source::new("billing.html", page)], &Options::default()).unwrap();
    assert!(out.code.contains("pub struct BillingClient"), "{}", out.code);
    assert!(out.code.contains("/// the invoice number"), "bullet docs the field");
    assert!(out.code.contains("pub invoice_id: i32"));
}

#[test]
fn pages_served_with_crlf_line_ends_read_the_same_and_locate_the_same() {
    let lf = read("samples/asmx_html/GetStock.html");
    let crlf = Source::new("GetStock.html", lf.text.replace('\n', "\r\n"));
    let a = soapgen::generate(std::slice::from_ref(&lf), &Options::default()).unwrap();
    let b = soapgen::generate(&[crlf], &Options::default()).unwrap();
    assert_eq!(a.code, b.code);
    // A placeholder no XSD type names, in both spellings: the same line and column.
    let broken =
        lf.text.replacen("<font class=value>int</font>", "<font class=value>quantity</font>", 1);
    for text in [broken.clone(), broken.replace('\n', "\r\n")] {
        let out = soapgen::generate(&[Source::new("p.html", text)], &Options::default()).unwrap();
        let w = &out.warnings()[0];
        assert!(w.message.contains("marks 'quantity' as a placeholder"), "{w:?}");
        assert_eq!(
            (w.at.line, w.at.column),
            line_col(&broken, "&lt;warehouseId&gt;<font class=value>quantity")
        );
    }
}

#[test]
fn vendor_docs_saved_from_a_word_processor_read_line_by_line() {
    // One <p> per line, &nbsp; indentation, typographic quotes in the markup.
    let page = read("codegen/tests/fixtures/html/word_processor.html");
    let out = soapgen::generate(std::slice::from_ref(&page), &Options::default()).unwrap();
    assert!(out.code.contains("pub struct ResellerApiClient"));
    assert!(out.code.contains("pub account: Option<String>"));
    assert!(out.code.contains("urn:reseller/GetQuota"), "the action, quotes straightened");
    let [w] = out.warnings() else { panic!("{:?}", out.warnings()) };
    assert_eq!((w.at.line, w.at.column), line_col(&page.text, "POST /reseller"));
}
