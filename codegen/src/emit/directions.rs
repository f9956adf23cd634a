//! Which way each type travels: a client writes what it sends (requests, header blocks) and
//! reads what it receives (responses, fault details), so a type gets `XmlWrite`, `XmlRead`
//! or both accordingly. Types no operation reaches get both: the user holds them for some
//! purpose the documents do not say.

use crate::ir::{TypeId, TypeRef};
use crate::resolve::Resolved;

use super::features::reached;

/// Per type: whether it is written, whether it is read.
pub struct Directions {
    writes: Vec<bool>,
    reads: Vec<bool>,
}

impl Directions {
    /// Every type both ways (servers, mocks, round-trip tests).
    pub fn both(resolved: &Resolved) -> Self {
        let n = resolved.types.len();
        Directions { writes: vec![true; n], reads: vec![true; n] }
    }

    /// The directions a client needs.
    pub fn client(resolved: &Resolved) -> Self {
        let mut sent: Vec<&TypeRef> = Vec::new();
        let mut received: Vec<&TypeRef> = Vec::new();
        for service in &resolved.services {
            sent.extend(service.headers.iter().map(|h| &h.ty));
            for op in &service.operations {
                sent.push(&op.input.ty);
                received.push(&op.output.ty);
                received.extend(op.faults.iter().flat_map(|f| &f.variants).map(|v| &v.ty));
                received.extend(op.response_headers.iter().flat_map(|h| &h.blocks).map(|b| &b.ty));
            }
        }
        let (sent, received) = (reached(resolved, &sent), reached(resolved, &received));
        let unreached = |id: &TypeId| !sent.contains(id) && !received.contains(id);
        let ids = || (0..resolved.types.len() as u32).map(TypeId);
        Directions {
            writes: ids().map(|id| sent.contains(&id) || unreached(&id)).collect(),
            reads: ids().map(|id| received.contains(&id) || unreached(&id)).collect(),
        }
    }

    /// Whether values of `id` are written.
    pub fn writes(&self, id: TypeId) -> bool {
        self.writes[id.0 as usize]
    }

    /// Whether values of `id` are read.
    pub fn reads(&self, id: TypeId) -> bool {
        self.reads[id.0 as usize]
    }
}
