//! Where each named thing is defined, across every document read: one lookup per
//! reference, whatever the size of the description.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;

use super::builtins::WSDL;
use super::load::{Loaded, Note};
use crate::ir::QName;
use crate::read::xml::ElemId;

/// A top-level schema component: the schema it belongs to and its element.
#[derive(Clone, Copy, Debug)]
pub struct Comp {
    pub schema: usize,
    pub el: ElemId,
}

/// A top-level WSDL component: its `wsdl:definitions` and its element.
#[derive(Clone, Copy, Debug)]
pub struct WComp {
    pub defs: usize,
    pub el: ElemId,
}

#[derive(Default)]
pub struct Index {
    pub elements: BTreeMap<QName, Comp>,
    /// Complex and simple types (one symbol space).
    pub types: BTreeMap<QName, Comp>,
    pub groups: BTreeMap<QName, Comp>,
    pub attribute_groups: BTreeMap<QName, Comp>,
    pub attributes: BTreeMap<QName, Comp>,
    /// Substitution group head → its direct members, in document order.
    pub members: BTreeMap<QName, Vec<QName>>,
    pub messages: BTreeMap<QName, WComp>,
    pub port_types: BTreeMap<QName, WComp>,
    pub bindings: BTreeMap<QName, WComp>,
    /// In document order, as are the two below.
    pub services: Vec<WComp>,
    pub binding_order: Vec<WComp>,
    /// Names defined twice, as warnings.
    pub notes: Vec<Note>,
}

/// Indexes every schema and definitions element read, with warnings about names
/// defined twice (the first definition wins).
pub fn build(set: &Loaded) -> Index {
    let mut index = Index::default();
    let mut notes = Vec::new();
    for (i, s) in set.schemas.iter().enumerate() {
        let doc = &set.docs[s.doc];
        for el in doc.children_in(s.el, &s.xs) {
            let kind = doc.name(el).local.as_str();
            let map = match kind {
                "element" => &mut index.elements,
                "complexType" | "simpleType" => &mut index.types,
                "group" => &mut index.groups,
                "attributeGroup" => &mut index.attribute_groups,
                "attribute" => &mut index.attributes,
                _ => continue,
            };
            let Some(name) = doc.attr(el, "name") else { continue };
            let q = QName::new(s.tns.clone(), name);
            if kind == "element" {
                if let Some(head) =
                    doc.attr(el, "substitutionGroup").and_then(|h| set.resolve(i, el, h).ok())
                {
                    index.members.entry(head).or_default().push(q.clone());
                }
            }
            insert(map, q, Comp { schema: i, el }, kind, s.doc, doc.dom.get(el).offset, &mut notes);
        }
    }
    for (i, d) in set.definitions.iter().enumerate() {
        let doc = &set.docs[d.doc];
        for el in doc.children_in(d.el, WSDL) {
            let kind = doc.name(el).local.as_str();
            let c = WComp { defs: i, el };
            let map = match kind {
                "message" => &mut index.messages,
                "portType" => &mut index.port_types,
                "binding" => {
                    index.binding_order.push(c);
                    &mut index.bindings
                }
                "service" => {
                    index.services.push(c);
                    continue;
                }
                _ => continue,
            };
            let Some(name) = doc.attr(el, "name") else { continue };
            insert(
                map,
                QName::new(d.tns.clone(), name),
                c,
                kind,
                d.doc,
                doc.dom.get(el).offset,
                &mut notes,
            );
        }
    }
    index.notes = notes;
    index
}

fn insert<C>(
    map: &mut BTreeMap<QName, C>,
    q: QName,
    c: C,
    kind: &str,
    doc: usize,
    offset: usize,
    notes: &mut Vec<Note>,
) {
    match map.entry(q) {
        Entry::Occupied(e) => {
            let q = e.key();
            let message = format!(
                "{kind} '{}' in namespace '{}' is defined again here: the first definition is used",
                q.local, q.namespace
            );
            notes.push(Note { doc, offset, message });
        }
        Entry::Vacant(e) => {
            e.insert(c);
        }
    }
}
