//! HTTP GET/POST bindings in the written WSDL, as ASP.NET writes its "HTTP GET" and "HTTP
//! POST" protocols: a portType and binding per verb, `http:operation location`,
//! `http:urlEncoded` or `mime:content type="application/x-www-form-urlencoded"` input,
//! `mime:mimeXml` output.
//!
//! Parameters that are all required simple values become one `type=` part each (ASP.NET's
//! form); their struct is then not written in the schema, since the parts are what
//! describes it. Parameters a part cannot describe (optional, repeated) are one
//! `element=` part whose type holds them.

use std::collections::BTreeSet;

use super::ncname;
use super::schema::{Prefixes, Schemas};
use super::xml::Doc;
use crate::ir::{
    Message, Model, Occurs, Operation, Protocol, QName, Service, TypeId, TypeKind, TypeRef,
};

/// How one HTTP binding of one operation is described.
struct Entry {
    service: usize,
    op: usize,
    protocol: Protocol,
    input: Input,
    output: Message,
    in_name: String,
    out_name: String,
}

enum Input {
    /// (part name, type) per parameter.
    Parts(Vec<(String, TypeRef)>),
    /// One element holding the parameters.
    Element(QName),
}

/// Every HTTP binding's messages, gathered before the schema is.
pub struct HttpMessages {
    entries: Vec<Entry>,
    /// Parameter structs described by parts only: not in the schema.
    pub excluded: BTreeSet<TypeId>,
    /// Elements the messages name that the operations' own do not declare.
    pub globals: Vec<Message>,
}

fn verb(p: Protocol) -> &'static str {
    if p == Protocol::HttpGet { "Get" } else { "Post" }
}

impl HttpMessages {
    pub fn collect(model: &Model) -> Self {
        let mut used = BTreeSet::new();
        let mark = |ty: &TypeRef, used: &mut BTreeSet<TypeId>| {
            used.extend(crate::resolve::named_in(ty));
        };
        for t in &model.types {
            match &t.kind {
                TypeKind::Struct(s) => {
                    s.fields.iter().for_each(|f| mark(&f.ty, &mut used));
                    s.attributes.iter().for_each(|a| mark(&a.ty, &mut used));
                }
                TypeKind::Choice(c) => c.alternatives.iter().for_each(|f| mark(&f.ty, &mut used)),
                TypeKind::Enum(_) => {}
            }
        }
        let mut out =
            HttpMessages { entries: Vec::new(), excluded: BTreeSet::new(), globals: Vec::new() };
        let mut params: Vec<TypeId> = Vec::new();
        for (si, s) in model.services.iter().enumerate() {
            for (oi, op) in s.operations.iter().enumerate() {
                let form_only = op.bindings.iter().all(|b| b.protocol.is_form());
                if !form_only {
                    mark(&op.input.ty, &mut used);
                }
                mark(&op.output.ty, &mut used);
                op.headers.iter().for_each(|h| mark(&h.ty, &mut used));
                op.faults.iter().for_each(|f| mark(&f.ty, &mut used));
                for b in op.bindings.iter().filter(|b| b.protocol.is_form()) {
                    let (input, output) = match &b.messages {
                        Some(m) => (&m.input, &m.output),
                        None => (&op.input, &op.output),
                    };
                    mark(&output.ty, &mut used);
                    if b.messages.is_some() {
                        out.globals.push(output.clone());
                    }
                    let input = match parts(model, &input.ty) {
                        Some(parts) => {
                            if let TypeRef::Named(id) = input.ty {
                                params.push(id);
                            }
                            Input::Parts(parts)
                        }
                        // The operation's own request element (shared with SOAP) is declared.
                        None if b.messages.is_some() && *input != op.input => {
                            let element = QName::new(
                                input.element.namespace.clone(),
                                format!("{}HttpParameters", input.element.local),
                            );
                            out.globals
                                .push(Message { element: element.clone(), ty: input.ty.clone() });
                            mark(&input.ty, &mut used);
                            Input::Element(element)
                        }
                        None => {
                            mark(&input.ty, &mut used);
                            Input::Element(input.element.clone())
                        }
                    };
                    let stem =
                        format!("{}{}Http{}", ncname(&s.name), ncname(&op.name), verb(b.protocol));
                    out.entries.push(Entry {
                        service: si,
                        op: oi,
                        protocol: b.protocol,
                        input,
                        output: output.clone(),
                        in_name: format!("{stem}In"),
                        out_name: format!("{stem}Out"),
                    });
                }
            }
        }
        out.excluded = params.into_iter().filter(|id| !used.contains(id)).collect();
        out
    }

    /// The messages: a part per parameter, or one element; the response element.
    pub fn write_messages(&self, doc: &mut Doc, px: &Prefixes, schemas: &Schemas<'_>) {
        for e in &self.entries {
            doc.start("wsdl:message", &[("name", &e.in_name)]);
            match &e.input {
                Input::Parts(parts) => {
                    for (name, ty) in parts {
                        let ty = schemas.type_name(px, ty).unwrap_or_else(|| "xs:string".into());
                        doc.empty("wsdl:part", &[("name", name), ("type", &ty)]);
                    }
                }
                Input::Element(element) => {
                    let element = px.qualify(&element.namespace, &element.local);
                    doc.empty("wsdl:part", &[("name", "parameters"), ("element", &element)]);
                }
            }
            doc.end("wsdl:message");
            doc.start("wsdl:message", &[("name", &e.out_name)]);
            let element = px.qualify(&e.output.element.namespace, &e.output.element.local);
            doc.empty("wsdl:part", &[("name", "Body"), ("element", &element)]);
            doc.end("wsdl:message");
        }
    }

    fn of(&self, service: usize, protocol: Protocol) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(move |e| e.service == service && e.protocol == protocol)
    }

    /// The portType and binding of each verb the service's operations offer.
    pub fn write_bindings(&self, doc: &mut Doc, service: usize, s: &Service) {
        let name = ncname(&s.name);
        for protocol in [Protocol::HttpGet, Protocol::HttpPost] {
            let entries: Vec<&Entry> = self.of(service, protocol).collect();
            if entries.is_empty() {
                continue;
            }
            let binding = format!("{name}Http{}", verb(protocol));
            doc.start("wsdl:portType", &[("name", &binding)]);
            for e in &entries {
                let op: &Operation = &s.operations[e.op];
                doc.start("wsdl:operation", &[("name", &op.name)]);
                if !op.docs.0.is_empty() {
                    doc.text_element("wsdl:documentation", &op.docs.0.join("\n"));
                }
                doc.empty("wsdl:input", &[("message", &format!("tns:{}", e.in_name))]);
                doc.empty("wsdl:output", &[("message", &format!("tns:{}", e.out_name))]);
                doc.end("wsdl:operation");
            }
            doc.end("wsdl:portType");
            doc.start("wsdl:binding", &[("name", &binding), ("type", &format!("tns:{binding}"))]);
            let verb_name = if protocol == Protocol::HttpGet { "GET" } else { "POST" };
            doc.empty("http:binding", &[("verb", verb_name)]);
            for e in &entries {
                let op = &s.operations[e.op];
                let b = op.bindings.iter().find(|b| b.protocol == protocol);
                let path =
                    b.and_then(|b| b.path.clone()).unwrap_or_else(|| format!("/{}", op.name));
                doc.start("wsdl:operation", &[("name", &op.name)]);
                doc.empty("http:operation", &[("location", &path)]);
                doc.start("wsdl:input", &[]);
                if protocol == Protocol::HttpGet {
                    doc.empty("http:urlEncoded", &[]);
                } else {
                    doc.empty("mime:content", &[("type", "application/x-www-form-urlencoded")]);
                }
                doc.end("wsdl:input");
                doc.start("wsdl:output", &[]);
                doc.empty("mime:mimeXml", &[("part", "Body")]);
                doc.end("wsdl:output");
                doc.end("wsdl:operation");
            }
            doc.end("wsdl:binding");
        }
    }

    /// A port per verb, at the service's address for it.
    pub fn write_ports(&self, doc: &mut Doc, service: usize, s: &Service) {
        let name = ncname(&s.name);
        for protocol in [Protocol::HttpGet, Protocol::HttpPost] {
            if self.of(service, protocol).next().is_none() {
                continue;
            }
            let binding = format!("{name}Http{}", verb(protocol));
            let address = s
                .endpoints
                .iter()
                .find(|e| e.protocol == protocol)
                .or(s.endpoints.first())
                .map_or("http://localhost/", |e| e.address.as_str());
            doc.start("wsdl:port", &[("name", &binding), ("binding", &format!("tns:{binding}"))]);
            doc.empty("http:address", &[("location", address)]);
            doc.end("wsdl:port");
        }
    }
}

/// The parameters as (name, type) parts, when each is a required simple value.
fn parts(model: &Model, ty: &TypeRef) -> Option<Vec<(String, TypeRef)>> {
    let TypeRef::Named(id) = ty else { return None };
    let TypeKind::Struct(s) = &model.ty(*id).kind else { return None };
    if !s.attributes.is_empty() || s.text.is_some() {
        return None;
    }
    s.fields
        .iter()
        .map(|f| {
            let simple = match &f.ty {
                TypeRef::Primitive(_) => true,
                TypeRef::Named(id) => matches!(model.ty(*id).kind, TypeKind::Enum(_)),
                _ => false,
            };
            (simple && f.occurs == Occurs::Required && !f.nillable)
                .then(|| (f.name.local.clone(), f.ty.clone()))
        })
        .collect()
}
