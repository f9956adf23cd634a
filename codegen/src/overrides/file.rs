//! The shape of `soapgen.toml`. Every key is spanned so a name that matches nothing can
//! be reported where it was written; unknown keys are refused by serde.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// The whole file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct File {
    /// Every service's endpoint, whatever the documents say.
    pub endpoint: Option<Spanned<String>>,
    /// Both XML writing and reading for every type ([`crate::Builder::both_directions`]).
    pub both_directions: Option<bool>,
    /// The server side too ([`crate::Builder::server`]).
    pub server: Option<bool>,
    /// Refuse broken WSDLs instead of repairing them ([`crate::Builder::strict`]).
    pub strict: Option<bool>,
    /// `"post"`, `"get"` or `"auto"`: which operations are called over HTTP GET/POST
    /// ([`crate::Builder::http_methods`]).
    pub http: Option<Spanned<String>>,
    /// Per service, by its document name or its client's Rust name.
    #[serde(default)]
    pub services: BTreeMap<Spanned<String>, ServiceOverride>,
    /// Per type, by wire name or Rust name.
    #[serde(default)]
    pub types: BTreeMap<Spanned<String>, TypeOverride>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceOverride {
    pub endpoint: Option<Spanned<String>>,
    /// Generate only these operations (names or `*`/`?` globs) and the types they reach.
    pub operations: Option<Vec<Spanned<String>>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeOverride {
    /// The Rust name of the type.
    pub rename: Option<Spanned<String>>,
    /// Replaces the type's documentation.
    pub doc: Option<String>,
    /// Per field, by wire name or Rust name.
    #[serde(default)]
    pub fields: BTreeMap<Spanned<String>, FieldOverride>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldOverride {
    /// The Rust name of the field.
    pub rename: Option<Spanned<String>>,
    /// A placeholder / XSD built-in name (`long`, `dateTime`) or a type of the model.
    #[serde(rename = "type")]
    pub ty: Option<Spanned<String>>,
    /// `true`: `Option<T>`; `false`: always present.
    pub optional: Option<bool>,
    /// `true`: repeated (`Vec<T>`); `false`: one.
    pub list: Option<bool>,
    /// The element's content as the sample should have shown it, in the same placeholder
    /// language (`<Code>int</Code><Message>string</Message>`).
    pub content: Option<Spanned<String>>,
    /// Replaces the field's documentation.
    pub doc: Option<String>,
}
