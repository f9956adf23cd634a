//! `samples/wsdl_rpc`: rpc/literal parts as children of the operation's wrapper, and an
//! rpc/encoded operation whose SOAP-encoded arrays (`soapenc:Array`, nested `[][]`) are
//! read as lists.

use soapgen_runtime::XmlValue;
use testkit::{TestServer, round_trip};
use wsdl_rpc::*;

fn list_response() -> ListResponse {
    ListResponse {
        items: vec![Item { id: 1, label: "one".into() }, Item { id: 2, label: "two & <2>".into() }],
        grid: vec![vec![1, 2], vec![], vec![3]],
    }
}

#[test]
fn rpc_wrappers_and_encoded_arrays_round_trip() {
    round_trip(&Add { a: 2, b: -5 }, NS1, "Add");
    round_trip(&AddResponse { sum: -3 }, NS1, "AddResponse");
    let since = XmlValue::parse_lexical("2024-02-29T12:00:00Z").unwrap();
    round_trip(&List { filter: Some("a b".into()), since: Some(since) }, NS2, "List");
    round_trip(&List { filter: None, since: None }, NS2, "List");
    round_trip(&list_response(), NS2, "ListResponse");
}

#[test]
fn rpc_literal_call_puts_parts_in_the_operation_wrapper() {
    let server = TestServer::start(
        200,
        "text/xml; charset=utf-8",
        r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>
             <m:AddResponse xmlns:m="urn:rpc:calc"><sum>5</sum></m:AddResponse>
           </s:Body></s:Envelope>"#,
    );
    let client = RpcServiceClient::new().with_endpoint(server.url("/rpc"));
    assert_eq!(client.add(&Add { a: 2, b: 3 }).unwrap(), AddResponse { sum: 5 });
    let seen = &server.requests()[0];
    assert_eq!(seen.header("SOAPAction"), Some("\"urn:rpc#Add\""));
    // Parts are unqualified children of the namespaced wrapper.
    let body = &seen.body;
    assert!(
        body.contains(r#"<Add xmlns="urn:rpc:calc"><a xmlns="">2</a><b xmlns="">3</b></Add>"#),
        "{body}"
    );
}

#[test]
fn an_encoded_response_with_type_attributes_reads() {
    let server = TestServer::start(
        200,
        "text/xml; charset=utf-8",
        r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"
              xmlns:enc="http://schemas.xmlsoap.org/soap/encoding/"
              xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><s:Body>
             <m:ListResponse xmlns:m="urn:rpc:list">
               <items xsi:type="enc:Array" enc:arrayType="m:Item[2]">
                 <item><id xsi:type="xsd:int">1</id><label>one</label></item>
                 <item><id>2</id><label>two &amp; &lt;2&gt;</label></item>
               </items>
               <grid enc:arrayType="xsd:int[][3]"><item><item>1</item><item>2</item></item><item/><item><item>3</item></item></grid>
             </m:ListResponse>
           </s:Body></s:Envelope>"#,
    );
    let client = RpcServiceClient::new().with_endpoint(server.url("/rpc"));
    assert_eq!(client.list(&List { filter: None, since: None }).unwrap(), list_response());
}
