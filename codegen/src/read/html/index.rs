//! Operations indexes: an ASMX service's `Service.asmx` page (links to `?op=X` pages
//! and to the WSDL) and ServiceStack's `/metadata` page (links to `…/metadata?op=X`).
//! They show no samples, so they generate nothing; what they link says what would.

use super::text::Link;
use crate::Source;
use crate::ir::Provenance;

/// What to run instead of generating from an index, located at the link it names.
#[derive(Debug)]
pub struct Hint {
    pub(super) at: Provenance,
    pub message: String,
    pub(super) line_text: String,
}

/// At most this many operations are named in a message.
const NAMED: usize = 5;

/// The hint for an index page, if the page links operation pages.
pub fn hint(source: &Source, links: &[Link], base: Option<&str>) -> Option<Hint> {
    let op_of = |l: &Link| -> Option<String> {
        let lower = l.href.to_ascii_lowercase();
        let at = lower.find("?op=").or_else(|| lower.find("&op="))?;
        let op = l.href[at + 4..].split(['&', '#']).next().unwrap_or("");
        (!op.is_empty()).then(|| op.to_owned())
    };
    let ops: Vec<(&Link, String)> = links.iter().filter_map(|l| Some((l, op_of(l)?))).collect();
    let first = ops.first()?;
    let mut seen = std::collections::BTreeSet::new();
    let names: Vec<&str> =
        ops.iter().map(|(_, op)| op.as_str()).filter(|op| seen.insert(*op)).collect();
    let listed = match names.len() {
        n if n > NAMED => format!("{}, … ({n} in all)", names[..NAMED].join(", ")),
        _ => names.join(", "),
    };
    let absolute = |href: &str| -> Option<String> {
        let base = url::Url::parse(base?).ok()?;
        Some(base.join(href).ok()?.to_string())
    };
    let shown = |href: &str| absolute(href).unwrap_or_else(|| href.to_owned());
    let wsdl = links.iter().find(|l| {
        let lower = l.href.to_ascii_lowercase();
        lower.ends_with("?wsdl") || lower.contains("?wsdl&") || lower.ends_with("?singlewsdl")
    });
    let servicestack = first.0.href.to_ascii_lowercase().contains("metadata?op=");
    let page_of_first = shown(&first.0.href);
    let (at, message) = match wsdl {
        Some(w) => {
            let run = match absolute(&w.href) {
                Some(url) => format!("`soapgen fetch '{url}' -o wsdl`"),
                None => format!(
                    "`soapgen fetch '<the service URL>?WSDL' -o wsdl` (the page links `{}`)",
                    w.href
                ),
            };
            (
                w.offset,
                format!(
                    "expected SOAP samples, found the operations index of a web service \
                     (operations {listed}), which shows none; generate from its WSDL: run \
                     {run}, then `soapgen generate` on the WSDL it saves; or save each \
                     operation's page (`{page_of_first}`, …) and pass those"
                ),
            )
        }
        None => {
            let kind = if servicestack { "ServiceStack metadata page" } else { "page" };
            (
                first.0.offset,
                format!(
                    "expected samples, found the operations index of a service (operations \
                     {listed}), which shows none; save each operation's {kind} \
                     (`{page_of_first}`, …) and pass those to `soapgen generate`"
                ),
            )
        }
    };
    let at = source.position(at);
    let line_text = source.line_text(at.line).to_owned();
    Some(Hint { at, message, line_text })
}
