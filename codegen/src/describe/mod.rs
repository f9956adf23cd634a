//! Describe: the model out as a WSDL 1.1 document with its XML Schema, so that a service
//! known only from a help page or sample envelopes can be used by any SOAP tool.
//!
//! A second back end beside `emit`: it reads the model (wire names, types, bindings), never
//! Rust. Everything is written document/literal: an rpc operation's wrapper is the element
//! the model already holds, so the wire is the same. Plain-XML operations get an HTTP POST
//! binding (`http:binding`); HTTP GET/POST operations are written as ASP.NET writes them
//! (`http`).
//!
//! Unstable: public only for the repository's own tools (the CLI, tests).

mod http;
mod schema;
mod xml;

use std::collections::BTreeSet;

use crate::ir::{Model, Operation, Protocol, QName, Service};
use schema::{Prefixes, Schemas};
use xml::Doc;

const WSDL: &str = "http://schemas.xmlsoap.org/wsdl/";
const SOAP11: &str = "http://schemas.xmlsoap.org/wsdl/soap/";
const SOAP12: &str = "http://schemas.xmlsoap.org/wsdl/soap12/";
const HTTP: &str = "http://schemas.xmlsoap.org/wsdl/http/";
const MIME: &str = "http://schemas.xmlsoap.org/wsdl/mime/";
const XSD: &str = "http://www.w3.org/2001/XMLSchema";
const SOAP_HTTP_TRANSPORT: &str = "http://schemas.xmlsoap.org/soap/http";
const WSAM: &str = "http://www.w3.org/2007/05/addressing/metadata";
const WSAW: &str = "http://www.w3.org/2006/05/addressing/wsdl";

/// The WSDL 1.1 document describing every service of `model`. `sources` names the inputs
/// in its documentation.
pub fn wsdl(model: &Model, sources: &[String]) -> String {
    let target = model
        .services
        .iter()
        .map(|s| s.namespace.as_str())
        .chain(model.types.iter().map(|t| t.name.namespace.as_str()))
        .find(|ns| !ns.is_empty())
        .unwrap_or("urn:soapgen:service")
        .to_owned();
    let http = http::HttpMessages::collect(model);
    let schemas = Schemas::collect(model, &http.excluded, &http.globals);
    let mut px = Prefixes::new(&target);
    for ns in &schemas.namespaces {
        px.add(ns);
    }
    let names = MessageNames::new(model);

    let mut doc = Doc::new();
    let name = model.services.first().map_or("Service".to_owned(), |s| ncname(&s.name));
    let mut attrs: Vec<(String, String)> = vec![
        ("name".into(), name),
        ("targetNamespace".into(), target.clone()),
        ("xmlns:wsdl".into(), WSDL.into()),
        ("xmlns:soap".into(), SOAP11.into()),
        ("xmlns:soap12".into(), SOAP12.into()),
        ("xmlns:http".into(), HTTP.into()),
        ("xmlns:mime".into(), MIME.into()),
        ("xmlns:xs".into(), XSD.into()),
    ];
    let operations = || model.services.iter().flat_map(|s| &s.operations);
    if operations().any(|op| op.addressing || op.addressing_action.is_some()) {
        attrs.push(("xmlns:wsam".into(), WSAM.into()));
        attrs.push(("xmlns:wsaw".into(), WSAW.into()));
    }
    for ns in &px.order {
        if let Some(prefix) = px.prefix(ns) {
            attrs.push((format!("xmlns:{prefix}"), ns.clone()));
        }
    }
    let attrs: Vec<(&str, &str)> = attrs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    doc.start("wsdl:definitions", &attrs);
    doc.text_element(
        "wsdl:documentation",
        &format!("Written by soapgen from {}.", sources.join(", ")),
    );
    doc.start("wsdl:types", &[]);
    schemas.write(&mut doc, &px);
    doc.end("wsdl:types");
    names.write_messages(&mut doc, &px);
    http.write_messages(&mut doc, &px, &schemas);
    for (i, service) in model.services.iter().enumerate() {
        write_service(&mut doc, &names, &http, i, service);
    }
    doc.end("wsdl:definitions");
    doc.finish()
}

/// One `wsdl:message` per distinct element (requests, responses, headers, faults).
struct MessageNames {
    /// (element, message name, part name), in first-use order.
    messages: Vec<(QName, String, String)>,
}

impl MessageNames {
    fn new(model: &Model) -> Self {
        let mut names = MessageNames { messages: Vec::new() };
        let mut taken = BTreeSet::new();
        // HTTP GET/POST operations have messages of their own (`http`).
        let ops = model.services.iter().flat_map(|s| &s.operations);
        for op in ops.filter(|op| op.bindings.iter().any(|b| !b.protocol.is_form())) {
            let elements = [(&op.input.element, "In"), (&op.output.element, "Out")]
                .into_iter()
                .chain(op.headers.iter().chain(&op.output_headers).map(|h| (&h.element, "Header")))
                .chain(op.faults.iter().map(|f| (&f.element, "Fault")));
            for (element, suffix) in elements {
                if names.messages.iter().any(|(e, _, _)| e == element) {
                    continue;
                }
                // Bodies' parts are `parameters`; a header's part is named after its
                // element, as ASP.NET does (clients name header values by part).
                let part =
                    if suffix == "Header" { ncname(&element.local) } else { "parameters".into() };
                let base = format!("{}{suffix}", ncname(&element.local));
                let mut name = base.clone();
                let mut n = 2;
                while !taken.insert(name.clone()) {
                    name = format!("{base}{n}");
                    n += 1;
                }
                names.messages.push((element.clone(), name, part));
            }
        }
        names
    }

    fn name(&self, element: &QName) -> &str {
        self.messages.iter().find(|(e, _, _)| e == element).map_or("", |(_, n, _)| n.as_str())
    }

    fn part(&self, element: &QName) -> &str {
        self.messages.iter().find(|(e, _, _)| e == element).map_or("", |(_, _, p)| p.as_str())
    }

    fn write_messages(&self, doc: &mut Doc, px: &Prefixes) {
        for (element, name, part) in &self.messages {
            doc.start("wsdl:message", &[("name", name)]);
            let element = px.qualify(&element.namespace, &element.local);
            doc.empty("wsdl:part", &[("name", part), ("element", &element)]);
            doc.end("wsdl:message");
        }
    }
}

/// How a group of operations is bound: the SOAP versions, or plain XML over HTTP POST.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Soap(Protocol),
    Xml,
}

/// `name` as an XML NCName (what WSDL names are): other characters become `_`.
fn ncname(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() || matches!(c, '_' | '-' | '.') { c } else { '_' })
        .collect();
    if !out.starts_with(|c: char| c.is_alphabetic() || c == '_') {
        out.insert(0, '_');
    }
    out
}

fn write_service(
    doc: &mut Doc,
    names: &MessageNames,
    http: &http::HttpMessages,
    index: usize,
    s: &Service,
) {
    let service = ncname(&s.name);
    let offers = |op: &Operation, p: Protocol| op.bindings.iter().any(|b| b.protocol == p);
    let ops_of = |p: Protocol| -> Vec<&Operation> {
        s.operations.iter().filter(|op| offers(op, p)).collect()
    };
    // (binding name, kind, operations, portType name)
    let mut bindings: Vec<(String, Kind, Vec<&Operation>, String)> = Vec::new();
    let soap11 = ops_of(Protocol::Soap11);
    let soap12 = ops_of(Protocol::Soap12);
    let shared = !soap11.is_empty()
        && soap11.len() == soap12.len()
        && soap11.iter().zip(&soap12).all(|(a, b)| a.name == b.name);
    if !soap11.is_empty() {
        bindings.push((
            format!("{service}Soap"),
            Kind::Soap(Protocol::Soap11),
            soap11,
            format!("{service}Soap"),
        ));
    }
    if !soap12.is_empty() {
        let port_type = if shared { format!("{service}Soap") } else { format!("{service}Soap12") };
        bindings.push((
            format!("{service}Soap12"),
            Kind::Soap(Protocol::Soap12),
            soap12,
            port_type,
        ));
    }
    let xml = ops_of(Protocol::PlainXml);
    if !xml.is_empty() {
        bindings.push((format!("{service}Xml"), Kind::Xml, xml, format!("{service}Xml")));
    }

    let mut written = BTreeSet::new();
    for (_, _, ops, port_type) in &bindings {
        if !written.insert(port_type.clone()) {
            continue;
        }
        doc.start("wsdl:portType", &[("name", port_type)]);
        for op in ops {
            doc.start("wsdl:operation", &[("name", &op.name)]);
            if !op.docs.0.is_empty() {
                doc.text_element("wsdl:documentation", &op.docs.0.join("\n"));
            }
            let input = format!("tns:{}", names.name(&op.input.element));
            let output = format!("tns:{}", names.name(&op.output.element));
            match &op.addressing_action {
                Some(action) => {
                    doc.empty("wsdl:input", &[("message", &input), ("wsam:Action", action)]);
                }
                None => doc.empty("wsdl:input", &[("message", &input)]),
            }
            doc.empty("wsdl:output", &[("message", &output)]);
            for f in &op.faults {
                let message = format!("tns:{}", names.name(&f.element));
                doc.empty("wsdl:fault", &[("name", &f.name), ("message", &message)]);
            }
            doc.end("wsdl:operation");
        }
        doc.end("wsdl:portType");
    }

    for (name, kind, ops, port_type) in &bindings {
        let port_type = format!("tns:{port_type}");
        doc.start("wsdl:binding", &[("name", name), ("type", &port_type)]);
        let prefix = match kind {
            Kind::Soap(Protocol::Soap12) => "soap12",
            Kind::Soap(_) => "soap",
            Kind::Xml => "http",
        };
        match kind {
            Kind::Soap(_) => {
                if ops.iter().any(|op| op.addressing) {
                    doc.empty("wsaw:UsingAddressing", &[]);
                }
                doc.empty(
                    &format!("{prefix}:binding"),
                    &[("transport", SOAP_HTTP_TRANSPORT), ("style", "document")],
                )
            }
            Kind::Xml => doc.empty("http:binding", &[("verb", "POST")]),
        }
        for op in ops {
            doc.start("wsdl:operation", &[("name", &op.name)]);
            let binding = op.bindings.iter().find(|b| match kind {
                Kind::Soap(p) => b.protocol == *p,
                Kind::Xml => b.protocol == Protocol::PlainXml,
            });
            match kind {
                Kind::Soap(_) => {
                    let action = binding.and_then(|b| b.action.as_deref()).unwrap_or("");
                    doc.empty(
                        &format!("{prefix}:operation"),
                        &[("soapAction", action), ("style", "document")],
                    );
                    doc.start("wsdl:input", &[]);
                    doc.empty(&format!("{prefix}:body"), &[("use", "literal")]);
                    for h in &op.headers {
                        let message = format!("tns:{}", names.name(&h.element));
                        let part = names.part(&h.element);
                        doc.empty(
                            &format!("{prefix}:header"),
                            &[("message", &message), ("part", part), ("use", "literal")],
                        );
                    }
                    doc.end("wsdl:input");
                    doc.start("wsdl:output", &[]);
                    doc.empty(&format!("{prefix}:body"), &[("use", "literal")]);
                    for h in &op.output_headers {
                        let message = format!("tns:{}", names.name(&h.element));
                        let part = names.part(&h.element);
                        doc.empty(
                            &format!("{prefix}:header"),
                            &[("message", &message), ("part", part), ("use", "literal")],
                        );
                    }
                    doc.end("wsdl:output");
                    for f in &op.faults {
                        doc.start("wsdl:fault", &[("name", &f.name)]);
                        doc.empty(
                            &format!("{prefix}:fault"),
                            &[("name", &f.name), ("use", "literal")],
                        );
                        doc.end("wsdl:fault");
                    }
                }
                Kind::Xml => {
                    let path = binding
                        .and_then(|b| b.path.clone())
                        .unwrap_or_else(|| format!("/xml/reply/{}", op.name));
                    doc.empty("http:operation", &[("location", &path)]);
                    doc.start("wsdl:input", &[]);
                    doc.empty(
                        "mime:content",
                        &[("type", "application/xml"), ("part", "parameters")],
                    );
                    doc.end("wsdl:input");
                    doc.start("wsdl:output", &[]);
                    doc.empty("mime:mimeXml", &[("part", "parameters")]);
                    doc.end("wsdl:output");
                }
            }
            doc.end("wsdl:operation");
        }
        doc.end("wsdl:binding");
    }
    http.write_bindings(doc, index, s);

    doc.start("wsdl:service", &[("name", &service)]);
    if !s.docs.0.is_empty() {
        doc.text_element("wsdl:documentation", &s.docs.0.join("\n"));
    }
    for (name, kind, _, _) in &bindings {
        let protocol = match kind {
            Kind::Soap(p) => *p,
            Kind::Xml => Protocol::PlainXml,
        };
        let address = s
            .endpoints
            .iter()
            .find(|e| e.protocol == protocol)
            .or(s.endpoints.first())
            .map_or("http://localhost/", |e| e.address.as_str());
        let binding = format!("tns:{name}");
        doc.start("wsdl:port", &[("name", name), ("binding", &binding)]);
        let address_element = match kind {
            Kind::Soap(Protocol::Soap12) => "soap12:address",
            Kind::Soap(_) => "soap:address",
            Kind::Xml => "http:address",
        };
        doc.empty(address_element, &[("location", address)]);
        doc.end("wsdl:port");
    }
    http.write_ports(doc, index, s);
    doc.end("wsdl:service");
}
