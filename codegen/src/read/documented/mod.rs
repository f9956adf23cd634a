//! Vendor documentation showing concrete SOAP envelopes: Markdown, text, or HTML (read
//! as the text a browser shows, see `read::html`), with example envelopes in code
//! blocks, no `POST … HTTP/1.1` request lines, real values instead of placeholders and
//! sometimes header blocks written straight under `Envelope`.
//!
//! Each envelope is read as a sample (`infer`, [`Flavour::Concrete`]: `xsi:type` first,
//! then strict value rules (`read::concrete`), every guess a warning at the value); requests and responses
//! are paired (`pair`); what the prose says near each envelope (a heading, a
//! `SOAPAction:` line, a `POST https://…` line) and on the page (its title, a stated
//! endpoint) fills in the rest (`scan`).

mod pair;
mod scan;

use super::envelope::{self, Envelope, SOAP11_NS, SOAP12_NS};
use super::infer::{Declarations, Flavour, Infer};
use super::locate::Locator;
use super::mapped::straighten_quotes;
use super::merge::{Draft, ServicePart, conventional_action};
use super::naming;
use super::page::{Line, lines};
use super::types::Types;
use super::xml::Document;
use crate::ir::{Docs, Message};
use crate::{Error, Source};

pub use scan::holds_envelopes;

/// The paragraph a service gets when its endpoint is the one the page states.
pub const ENDPOINT_DOC: &str = "Endpoint as the documentation states it.";

/// One envelope shown on the page.
struct Found {
    doc: Document,
    env: Envelope,
    /// Offset of the envelope's `<`.
    offset: usize,
    context: scan::Context,
    /// The prose under the heading naming the body element, if one does.
    docs: Vec<String>,
}

impl Found {
    fn body_name(&self) -> &str {
        self.env.body.map_or("", |b| self.doc.get(b).name.local.as_str())
    }
}

pub fn read(source: &Source, types: &mut Types) -> Result<Vec<Draft>, Error> {
    let text = source.text.as_str();
    let all = lines(text);
    let loc = Locator::new(source);
    let mut found = Vec::new();
    let mut prose: Vec<Line<'_>> = Vec::new();
    let mut prev_end = 0;
    for start in scan::starts(text) {
        if start < prev_end {
            continue;
        }
        let (from, to) = (
            all.partition_point(|l| l.offset < prev_end),
            all.partition_point(|l| l.offset < start),
        );
        let gap = &all[from..to.max(from)];
        // A DTD before an example could define entities its envelope uses: refused as in
        // every XML input, not skipped over.
        if let Some(l) = gap.iter().find(|l| l.text.trim_start().starts_with("<!DOCTYPE")) {
            let at = l.offset + (l.text.len() - l.text.trim_start().len());
            return Err(source.error(
                at,
                "expected no DOCTYPE before an example envelope (entities are never expanded)",
            ));
        }
        let input = straighten_quotes(&text[..scan::likely_end(text, start)], start);
        let (doc, end) = Document::parse_prefix(source, &input)?;
        let context = scan::context(gap);
        prose.extend_from_slice(gap);
        prev_end = input.original(end);
        if let Some(env) = open(source, &doc, &loc, types) {
            let docs = env
                .body
                .map(|b| scan::operation_docs(gap, &doc.get(b).name.local))
                .unwrap_or_default();
            found.push(Found { doc, env, offset: start, context, docs });
        }
    }
    prose.extend_from_slice(&all[all.partition_point(|l| l.offset < prev_end)..]);
    if found.is_empty() {
        let at = scan::starts(text).next().unwrap_or(0);
        return Err(source.error(
            at,
            format!(
                "expected a SOAP request or response envelope (namespace {SOAP11_NS} or {SOAP12_NS}) with an element in its Body"
            ),
        ));
    }
    let page = Page {
        endpoint: scan::stated_endpoint(&prose),
        service_name: scan::title(&prose).and_then(|(t, _)| service_name(t)),
    };
    let stated_anywhere =
        page.endpoint.is_some() || found.iter().any(|f| f.context.endpoint.is_some());
    if !stated_anywhere {
        types.warn(
            loc.at(found[0].offset),
            "the page states no endpoint (no `POST https://…` line, no URL called endpoint, URL or address): \
             the client needs one, from `with_endpoint` or `endpoint` in soapgen.toml",
        );
    }
    let shown: Vec<pair::Shown<'_>> = found
        .iter()
        .map(|f| pair::Shown { name: f.body_name(), heading: f.context.role })
        .collect();
    let mut drafts = Vec::new();
    for p in pair::pair(&shown) {
        let request = p.request.map(|i| &found[i]);
        let response = p.response.map(|i| &found[i]);
        if p.by_order {
            if let (Some(q), Some(r)) = (request, response) {
                types.warn(
                    loc.at(r.offset),
                    format!(
                        "<{}> is taken as the response of {}: it follows its request (the names do not pair them)",
                        r.body_name(),
                        q.body_name()
                    ),
                );
            }
        }
        drafts.extend(draft(request, response, &page, &loc, types));
    }
    Ok(drafts)
}

/// What the page says for all its envelopes.
struct Page {
    endpoint: Option<(String, usize)>,
    service_name: Option<String>,
}

/// The envelope's parts, with elements written straight under `Envelope` before `Body`
/// taken as header blocks (as if inside `Header`). A fault or an envelope without a
/// body is skipped with a warning: it shows no operation.
fn open(source: &Source, doc: &Document, loc: &Locator<'_>, types: &mut Types) -> Option<Envelope> {
    let root = doc.root();
    let mut env = match envelope::open(source, doc) {
        Ok(env) => env,
        Err(e) => {
            types.warn(loc.at(doc.get(root).offset), format!("skipped an example envelope: {e}"));
            return None;
        }
    };
    let env_ns = doc.get(root).name.namespace.clone();
    let mut before_body = true;
    for child in doc.children(root) {
        let el = doc.get(child);
        if el.name.namespace == env_ns && el.name.local == "Body" {
            before_body = false;
        } else if el.name.namespace == env_ns && el.name.local == "Header" {
        } else if before_body {
            env.headers.push(child);
        } else {
            types.warn(
                loc.at(el.offset),
                format!(
                    "<{}> follows the SOAP Body; ignored (only header blocks come before it)",
                    el.qualified()
                ),
            );
        }
    }
    Some(env)
}

fn messages(
    found: &Found,
    loc: &Locator<'_>,
    types: &mut Types,
) -> (Option<Message>, Vec<crate::ir::HeaderBlock>) {
    let none = Declarations::new();
    let mut infer =
        Infer { doc: &found.doc, loc, flavour: Flavour::Concrete, declared: &none, types };
    envelope::messages(&mut infer, &found.env)
}

fn draft(
    request: Option<&Found>,
    response: Option<&Found>,
    page: &Page,
    loc: &Locator<'_>,
    types: &mut Types,
) -> Option<Draft> {
    let (input, headers) = match request {
        Some(r) => messages(r, loc, types),
        None => (None, Vec::new()),
    };
    // Header blocks shown with a response are not request headers.
    let output = response.and_then(|r| messages(r, loc, types).0);
    let operation = match (&input, &output) {
        (Some(i), _) => i.element.local.clone(),
        (None, Some(o)) => match o.element.local.strip_suffix("Response") {
            Some(stem) if !stem.is_empty() => stem.to_owned(),
            _ => {
                let at = loc.at(response?.offset);
                types.warn(
                    at,
                    format!(
                        "skipped a response example (<{}>) that follows no request",
                        o.element.local
                    ),
                );
                return None;
            }
        },
        (None, None) => {
            let shown = request.or(response)?;
            types.warn(loc.at(shown.offset), "skipped an example envelope with an empty Body");
            return None;
        }
    };
    let first = request.or(response)?;
    let protocol = first.env.protocol;
    if let (Some(q), Some(r)) = (request, response) {
        if q.env.protocol != r.env.protocol {
            types.warn(
                loc.at(r.offset),
                format!("the response of {operation} is shown in another SOAP version than its request; the request's is used"),
            );
        }
    }
    let namespace =
        input.as_ref().or(output.as_ref()).map(|m| m.element.namespace.clone()).unwrap_or_default();
    let stated = request.and_then(|r| r.context.action.clone());
    if stated.is_none() {
        types.warn(
            loc.at(first.offset),
            format!(
                "the page states no SOAPAction for {operation}; the conventional \"{}\" is assumed",
                conventional_action(&namespace, &operation)
            ),
        );
    }
    let endpoint =
        request.and_then(|r| r.context.endpoint.clone()).or_else(|| page.endpoint.clone());
    let at = loc.at(first.offset);
    Some(Draft {
        service: ServicePart {
            name: page.service_name.clone(),
            fallback_name: naming::from_namespace(&namespace),
            namespace,
            endpoint: endpoint.map(|(url, _)| url),
            provenance: at.clone(),
        },
        operation,
        docs: Docs(request.map(|r| r.docs.clone()).unwrap_or_default()),
        protocol,
        action: stated.map(|(a, _)| a),
        path: None,
        style: first.env.style,
        input,
        output,
        headers,
        provenance: at,
    })
}

/// Words of a title that name no service: what the page is, the protocol, filler.
const NOT_NAMES: &[&str] = &[
    "api",
    "soap",
    "xml",
    "web",
    "webservice",
    "webservices",
    "service",
    "services",
    "ws",
    "documentation",
    "docs",
    "doc",
    "reference",
    "guide",
    "manual",
    "integration",
    "developer",
    "developers",
    "the",
    "a",
    "an",
    "for",
    "of",
    "and",
    "to",
    "v",
    "version",
    "1.1",
    "1.2",
];

/// A service name from the page's title (`Acme Inventory SOAP API` → `AcmeInventoryService`);
/// `None` when the title is all protocol and filler.
fn service_name(title: &str) -> Option<String> {
    let words: Vec<&str> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter(|w| !NOT_NAMES.iter().any(|n| n.eq_ignore_ascii_case(w)))
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .filter(|w| {
            !(w.len() > 1
                && w.starts_with(['v', 'V'])
                && w[1..].chars().all(|c| c.is_ascii_digit()))
        })
        .collect();
    if words.is_empty() || words.len() > 4 {
        return None;
    }
    let mut name: String = words
        .iter()
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect::<String>()).unwrap_or_default()
        })
        .collect();
    if !name.starts_with(|c: char| c.is_alphabetic()) {
        return None;
    }
    name.push_str("Service");
    Some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_names_from_titles() {
        assert_eq!(
            service_name("Acme Inventory SOAP API").as_deref(),
            Some("AcmeInventoryService")
        );
        assert_eq!(
            service_name("Inventory Service v2 — Reference").as_deref(),
            Some("InventoryService")
        );
        assert_eq!(service_name("SOAP API Documentation"), None);
        assert_eq!(service_name("How to call our many great services from any language"), None);
        assert_eq!(service_name("2024 docs"), None);
    }
}

#[cfg(test)]
mod read_tests;
