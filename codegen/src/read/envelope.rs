//! SOAP envelopes: their parts, and reading a file that is nothing but one.

use super::infer::{Declarations, Flavour, Infer};
use super::locate::Locator;
use super::mapped::straighten_quotes;
use super::merge::{Draft, ServicePart};
use super::naming;
use super::types::Types;
use super::xml::{Document, ElemId};
use crate::ir::{BindingStyle, Docs, HeaderBlock, Message, Protocol};
use crate::{Error, Source};

pub const SOAP11_NS: &str = "http://schemas.xmlsoap.org/soap/envelope/";
pub const SOAP12_NS: &str = "http://www.w3.org/2003/05/soap-envelope";
const SOAP_ENCODING_NS: &str = "http://schemas.xmlsoap.org/soap/encoding/";

/// The parts of an envelope that matter to a client.
pub struct Envelope {
    pub protocol: Protocol,
    pub headers: Vec<ElemId>,
    /// The first element in the body; `None` for an empty body.
    pub body: Option<ElemId>,
    pub style: BindingStyle,
}

/// The SOAP version an envelope namespace stands for.
pub fn protocol_of(namespace: &str) -> Option<Protocol> {
    match namespace {
        SOAP11_NS => Some(Protocol::Soap11),
        SOAP12_NS => Some(Protocol::Soap12),
        _ => None,
    }
}

pub fn open(source: &Source, doc: &Document) -> Result<Envelope, Error> {
    let root = doc.get(doc.root());
    let protocol = protocol_of(&root.name.namespace)
        .filter(|_| root.name.local == "Envelope")
        .ok_or_else(|| {
            source.error(
                root.offset,
                format!(
                    "expected a SOAP Envelope (namespace {SOAP11_NS} or {SOAP12_NS}), found <{}>",
                    root.qualified()
                ),
            )
        })?;
    let env_ns = root.name.namespace.as_str();
    let part = |local: &str| {
        doc.children(doc.root())
            .find(|&c| doc.get(c).name.namespace == env_ns && doc.get(c).name.local == local)
    };
    let Some(body) = part("Body") else {
        return Err(
            source.error(root.offset, format!("expected a {}:Body in the envelope", root.prefix))
        );
    };
    let headers = part("Header").map(|h| doc.children(h).collect()).unwrap_or_default();
    let first = doc.children(body).next();
    if let Some(f) = first {
        let el = doc.get(f);
        if el.name.namespace == env_ns && el.name.local == "Fault" {
            return Err(source.error(
                el.offset,
                "expected a request or response in the body, found a SOAP Fault",
            ));
        }
    }
    // rpc/encoded messages say so on the body or its first element.
    let encoded = [Some(body), first].into_iter().flatten().any(|e| {
        doc.attribute(e, env_ns, "encodingStyle").is_some_and(|v| v.contains(SOAP_ENCODING_NS))
    });
    let style = if encoded { BindingStyle::RpcEncoded } else { BindingStyle::DocumentLiteral };
    Ok(Envelope { protocol, headers, body: first, style })
}

/// The body message and header blocks of an envelope.
pub fn messages(infer: &mut Infer<'_>, env: &Envelope) -> (Option<Message>, Vec<HeaderBlock>) {
    let headers = env
        .headers
        .iter()
        .map(|&h| {
            let m = infer.message(h);
            HeaderBlock { element: m.element, ty: m.ty, required: false, docs: Docs::default() }
        })
        .collect();
    (env.body.map(|b| infer.message(b)), headers)
}

/// A file holding one envelope, request or response. Names and actions are guessed
/// by the wrapper conventions: the body element names the operation, `…Response`
/// marks a response.
pub fn read_raw(source: &Source, types: &mut Types) -> Result<Vec<Draft>, Error> {
    let doc = Document::parse(source, &straighten_quotes(&source.text, 0))?;
    let env = open(source, &doc)?;
    let loc = Locator::new(source);
    let Some(body) = env.body else {
        return Err(
            source.error(doc.get(doc.root()).offset, "expected an element in the SOAP Body")
        );
    };
    let none = Declarations::new();
    let mut infer =
        Infer { doc: &doc, loc: &loc, flavour: Flavour::Examples, declared: &none, types };
    let (message, headers) = messages(&mut infer, &env);
    let message = message.expect("body checked above");
    let local = &message.element.local;
    let (operation, is_response) = match local.strip_suffix("Response") {
        Some(op) if !op.is_empty() => (op.to_owned(), true),
        _ => (local.clone(), false),
    };
    let namespace = message.element.namespace.clone();
    let at = loc.at(doc.get(body).offset);
    let (input, output) = if is_response { (None, Some(message)) } else { (Some(message), None) };
    Ok(vec![Draft {
        service: ServicePart {
            name: None,
            fallback_name: naming::from_namespace(&namespace),
            namespace,
            endpoint: None,
            provenance: at.clone(),
        },
        operation,
        docs: Docs::default(),
        protocol: env.protocol,
        action: None,
        path: None,
        style: env.style,
        input,
        output,
        // Header blocks sent with a response are not request headers.
        headers: if is_response { Vec::new() } else { headers },
        provenance: at,
    }])
}
