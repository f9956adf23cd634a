//! A compact, deterministic text rendering of a model, for snapshot tests and
//! `soapgen inspect`. Files appear without directories so output does not depend
//! on where the inputs live.

use std::fmt::Write;

use crate::ir::{
    BindingStyle, Docs, Field, Model, Occurs, Protocol, Provenance, QName, TypeKind, TypeRef,
};

/// What `soapgen inspect` prints: services, operations, types and enums with the
/// file:line each came from.
pub fn dump(model: &Model) -> String {
    let mut out = String::new();
    for s in &model.services {
        line(
            &mut out,
            0,
            &format!("service {} ns={:?} at {}", s.name, s.namespace, at(&s.provenance)),
        );
        docs(&mut out, 1, &s.docs);
        for e in &s.endpoints {
            line(&mut out, 1, &format!("endpoint {} {}", protocol(e.protocol), e.address));
        }
        for o in &s.operations {
            line(&mut out, 1, &format!("operation {} at {}", o.name, at(&o.provenance)));
            docs(&mut out, 2, &o.docs);
            for b in &o.bindings {
                let mut l = format!("binding {} {}", protocol(b.protocol), style(b.style));
                if let Some(a) = &b.action {
                    let _ = write!(l, " action={a:?}");
                    if b.action_inferred {
                        l.push_str(" (inferred)");
                    }
                }
                if let Some(p) = &b.path {
                    let _ = write!(l, " path={p}");
                }
                line(&mut out, 2, &l);
                if let Some(m) = &b.messages {
                    for (what, m) in [("input", &m.input), ("output", &m.output)] {
                        let t = ty(model, &m.ty);
                        line(&mut out, 3, &format!("{what} {}: {t}", qname(&m.element)));
                    }
                }
            }
            for h in &o.headers {
                let req = if h.required { "required" } else { "optional" };
                line(
                    &mut out,
                    2,
                    &format!("header {}: {} {req}", qname(&h.element), ty(model, &h.ty)),
                );
                docs(&mut out, 3, &h.docs);
            }
            line(
                &mut out,
                2,
                &format!("input {}: {}", qname(&o.input.element), ty(model, &o.input.ty)),
            );
            line(
                &mut out,
                2,
                &format!("output {}: {}", qname(&o.output.element), ty(model, &o.output.ty)),
            );
            for h in &o.output_headers {
                let l = format!("output header {}: {}", qname(&h.element), ty(model, &h.ty));
                line(&mut out, 2, &l);
            }
            if o.addressing || o.addressing_action.is_some() {
                let mut l = String::from("addressing");
                if o.addressing {
                    l.push_str(" declared");
                }
                if let Some(a) = &o.addressing_action {
                    let _ = write!(l, " action={a:?}");
                }
                line(&mut out, 2, &l);
            }
            for f in &o.faults {
                line(
                    &mut out,
                    2,
                    &format!("fault {} {}: {}", f.name, qname(&f.element), ty(model, &f.ty)),
                );
            }
        }
    }
    for (i, t) in model.types.iter().enumerate() {
        let kind = match t.kind {
            TypeKind::Struct(_) => "struct",
            TypeKind::Enum(_) => "enum",
            TypeKind::Choice(_) => "choice",
        };
        line(&mut out, 0, &format!("type #{i} {kind} {} at {}", qname(&t.name), at(&t.provenance)));
        docs(&mut out, 1, &t.docs);
        match &t.kind {
            TypeKind::Enum(e) => {
                line(&mut out, 1, &format!("base {}", e.base.xsd_name()));
                for v in &e.variants {
                    line(&mut out, 1, &format!("value {:?}", v.value));
                    docs(&mut out, 2, &v.docs);
                }
            }
            TypeKind::Choice(c) => {
                for f in &c.alternatives {
                    field(&mut out, model, f, &t.name, "alternative");
                }
            }
            TypeKind::Struct(s) => {
                if let Some(base) = s.base {
                    line(&mut out, 1, &format!("base {}", ty(model, &TypeRef::Named(base))));
                }
                if s.any_attributes {
                    line(&mut out, 1, "any attributes");
                }
                for a in &s.attributes {
                    let req = if a.required { "required" } else { "optional" };
                    let mut l = format!(
                        "attribute {}: {} {req}",
                        local_in(&a.name, &t.name),
                        ty(model, &a.ty)
                    );
                    if let Some(d) = &a.default {
                        let _ = write!(l, " default={d:?}");
                    }
                    line(&mut out, 1, &l);
                    docs(&mut out, 2, &a.docs);
                }
                for f in &s.fields {
                    field(&mut out, model, f, &t.name, "field");
                }
                if let Some(text) = &s.text {
                    line(&mut out, 1, &format!("text: {}", ty(model, text)));
                }
            }
        }
    }
    for w in &model.warnings {
        line(&mut out, 0, &format!("warning {}: {}", at(&w.at), w.message));
    }
    out
}

fn field(out: &mut String, model: &Model, f: &Field, owner: &QName, what: &str) {
    let mut l =
        format!("{what} {}: {} {}", local_in(&f.name, owner), ty(model, &f.ty), occurs(f.occurs));
    if f.nillable {
        l.push_str(" nillable");
    }
    let _ = write!(l, " at {}", at(&f.provenance));
    line(out, 1, &l);
    docs(out, 2, &f.docs);
}

fn line(out: &mut String, indent: usize, text: &str) {
    out.push_str(&"  ".repeat(indent));
    out.push_str(text);
    out.push('\n');
}

fn docs(out: &mut String, indent: usize, docs: &Docs) {
    let pad = "  ".repeat(indent);
    for p in &docs.0 {
        let body = p.replace('\n', &format!("\n{pad}     "));
        line(out, indent, &format!("doc: {body}"));
    }
}

fn at(p: &Provenance) -> String {
    let file = p.file.rsplit(['/', '\\']).next().unwrap_or(&p.file);
    format!("{file}:{}", p.line)
}

fn qname(q: &QName) -> String {
    if q.namespace.is_empty() { q.local.clone() } else { format!("{{{}}}{}", q.namespace, q.local) }
}

/// A member name, with its namespace only when it differs from its type's.
fn local_in(name: &QName, owner: &QName) -> String {
    if name.namespace == owner.namespace { name.local.clone() } else { qname(name) }
}

fn ty(model: &Model, t: &TypeRef) -> String {
    match t {
        TypeRef::Primitive(p) => p.xsd_name().to_owned(),
        TypeRef::Named(id) => format!("#{} {}", id.0, model.ty(*id).name.local),
        TypeRef::RawXml => "raw-xml".to_owned(),
        TypeRef::AnyElement => "any-element".to_owned(),
        TypeRef::List(inner) => format!("list<{}>", ty(model, inner)),
        TypeRef::Wrapped(w) => {
            let nil = if w.item_nillable { " nillable" } else { "" };
            format!("wrapped<{}: {}{nil}>", qname(&w.item), ty(model, &w.item_ty))
        }
    }
}

fn occurs(o: Occurs) -> &'static str {
    match o {
        Occurs::Required => "required",
        Occurs::Optional => "optional",
        Occurs::Many => "many",
    }
}

fn protocol(p: Protocol) -> &'static str {
    match p {
        Protocol::Soap11 => "soap11",
        Protocol::Soap12 => "soap12",
        Protocol::PlainXml => "plain-xml",
        Protocol::HttpGet => "http-get",
        Protocol::HttpPost => "http-post",
    }
}

fn style(s: BindingStyle) -> &'static str {
    match s {
        BindingStyle::DocumentLiteral => "document/literal",
        BindingStyle::RpcLiteral => "rpc/literal",
        BindingStyle::RpcEncoded => "rpc/encoded",
    }
}
