//! Calls and operators to ops: the table's functions, `clip` as
//! `minimum(maximum(...))`, `ones_like` as a broadcast constant; a
//! reduction anywhere but the result's outermost call is an error.

use super::super::graph::NodeId;
use super::Resolver;
use crate::bytecode::ops::Op;
use crate::error::{Error, ErrorKind, Result, Span};
use crate::functions::Function;
use crate::syntax::{BinaryOp, Expr};
use crate::types::{DType, Scalar, Ty, promote};

impl Resolver<'_> {
    pub(super) fn call(
        &mut self,
        name: &str,
        name_span: Span,
        args: &[Expr],
        span: Span,
    ) -> Result<NodeId> {
        let function = match Function::find(name) {
            None => return Err(self.unknown_function(name, name_span)),
            Some(Function::Reduction(_)) => return Err(misplaced_reduction(name, name_span)),
            Some(function) => function,
        };
        let expected = function.arity();
        if args.len() != expected {
            let what = match expected {
                1 => "1 argument".to_string(),
                n => format!("{n} arguments"),
            };
            return Err(arity_error(name, &what, args.len(), span));
        }
        let ids = args
            .iter()
            .map(|a| self.expr(a))
            .collect::<Result<Vec<_>>>()?;
        if !matches!(function, Function::Op(_)) {
            self.numbers(name, &ids, span)?;
        }
        match function {
            Function::Clip => {
                // numpy.clip(a, lo, hi) is minimum(maximum(a, lo), hi), NaNs and all.
                let ty = promote(&[self.ty(ids[0]), self.ty(ids[1]), self.ty(ids[2])]);
                let ids = ids
                    .iter()
                    .map(|&i| self.convert(i, ty))
                    .collect::<Result<Vec<_>>>()?;
                let low = self.apply(Op::Maximum, vec![ids[0], ids[1]], span)?;
                self.apply(Op::Minimum, vec![low, ids[2]], span)
            }
            Function::OnesLike => self.like(ids[0], 1, span),
            Function::Real | Function::Imag | Function::Conj | Function::Angle => {
                self.part(function, ids[0], span)
            }
            Function::Op(op) => self.apply(op, ids, span),
            Function::Reduction(_) => Err(misplaced_reduction(name, name_span)),
        }
    }
}

impl Resolver<'_> {
    /// `value` in `id`'s dtype, as many as `id` has: a broadcast constant.
    fn like(&mut self, id: NodeId, value: i64, span: Span) -> Result<NodeId> {
        let n = self.graph.node(id);
        let (weak, array) = (n.weak, n.array);
        let value = Scalar::Int64(value).cast(n.dtype);
        self.constant(value, weak, array, span)
    }

    /// `real`, `imag`, `conj` or `angle`: the complex ops for a complex
    /// operand; of a real one, what NumPy gives.
    pub(super) fn part(&mut self, function: Function, id: NodeId, span: Span) -> Result<NodeId> {
        if self.ty(id).dtype.is_complex() {
            let op = match function {
                Function::Real => Op::RealPart,
                Function::Imag => Op::ImagPart,
                Function::Angle => Op::Angle,
                _ => Op::Conj,
            };
            return self.apply(op, vec![id], span);
        }
        match function {
            // np.angle: arctan2(0, x), a Python 0 that takes x's float.
            Function::Angle => {
                let zero = self.constant(Scalar::Int64(0), true, false, span)?;
                self.apply(Op::Arctan2, vec![zero, id], span)
            }
            Function::Imag => self.like(id, 0, span),
            // NumPy has no bool loop of `conjugate`: bools count, in int8.
            Function::Conj if self.ty(id) == Ty::strong(DType::Bool) => {
                self.convert(id, Ty::strong(DType::Int8))
            }
            _ => Ok(id),
        }
    }

    /// `x.real` or `x.imag`.
    pub(super) fn attribute(
        &mut self,
        value: &Expr,
        name: &str,
        name_span: Span,
        span: Span,
    ) -> Result<NodeId> {
        let function = match name {
            "real" => Function::Real,
            "imag" => Function::Imag,
            _ => {
                return Err(Error::syntax(
                    format!("`.{name}` is not an attribute ExprLab has: `.real` and `.imag` are"),
                    name_span,
                ));
            }
        };
        let id = self.expr(value)?;
        self.numbers(&format!(".{name}"), &[id], span)?;
        self.part(function, id, span)
    }
}

pub(super) fn binary_op(op: BinaryOp) -> Op {
    use BinaryOp::*;
    match op {
        Add => Op::Add,
        Sub => Op::Sub,
        Mul => Op::Mul,
        Div => Op::Div,
        FloorDiv => Op::FloorDiv,
        Mod => Op::Mod,
        Pow => Op::Pow,
        BitAnd => Op::BitAnd,
        BitOr => Op::BitOr,
        BitXor => Op::BitXor,
        Shl => Op::Shl,
        Shr => Op::Shr,
        Lt => Op::Lt,
        Le => Op::Le,
        Eq => Op::Eq,
        Ne => Op::Ne,
        Ge => Op::Ge,
        Gt => Op::Gt,
    }
}

pub(super) fn arity_error(name: &str, expected: &str, found: usize, span: Span) -> Error {
    Error::at(
        ErrorKind::Arity {
            function: name.into(),
            expected: expected.into(),
            found,
        },
        span,
    )
}

/// `name` called where only the result's outermost call may reduce.
fn misplaced_reduction(name: &str, span: Span) -> Error {
    Error::syntax(
        format!(
            "`{name}` is a reduction: it is only allowed as the outermost call of the result, as in `{name}(2*x)`"
        ),
        span,
    )
}
