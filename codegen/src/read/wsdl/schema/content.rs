//! Complex types → struct content: particles, attributes, simple content, and
//! derivation (extension puts the base's fields first; restriction restates them).

use std::rc::Rc;

use super::elements::builtin_value;
use super::{Site, Types, Value, Work};
use crate::ir::{Attribute, Field, Occurs, Primitive, QName, StructDef, TypeRef};
use crate::read::wsdl::builtins::{Builtin, SOAP_ENC, WSDL, builtin_type, is_xml_attribute};
use crate::read::xml::ElemId;

impl Types<'_> {
    /// The struct content of complex type `ct`; `owner` names the choices inside.
    pub(super) fn complex(&mut self, schema: usize, ct: ElemId, owner: &QName) -> StructDef {
        let mut def = StructDef::default();
        self.body(schema, ct, owner, &mut def);
        if self.sdoc(schema).attr(ct, "mixed") == Some("true") {
            if def.fields.is_empty() && def.text.is_none() {
                def.text = Some(TypeRef::Primitive(Primitive::String));
            } else {
                let site = self.site(schema, ct);
                self.warn_once(site, "mixed content: the text between child elements is not kept");
            }
        }
        def
    }

    /// The content of the named type `q` (which must exist), memoised: types deriving
    /// from it copy it.
    pub(super) fn content_of(&mut self, q: &QName) -> Rc<StructDef> {
        if let Some(c) = self.contents.get(q) {
            return c.clone();
        }
        let c = self.index.types[q];
        let site = self.site(c.schema, c.el);
        if !self.enter(Work::Content, q, site) {
            return Rc::default();
        }
        let def = if self.sdoc(c.schema).name(c.el).local == "complexType" {
            self.complex(c.schema, c.el, q)
        } else {
            let text = self.named_value(q, site);
            StructDef { text: Some(self.as_text(text).ty), ..StructDef::default() }
        };
        self.leave(Work::Content, q);
        let def = Rc::new(def);
        self.contents.insert(q.clone(), def.clone());
        def
    }

    /// The children of a complex type, extension or restriction.
    fn body(&mut self, schema: usize, el: ElemId, owner: &QName, def: &mut StructDef) {
        let doc = self.sdoc(schema);
        let kids: Vec<ElemId> = doc.children_in(el, &self.set.schemas[schema].xs).collect();
        for c in kids {
            match doc.name(c).local.as_str() {
                "annotation" => {}
                "sequence" | "choice" | "all" | "group" => {
                    self.particle(schema, c, Occurs::Required, owner, &mut def.fields);
                }
                "attribute" | "attributeGroup" | "anyAttribute" => {
                    self.attribute_use(schema, c, def)
                }
                "simpleContent" => self.simple_content(schema, c, owner, def),
                "complexContent" => self.complex_content(schema, c, owner, def),
                other => {
                    let site = self.site(schema, c);
                    self.warn_once(
                        site,
                        format!("<xs:{other}> is not understood in a complex type: left out"),
                    );
                }
            }
        }
    }

    /// The `extension` or `restriction` inside simple or complex content, with its base.
    fn derivation(
        &mut self,
        schema: usize,
        content: ElemId,
    ) -> Option<(ElemId, bool, Option<QName>)> {
        let doc = self.sdoc(schema);
        let xs = &self.set.schemas[schema].xs;
        let Some(d) = doc
            .children_in(content, xs)
            .find(|&d| matches!(doc.name(d).local.as_str(), "extension" | "restriction"))
        else {
            let site = self.site(schema, content);
            self.warn(
                site,
                "expected an xs:extension or xs:restriction here: the content is left out",
            );
            return None;
        };
        let base = match doc.attr(d, "base").map(|b| self.set.resolve(schema, d, b)) {
            Some(Ok(q)) => Some(q),
            Some(Err(m)) => {
                let site = self.site(schema, d);
                self.warn(site, format!("{m}: the base type is left out"));
                None
            }
            None => None,
        };
        Some((d, doc.name(d).local == "extension", base))
    }

    fn complex_content(&mut self, schema: usize, cc: ElemId, owner: &QName, def: &mut StructDef) {
        let Some((d, extension, base)) = self.derivation(schema, cc) else { return };
        let site = self.site(schema, d);
        if let Some(base) = &base {
            if !extension && *base == QName::new(SOAP_ENC, "Array") {
                // The array's items are its content; its attributes describe the array.
                let list = self.encoded_item(schema, d);
                let provenance = self.at(site);
                let docs = self.docs(schema, d);
                let (name, ty, nillable) = (list.item, list.item_ty, list.item_nillable);
                def.fields.push(Field {
                    name,
                    ty,
                    occurs: Occurs::Many,
                    nillable,
                    docs,
                    provenance,
                });
                return;
            }
            self.inherit(base, extension, site, def);
        }
        self.body(schema, d, owner, def);
    }

    /// What a derived type takes from `base`: extension its fields (first) and
    /// attributes, restriction only the attributes (it restates the fields).
    fn inherit(&mut self, base: &QName, extension: bool, site: Site, def: &mut StructDef) {
        match builtin_type(base) {
            Some(Builtin::Raw | Builtin::EncodedArray) => return,
            Some(b) => {
                def.text = Some(self.as_text(builtin_value(b)).ty);
                return;
            }
            None => {}
        }
        if !self.index.types.contains_key(base) {
            if extension {
                self.unresolved(
                    "type",
                    base,
                    site,
                    "the elements it contributes are kept as any elements",
                );
                let mut docs = crate::ir::Docs::default();
                docs.push(format!(
                    "The elements of base type `{}`, which is not in the schemas read.",
                    base.local
                ));
                def.fields.push(self.wildcard(site, Occurs::Many, docs));
            } else {
                self.unresolved("type", base, site, "only the restriction's own content is read");
            }
            return;
        }
        let content = self.content_of(base);
        if extension {
            def.fields.extend(content.fields.iter().cloned());
            def.base = Some(self.struct_of_base(base, site));
        }
        def.attributes.extend(content.attributes.iter().cloned());
        def.any_attributes |= content.any_attributes;
        if def.text.is_none() {
            def.text.clone_from(&content.text);
        }
    }

    /// The struct of a base type, when it has one (a simple type has none).
    fn struct_of_base(&mut self, base: &QName, site: Site) -> crate::ir::TypeId {
        match self.named_value(base, site).ty {
            TypeRef::Named(id) => id,
            _ => self.struct_of(base),
        }
    }

    fn simple_content(&mut self, schema: usize, sc: ElemId, owner: &QName, def: &mut StructDef) {
        let Some((d, _, base)) = self.derivation(schema, sc) else { return };
        let site = self.site(schema, d);
        let xs = &self.set.schemas[schema].xs;
        if let Some(base) = &base {
            let complex = self
                .index
                .types
                .get(base)
                .is_some_and(|c| self.sdoc(c.schema).name(c.el).local == "complexType");
            if complex {
                self.inherit(base, true, site, def);
                // Simple content has no child elements: the base's text is the value.
                def.fields.clear();
                def.base = None;
            } else {
                let v = self.named_value(base, site);
                def.text = Some(self.as_text(v).ty);
            }
        }
        if let Some(st) = self.sdoc(schema).child(d, xs, "simpleType") {
            let name = QName::new(owner.namespace.clone(), format!("{}Value", owner.local));
            let v = self.simple_anonymous(schema, st, &name);
            def.text = Some(self.as_text(v).ty);
        }
        if def.text.is_none() {
            def.text = Some(TypeRef::Primitive(Primitive::String));
        }
        self.body(schema, d, owner, def);
    }

    /// `xs:attribute`, `xs:attributeGroup ref=…` or `xs:anyAttribute` into `def`; a
    /// restated attribute replaces the inherited one, `use="prohibited"` removes it.
    fn attribute_use(&mut self, schema: usize, el: ElemId, def: &mut StructDef) {
        let doc = self.sdoc(schema);
        let site = self.site(schema, el);
        match doc.name(el).local.as_str() {
            "anyAttribute" => def.any_attributes = true,
            "attributeGroup" => {
                let fallback = "its attributes are kept as unknown attributes";
                let q = match doc.attr(el, "ref").map(|r| self.set.resolve(schema, el, r)) {
                    Some(Ok(q)) => q,
                    Some(Err(m)) => {
                        self.warn(site, format!("{m}: {fallback}"));
                        def.any_attributes = true;
                        return;
                    }
                    None => return,
                };
                let Some(&c) = self.index.attribute_groups.get(&q) else {
                    self.unresolved("attribute group", &q, site, fallback);
                    def.any_attributes = true;
                    return;
                };
                if self.enter(Work::AttributeGroup, &q, site) {
                    let kids: Vec<ElemId> = self
                        .sdoc(c.schema)
                        .children_in(c.el, &self.set.schemas[c.schema].xs)
                        .collect();
                    for k in kids {
                        self.attribute_use(c.schema, k, def);
                    }
                    self.leave(Work::AttributeGroup, &q);
                }
            }
            "attribute" => {
                let prohibited = doc.attr(el, "use") == Some("prohibited");
                let Some(attr) = self.attribute(schema, el) else { return };
                let at = def.attributes.iter().position(|a| a.name == attr.name);
                match (at, prohibited) {
                    (Some(i), true) => {
                        def.attributes.remove(i);
                    }
                    (None, true) => {}
                    (Some(i), false) => def.attributes[i] = attr,
                    (None, false) => def.attributes.push(attr),
                }
            }
            _ => {}
        }
    }

    fn attribute(&mut self, schema: usize, el: ElemId) -> Option<Attribute> {
        let doc = self.sdoc(schema);
        let site = self.site(schema, el);
        let mut docs = self.docs(schema, el);
        let mut default = doc.attr(el, "default").or(doc.attr(el, "fixed")).map(str::to_owned);
        let (name, value) = if let Some(r) = doc.attr(el, "ref") {
            let q = match self.set.resolve(schema, el, r) {
                Ok(q) => q,
                Err(m) => {
                    self.warn(site, format!("{m}: this attribute is left out"));
                    return None;
                }
            };
            let text = Value::of(TypeRef::Primitive(Primitive::String));
            if is_xml_attribute(&q) {
                (q, text)
            } else if let Some(&c) = self.index.attributes.get(&q) {
                let v = self.attribute_type(c.schema, c.el, &q);
                if docs.is_empty() {
                    docs = self.docs(c.schema, c.el);
                }
                let global = self.sdoc(c.schema);
                default = default.or(global
                    .attr(c.el, "default")
                    .or(global.attr(c.el, "fixed"))
                    .map(str::to_owned));
                (q, v)
            } else {
                // SOAP encoding and WSDL declare theirs where no schema is read.
                if q.namespace != SOAP_ENC && q.namespace != WSDL {
                    self.unresolved("attribute", &q, site, "read as text");
                }
                (q, text)
            }
        } else {
            let Some(local) = doc.attr(el, "name") else {
                self.warn(
                    site,
                    "expected a 'name' or 'ref' attribute on this xs:attribute: it is left out",
                );
                return None;
            };
            let s = &self.set.schemas[schema];
            let qualified = match doc.attr(el, "form") {
                Some(form) => form == "qualified",
                None => s.qualified_attributes,
            };
            let q = QName::new(if qualified { s.tns.clone() } else { String::new() }, local);
            let v = self.attribute_type(schema, el, &q);
            (q, v)
        };
        if let Some(note) = value.note {
            docs.push(note);
        }
        let required = doc.attr(el, "use") == Some("required");
        Some(Attribute { name, ty: value.ty, required, default, docs })
    }

    /// An attribute declaration's type: `type`, an anonymous simple type, or text.
    fn attribute_type(&mut self, schema: usize, el: ElemId, name: &QName) -> Value {
        let doc = self.sdoc(schema);
        let site = self.site(schema, el);
        let v = if let Some(t) = doc.attr(el, "type") {
            match self.set.resolve(schema, el, t) {
                Ok(q) => self.named_value(&q, site),
                Err(m) => {
                    self.warn(site, format!("{m}: read as text"));
                    Value::of(TypeRef::Primitive(Primitive::String))
                }
            }
        } else if let Some(st) = doc.child(el, &self.set.schemas[schema].xs, "simpleType") {
            self.simple_anonymous(schema, st, name)
        } else {
            Value::of(TypeRef::Primitive(Primitive::String))
        };
        self.as_text(v)
    }
}
