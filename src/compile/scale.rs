//! Pass 4, the VM's only: scaling by constants made cheaper.
//!
//! - `x / c` becomes `x * (1/c)` where `c` is a power of two whose
//!   reciprocal is exact (`x / 2` becomes `x * 0.5`): a division costs
//!   several multiplications' time in SIMD;
//! - a negation multiplied or divided by a constant goes into the
//!   constant (`-x * 3` becomes `x * -3`, and `-x**2/2` becomes
//!   `x*x * -0.5`): one pass over the block fewer.
//!
//! Real floats only, and finite constants only. Each result is the same
//! number rounded the same way: `x / 2^k` and `x * 2^-k` are both the
//! exact quotient rounded once (zeros, infinities and subnormals
//! included), and `(-x) * c` and `x * (-c)` the same product. Only a NaN
//! can differ, in its sign bit (`-x` flips it, a multiplication keeps
//! it), which IEEE 754 leaves unspecified for arithmetic. The eager engine
//! keeps the ops as written: NumPy computes `-x**2/2` as a negation, a
//! square and a division.

use super::graph::{Graph, Node, NodeId, NodeKind};
use crate::bytecode::ops::Op;
use crate::error::Result;
use crate::kernels::execute_scalar;
use crate::types::Scalar;

/// Returns the rewritten graph; node order (operands first) is kept.
pub fn by_constants(graph: &Graph) -> Result<Graph> {
    graph.rebuild(|out, node| match rewrite(out, &node) {
        Some((op, operand, constant)) => {
            let constant = out.add(Node {
                kind: NodeKind::Const(constant),
                array: false,
                weak: false,
                ..node.clone()
            })?;
            out.add(Node {
                kind: NodeKind::Op(op, vec![operand, constant]),
                ..node
            })
        }
        None => out.add(node),
    })
}

/// The op, operand and constant `node` becomes, if it is a real float
/// multiplication or division by a finite scalar constant that one of the
/// rewrites applies to.
fn rewrite(graph: &Graph, node: &Node) -> Option<(Op, NodeId, Scalar)> {
    let dtype = node.dtype;
    let NodeKind::Op(op @ (Op::Mul | Op::Div), args) = &node.kind else {
        return None;
    };
    if !dtype.is_float() {
        return None;
    }
    let constant = |id: NodeId| match graph.node(id) {
        Node {
            kind: NodeKind::Const(c),
            array: false,
            dtype: d,
            ..
        } if *d == dtype && c.to_f64().is_finite() => Some(*c),
        _ => None,
    };
    // The divisor, or either factor.
    let (mut operand, mut c) = match (op, constant(args[0]), constant(args[1])) {
        (_, _, Some(c)) => (args[0], c),
        (Op::Mul, Some(c), None) => (args[1], c),
        _ => return None,
    };
    let mut changed = false;
    if let NodeKind::Op(Op::Neg, inner) = &graph.node(operand).kind
        && graph.node(inner[0]).dtype == dtype
    {
        operand = inner[0];
        c = execute_scalar(Op::Neg, dtype, &[c]).ok()?;
        changed = true;
    }
    let mut op = *op;
    if op == Op::Div
        && let Some(r) = exact_reciprocal(c)
    {
        op = Op::Mul;
        c = r;
        changed = true;
    }
    changed.then_some((op, operand, c))
}

/// `1/c` in `c`'s dtype, where `c` is a power of two and the reciprocal
/// is exact: finite, and a power of two too (subnormal ones included).
fn exact_reciprocal(c: Scalar) -> Option<Scalar> {
    let v = c.to_f64();
    let mantissa = (1u64 << (f64::MANTISSA_DIGITS - 1)) - 1;
    if !v.is_normal() || v.to_bits() & mantissa != 0 {
        return None;
    }
    let one = Scalar::Int64(1).cast(c.dtype());
    let r = execute_scalar(Op::Div, c.dtype(), &[one, c]).ok()?;
    (r.to_f64().is_finite() && r.to_f64() * v == 1.0).then_some(r)
}
