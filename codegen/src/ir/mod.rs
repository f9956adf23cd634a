//! The service model every reader produces and every later stage consumes.
//!
//! Plain data: no XML, no Rust syntax. Names here are wire names exactly as the
//! documents spell them; Rust names are chosen later by `resolve`.

mod primitive;

pub use primitive::Primitive;

use std::sync::Arc;

/// Where a piece of the model came from, for diagnostics and `soapgen inspect`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Provenance {
    /// The input file as the user named it.
    pub file: Arc<str>,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (in characters).
    pub column: u32,
}

/// An XML name: namespace URI (empty for none) and local name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QName {
    pub namespace: String,
    pub local: String,
}

impl QName {
    pub fn new(namespace: impl Into<String>, local: impl Into<String>) -> Self {
        QName { namespace: namespace.into(), local: local.into() }
    }
}

/// Index of a [`TypeDef`] in [`Model::types`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub u32);

/// Everything read from one or more documents.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Model {
    pub services: Vec<Service>,
    /// Arena of named types; [`TypeId`] indexes into it.
    pub types: Vec<TypeDef>,
    /// Guesses and skipped constructs worth telling the user about.
    pub warnings: Vec<Warning>,
}

impl Model {
    pub fn add_type(&mut self, def: TypeDef) -> TypeId {
        let id = TypeId(self.types.len() as u32);
        self.types.push(def);
        id
    }

    pub fn ty(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0 as usize]
    }

    pub fn ty_mut(&mut self, id: TypeId) -> &mut TypeDef {
        &mut self.types[id.0 as usize]
    }

    pub fn warn(&mut self, at: Provenance, message: impl Into<String>) {
        self.warnings.push(Warning { at, message: message.into() });
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub at: Provenance,
    pub message: String,
}

/// One client: a set of operations reachable at the same endpoint(s).
#[derive(Clone, Debug, PartialEq)]
pub struct Service {
    /// Service name as the document gives it (e.g. `ClientBackOffice_c`).
    pub name: String,
    /// Target namespace of the service, when known.
    pub namespace: String,
    pub docs: Docs,
    /// Default addresses, one per protocol offered.
    pub endpoints: Vec<Endpoint>,
    pub operations: Vec<Operation>,
    pub provenance: Provenance,
}

/// How messages travel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Protocol {
    Soap11,
    Soap12,
    /// Plain XML POSTed without an envelope (ServiceStack's `/xml/reply/X`).
    PlainXml,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    pub protocol: Protocol,
    /// Absolute URL, e.g. `http://host/path.asmx`.
    pub address: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    /// Operation name as the document gives it.
    pub name: String,
    pub docs: Docs,
    /// One entry per protocol the operation is offered on.
    pub bindings: Vec<OperationBinding>,
    /// The body content sent.
    pub input: Message,
    /// The body content received.
    pub output: Message,
    /// SOAP header blocks sent with the request.
    pub headers: Vec<HeaderBlock>,
    /// Typed faults the operation declares.
    pub faults: Vec<FaultDecl>,
    pub provenance: Provenance,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OperationBinding {
    pub protocol: Protocol,
    /// SOAPAction (1.1) / `action` parameter (1.2). `None` sends none.
    pub action: Option<String>,
    /// Whether `action` was stated by the document or inferred by convention.
    pub action_inferred: bool,
    /// For [`Protocol::PlainXml`]: the request path (`/xml/reply/X`), relative to the endpoint's origin.
    pub path: Option<String>,
    pub style: BindingStyle,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BindingStyle {
    /// Document/literal: the message is one element.
    DocumentLiteral,
    /// RPC/literal: a wrapper element named after the operation.
    RpcLiteral,
    /// RPC/encoded: read as far as it goes.
    RpcEncoded,
}

/// The content of a body (or the whole document for plain XML): one root element.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub element: QName,
    pub ty: TypeRef,
}

#[derive(Clone, Debug, PartialEq)]
pub struct HeaderBlock {
    pub element: QName,
    pub ty: TypeRef,
    pub required: bool,
    pub docs: Docs,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FaultDecl {
    pub name: String,
    pub element: QName,
    pub ty: TypeRef,
    pub docs: Docs,
}

/// What a field or message holds.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TypeRef {
    Primitive(Primitive),
    Named(TypeId),
    /// Content soapgen cannot type: kept as raw XML.
    RawXml,
    /// A wrapper element holding repeated items, e.g. `<Errors><ResponseError/>…</Errors>`.
    Wrapped(Box<WrappedList>),
    /// `xs:list`: whitespace-separated values in one text node.
    List(Box<TypeRef>),
    /// Whole elements the schema leaves open (`xs:any`): each kept with its name as raw XML.
    AnyElement,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct WrappedList {
    pub item: QName,
    pub item_ty: TypeRef,
    pub item_nillable: bool,
}

/// A named type.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeDef {
    /// The wire/schema name this type is known by (element or type name).
    pub name: QName,
    pub kind: TypeKind,
    pub docs: Docs,
    pub provenance: Provenance,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TypeKind {
    Struct(StructDef),
    Enum(EnumDef),
    /// `xs:choice`: exactly one of several elements. A field of this type has no element
    /// of its own: the chosen alternative's element stands in its place.
    Choice(ChoiceDef),
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct ChoiceDef {
    /// One alternative per element; `occurs` on an alternative is within the branch
    /// (`Many` for a repeated element inside the branch).
    pub alternatives: Vec<Field>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct StructDef {
    /// Child elements, in document order.
    pub fields: Vec<Field>,
    /// The base type's fields come first (`xs:extension`); kept for docs.
    pub base: Option<TypeId>,
    /// `xs:anyAttribute`: attributes not listed are kept.
    pub any_attributes: bool,
    pub attributes: Vec<Attribute>,
    /// Text content next to attributes (`xs:simpleContent`).
    pub text: Option<TypeRef>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The element's name on the wire (namespace empty when unqualified).
    pub name: QName,
    pub ty: TypeRef,
    pub occurs: Occurs,
    /// `xsi:nil="true"` allowed.
    pub nillable: bool,
    pub docs: Docs,
    pub provenance: Provenance,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Occurs {
    /// Exactly once.
    Required,
    /// Zero or one.
    Optional,
    /// Repeated siblings (zero or more).
    Many,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Attribute {
    pub name: QName,
    pub ty: TypeRef,
    pub required: bool,
    pub default: Option<String>,
    pub docs: Docs,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EnumDef {
    /// The lexical type the values are written in (usually `String`).
    pub base: Primitive,
    pub variants: Vec<EnumVariant>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EnumVariant {
    /// The value exactly as on the wire.
    pub value: String,
    pub docs: Docs,
}

/// Documentation paragraphs, in order; each may be multi-line Markdown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Docs(pub Vec<String>);

impl Docs {
    pub fn push(&mut self, paragraph: impl Into<String>) {
        let p = paragraph.into();
        if !p.trim().is_empty() {
            self.0.push(p);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
