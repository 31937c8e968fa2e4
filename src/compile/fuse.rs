//! Pass 6, the VM's only: multiply-add fusion. `x*y + z*w` becomes one
//! `mulmuladd`, `x*y + z`, `z + x*y` and `x*y - k` (with `k` a constant,
//! added as `-k`) one `muladd`, and `x*y*z` one `mulmul`, when nothing
//! else reads the products.
//!
//! The result has the same bits: both round each product and then the sum,
//! as the separate ops do (neither is a fused multiply-add), addition and
//! multiplication commute, and `p - k` is `p + (-k)` in IEEE arithmetic
//! and in wrapping integer arithmetic alike. What changes is the work: the
//! VM makes a pass over the block per instruction, so `a*b + c` and
//! `2*a + 3*b` make one instead of two and three, and `-x**2/2` (`x*x *
//! -0.5` after [`super::scale`]) one instead of two (`docs/threads.md` has
//! the figures). The eager engine does not fuse: NumPy computes one op at
//! a time.

use super::graph::{Graph, Node, NodeId, NodeKind};
use crate::bytecode::ops::Op;
use crate::error::Result;
use crate::kernels::execute_scalar;

/// Returns the fused graph; node order (operands first) is kept.
pub fn mul_add(graph: &Graph) -> Result<Graph> {
    let mut uses = vec![0usize; graph.nodes.len()];
    for id in 0..graph.nodes.len() {
        for &a in graph.operands(id) {
            uses[a] += 1;
        }
    }
    if let Some(u) = uses.get_mut(graph.root) {
        *u += 1;
    }
    // A product read only by the node being fused, of the same dtype: its
    // operands.
    let product = |id: NodeId, dtype| match &graph.node(id).kind {
        NodeKind::Op(Op::Mul, args) if uses[id] == 1 && graph.node(id).dtype == dtype => {
            Some([args[0], args[1]])
        }
        _ => None,
    };
    let mut out = Graph::new(graph.inputs.clone());
    out.reduction = graph.reduction;
    let mut map: Vec<NodeId> = Vec::with_capacity(graph.nodes.len());
    for node in &graph.nodes {
        let fused = match &node.kind {
            NodeKind::Op(Op::Add, args) => {
                match (product(args[0], node.dtype), product(args[1], node.dtype)) {
                    (Some([w, x]), Some([y, z])) => {
                        Some((Op::MulMulAdd, vec![map[w], map[x], map[y], map[z]]))
                    }
                    (Some([x, y]), None) => Some((Op::MulAdd, vec![map[x], map[y], map[args[1]]])),
                    (None, Some([x, y])) => Some((Op::MulAdd, vec![map[x], map[y], map[args[0]]])),
                    (None, None) => None,
                }
            }
            NodeKind::Op(Op::Mul, args) => {
                match (product(args[0], node.dtype), product(args[1], node.dtype)) {
                    (Some([x, y]), _) => Some((Op::MulMul, vec![map[x], map[y], map[args[1]]])),
                    (None, Some([x, y])) => Some((Op::MulMul, vec![map[x], map[y], map[args[0]]])),
                    (None, None) => None,
                }
            }
            NodeKind::Op(Op::Sub, args) => {
                match (product(args[0], node.dtype), &graph.node(args[1]).kind) {
                    (Some([x, y]), NodeKind::Const(k)) => {
                        let negated = execute_scalar(Op::Neg, node.dtype, &[*k])
                            .map_err(|m| crate::vm::internal(format!("{} mistyped", m.0.name())))?;
                        // The product's slot, dead once fused, holds `-k`:
                        // the graph never grows (nor meets the node limit).
                        let slot = map[args[0]];
                        out.nodes[slot] = Node {
                            kind: NodeKind::Const(negated),
                            ..graph.node(args[1]).clone()
                        };
                        Some((Op::MulAdd, vec![map[x], map[y], slot]))
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        let mut node = node.clone();
        match fused {
            Some((op, args)) => node.kind = NodeKind::Op(op, args),
            None => {
                if let NodeKind::Op(_, args) = &mut node.kind {
                    for a in args.iter_mut() {
                        *a = map[*a];
                    }
                }
            }
        }
        map.push(out.add(node)?);
    }
    out.root = map.get(graph.root).copied().unwrap_or(0);
    Ok(out.compact())
}
