//! The NumPy-style baseline: one operation at a time over whole arrays, each
//! producing a full-size temporary, as `np.sin(2*np.pi*x)` does.
//!
//! It walks the typed graph after constant folding and strength reduction
//! (Python folds `2*np.pi` itself, and NumPy's `power` has the same fast
//! paths), but without common-subexpression elimination: NumPy computes
//! `sin(a)` twice in `sin(a) + sin(a)`. A name bound in the program is one
//! temporary, as a Python variable is. It calls the same scalar kernels as
//! the VM, so the two agree bit for bit and differ only in memory traffic.

use crate::compile::graph::{Graph, NodeKind};
use crate::error::Result;
use crate::kernels::{Kernels, Src, execute_scalar};
use crate::types::{Array, Scalar, Value};
use crate::vm::{BLOCK_LEN, check_inputs, internal};

/// A node's value while the graph is walked.
enum Temp<'a> {
    Input(&'a Value),
    Scalar(Scalar),
    Array(Array),
}

impl Temp<'_> {
    fn src(&self) -> Src<'_> {
        match self {
            Temp::Input(Value::Scalar(s)) | Temp::Scalar(s) => Src::scalar(*s),
            Temp::Input(Value::Array(a)) | Temp::Array(a) => Src::slice(a.as_slice()),
        }
    }

    fn scalar(&self) -> Option<Scalar> {
        match self {
            Temp::Input(Value::Scalar(s)) | Temp::Scalar(s) => Some(*s),
            _ => None,
        }
    }
}

/// Evaluates `graph` (inputs in the order of `graph.inputs`).
pub fn evaluate(graph: &Graph, inputs: &[&Value]) -> Result<Value> {
    let root_node = graph.node(graph.root);
    let len = check_inputs(&graph.inputs, root_node.array, inputs)?;
    let mut last_use = vec![0; graph.nodes.len()];
    for id in 0..graph.nodes.len() {
        for &a in graph.operands(id) {
            last_use[a] = id;
        }
    }
    let mut temps: Vec<Option<Temp>> = Vec::with_capacity(graph.nodes.len());
    for (id, node) in graph.nodes.iter().enumerate() {
        let temp = match &node.kind {
            NodeKind::Input(i) => Temp::Input(inputs[*i]),
            NodeKind::Const(v) => Temp::Scalar(*v),
            NodeKind::Op(op, args) => {
                let operands: Vec<&Temp> = args
                    .iter()
                    .map(|&a| {
                        temps[a]
                            .as_ref()
                            .ok_or_else(|| internal(format!("node {a} freed early")))
                    })
                    .collect::<Result<_>>()?;
                let scalars: Option<Vec<Scalar>> = operands.iter().map(|t| t.scalar()).collect();
                match scalars {
                    Some(values) => Temp::Scalar(
                        execute_scalar(*op, node.dtype, &values)
                            .map_err(|m| internal(format!("{} mistyped", m.0.name())))?,
                    ),
                    None => {
                        // Never zeroed, as NumPy's ufuncs write into `np.empty`.
                        let srcs: Vec<Src> = operands.iter().map(|t| t.src()).collect();
                        Temp::Array(Kernels::Scalar.apply(*op, node.dtype, len, &srcs)?)
                    }
                }
            }
        };
        temps.push(Some(temp));
        // Free the temporaries this node was the last to read.
        for &a in graph.operands(id) {
            if last_use[a] == id && a != graph.root {
                temps[a] = None;
            }
        }
    }
    let root = temps
        .get_mut(graph.root)
        .and_then(Option::take)
        .ok_or_else(|| internal("no root".into()))?;
    let result = match root {
        Temp::Array(a) => Value::Array(a),
        Temp::Input(v) => v.clone(),
        Temp::Scalar(s) if root_node.array => Value::Array(broadcast(s, len)?),
        Temp::Scalar(s) => Value::Scalar(s),
    };
    let Some(reduction) = graph.reduction else {
        return Ok(result);
    };
    let values = match result {
        Value::Array(a) => a,
        Value::Scalar(s) => broadcast(s, 1)?,
    };
    Ok(Value::Scalar(reduction.over(values.as_slice(), BLOCK_LEN)?))
}

/// An array of `len` copies of `value`.
pub fn broadcast(value: Scalar, len: usize) -> Result<Array> {
    Kernels::Scalar.apply(
        crate::bytecode::Op::Copy,
        value.dtype(),
        len,
        &[Src::scalar(value)],
    )
}
