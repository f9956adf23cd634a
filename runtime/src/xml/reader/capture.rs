//! Which namespace declarations captured raw markup needs to keep its meaning.

/// The bindings in effect after `bindings` (innermost wins) that `markup` may rely on, as
/// owned pairs for a `RawXml`: the default namespace (`("", "")` if none) and the prefixes
/// that appear in the markup, except those `shadowed` redeclares.
pub(super) fn owned_namespaces(
    bindings: &[(&str, &str)],
    markup: &str,
    shadowed: &[(&str, &str)],
) -> Vec<(String, String)> {
    let is_shadowed = |prefix: &str| shadowed.iter().any(|(p, _)| *p == prefix);
    let mut out: Vec<(String, String)> = Vec::new();
    for (i, (prefix, uri)) in bindings.iter().enumerate().rev() {
        let innermost = !bindings[i + 1..].iter().any(|(p, _)| p == prefix);
        let used = prefix.is_empty() || uses_prefix(markup, prefix);
        if innermost && used && !is_shadowed(prefix) {
            out.push(((*prefix).to_owned(), (*uri).to_owned()));
        }
    }
    if !is_shadowed("") && !out.iter().any(|(p, _)| p.is_empty()) {
        out.push((String::new(), String::new()));
    }
    out.reverse();
    out
}

/// Whether `prefix:` appears in `markup` where a name or QName value can start: after `<`,
/// `/`, a quote, `>` or whitespace. Erring towards yes only costs a spare declaration.
fn uses_prefix(markup: &str, prefix: &str) -> bool {
    markup.match_indices(prefix).any(|(i, _)| {
        markup[i + prefix.len()..].starts_with(':')
            && markup[..i].chars().next_back().is_none_or(|c| {
                matches!(c, '<' | '/' | '"' | '\'' | '>') || c.is_ascii_whitespace()
            })
    })
}
