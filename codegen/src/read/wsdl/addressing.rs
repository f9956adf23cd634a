//! What a WSDL says about WS-Addressing: the `wsa:Action` of a request (`wsam:Action` of the
//! W3C WS-Addressing 1.0 Metadata spec, or the older `wsaw:Action`), and whether a binding uses
//! addressing (`wsaw:UsingAddressing`, or a `wsam:Addressing` policy, inline or referenced).

use super::dom::Doc;
use crate::read::xml::ElemId;

const WSAM: &str = "http://www.w3.org/2007/05/addressing/metadata";
const WSAW: [&str; 2] =
    ["http://www.w3.org/2006/05/addressing/wsdl", "http://www.w3.org/2006/02/addressing/wsdl"];
const WSU: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";

/// The action a portType input states, if any.
pub fn input_action(p: &Doc, input: ElemId) -> Option<String> {
    std::iter::once(WSAM)
        .chain(WSAW)
        .find_map(|ns| p.dom.attribute(input, ns, "Action"))
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
}

/// Whether binding `b` declares WS-Addressing: a `UsingAddressing` child, or a policy (an
/// inline `Policy` child or a `PolicyReference` to one in the same document) asserting
/// `wsam:Addressing`.
pub fn declared(d: &Doc, b: ElemId) -> bool {
    d.dom.children(b).any(|c| {
        let name = d.name(c);
        match name.local.as_str() {
            "UsingAddressing" => WSAW.contains(&name.namespace.as_str()),
            "Policy" => asserts_addressing(d, c),
            "PolicyReference" => d
                .attr(c, "URI")
                .and_then(|uri| uri.strip_prefix('#'))
                .and_then(|id| policy_with_id(d, d.dom.root(), id))
                .is_some_and(|policy| asserts_addressing(d, policy)),
            _ => false,
        }
    })
}

/// The `Policy` element with `wsu:Id` (or `Id`) `id` at or below `el`.
fn policy_with_id(d: &Doc, el: ElemId, id: &str) -> Option<ElemId> {
    let own = d.dom.attribute(el, WSU, "Id").or_else(|| d.attr(el, "Id"));
    if d.name(el).local == "Policy" && own == Some(id) {
        return Some(el);
    }
    d.dom.children(el).find_map(|c| policy_with_id(d, c, id))
}

/// Whether `policy` holds a `wsam:Addressing` assertion (at any depth: `All`, `ExactlyOne`).
fn asserts_addressing(d: &Doc, policy: ElemId) -> bool {
    d.dom.children(policy).any(|c| {
        let name = d.name(c);
        (name.local == "Addressing" && name.namespace == WSAM) || asserts_addressing(d, c)
    })
}
