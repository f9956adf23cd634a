//! ServiceStack metadata pages: plain XML POSTed to `/xml/reply/<Request>`, sample
//! values that are .NET defaults, and "`<Dto> Parameters:`" tables that carry the
//! real types. Tables pasted from HTML lose their column breaks
//! (`EmailbodystringYesCustomers Email Address`), so rows are split using the field
//! names the sample XML shows and the type names the table may use.

use std::collections::{BTreeMap, BTreeSet};

use super::infer::{Declarations, Declared, DeclaredType, Flavour, Infer};
use super::locate::Locator;
use super::merge::{Draft, ServicePart};
use super::page::{self, Sample, header};
use super::page_text;
use super::types::Types;
use super::xml::Document;
use crate::ir::{BindingStyle, Docs, Primitive, Protocol};
use crate::{Error, Source};

/// Field names by the local name of the element that holds them.
type Known = BTreeMap<String, BTreeSet<String>>;

pub fn read(source: &Source, types: &mut Types) -> Result<Vec<Draft>, Error> {
    let samples: Vec<Sample> = page::samples(source)?
        .into_iter()
        .filter(|s| s.request.body.as_ref().is_some_and(|d| !is_envelope(d)))
        .collect();
    let prose_end = page::first_request(&source.text).unwrap_or(0);
    let Some(first) = samples.first() else {
        return Err(source.error(
            prose_end,
            "expected an HTTP + XML sample (a request with an XML body, e.g. to /xml/reply/…)",
        ));
    };
    let operation = root_name(first.request.body.as_ref().expect("filtered")).to_owned();
    let mut known = Known::new();
    for s in &samples {
        let docs = s.request.body.iter().chain(s.response.as_ref().and_then(|r| r.output()));
        for doc in docs {
            collect_known(doc, &mut known);
        }
    }
    let lines: Vec<&str> = source.text[..prose_end].lines().collect();
    let prose = read_prose(&lines, &operation, &known);
    let loc = Locator::new(source);
    let mut drafts = Vec::new();
    for s in &samples {
        let doc = s.request.body.as_ref().expect("filtered");
        let mut infer = Infer {
            doc,
            loc: &loc,
            flavour: Flavour::DotnetDefaults,
            declared: &prose.declared,
            types,
        };
        let input = infer.message(doc.root());
        let output = s.response.as_ref().and_then(|r| r.output()).map(|doc| {
            Infer {
                doc,
                loc: &loc,
                flavour: Flavour::DotnetDefaults,
                declared: &prose.declared,
                types,
            }
            .message(doc.root())
        });
        let at = loc.at(s.request.offset);
        drafts.push(Draft {
            service: ServicePart {
                name: prose.service_name.clone(),
                fallback_name: header(&s.request.headers, "Host").map(|h| h.trim().to_owned()),
                namespace: input.element.namespace.clone(),
                endpoint: header(&s.request.headers, "Host")
                    .map(|h| format!("http://{}", h.trim())),
                provenance: prose.service_at.map_or(at.clone(), |o| loc.at(o)),
            },
            operation: input.element.local.clone(),
            docs: if input.element.local == operation {
                prose.docs.clone()
            } else {
                Docs::default()
            },
            protocol: Protocol::PlainXml,
            action: None,
            path: Some(s.request.path.clone()),
            style: BindingStyle::DocumentLiteral,
            input: Some(input),
            output,
            headers: Vec::new(),
            provenance: at,
        });
    }
    Ok(drafts)
}

fn is_envelope(doc: &Document) -> bool {
    super::envelope::protocol_of(&doc.get(doc.root()).name.namespace).is_some()
}

fn root_name(doc: &Document) -> &str {
    &doc.get(doc.root()).name.local
}

fn collect_known(doc: &Document, known: &mut Known) {
    let mut stack = vec![doc.root()];
    while let Some(el) = stack.pop() {
        for child in doc.children(el) {
            known
                .entry(doc.get(el).name.local.clone())
                .or_default()
                .insert(doc.get(child).name.local.clone());
            stack.push(child);
        }
    }
}

struct Prose {
    service_name: Option<String>,
    /// Offset of the service name line in the prose.
    service_at: Option<usize>,
    docs: Docs,
    declared: Declarations,
}

const ROUTES: &str = "The following routes are available for this service:";

fn read_prose(lines: &[&str], operation: &str, known: &Known) -> Prose {
    let mut service_name = None;
    let mut service_at = None;
    let mut description: Vec<&str> = Vec::new();
    let mut routes: Vec<String> = Vec::new();
    let mut declared = Declarations::new();
    let mut offset = 0;
    let mut i = 0;
    while i < lines.len() {
        let line_offset = offset;
        offset += lines[i].len() + 1;
        let t = lines[i].trim();
        i += 1;
        if page_text::is_section_start(t) {
            break;
        }
        if t.is_empty() || t == operation {
            continue;
        }
        if service_name.is_none() && description.is_empty() && !page_text::is_boilerplate(t) {
            // The page title: the service's name.
            service_name = Some(t.to_owned());
            service_at = Some(line_offset + lines[i - 1].find(t).unwrap_or(0));
            continue;
        }
        if let Some(dto) = t.strip_suffix("Parameters:").map(str::trim).filter(|d| !d.contains(' '))
        {
            if lines.get(i).is_some_and(|l| is_table_header(l)) {
                offset += lines[i].len() + 1;
                i += 1;
                // A Markdown table (an HTML page's text) has a delimiter row next.
                if lines.get(i).is_some_and(|l| is_delimiter_row(l)) {
                    offset += lines[i].len() + 1;
                    i += 1;
                }
            }
            let fields: Vec<&str> =
                known.get(dto).map(|f| f.iter().map(String::as_str).collect()).unwrap_or_default();
            let dtos: BTreeSet<&str> = known.keys().map(String::as_str).collect();
            while let Some((name, row)) = lines.get(i).and_then(|l| parse_row(l, &fields, &dtos)) {
                declared.insert((dto.to_owned(), name), row);
                offset += lines[i].len() + 1;
                i += 1;
            }
            continue;
        }
        if t.starts_with(ROUTES.trim_end_matches(':')) {
            while let Some(route) = lines.get(i).and_then(|l| route(l)) {
                routes.push(route);
                offset += lines[i].len() + 1;
                i += 1;
            }
            continue;
        }
        description.push(t);
    }
    let (mut docs, _) =
        page_text::paragraphs(&page_text::drop_boilerplate(&description, operation));
    if !routes.is_empty() {
        docs.push(format!("{ROUTES}\n{}", routes.join("\n")));
    }
    Prose { service_name, service_at, docs, declared }
}

fn is_table_header(line: &str) -> bool {
    let squashed: String =
        line.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    squashed == "nameparameterdatatyperequireddescription"
}

/// `| --- | :--: |`
fn is_delimiter_row(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// `POST,OPTIONS/ResetCustomerPassword` (verbs jammed onto the path) or a table row
/// `| POST,OPTIONS | /ResetCustomerPassword |` → a list item.
fn route(line: &str) -> Option<String> {
    let cells: Vec<&str>;
    let t = if line.contains('|') {
        cells = line.split('|').map(str::trim).filter(|c| !c.is_empty()).collect();
        cells.join(" ")
    } else {
        line.trim().to_owned()
    };
    let t = t.as_str();
    let slash = t.find('/')?;
    let verbs = t[..slash].trim();
    let path = &t[slash..];
    let is_verbs = verbs.chars().all(|c| c.is_ascii_uppercase() || c == ',' || c == ' ');
    if !is_verbs || path.contains(' ') {
        return None;
    }
    Some(if verbs.is_empty() { format!("- `{path}`") } else { format!("- `{verbs} {path}`") })
}

const KINDS: &[&str] = &["body", "query", "path", "form", "header"];

/// One table row: `Name Parameter DataType Required Description`.
fn parse_row(line: &str, fields: &[&str], dtos: &BTreeSet<&str>) -> Option<(String, Declared)> {
    let t = line.trim();
    if t.is_empty() {
        return None;
    }
    if t.contains(['\t', '|']) {
        let sep = if t.contains('|') { '|' } else { '\t' };
        let cells: Vec<&str> = t.trim_matches('|').split(sep).map(str::trim).collect();
        let [name, _kind, ty, required, rest @ ..] = cells.as_slice() else { return None };
        let required = match *required {
            "Yes" => true,
            "No" => false,
            _ => return None,
        };
        return Some((name.to_string(), declared(ty, required, &rest.join(" "))));
    }
    // Jammed: a known field name (longest first), then the parameter kind.
    let mut names: Vec<&str> = fields.to_vec();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let by_known = names.iter().filter(|n| t.starts_with(**n)).find_map(|n| {
        let rest = &t[n.len()..];
        let kind = KINDS.iter().find(|k| rest.starts_with(**k))?;
        let (ty, required, docs) = split_type(&rest[kind.len()..], dtos)?;
        Some((n.to_string(), declared(ty, required, docs)))
    });
    by_known.or_else(|| {
        // Unknown name: the first kind keyword that leaves a parsable rest.
        KINDS
            .iter()
            .flat_map(|k| t.match_indices(k).map(move |(i, _)| (i, k.len())))
            .filter(|&(i, _)| i > 0)
            .find_map(|(i, len)| {
                let (ty, required, docs) = split_type(&t[i + len..], dtos)?;
                Some((t[..i].to_owned(), declared(ty, required, docs)))
            })
    })
}

/// `stringYesCustomers Email Address` → (`string`, true, `Customers Email Address`),
/// preferring a split whose type is one the page or .NET knows.
fn split_type<'t>(rest: &'t str, dtos: &BTreeSet<&str>) -> Option<(&'t str, bool, &'t str)> {
    let mut splits: Vec<(usize, bool, usize)> = rest
        .match_indices("Yes")
        .map(|(i, _)| (i, true, 3))
        .chain(rest.match_indices("No").map(|(i, _)| (i, false, 2)))
        .filter(|&(i, _, _)| i > 0)
        .collect();
    let known = |ty: &str| match parse_type(ty) {
        Some(DeclaredType::Named(n)) => dtos.contains(n.as_str()),
        Some(_) => true,
        None => false,
    };
    splits.sort();
    let pick = splits.iter().find(|(i, _, _)| known(&rest[..*i])).or_else(|| {
        splits.iter().find(|(i, _, n)| {
            let after = &rest[i + n..];
            parse_type(&rest[..*i]).is_some()
                && (after.is_empty() || after.starts_with(|c: char| c.is_uppercase() || c == ' '))
        })
    })?;
    let (i, required, n) = *pick;
    Some((&rest[..i], required, rest[i + n..].trim()))
}

fn declared(ty: &str, required: bool, docs: &str) -> Declared {
    Declared { ty: parse_type(ty), required, docs: docs.trim().to_owned() }
}

/// A .NET type name as the tables print it.
fn parse_type(t: &str) -> Option<DeclaredType> {
    let t = t.trim();
    if let Some(inner) = t.strip_suffix('?') {
        return parse_type(inner);
    }
    if let Some(p) = Primitive::from_dotnet_name(t) {
        return Some(DeclaredType::Primitive(p));
    }
    if let Some(inner) = t.strip_suffix("[]") {
        return Some(DeclaredType::List(Box::new(parse_type(inner)?)));
    }
    if let Some((outer, args)) = t.strip_suffix('>').and_then(|g| g.split_once('<')) {
        return match outer {
            "Nullable" => parse_type(args),
            "List"
            | "IList"
            | "ICollection"
            | "IEnumerable"
            | "HashSet"
            | "IReadOnlyList"
            | "IReadOnlyCollection"
            | "Collection" => Some(DeclaredType::List(Box::new(parse_type(args)?))),
            "Dictionary" | "IDictionary" | "SortedDictionary" | "IReadOnlyDictionary" => {
                Some(DeclaredType::Map)
            }
            _ => None,
        };
    }
    let ident = t.starts_with(|c: char| c.is_alphabetic())
        && t.chars().all(|c| c.is_alphanumeric() || c == '_');
    ident.then(|| DeclaredType::Named(t.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jammed_rows_split_on_known_names_and_types() {
        let dtos: BTreeSet<&str> = ["ResponseStatus"].into();
        let fields = ["Email", "CustomerBrandName", "ResponseStatus"];
        let (name, d) =
            parse_row("EmailbodystringYesCustomers Email Address", &fields, &dtos).unwrap();
        assert_eq!(name, "Email");
        assert_eq!(
            d,
            Declared {
                ty: Some(DeclaredType::Primitive(Primitive::String)),
                required: true,
                docs: "Customers Email Address".into()
            }
        );
        let (_, d) = parse_row(
            "CustomerBrandNamebodystringNoBrandName associated with the customer",
            &fields,
            &dtos,
        )
        .unwrap();
        assert_eq!(
            (d.required, d.docs.as_str()),
            (false, "BrandName associated with the customer")
        );
        let (_, d) = parse_row("ResponseStatusformResponseStatusNo", &fields, &dtos).unwrap();
        assert_eq!(d.ty, Some(DeclaredType::Named("ResponseStatus".into())));
        assert_eq!(d.docs, "");
        let (name, d) = parse_row("Tags\tbody\tList<string>\tNo\tLabels", &[], &dtos).unwrap();
        assert_eq!(
            (name.as_str(), d.ty),
            (
                "Tags",
                Some(DeclaredType::List(Box::new(DeclaredType::Primitive(Primitive::String))))
            )
        );
        let (name, d) = parse_row("CountquerylongYesNumber of rows", &[], &dtos).unwrap();
        assert_eq!(
            (name.as_str(), d.ty, d.required),
            ("Count", Some(DeclaredType::Primitive(Primitive::Long)), true)
        );
    }

    #[test]
    fn types_and_routes() {
        assert_eq!(parse_type("int?"), Some(DeclaredType::Primitive(Primitive::Int)));
        assert_eq!(parse_type("Dictionary<string,string>"), Some(DeclaredType::Map));
        assert_eq!(parse_type("byte[]"), Some(DeclaredType::Primitive(Primitive::Base64Binary)));
        assert_eq!(
            route("POST,OPTIONS/ResetCustomerPassword").as_deref(),
            Some("- `POST,OPTIONS /ResetCustomerPassword`")
        );
        assert_eq!(route("Some text"), None);
        assert_eq!(route("| POST | /shipments |  |").as_deref(), Some("- `POST /shipments`"));
        assert!(is_delimiter_row("| --- | :-: |"));
    }
}
