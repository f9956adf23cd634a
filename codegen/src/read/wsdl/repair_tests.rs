//! Slightly broken WSDLs: one small document per kind of repair, read leniently (what
//! is generated, what became raw XML or was left out, the warning and where it points)
//! and with `--strict` (the located error it always was).

use super::*;
use crate::ir::*;

const NAME: &str = "b.wsdl";

/// Namespaces, a schema with `Req` and `Resp`, and the messages `In` and `Out`.
const TOP: &str = "<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\" \
    xmlns:soap=\"http://schemas.xmlsoap.org/wsdl/soap/\"\n  \
    xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns:tns=\"urn:t\" targetNamespace=\"urn:t\">\n\
    <types><xs:schema targetNamespace=\"urn:t\" elementFormDefault=\"qualified\">\n\
    <xs:element name=\"Req\" type=\"xs:string\"/><xs:element name=\"Resp\" type=\"xs:string\"/>\n\
    </xs:schema></types>\n\
    <message name=\"In\"><part name=\"p\" element=\"tns:Req\"/></message>\n\
    <message name=\"Out\"><part name=\"p\" element=\"tns:Resp\"/></message>\n";

const GOOD_PT: &str = "<operation name=\"Good\"><input message=\"tns:In\"/><output message=\"tns:Out\"/></operation>\n";
const BODIES: &str =
    "<input><soap:body use=\"literal\"/></input><output><soap:body use=\"literal\"/></output>";

fn good_binding_op() -> String {
    format!("<operation name=\"Good\"><soap:operation soapAction=\"g\"/>{BODIES}</operation>\n")
}

/// A description with portType `P` (operations `pt_ops`), binding `B` of it (operations
/// `b_ops`), and service `S` with `ports` besides B's.
fn wsdl(pt_ops: &str, b_ops: &str, more: &str, ports: &str) -> String {
    format!(
        "{TOP}<portType name=\"P\">\n{GOOD_PT}{pt_ops}</portType>\n\
         <binding name=\"B\" type=\"tns:P\"><soap:binding style=\"document\"/>\n{}{b_ops}</binding>\n{more}\
         <service name=\"S\"><port name=\"p\" binding=\"tns:B\"><soap:address location=\"http://h/s\"/></port>\n\
         {ports}</service>\n</definitions>\n",
        good_binding_op()
    )
}

fn read(text: &str, strict: bool) -> Result<Model, Error> {
    let mut model = Model::default();
    read_wsdl(&Source::new(NAME, text), &FsLoader::new(), strict, &mut model)?;
    Ok(model)
}

/// `b.wsdl:line:column` of the first `needle` in `text`.
fn at(text: &str, needle: &str) -> String {
    let offset = text.find(needle).unwrap_or_else(|| panic!("no {needle:?}"));
    let p = Source::new(NAME, text).position(offset);
    format!("{}:{}:{}", p.file, p.line, p.column)
}

/// The one warning containing `needle`, as `file:line:column: message`.
fn warning(m: &Model, needle: &str) -> String {
    let found: Vec<String> = m
        .warnings
        .iter()
        .filter(|w| w.message.contains(needle))
        .map(|w| format!("{}:{}:{}: {}", w.at.file, w.at.line, w.at.column, w.message))
        .collect();
    assert_eq!(found.len(), 1, "{needle:?} in {:#?}", m.warnings);
    found.into_iter().next().unwrap()
}

fn operations(m: &Model) -> Vec<&str> {
    m.services.iter().flat_map(|s| &s.operations).map(|o| o.name.as_str()).collect()
}

fn operation<'m>(m: &'m Model, name: &str) -> &'m Operation {
    m.services.iter().flat_map(|s| &s.operations).find(|o| o.name == name).unwrap()
}

/// Reads `text` both ways: leniently it gives a model; strictly, the error at `place`
/// starting with `error`.
fn both_ways(text: &str, place: &str, error: &str) -> Model {
    let e = read(text, true).unwrap_err().summary();
    assert!(e.starts_with(&format!("{place}: {error}")), "{e}\nexpected {place}: {error}");
    read(text, false).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_header_naming_an_undefined_message_is_left_out() {
    let login = "<operation name=\"Login\"><soap:operation soapAction=\"l\"/><input><soap:body use=\"literal\"/>\
         <soap:header message=\"tns:AuthenticationHeader\" part=\"h\" use=\"literal\"/></input>\
         <output><soap:body use=\"literal\"/></output></operation>\n";
    let pt = "<operation name=\"Login\"><input message=\"tns:In\"/><output message=\"tns:Out\"/></operation>\n";
    let text = wsdl(pt, login, "", "");
    let place = at(&text, "message=\"tns:AuthenticationHeader\"");
    let m = both_ways(
        &text,
        &place,
        "message 'tns:AuthenticationHeader' not found: expected a wsdl:message with that name",
    );
    assert_eq!(operations(&m), ["Good", "Login"]);
    let login = operation(&m, "Login");
    assert!(login.headers.is_empty());
    assert_eq!(login.input.element, QName::new("urn:t", "Req"), "the body is whole");
    assert_eq!(
        warning(&m, "AuthenticationHeader"),
        format!(
            "{place}: message 'tns:AuthenticationHeader' not found: expected a wsdl:message with that name; \
             this SOAP header is left out of operation 'Login' (define it, or remove the soap:header)"
        )
    );
}

#[test]
fn a_header_naming_a_missing_part_is_left_out() {
    let op = "<operation name=\"Login\"><input><soap:body use=\"literal\"/>\
         <soap:header message=\"tns:In\" part=\"nope\" use=\"literal\"/></input></operation>\n";
    let pt = "<operation name=\"Login\"><input message=\"tns:In\"/><output message=\"tns:Out\"/></operation>\n";
    let text = wsdl(pt, op, "", "");
    let place = at(&text, "part=\"nope\"");
    let m = both_ways(&text, &place, "part 'nope' not found in message 'In'");
    assert!(operation(&m, "Login").headers.is_empty());
    assert!(warning(&m, "part 'nope'").ends_with(
        "this SOAP header is left out of operation 'Login' (define it, or remove the soap:header)"
    ));
}

#[test]
fn a_fault_naming_an_undefined_message_is_left_out() {
    let pt = "<operation name=\"Pay\"><input message=\"tns:In\"/><output message=\"tns:Out\"/>\
              <fault name=\"Declined\" message=\"tns:DeclinedFault\"/></operation>\n";
    let op = format!("<operation name=\"Pay\">{BODIES}</operation>\n");
    let text = wsdl(pt, &op, "", "");
    let place = at(&text, "message=\"tns:DeclinedFault\"");
    let m = both_ways(&text, &place, "message 'tns:DeclinedFault' not found");
    let pay = operation(&m, "Pay");
    assert!(pay.faults.is_empty());
    assert_eq!(pay.output.element, QName::new("urn:t", "Resp"));
    assert!(warning(&m, "DeclinedFault").starts_with(&place));
    assert!(warning(&m, "DeclinedFault").contains("fault 'Declined' is left out"));
}

#[test]
fn an_undefined_body_message_becomes_raw_xml() {
    let pt = "<operation name=\"Fetch\"><input message=\"tns:In\"/><output message=\"tns:FetchOut\"/></operation>\n";
    let op = format!("<operation name=\"Fetch\">{BODIES}</operation>\n");
    let text = wsdl(pt, &op, "", "");
    let place = at(&text, "message=\"tns:FetchOut\"");
    let m = both_ways(&text, &place, "message 'tns:FetchOut' not found");
    let fetch = operation(&m, "Fetch");
    assert_eq!(fetch.output.ty, TypeRef::RawXml);
    assert_ne!(fetch.input.ty, TypeRef::RawXml, "the request stays typed");
    assert!(
        warning(&m, "FetchOut")
            .ends_with("the response of operation 'Fetch' is kept as raw XML (define the message)")
    );
}

#[test]
fn a_binding_operation_missing_from_its_port_type_is_left_out() {
    let op = format!("<operation name=\"Extra\">{BODIES}</operation>\n");
    let text = wsdl("", &op, "", "");
    let place = at(&text, "<operation name=\"Extra\"");
    let m = both_ways(&text, &place, "operation 'Extra' not found in portType 'P'");
    assert_eq!(operations(&m), ["Good"]);
    assert!(
        warning(&m, "'Extra'").contains("operation 'Extra' is left out: its messages are unknown")
    );
}

#[test]
fn a_binding_of_a_missing_port_type_adds_nothing() {
    let more = format!(
        "<binding name=\"B2\" type=\"tns:Gone\"><soap:binding style=\"document\"/>\
         <operation name=\"Lost\">{BODIES}</operation></binding>\n"
    );
    let port =
        "<port name=\"p2\" binding=\"tns:B2\"><soap:address location=\"http://h/2\"/></port>\n";
    let text = wsdl("", "", &more, port);
    let place = at(&text, "type=\"tns:Gone\"");
    let m = both_ways(&text, &place, "portType 'tns:Gone' not found: expected a wsdl:portType");
    assert_eq!(operations(&m), ["Good"]);
    assert!(warning(&m, "tns:Gone").contains("binding 'B2' adds no operations"));
}

#[test]
fn a_port_naming_a_missing_binding_is_left_out() {
    let port =
        "<port name=\"p2\" binding=\"tns:Nope\"><soap:address location=\"http://h/2\"/></port>\n";
    let text = wsdl("", "", "", port);
    let place = at(&text, "binding=\"tns:Nope\"");
    let m = both_ways(&text, &place, "binding 'tns:Nope' not found: expected a wsdl:binding");
    assert_eq!(operations(&m), ["Good"]);
    assert_eq!(m.services[0].endpoints.len(), 1, "only p's address");
    assert!(warning(&m, "tns:Nope").contains("port 'p2' is left out"));
}

#[test]
fn undeclared_well_known_prefixes_mean_their_standard_namespaces() {
    // No xmlns:xs, xmlns:soap or xmlns:tns anywhere.
    let text = "<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\" targetNamespace=\"urn:t\">\n\
        <types><xs:schema targetNamespace=\"urn:t\" elementFormDefault=\"qualified\">\n\
        <xs:element name=\"Req\" type=\"xs:string\"/><xs:element name=\"Resp\" type=\"xs:int\"/>\n\
        </xs:schema></types>\n\
        <message name=\"In\"><part name=\"p\" element=\"tns:Req\"/></message>\n\
        <message name=\"Out\"><part name=\"p\" element=\"tns:Resp\"/></message>\n\
        <portType name=\"P\"><operation name=\"Good\"><input message=\"tns:In\"/><output message=\"tns:Out\"/></operation></portType>\n\
        <binding name=\"B\" type=\"tns:P\"><soap:binding style=\"document\"/>\n\
        <operation name=\"Good\"><soap:operation soapAction=\"g\"/><input><soap:body use=\"literal\"/></input>\
        <output><soap:body use=\"literal\"/></output></operation></binding>\n\
        <service name=\"S\"><port name=\"p\" binding=\"tns:B\"><soap:address location=\"http://h/s\"/></port></service>\n\
        </definitions>\n";
    let m = both_ways(
        text,
        &at(text, "<xs:schema"),
        "expected a namespace declaration for prefix 'xs'",
    );
    assert_eq!(operations(&m), ["Good"]);
    let good = operation(&m, "Good");
    assert_eq!(good.input.element, QName::new("urn:t", "Req"));
    assert_eq!(
        good.output.ty,
        TypeRef::Primitive(Primitive::Int),
        "xs:int read as XML Schema's int"
    );
    assert_eq!(m.services[0].endpoints[0].address, "http://h/s");
    assert_eq!(
        warning(&m, "prefix 'xs'"),
        format!(
            "{}: prefix 'xs' is used without a namespace declaration: read as \
             'http://www.w3.org/2001/XMLSchema' (declare xmlns:xs on the root element; --strict refuses this)",
            at(text, "<xs:schema")
        )
    );
    assert!(warning(&m, "prefix 'soap'").starts_with(&at(text, "<soap:binding")));
    assert!(warning(&m, "prefix 'tns'").contains("read as the target namespace"));
}

#[test]
fn a_prefix_bound_to_the_wrong_namespace_finds_the_only_component_of_that_name() {
    let text = wsdl("", "", "", "").replace("xmlns:tns=\"urn:t\"", "xmlns:tns=\"urn:typo\"");
    // The service is read first: its port's binding is the first reference met.
    let place = at(&text, "binding=\"tns:B\"");
    let m = both_ways(&text, &place, "binding 'tns:B' not found");
    let good = operation(&m, "Good");
    assert_eq!(good.input.element.local, "Req", "typed, not raw");
    assert!(warning(&m, "message 'tns:In'").contains(
        "in namespace 'urn:typo'; read as the only message named 'In', in namespace 'urn:t'"
    ));
    assert!(warning(&m, "binding 'tns:B'").starts_with(&place));
    assert!(warning(&m, "portType 'tns:P'").contains("read as the only portType named 'P'"));
}

#[test]
fn parts_without_a_name_or_a_type_are_repaired() {
    let text = wsdl("", "", "", "")
        .replace("<part name=\"p\" element=\"tns:Req\"/>", "<part element=\"tns:Req\"/>")
        .replace("<part name=\"p\" element=\"tns:Resp\"/>", "<part name=\"r\"/>");
    let m = both_ways(&text, &at(&text, "<part element"), "expected a 'name' attribute on <part>");
    let good = operation(&m, "Good");
    assert_eq!(good.input.element.local, "Req");
    assert_eq!(good.output.ty, TypeRef::RawXml);
    assert!(warning(&m, "'name' attribute").ends_with("read as part 'Req' (name the part)"));
    assert!(
        warning(&m, "'element' or 'type'")
            .ends_with("part 'r' is kept as raw XML (add element= or type=)")
    );
}

#[test]
fn what_an_unloaded_import_would_supply_is_still_refused_with_its_remedy() {
    let text = wsdl("", "", "", "<port name=\"p2\" binding=\"o:B\" xmlns:o=\"urn:other\"/>\n")
        .replace(
            "<types>",
            "<import namespace=\"urn:other\" location=\"http://h/s.svc?wsdl=wsdl0\"/>\n<types>",
        );
    for strict in [false, true] {
        let e = read(&text, strict).unwrap_err().summary();
        assert!(
            e.starts_with(&format!("{}: binding 'o:B' not found", at(&text, "binding=\"o:B\""))),
            "{e}"
        );
        assert!(
            e.contains("was not loaded")
                && e.contains("--map 'http://h/s.svc?wsdl=wsdl0=wsdl0.wsdl'"),
            "{e}"
        );
    }
}

#[test]
fn hostile_xml_is_never_repaired() {
    let text = format!("<!DOCTYPE d [<!ENTITY x \"y\">]>\n{}", wsdl("", "", "", ""));
    let e = read(&text, false).unwrap_err().summary();
    assert!(e.starts_with("b.wsdl:1:1: expected no DOCTYPE"), "{e}");
    let e =
        read("<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\"><p:x/></definitions>", false)
            .unwrap_err()
            .summary();
    assert!(e.contains("expected a namespace declaration for prefix 'p'"), "{e}");
}

#[test]
fn a_repaired_description_gives_a_client_that_holds_what_is_whole() {
    let pt = "<operation name=\"Login\"><input message=\"tns:In\"/><output message=\"tns:Gone\"/></operation>\n";
    let ops = format!(
        "<operation name=\"Login\"><input><soap:body use=\"literal\"/>\
         <soap:header message=\"tns:Auth\" part=\"h\" use=\"literal\"/></input>\
         <output><soap:body use=\"literal\"/></output></operation>\n\
         <operation name=\"Extra\">{BODIES}</operation>\n"
    );
    let text = wsdl(pt, &ops, "", "");
    let source = Source::new(NAME, text.as_str());
    let out = crate::generate(std::slice::from_ref(&source), &crate::Options::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.code.contains("pub fn good("), "{}", out.code);
    assert!(out.code.contains("pub fn login("));
    assert!(!out.code.contains("fn extra("));
    assert_eq!(out.model.warnings.len(), 3, "{:#?}", out.model.warnings);
    let strict = crate::Options { strict: true, ..crate::Options::default() };
    let e = crate::generate(std::slice::from_ref(&source), &strict).unwrap_err().summary();
    assert!(
        e.starts_with(&format!(
            "{}: message 'tns:Gone' not found",
            at(&text, "message=\"tns:Gone\"")
        )),
        "{e}"
    );
}

#[test]
fn a_port_naming_a_missing_binding_takes_the_only_binding_no_port_names() {
    // A port copied from another description (ONVIF's recording.wsdl names DeviceBinding).
    let text = wsdl("", "", "", "").replace("binding=\"tns:B\"", "binding=\"tns:Copied\"");
    let place = at(&text, "binding=\"tns:Copied\"");
    let m = both_ways(&text, &place, "binding 'tns:Copied' not found");
    assert_eq!(operations(&m), ["Good"]);
    assert_eq!(m.services[0].endpoints[0].address, "http://h/s");
    assert!(warning(&m, "tns:Copied").ends_with(
        "read as 'B', the only binding no port names (correct the binding= if that is wrong)"
    ));
    // The same for a binding's portType.
    let text = wsdl("", "", "", "").replace("type=\"tns:P\"", "type=\"tns:Copied\"");
    let m = read(&text, false).unwrap();
    assert_eq!(operations(&m), ["Good"]);
    assert!(warning(&m, "tns:Copied").contains("the only portType no binding names"));
}

#[test]
fn a_binding_without_a_port_type_adds_nothing() {
    // No wsdl:service: a service is made per bound portType.
    let text = format!(
        "{TOP}<portType name=\"P\">\n{GOOD_PT}</portType>\n\
         <binding name=\"B\" type=\"tns:P\"><soap:binding style=\"document\"/>\n{}</binding>\n\
         <binding name=\"B2\"><soap:binding style=\"document\"/><operation name=\"Post\"/></binding>\n</definitions>\n",
        good_binding_op()
    );
    let place = at(&text, "<binding name=\"B2\"");
    let m = both_ways(&text, &place, "expected a 'type' attribute on <binding>");
    assert_eq!(operations(&m), ["Good"]);
    assert!(
        warning(&m, "'type' attribute")
            .ends_with("this binding adds no operations (name its portType in type=)")
    );
}

#[test]
fn repairs_that_leave_nothing_to_generate_are_the_error() {
    // The portType was trimmed away: repairing the binding would leave an empty client.
    let text = format!(
        "{TOP}<binding name=\"B\" type=\"tns:Gone\"><soap:binding style=\"document\"/>\n{}</binding>\n\
         <service name=\"S\"><port name=\"p\" binding=\"tns:B\"><soap:address location=\"http://h/s\"/></port></service>\n\
         </definitions>\n",
        good_binding_op()
    );
    let place = at(&text, "type=\"tns:Gone\"");
    let e = read(&text, false).unwrap_err().summary();
    assert_eq!(
        e,
        format!(
            "{place}: portType 'tns:Gone' not found: expected a wsdl:portType with that name; \
             repairing it left no SOAP operation to generate"
        )
    );
    let strict = read(&text, true).unwrap_err().summary();
    assert!(strict.starts_with(&format!("{place}: portType 'tns:Gone' not found")), "{strict}");
}
