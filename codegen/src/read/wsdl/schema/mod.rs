//! XML Schema → model types.
//!
//! Every named type and every global element with an anonymous type, in every schema
//! read, becomes a [`TypeDef`] — except array-shaped types (`ArrayOfX`, SOAP-encoded
//! arrays): fields hold those as [`TypeRef::Wrapped`], and they become structs only
//! where something needs one (a message, a base type). Named types get their ids in
//! document order before any content is read, so forward and circular references are
//! plain ids; contents are filled from a queue, which keeps the Rust stack flat however
//! deeply anonymous types nest. Lookups go through [`Index`](super::index::Index) and
//! memo tables keyed by name, so each type is converted once.

mod content;
mod elements;
mod particles;
mod simple;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::rc::Rc;

use super::builtins::WSDL;
use super::dom::Doc;
use super::index::Index;
use super::load::Loaded;
use crate::ir::{
    Docs, Model, Primitive, Provenance, QName, StructDef, TypeDef, TypeId, TypeKind, TypeRef,
};
use crate::read::locate::Locator;
use crate::read::xml::ElemId;

pub use elements::Decl;

/// Deeper chains than this (base of base of …, groups in groups, arrays of arrays)
/// are cut with a warning: real schemas stay far below, hostile ones cannot exhaust
/// the stack.
const MAX_NESTING: u32 = 64;

/// A value's type as a field holds it, with a remark for the field's docs.
#[derive(Clone, Debug)]
pub struct Value {
    pub ty: TypeRef,
    pub note: Option<String>,
}

impl Value {
    fn of(ty: TypeRef) -> Value {
        Value { ty, note: None }
    }

    fn raw() -> Value {
        Value::of(TypeRef::RawXml)
    }
}

/// Where a construct sits, for provenance and warnings.
#[derive(Clone, Copy, Debug)]
pub struct Site {
    pub doc: usize,
    pub el: ElemId,
}

/// What kind of named thing is being worked on, for the cycle guard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Work {
    Content,
    Array,
    Simple,
    Element,
    Group,
    AttributeGroup,
}

/// A struct whose id is handed out but whose content is still to be read.
struct Job {
    id: TypeId,
    schema: usize,
    /// The `xs:complexType`.
    el: ElemId,
    /// Set for named types, whose content is memoised for types deriving from them.
    named: Option<QName>,
    /// Names the choices inside.
    owner: QName,
}

pub struct Types<'a> {
    pub set: &'a Loaded,
    pub index: &'a Index,
    pub model: &'a mut Model,
    locators: Vec<Locator<'a>>,
    /// The struct or enum of each named type that has one.
    named: BTreeMap<QName, TypeId>,
    /// Anonymous complex types and enumerations, by (schema, defining element).
    anonymous: BTreeMap<(usize, ElemId), TypeId>,
    /// Choice types, by (schema, `xs:choice`).
    choices: BTreeMap<(usize, ElemId), TypeId>,
    /// Choice types of substitution groups, by head (`None`: no element can stand there).
    substitutions: BTreeMap<QName, Option<TypeId>>,
    /// What a reference to a named type means in a field.
    values: BTreeMap<QName, Value>,
    /// Global elements as declarations.
    globals: BTreeMap<QName, Decl>,
    /// Contents of named complex types; types deriving from them copy these.
    contents: BTreeMap<QName, Rc<StructDef>>,
    active: BTreeSet<(Work, QName)>,
    depth: u32,
    queue: VecDeque<Job>,
    /// Unresolvable names already warned about (one warning each), by kind.
    warned: BTreeSet<(&'static str, QName)>,
    warned_sites: BTreeSet<(usize, ElemId)>,
}

impl<'a> Types<'a> {
    pub fn new(set: &'a Loaded, index: &'a Index, model: &'a mut Model) -> Self {
        let locators = set.docs.iter().map(|d| Locator::new(&d.source)).collect();
        let types = Types {
            set,
            index,
            model,
            locators,
            named: BTreeMap::new(),
            anonymous: BTreeMap::new(),
            choices: BTreeMap::new(),
            substitutions: BTreeMap::new(),
            values: BTreeMap::new(),
            globals: BTreeMap::new(),
            contents: BTreeMap::new(),
            active: BTreeSet::new(),
            depth: 0,
            queue: VecDeque::new(),
            warned: BTreeSet::new(),
            warned_sites: BTreeSet::new(),
        };
        for n in set.notes.iter().chain(&index.notes) {
            let at = types.locators[n.doc].at(n.offset);
            types.model.warn(at, n.message.clone());
        }
        types
    }

    /// Converts every named type and global element of every schema, in document order.
    pub fn convert_all(&mut self) {
        for schema in 0..self.set.schemas.len() {
            let s = &self.set.schemas[schema];
            let doc = &self.set.docs[s.doc];
            let tops: Vec<(ElemId, String)> = doc
                .children_in(s.el, &s.xs)
                .filter_map(|el| Some((el, doc.attr(el, "name")?.to_owned())))
                .collect();
            for (el, name) in tops {
                let q = QName::new(s.tns.clone(), name);
                match self.set.schema_doc(schema).name(el).local.as_str() {
                    "complexType" | "simpleType" => {
                        self.named_value(&q, Site { doc: s.doc, el });
                    }
                    "element" => {
                        self.global(&q);
                        // Global elements are message candidates: even an array-shaped
                        // anonymous type gets its struct, in document order.
                        if doc.child(el, &s.xs, "complexType").is_some() {
                            self.element_message(&q);
                        }
                    }
                    _ => {}
                }
            }
        }
        self.finish();
    }

    /// Fills every struct whose id was handed out.
    pub fn finish(&mut self) {
        while let Some(job) = self.queue.pop_front() {
            let def = match &job.named {
                Some(q) => (*self.content_of(q)).clone(),
                None => self.complex(job.schema, job.el, &job.owner),
            };
            self.model.ty_mut(job.id).kind = TypeKind::Struct(def);
        }
    }

    pub fn doc(&self, doc: usize) -> &'a Doc {
        &self.set.docs[doc]
    }

    fn sdoc(&self, schema: usize) -> &'a Doc {
        self.set.schema_doc(schema)
    }

    fn site(&self, schema: usize, el: ElemId) -> Site {
        Site { doc: self.set.schemas[schema].doc, el }
    }

    pub fn at(&self, site: Site) -> Provenance {
        self.locators[site.doc].at(self.doc(site.doc).dom.get(site.el).offset)
    }

    pub fn warn(&mut self, site: Site, message: impl Into<String>) {
        let at = self.at(site);
        self.model.warn(at, message);
    }

    /// Docs of a schema construct (`xs:annotation/xs:documentation`).
    fn docs(&self, schema: usize, el: ElemId) -> Docs {
        self.sdoc(schema).docs(el, WSDL, &self.set.schemas[schema].xs)
    }

    /// A new type whose content is set later (or right after, by the caller).
    fn allocate(&mut self, name: QName, docs: Docs, site: Site) -> TypeId {
        let provenance = self.at(site);
        self.model.add_type(TypeDef {
            name,
            kind: TypeKind::Struct(StructDef::default()),
            docs,
            provenance,
        })
    }

    /// Queues the content of complex type `el` for the struct `id`.
    fn enqueue(
        &mut self,
        id: TypeId,
        schema: usize,
        el: ElemId,
        named: Option<QName>,
        owner: QName,
    ) {
        self.queue.push_back(Job { id, schema, el, named, owner });
    }

    /// Enters a nested definition; `false` (after a warning) when too deep or circular.
    fn enter(&mut self, work: Work, name: &QName, site: Site) -> bool {
        let problem = if self.depth >= MAX_NESTING {
            format!("definitions nest more than {MAX_NESTING} levels deep here")
        } else if !self.active.insert((work, name.clone())) {
            format!("'{}' is defined in terms of itself", name.local)
        } else {
            self.depth += 1;
            return true;
        };
        self.warn(site, format!("{problem}: '{}' is not followed further", name.local));
        false
    }

    fn leave(&mut self, work: Work, name: &QName) {
        self.active.remove(&(work, name.clone()));
        self.depth -= 1;
    }

    /// Enters an anonymous nested construct; `false` (after a warning) when too deep.
    fn nest(&mut self, site: Site) -> bool {
        if self.depth >= MAX_NESTING {
            let message = format!("content models nest more than {MAX_NESTING} levels deep here");
            self.warn(site, format!("{message}: the rest is left out"));
            return false;
        }
        self.depth += 1;
        true
    }

    fn unnest(&mut self) {
        self.depth -= 1;
    }

    /// One warning per construct, however often a group or base type brings it in.
    fn warn_once(&mut self, site: Site, message: impl Into<String>) {
        if self.warned_sites.insert((site.doc, site.el)) {
            self.warn(site, message);
        }
    }

    /// `minOccurs`/`maxOccurs` (`unbounded` = `u64::MAX`); `None` when unreadable.
    fn bounds(&self, schema: usize, el: ElemId) -> Option<(u64, u64)> {
        let doc = self.sdoc(schema);
        let min = doc.attr(el, "minOccurs").map_or(Some(1), |v| v.trim().parse().ok())?;
        let max = match doc.attr(el, "maxOccurs").map(str::trim) {
            None => 1,
            Some("unbounded") => u64::MAX,
            Some(v) => v.parse().ok()?,
        };
        Some((min, max))
    }

    /// [`Types::bounds`], warning about (and defaulting) unreadable values.
    fn bounds_or_warn(&mut self, schema: usize, el: ElemId) -> (u64, u64) {
        self.bounds(schema, el).unwrap_or_else(|| {
            let site = self.site(schema, el);
            self.warn(
                site,
                "expected minOccurs/maxOccurs to be a number (or 'unbounded'): read as once",
            );
            (1, 1)
        })
    }

    /// Attributes and simple content hold text: anything else is read as a string.
    fn as_text(&self, v: Value) -> Value {
        match &v.ty {
            TypeRef::Primitive(_) | TypeRef::List(_) => v,
            TypeRef::Named(id) if matches!(self.model.ty(*id).kind, TypeKind::Enum(_)) => v,
            _ => Value {
                ty: TypeRef::Primitive(Primitive::String),
                note: Some("Not a simple type: read as text.".into()),
            },
        }
    }

    /// Warns once per name that a reference leads nowhere; `fallback` says what
    /// becomes of it.
    pub fn unresolved(&mut self, kind: &'static str, name: &QName, site: Site, fallback: &str) {
        if !self.warned.insert((kind, name.clone())) {
            return;
        }
        let why = match self.set.unloaded_brief(&name.namespace) {
            Some(hint) => format!(" ({hint})"),
            None => String::new(),
        };
        let ns = if name.namespace.is_empty() {
            "no namespace".to_owned()
        } else {
            format!("namespace '{}'", name.namespace)
        };
        self.warn(site, format!("{kind} '{}' in {ns} not found{why}: {fallback}", name.local));
    }
}
