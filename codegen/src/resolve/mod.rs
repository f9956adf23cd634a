//! Naming and resolution: the model in, a model with final Rust names and shapes out.
//!
//! Every type, field, variant, client and method gets a unique Rust identifier here, next
//! to the wire name it stands for; the emitter only spells out what this stage decided.
//!
//! Unstable: public only for the repository's own tools (the CLI, tests, fuzz targets),
//! hidden from the crate's docs; not part of soapgen's API.

mod cycles;
pub(crate) mod names;
mod secrets;

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{
    self, Docs, Endpoint, EnumDef, Model, Occurs, OperationBinding, Primitive, Protocol, QName,
    TypeId, TypeKind, TypeRef,
};

pub(crate) use names::{named_in, type_names_with};
pub use names::{to_field_ident, to_type_ident, type_names};

/// Names the user chose (in `soapgen.toml`), which win over the derived ones.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Renames {
    /// A type's Rust name.
    pub types: BTreeMap<TypeId, String>,
    /// A struct field's Rust name, by type and field index.
    pub fields: BTreeMap<(TypeId, usize), String>,
}

/// The model with every name decided.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    /// Indexed by [`TypeId`], like [`Model::types`].
    pub types: Vec<RType>,
    /// One client per service.
    pub services: Vec<RService>,
}

impl Resolved {
    /// The resolved type `id` stands for.
    pub fn ty(&self, id: TypeId) -> &RType {
        &self.types[id.0 as usize]
    }
}

/// A type with its Rust name decided.
#[derive(Clone, Debug, PartialEq)]
pub struct RType {
    /// The Rust identifier.
    pub rust_name: String,
    /// The schema or element name it stands for.
    pub wire: QName,
    /// Documentation carried from the documents.
    pub docs: Docs,
    /// Struct, enum or choice.
    pub kind: RTypeKind,
}

/// What a resolved type is.
#[derive(Clone, Debug, PartialEq)]
pub enum RTypeKind {
    /// A struct of fields, attributes and text.
    Struct(RStruct),
    /// A closed list of values plus a catch-all variant.
    Enum(REnum),
    /// An enum with one variant per alternative element.
    Choice(RChoice),
}

/// An `xs:choice`: one variant per alternative element.
#[derive(Clone, Debug, PartialEq)]
pub struct RChoice {
    /// `rust_name` of each is the variant's name.
    pub alternatives: Vec<RField>,
}

/// A struct's members with their Rust names.
#[derive(Clone, Debug, PartialEq)]
pub struct RStruct {
    /// Child elements, in document order.
    pub fields: Vec<RField>,
    /// Attributes.
    pub attributes: Vec<RAttribute>,
    /// Text content next to attributes (`xs:simpleContent`).
    pub text: Option<RText>,
    /// Every field's type has a `Default`.
    pub derives_default: bool,
    /// At least one field holds a secret: Debug is written by hand.
    pub has_secrets: bool,
}

/// A child element (or a choice alternative) with its Rust name.
#[derive(Clone, Debug, PartialEq)]
pub struct RField {
    /// The field's (or variant's) Rust identifier.
    pub rust_name: String,
    /// The element's name on the wire.
    pub wire: QName,
    /// What the element holds.
    pub ty: TypeRef,
    /// Required, optional or repeated.
    pub occurs: Occurs,
    /// `xsi:nil` allowed.
    pub nillable: bool,
    /// Held through `Box` to break a recursive type.
    pub boxed: bool,
    /// Holds a credential: redacted by `Debug`.
    pub secret: bool,
    /// Documentation of the field.
    pub docs: Docs,
}

/// An attribute with its Rust name.
#[derive(Clone, Debug, PartialEq)]
pub struct RAttribute {
    /// The field's Rust identifier.
    pub rust_name: String,
    /// The attribute's name on the wire.
    pub wire: QName,
    /// What the attribute holds.
    pub ty: TypeRef,
    /// `use="required"`: not an `Option`.
    pub required: bool,
    /// Holds a credential: redacted by `Debug`.
    pub secret: bool,
    /// Documentation of the attribute.
    pub docs: Docs,
}

/// A struct's text content.
#[derive(Clone, Debug, PartialEq)]
pub struct RText {
    /// The field holding it (`value` unless taken).
    pub rust_name: String,
    /// What the text holds.
    pub ty: TypeRef,
}

/// An enum's variants with their Rust names.
#[derive(Clone, Debug, PartialEq)]
pub struct REnum {
    /// The lexical type the values are written in.
    pub base: Primitive,
    /// The known values, in document order.
    pub variants: Vec<RVariant>,
    /// The variant that keeps values this client does not know.
    pub catch_all: String,
    /// Wire names force variants that repeat the enum's name (clippy's enum_variant_names).
    pub names_repeat_enum: bool,
}

/// One known value of an enum.
#[derive(Clone, Debug, PartialEq)]
pub struct RVariant {
    /// The variant's Rust identifier.
    pub rust_name: String,
    /// The value exactly as on the wire.
    pub value: String,
    /// Documentation of the value.
    pub docs: Docs,
}

/// A client with its Rust names decided.
#[derive(Clone, Debug, PartialEq)]
pub struct RService {
    /// The service name as the document gives it.
    pub name: String,
    /// The client struct's name.
    pub client_name: String,
    /// Documentation of the service.
    pub docs: Docs,
    /// Default endpoints, one per protocol.
    pub endpoints: Vec<Endpoint>,
    /// Protocols offered by at least one operation, in preference order (1.1 first).
    pub protocols: Vec<Protocol>,
    /// SOAP headers any operation sends, each stored once on the client.
    pub headers: Vec<RHeader>,
    /// Operations, in document order.
    pub operations: Vec<ROperation>,
    /// WS-Addressing is declared for one of its bindings: the client sends it by default.
    pub addressing: bool,
}

/// A SOAP header the client stores and sends.
#[derive(Clone, Debug, PartialEq)]
pub struct RHeader {
    /// The client field and the stem of its setters (`auth_header` → `set_auth_header`).
    pub field_name: String,
    /// The header element's name.
    pub element: QName,
    /// What the header element holds.
    pub ty: TypeRef,
    /// Documentation of the header.
    pub docs: Docs,
    /// Holds a credential: redacted by `Debug`.
    pub secret: bool,
}

/// An operation with its method names decided.
#[derive(Clone, Debug, PartialEq)]
pub struct ROperation {
    /// The operation's name in the document.
    pub name: String,
    /// The client method that calls it.
    pub method_name: String,
    /// The method that builds its HTTP request without sending it.
    pub build_name: String,
    /// The associated function that reads its HTTP response.
    pub parse_name: String,
    /// Descriptions, parameter and error-code tables.
    pub docs: Docs,
    /// How it travels, per protocol.
    pub bindings: Vec<OperationBinding>,
    /// The request's body element.
    pub input: ir::Message,
    /// The response's body element.
    pub output: ir::Message,
    /// Indexes into [`RService::headers`].
    pub headers: Vec<usize>,
    /// The typed fault details the operation declares, and the enum naming them.
    pub faults: Option<RFaults>,
    /// The SOAP header blocks its response may carry, and the names that read them.
    pub response_headers: Option<RResponseHeaders>,
    /// WS-Addressing: the request's `wsa:Action` the description states.
    pub addressing_action: Option<String>,
}

/// The header blocks of an operation's response: a struct with a field per block, read by
/// `<operation>_with_headers` / `parse_<operation>_with_headers`.
#[derive(Clone, Debug, PartialEq)]
pub struct RResponseHeaders {
    /// The struct's Rust name (`ReverseResponseHeaders`).
    pub struct_name: String,
    /// The client method returning the body and the headers.
    pub method_name: String,
    /// The associated function reading both from an HTTP response.
    pub parse_name: String,
    /// One field per header block.
    pub blocks: Vec<RResponseHeader>,
}

/// One header block of a response.
#[derive(Clone, Debug, PartialEq)]
pub struct RResponseHeader {
    /// The struct field holding it.
    pub field_name: String,
    /// The header element's name.
    pub element: QName,
    /// What the header element holds.
    pub ty: TypeRef,
    /// Documentation of the header.
    pub docs: Docs,
}

/// An operation's declared faults (`wsdl:fault`): one enum, a variant per detail element.
#[derive(Clone, Debug, PartialEq)]
pub struct RFaults {
    /// The Rust name of the enum of fault details.
    pub enum_name: String,
    /// One variant per declared fault.
    pub variants: Vec<RFault>,
}

/// One declared fault's detail.
#[derive(Clone, Debug, PartialEq)]
pub struct RFault {
    /// The variant's Rust identifier.
    pub rust_name: String,
    /// The detail's element.
    pub element: QName,
    /// What the detail element holds.
    pub ty: TypeRef,
    /// Documentation of the fault.
    pub docs: Docs,
}

/// Decides every name and shape.
pub fn resolve(model: &Model) -> Resolved {
    resolve_with(model, &Renames::default())
}

/// [`resolve`], with the user's renames taking precedence.
pub fn resolve_with(model: &Model, renames: &Renames) -> Resolved {
    let type_names = names::type_names_with(model, &renames.types);
    let boxed = cycles::boxed_fields(model);
    let mut types: Vec<RType> = model
        .types
        .iter()
        .enumerate()
        .map(|(i, def)| {
            let kind = match &def.kind {
                TypeKind::Struct(s) => {
                    RTypeKind::Struct(resolve_struct(model, TypeId(i as u32), s, &boxed, renames))
                }
                TypeKind::Enum(e) => RTypeKind::Enum(resolve_enum(&type_names[i], e)),
                TypeKind::Choice(c) => RTypeKind::Choice(resolve_choice(model, c)),
            };
            RType {
                rust_name: type_names[i].clone(),
                wire: def.name.clone(),
                docs: def.docs.clone(),
                kind,
            }
        })
        .collect();
    mark_default_derivable(&mut types);

    let mut client_names = names::NameTable::new(type_names.iter().cloned());
    let services = model
        .services
        .iter()
        .map(|service| resolve_service(model, service, &mut client_names))
        .collect();
    Resolved { types, services }
}

fn resolve_struct(
    model: &Model,
    id: TypeId,
    def: &ir::StructDef,
    boxed: &BTreeSet<(TypeId, usize)>,
    renames: &Renames,
) -> RStruct {
    let renamed = |i: usize| renames.fields.get(&(id, i));
    // The user's names are taken first, so a derived name never takes one of them.
    let mut names =
        names::NameTable::new((0..def.fields.len()).filter_map(|i| renamed(i).cloned()));
    let fields: Vec<RField> = def
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| RField {
            rust_name: match renamed(i) {
                Some(name) => name.clone(),
                None => names.claim(&to_field_ident(&f.name.local)),
            },
            wire: f.name.clone(),
            ty: f.ty.clone(),
            occurs: f.occurs,
            nillable: f.nillable,
            boxed: boxed.contains(&(id, i)),
            secret: secrets::holds_secret(model, &f.name.local, &f.ty),
            docs: f.docs.clone(),
        })
        .collect();
    let attributes: Vec<RAttribute> = def
        .attributes
        .iter()
        .map(|a| RAttribute {
            rust_name: names.claim(&to_field_ident(&a.name.local)),
            wire: a.name.clone(),
            ty: a.ty.clone(),
            required: a.required,
            secret: secrets::holds_secret(model, &a.name.local, &a.ty),
            docs: a.docs.clone(),
        })
        .collect();
    let text =
        def.text.as_ref().map(|ty| RText { rust_name: names.claim("value"), ty: ty.clone() });
    let has_secrets = fields.iter().any(|f| f.secret) || attributes.iter().any(|a| a.secret);
    RStruct { fields, attributes, text, derives_default: false, has_secrets }
}

fn resolve_choice(model: &Model, def: &ir::ChoiceDef) -> RChoice {
    let mut names = names::NameTable::new(std::iter::empty());
    let alternatives = def
        .alternatives
        .iter()
        .map(|f| RField {
            rust_name: names.claim(&to_type_ident(&f.name.local)),
            wire: f.name.clone(),
            ty: f.ty.clone(),
            occurs: f.occurs,
            nillable: f.nillable,
            // An enum variant holding its own enum needs the box too; alternatives are rare
            // enough that boxing every struct-typed one costs nothing noticeable.
            boxed: matches!(f.ty, TypeRef::Named(_)) && f.occurs != Occurs::Many,
            secret: secrets::holds_secret(model, &f.name.local, &f.ty),
            docs: f.docs.clone(),
        })
        .collect();
    RChoice { alternatives }
}

fn resolve_enum(enum_name: &str, def: &EnumDef) -> REnum {
    let mut names = names::NameTable::new(std::iter::empty());
    let variants: Vec<RVariant> = def
        .variants
        .iter()
        .map(|v| RVariant {
            rust_name: names.claim(&names::to_variant_ident(&v.value)),
            value: v.value.clone(),
            docs: v.docs.clone(),
        })
        .collect();
    let catch_all = names.claim("Unknown");
    let names_repeat_enum = variants
        .iter()
        .any(|v| v.rust_name.starts_with(enum_name) || v.rust_name.ends_with(enum_name));
    REnum { base: def.base, variants, catch_all, names_repeat_enum }
}

/// A struct derives `Default` when every field type has one; decided to a fixed point
/// because structs hold structs.
fn mark_default_derivable(types: &mut [RType]) {
    loop {
        let derivable: Vec<bool> = types.iter().map(|t| is_default_derivable(t, types)).collect();
        let mut changed = false;
        for (t, d) in types.iter_mut().zip(derivable) {
            if let RTypeKind::Struct(s) = &mut t.kind {
                if s.derives_default != d {
                    s.derives_default = d;
                    changed = true;
                }
            }
        }
        if !changed {
            return;
        }
    }
}

fn is_default_derivable(t: &RType, types: &[RType]) -> bool {
    let RTypeKind::Struct(s) = &t.kind else { return false };
    let ty_default = |ty: &TypeRef| match ty {
        TypeRef::Primitive(p) => p.has_default(),
        TypeRef::Named(id) => {
            matches!(&types[id.0 as usize].kind, RTypeKind::Struct(s) if s.derives_default)
        }
        TypeRef::RawXml | TypeRef::Wrapped(_) | TypeRef::List(_) | TypeRef::AnyElement => true,
    };
    s.fields.iter().all(|f| f.occurs != Occurs::Required || f.nillable || ty_default(&f.ty))
        && s.attributes.iter().all(|a| !a.required || ty_default(&a.ty))
        && s.text.as_ref().is_none_or(|t| ty_default(&t.ty))
}

/// One enum per operation with faults, named in the module's type namespace.
fn resolve_faults(op: &ir::Operation, type_names: &mut names::NameTable) -> Option<RFaults> {
    if op.faults.is_empty() {
        return None;
    }
    let mut variants = names::NameTable::new([]);
    Some(RFaults {
        enum_name: type_names.claim(&format!("{}Fault", to_type_ident(&op.name))),
        variants: op
            .faults
            .iter()
            .map(|f| RFault {
                rust_name: variants.claim(&to_type_ident(&f.name)),
                element: f.element.clone(),
                ty: f.ty.clone(),
                docs: f.docs.clone(),
            })
            .collect(),
    })
}

/// The method's name: the operation's, except for the HTTP GET/POST twin of an operation
/// with a SOAP method, named `<operation>_http_post` (or `_http_get`).
fn method_stem(service: &ir::Service, op: &ir::Operation) -> String {
    let stem = names::to_method_ident(&op.name);
    let twin = op.bindings.iter().all(|b| b.protocol.is_form())
        && service
            .operations
            .iter()
            .any(|o| o.name == op.name && o.bindings.iter().any(|b| !b.protocol.is_form()));
    match op.bindings.first().map(|b| b.protocol) {
        Some(Protocol::HttpGet) if twin => format!("{}_http_get", stem.trim_start_matches("r#")),
        Some(Protocol::HttpPost) if twin => format!("{}_http_post", stem.trim_start_matches("r#")),
        _ => stem,
    }
}

fn resolve_service(
    model: &Model,
    service: &ir::Service,
    client_names: &mut names::NameTable,
) -> RService {
    let client_name = client_names.claim(&format!("{}Client", to_type_ident(&service.name)));

    let mut headers: Vec<RHeader> = Vec::new();
    let mut header_index: BTreeMap<QName, usize> = BTreeMap::new();
    let mut header_names =
        names::NameTable::new(names::CLIENT_FIELDS.iter().map(|s| s.to_string()));
    let mut method_names =
        names::NameTable::new(names::CLIENT_METHODS.iter().map(|s| s.to_string()));
    let mut protocols: BTreeSet<Protocol> = BTreeSet::new();

    // Headers first, so that their setters are reserved before methods are named.
    let header_ids: Vec<Vec<usize>> = service
        .operations
        .iter()
        .map(|op| {
            op.headers
                .iter()
                .map(|h| {
                    *header_index.entry(h.element.clone()).or_insert_with(|| {
                        headers.push(RHeader {
                            field_name: header_names.claim(&to_field_ident(&h.element.local)),
                            element: h.element.clone(),
                            ty: h.ty.clone(),
                            docs: h.docs.clone(),
                            secret: secrets::holds_secret(model, &h.element.local, &h.ty),
                        });
                        headers.len() - 1
                    })
                })
                .collect()
        })
        .collect();
    for h in &headers {
        method_names.reserve(&format!("set_{}", h.field_name));
        method_names.reserve(&format!("with_{}", h.field_name));
    }

    let operations = service
        .operations
        .iter()
        .zip(header_ids)
        .map(|(op, headers)| {
            protocols.extend(op.bindings.iter().map(|b| b.protocol));
            let method_name = method_names.claim(&method_stem(service, op));
            let stem = method_name.trim_start_matches("r#").to_owned();
            let response_headers = (!op.output_headers.is_empty()).then(|| {
                let mut fields = names::NameTable::new([]);
                RResponseHeaders {
                    struct_name: client_names
                        .claim(&format!("{}ResponseHeaders", to_type_ident(&op.name))),
                    method_name: method_names.claim(&format!("{stem}_with_headers")),
                    parse_name: method_names.claim(&format!("parse_{stem}_with_headers")),
                    blocks: op
                        .output_headers
                        .iter()
                        .map(|h| RResponseHeader {
                            field_name: fields.claim(&to_field_ident(&h.element.local)),
                            element: h.element.clone(),
                            ty: h.ty.clone(),
                            docs: h.docs.clone(),
                        })
                        .collect(),
                }
            });
            ROperation {
                name: op.name.clone(),
                build_name: method_names.claim(&format!("build_{stem}")),
                parse_name: method_names.claim(&format!("parse_{stem}")),
                response_headers,
                addressing_action: op.addressing_action.clone(),
                method_name,
                docs: op.docs.clone(),
                bindings: op.bindings.clone(),
                input: op.input.clone(),
                output: op.output.clone(),
                headers,
                faults: resolve_faults(op, client_names),
            }
        })
        .collect();

    RService {
        name: service.name.clone(),
        client_name,
        docs: service.docs.clone(),
        endpoints: service.endpoints.clone(),
        protocols: protocols.into_iter().collect(),
        headers,
        operations,
        addressing: service.operations.iter().any(|op| op.addressing),
    }
}
