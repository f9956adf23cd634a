//! Which operations are called over HTTP GET/POST (ASMX's "HTTP GET" / "HTTP POST", WSDL
//! `http:binding`), and with which verb: a step between reading and naming, like keeping
//! one SOAP version.
//!
//! A user with an ASMX service wants SOAP: it carries headers, faults and the typed
//! response wrapper, and every SOAP tool speaks it. A user whose service is documented
//! only by GET/POST samples has nothing else. So by default an operation offered over SOAP
//! (or plain XML) keeps that as its method, and only operations offered over nothing but
//! GET/POST are called that way; [`HttpMethods::Post`] / [`HttpMethods::Get`] add a
//! GET/POST method to every operation offering one. POST is preferred where both are
//! offered: no URL length limit, and parameters (a password, say) stay out of URLs and
//! the logs of every proxy in between.

use crate::ir::{Model, Operation, OperationBinding, Protocol, TypeKind, TypeRef};

/// Which operations get an HTTP GET/POST method ([`crate::Options::http_methods`],
/// `soapgen generate --http`, `http = "post"` in `soapgen.toml`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum HttpMethods {
    /// Operations offered only over HTTP GET/POST, over POST where both are offered.
    #[default]
    Auto,
    /// Every operation offering HTTP GET/POST; POST where both are offered. An operation
    /// with a SOAP method too gets a second one, `<operation>_http_post` (or `_http_get`).
    Post,
    /// As [`Post`](Self::Post), preferring GET.
    Get,
}

impl HttpMethods {
    /// `auto`, `post` or `get`.
    pub fn parse(text: &str) -> Option<Self> {
        match text.to_ascii_lowercase().as_str() {
            "auto" => Some(HttpMethods::Auto),
            "post" => Some(HttpMethods::Post),
            "get" => Some(HttpMethods::Get),
            _ => None,
        }
    }
}

/// Leaves each operation with the bindings its methods use. An operation with a SOAP
/// method and, on request, a GET/POST one becomes two operations of the same name: the
/// second has the one HTTP binding, its own messages and no SOAP headers or faults.
pub fn select(model: &mut Model, choice: HttpMethods) {
    let prefer = if choice == HttpMethods::Get { Protocol::HttpGet } else { Protocol::HttpPost };
    for service in &mut model.services {
        let mut operations = Vec::with_capacity(service.operations.len());
        for mut op in std::mem::take(&mut service.operations) {
            let (form, other): (Vec<OperationBinding>, Vec<OperationBinding>) =
                op.bindings.drain(..).partition(|b| b.protocol.is_form());
            let chosen = form.iter().find(|b| b.protocol == prefer).or(form.first()).cloned();
            let Some(chosen) = chosen else {
                op.bindings = other;
                operations.push(op);
                continue;
            };
            if other.is_empty() {
                operations.push(http_operation(op, chosen));
                continue;
            }
            op.bindings = other;
            let http = (choice != HttpMethods::Auto).then(|| {
                let mut copy = op.clone();
                copy.headers.clear();
                copy.faults.clear();
                copy.bindings.clear();
                http_operation(copy, chosen)
            });
            operations.push(op);
            operations.extend(http);
        }
        service.operations = operations;
        let used: Vec<Protocol> =
            service.operations.iter().flat_map(|o| o.bindings.iter().map(|b| b.protocol)).collect();
        service.endpoints.retain(|e| used.contains(&e.protocol) || !e.protocol.is_form());
    }
}

/// Which types stay once [`select`] has run: those its operations reach (`after`), and
/// those no operation reached before (`before`) with everything they hold. What only the
/// HTTP bindings left out reached goes.
pub fn kept_types(model: &Model, before: &[bool], after: &[bool]) -> Vec<bool> {
    let mut keep: Vec<bool> = before.iter().zip(after).map(|(b, a)| *a || !*b).collect();
    let mut todo: Vec<usize> = (0..keep.len()).filter(|&i| keep[i]).collect();
    while let Some(i) = todo.pop() {
        let refs: Vec<&TypeRef> = match &model.types[i].kind {
            TypeKind::Struct(s) => s
                .fields
                .iter()
                .map(|f| &f.ty)
                .chain(s.attributes.iter().map(|a| &a.ty))
                .chain(s.text.as_ref())
                .collect(),
            TypeKind::Choice(c) => c.alternatives.iter().map(|f| &f.ty).collect(),
            TypeKind::Enum(_) => Vec::new(),
        };
        for id in refs.into_iter().flat_map(crate::resolve::named_in) {
            if !std::mem::replace(&mut keep[id.0 as usize], true) {
                todo.push(id.0 as usize);
            }
        }
    }
    keep
}

/// `op` called over `binding` alone, with the binding's messages as its own.
fn http_operation(mut op: Operation, mut binding: OperationBinding) -> Operation {
    if let Some(m) = binding.messages.take() {
        op.input = m.input;
        op.output = m.output;
    }
    op.bindings = vec![binding];
    op
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{
        BindingMessages, BindingStyle, Docs, Message, Primitive, Provenance, QName, Service,
        TypeRef,
    };

    fn binding(protocol: Protocol, output: Option<&str>) -> OperationBinding {
        OperationBinding {
            protocol,
            action: None,
            action_inferred: false,
            path: Some("/Op".into()),
            style: BindingStyle::DocumentLiteral,
            messages: output.map(|o| {
                Box::new(BindingMessages {
                    input: message("Op"),
                    output: Message {
                        element: QName::new("urn:x", o),
                        ty: TypeRef::Primitive(Primitive::Int),
                    },
                })
            }),
        }
    }

    fn message(name: &str) -> Message {
        Message { element: QName::new("urn:x", name), ty: TypeRef::RawXml }
    }

    fn model(bindings: Vec<OperationBinding>) -> Model {
        let at = Provenance { file: "f".into(), line: 1, column: 1 };
        let op = Operation {
            name: "Op".into(),
            docs: Docs::default(),
            bindings,
            input: message("Op"),
            output: message("OpResponse"),
            headers: Vec::new(),
            output_headers: Vec::new(),
            addressing_action: None,
            addressing: false,
            faults: Vec::new(),
            provenance: at.clone(),
        };
        let service = Service {
            name: "S".into(),
            namespace: "urn:x".into(),
            docs: Docs::default(),
            endpoints: Vec::new(),
            operations: vec![op],
            provenance: at,
        };
        Model { services: vec![service], ..Model::default() }
    }

    fn protocols(m: &Model) -> Vec<Vec<Protocol>> {
        m.services[0]
            .operations
            .iter()
            .map(|o| o.bindings.iter().map(|b| b.protocol).collect())
            .collect()
    }

    #[test]
    fn soap_operations_keep_soap_unless_asked() {
        let all = || {
            model(vec![
                binding(Protocol::Soap11, None),
                binding(Protocol::HttpGet, Some("int")),
                binding(Protocol::HttpPost, Some("int")),
            ])
        };
        let mut m = all();
        select(&mut m, HttpMethods::Auto);
        assert_eq!(protocols(&m), [vec![Protocol::Soap11]]);

        let mut m = all();
        select(&mut m, HttpMethods::Get);
        assert_eq!(protocols(&m), [vec![Protocol::Soap11], vec![Protocol::HttpGet]]);
        let ops = &m.services[0].operations;
        assert_eq!(
            (ops[0].output.element.local.as_str(), ops[1].output.element.local.as_str()),
            ("OpResponse", "int")
        );
        assert!(ops[1].bindings[0].messages.is_none());
    }

    #[test]
    fn http_only_operations_prefer_post() {
        let mut m =
            model(vec![binding(Protocol::HttpGet, None), binding(Protocol::HttpPost, None)]);
        select(&mut m, HttpMethods::Auto);
        assert_eq!(protocols(&m), [vec![Protocol::HttpPost]]);
        let mut m =
            model(vec![binding(Protocol::HttpGet, None), binding(Protocol::HttpPost, None)]);
        select(&mut m, HttpMethods::Get);
        assert_eq!(protocols(&m), [vec![Protocol::HttpGet]]);
        let mut m = model(vec![binding(Protocol::HttpGet, None)]);
        select(&mut m, HttpMethods::Post);
        assert_eq!(protocols(&m), [vec![Protocol::HttpGet]]);
    }
}
