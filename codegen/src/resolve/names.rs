//! Rust identifiers from wire names, and uniqueness within a scope.

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToSnakeCase, ToUpperCamelCase};

use crate::ir::{Model, TypeId, TypeKind, TypeRef};

/// Words Rust reserves; a field or method with one of these names becomes a raw identifier.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where",
    "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
];

/// Keywords that cannot be raw identifiers: they get a trailing underscore instead.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Type names that would shadow the prelude for anyone who glob-imports the module, or the
/// names the generated module imports itself (`SoapVersion`'s variants).
const PRELUDE_TYPES: &[&str] = &[
    "Option", "Result", "String", "Vec", "Box", "Some", "None", "Ok", "Err", "Self", "Soap11",
    "Soap12",
];

/// Fields every generated client has.
pub const CLIENT_FIELDS: &[&str] = &["endpoint", "version", "transport", "soap"];

/// Methods every generated client has; operations must not take these names.
pub const CLIENT_METHODS: &[&str] = &[
    "new",
    "default",
    "with_transport",
    "with_endpoint",
    "set_endpoint",
    "endpoint",
    "with_soap_version",
    "soap_version",
    "transport",
    "soap_request",
    "addressed_request",
    "with_ws_security",
    "set_ws_security",
    "with_addressing",
    "with_mtom",
    "soap_options_mut",
];

/// Splits on anything that cannot be part of an identifier, so heck sees word boundaries.
fn words(input: &str) -> String {
    input.chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect()
}

/// `UpperCamelCase` type name for a wire name.
pub fn to_type_ident(input: &str) -> String {
    let mut name = words(input).to_upper_camel_case();
    if name.is_empty() {
        name = "Unnamed".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'T');
    }
    if PRELUDE_TYPES.contains(&name.as_str()) {
        name.push_str("Type");
    }
    name
}

/// `snake_case` field name; keywords become raw identifiers (`r#type`).
pub fn to_field_ident(input: &str) -> String {
    let mut name = words(input).to_snake_case();
    if name.is_empty() {
        name = "value".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    escape_keyword(name)
}

/// Method name for an operation; a trailing `Request` (ServiceStack DTO names) is dropped.
pub fn to_method_ident(operation: &str) -> String {
    let stem = operation.strip_suffix("Request").filter(|s| !s.is_empty()).unwrap_or(operation);
    to_field_ident(stem)
}

/// `UpperCamelCase` enum variant for a wire value (`1000` → `V1000`, `""` → `Empty`).
pub fn to_variant_ident(value: &str) -> String {
    let name = words(value).to_upper_camel_case();
    if name.is_empty() {
        return "Empty".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        return format!("V{name}");
    }
    if name == "Self" { "SelfValue".into() } else { name }
}

fn escape_keyword(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// The names taken in one scope; a clash gets the lowest free numeric suffix.
pub struct NameTable {
    taken: BTreeSet<String>,
}

impl NameTable {
    pub fn new(reserved: impl IntoIterator<Item = String>) -> Self {
        NameTable { taken: reserved.into_iter().collect() }
    }

    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_owned());
    }

    /// `name` if free, else `name2`, `name3`, … (raw identifiers keep their `r#`).
    pub fn claim(&mut self, name: &str) -> String {
        let mut candidate = name.to_owned();
        let bare = name.strip_prefix("r#").unwrap_or(name);
        let mut n = 2;
        while self.taken.contains(&candidate) {
            candidate = format!("{bare}{n}");
            n += 1;
        }
        self.taken.insert(candidate.clone());
        candidate
    }
}

/// Unique type names for the whole model.
///
/// Each type starts from its wire name. Where distinct types want the same name (two
/// `StatusCode` enums with different values, two `Address` types in two namespaces), each
/// is qualified by the type that holds it (`ValueStatusCode`), and only then numbered.
pub fn type_names(model: &Model) -> Vec<String> {
    type_names_with(model, &BTreeMap::new())
}

/// [`type_names`] where `renamed` types get exactly the given names (which nothing
/// derived may take).
pub fn type_names_with(model: &Model, renamed: &BTreeMap<TypeId, String>) -> Vec<String> {
    let base: Vec<String> = model.types.iter().map(|t| to_type_ident(&t.name.local)).collect();
    let parents = first_parents(model);

    let mut by_name: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, name) in base.iter().enumerate() {
        by_name.entry(name).or_default().push(i);
    }
    let mut names = base.clone();
    for ids in by_name.values().filter(|ids| ids.len() > 1) {
        for &i in ids {
            if let Some(parent) = parents[i] {
                names[i] = format!("{}{}", base[parent.0 as usize], base[i]);
            }
        }
    }
    let mut table = NameTable::new(renamed.values().cloned());
    names
        .iter()
        .enumerate()
        .map(|(i, n)| match renamed.get(&TypeId(i as u32)) {
            Some(name) => name.clone(),
            None => table.claim(n),
        })
        .collect()
}

/// For each type, the first struct (in model order) with a field of that type.
fn first_parents(model: &Model) -> Vec<Option<TypeId>> {
    let mut parents = vec![None; model.types.len()];
    for (i, def) in model.types.iter().enumerate() {
        let refs: Vec<&TypeRef> = match &def.kind {
            TypeKind::Struct(s) => {
                s.fields.iter().map(|f| &f.ty).chain(s.attributes.iter().map(|a| &a.ty)).collect()
            }
            TypeKind::Choice(c) => c.alternatives.iter().map(|f| &f.ty).collect(),
            TypeKind::Enum(_) => continue,
        };
        for ty in refs {
            for child in named_in(ty) {
                let slot = &mut parents[child.0 as usize];
                if slot.is_none() && child.0 as usize != i {
                    *slot = Some(TypeId(i as u32));
                }
            }
        }
    }
    parents
}

/// The named types a reference mentions.
pub fn named_in(ty: &TypeRef) -> Vec<TypeId> {
    match ty {
        TypeRef::Named(id) => vec![*id],
        TypeRef::Wrapped(w) => named_in(&w.item_ty),
        TypeRef::List(item) => named_in(item),
        TypeRef::Primitive(_) | TypeRef::RawXml | TypeRef::AnyElement => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers() {
        assert_eq!(to_type_ident("ClientBackOffice_c"), "ClientBackOfficeC");
        assert_eq!(to_type_ident("WSF_x0020_Schedule"), "WsfX0020Schedule");
        assert_eq!(to_type_ident("Result"), "ResultType");
        assert_eq!(to_field_ident("updateUserPasswordResult"), "update_user_password_result");
        assert_eq!(to_field_ident("type"), "r#type");
        assert_eq!(to_field_ident("self"), "self_");
        assert_eq!(to_field_ident("IPLock"), "ip_lock");
        assert_eq!(to_variant_ident("IPLock"), "IpLock");
        assert_eq!(to_variant_ident("1000"), "V1000");
        assert_eq!(to_variant_ident("in-progress"), "InProgress");
        assert_eq!(to_method_ident("ResetCustomerPasswordRequest"), "reset_customer_password");
        assert_eq!(to_method_ident("Request"), "request");
    }

    #[test]
    fn clashes_get_numbered() {
        let mut t = NameTable::new(["new".to_string()]);
        assert_eq!(t.claim("new"), "new2");
        assert_eq!(t.claim("r#type"), "r#type");
        assert_eq!(t.claim("r#type"), "type2");
    }
}
