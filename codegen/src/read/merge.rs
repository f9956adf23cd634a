//! Samples → services. Each reader yields one [`Draft`] per sample (one protocol of
//! one operation); here the SOAP 1.1 and 1.2 samples of an operation become one
//! operation with two bindings, and the pages of one service one service.
//!
//! A service is identified by its endpoint (origin and path) and body namespace;
//! ServiceStack services by origin alone, since each DTO may have its own .NET
//! namespace. A draft without an endpoint (a captured envelope) joins a service of
//! the same namespace. Everything keeps first-seen order, so output follows input.

use crate::ir::{
    BindingMessages, BindingStyle, Docs, Endpoint, HeaderBlock, Message, Model, Operation,
    OperationBinding, Protocol, Provenance, QName, Service, TypeRef, Warning,
};

/// One sample of one operation, as a reader saw it.
#[derive(Debug)]
pub struct Draft {
    pub service: ServicePart,
    pub operation: String,
    pub docs: Docs,
    pub protocol: Protocol,
    /// Stated by the sample (SOAPAction header or the SOAP 1.2 `action` parameter).
    pub action: Option<String>,
    /// For plain XML: the request path.
    pub path: Option<String>,
    pub style: BindingStyle,
    pub input: Option<Message>,
    pub output: Option<Message>,
    pub headers: Vec<HeaderBlock>,
    pub provenance: Provenance,
}

#[derive(Debug)]
pub struct ServicePart {
    /// As the page states it.
    pub name: Option<String>,
    /// Derived when the page states none (from its path or namespace); `None` when
    /// neither names anything, and the operations name the service.
    pub fallback_name: Option<String>,
    pub namespace: String,
    /// Absolute address, from the sample's Host header and path.
    pub endpoint: Option<String>,
    pub provenance: Provenance,
}

pub(super) const ENDPOINT_DOC: &str = "Endpoint taken from the help page's Host header; the page cannot tell the scheme, http is assumed.";

struct ServiceAcc {
    /// Identity: endpoint base and namespace (see module docs).
    base: Option<String>,
    key_namespace: String,
    name: Option<String>,
    fallback_name: Option<String>,
    namespace: String,
    endpoints: Vec<Endpoint>,
    operations: Vec<OperationAcc>,
    provenance: Provenance,
}

struct BindingAcc {
    protocol: Protocol,
    action: Option<String>,
    path: Option<String>,
    style: BindingStyle,
    /// HTTP GET/POST: what this binding's own sample shows (its response is not the
    /// SOAP one).
    messages: (Option<Message>, Option<Message>),
}

struct OperationAcc {
    name: String,
    docs: Docs,
    bindings: Vec<BindingAcc>,
    input: Option<Message>,
    output: Option<Message>,
    headers: Vec<HeaderBlock>,
    provenance: Provenance,
}

fn key_of(d: &Draft) -> (Option<String>, String) {
    let base = d.service.endpoint.as_ref().map(|e| match d.protocol {
        Protocol::PlainXml => origin(e).to_owned(),
        _ => e.clone(),
    });
    let ns =
        if d.protocol == Protocol::PlainXml { String::new() } else { d.service.namespace.clone() };
    (base, ns)
}

/// `scheme://host[:port]` of an absolute URL.
fn origin(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    url[after_scheme..].find('/').map_or(url, |i| &url[..after_scheme + i])
}

/// Builds the services from every draft, in input order, into `model`.
pub fn merge(drafts: Vec<Draft>, model: &mut Model) {
    let mut services: Vec<ServiceAcc> = Vec::new();
    for d in drafts {
        let (base, ns) = key_of(&d);
        let found = match &base {
            Some(b) => services
                .iter()
                .position(|s| s.base.as_ref() == Some(b) && s.key_namespace == ns)
                .or_else(|| {
                    services.iter().position(|s| s.base.is_none() && s.key_namespace == ns)
                }),
            None => services.iter().position(|s| s.key_namespace == ns),
        };
        let i = found.unwrap_or_else(|| {
            services.push(ServiceAcc {
                base: None,
                key_namespace: ns,
                name: None,
                fallback_name: d.service.fallback_name.clone(),
                namespace: d.service.namespace.clone(),
                endpoints: Vec::new(),
                operations: Vec::new(),
                provenance: d.service.provenance.clone(),
            });
            services.len() - 1
        });
        add(&mut services[i], base, d);
    }
    for s in services {
        let service = finish(s, model);
        model.services.push(service);
    }
}

fn add(s: &mut ServiceAcc, base: Option<String>, d: Draft) {
    if s.base.is_none() {
        s.base = base;
    }
    if s.name.is_none() {
        s.name = d.service.name.clone();
    }
    if let Some(address) = &d.service.endpoint {
        let e = Endpoint { protocol: d.protocol, address: address.clone() };
        if !s.endpoints.contains(&e) {
            s.endpoints.push(e);
        }
    }
    let op = match s.operations.iter().position(|o| o.name == d.operation) {
        Some(i) => &mut s.operations[i],
        None => {
            s.operations.push(OperationAcc {
                name: d.operation.clone(),
                docs: Docs::default(),
                bindings: Vec::new(),
                input: None,
                output: None,
                headers: Vec::new(),
                provenance: d.provenance.clone(),
            });
            s.operations.last_mut().expect("just pushed")
        }
    };
    if op.docs.is_empty() {
        op.docs = d.docs;
    }
    let own = if d.protocol.is_form() { (d.input.clone(), d.output.clone()) } else { (None, None) };
    match op.bindings.iter_mut().find(|b| b.protocol == d.protocol) {
        Some(b) => {
            b.action = b.action.take().or(d.action);
            b.path = b.path.take().or(d.path);
            b.messages.0 = b.messages.0.take().or(own.0);
            b.messages.1 = b.messages.1.take().or(own.1);
        }
        None => op.bindings.push(BindingAcc {
            protocol: d.protocol,
            action: d.action,
            path: d.path,
            style: d.style,
            messages: own,
        }),
    }
    // A SOAP sample's messages are the operation's; HTTP GET/POST ones only stand in
    // until one comes.
    if d.protocol.is_form() {
        op.input = op.input.take().or(d.input);
        op.output = op.output.take().or(d.output);
    } else {
        let (input, output) = (d.input, d.output);
        if input.is_some()
            && op.bindings.iter().all(|b| b.protocol.is_form() || b.protocol == d.protocol)
        {
            op.input = input.or(op.input.take());
            op.output = output.or(op.output.take());
        } else {
            op.input = op.input.take().or(input);
            op.output = op.output.take().or(output);
        }
    }
    for h in d.headers {
        if !op.headers.iter().any(|x| x.element == h.element) {
            op.headers.push(h);
        }
    }
}

fn finish(s: ServiceAcc, model: &mut Model) -> Service {
    let mut docs = Docs::default();
    if !s.endpoints.is_empty() {
        docs.push(ENDPOINT_DOC);
    }
    let name = s.name.or(s.fallback_name).unwrap_or_else(|| {
        super::naming::from_operations(s.operations.iter().map(|o| o.name.as_str()))
    });
    let operations =
        s.operations.into_iter().map(|o| finish_operation(o, &s.namespace, model)).collect();
    Service {
        name,
        namespace: s.namespace,
        docs,
        endpoints: s.endpoints,
        operations,
        provenance: s.provenance,
    }
}

fn finish_operation(mut o: OperationAcc, namespace: &str, model: &mut Model) -> Operation {
    o.bindings.sort_by_key(|b| b.protocol);
    // ASMX writes one SOAPAction for both SOAP bindings of an operation, so a 1.1
    // sample's action is stated for the 1.2 binding too. Without any, the ASMX
    // default applies: namespace + "/" + operation.
    let stated = o.bindings.iter().find_map(|b| b.action.clone());
    let (op_input, op_output) = (o.input.clone(), o.output.clone());
    let bindings = o
        .bindings
        .into_iter()
        .map(|b| {
            let (action, action_inferred) = match (b.protocol, b.action, &stated) {
                (p, _, _) if !p.is_soap() => (None, false),
                (_, Some(a), _) => (Some(a), false),
                (_, None, Some(a)) => (Some(a.clone()), false),
                (_, None, None) => (Some(conventional_action(namespace, &o.name)), true),
            };
            // Kept only where they differ from the operation's.
            let messages = match b.messages {
                (Some(input), Some(output))
                    if Some(&input) != op_input.as_ref() || Some(&output) != op_output.as_ref() =>
                {
                    Some(Box::new(BindingMessages { input, output }))
                }
                _ => None,
            };
            OperationBinding {
                protocol: b.protocol,
                action,
                action_inferred,
                path: b.path,
                style: b.style,
                messages,
            }
        })
        .collect();
    let missing = |what: &str, element: QName, model: &mut Model| {
        model.warn(
            o.provenance.clone(),
            format!("no {what} sample for operation {}; its {what} is kept as raw XML", o.name),
        );
        Message { element, ty: TypeRef::RawXml }
    };
    let input = match o.input {
        Some(m) => m,
        None => missing("request", QName::new(namespace, o.name.clone()), model),
    };
    let output = match o.output {
        Some(m) => m,
        None => missing("response", QName::new(namespace, format!("{}Response", o.name)), model),
    };
    Operation {
        name: o.name,
        docs: o.docs,
        bindings,
        input,
        output,
        headers: o.headers,
        output_headers: Vec::new(),
        addressing_action: None,
        addressing: false,
        faults: Vec::new(),
        provenance: o.provenance,
    }
}

/// Folds the services read from samples into the services a description (WSDL) states:
/// a sampled service joins the described one sharing most operation names. Where they
/// disagree the description wins (messages, bindings, headers, faults, endpoints); the
/// samples add their docs (prose, parameter and error tables), and operations only
/// they show. A sampled service sharing no operation stays a service of its own.
pub fn fold_samples(described: Vec<Service>, model: &mut Model) {
    let sampled = std::mem::replace(&mut model.services, described);
    let described_count = model.services.len();
    for s in sampled {
        let shared = |d: &Service| {
            d.operations.iter().filter(|o| s.operations.iter().any(|x| x.name == o.name)).count()
        };
        let best = (0..described_count)
            .map(|i| (shared(&model.services[i]), i))
            .filter(|&(n, _)| n > 0)
            .max_by_key(|&(n, i)| (n, std::cmp::Reverse(i)));
        match best {
            Some((_, i)) => {
                let mut warnings = Vec::new();
                fold(&mut model.services[i], s, &mut warnings);
                model.warnings.extend(warnings);
            }
            None => model.services.push(s),
        }
    }
}

fn fold(into: &mut Service, from: Service, warnings: &mut Vec<Warning>) {
    let takes_endpoints = into.endpoints.is_empty() && !from.endpoints.is_empty();
    if takes_endpoints {
        into.endpoints = from.endpoints;
    }
    for paragraph in from.docs.0 {
        // The endpoint note is about the sample's own endpoints: kept only when used.
        if (paragraph != ENDPOINT_DOC || takes_endpoints) && !into.docs.0.contains(&paragraph) {
            into.docs.0.push(paragraph);
        }
    }
    for op in from.operations {
        match into.operations.iter_mut().find(|o| o.name == op.name) {
            Some(target) => {
                if target.input.element != op.input.element
                    || target.output.element != op.output.element
                {
                    warnings.push(Warning {
                        at: op.provenance.clone(),
                        message: format!(
                            "the sample of operation {} shows other messages than the WSDL; the WSDL's are used",
                            op.name
                        ),
                    });
                }
                for paragraph in op.docs.0 {
                    if !target.docs.0.contains(&paragraph) {
                        target.docs.0.push(paragraph);
                    }
                }
            }
            None => {
                warnings.push(Warning {
                    at: op.provenance.clone(),
                    message: format!(
                        "operation {} is shown by a sample but not in the WSDL; it is typed from the sample",
                        op.name
                    ),
                });
                into.operations.push(op);
            }
        }
    }
}

/// ASMX's default SOAPAction.
pub fn conventional_action(namespace: &str, operation: &str) -> String {
    if namespace.ends_with('/') {
        format!("{namespace}{operation}")
    } else {
        format!("{namespace}/{operation}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_and_origins() {
        assert_eq!(conventional_action("Zoolz", "ResetPassword"), "Zoolz/ResetPassword");
        assert_eq!(conventional_action("http://t.org/", "X"), "http://t.org/X");
        assert_eq!(origin("http://h:8/xml/reply/X"), "http://h:8");
        assert_eq!(origin("http://h"), "http://h");
    }
}
