//! Content models → fields: elements, sequences, choices, group references, wildcards.
//!
//! A choice whose branches are single elements (directly, or through one-element
//! sequences, nested choices and groups) becomes a [`TypeKind::Choice`]. A choice with
//! a branch of several elements has no such shape in the model: its elements become
//! optional fields of the enclosing type, with a warning — every valid document still
//! reads and writes, only "exactly one branch" is not enforced.

use super::{Decl, Site, Types, Work};
use crate::ir::{ChoiceDef, Docs, Field, Occurs, QName, TypeDef, TypeKind, TypeRef};
use crate::read::xml::ElemId;

/// How often an element occurs, from `minOccurs`/`maxOccurs`.
pub fn occurs(min: u64, max: u64) -> Occurs {
    match (min, max) {
        (_, 2..) => Occurs::Many,
        (0, _) => Occurs::Optional,
        _ => Occurs::Required,
    }
}

/// A particle of occurrence `inner` inside a group of occurrence `outer`.
pub fn combine(outer: Occurs, inner: Occurs) -> Occurs {
    match (outer, inner) {
        (Occurs::Many, _) | (_, Occurs::Many) => Occurs::Many,
        (Occurs::Optional, _) | (_, Occurs::Optional) => Occurs::Optional,
        _ => Occurs::Required,
    }
}

/// A choice has no element of its own: its field is named JAXB-style (`aOrBOrC`) when
/// that stays short, else `choice`; its type after the field, or the owner (`XChoice`).
fn choice_names(alternatives: &[Field], owner: &QName) -> (String, String) {
    if alternatives.len() > 3 {
        return ("choice".into(), format!("{}Choice", owner.local));
    }
    let mut name = String::new();
    for (i, a) in alternatives.iter().enumerate() {
        let mut chars = a.name.local.chars();
        if i > 0 {
            name.push_str("Or");
            name.extend(chars.next().map(|c| c.to_ascii_uppercase()));
        }
        name.extend(chars);
    }
    let mut chars = name.chars();
    let ty = chars.next().map(|c| c.to_ascii_uppercase()).into_iter().chain(chars).collect();
    (name, ty)
}

impl Types<'_> {
    /// Appends the fields of particle `el` (occurring `outer` times per parent) to `out`.
    pub(super) fn particle(
        &mut self,
        schema: usize,
        el: ElemId,
        outer: Occurs,
        owner: &QName,
        out: &mut Vec<Field>,
    ) {
        let kind = self.sdoc(schema).name(el).local.clone();
        if kind == "annotation" {
            return;
        }
        let site = self.site(schema, el);
        let (min, max) = self.bounds_or_warn(schema, el);
        if max == 0 {
            return;
        }
        let occ = combine(outer, occurs(min, max));
        match kind.as_str() {
            "element" => {
                if let Some(decl) = self.local_decl(schema, el) {
                    let field = self.element_field(decl, occ);
                    out.push(field);
                }
            }
            "sequence" | "all" => {
                let kids = self.particles(schema, el);
                if max > 1 && kids.len() > 1 {
                    self.warn_once(
                        site,
                        "a repeated sequence of several elements: each element becomes a list of its own \
                         (the order between them is not kept)",
                    );
                }
                if self.nest(site) {
                    for k in kids {
                        self.particle(schema, k, occ, owner, out);
                    }
                    self.unnest();
                }
            }
            "choice" => self.choice(schema, el, occ, owner, out),
            "group" => self.group_ref(schema, el, occ, owner, out),
            "any" => {
                let docs = self.docs(schema, el);
                out.push(self.wildcard(site, occ, docs));
            }
            other => self.warn_once(
                site,
                format!("<xs:{other}> is not understood in a content model: left out"),
            ),
        }
    }

    /// Child particles (everything but annotations).
    fn particles(&self, schema: usize, el: ElemId) -> Vec<ElemId> {
        let doc = self.sdoc(schema);
        doc.children_in(el, &self.set.schemas[schema].xs)
            .filter(|&c| doc.name(c).local != "annotation")
            .collect()
    }

    /// `xs:any`: whole elements kept as they come.
    pub(super) fn wildcard(&self, site: Site, occurs: Occurs, docs: Docs) -> Field {
        let provenance = self.at(site);
        Field {
            name: QName::new("", "any"),
            ty: TypeRef::AnyElement,
            occurs,
            nillable: false,
            docs,
            provenance,
        }
    }

    pub(super) fn field(&self, decl: Decl, occurs: Occurs) -> Field {
        let mut docs = decl.docs;
        if let Some(note) = decl.value.note {
            docs.push(note);
        }
        let provenance = self.at(decl.site);
        Field {
            name: decl.name,
            ty: decl.value.ty,
            occurs,
            nillable: decl.nillable,
            docs,
            provenance,
        }
    }

    /// The field of an element particle; a substitution head's takes a choice of the
    /// elements that may stand in its place.
    fn element_field(&mut self, decl: Decl, occurs: Occurs) -> Field {
        if !decl.substitutable {
            return self.field(decl, occurs);
        }
        let id = match self.substitutions.get(&decl.name) {
            Some(&id) => id,
            None => {
                let alternatives: Vec<Field> = self
                    .substitutes(&decl.name)
                    .into_iter()
                    .map(|d| self.field(d, Occurs::Required))
                    .collect();
                let head = self.index.elements.get(&decl.name).map(|c| self.site(c.schema, c.el));
                let id = (!alternatives.is_empty()).then(|| {
                    let name = QName::new(
                        decl.name.namespace.clone(),
                        format!("{}Choice", decl.name.local),
                    );
                    let kind = TypeKind::Choice(ChoiceDef { alternatives });
                    let provenance = self.at(head.unwrap_or(decl.site));
                    self.model.add_type(TypeDef { name, kind, docs: decl.docs.clone(), provenance })
                });
                self.substitutions.insert(decl.name.clone(), id);
                id
            }
        };
        match id {
            Some(id) => {
                let provenance = self.at(decl.site);
                Field {
                    name: decl.name,
                    ty: TypeRef::Named(id),
                    occurs,
                    nillable: false,
                    docs: decl.docs,
                    provenance,
                }
            }
            None => {
                self.warn_once(
                    decl.site,
                    format!(
                        "element '{}' is abstract and no element read substitutes for it: kept as any element",
                        decl.name.local
                    ),
                );
                self.wildcard(decl.site, occurs, decl.docs)
            }
        }
    }

    /// `xs:choice` (already combined with its own occurrence as `occ`).
    fn choice(
        &mut self,
        schema: usize,
        el: ElemId,
        occ: Occurs,
        owner: &QName,
        out: &mut Vec<Field>,
    ) {
        let site = self.site(schema, el);
        if !self.nest(site) {
            return;
        }
        let mut alternatives = Vec::new();
        let mut optional = false;
        let simple = self.alternatives(schema, el, &mut alternatives, &mut optional);
        if !simple {
            self.warn_once(
                site,
                "this xs:choice has a branch of several elements: all its elements become optional fields \
                 (that exactly one branch is present is not checked)",
            );
            let mut flat = Vec::new();
            for k in self.particles(schema, el) {
                self.particle(schema, k, combine(occ, Occurs::Optional), owner, &mut flat);
            }
            merge(flat, out);
        }
        self.unnest();
        if !simple || alternatives.is_empty() {
            return;
        }
        let occurs = match occ {
            Occurs::Required if optional => Occurs::Optional,
            o => o,
        };
        let group = self.named_group_of(schema, el);
        let (field_name, type_name) = choice_names(&alternatives, owner);
        let id = match self.choices.get(&(schema, el)) {
            Some(&id) => id,
            None => {
                let name =
                    group.clone().unwrap_or_else(|| QName::new(owner.namespace.clone(), type_name));
                let kind = TypeKind::Choice(ChoiceDef { alternatives: alternatives.clone() });
                let docs = self.docs(schema, el);
                let id =
                    self.model.add_type(TypeDef { name, kind, docs, provenance: self.at(site) });
                self.choices.insert((schema, el), id);
                id
            }
        };
        let name = group.map_or(field_name, |g| g.local);
        let provenance = self.at(site);
        let docs = Docs::default();
        out.push(Field {
            name: QName::new("", name),
            ty: TypeRef::Named(id),
            occurs,
            nillable: false,
            docs,
            provenance,
        });
    }

    /// The name of the `xs:group` that `el` is the model group of, if it is one.
    fn named_group_of(&self, schema: usize, el: ElemId) -> Option<QName> {
        let doc = self.sdoc(schema);
        let parent = doc.dom.get(el).parent?;
        let s = &self.set.schemas[schema];
        if doc.name(parent).local != "group" || doc.name(parent).namespace != s.xs {
            return None;
        }
        Some(QName::new(s.tns.clone(), doc.attr(parent, "name")?))
    }

    /// Collects the alternatives of choice `el`; `false` when a branch holds more than
    /// one element (or a wildcard), which a choice type cannot say.
    fn alternatives(
        &mut self,
        schema: usize,
        el: ElemId,
        alts: &mut Vec<Field>,
        optional: &mut bool,
    ) -> bool {
        self.particles(schema, el).into_iter().all(|k| self.branch(schema, k, alts, optional))
    }

    fn branch(
        &mut self,
        schema: usize,
        k: ElemId,
        alts: &mut Vec<Field>,
        optional: &mut bool,
    ) -> bool {
        let (min, max) = self.bounds_or_warn(schema, k);
        if max == 0 {
            return true;
        }
        if min == 0 {
            *optional = true;
        }
        let kind = self.sdoc(schema).name(k).local.clone();
        match kind.as_str() {
            "element" => {
                let Some(decl) = self.local_decl(schema, k) else { return true };
                let occurs = if max > 1 { Occurs::Many } else { Occurs::Required };
                if decl.substitutable {
                    for d in self.substitutes(&decl.name) {
                        alts.push(self.field(d, occurs));
                    }
                } else {
                    alts.push(self.field(decl, occurs));
                }
                true
            }
            _ if max > 1 => false,
            "choice" => self.alternatives(schema, k, alts, optional),
            "sequence" | "all" => match self.particles(schema, k)[..] {
                [] => {
                    *optional = true;
                    true
                }
                [only] => self.branch(schema, only, alts, optional),
                _ => false,
            },
            "group" => {
                let Some((q, gs, model)) = self.group_model(schema, k) else { return false };
                let Some(model) = model else {
                    *optional = true;
                    return true;
                };
                if !self.enter(Work::Group, &q, self.site(schema, k)) {
                    return false;
                }
                let simple = self.branch(gs, model, alts, optional);
                self.leave(Work::Group, &q);
                simple
            }
            _ => false,
        }
    }

    /// `xs:group ref=…`: the group's content in place, with the reference's occurrence.
    fn group_ref(
        &mut self,
        schema: usize,
        el: ElemId,
        occ: Occurs,
        owner: &QName,
        out: &mut Vec<Field>,
    ) {
        let site = self.site(schema, el);
        let Some((q, gs, model)) = self.group_model(schema, el) else {
            let mut docs = Docs::default();
            docs.push("The elements of a group that is not in the schemas read.");
            out.push(self.wildcard(site, Occurs::Many, docs));
            return;
        };
        if let Some(model) = model.filter(|_| self.enter(Work::Group, &q, site)) {
            // A group's model group has no occurrence of its own: the reference's applies.
            self.particle(gs, model, occ, owner, out);
            self.leave(Work::Group, &q);
        }
    }

    /// The group a `ref` names: its name, schema and model group (sequence, choice or
    /// all; none when empty). `None` after a warning when it cannot be found.
    fn group_model(&mut self, schema: usize, el: ElemId) -> Option<(QName, usize, Option<ElemId>)> {
        let doc = self.sdoc(schema);
        let site = self.site(schema, el);
        let fallback = "its elements are kept as any elements";
        let q = match doc.attr(el, "ref").map(|r| self.set.resolve(schema, el, r)) {
            Some(Ok(q)) => q,
            Some(Err(m)) => {
                self.warn(site, format!("{m}: {fallback}"));
                return None;
            }
            None => {
                self.warn(site, format!("expected a 'ref' attribute on this xs:group: {fallback}"));
                return None;
            }
        };
        let Some(&c) = self.index.groups.get(&q) else {
            self.unresolved("group", &q, site, fallback);
            return None;
        };
        let model = self.particles(c.schema, c.el).into_iter().next();
        Some((q, c.schema, model))
    }
}

/// Adds flattened choice fields, one per element name (a repeat anywhere makes a list).
fn merge(flat: Vec<Field>, out: &mut Vec<Field>) {
    let start = out.len();
    for f in flat {
        match out[start..]
            .iter_mut()
            .find(|e| e.name == f.name && !matches!(f.ty, TypeRef::AnyElement))
        {
            Some(existing) if f.occurs == Occurs::Many => existing.occurs = Occurs::Many,
            Some(_) => {}
            None => out.push(f),
        }
    }
}
