//! The service model every reader produces and every later stage consumes.
//!
//! Plain data: no XML, no Rust syntax. Names here are wire names exactly as the
//! documents spell them; Rust names are chosen later by `resolve`.
//!
//! Unstable: public only for the repository's own tools (the CLI, tests, fuzz targets),
//! hidden from the crate's docs; not part of soapgen's API.

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
    /// Namespace URI; empty for none.
    pub namespace: String,
    /// Local name.
    pub local: String,
}

impl QName {
    /// A name in `namespace` (empty for none).
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
    /// One entry per client to generate.
    pub services: Vec<Service>,
    /// Arena of named types; [`TypeId`] indexes into it.
    pub types: Vec<TypeDef>,
    /// Guesses and skipped constructs worth telling the user about.
    pub warnings: Vec<Warning>,
}

impl Model {
    /// Adds a type to the arena and returns its id.
    pub fn add_type(&mut self, def: TypeDef) -> TypeId {
        let id = TypeId(self.types.len() as u32);
        self.types.push(def);
        id
    }

    /// The type `id` stands for.
    pub fn ty(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0 as usize]
    }

    /// The type `id` stands for, to change.
    pub fn ty_mut(&mut self, id: TypeId) -> &mut TypeDef {
        &mut self.types[id.0 as usize]
    }

    /// Records a warning for the user.
    pub fn warn(&mut self, at: Provenance, message: impl Into<String>) {
        self.warnings.push(Warning { at, message: message.into() });
    }
}

/// Something the user should know: a guess the inference made, or a construct kept as raw XML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// Where in the input.
    pub at: Provenance,
    /// What happened, in a sentence.
    pub message: String,
}

/// One client: a set of operations reachable at the same endpoint(s).
#[derive(Clone, Debug, PartialEq)]
pub struct Service {
    /// Service name as the document gives it (e.g. `ClientBackOffice_c`).
    pub name: String,
    /// Target namespace of the service, when known.
    pub namespace: String,
    /// Documentation from the document (descriptions, wsdl:documentation).
    pub docs: Docs,
    /// Default addresses, one per protocol offered.
    pub endpoints: Vec<Endpoint>,
    /// Operations, in document order.
    pub operations: Vec<Operation>,
    /// Where the service was first described.
    pub provenance: Provenance,
}

/// How messages travel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Protocol {
    /// SOAP 1.1: `text/xml` and a `SOAPAction` header.
    Soap11,
    /// SOAP 1.2: `application/soap+xml` with an `action` parameter.
    Soap12,
    /// Plain XML POSTed without an envelope (ServiceStack's `/xml/reply/X`).
    PlainXml,
    /// HTTP GET: the request's fields as a query string (`?a=1&b=x`), a plain XML
    /// document back (ASMX's "HTTP GET", WSDL `http:binding verb="GET"`).
    HttpGet,
    /// HTTP POST of the request's fields form-encoded
    /// (`application/x-www-form-urlencoded`), a plain XML document back.
    HttpPost,
}

impl Protocol {
    /// HTTP GET or POST with name=value parameters.
    pub fn is_form(self) -> bool {
        matches!(self, Protocol::HttpGet | Protocol::HttpPost)
    }

    /// SOAP 1.1 or 1.2.
    pub fn is_soap(self) -> bool {
        matches!(self, Protocol::Soap11 | Protocol::Soap12)
    }
}

/// Where a service is reached over one protocol.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// The protocol this address serves.
    pub protocol: Protocol,
    /// Absolute URL, e.g. `http://host/path.asmx`.
    pub address: String,
}

/// One call: a request message and a response message.
#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    /// Operation name as the document gives it.
    pub name: String,
    /// Descriptions, parameter and error-code tables.
    pub docs: Docs,
    /// One entry per protocol the operation is offered on.
    pub bindings: Vec<OperationBinding>,
    /// The body content sent.
    pub input: Message,
    /// The body content received.
    pub output: Message,
    /// SOAP header blocks sent with the request.
    pub headers: Vec<HeaderBlock>,
    /// SOAP header blocks the response may carry (a binding output's `soap:header`s).
    pub output_headers: Vec<HeaderBlock>,
    /// WS-Addressing: the request's `wsa:Action` when the description states one
    /// (`wsam:Action` / `wsaw:Action` on the portType input).
    pub addressing_action: Option<String>,
    /// WS-Addressing is declared for the operation's binding (`wsaw:UsingAddressing`, or a
    /// `wsam:Addressing` policy): its client sends the headers unless told otherwise.
    pub addressing: bool,
    /// Typed faults the operation declares.
    pub faults: Vec<FaultDecl>,
    /// Where the operation was first described.
    pub provenance: Provenance,
}

/// How an operation travels over one protocol.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OperationBinding {
    /// The protocol.
    pub protocol: Protocol,
    /// SOAPAction (1.1) / `action` parameter (1.2). `None` sends none.
    pub action: Option<String>,
    /// Whether `action` was stated by the document or inferred by convention.
    pub action_inferred: bool,
    /// For [`Protocol::PlainXml`]: the request path (`/xml/reply/X`), relative to the
    /// endpoint's origin. For HTTP GET/POST: the path appended to the endpoint
    /// (`/Op` for `http://host/Svc.asmx`, WSDL's `http:operation location`).
    pub path: Option<String>,
    /// Document or RPC style.
    pub style: BindingStyle,
    /// For HTTP GET/POST: the messages when they differ from the operation's (an ASMX
    /// operation's HTTP response is `<int>`, its SOAP one `<OpResponse>`). The input is a
    /// struct of simple fields, each sent as `name=value` (a list repeats the name).
    pub messages: Option<Box<BindingMessages>>,
}

/// The messages of one binding of an operation, where they differ from the operation's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BindingMessages {
    /// What is sent.
    pub input: Message,
    /// What comes back.
    pub output: Message,
}

/// The WSDL binding style and use.
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// The root element's name.
    pub element: QName,
    /// What the root element holds.
    pub ty: TypeRef,
}

/// A SOAP header block the client sends with the request.
#[derive(Clone, Debug, PartialEq)]
pub struct HeaderBlock {
    /// The header element's name.
    pub element: QName,
    /// What the header element holds.
    pub ty: TypeRef,
    /// `mustUnderstand` or a required WSDL part: the client sends it always.
    pub required: bool,
    /// Documentation of the header.
    pub docs: Docs,
}

/// A fault an operation declares (`wsdl:fault`); its detail is typed.
#[derive(Clone, Debug, PartialEq)]
pub struct FaultDecl {
    /// The fault's name in the document.
    pub name: String,
    /// The detail element's name.
    pub element: QName,
    /// What the detail element holds.
    pub ty: TypeRef,
    /// Documentation of the fault.
    pub docs: Docs,
}

/// What a field or message holds.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TypeRef {
    /// A built-in value type.
    Primitive(Primitive),
    /// A type of [`Model::types`].
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

/// A list inside a wrapper element (`<Errors><ResponseError/>…</Errors>`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct WrappedList {
    /// The repeated item element's name.
    pub item: QName,
    /// What each item holds.
    pub item_ty: TypeRef,
    /// Items may be `xsi:nil`.
    pub item_nillable: bool,
}

/// A named type.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeDef {
    /// The wire/schema name this type is known by (element or type name).
    pub name: QName,
    /// Struct, enum or choice.
    pub kind: TypeKind,
    /// Documentation of the type.
    pub docs: Docs,
    /// Where the type was read.
    pub provenance: Provenance,
}

/// What kind of type a [`TypeDef`] is.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeKind {
    /// Elements, attributes and text: a Rust struct.
    Struct(StructDef),
    /// A closed list of values: a Rust enum (with a catch-all variant).
    Enum(EnumDef),
    /// `xs:choice`: exactly one of several elements. A field of this type has no element
    /// of its own: the chosen alternative's element stands in its place.
    Choice(ChoiceDef),
}

/// The alternatives of an `xs:choice`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ChoiceDef {
    /// One alternative per element; `occurs` on an alternative is within the branch
    /// (`Many` for a repeated element inside the branch).
    pub alternatives: Vec<Field>,
}

/// A complex type: child elements, attributes and text.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct StructDef {
    /// Child elements, in document order.
    pub fields: Vec<Field>,
    /// The base type's fields come first (`xs:extension`); kept for docs.
    pub base: Option<TypeId>,
    /// `xs:anyAttribute`: attributes not listed are kept.
    pub any_attributes: bool,
    /// Attributes, in schema order.
    pub attributes: Vec<Attribute>,
    /// Text content next to attributes (`xs:simpleContent`).
    pub text: Option<TypeRef>,
}

/// A child element of a struct.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The element's name on the wire (namespace empty when unqualified).
    pub name: QName,
    /// What the element holds.
    pub ty: TypeRef,
    /// How many times the element appears.
    pub occurs: Occurs,
    /// `xsi:nil="true"` allowed.
    pub nillable: bool,
    /// Documentation of the field.
    pub docs: Docs,
    /// Where the field was read.
    pub provenance: Provenance,
}

/// How often a field's element appears.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Occurs {
    /// Exactly once.
    Required,
    /// Zero or one.
    Optional,
    /// Repeated siblings (zero or more).
    Many,
}

/// An XML attribute of a struct.
#[derive(Clone, Debug, PartialEq)]
pub struct Attribute {
    /// The attribute's name (namespace empty when unqualified).
    pub name: QName,
    /// What the attribute holds.
    pub ty: TypeRef,
    /// `use="required"`.
    pub required: bool,
    /// The schema's default value.
    pub default: Option<String>,
    /// Documentation of the attribute.
    pub docs: Docs,
}

/// A simple type restricted to a list of values.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumDef {
    /// The lexical type the values are written in (usually `String`).
    pub base: Primitive,
    /// The values, in document order.
    pub variants: Vec<EnumVariant>,
}

/// One value of an enum.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumVariant {
    /// The value exactly as on the wire.
    pub value: String,
    /// Documentation of the value.
    pub docs: Docs,
}

/// Documentation paragraphs, in order; each may be multi-line Markdown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Docs(pub Vec<String>);

impl Docs {
    /// Adds a paragraph, unless it is blank.
    pub fn push(&mut self, paragraph: impl Into<String>) {
        let p = paragraph.into();
        if !p.trim().is_empty() {
            self.0.push(p);
        }
    }

    /// No paragraph at all.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
