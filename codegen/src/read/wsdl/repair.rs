//! Slightly broken descriptions still give a client. Real WSDLs are hand-edited and
//! trimmed: a `soap:header` or `wsdl:fault` names a message nobody defined, a binding
//! operation is missing from its portType, a port's binding or a binding's portType is
//! not there, `xsd:` or `soap:` is used without being declared. node-soap and zeep load
//! such files; so does soapgen: what is whole is generated, the dangling part becomes raw
//! XML or is left out, and each repair is a warning located at the dangling reference,
//! saying what was done and what the user could do.
//!
//! Two exceptions keep the located error:
//! - `--strict` (`Builder::strict`, `strict = true` in soapgen.toml): every repair is
//!   refused as it always was.
//! - A reference that a skipped import would have supplied: the error names the import
//!   and the `--map` or `soapgen fetch` that loads it. Repairing it would silently give a
//!   client missing what the import holds (a WCF service's whole portType), while the
//!   fix is one option away.
//!
//! Hostile XML (DTDs, entity tricks, limits) is never repaired: it fails in the parser,
//! before any of this runs.

use std::collections::BTreeMap;

use super::builtins::WSDL;
use super::index::WComp;
use super::load::Loaded;
use super::prefixes::well_known;
use super::schema::Types;
use crate::Error;
use crate::ir::QName;
use crate::read::xml::ElemId;

/// The kinds of WSDL component a reference names, and where they are indexed.
#[derive(Clone, Copy)]
pub enum Component {
    Message,
    PortType,
    Binding,
}

impl Component {
    fn name(self) -> &'static str {
        match self {
            Component::Message => "message",
            Component::PortType => "portType",
            Component::Binding => "binding",
        }
    }

    fn map<'i>(self, types: &Types<'i>) -> &'i BTreeMap<QName, WComp> {
        let index = types.index;
        match self {
            Component::Message => &index.messages,
            Component::PortType => &index.port_types,
            Component::Binding => &index.bindings,
        }
    }
}

impl Types<'_> {
    /// A repair: under `--strict`, `error` as it always was; otherwise a warning at the
    /// error's place, its message followed by `done` (what was done, what to do).
    pub fn repair(&mut self, error: Error, done: &str) -> Result<(), Error> {
        if self.set.strict {
            return Err(error);
        }
        match error {
            Error::Input { at, message, line_text } => {
                self.model.warn(at.clone(), format!("{message}; {done}"));
                let mut first = self.set.first_repair.borrow_mut();
                first.get_or_insert(Error::Input { at, message, line_text });
                Ok(())
            }
            other => Err(other),
        }
    }

    /// The component that attribute `attr` of `el` (in document `doc`) names.
    ///
    /// `Ok(None)`: it leads nowhere, and the repair is already reported with `done`
    /// appended. A prefix that resolves to the wrong namespace (or to none) is mended
    /// when exactly one component of that kind has the local name. Errors: `--strict`,
    /// a missing attribute, or a name a skipped import would have supplied.
    pub fn component(
        &mut self,
        kind: Component,
        doc: usize,
        el: ElemId,
        attr: &str,
        done: &str,
    ) -> Result<Option<(QName, WComp)>, Error> {
        let d = self.doc(doc);
        let raw = match d.required(el, attr) {
            Ok(raw) => raw,
            Err(error) => {
                self.repair(error, done)?;
                return Ok(None);
            }
        };
        let map = kind.map(self);
        let at = d.attr_offset(el, attr);
        let error = match d.resolve(el, raw) {
            Ok(q) => match map.get(&q) {
                Some(&c) => return Ok(Some((q, c))),
                None => {
                    let what = kind.name();
                    let mut message =
                        format!("{what} '{raw}' not found: expected a wsdl:{what} with that name");
                    if let Some(hint) = self.set.unloaded_hint(&q.namespace, true) {
                        return Err(d.source.error(at, format!("{message}; {hint}")));
                    }
                    if self.set.strict {
                        return Err(d.source.error(at, message));
                    }
                    if let Some((found, c)) = by_local_name(map, &q.local) {
                        message = format!(
                            "{message} in namespace '{}'; read as the only {what} named '{}', in namespace '{}' \
                             (correct the prefix or its declaration)",
                            q.namespace, found.local, found.namespace
                        );
                        self.model.warn(d.source.position(at), message);
                        return Ok(Some((found, c)));
                    }
                    if let Some((found, c, unused)) = self.unused(kind) {
                        message = format!(
                            "{message}; read as '{}', the only {unused} (correct the {attr}= if that is wrong)",
                            found.local
                        );
                        self.model.warn(d.source.position(at), message);
                        return Ok(Some((found, c)));
                    }
                    d.source.error(at, message)
                }
            },
            Err(message) => {
                let local = raw.rsplit(':').next().unwrap_or(raw);
                if !self.set.strict {
                    if let Some((q, c)) = by_local_name(map, local) {
                        let what = kind.name();
                        let message = format!(
                            "{message}; read as the only {what} named '{local}', in namespace '{}' \
                             (declare the prefix)",
                            q.namespace
                        );
                        self.model.warn(d.source.position(at), message);
                        return Ok(Some((q, c)));
                    }
                }
                d.source.error(at, message)
            }
        };
        self.repair(error, done)?;
        Ok(None)
    }

    /// The only binding no port names, or the only portType no binding names: what a
    /// reference copied from another description most likely meant. Messages are many
    /// and often unused, so none is guessed for them.
    fn unused(&self, kind: Component) -> Option<(QName, WComp, &'static str)> {
        let (users, attr, unused): (Vec<(usize, ElemId)>, &str, &str) = match kind {
            Component::Message => return None,
            Component::Binding => {
                let mut ports = Vec::new();
                for s in &self.index.services {
                    let doc = self.set.definitions[s.defs].doc;
                    let d = self.doc(doc);
                    ports.extend(
                        d.children_in(s.el, WSDL)
                            .filter(|&p| d.name(p).local == "port")
                            .map(|p| (doc, p)),
                    );
                }
                (ports, "binding", "binding no port names")
            }
            Component::PortType => {
                let bindings = self.index.binding_order.iter();
                let users = bindings.map(|b| (self.set.definitions[b.defs].doc, b.el)).collect();
                (users, "type", "portType no binding names")
            }
        };
        let named: Vec<QName> = users
            .iter()
            .filter_map(|&(doc, el)| {
                let d = self.doc(doc);
                d.resolve(el, d.attr(el, attr)?).ok()
            })
            .collect();
        let mut free = kind.map(self).iter().filter(|(q, _)| !named.contains(q));
        let (q, c) = free.next()?;
        free.next().is_none().then(|| (q.clone(), *c, unused))
    }
}

/// The one component with local name `local`, if exactly one has it.
fn by_local_name(map: &BTreeMap<QName, WComp>, local: &str) -> Option<(QName, WComp)> {
    let mut found = map.iter().filter(|(q, _)| q.local == local);
    let (q, c) = found.next()?;
    found.next().is_none().then(|| (q.clone(), *c))
}

/// A description that offers services or bindings, yet gives none once repaired: the
/// repairs took everything, and the first one is the clearer message (with why).
pub fn left_nothing(set: &Loaded, index: &super::index::Index, services: usize) -> Option<Error> {
    if services > 0 || (index.services.is_empty() && index.binding_order.is_empty()) {
        return None;
    }
    match set.first_repair.borrow_mut().take()? {
        Error::Input { at, message, line_text } => Some(Error::Input {
            at,
            message: format!("{message}; repairing it left no SOAP operation to generate"),
            line_text,
        }),
        other => Some(other),
    }
}

/// One warning per undeclared prefix per document, at its first use.
pub fn prefix_warnings(set: &Loaded) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for (i, d) in set.docs.iter().enumerate() {
        for (prefix, offset) in d.guessed() {
            let read_as = match well_known(&prefix) {
                Some(ns) => format!("read as '{ns}'"),
                None => "read as the target namespace".to_owned(),
            };
            let message = format!(
                "prefix '{prefix}' is used without a namespace declaration: {read_as} \
                 (declare xmlns:{prefix} on the root element; --strict refuses this)"
            );
            out.push((i, offset, message));
        }
    }
    out
}
