//! WSDL services, ports and bindings → one [`Service`] per `wsdl:service`, whose
//! operations come from its ports' SOAP bindings: an operation offered on a SOAP 1.1
//! and a SOAP 1.2 port is one operation with two [`OperationBinding`]s. HTTP GET/POST
//! ports are read by `http`, after the SOAP ones.

use std::collections::BTreeMap;

use super::addressing;
use super::builtins::{HTTP, SOAP11, SOAP12, WSDL, XSD};
use super::index::WComp;
use super::messages::{Body, Messages};
use super::repair::Component;
use super::schema::{Site, Types};
use crate::Error;
use crate::ir::{
    BindingStyle, Docs, Endpoint, Message, Operation, OperationBinding, Protocol, QName, Service,
    TypeRef,
};

/// What a `wsdl:binding` binds to.
enum Kind {
    Soap(Protocol),
    Http,
    Other,
}

/// The operations of one service, merged by name and messages.
#[derive(Default)]
struct Ops {
    list: Vec<Operation>,
    by_key: BTreeMap<(String, Option<QName>, Option<QName>), usize>,
    names: BTreeMap<String, usize>,
}

/// Reads every service (or, when there is none, one per bound portType).
pub fn read(types: &mut Types) -> Result<(), Error> {
    let mut m = Messages::new(types);
    let services = m.types.index.services.clone();
    if services.is_empty() {
        return from_bindings(&mut m);
    }
    for s in services {
        service(&mut m, s)?;
    }
    Ok(())
}

fn doc_of(m: &Messages, c: WComp) -> usize {
    m.types.set.definitions[c.defs].doc
}

fn kind(m: &Messages, b: WComp) -> Kind {
    let d = m.types.doc(doc_of(m, b));
    if d.child(b.el, SOAP11, "binding").is_some() {
        Kind::Soap(Protocol::Soap11)
    } else if d.child(b.el, SOAP12, "binding").is_some() {
        Kind::Soap(Protocol::Soap12)
    } else if d.child(b.el, HTTP, "binding").is_some() {
        Kind::Http
    } else {
        Kind::Other
    }
}

fn soap_ns(protocol: Protocol) -> &'static str {
    if protocol == Protocol::Soap12 { SOAP12 } else { SOAP11 }
}

fn service(m: &mut Messages, s: WComp) -> Result<(), Error> {
    let doc = doc_of(m, s);
    let d = m.types.doc(doc);
    let name = d.required(s.el, "name")?.to_owned();
    let mut endpoints: Vec<Endpoint> = Vec::new();
    let mut ops = Ops::default();
    let mut http_ports = Vec::new();
    for port in d.children_in(s.el, WSDL).filter(|&p| d.name(p).local == "port") {
        let port_name = d.attr(port, "name").unwrap_or_default();
        let done = format!(
            "port '{port_name}' is left out (define the binding, or correct the port's binding=)"
        );
        let Some((_, b)) = m.types.component(Component::Binding, doc, port, "binding", &done)?
        else {
            continue;
        };
        let protocol = match kind(m, b) {
            Kind::Soap(p) => p,
            Kind::Http => {
                http_ports.push(super::http::Port { doc, el: port, binding: b });
                continue;
            }
            Kind::Other => {
                let port_name = d.attr(port, "name").unwrap_or_default();
                let message = format!(
                    "port '{port_name}' is bound to neither SOAP 1.1 nor SOAP 1.2: skipped"
                );
                m.types.warn(Site { doc, el: port }, message);
                continue;
            }
        };
        match d.child(port, soap_ns(protocol), "address").and_then(|a| d.attr(a, "location")) {
            Some(address) => {
                let e = Endpoint { protocol, address: address.to_owned() };
                if !endpoints.contains(&e) {
                    endpoints.push(e);
                }
            }
            None => {
                let port_name = d.attr(port, "name").unwrap_or_default();
                m.types.warn(
                    Site { doc, el: port },
                    format!("port '{port_name}' has no address: it adds no endpoint"),
                );
            }
        }
        binding_operations(m, b, protocol, &mut ops)?;
    }
    super::http::read_ports(m, &http_ports, &mut ops.list, &mut endpoints);
    let site = Site { doc, el: s.el };
    if ops.list.is_empty() {
        m.types.warn(site, format!("service '{name}' has no SOAP or HTTP operations: skipped"));
        return Ok(());
    }
    let tns = m.types.set.definitions[s.defs].tns.clone();
    let docs = d.docs(s.el, WSDL, XSD);
    let service = Service {
        name,
        namespace: tns,
        docs,
        endpoints,
        operations: ops.list,
        provenance: m.types.at(site),
    };
    m.types.model.services.push(service);
    Ok(())
}

/// No `wsdl:service`: one service per portType that SOAP bindings bind, without an
/// endpoint (the client has to be given one).
fn from_bindings(m: &mut Messages) -> Result<(), Error> {
    let mut groups: Vec<(QName, Vec<(WComp, Protocol)>)> = Vec::new();
    for b in m.types.index.binding_order.clone() {
        let Kind::Soap(protocol) = kind(m, b) else { continue };
        let pt = match m.types.doc(doc_of(m, b)).qname_attr(b.el, "type") {
            Ok(pt) => pt,
            Err(error) => {
                let done = "this binding adds no operations (name its portType in type=)";
                m.types.repair(error, done)?;
                continue;
            }
        };
        match groups.iter_mut().find(|(q, _)| *q == pt) {
            Some((_, bs)) => bs.push((b, protocol)),
            None => groups.push((pt, vec![(b, protocol)])),
        }
    }
    for (pt, bindings) in groups {
        let mut ops = Ops::default();
        for &(b, protocol) in &bindings {
            binding_operations(m, b, protocol, &mut ops)?;
        }
        let first = Site { doc: doc_of(m, bindings[0].0), el: bindings[0].0.el };
        if ops.list.is_empty() {
            let message = format!("portType '{}' has no SOAP operations: skipped", pt.local);
            m.types.warn(first, message);
            continue;
        }
        let names: Vec<&str> = bindings
            .iter()
            .filter_map(|(b, _)| m.types.doc(doc_of(m, *b)).attr(b.el, "name"))
            .collect();
        let message = format!(
            "no wsdl:service names an address for binding(s) '{}': service '{}' is made from them, with no \
             default endpoint (set one on the client)",
            names.join("', '"),
            pt.local
        );
        m.types.warn(first, message);
        let docs = match m.types.index.port_types.get(&pt) {
            Some(&p) => m.types.doc(doc_of(m, p)).docs(p.el, WSDL, XSD),
            None => Docs::default(),
        };
        let provenance = m.types.at(first);
        let service = Service {
            name: pt.local,
            namespace: pt.namespace,
            docs,
            endpoints: Vec::new(),
            operations: ops.list,
            provenance,
        };
        m.types.model.services.push(service);
    }
    Ok(())
}

/// Adds the operations of SOAP binding `b` to `ops`, merging those already there.
fn binding_operations(
    m: &mut Messages,
    b: WComp,
    protocol: Protocol,
    ops: &mut Ops,
) -> Result<(), Error> {
    let bdoc = doc_of(m, b);
    let d = m.types.doc(bdoc);
    let soap = soap_ns(protocol);
    let binding_name = d.attr(b.el, "name").unwrap_or_default();
    let done = format!(
        "binding '{binding_name}' adds no operations (define the portType, or correct the binding's type=)"
    );
    let Some((pq, pt)) = m.types.component(Component::PortType, bdoc, b.el, "type", &done)? else {
        return Ok(());
    };
    let pdoc = doc_of(m, pt);
    let p = m.types.doc(pdoc);
    let default_style =
        d.child(b.el, soap, "binding").and_then(|sb| d.attr(sb, "style")).unwrap_or("document");
    let tns = &m.types.set.definitions[b.defs].tns;
    // By name, first wins: one lookup per binding operation, not a scan.
    let mut abstract_ops = BTreeMap::new();
    for o in p.children_in(pt.el, WSDL).filter(|&o| p.name(o).local == "operation") {
        if let Some(n) = p.attr(o, "name") {
            abstract_ops.entry(n).or_insert(o);
        }
    }
    for bop in d.children_in(b.el, WSDL).filter(|&o| d.name(o).local == "operation") {
        let name = d.required(bop, "name")?.to_owned();
        let Some(&pop) = abstract_ops.get(name.as_str()) else {
            let message = format!(
                "operation '{name}' not found in portType '{}': expected a wsdl:operation with that name",
                pq.local
            );
            let done = format!(
                "operation '{name}' is left out: its messages are unknown (add it to the portType, or remove it from the binding)"
            );
            m.types.repair(d.error(bop, message), &done)?;
            continue;
        };
        let soap_op = d.child(bop, soap, "operation");
        let rpc = soap_op.and_then(|o| d.attr(o, "style")).unwrap_or(default_style) == "rpc";
        let bin = d.child(bop, WSDL, "input");
        let bout = d.child(bop, WSDL, "output");
        let body_of = |io: Option<_>| io.and_then(|io| d.child(io, soap, "body"));
        let encoded = body_of(bin).and_then(|sb| d.attr(sb, "use")) == Some("encoded");
        let style = match (rpc, encoded) {
            (true, true) => BindingStyle::RpcEncoded,
            (true, false) => BindingStyle::RpcLiteral,
            (false, encoded) => {
                if encoded {
                    m.types.warn(
                        Site { doc: bdoc, el: bop },
                        "document/encoded is read as document/literal",
                    );
                }
                BindingStyle::DocumentLiteral
            }
        };
        // SOAP 1.1 always sends SOAPAction (empty when unstated); SOAP 1.2's is optional.
        let action = match (soap_op.and_then(|o| d.attr(o, "soapAction")), protocol) {
            (Some(a), _) if !a.is_empty() => Some(a.to_owned()),
            (_, Protocol::Soap11) => Some(String::new()),
            _ => None,
        };
        let binding = OperationBinding {
            protocol,
            action,
            action_inferred: false,
            path: None,
            style,
            messages: None,
        };

        let pin = p.child(pop, WSDL, "input");
        let pout = p.child(pop, WSDL, "output");
        let msg = |io: Option<_>| io.and_then(|io| p.qname_attr(io, "message").ok());
        let key = (name.clone(), msg(pin), msg(pout));
        if let Some(&i) = ops.by_key.get(&key) {
            if !ops.list[i].bindings.iter().any(|x| x.protocol == protocol) {
                ops.list[i].bindings.push(binding);
            }
            continue;
        }
        if ops.names.contains_key(&name) {
            let message = format!(
                "operation '{name}' is offered again with other messages: read as a second operation"
            );
            m.types.warn(Site { doc: bdoc, el: bop }, message);
        }
        let Some(pin) = pin else {
            let message = format!("operation '{name}' has no input (a notification): skipped");
            m.types.warn(Site { doc: pdoc, el: pop }, message);
            continue;
        };
        let spec = |sb: Option<_>| Body {
            rpc,
            encoded,
            namespace: sb.and_then(|sb| d.attr(sb, "namespace")).unwrap_or(tns).to_owned(),
            parts: sb
                .and_then(|sb| d.attr(sb, "parts"))
                .map(|ps| ps.split_whitespace().map(str::to_owned).collect()),
        };
        let mut docs = p.docs(pop, WSDL, XSD);
        docs.0.extend(d.docs(bop, WSDL, XSD).0);
        let input = m.body(&name, false, pdoc, pin, &spec(body_of(bin)))?;
        let output = match pout {
            Some(pout) => m.body(&name, true, pdoc, pout, &spec(body_of(bout)))?,
            None => {
                let message = format!(
                    "operation '{name}' is one-way: the generated call still expects a response"
                );
                m.types.warn(Site { doc: pdoc, el: pop }, message);
                docs.push("One-way operation: the service sends no response.");
                Message { element: QName::new("", ""), ty: TypeRef::RawXml }
            }
        };
        for (what, m) in [("request", &input), ("response", &output)] {
            if m.ty == TypeRef::RawXml && !m.element.local.is_empty() {
                docs.push(format!(
                    "The {what} body `{}` is untyped: kept as raw XML.",
                    m.element.local
                ));
            }
        }
        let headers = match bin {
            Some(bin) => m.headers(&name, bdoc, bin, soap)?,
            None => Vec::new(),
        };
        let output_headers = match bout {
            Some(bout) => m.headers(&name, bdoc, bout, soap)?,
            None => Vec::new(),
        };
        let addressing_action = addressing::input_action(p, pin);
        if style == BindingStyle::RpcEncoded {
            docs.push(
                "SOAP rpc/encoded: the request says each value's `xsi:type` and each array's \
                 `soapenc:arrayType`; the response's multi-reference values (`href`/`id`) are resolved.",
            );
        }
        let faults = m.faults(pdoc, pop)?;
        let provenance = m.types.at(Site { doc: pdoc, el: pop });
        let op = Operation {
            name: name.clone(),
            docs,
            bindings: vec![binding],
            input,
            output,
            headers,
            output_headers,
            addressing_action,
            addressing: addressing::declared(d, b.el),
            faults,
            provenance,
        };
        ops.by_key.insert(key, ops.list.len());
        ops.names.insert(name, ops.list.len());
        ops.list.push(op);
    }
    Ok(())
}
