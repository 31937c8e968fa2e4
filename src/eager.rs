//! The NumPy-style baseline: one operation at a time over whole arrays, each
//! producing a full-size temporary, as `np.sin(2*np.pi*x)` does.
//!
//! It walks the typed graph after constant folding and strength reduction
//! (Python folds `2*np.pi` itself, and NumPy's `power` has the same fast
//! paths), but without common-subexpression elimination: NumPy computes
//! `sin(a)` twice in `sin(a) + sin(a)`. A name bound in the program is one
//! temporary, as a Python variable is. It calls the same scalar kernels as
//! the VM, so the two agree bit for bit and differ only in memory traffic.
//! Where an operation's operands have different shapes, the smaller ones
//! are broadcast into full-size temporaries first (NumPy reads them by
//! strides instead; the VM does, a block at a time).

use crate::bytecode::Op;
use crate::compile::graph::{Graph, NodeKind};
use crate::error::Result;
use crate::kernels::bytes::{self, Text};
use crate::kernels::{Kernels, Src, execute_scalar};
use crate::types::{Array, DType, NdArray, Scalar, Shape, SliceMut, Strided, Strings, Value};
use crate::vm::{BLOCK_LEN, check_inputs, internal};

/// A node's value while the graph is walked.
enum Temp<'a> {
    Input(&'a Value),
    Scalar(Scalar),
    Array(NdArray),
    /// A bytes literal.
    Bytes(&'a [u8]),
}

impl Temp<'_> {
    /// The value as an operand of an operation whose result has `shape`:
    /// a scalar, the array itself, or a broadcast copy of it.
    fn operand(&self, shape: &Shape) -> Result<Operand<'_>> {
        let array = match self {
            Temp::Input(Value::Scalar(s)) | Temp::Scalar(s) => return Ok(Operand::Scalar(*s)),
            Temp::Input(Value::Array(a)) | Temp::Array(a) => a,
            Temp::Input(Value::Bytes(_)) | Temp::Bytes(_) => {
                return Err(internal("byte strings as a numeric operand".into()));
            }
        };
        if array.shape() == shape {
            return Ok(Operand::Array(array));
        }
        let strided = Strided::new(array.shape(), shape);
        let copy = Array::written(array.dtype(), shape.len(), |out| {
            strided
                .gather(array.as_slice(), 0, out)
                .ok_or_else(|| internal("a broadcast of another dtype".into()))
        })?;
        Ok(Operand::Broadcast(copy))
    }

    fn scalar(&self) -> Option<Scalar> {
        match self {
            Temp::Input(Value::Scalar(s)) | Temp::Scalar(s) => Some(*s),
            _ => None,
        }
    }
}

/// An operand of an operation: borrowed, or broadcast into a copy.
enum Operand<'a> {
    Scalar(Scalar),
    Array(&'a Array),
    Broadcast(Array),
}

impl Operand<'_> {
    fn src(&self) -> Src<'_> {
        match self {
            Operand::Scalar(s) => Src::scalar(*s),
            Operand::Array(a) => Src::slice(a.as_slice()),
            Operand::Broadcast(a) => Src::slice(a.as_slice()),
        }
    }
}

/// Evaluates `graph` (inputs in the order of `graph.inputs`).
pub fn evaluate(graph: &Graph, inputs: &[&Value]) -> Result<Value> {
    let root_node = graph.node(graph.root);
    let shapes = graph.shapes(inputs)?;
    let shape = check_inputs(&graph.inputs, root_node.array, inputs)?;
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
            NodeKind::Bytes(v) => Temp::Bytes(v),
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
                let bytes = args.first().map(|&a| graph.node(a).dtype) == Some(DType::Bytes);
                match scalars {
                    _ if bytes => strings(*op, &operands, &shapes[id])?,
                    Some(values) => Temp::Scalar(
                        execute_scalar(*op, node.dtype, &values)
                            .map_err(|m| internal(format!("{} mistyped", m.0.name())))?,
                    ),
                    None => {
                        // Never zeroed, as NumPy's ufuncs write into `np.empty`.
                        let shape = &shapes[id];
                        let operands: Vec<Operand> = operands
                            .iter()
                            .map(|t| t.operand(shape))
                            .collect::<Result<_>>()?;
                        let srcs: Vec<Src> = operands.iter().map(Operand::src).collect();
                        let array = Kernels::Scalar.apply(*op, node.dtype, shape.len(), &srcs)?;
                        Temp::Array(NdArray::new(array, shape.clone())?)
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
    // The result has the shape of every input broadcast together, as the
    // VM's, also where the root's own is smaller (`ones_like(x) + y`).
    let result = match root {
        // No op makes byte strings: the result is an input or a literal.
        Temp::Input(Value::Bytes(s)) => return Ok(Value::Bytes(s.clone())),
        Temp::Bytes(b) => return Ok(Value::Bytes(Strings::scalar(b)?)),
        Temp::Scalar(s) if !root_node.array => Value::Scalar(s),
        Temp::Input(Value::Scalar(s)) => Value::Scalar(*s),
        root => match root.operand(&shape)? {
            Operand::Scalar(s) => Value::Array(NdArray::new(broadcast(s, shape.len())?, shape)?),
            Operand::Array(a) => Value::Array(NdArray::new(a.clone(), shape)?),
            Operand::Broadcast(a) => Value::Array(NdArray::new(a, shape)?),
        },
    };
    let Some(reduce) = graph.reduction else {
        return Ok(result);
    };
    let (values, shape) = match result {
        Value::Array(a) => {
            let shape = a.shape().clone();
            (a.into_data(), shape)
        }
        Value::Scalar(s) => (broadcast(s, 1)?, Shape::default()),
        Value::Bytes(_) => return Err(internal("a reduction of byte strings".into())),
    };
    reduce.of(values.as_slice(), &shape, BLOCK_LEN)
}

/// `op` of two operands of byte strings, into bools of `shape`: each
/// operand read where it lies, through strides where it broadcasts.
fn strings<'a>(op: Op, operands: &[&Temp<'_>], shape: &Shape) -> Result<Temp<'a>> {
    let strided: Vec<Option<Strided>> = operands
        .iter()
        .map(|t| match t {
            Temp::Input(Value::Bytes(s)) if s.shape() != shape => {
                Some(Strided::new(s.shape(), shape))
            }
            _ => None,
        })
        .collect();
    let text = |k: usize| match operands.get(k) {
        Some(Temp::Bytes(b)) => Some(Text::One(b)),
        Some(Temp::Input(Value::Bytes(s))) => Some(Text::Array(s, strided[k].as_ref())),
        _ => None,
    };
    let (a, b) = text(0)
        .zip(text(1))
        .ok_or_else(|| internal(format!("{} got operands that are not bytes", op.name())))?;
    let array = Array::written(DType::Bool, shape.len(), |out| match out {
        SliceMut::Bool(out) => bytes::execute(op, out, a, b, 0)
            .map_err(|m| internal(format!("{} mistyped", m.0.name()))),
        _ => Err(internal("bools of another dtype".into())),
    })?;
    match Value::shaped(array, shape.clone())? {
        Value::Scalar(s) => Ok(Temp::Scalar(s)),
        Value::Array(a) => Ok(Temp::Array(a)),
        Value::Bytes(_) => Err(internal("bytes from a comparison".into())),
    }
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
