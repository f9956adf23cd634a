//! Recursive types: which fields must be boxed so every struct has a finite size.

use std::collections::BTreeSet;

use crate::ir::{Model, Occurs, TypeId, TypeKind, TypeRef};

/// `(struct, field index)` pairs that need a `Box`.
///
/// Only direct (`T` / `Option<T>`) fields count: a `Vec` already adds indirection. A
/// depth-first walk in model order boxes each edge that closes a cycle, which is
/// deterministic and boxes no more than one edge per cycle found.
pub fn boxed_fields(model: &Model) -> BTreeSet<(TypeId, usize)> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Unseen,
        OnStack,
        Done,
    }
    let n = model.types.len();
    let mut state = vec![State::Unseen; n];
    let mut boxed = BTreeSet::new();

    for root in 0..n {
        if state[root] != State::Unseen {
            continue;
        }
        // Iterative DFS: (type, next field index to look at).
        let mut stack = vec![(root, 0usize)];
        state[root] = State::OnStack;
        while let Some(&mut (ty, ref mut next)) = stack.last_mut() {
            let edges = direct_edges(model, TypeId(ty as u32));
            if let Some(&(field, child)) = edges.get(*next) {
                *next += 1;
                match state[child.0 as usize] {
                    State::OnStack => {
                        boxed.insert((TypeId(ty as u32), field));
                    }
                    State::Unseen => {
                        state[child.0 as usize] = State::OnStack;
                        stack.push((child.0 as usize, 0));
                    }
                    State::Done => {}
                }
            } else {
                state[ty] = State::Done;
                stack.pop();
            }
        }
    }
    boxed
}

fn direct_edges(model: &Model, id: TypeId) -> Vec<(usize, TypeId)> {
    let TypeKind::Struct(s) = &model.ty(id).kind else { return Vec::new() };
    s.fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.occurs != Occurs::Many)
        .filter_map(|(i, f)| match &f.ty {
            TypeRef::Named(child) if matches!(model.ty(*child).kind, TypeKind::Struct(_)) => {
                Some((i, *child))
            }
            _ => None,
        })
        .collect()
}
