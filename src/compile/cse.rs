//! Pass 5, common-subexpression elimination: structurally equal nodes
//! (same op, dtype and operands, or the same constant bits) become one, as
//! numexpr's `collapseDuplicateSubtrees` does. Because operands are merged
//! before the nodes that use them, one pass in order finds every duplicate.
//!
//! It does not reorder commutative operands (`a*b` and `b*a` stay two): that
//! would be safe for IEEE results, but numexpr doesn't, and it keeps the
//! disassembly in the order the user wrote.

use super::graph::{Graph, NodeId, NodeKind};
use crate::bytecode::ops::Op;
use crate::error::Result;
use crate::types::DType;
use std::collections::HashMap;

#[derive(Clone, PartialEq, Eq, Hash)]
enum Key {
    Input(usize),
    Const((DType, u128), bool),
    Bytes(Vec<u8>),
    Op(Op, Vec<NodeId>, DType),
}

pub fn eliminate(graph: &Graph) -> Result<Graph> {
    let mut seen: HashMap<Key, NodeId> = HashMap::new();
    let out = graph.rebuild(|out, node| {
        let key = match &node.kind {
            NodeKind::Input(i) => Key::Input(*i),
            NodeKind::Const(v) => Key::Const(v.key(), node.array),
            NodeKind::Bytes(v) => Key::Bytes(v.clone()),
            NodeKind::Op(op, args) => Key::Op(*op, args.clone(), node.dtype),
        };
        match seen.get(&key) {
            Some(&id) => Ok(id),
            None => {
                let id = out.add(node)?;
                seen.insert(key, id);
                Ok(id)
            }
        }
    })?;
    Ok(out.compact())
}
