//! `soapgen.toml`: what the user knows better than the documents (see [`Overrides`]).

mod file;

use std::collections::{BTreeMap, BTreeSet};

use toml::Spanned;

use crate::ir::{Docs, Model, Occurs, Primitive, TypeId, TypeKind, TypeRef};
use crate::resolve::{self, Renames};
use crate::{Error, Source};

/// `soapgen.toml`: what the user knows better than the documents.
///
/// Sample pages are ambiguous (an empty element, an `int` that is really a `long`, a field
/// that is optional in practice). An overrides file fixes that without editing the input:
///
/// ```toml
/// endpoint = "https://api.example.com/Service.asmx"   # every service
///
/// [services.AccountManagementService]
/// endpoint = "https://eu.example.com/Service.asmx"     # one service
/// operations = ["GetAccount", "Order_*"]  # only these (globs: * and ?), and the types they reach
///
/// [types.Request]                  # by wire name or Rust name
/// rename = "PasswordChange"
/// doc = "What the password change needs."
///
/// [types.Request.fields.NewPassword]
/// rename = "password"
/// type = "string"                  # a placeholder name, or a type of the model
/// optional = false                 # Option<T> or not
/// list = false                     # Vec<T> or not
///
/// [types.ChangeBackupAccountPasswordResponse.fields.Result]
/// content = "<Code>int</Code><Message>string</Message>"   # what the sample left empty
/// ```
///
/// Facts about the service (types, optionality, content, endpoints, docs) change the
/// model; renames are naming decisions and go to the naming stage.
/// Unknown keys and names that match nothing are errors pointing into the file.
///
/// Parse one with [`Overrides::parse`] or [`Overrides::from_path`] and put it in
/// [`Options::overrides`](crate::Options::overrides), or name the file with
/// [`Builder::overrides`](crate::Builder::overrides).
#[derive(Debug)]
pub struct Overrides {
    source: Source,
    file: file::File,
}

impl Overrides {
    /// Parses `source` (TOML). Syntax errors and unknown keys are located errors.
    pub fn parse(source: Source) -> Result<Overrides, Error> {
        let file = toml::from_str::<file::File>(&source.text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            source.error(offset, e.message().trim_end().to_owned())
        })?;
        if let Some(http) = &file.http {
            if crate::HttpMethods::parse(http.get_ref()).is_none() {
                let message =
                    format!("expected \"post\", \"get\" or \"auto\", found {:?}", http.get_ref());
                return Err(source.error(http.span().start, message));
            }
        }
        Ok(Overrides { source, file })
    }

    /// Reads and parses the file at `path`.
    pub fn from_path(path: &std::path::Path) -> Result<Overrides, Error> {
        Overrides::parse(Source::from_path(path)?)
    }

    /// `both_directions = true|false` when the file sets it.
    pub fn both_directions(&self) -> Option<bool> {
        self.file.both_directions
    }

    /// `http = "post"|"get"|"auto"` when the file sets it (checked by [`Overrides::parse`]).
    pub fn http_methods(&self) -> Option<crate::HttpMethods> {
        self.file.http.as_ref().and_then(|h| crate::HttpMethods::parse(h.get_ref()))
    }

    /// `server = true|false` when the file sets it.
    pub fn server(&self) -> Option<bool> {
        self.file.server
    }

    /// `strict = true|false` when the file sets it.
    pub fn strict(&self) -> Option<bool> {
        self.file.strict
    }

    /// The file's name, for `rerun-if-changed` and messages.
    pub fn file_name(&self) -> &str {
        &self.source.name
    }

    /// Changes `model` as the file says and returns the renames for resolution.
    /// Unstable: for the repository's own tools ([`crate::generate`] applies overrides).
    #[doc(hidden)]
    pub fn apply(&self, model: &mut Model) -> Result<Renames, Error> {
        let mut renames = Renames::default();
        self.apply_endpoints(model)?;
        let mut taken: BTreeMap<String, &Spanned<String>> = BTreeMap::new();
        for (key, over) in &self.file.types {
            // Names are matched against what soapgen would call things without this file;
            // asked anew each time, since content given for a field adds types.
            let rust_names = resolve::type_names(model);
            let id = self.find_type(model, &rust_names, key)?;
            if let Some(name) = &over.rename {
                self.check_ident(name, true)?;
                if let Some(first) = taken.insert(name.get_ref().clone(), name) {
                    let line = self.source.position(first.span().start).line;
                    return Err(self.error(
                        name,
                        format!(
                            "`{name}` is already given to another type on line {line}",
                            name = name.get_ref()
                        ),
                    ));
                }
                renames.types.insert(id, name.get_ref().clone());
            }
            if let Some(doc) = &over.doc {
                model.ty_mut(id).docs = Docs(vec![doc.trim().to_owned()]);
            }
            for (field_key, field) in &over.fields {
                let index = self.find_field(model, id, key, field_key)?;
                self.apply_field(model, &rust_names, id, index, field, &mut renames)?;
            }
        }
        Ok(renames)
    }

    fn apply_endpoints(&self, model: &mut Model) -> Result<(), Error> {
        if let Some(url) = &self.file.endpoint {
            self.check_url(url)?;
            for service in &mut model.services {
                set_endpoint(service, url.get_ref());
            }
        }
        for (key, over) in &self.file.services {
            let i = self.find_service(model, key)?;
            if let Some(url) = &over.endpoint {
                self.check_url(url)?;
                set_endpoint(&mut model.services[i], url.get_ref());
            }
        }
        Ok(())
    }

    /// Keeps only the operations each `[services.X]` table lists under `operations`;
    /// returns whether any table did. Must run after [`apply`](Overrides::apply) (which
    /// may add types) and before the types are pruned.
    pub(crate) fn choose_operations(&self, model: &mut Model) -> Result<bool, Error> {
        let mut chose = false;
        for (key, over) in &self.file.services {
            let Some(patterns) = &over.operations else { continue };
            let i = self.find_service(model, key)?;
            if patterns.is_empty() {
                return Err(self.error(
                    key,
                    format!("`operations` of `{}` lists no operation", key.get_ref()),
                ));
            }
            let operations = &mut model.services[i].operations;
            let names: Vec<&str> = operations.iter().map(|o| o.name.as_str()).collect();
            for pattern in patterns {
                if !names.iter().any(|n| crate::select::glob(pattern.get_ref(), n)) {
                    return Err(self.error(
                        pattern,
                        format!(
                            "`{}` matches no operation of `{}`; the closest are: {}",
                            pattern.get_ref(),
                            key.get_ref(),
                            crate::select::closest(pattern.get_ref(), &names).join(", ")
                        ),
                    ));
                }
            }
            operations
                .retain(|o| patterns.iter().any(|p| crate::select::glob(p.get_ref(), &o.name)));
            chose = true;
        }
        model.services.retain(|s| !s.operations.is_empty());
        Ok(chose)
    }

    /// The service `key` names, by its document name or its client's Rust name.
    fn find_service(&self, model: &Model, key: &Spanned<String>) -> Result<usize, Error> {
        let client = |name: &str| format!("{}Client", resolve::to_type_ident(name));
        let found: Vec<usize> = (0..model.services.len())
            .filter(|&i| {
                let name = &model.services[i].name;
                name == key.get_ref() || client(name) == *key.get_ref()
            })
            .collect();
        match found.as_slice() {
            &[i] => Ok(i),
            _ => {
                let names: Vec<&str> = model.services.iter().map(|s| s.name.as_str()).collect();
                Err(self.error(
                    key,
                    format!(
                        "no service named `{}`; the services are: {}",
                        key.get_ref(),
                        names.join(", ")
                    ),
                ))
            }
        }
    }

    fn apply_field(
        &self,
        model: &mut Model,
        rust_names: &[String],
        id: TypeId,
        index: usize,
        over: &file::FieldOverride,
        renames: &mut Renames,
    ) -> Result<(), Error> {
        if let Some(name) = &over.rename {
            self.check_ident(name, false)?;
            renames.fields.insert((id, index), name.get_ref().clone());
        }
        if let Some(ty) = &over.ty {
            let resolved = self.named_type(model, rust_names, ty)?;
            field_mut(model, id, index).ty = resolved;
        }
        if let Some(content) = &over.content {
            let ty = self.infer_content(model, id, index, content)?;
            field_mut(model, id, index).ty = ty;
        }
        let field = field_mut(model, id, index);
        match (over.list, over.optional) {
            (Some(true), _) => field.occurs = Occurs::Many,
            (Some(false), Some(true)) | (None, Some(true)) => field.occurs = Occurs::Optional,
            (Some(false), Some(false)) | (None, Some(false)) => field.occurs = Occurs::Required,
            (Some(false), None) if field.occurs == Occurs::Many => field.occurs = Occurs::Optional,
            (Some(false), None) | (None, None) => {}
        }
        if let Some(doc) = &over.doc {
            field.docs = Docs(vec![doc.trim().to_owned()]);
        }
        Ok(())
    }

    /// A primitive by placeholder/XSD/.NET name, else a type of the model.
    fn named_type(
        &self,
        model: &Model,
        rust_names: &[String],
        name: &Spanned<String>,
    ) -> Result<TypeRef, Error> {
        let text = name.get_ref().as_str();
        if let Some(p) =
            Primitive::from_xsd_name(text).or_else(|| Primitive::from_dotnet_name(text))
        {
            return Ok(TypeRef::Primitive(p));
        }
        let found = matching_types(model, rust_names, text);
        match found.as_slice() {
            [id] => Ok(TypeRef::Named(*id)),
            [] => Err(self.error(
                name,
                format!("`{text}` is neither a placeholder type (string, int, long, dateTime, …) nor a type of the service"),
            )),
            _ => Err(self.ambiguous(name, model, rust_names, &found)),
        }
    }

    /// Reads `content` as the sample would have shown it inside the field's element.
    fn infer_content(
        &self,
        model: &mut Model,
        id: TypeId,
        index: usize,
        content: &Spanned<String>,
    ) -> Result<TypeRef, Error> {
        let wire = field_mut(model, id, index).name.clone();
        let open = if wire.namespace.is_empty() {
            format!("<{}>", wire.local)
        } else {
            format!("<{} xmlns=\"{}\">", wire.local, wire.namespace)
        };
        // Keep the file's line numbers: blank everything before the value, keeping newlines,
        // so an error in the content points at its line in soapgen.toml.
        let start = value_start(&self.source.text, content.span());
        let blank: String =
            self.source.text[..start].chars().map(|c| if c == '\n' { '\n' } else { ' ' }).collect();
        let blank = blank.get(open.len().min(blank.find('\n').unwrap_or(0))..).unwrap_or(&blank);
        let text = format!("{open}{blank}{}</{}>", content.get_ref(), wire.local);
        let sample = Source::new(self.source.name.clone(), text);
        let (new_model, ty) = crate::read::infer_element(std::mem::take(model), &sample)?;
        *model = new_model;
        Ok(ty)
    }

    fn find_type(
        &self,
        model: &Model,
        rust_names: &[String],
        key: &Spanned<String>,
    ) -> Result<TypeId, Error> {
        let found = matching_types(model, rust_names, key.get_ref());
        match found.as_slice() {
            [id] => Ok(*id),
            [] => {
                let mut names: Vec<&str> = rust_names.iter().map(String::as_str).collect();
                names.sort_unstable();
                Err(self.error(
                    key,
                    format!("no type named `{}`; the types are: {}", key.get_ref(), list(&names)),
                ))
            }
            _ => Err(self.ambiguous(key, model, rust_names, &found)),
        }
    }

    fn find_field(
        &self,
        model: &Model,
        id: TypeId,
        type_key: &Spanned<String>,
        key: &Spanned<String>,
    ) -> Result<usize, Error> {
        let TypeKind::Struct(s) = &model.ty(id).kind else {
            return Err(self.error(
                key,
                format!("`{}` is not a struct: it has no fields", type_key.get_ref()),
            ));
        };
        let name = key.get_ref();
        s.fields
            .iter()
            .position(|f| f.name.local == *name || resolve::to_field_ident(&f.name.local) == *name)
            .ok_or_else(|| {
                let names: Vec<&str> = s.fields.iter().map(|f| f.name.local.as_str()).collect();
                self.error(
                    key,
                    format!(
                        "`{}` has no field named `{name}`; its fields are: {}",
                        type_key.get_ref(),
                        list(&names)
                    ),
                )
            })
    }

    fn ambiguous(
        &self,
        key: &Spanned<String>,
        model: &Model,
        rust_names: &[String],
        found: &[TypeId],
    ) -> Error {
        let which: Vec<String> = found
            .iter()
            .map(|id| {
                let name = &model.ty(*id).name;
                format!("`{}` ({{{}}}{})", rust_names[id.0 as usize], name.namespace, name.local)
            })
            .collect();
        self.error(
            key,
            format!(
                "`{}` names {} types: {}; use the Rust name",
                key.get_ref(),
                found.len(),
                which.join(", ")
            ),
        )
    }

    fn check_ident(&self, name: &Spanned<String>, is_type: bool) -> Result<(), Error> {
        let text = name.get_ref();
        let bare = text.strip_prefix("r#").unwrap_or(text);
        // syn's rules are the compiler's: keywords need `r#`, `_` alone is not a name.
        if syn::parse_str::<syn::Ident>(text).is_err() {
            return Err(self.error(name, format!("`{text}` is not a Rust identifier")));
        }
        if is_type && !bare.starts_with(|c: char| c.is_uppercase()) {
            return Err(self.error(
                name,
                format!("a type name starts with a capital letter (UpperCamelCase), not `{text}`"),
            ));
        }
        Ok(())
    }

    fn check_url(&self, url: &Spanned<String>) -> Result<(), Error> {
        let text = url.get_ref();
        if text.starts_with("http://") || text.starts_with("https://") {
            Ok(())
        } else {
            Err(self.error(url, format!("expected an http:// or https:// URL, found `{text}`")))
        }
    }

    fn error<T>(&self, at: &Spanned<T>, message: String) -> Error {
        self.source.error(at.span().start, message)
    }
}

fn set_endpoint(service: &mut crate::ir::Service, url: &str) {
    for endpoint in &mut service.endpoints {
        endpoint.address = url.to_owned();
    }
    let offered: BTreeSet<_> =
        service.operations.iter().flat_map(|o| o.bindings.iter().map(|b| b.protocol)).collect();
    for protocol in offered {
        if !service.endpoints.iter().any(|e| e.protocol == protocol) {
            service.endpoints.push(crate::ir::Endpoint { protocol, address: url.to_owned() });
        }
    }
}

/// Types named `name` in Rust, else on the wire. Only the types `rust_names` covers: those
/// that existed before this file's content inference added more.
fn matching_types(model: &Model, rust_names: &[String], name: &str) -> Vec<TypeId> {
    let known = rust_names.len().min(model.types.len());
    let by_rust: Vec<TypeId> =
        (0..known).filter(|&i| rust_names[i] == name).map(|i| TypeId(i as u32)).collect();
    if !by_rust.is_empty() {
        return by_rust;
    }
    (0..known).filter(|&i| model.types[i].name.local == name).map(|i| TypeId(i as u32)).collect()
}

fn field_mut(model: &mut Model, id: TypeId, index: usize) -> &mut crate::ir::Field {
    match &mut model.ty_mut(id).kind {
        TypeKind::Struct(s) => &mut s.fields[index],
        _ => unreachable!("find_field only returns fields of structs"),
    }
}

/// Where a TOML string's value starts, past its opening quotes (and the newline a
/// multi-line string drops).
fn value_start(text: &str, span: std::ops::Range<usize>) -> usize {
    let raw = &text[span.clone()];
    let quotes = if raw.starts_with("'''") || raw.starts_with("\"\"\"") { 3 } else { 1 };
    let mut start = span.start + quotes.min(raw.len());
    if quotes == 3 {
        if text[start..].starts_with("\r\n") {
            start += 2;
        } else if text[start..].starts_with('\n') {
            start += 1;
        }
    }
    start
}

/// At most a dozen names, so a big schema does not flood the message.
fn list(names: &[&str]) -> String {
    const SHOWN: usize = 12;
    if names.len() <= SHOWN {
        names.join(", ")
    } else {
        format!("{}, … ({} more)", names[..SHOWN].join(", "), names.len() - SHOWN)
    }
}
