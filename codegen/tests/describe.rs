//! `soapgen wsdl` / [`soapgen::describe`]: the WSDL written for every sample describes the
//! same service, so that a client generated back from it has the same operations and types
//! (names, fields, occurrence, bindings and actions) as the one generated from the sample.
//! Plain-XML (ServiceStack) operations are written as an HTTP POST binding, which soapgen
//! does not read back yet: samples made only of those are checked for the binding.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use soapgen::ir::{Occurs, TypeRef};
use soapgen::resolve::{RTypeKind, Resolved};
use soapgen::{Options, Overrides, Source};

fn source(path: &Path) -> Source {
    let root = testkit::workspace_root();
    let rel = path.strip_prefix(&root).unwrap().display().to_string();
    Source::new(rel, std::fs::read_to_string(path).unwrap())
}

fn options(sample: &testkit::samples::Sample) -> Options {
    let mut options = Options::default();
    options.loader.base_dir(testkit::workspace_root());
    if let Some(path) = &sample.overrides {
        let parsed = Overrides::parse(source(path)).unwrap_or_else(|e| panic!("{e}"));
        options.overrides = Some(Arc::new(parsed));
    }
    options
}

fn ty(resolved: &Resolved, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Primitive(p) => p.xsd_name().to_owned(),
        TypeRef::Named(id) => resolved.ty(*id).rust_name.clone(),
        TypeRef::RawXml => "raw".into(),
        TypeRef::AnyElement => "any".into(),
        TypeRef::List(item) => format!("list<{}>", self::ty(resolved, item)),
        TypeRef::Wrapped(w) => format!(
            "wrapped<{}:{}{}>",
            w.item.local,
            self::ty(resolved, &w.item_ty),
            if w.item_nillable { "?" } else { "" }
        ),
    }
}

fn occurs(o: Occurs) -> &'static str {
    match o {
        Occurs::Required => "1",
        Occurs::Optional => "0..1",
        Occurs::Many => "*",
    }
}

/// What a client is made of, one line per type, field and operation, docs left out.
fn summary(resolved: &Resolved) -> BTreeSet<String> {
    let mut lines = BTreeSet::new();
    for t in &resolved.types {
        let name = &t.rust_name;
        match &t.kind {
            RTypeKind::Struct(s) => {
                lines.insert(format!("struct {name}"));
                for f in &s.fields {
                    // A choice has no element of its own: its field's wire name is the
                    // group's or the substitution head's, whichever the document used.
                    if matches!(&f.ty, TypeRef::Named(id) if matches!(resolved.ty(*id).kind, RTypeKind::Choice(_)))
                    {
                        let t = ty(resolved, &f.ty);
                        lines.insert(format!("{name}.{} {t} {}", f.rust_name, occurs(f.occurs)));
                        continue;
                    }
                    lines.insert(format!(
                        "{name}.{} <{}:{}> {} {} nil={}",
                        f.rust_name,
                        f.wire.namespace,
                        f.wire.local,
                        ty(resolved, &f.ty),
                        occurs(f.occurs),
                        f.nillable
                    ));
                }
                for a in &s.attributes {
                    let required = a.required;
                    let t = ty(resolved, &a.ty);
                    lines.insert(format!("{name}@{} {} {t} {required}", a.rust_name, a.wire.local));
                }
                if let Some(text) = &s.text {
                    lines.insert(format!("{name} text {}", ty(resolved, &text.ty)));
                }
            }
            RTypeKind::Enum(e) => {
                let values: Vec<_> = e.variants.iter().map(|v| v.value.as_str()).collect();
                lines.insert(format!("enum {name} {values:?}"));
            }
            RTypeKind::Choice(c) => {
                for a in &c.alternatives {
                    let t = ty(resolved, &a.ty);
                    lines.insert(format!("choice {name}.{} {} {t}", a.rust_name, a.wire.local));
                }
            }
        }
    }
    for s in &resolved.services {
        lines.insert(format!("client {} addressing={}", s.client_name, s.addressing));
        for op in &s.operations {
            let m = &op.method_name;
            lines.insert(format!("op {m} {}", op.name));
            lines.insert(format!(
                "op {m} in {:?} {}",
                op.input.element,
                ty(resolved, &op.input.ty)
            ));
            lines.insert(format!(
                "op {m} out {:?} {}",
                op.output.element,
                ty(resolved, &op.output.ty)
            ));
            for b in &op.bindings {
                lines.insert(format!("op {m} {:?} {:?} {:?}", b.protocol, b.action, b.path));
            }
            for b in op.response_headers.iter().flat_map(|h| &h.blocks) {
                lines.insert(format!(
                    "op {m} response header {:?}: {}",
                    b.element,
                    ty(resolved, &b.ty)
                ));
            }
            if let Some(action) = &op.addressing_action {
                lines.insert(format!("op {m} wsa:Action {action}"));
            }
            for &h in &op.headers {
                lines.insert(format!("op {m} header {:?}", s.headers[h].element));
            }
            for f in op.faults.iter().flat_map(|f| &f.variants) {
                lines.insert(format!("op {m} fault {:?} {}", f.element, ty(resolved, &f.ty)));
            }
        }
    }
    lines
}

/// Differences known and accepted, as (sample, line prefix, why).
const KNOWN: &[(&str, &str, &str)] = &[
    // A substitution group is written as an `xs:group`: its field is named after the group.
    ("wsdl_constructs", "Everything.shape", "substitution group"),
    ("wsdl_constructs", "Shapes.shape", "substitution group"),
];

fn known(sample: &str, line: &str) -> bool {
    KNOWN.iter().any(|(s, prefix, _)| *s == sample && line.starts_with(prefix))
}

#[test]
fn every_sample_described_as_wsdl_generates_the_same_client() {
    let mut checked = 0;
    for sample in testkit::samples::all() {
        let name = &sample.name;
        let sources: Vec<Source> = sample.inputs.iter().map(|p| source(p)).collect();
        let options = options(&sample);
        let original =
            soapgen::generate(&sources, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
        let description =
            soapgen::describe(&sources, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
        let wsdl = Source::new(format!("{name}.wsdl"), description.wsdl.clone());
        let plain_only = original
            .model
            .services
            .iter()
            .flat_map(|s| &s.operations)
            .all(|op| op.bindings.iter().all(|b| b.protocol == soapgen::Protocol::PlainXml));
        if plain_only {
            for op in original.model.services.iter().flat_map(|s| &s.operations) {
                let path = op.bindings[0].path.clone().unwrap_or_default();
                assert!(
                    description.wsdl.contains(&format!("<http:operation location=\"{path}\"/>")),
                    "{name}: {}",
                    description.wsdl
                );
            }
            continue;
        }
        // Which operations are called over HTTP GET/POST is a choice, not a description.
        let mut back_options = Options::default();
        if let Some(http) = options.overrides.as_ref().and_then(|o| o.http_methods()) {
            back_options.http_methods = http;
        }
        let back = soapgen::generate(&[wsdl], &back_options)
            .unwrap_or_else(|e| panic!("{name}: {e}\n{}", description.wsdl));
        let want = summary(&soapgen::resolve::resolve(&original.model));
        let got = summary(&soapgen::resolve::resolve(&back.model));
        let missing: Vec<_> = want.difference(&got).filter(|l| !known(name, l)).collect();
        let extra: Vec<_> = got.difference(&want).filter(|l| !known(name, l)).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{name}: missing {missing:#?}\nextra {extra:#?}\n{}",
            description.wsdl
        );
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} samples were compared");
}

#[test]
fn the_wsdl_of_a_page_keeps_its_documentation_and_endpoint() {
    let page = testkit::workspace_root().join("samples/zoolz_reseller");
    let sample = testkit::samples::discover(page.parent().unwrap())
        .unwrap()
        .into_iter()
        .find(|s| s.dir == page)
        .unwrap();
    let sources: Vec<Source> = sample.inputs.iter().map(|p| source(p)).collect();
    let wsdl = soapgen::describe(&sources, &options(&sample)).unwrap().wsdl;
    assert!(
        wsdl.contains(
            "<soap12:address location=\"http://zoolz.com/services/Reseller/Service.asmx\"/>"
        ),
        "{wsdl}"
    );
    assert!(wsdl.contains("soapAction=\"Zoolz/ResetPassword\""), "{wsdl}");
    assert!(
        wsdl.contains("<xs:documentation>The new password as type string.</xs:documentation>"),
        "{wsdl}"
    );
    assert!(wsdl.contains("<xs:enumeration value=\"InvalidAuth\"/>"), "{wsdl}");
}
