//! Pass 3, strength reduction of `**` with a constant exponent, as numexpr
//! does: `x**2 -> x*x`, `x**0.5 -> sqrt(x)`, `x**-1 -> 1/x`, and integer powers
//! up to [`MAX_EXPONENT`] by repeated squaring.
//!
//! `x**0 -> ones_like(x)` and `x**1 -> x` are exact (IEEE `pow(x, 0) == 1`
//! even for NaN). The others round differently from `pow` in the last bit,
//! and `x**0.5` differs from `pow` at `-0.0` and `-inf` (`sqrt` gives -0.0
//! and NaN): NumPy's own fast paths for array powers make the same choices.
//! Exponents that are not integers or halves keep their `pow`.

use super::graph::{Graph, Node, NodeId, NodeKind};
use crate::bytecode::ops::Op;
use crate::error::Result;
use crate::types::Scalar;

/// The largest integer exponent expanded into multiplications.
pub const MAX_EXPONENT: i64 = 16;

/// Returns the reduced graph; node order (operands first) is kept.
pub fn reduce(graph: &Graph) -> Result<Graph> {
    graph.rebuild(|out, node| match power(out, &node) {
        Some((base, exponent)) => expand(out, &node, base, exponent),
        None => out.add(node),
    })
}

/// The rewrites this pass knows: which exponents, and to what.
enum Exponent {
    Integer(i64),
    Half {
        negative: bool,
    },
    /// A complex to the power -1: NumPy's `reciprocal`.
    Reciprocal,
}

/// `(base, exponent)` when `node` is a power with a constant exponent we reduce.
fn power(graph: &Graph, node: &Node) -> Option<(NodeId, Exponent)> {
    let NodeKind::Op(Op::Pow, args) = &node.kind else {
        return None;
    };
    let NodeKind::Const(exponent) = graph.node(args[1]).kind else {
        return None;
    };
    // A complex exponent with an imaginary part stays `pow`.
    if exponent.to_complex().im != 0.0 {
        return None;
    }
    let e = exponent.to_f64();
    // NumPy powers a complex to -1 by its `reciprocal`, to other negative
    // integers as `npy_cpow` does (a NaN for a zero base, where `1 / z`
    // gives an infinity), so those stay `pow`.
    let complex = node.dtype.is_complex();
    if complex && e == -1.0 {
        return Some((args[0], Exponent::Reciprocal));
    }
    if e.fract() == 0.0 && e.abs() <= MAX_EXPONENT as f64 {
        // Integer bases with negative exponents were refused by the fold pass.
        if e < 0.0 && (node.dtype.is_int() || complex) {
            return None;
        }
        return Some((args[0], Exponent::Integer(e as i64)));
    }
    if (node.dtype.is_float() && e.abs() == 0.5) || (complex && e == 0.5) {
        return Some((args[0], Exponent::Half { negative: e < 0.0 }));
    }
    None
}

fn expand(graph: &mut Graph, pow: &Node, base: NodeId, exponent: Exponent) -> Result<NodeId> {
    let emit = |graph: &mut Graph, kind: NodeKind, array: bool| {
        graph.add(Node {
            kind,
            array,
            ..pow.clone()
        })
    };
    let array = graph.node(base).array;
    let one = Scalar::Int64(1).cast(pow.dtype);
    let (magnitude, negative) = match exponent {
        Exponent::Integer(0) => return emit(graph, NodeKind::Const(one), pow.array),
        Exponent::Integer(n) => {
            let mut result: Option<NodeId> = None;
            let mut square = base;
            let mut rest = n.unsigned_abs();
            while rest > 0 {
                if rest & 1 == 1 {
                    result = Some(match result {
                        None => square,
                        Some(r) => emit(graph, NodeKind::Op(Op::Mul, vec![r, square]), array)?,
                    });
                }
                rest >>= 1;
                if rest > 0 {
                    square = emit(graph, NodeKind::Op(Op::Mul, vec![square, square]), array)?;
                }
            }
            (result.unwrap_or(base), n < 0)
        }
        Exponent::Reciprocal => {
            return emit(graph, NodeKind::Op(Op::Reciprocal, vec![base]), array);
        }
        Exponent::Half { negative } => {
            let root = emit(graph, NodeKind::Op(Op::Sqrt, vec![base]), array)?;
            (root, negative)
        }
    };
    if !negative {
        return Ok(magnitude);
    }
    let one = emit(graph, NodeKind::Const(one), false)?;
    emit(graph, NodeKind::Op(Op::Div, vec![one, magnitude]), array)
}
