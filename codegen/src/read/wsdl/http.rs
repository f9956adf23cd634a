//! WSDL 1.1 HTTP bindings (`http:binding verb="GET|POST"`, §4): ASMX describes its "HTTP
//! GET" and "HTTP POST" protocols with them. Each operation's input message is a list of
//! simple-typed parts sent as `name=value` pairs (`http:urlEncoded` in the query string,
//! or `mime:content type="application/x-www-form-urlencoded"` as the body), at
//! `http:operation location` under the port's `http:address`; its output is the XML
//! document `mime:mimeXml` names.
//!
//! An operation the service also offers over SOAP gets the binding with the messages it
//! has here (ASMX answers `<boolean>` where SOAP answers `<OpResponse>`); one offered
//! only here is an operation of its own.

use std::collections::BTreeMap;

use super::builtins::{HTTP, WSDL, XSD};
use super::index::WComp;
use super::messages::Messages;
use super::schema::Site;
use crate::Error;
use crate::ir::{
    BindingMessages, BindingStyle, Docs, Endpoint, Field, Message, Occurs, Operation,
    OperationBinding, Primitive, Protocol, QName, StructDef, TypeDef, TypeKind, TypeRef,
};
use crate::read::xml::ElemId;

const MIME: &str = "http://schemas.xmlsoap.org/wsdl/mime/";
const FORM: &str = "application/x-www-form-urlencoded";

/// A `wsdl:port` bound by an HTTP binding, in the document `doc` of its service.
pub struct Port {
    pub doc: usize,
    pub el: ElemId,
    pub binding: WComp,
}

/// Adds the operations of every HTTP port to `ops` and their addresses to `endpoints`.
/// What soapgen cannot call (another verb, `http:urlReplacement`, a response that is not
/// XML) or cannot read is left out with a warning.
pub fn read_ports(
    m: &mut Messages,
    ports: &[Port],
    ops: &mut Vec<Operation>,
    endpoints: &mut Vec<Endpoint>,
) {
    for port in ports {
        let d = m.types.doc(port.doc);
        let port_name = d.attr(port.el, "name").unwrap_or_default().to_owned();
        let site = Site { doc: port.doc, el: port.el };
        let Some(protocol) = verb(m, port.binding) else {
            m.types.warn(
                site,
                format!("port '{port_name}' uses an HTTP verb other than GET or POST: skipped"),
            );
            continue;
        };
        let address = d.child(port.el, HTTP, "address").and_then(|a| d.attr(a, "location"));
        let address = address.map(str::to_owned);
        // A port none of whose operations can be called adds no endpoint either.
        // soapgen read SOAP clients from such WSDLs before it read HTTP bindings: a broken
        // HTTP part costs that port, never the file.
        let read = binding_operations(m, port.binding, protocol, ops).unwrap_or_else(|e| {
            m.types.warn(site, format!("HTTP port '{port_name}' skipped: {e}"));
            0
        });
        if read == 0 {
            continue;
        }
        match address {
            Some(address) => {
                let e = Endpoint { protocol, address };
                if !endpoints.contains(&e) {
                    endpoints.push(e);
                }
            }
            None => m
                .types
                .warn(site, format!("port '{port_name}' has no http:address: it adds no endpoint")),
        }
    }
}

fn doc_of(m: &Messages, c: WComp) -> usize {
    m.types.set.definitions[c.defs].doc
}

fn verb(m: &Messages, b: WComp) -> Option<Protocol> {
    let d = m.types.doc(doc_of(m, b));
    match d.child(b.el, HTTP, "binding").and_then(|hb| d.attr(hb, "verb")) {
        Some(v) if v.eq_ignore_ascii_case("GET") => Some(Protocol::HttpGet),
        Some(v) if v.eq_ignore_ascii_case("POST") => Some(Protocol::HttpPost),
        _ => None,
    }
}

fn binding_operations(
    m: &mut Messages,
    b: WComp,
    protocol: Protocol,
    ops: &mut Vec<Operation>,
) -> Result<usize, Error> {
    let mut read = 0;
    let bdoc = doc_of(m, b);
    let d = m.types.doc(bdoc);
    let pq = d.qname_attr(b.el, "type")?;
    let Some(&pt) = m.types.index.port_types.get(&pq) else {
        let message = format!(
            "portType '{}' of an HTTP binding not found: its operations are left out",
            pq.local
        );
        m.types.warn(Site { doc: bdoc, el: b.el }, message);
        return Ok(0);
    };
    let pdoc = doc_of(m, pt);
    let p = m.types.doc(pdoc);
    let mut abstract_ops = BTreeMap::new();
    for o in p.children_in(pt.el, WSDL).filter(|&o| p.name(o).local == "operation") {
        if let Some(n) = p.attr(o, "name") {
            abstract_ops.entry(n).or_insert(o);
        }
    }
    let tns = m.types.set.definitions[b.defs].tns.clone();
    for bop in d.children_in(b.el, WSDL).filter(|&o| d.name(o).local == "operation") {
        let name = d.required(bop, "name")?.to_owned();
        let site = Site { doc: bdoc, el: bop };
        let (Some(&pop), Some(pin)) = (
            abstract_ops.get(name.as_str()),
            abstract_ops.get(name.as_str()).and_then(|&o| p.child(o, WSDL, "input")),
        ) else {
            m.types.warn(
                site,
                format!("HTTP operation '{name}' has no input in portType '{}': skipped", pq.local),
            );
            continue;
        };
        let encoded = d.child(bop, WSDL, "input").is_some_and(|i| {
            let query = d.child(i, HTTP, "urlEncoded").is_some();
            let form = d
                .children_in(i, MIME)
                .any(|c| d.name(c).local == "content" && d.attr(c, "type") == Some(FORM));
            if protocol == Protocol::HttpGet { query } else { form || query }
        });
        if !encoded {
            let how = if protocol == Protocol::HttpGet {
                "http:urlEncoded"
            } else {
                "mime:content type=\"application/x-www-form-urlencoded\""
            };
            m.types.warn(
                site,
                format!("HTTP operation '{name}' does not send its input as {how}: skipped"),
            );
            continue;
        }
        let xml_part = d.child(bop, WSDL, "output").and_then(|o| d.child(o, MIME, "mimeXml"));
        let (Some(xml_part), Some(pout)) = (xml_part, p.child(pop, WSDL, "output")) else {
            m.types
                .warn(site, format!("HTTP operation '{name}' has no mime:mimeXml output: skipped"));
            continue;
        };
        let location = d
            .child(bop, HTTP, "operation")
            .and_then(|o| d.attr(o, "location"))
            .unwrap_or(name.as_str());
        let path =
            if location.starts_with('/') { location.to_owned() } else { format!("/{location}") };
        let Some((input, made)) = parameters(m, &name, &tns, pdoc, pin)? else { continue };
        let input = match ops.iter().find(|o| o.name == name) {
            Some(op) if made => same_parameters(m, &op.input, &input).unwrap_or(input),
            _ => input,
        };
        let output = response(m, pdoc, pout, d.attr(xml_part, "part"))?;
        let binding = |messages| OperationBinding {
            protocol,
            action: None,
            action_inferred: false,
            path: Some(path.clone()),
            style: BindingStyle::DocumentLiteral,
            messages,
        };
        match ops.iter_mut().find(|o| o.name == name) {
            Some(op) => {
                if op.bindings.iter().any(|b| b.protocol == protocol) {
                    continue;
                }
                let messages = (input != op.input || output != op.output)
                    .then(|| Box::new(BindingMessages { input, output }));
                op.bindings.push(binding(messages));
                read += 1;
            }
            None => {
                let mut docs = p.docs(pop, WSDL, XSD);
                docs.0.extend(d.docs(bop, WSDL, XSD).0);
                let provenance = m.types.at(Site { doc: pdoc, el: pop });
                ops.push(Operation {
                    name: name.clone(),
                    docs,
                    bindings: vec![binding(None)],
                    input,
                    output,
                    headers: Vec::new(),
                    output_headers: Vec::new(),
                    addressing_action: None,
                    addressing: false,
                    faults: Vec::new(),
                    provenance,
                });
                read += 1;
            }
        }
    }
    Ok(read)
}

/// The input message's parts as a struct named after the operation: a field per part, in
/// the operation's namespace (on the wire a name carries none). `None` (warned) when a
/// part is an element rather than a simple type.
fn parameters(
    m: &mut Messages,
    op: &str,
    tns: &str,
    pdoc: usize,
    pin: ElemId,
) -> Result<Option<(Message, bool)>, Error> {
    let done = format!("HTTP operation '{op}' is left out (define the message)");
    let Some((q, msg)) = m.message(pdoc, pin, &done)? else {
        return Ok(None);
    };
    let mdoc = doc_of(m, msg);
    let d = m.types.doc(mdoc);
    let parts: Vec<ElemId> =
        d.children_in(msg.el, WSDL).filter(|&p| d.name(p).local == "part").collect();
    // One element part: its struct's fields are the parameters (what `soapgen wsdl` writes
    // for parameters a typed part cannot describe, optional or repeated ones).
    if let [part] = parts[..] {
        if d.attr(part, "element").is_some() {
            let e = d.qname_attr(part, "element")?;
            if !m.types.index.elements.contains_key(&e) {
                let message = format!(
                    "element '{}' of HTTP operation '{op}' is not declared: skipped",
                    e.local
                );
                m.types.warn(Site { doc: mdoc, el: part }, message);
                return Ok(None);
            }
            let ty = m.types.element_message(&e);
            return Ok(Some((Message { element: e, ty }, false)));
        }
    }
    let mut fields = Vec::new();
    for part in parts {
        let d = m.types.doc(mdoc);
        let site = Site { doc: mdoc, el: part };
        let name = d.required(part, "name")?.to_owned();
        if d.attr(part, "type").is_none() {
            let message = format!(
                "part '{name}' of message '{}' is not a simple type: HTTP operation '{op}' is skipped",
                q.local
            );
            m.types.warn(site, message);
            return Ok(None);
        }
        let t = d.qname_attr(part, "type")?;
        let value = m.types.named_value(&t, site);
        let mut docs = m.types.doc(mdoc).docs(part, WSDL, XSD);
        if let Some(note) = value.note {
            docs.push(note);
        }
        fields.push(Field {
            name: QName::new(tns, name),
            ty: value.ty,
            occurs: Occurs::Required,
            nillable: false,
            docs,
            provenance: m.types.at(site),
        });
    }
    let element = QName::new(tns, op);
    let def = TypeDef {
        name: element.clone(),
        kind: TypeKind::Struct(StructDef { fields, ..StructDef::default() }),
        docs: Docs::default(),
        provenance: m.types.at(Site { doc: mdoc, el: msg.el }),
    };
    let id = m.types.model.add_type(def);
    Ok(Some((Message { element, ty: TypeRef::Named(id) }, true)))
}

/// The SOAP request struct when it holds the same parameters, so the HTTP binding shares
/// it; the struct just made for them is then dropped again. ASP.NET types every HTTP
/// parameter `s:string` (a query string is text) whatever the SOAP request says, so a
/// string part matches a SOAP field of any simple type of the same name: the typed field
/// is written the way the service parses it.
fn same_parameters(m: &mut Messages, soap: &Message, http: &Message) -> Option<Message> {
    let (TypeRef::Named(s), TypeRef::Named(h)) = (&soap.ty, &http.ty) else { return None };
    let model = &m.types.model;
    let fields = |id: &crate::ir::TypeId| match &model.ty(*id).kind {
        TypeKind::Struct(s) if s.attributes.is_empty() && s.text.is_none() => Some(&s.fields),
        _ => None,
    };
    let simple = |ty: &TypeRef| match ty {
        TypeRef::Primitive(_) => true,
        TypeRef::Named(id) => matches!(model.ty(*id).kind, TypeKind::Enum(_)),
        _ => false,
    };
    let (Some(sf), Some(hf)) = (fields(s), fields(h)) else { return None };
    let same = sf.len() == hf.len()
        && sf.iter().zip(hf).all(|(s, h)| {
            s.name.local == h.name.local
                && simple(&s.ty)
                && (s.ty == h.ty || h.ty == TypeRef::Primitive(Primitive::String))
        });
    // Only the struct just added can go: ids of the others stay as they are.
    if same && h.0 as usize + 1 == m.types.model.types.len() {
        m.types.model.types.pop();
        return Some(soap.clone());
    }
    None
}

/// The output message's part `part` (the first without one) as the response document.
fn response(
    m: &mut Messages,
    pdoc: usize,
    pout: ElemId,
    part: Option<&str>,
) -> Result<Message, Error> {
    let done = "the HTTP response is kept as raw XML (define the message)";
    let Some((q, msg)) = m.message(pdoc, pout, done)? else {
        return Ok(Message { element: QName::new("", ""), ty: TypeRef::RawXml });
    };
    let mdoc = doc_of(m, msg);
    let d = m.types.doc(mdoc);
    let parts: Vec<ElemId> =
        d.children_in(msg.el, WSDL).filter(|&p| d.name(p).local == "part").collect();
    let chosen = parts.iter().copied().find(|&p| part.is_none() || d.attr(p, "name") == part);
    let site = Site { doc: mdoc, el: msg.el };
    let Some(chosen) = chosen else {
        m.types.warn(
            site,
            format!(
                "message '{}' has no part to read the HTTP response from: kept as raw XML",
                q.local
            ),
        );
        return Ok(Message { element: QName::new("", ""), ty: TypeRef::RawXml });
    };
    if d.attr(chosen, "element").is_none() {
        m.types.warn(
            site,
            format!("the HTTP response of message '{}' names no element: kept as raw XML", q.local),
        );
        return Ok(Message { element: QName::new("", ""), ty: TypeRef::RawXml });
    }
    let e = d.qname_attr(chosen, "element")?;
    if !m.types.index.elements.contains_key(&e) {
        m.types.warn(
            site,
            format!("element '{}' of the HTTP response is not declared: kept as raw XML", e.local),
        );
        return Ok(Message { element: e, ty: TypeRef::RawXml });
    }
    let ty = m.types.element_message(&e);
    Ok(Message { element: e, ty })
}

#[cfg(test)]
mod tests {
    use crate::Source;
    use crate::ir::{Primitive, Protocol, TypeKind, TypeRef};
    use crate::read::read_sources;

    /// An ASMX service as ASP.NET describes it: SOAP 1.1, HTTP GET and HTTP POST.
    fn asmx(get_input: &str) -> Source {
        let text = format!(
            r#"<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
  xmlns:http="http://schemas.xmlsoap.org/wsdl/http/" xmlns:mime="http://schemas.xmlsoap.org/wsdl/mime/"
  xmlns:s="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:t" targetNamespace="urn:t">
  <wsdl:types><s:schema elementFormDefault="qualified" targetNamespace="urn:t">
    <s:element name="Add"><s:complexType><s:sequence>
      <s:element name="a" type="s:int"/><s:element name="b" type="s:int"/></s:sequence></s:complexType></s:element>
    <s:element name="AddResponse"><s:complexType><s:sequence>
      <s:element name="AddResult" type="s:int"/></s:sequence></s:complexType></s:element>
    <s:element name="int" type="s:int"/>
  </s:schema></wsdl:types>
  <wsdl:message name="AddSoapIn"><wsdl:part name="parameters" element="tns:Add"/></wsdl:message>
  <wsdl:message name="AddSoapOut"><wsdl:part name="parameters" element="tns:AddResponse"/></wsdl:message>
  <wsdl:message name="AddHttpIn"><wsdl:part name="a" type="s:int"/><wsdl:part name="b" type="s:int"/></wsdl:message>
  <wsdl:message name="AddHttpOut"><wsdl:part name="Body" element="tns:int"/></wsdl:message>
  <wsdl:portType name="SvcSoap"><wsdl:operation name="Add"><wsdl:input message="tns:AddSoapIn"/><wsdl:output message="tns:AddSoapOut"/></wsdl:operation></wsdl:portType>
  <wsdl:portType name="SvcHttp"><wsdl:operation name="Add"><wsdl:input message="tns:AddHttpIn"/><wsdl:output message="tns:AddHttpOut"/></wsdl:operation></wsdl:portType>
  <wsdl:binding name="SvcSoap" type="tns:SvcSoap"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Add"><soap:operation soapAction="urn:t/Add"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation></wsdl:binding>
  <wsdl:binding name="SvcHttpGet" type="tns:SvcHttp"><http:binding verb="GET"/>
    <wsdl:operation name="Add"><http:operation location="/Add"/>
      <wsdl:input>{get_input}</wsdl:input><wsdl:output><mime:mimeXml part="Body"/></wsdl:output></wsdl:operation></wsdl:binding>
  <wsdl:binding name="SvcHttpPost" type="tns:SvcHttp"><http:binding verb="POST"/>
    <wsdl:operation name="Add"><http:operation location="Add"/>
      <wsdl:input><mime:content type="application/x-www-form-urlencoded"/></wsdl:input><wsdl:output><mime:mimeXml part="Body"/></wsdl:output></wsdl:operation></wsdl:binding>
  <wsdl:binding name="SvcHttpPut" type="tns:SvcHttp"><http:binding verb="PUT"/></wsdl:binding>
  <wsdl:service name="Svc">
    <wsdl:port name="SvcSoap" binding="tns:SvcSoap"><soap:address location="http://h/Svc.asmx"/></wsdl:port>
    <wsdl:port name="SvcHttpGet" binding="tns:SvcHttpGet"><http:address location="http://h/Svc.asmx"/></wsdl:port>
    <wsdl:port name="SvcHttpPost" binding="tns:SvcHttpPost"><http:address location="http://h/Svc.asmx"/></wsdl:port>
    <wsdl:port name="SvcHttpPut" binding="tns:SvcHttpPut"><http:address location="http://h/Svc.asmx"/></wsdl:port>
  </wsdl:service>
</wsdl:definitions>"#
        );
        Source::new("svc.wsdl", text)
    }

    #[test]
    fn asmx_http_ports_join_the_soap_operation_with_their_own_response() {
        let m = read_sources(&[asmx("<http:urlEncoded/>")]).unwrap();
        let s = &m.services[0];
        let protocols: Vec<Protocol> = s.endpoints.iter().map(|e| e.protocol).collect();
        assert_eq!(protocols, [Protocol::Soap11, Protocol::HttpGet, Protocol::HttpPost]);
        let op = &s.operations[0];
        assert_eq!(s.operations.len(), 1);
        assert_eq!(op.bindings.len(), 3);
        for b in &op.bindings[1..] {
            // `location="Add"` is read as the path `/Add` too.
            assert_eq!(b.path.as_deref(), Some("/Add"));
            let own = b.messages.as_ref().expect("the HTTP response is not the SOAP one");
            // The parameters are the SOAP request's: one struct, not two.
            assert_eq!(own.input, op.input);
            assert_eq!(own.output.element.local, "int");
            assert_eq!(own.output.ty, TypeRef::Primitive(Primitive::Int));
        }
        let structs = m.types.iter().filter(|t| matches!(t.kind, TypeKind::Struct(_))).count();
        assert_eq!(structs, 2, "Add and AddResponse only");
        assert!(
            m.warnings.iter().any(|w| w
                .message
                .contains("port 'SvcHttpPut' uses an HTTP verb other than GET or POST")),
            "{:?}",
            m.warnings
        );
    }

    #[test]
    fn what_cannot_be_called_is_left_out_with_a_warning() {
        let m = read_sources(&[asmx("<http:urlReplacement/>")]).unwrap();
        let op = &m.services[0].operations[0];
        let protocols: Vec<Protocol> = op.bindings.iter().map(|b| b.protocol).collect();
        assert_eq!(protocols, [Protocol::Soap11, Protocol::HttpPost]);
        let w = m
            .warnings
            .iter()
            .find(|w| w.message.contains("does not send its input as http:urlEncoded"));
        assert!(w.is_some_and(|w| w.at.line > 1), "{:?}", m.warnings);
    }
}
