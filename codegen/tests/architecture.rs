//! The layering docs/ARCHITECTURE.md promises, checked on the sources: the emitter and the
//! naming stage never look at XML, the readers and the model never write Rust, and no two
//! modules import each other (directly or round a longer loop).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Module path (`["read", "wsdl", "load"]`) → its source, test modules cut off.
fn modules() -> BTreeMap<Vec<String>, String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    collect(&src, &mut files);
    let mut modules = BTreeMap::new();
    for file in files {
        let rel = file.strip_prefix(&src).unwrap().with_extension("");
        let mut path: Vec<String> =
            rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        match path.last().map(String::as_str) {
            // The command line is a crate of its own; tests may reach anywhere.
            Some("main" | "tests") => continue,
            Some("lib") if path.len() == 1 => path.clear(),
            Some("mod") => {
                path.pop();
            }
            _ => {}
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let code = match text.find("#[cfg(test)]\nmod tests {") {
            Some(i) => text[..i].to_owned(),
            None => text,
        };
        modules.insert(path, code);
    }
    modules
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// The modules `code` (in module `at`) names through `crate::` and `super::` paths.
fn references(at: &[String], code: &str, known: &BTreeSet<Vec<String>>) -> BTreeSet<Vec<String>> {
    let mut found = BTreeSet::new();
    for (i, _) in code.match_indices("crate::").chain(code.match_indices("super::")) {
        let is_word = |c: char| c.is_alphanumeric() || c == '_';
        if code[..i].ends_with(is_word) || code[..i].ends_with("super::") {
            continue; // part of a longer path: counted from its start
        }
        let mut base: Vec<String> = Vec::new();
        let mut rest = &code[i..];
        if let Some(r) = rest.strip_prefix("crate::") {
            rest = r;
        } else {
            base = at.to_vec();
            while let Some(r) = rest.strip_prefix("super::") {
                base.pop();
                rest = r;
            }
        }
        let tails: Vec<&str> = match rest.strip_prefix('{') {
            Some(group) => group[..group.find('}').unwrap_or(group.len())].split(',').collect(),
            None => vec![rest],
        };
        for tail in tails {
            let mut path = base.clone();
            let mut longest = None;
            for segment in tail.trim().split("::") {
                let name: String = segment.chars().take_while(|&c| is_word(c)).collect();
                if name.is_empty() {
                    break;
                }
                path.push(name);
                if known.contains(&path) {
                    longest = Some(path.clone());
                }
                if segment.len() != path.last().unwrap().len() {
                    break;
                }
            }
            if let Some(target) = longest {
                found.insert(target);
            }
        }
    }
    found
}

/// Edges between siblings: a use of `a::b::x` from `a::c::y` is an edge `b → c` under `a`.
fn sibling_edges() -> BTreeSet<(Vec<String>, Vec<String>)> {
    let modules = modules();
    let known: BTreeSet<Vec<String>> = modules.keys().cloned().collect();
    let mut edges = BTreeSet::new();
    for (at, code) in &modules {
        for target in references(at, code, &known) {
            let common = at.iter().zip(&target).take_while(|(a, b)| a == b).count();
            if common < at.len() && common < target.len() {
                edges.insert((at[..=common].to_vec(), target[..=common].to_vec()));
            }
        }
    }
    edges
}

#[test]
fn no_two_modules_import_each_other() {
    let edges = sibling_edges();
    let mut next: BTreeMap<&Vec<String>, Vec<&Vec<String>>> = BTreeMap::new();
    for (from, to) in &edges {
        next.entry(from).or_default().push(to);
    }
    // A depth-first search for a path back to where it started.
    fn back_to<'a>(
        start: &Vec<String>,
        at: &'a Vec<String>,
        next: &BTreeMap<&'a Vec<String>, Vec<&'a Vec<String>>>,
        seen: &mut BTreeSet<&'a Vec<String>>,
        trail: &mut Vec<&'a Vec<String>>,
    ) -> bool {
        for &to in next.get(at).into_iter().flatten() {
            trail.push(to);
            if to == start || (seen.insert(to) && back_to(start, to, next, seen, trail)) {
                return true;
            }
            trail.pop();
        }
        false
    }
    for start in next.keys() {
        let mut trail = vec![*start];
        if back_to(start, start, &next, &mut BTreeSet::new(), &mut trail) {
            let names: Vec<String> = trail.iter().map(|p| p.join("::")).collect();
            panic!("import cycle: {}", names.join(" → "));
        }
    }
    // The check sees the layering at all: the emitter uses the naming stage.
    assert!(edges.contains(&(vec!["emit".into()], vec!["resolve".into()])), "{edges:?}");
}

#[test]
fn the_emitter_never_looks_at_xml_and_the_readers_never_write_rust() {
    for (path, code) in modules() {
        let name = path.join("::");
        let stage = path.first().map(String::as_str).unwrap_or("");
        if matches!(stage, "emit" | "resolve" | "ir") {
            for xml in ["crate::read", "xmlparser::", "super::read"] {
                let found = code.contains(xml) && !(stage == "emit" && xml == "super::read");
                assert!(!found, "{name} mentions {xml}: only read looks at XML documents");
            }
        }
        if matches!(stage, "read" | "ir") {
            for rust in ["quote!", "proc_macro2", "syn::", "crate::emit", "crate::resolve"] {
                assert!(
                    !code.contains(rust),
                    "{name} mentions {rust}: readers build the model only"
                );
            }
        }
    }
}
