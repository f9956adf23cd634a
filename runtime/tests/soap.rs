//! Envelopes and faults as ASP.NET and WCF send them.

use soapgen_runtime::soap::{read_document, read_envelope, write_document, write_envelope};
use soapgen_runtime::transport::parse_soap_response;
use soapgen_runtime::{Error, Fault, HttpResponse, SoapVersion, XmlError, XmlReader, XmlWriter};

const TEMPURI: &str = "http://tempuri.org/";

fn hello_body(w: &mut XmlWriter) {
    w.start(TEMPURI, "HelloWorld");
    w.element(TEMPURI, "name", "Ann & Bob");
    w.end("HelloWorld");
}

#[test]
fn soap11_envelope_has_the_asp_net_shape() {
    let header = |w: &mut XmlWriter| {
        w.start(TEMPURI, "AuthHeader");
        w.element(TEMPURI, "Username", "u");
        w.end("AuthHeader");
    };
    let xml = write_envelope(SoapVersion::Soap11, Some(&header), &hello_body).unwrap();
    assert_eq!(
        xml,
        concat!(
            r#"<?xml version="1.0" encoding="utf-8"?>"#,
            r#"<soap:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">"#,
            r#"<soap:Header><AuthHeader xmlns="http://tempuri.org/"><Username>u</Username></AuthHeader></soap:Header>"#,
            r#"<soap:Body><HelloWorld xmlns="http://tempuri.org/"><name>Ann &amp; Bob</name></HelloWorld></soap:Body>"#,
            r#"</soap:Envelope>"#
        )
    );
}

#[test]
fn soap12_envelope_without_header() {
    let nothing = |_: &mut XmlWriter| {};
    let xml = write_envelope(SoapVersion::Soap12, Some(&nothing), &hello_body).unwrap();
    assert_eq!(
        xml,
        concat!(
            r#"<?xml version="1.0" encoding="utf-8"?>"#,
            r#"<soap12:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:soap12="http://www.w3.org/2003/05/soap-envelope">"#,
            r#"<soap12:Body><HelloWorld xmlns="http://tempuri.org/"><name>Ann &amp; Bob</name></HelloWorld></soap12:Body>"#,
            r#"</soap12:Envelope>"#
        )
    );
    assert_eq!(write_envelope(SoapVersion::Soap12, None, &hello_body).unwrap(), xml);
}

#[test]
fn envelope_errors_come_from_finish() {
    let bad = |w: &mut XmlWriter| w.element(TEMPURI, "x", "\u{0}");
    assert!(write_envelope(SoapVersion::Soap11, None, &bad).is_err());
}

/// Reads `<HelloWorldResponse><HelloWorldResult>…` from a response.
fn hello_result(
    r: &mut XmlReader<'_>,
    tag: soapgen_runtime::StartTag<'_>,
) -> Result<String, XmlError> {
    if !tag.is(TEMPURI, "HelloWorldResponse") {
        return Err(r.error(format!("unexpected <{}>", tag.local)));
    }
    let mut result = None;
    while let Some(child) = r.next_child()? {
        if child.is(TEMPURI, "HelloWorldResult") {
            result = Some(r.read_text()?.into_owned());
        } else {
            r.skip()?;
        }
    }
    result.ok_or_else(|| r.missing(TEMPURI, "HelloWorldResult"))
}

#[test]
fn responses_are_read_whatever_the_envelope_prefix() {
    let responses = [
        r#"<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <soap:Body>
    <HelloWorldResponse xmlns="http://tempuri.org/"><HelloWorldResult>Hi</HelloWorldResult></HelloWorldResponse>
  </soap:Body>
</soap:Envelope>"#,
        r#"<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Header><a:Action xmlns:a="urn:addr" s:mustUnderstand="1">x</a:Action></s:Header><s:Body><t:HelloWorldResponse xmlns:t="http://tempuri.org/"><t:HelloWorldResult>Hi</t:HelloWorldResult></t:HelloWorldResponse></s:Body></s:Envelope>"#,
        r#"<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Body><HelloWorldResponse xmlns="http://tempuri.org/"><HelloWorldResult>Hi</HelloWorldResult></HelloWorldResponse></env:Body></env:Envelope>"#,
        r#"<Envelope xmlns="http://www.w3.org/2003/05/soap-envelope"><Body><HelloWorldResponse xmlns="http://tempuri.org/"><HelloWorldResult>Hi</HelloWorldResult></HelloWorldResponse></Body></Envelope>"#,
    ];
    for xml in responses {
        assert_eq!(read_envelope(xml, hello_result).unwrap(), "Hi", "{xml}");
    }
}

#[test]
fn missing_result_is_reported_with_its_path() {
    let xml = r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><HelloWorldResponse xmlns="http://tempuri.org/"/></soap:Body></soap:Envelope>"#;
    let Err(Error::Xml(e)) = read_envelope(xml, hello_result) else {
        panic!("expected an XML error");
    };
    assert!(e.to_string().contains("missing required element <HelloWorldResult>"), "{e}");
    assert_eq!(e.path(), "/Envelope/Body/HelloWorldResponse");
}

#[test]
fn only_whitespace_may_follow_the_payload() {
    let xml = r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><HelloWorldResponse xmlns="http://tempuri.org/"><HelloWorldResult>Hi</HelloWorldResult></HelloWorldResponse><Extra/></soap:Body></soap:Envelope>"#;
    let e = read_envelope(xml, hello_result).unwrap_err();
    assert!(
        e.to_string().contains("unexpected element <Extra> after the SOAP Body payload"),
        "{e}"
    );
}

#[test]
fn non_envelopes_are_refused() {
    let e = read_envelope("<html><body>hi</body></html>", hello_result).unwrap_err();
    assert!(e.to_string().contains("expected a SOAP Envelope, found <html>"), "{e}");
    let e = read_envelope(
        r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body/></soap:Envelope>"#,
        hello_result,
    )
    .unwrap_err();
    assert!(e.to_string().contains("SOAP Body is empty"), "{e}");
}

fn fault_of(result: Result<String, Error>) -> Fault {
    match result {
        Err(Error::Fault(fault)) => *fault,
        other => panic!("expected a fault, got {other:?}"),
    }
}

#[test]
fn soap11_fault() {
    let xml = r#"<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body><soap:Fault><faultcode>soap:Client</faultcode><faultstring>Server was unable to read request. ---&gt; There is an error in XML document (1, 2).</faultstring><faultactor>http://example.com/svc.asmx</faultactor><detail><e:Info xmlns:e="urn:err">bad</e:Info></detail></soap:Fault></soap:Body></soap:Envelope>"#;
    let fault = fault_of(read_envelope(xml, hello_result));
    assert_eq!(fault.version, SoapVersion::Soap11);
    assert_eq!(fault.code, "soap:Client");
    assert_eq!(fault.code_local_name(), "Client");
    assert_eq!(fault.code_namespace.as_deref(), Some("http://schemas.xmlsoap.org/soap/envelope/"));
    assert_eq!(
        fault.reason,
        "Server was unable to read request. ---> There is an error in XML document (1, 2)."
    );
    assert_eq!(fault.actor.as_deref(), Some("http://example.com/svc.asmx"));
    let detail = fault.detail.as_ref().unwrap();
    assert_eq!(detail.as_str(), r#"<e:Info xmlns:e="urn:err">bad</e:Info>"#);
    assert!(fault.subcodes.is_empty());
    assert_eq!(
        fault.to_string(),
        "SOAP fault soap:Client: Server was unable to read request. ---> There is an error in XML document (1, 2)."
    );
}

#[test]
fn soap12_fault_with_subcodes_and_detail() {
    let xml = r#"<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:m="urn:app">
  <env:Body>
    <env:Fault>
      <env:Code>
        <env:Value>env:Sender</env:Value>
        <env:Subcode>
          <env:Value>m:MessageTimeout</env:Value>
          <env:Subcode><env:Value>m:Inner</env:Value></env:Subcode>
        </env:Subcode>
      </env:Code>
      <env:Reason>
        <env:Text xml:lang="de">Zeitüberschreitung</env:Text>
        <env:Text xml:lang="en">Sender Timeout</env:Text>
      </env:Reason>
      <env:Node>http://example.com/node</env:Node>
      <env:Role>http://example.com/role</env:Role>
      <env:Detail><m:MaxTime>P5M</m:MaxTime></env:Detail>
    </env:Fault>
  </env:Body>
</env:Envelope>"#;
    let fault = fault_of(read_envelope(xml, hello_result));
    assert_eq!(fault.version, SoapVersion::Soap12);
    assert_eq!(fault.code, "env:Sender");
    assert_eq!(fault.code_namespace.as_deref(), Some("http://www.w3.org/2003/05/soap-envelope"));
    assert_eq!(fault.subcodes, ["m:MessageTimeout", "m:Inner"]);
    assert_eq!(fault.reason, "Sender Timeout");
    assert_eq!(fault.node.as_deref(), Some("http://example.com/node"));
    assert_eq!(fault.actor.as_deref(), Some("http://example.com/role"));
    let detail = fault.detail.unwrap();
    assert_eq!(detail.as_str(), "<m:MaxTime>P5M</m:MaxTime>");
    assert!(detail.namespaces().contains(&("m".to_owned(), "urn:app".to_owned())));
}

fn response(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> HttpResponse {
    HttpResponse::new(status, Some(content_type.to_owned()), body.into())
}

#[test]
fn faults_arrive_with_status_500() {
    let xml = r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>boom</faultstring></soap:Fault></soap:Body></soap:Envelope>"#;
    let fault =
        fault_of(parse_soap_response(&response(500, "text/xml; charset=utf-8", xml), hello_result));
    assert_eq!((fault.code.as_str(), fault.reason.as_str()), ("soap:Server", "boom"));
}

#[test]
fn an_html_error_page_is_an_http_error() {
    let html =
        "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>";
    match parse_soap_response(&response(502, "text/html", html), hello_result) {
        Err(Error::Http { status, content_type, body, .. }) => {
            assert_eq!(status, 502);
            assert_eq!(content_type.as_deref(), Some("text/html"));
            assert_eq!(body, html);
        }
        other => panic!("expected Error::Http, got {other:?}"),
    }
    // Long bodies are cut to 4 KiB without splitting a character.
    let long = "é".repeat(5000);
    let Err(Error::Http { body, .. }) =
        parse_soap_response(&response(503, "text/plain", long), hello_result)
    else {
        panic!("expected Error::Http");
    };
    assert_eq!(body, "é".repeat(2048));
}

#[test]
fn a_non_utf8_body_is_an_xml_error_naming_the_offset() {
    let mut body = b"<soap:Envelope>\n<x>".to_vec();
    body.push(0xE9); // Latin-1 é
    let err =
        parse_soap_response(&response(200, "text/xml", body.clone()), hello_result).unwrap_err();
    let Error::Xml(e) = &err else {
        panic!("expected Error::Xml, got {err:?}");
    };
    assert!(e.to_string().contains("not valid UTF-8 at byte offset 19"), "{e}");
    assert_eq!((e.line(), e.column()), (Some(2), Some(4)));
    // The same body on an error status is reported as the HTTP error it is.
    assert!(matches!(
        parse_soap_response(&response(500, "text/html", body), hello_result),
        Err(Error::Http { status: 500, .. })
    ));
}

#[test]
fn success_responses_are_read() {
    let xml = r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><HelloWorldResponse xmlns="http://tempuri.org/"><HelloWorldResult>Hi</HelloWorldResult></HelloWorldResponse></soap:Body></soap:Envelope>"#;
    assert_eq!(parse_soap_response(&response(200, "text/xml", xml), hello_result).unwrap(), "Hi");
}

#[test]
fn plain_documents() {
    let xml = write_document(&|w| {
        w.start("http://schemas.servicestack.net/types", "Hello");
        w.element("http://schemas.servicestack.net/types", "Name", "World");
        w.end("Hello");
    })
    .unwrap();
    assert_eq!(
        xml,
        r#"<Hello xmlns="http://schemas.servicestack.net/types"><Name>World</Name></Hello>"#
    );
    let name = read_document(&xml, |r, root| {
        assert_eq!(root.local, "Hello");
        r.next_child()?;
        let name = r.read_text()?.into_owned();
        r.next_child()?;
        Ok(name)
    })
    .unwrap();
    assert_eq!(name, "World");
    let e = read_document("<a/><!-- fine --> ", |r, _| r.skip()).map(|()| "ok");
    assert_eq!(e.unwrap(), "ok");
}

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    out
}

#[test]
fn utf16_and_latin1_bodies_are_decoded_before_reading() {
    // What WCF's text encoder sends when set to UTF-16: a BOM and a declaration saying so.
    let xml = r#"<?xml version="1.0" encoding="utf-16"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><HelloWorldResponse xmlns="http://tempuri.org/"><HelloWorldResult>grüße 🎉</HelloWorldResult></HelloWorldResponse></s:Body></s:Envelope>"#;
    let ok =
        |content_type, body| parse_soap_response(&response(200, content_type, body), hello_result);
    assert_eq!(ok("text/xml; charset=utf-16", utf16le_with_bom(xml)).unwrap(), "grüße 🎉");
    // Big-endian without a BOM, named by the header only.
    let be: Vec<u8> = xml.encode_utf16().flat_map(u16::to_be_bytes).collect();
    assert_eq!(ok("text/xml; charset=UTF-16BE", be).unwrap(), "grüße 🎉");
    // ISO-8859-1, named by the declaration only.
    let latin1 = xml.replace("utf-16", "ISO-8859-1").replace(" 🎉", "");
    let latin1: Vec<u8> = latin1.chars().map(|c| u8::try_from(u32::from(c)).unwrap()).collect();
    assert_eq!(ok("text/xml", latin1).unwrap(), "grüße");

    // A fault in UTF-16 is still the fault.
    let fault = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>nö</faultstring></s:Fault></s:Body></s:Envelope>"#;
    let fault = fault_of(parse_soap_response(
        &response(500, "text/xml; charset=utf-16", utf16le_with_bom(fault)),
        hello_result,
    ));
    assert_eq!(fault.reason, "nö");

    // A body cut in the middle of a UTF-16 code unit names where.
    let mut cut = utf16le_with_bom(xml);
    cut.pop();
    let Err(Error::Xml(e)) = ok("text/xml", cut.clone()) else { panic!("accepted a cut body") };
    assert!(
        e.to_string().contains(&format!("not valid UTF-16LE at byte offset {}", cut.len() - 1)),
        "{e}"
    );
    let Err(Error::Xml(e)) = ok("text/xml; charset=x-unheard-of", b"<a/>".to_vec()) else {
        panic!("accepted an unknown charset")
    };
    assert!(e.to_string().contains("\"x-unheard-of\", an encoding soapgen cannot decode"), "{e}");
}
