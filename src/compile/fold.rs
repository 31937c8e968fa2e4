//! Pass 2, constant folding: an op whose operands are all constants becomes a
//! constant, computed by the very kernel that would compute it at run time,
//! so folding never changes a result's bits.
//!
//! It deliberately does not apply algebraic identities: `x + 0 -> x` is
//! wrong for `x = -0.0` (`-0.0 + 0.0 == +0.0`), `x * 0 -> 0` is wrong for
//! NaN and inf, `x - x -> 0` likewise. Only operations on known values fold.
//!
//! It also checks what needs known values: a Python int literal that must
//! become an integer dtype has to fit it (NumPy 2 raises OverflowError too), and an integer
//! raised to a negative constant power is refused, as NumPy refuses it.

use super::graph::{Graph, NodeKind};
use crate::bytecode::ops::Op;
use crate::error::{Error, ErrorKind, Result};
use crate::kernels::execute_scalar;
use crate::types::{DType, Scalar};

pub fn fold(graph: &Graph) -> Result<Graph> {
    let mut graph = graph.clone();
    for id in 0..graph.nodes.len() {
        let NodeKind::Op(op, args) = &graph.nodes[id].kind else {
            continue;
        };
        let (op, args) = (*op, args.clone());
        let values: Vec<Option<Scalar>> = args
            .iter()
            .map(|&a| match graph.nodes[a].kind {
                NodeKind::Const(v) => Some(v),
                _ => None,
            })
            .collect();
        let node = &graph.nodes[id];
        if op == Op::Pow
            && node.dtype.is_int()
            && let Some(Some(exponent)) = values.get(1)
            && exponent.as_i64().is_some_and(|e| e < 0)
        {
            return Err(Error::at(
                ErrorKind::Value(format!(
                    "integers to negative integer powers are not allowed (nor in NumPy); for a float result write the exponent as a float, as in `**{}.0`",
                    exponent
                )),
                node.span,
            ));
        }
        let Some(values) = values.into_iter().collect::<Option<Vec<Scalar>>>() else {
            continue;
        };
        if op == Op::Cast && graph.nodes[args[0]].weak {
            check_literal_fits(values[0], node.dtype, graph.nodes[args[0]].span)?;
        }
        // The dtypes were resolved, so a mismatch is a compiler bug: leave
        // the node for the VM, which reports it as an internal error.
        if let Ok(v) = execute_scalar(op, node.dtype, &values) {
            graph.nodes[id].kind = NodeKind::Const(v);
        }
    }
    Ok(graph)
}

fn check_literal_fits(value: Scalar, dtype: DType, span: crate::error::Span) -> Result<()> {
    if let Some((low, high)) = dtype.int_range()
        && let Some(v) = value.as_i128()
        && !(low..=high).contains(&v)
    {
        return Err(Error::at(
            ErrorKind::Value(format!(
                "the integer {v} does not fit {dtype} ({low} to {high}), the dtype it meets here (NumPy 2 raises OverflowError too); write it as a float, or use inputs of a wider dtype"
            )),
            span,
        ));
    }
    Ok(())
}
