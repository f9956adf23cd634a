//! ASP.NET `.asmx` operation pages (and vendor copies, Markdown renderings): SOAP
//! samples with XSD type names as placeholders, prose above them; their HTTP GET and
//! POST sections are read by `form`.

use super::envelope::{self, Envelope};
use super::infer::{Declarations, Flavour, Infer};
use super::locate::Locator;
use super::merge::{Draft, ServicePart};
use super::naming;
use super::page::{self, Sample, header};
use super::page_text::{self, Bullet};
use super::types::Types;
use super::xml::Document;
use crate::ir::{HeaderBlock, Message, Protocol, TypeKind, TypeRef};
use crate::{Error, Source};

pub fn read(source: &Source, types: &mut Types) -> Result<Vec<Draft>, Error> {
    let samples = page::samples(source)?;
    let prose_end = page::first_request(&source.text).unwrap_or(0);
    let loc = Locator::new(source);
    let none = Declarations::new();
    let mut drafts = Vec::new();
    for sample in &samples {
        if let Some(form) = &sample.request.form {
            drafts.push(super::form::draft(sample, form, &loc, types));
            continue;
        }
        let Some(doc) = &sample.request.body else { continue };
        let Some(env) = soap_envelope(source, doc, &loc, types) else { continue };
        let mut infer =
            Infer { doc, loc: &loc, flavour: Flavour::Placeholders, declared: &none, types };
        let (input, headers) = envelope::messages(&mut infer, &env);
        let Some(input) = input else {
            return Err(source.error(
                sample.request.offset,
                "expected an element in the sample request's SOAP Body",
            ));
        };
        let output = response(source, sample, &loc, types);
        drafts.push(draft(sample, &env, input, output, headers, &loc));
    }
    let Some(first) = drafts.first() else {
        return Err(source.error(
            prose_end,
            "expected a SOAP 1.1 or SOAP 1.2 sample (a request line followed by a SOAP envelope), \
             or an HTTP GET or HTTP POST one",
        ));
    };
    // The prose above the first sample describes the page's operation.
    let operation = first.operation.clone();
    let prose = page_text::read_asmx(&source.text[..prose_end], &operation);
    for d in drafts.iter_mut().filter(|d| d.operation == operation) {
        d.docs = prose.docs.clone();
        d.service.name = prose.service_name.clone();
        if let Some(at) = prose.service_name.as_ref().and_then(|n| source.text.find(n.as_str())) {
            d.service.provenance = loc.at(at);
        }
    }
    if let Some(d) = drafts.iter().find(|d| d.operation == operation) {
        let messages: Vec<&Message> = d.input.iter().chain(&d.output).collect();
        describe_fields(types, &messages, &prose.bullets);
    }
    Ok(drafts)
}

/// The envelope of a sample request; a non-SOAP XML body is skipped with a warning.
fn soap_envelope(
    source: &Source,
    doc: &Document,
    loc: &Locator<'_>,
    types: &mut Types,
) -> Option<Envelope> {
    let root = doc.get(doc.root());
    if envelope::protocol_of(&root.name.namespace).is_none() {
        types.warn(
            loc.at(root.offset),
            format!("skipped a sample whose body is <{}>, not a SOAP envelope", root.qualified()),
        );
        return None;
    }
    match envelope::open(source, doc) {
        Ok(env) => Some(env),
        Err(e) => {
            types.warn(loc.at(root.offset), format!("skipped a sample: {e}"));
            None
        }
    }
}

fn response(
    source: &Source,
    sample: &Sample,
    loc: &Locator<'_>,
    types: &mut Types,
) -> Option<Message> {
    let doc = sample.response.as_ref()?.output()?;
    let env = soap_envelope(source, doc, loc, types)?;
    let none = Declarations::new();
    let mut infer = Infer { doc, loc, flavour: Flavour::Placeholders, declared: &none, types };
    envelope::messages(&mut infer, &env).0
}

fn draft(
    sample: &Sample,
    env: &Envelope,
    input: Message,
    output: Option<Message>,
    headers: Vec<HeaderBlock>,
    loc: &Locator<'_>,
) -> Draft {
    let request = &sample.request;
    let action = match env.protocol {
        Protocol::Soap11 => {
            header(&request.headers, "SOAPAction").map(|a| page::unquote(a).to_owned())
        }
        _ => page::content_type_param(&request.headers, "action"),
    };
    let namespace = input.element.namespace.clone();
    let endpoint =
        header(&request.headers, "Host").map(|h| format!("http://{}{}", h.trim(), request.path));
    Draft {
        service: ServicePart {
            name: None,
            fallback_name: naming::from_path(&request.path, &namespace)
                .or_else(|| naming::from_namespace(&namespace)),
            namespace,
            endpoint,
            provenance: loc.at(request.offset),
        },
        operation: input.element.local.clone(),
        docs: Default::default(),
        protocol: env.protocol,
        action,
        path: None,
        style: env.style,
        provenance: loc.at(request.offset),
        input: Some(input),
        output,
        headers,
    }
}

/// Top-level bullets naming a parameter become its docs; all bullets also stay in
/// the operation docs. Nested bullets describe members of other things.
fn describe_fields(types: &mut Types, messages: &[&Message], bullets: &[Bullet]) {
    for m in messages {
        let TypeRef::Named(id) = m.ty else { continue };
        let TypeKind::Struct(def) = &mut types.model.ty_mut(id).kind else { continue };
        for f in def.fields.iter_mut().filter(|f| f.docs.is_empty()) {
            if let Some(b) = bullets.iter().find(|b| !b.nested && b.describes(&f.name.local)) {
                f.docs.push(b.field_docs());
            }
        }
    }
}
