//! Every document a description pulls in (`wsdl:import`, `xs:import`, `xs:include`),
//! each read once, and the schemas found in them with the context their names need.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::Path;

use super::builtins::{WSDL, is_schema_ns};
use super::dom::Doc;
use super::loader::{Loader, normalise};
use super::unloaded::{self as skipped, Skipped};
use crate::ir::QName;
use crate::read::xml::ElemId;
use crate::{Error, Source};

/// One `xs:schema` element, as it applies: a chameleon include takes the includer's
/// target namespace, so the same element may appear twice with different ones.
pub struct Schema {
    pub doc: usize,
    pub el: ElemId,
    /// The XML Schema namespace its elements are written in (2001, or a draft).
    pub xs: String,
    pub tns: String,
    /// Included without a target namespace: unqualified references mean `tns`.
    pub chameleon: bool,
    pub qualified_elements: bool,
    pub qualified_attributes: bool,
}

/// One `wsdl:definitions` element.
pub struct Definitions {
    pub doc: usize,
    pub el: ElemId,
    pub tns: String,
}

/// A warning found before positions can be computed cheaply.
pub struct Note {
    pub doc: usize,
    pub offset: usize,
    pub message: String,
}

#[derive(Default)]
pub struct Loaded {
    pub docs: Vec<Doc>,
    pub schemas: Vec<Schema>,
    pub definitions: Vec<Definitions>,
    /// Every import or include not loaded, where it was written.
    pub skipped: Vec<Skipped>,
    pub notes: Vec<Note>,
    /// `--strict`: broken references are refused, not repaired (see `repair`).
    pub strict: bool,
    /// The first repair made, as the error `--strict` would have given.
    pub first_repair: std::cell::RefCell<Option<Error>>,
}

impl Loaded {
    /// The skipped imports that would have supplied a name in `namespace` (same namespace;
    /// for WSDL components, any skipped WSDL import when none matches).
    fn candidates(&self, namespace: &str, wsdl_component: bool) -> Vec<&Skipped> {
        let mut found: Vec<&Skipped> =
            self.skipped.iter().filter(|s| s.namespace == namespace).collect();
        if found.is_empty() && wsdl_component {
            found = self.skipped.iter().filter(|s| s.wsdl).collect();
        }
        found
    }

    fn place(&self, s: &Skipped) -> String {
        let at = self.docs[s.doc].source.position(s.offset);
        format!("{}:{}:{}", at.file, at.line, at.column)
    }

    /// For an error: the skipped imports that would have supplied the missing name, where
    /// they are written, and what to run; `None` when nothing was skipped.
    pub fn unloaded_hint(&self, namespace: &str, wsdl_component: bool) -> Option<String> {
        let found = self.candidates(namespace, wsdl_component);
        let first = found.first()?;
        let imports: Vec<String> = found
            .iter()
            .map(|s| {
                let ns = if s.namespace.is_empty() {
                    String::new()
                } else {
                    format!(" (namespace '{}')", s.namespace)
                };
                format!("'{}'{ns}, imported at {}", s.location, self.place(s))
            })
            .collect();
        let was = if found.len() == 1 { "was" } else { "were" };
        let mut remedy = skipped::remedy(first);
        if found.len() > 1 {
            let maps: Vec<String> = found.iter().map(|s| skipped::map_option(s)).collect();
            remedy = format!("save them and pass `{}`", maps.join(" "));
        }
        Some(format!(
            "{} {was} not loaded (remote documents are never fetched while generating): {remedy}",
            imports.join("; ")
        ))
    }

    /// For a warning repeated per name: the import and the `--map` that gives it.
    pub fn unloaded_brief(&self, namespace: &str) -> Option<String> {
        let s = self.candidates(namespace, false).into_iter().next()?;
        Some(format!(
            "its schema '{}', imported at {}, was not loaded: pass `{}`",
            s.location,
            self.place(s),
            skipped::map_option(s)
        ))
    }

    pub fn schema_doc(&self, schema: usize) -> &Doc {
        &self.docs[self.schemas[schema].doc]
    }

    /// A QName-valued attribute value inside `schema`, chameleon-adjusted.
    pub fn resolve(&self, schema: usize, el: ElemId, value: &str) -> Result<QName, String> {
        let s = &self.schemas[schema];
        let mut q = self.docs[s.doc].resolve(el, value)?;
        if q.namespace.is_empty() && s.chameleon {
            q.namespace.clone_from(&s.tns);
        }
        Ok(q)
    }
}

/// Reads `entry` and everything it imports or includes, then indexes the lot.
pub fn load(entry: &Source, loader: &dyn Loader, strict: bool) -> Result<Loaded, Error> {
    let mut l = Loading::default();
    l.out.strict = strict;
    let first = l.add(entry.clone())?;
    l.queue.push_back((first, None));
    while let Some((doc, into)) = l.queue.pop_front() {
        l.visit(doc, into, loader)?;
    }
    Ok(l.out)
}

#[derive(Default)]
struct Loading {
    out: Loaded,
    /// Normalised file name → document.
    by_name: BTreeMap<String, usize>,
    definitions_seen: BTreeSet<usize>,
    schemas_seen: BTreeSet<(usize, ElemId, String)>,
    /// Documents to look into, with the namespace an include puts them in.
    queue: VecDeque<(usize, Option<String>)>,
}

impl Loading {
    fn add(&mut self, source: Source) -> Result<usize, Error> {
        let key = normalise(Path::new(&*source.name)).display().to_string();
        if let Some(&doc) = self.by_name.get(&key) {
            return Ok(doc);
        }
        let doc = Doc::parse(source, self.out.strict)?;
        self.out.docs.push(doc);
        let id = self.out.docs.len() - 1;
        self.by_name.insert(key, id);
        Ok(id)
    }

    fn visit(
        &mut self,
        doc: usize,
        into: Option<String>,
        loader: &dyn Loader,
    ) -> Result<(), Error> {
        let d = &self.out.docs[doc];
        let root = d.dom.root();
        let name = d.name(root).clone();
        if name.namespace == WSDL && name.local == "definitions" {
            return self.definitions(doc, root, loader);
        }
        if is_schema_ns(&name.namespace) && name.local == "schema" {
            return self.schema(doc, root, into, loader);
        }
        let found = d.dom.get(root).qualified();
        let ns = if name.namespace.is_empty() {
            "no namespace".to_owned()
        } else {
            format!("namespace '{}'", name.namespace)
        };
        Err(d.error(
            root,
            format!("expected <wsdl:definitions> (WSDL 1.1) or <xs:schema> as the root element, found <{found}> in {ns}"),
        ))
    }

    fn definitions(&mut self, doc: usize, root: ElemId, loader: &dyn Loader) -> Result<(), Error> {
        if !self.definitions_seen.insert(doc) {
            return Ok(());
        }
        let d = &self.out.docs[doc];
        let tns = d.attr(root, "targetNamespace").unwrap_or("").to_owned();
        self.out.definitions.push(Definitions { doc, el: root, tns });
        let children: Vec<ElemId> = d.children_in(root, WSDL).collect();
        for c in children {
            let d = &self.out.docs[doc];
            match d.name(c).local.as_str() {
                "import" => {
                    let ns = d.attr(c, "namespace").unwrap_or("").to_owned();
                    self.follow(doc, c, "location", &ns, None, loader)?;
                }
                "types" => {
                    let schemas: Vec<ElemId> = d
                        .dom
                        .children(c)
                        .filter(|&s| {
                            d.name(s).local == "schema" && is_schema_ns(&d.name(s).namespace)
                        })
                        .collect();
                    for s in schemas {
                        self.schema(doc, s, None, loader)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn schema(
        &mut self,
        doc: usize,
        el: ElemId,
        into: Option<String>,
        loader: &dyn Loader,
    ) -> Result<(), Error> {
        let d = &self.out.docs[doc];
        let own = d.attr(el, "targetNamespace");
        let chameleon = own.is_none() && into.as_deref().is_some_and(|ns| !ns.is_empty());
        let tns = own.map(str::to_owned).or(into).unwrap_or_default();
        if !self.schemas_seen.insert((doc, el, tns.clone())) {
            return Ok(());
        }
        let xs = d.name(el).namespace.clone();
        let schema = Schema {
            doc,
            el,
            qualified_elements: d.attr(el, "elementFormDefault") == Some("qualified"),
            qualified_attributes: d.attr(el, "attributeFormDefault") == Some("qualified"),
            xs: xs.clone(),
            tns: tns.clone(),
            chameleon,
        };
        self.out.schemas.push(schema);
        let children: Vec<ElemId> = d.children_in(el, &xs).collect();
        for c in children {
            let d = &self.out.docs[doc];
            match d.name(c).local.as_str() {
                "include" => {
                    self.follow(doc, c, "schemaLocation", &tns, Some(tns.clone()), loader)?
                }
                "redefine" => {
                    let message = "xs:redefine is read as xs:include: the redefinitions inside it are not applied";
                    self.note(doc, d.dom.get(c).offset, message);
                    self.follow(doc, c, "schemaLocation", &tns, Some(tns.clone()), loader)?;
                }
                "import" => {
                    let ns = d.attr(c, "namespace").unwrap_or("").to_owned();
                    self.follow(doc, c, "schemaLocation", &ns, None, loader)?;
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Loads the document named by attribute `attr` of `el` and queues it.
    fn follow(
        &mut self,
        doc: usize,
        el: ElemId,
        attr: &str,
        namespace: &str,
        into: Option<String>,
        loader: &dyn Loader,
    ) -> Result<(), Error> {
        let d = &self.out.docs[doc];
        // An import without a location names a namespace defined elsewhere in the set.
        let Some(location) = d.attr(el, attr).map(str::to_owned) else { return Ok(()) };
        let at = d.attr_offset(el, attr);
        match loader.load(&location, &d.source) {
            Ok(Some(source)) => {
                let id = self.add(source)?;
                self.queue.push_back((id, into));
            }
            Ok(None) => {
                let what = if namespace.is_empty() {
                    String::new()
                } else {
                    format!(" (namespace '{namespace}')")
                };
                let skipped = Skipped {
                    namespace: namespace.to_owned(),
                    location: location.clone(),
                    doc,
                    offset: at,
                    wsdl: attr == "location",
                };
                let remedy = skipped::remedy(&skipped);
                self.note(
                    doc,
                    at,
                    format!(
                        "'{location}'{what} was not loaded: remote documents are never fetched and \
                         this one is not mapped to a local file; references into it become raw XML; \
                         {remedy}"
                    ),
                );
                self.out.skipped.push(skipped);
            }
            Err(Error::Io { path, source }) => {
                return Err(d.source.error(
                    at,
                    format!("expected a readable document at '{location}' ({path}: {source})"),
                ));
            }
            Err(e) => return Err(e),
        }
        Ok(())
    }

    fn note(&mut self, doc: usize, offset: usize, message: impl Into<String>) {
        self.out.notes.push(Note { doc, offset, message: message.into() });
    }
}
