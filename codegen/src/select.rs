//! Choosing operations: a client of a big service with only the operations a user calls,
//! and only the types those operations reach.
//!
//! Works on the model before naming, so resolution and emission see only what is kept.
//! Type names are the exception, on purpose: they are decided on the whole model first
//! (a cheap pass over type names alone) and handed to resolution as fixed names, so a
//! kept type is called exactly what the full generation calls it, and adding an
//! operation to the list never renames the types already in use.
//!
//! Field, variant and method names are decided per struct, enum and client as always, so
//! they match the full generation too, except where two operations' method names clash
//! (`GetData` and `getData`: the numbering follows the operations kept) or an operation's
//! fault enum (`XFault`) clashes with a type left out. Which field of a recursive cycle
//! is boxed is decided on the kept types; it can differ when a cycle is entered from a
//! type left out.

use std::collections::BTreeMap;

use crate::Error;
use crate::ir::{Model, Operation, TypeId, TypeKind, TypeRef};
use crate::resolve::{self, Renames};

/// The operations to generate, as the user listed them: names or globs (`*` any run of
/// characters, `?` one character), matched against operation names as the documents
/// spell them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OperationFilter {
    /// The patterns; each must match at least one operation.
    pub patterns: Vec<String>,
    /// Where the list was given (`--operations`, `Builder::operations`), for errors.
    pub given_by: String,
}

impl OperationFilter {
    /// `patterns` as given by `given_by` (named in errors: the flag, the method).
    pub fn new(
        given_by: impl Into<String>,
        patterns: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        OperationFilter {
            patterns: patterns.into_iter().map(Into::into).collect(),
            given_by: given_by.into(),
        }
    }

    /// Keeps, in every service, the operations a pattern matches, and drops services left
    /// with none. A pattern that matches nothing is an error naming the closest operations.
    pub(crate) fn apply(&self, model: &mut Model) -> Result<(), Error> {
        let names: Vec<&str> = model
            .services
            .iter()
            .flat_map(|s| s.operations.iter().map(|o| o.name.as_str()))
            .collect();
        if self.patterns.is_empty() {
            return Err(Error::Option(format!("{}: no operation chosen", self.given_by)));
        }
        if let Some(pattern) = self.patterns.iter().find(|p| !names.iter().any(|n| glob(p, n))) {
            return Err(Error::Option(format!(
                "{} `{}`: `{pattern}` matches no operation; the closest are: {}",
                self.given_by,
                self.patterns.join(","),
                closest(pattern, &names).join(", ")
            )));
        }
        for service in &mut model.services {
            service.operations.retain(|op| self.patterns.iter().any(|p| glob(p, &op.name)));
        }
        model.services.retain(|s| !s.operations.is_empty());
        Ok(())
    }
}

/// Whether `name` matches `pattern`, where `*` stands for any run of characters and `?`
/// for one character.
pub fn glob(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    // Greedy with backtracking to the last `*`: linear in practice, no recursion.
    let (mut i, mut j) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while j < n.len() {
        if i < p.len() && (p[i] == '?' || p[i] == n[j]) {
            i += 1;
            j += 1;
        } else if i < p.len() && p[i] == '*' {
            star = Some((i, j));
            i += 1;
        } else if let Some((si, sj)) = star {
            i = si + 1;
            j = sj + 1;
            star = Some((si, sj + 1));
        } else {
            return false;
        }
    }
    p[i..].iter().all(|&c| c == '*')
}

/// Up to five of `names`, nearest to `wanted` first (edit distance, ignoring case and the
/// pattern's wildcards).
pub fn closest<'a>(wanted: &str, names: &[&'a str]) -> Vec<&'a str> {
    let wanted: String = wanted.chars().filter(|c| !matches!(c, '*' | '?')).collect();
    let wanted = wanted.to_lowercase();
    let mut scored: Vec<(usize, &str)> =
        names.iter().map(|n| (edit_distance(&wanted, &n.to_lowercase()), *n)).collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(5).map(|(_, n)| n).collect()
}

/// Levenshtein distance, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

/// Drops the types no remaining operation reaches (request, response, header blocks,
/// fault details and everything they hold), renumbering the rest in model order.
/// `renames` follow their types; every kept type gets, as a fixed name, the name the
/// whole model gives it.
pub(crate) fn prune_types(model: &mut Model, renames: &Renames) -> Renames {
    let reached = reachable(model);
    prune_to(model, renames, &reached)
}

/// [`prune_types`] keeping the types `keep` marks, which must hold every type a kept one
/// holds.
pub(crate) fn prune_to(model: &mut Model, renames: &Renames, reached: &[bool]) -> Renames {
    let full_names = resolve::type_names_with(model, &renames.types);
    let mut new_id: Vec<Option<TypeId>> = vec![None; model.types.len()];
    let mut next = 0;
    for (old, slot) in new_id.iter_mut().enumerate() {
        if reached[old] {
            *slot = Some(TypeId(next));
            next += 1;
        }
    }
    let remap = |id: TypeId| new_id[id.0 as usize].expect("a kept type holds only kept types");

    let types = std::mem::take(&mut model.types);
    model.types = types
        .into_iter()
        .enumerate()
        .filter(|(old, _)| reached[*old])
        .map(|(_, mut def)| {
            for_each_ref(&mut def.kind, &mut |ty| remap_ref(ty, &remap));
            if let TypeKind::Struct(s) = &mut def.kind {
                // The base is documentation only; it stays when kept for another reason.
                s.base = s.base.and_then(|b| new_id[b.0 as usize]);
            }
            def
        })
        .collect();
    for service in &mut model.services {
        for op in &mut service.operations {
            for_each_message_ref(op, &mut |ty| remap_ref(ty, &remap));
        }
    }

    let types: BTreeMap<TypeId, String> = (0..reached.len())
        .filter_map(|old| new_id[old].map(|id| (id, full_names[old].clone())))
        .collect();
    let fields = renames
        .fields
        .iter()
        .filter_map(|((id, i), name)| new_id[id.0 as usize].map(|id| ((id, *i), name.clone())))
        .collect();
    Renames { types, fields }
}

/// Which types the operations reach, indexed like [`Model::types`].
pub(crate) fn reachable(model: &Model) -> Vec<bool> {
    let mut reached = vec![false; model.types.len()];
    let mut todo: Vec<TypeId> = Vec::new();
    let mut visit = |ty: &TypeRef, todo: &mut Vec<TypeId>| {
        for id in resolve::named_in(ty) {
            if !std::mem::replace(&mut reached[id.0 as usize], true) {
                todo.push(id);
            }
        }
    };
    for op in model.services.iter().flat_map(|s| &s.operations) {
        // HTTP GET/POST bindings may have messages of their own.
        let own = op.bindings.iter().filter_map(|b| b.messages.as_deref());
        let messages = [&op.input.ty, &op.output.ty]
            .into_iter()
            .chain(own.flat_map(|m| [&m.input.ty, &m.output.ty]));
        let blocks = op.headers.iter().chain(&op.output_headers).map(|h| &h.ty);
        let blocks = blocks.chain(op.faults.iter().map(|f| &f.ty));
        for ty in messages.chain(blocks) {
            visit(ty, &mut todo);
        }
    }
    while let Some(id) = todo.pop() {
        match &model.ty(id).kind {
            TypeKind::Struct(s) => {
                let members =
                    s.fields.iter().map(|f| &f.ty).chain(s.attributes.iter().map(|a| &a.ty));
                for ty in members.chain(&s.text) {
                    visit(ty, &mut todo);
                }
            }
            TypeKind::Choice(c) => c.alternatives.iter().for_each(|f| visit(&f.ty, &mut todo)),
            TypeKind::Enum(_) => {}
        }
    }
    reached
}

/// Every type reference an operation's messages hold.
fn for_each_message_ref(op: &mut Operation, f: &mut dyn FnMut(&mut TypeRef)) {
    f(&mut op.input.ty);
    f(&mut op.output.ty);
    for m in op.bindings.iter_mut().filter_map(|b| b.messages.as_deref_mut()) {
        f(&mut m.input.ty);
        f(&mut m.output.ty);
    }
    op.headers.iter_mut().chain(&mut op.output_headers).for_each(|h| f(&mut h.ty));
    op.faults.iter_mut().for_each(|fault| f(&mut fault.ty));
}

/// Every type reference a type's members hold.
fn for_each_ref(kind: &mut TypeKind, f: &mut dyn FnMut(&mut TypeRef)) {
    match kind {
        TypeKind::Struct(s) => {
            s.fields.iter_mut().for_each(|field| f(&mut field.ty));
            s.attributes.iter_mut().for_each(|a| f(&mut a.ty));
            if let Some(text) = &mut s.text {
                f(text);
            }
        }
        TypeKind::Choice(c) => c.alternatives.iter_mut().for_each(|field| f(&mut field.ty)),
        TypeKind::Enum(_) => {}
    }
}

fn remap_ref(ty: &mut TypeRef, remap: &dyn Fn(TypeId) -> TypeId) {
    match ty {
        TypeRef::Named(id) => *id = remap(*id),
        TypeRef::Wrapped(w) => remap_ref(&mut w.item_ty, remap),
        TypeRef::List(item) => remap_ref(item, remap),
        TypeRef::Primitive(_) | TypeRef::RawXml | TypeRef::AnyElement => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob("Order_GetData", "Order_GetData"));
        assert!(glob("Order_*", "Order_GetData"));
        assert!(glob("*_Get?ata", "Order_GetData"));
        assert!(glob("*", ""));
        assert!(glob("a*b*c", "aXXbYYbc"));
        assert!(!glob("Order_*", "Debtor_GetData"));
        assert!(!glob("Order_GetDat", "Order_GetData"));
        assert!(!glob("order_getdata", "Order_GetData"), "names are case-sensitive");
    }

    #[test]
    fn nearest_names_come_first() {
        let names = ["Order_GetData", "Order_Create", "Debtor_GetData", "Connect"];
        assert_eq!(closest("Order_GetDat", &names)[..2], ["Order_GetData", "Order_Create"]);
        assert_eq!(closest("conect*", &names)[0], "Connect");
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
