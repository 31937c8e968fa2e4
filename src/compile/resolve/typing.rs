//! Types: operands promoted by NEP 50, conversions made explicit as `Cast`
//! nodes, and the type errors that name the operator as the user wrote it.

use super::super::graph::{NodeId, NodeKind};
use super::Resolver;
use crate::bytecode::ops::{Op, Signature};
use crate::error::{Error, Result, Span};
use crate::types::{DType, Scalar, Ty, promote};

impl Resolver<'_> {
    /// Converts `id` to the dtype of `ty`, adding a `Cast` node when needed.
    pub(super) fn convert(&mut self, id: NodeId, ty: Ty) -> Result<NodeId> {
        let node = self.graph.node(id);
        if node.dtype == ty.dtype {
            return Ok(id);
        }
        let (array, span) = (node.array, node.span);
        self.add(NodeKind::Op(Op::Cast, vec![id]), ty, array, span)
    }

    /// Types an op by its signature, converting the operands as needed.
    pub(super) fn apply(&mut self, op: Op, args: Vec<NodeId>, span: Span) -> Result<NodeId> {
        let types: Vec<Ty> = args.iter().map(|&a| self.ty(a)).collect();
        if op.signature() == Signature::Contains || types.iter().any(|t| t.dtype == DType::Bytes) {
            return self.apply_to_bytes(op, args, span);
        }
        let (operand_ty, result_ty, args) = match op.signature() {
            Signature::Select => {
                let cond = self.condition(args[0])?;
                let ty = promote(&types[1..]);
                let a = self.convert(args[1], ty)?;
                let b = self.convert(args[2], ty)?;
                let array = [cond, a, b].iter().any(|&i| self.graph.node(i).array);
                let weak = types.iter().all(|t| t.weak);
                let ty = Ty { weak, ..ty };
                return self.add(NodeKind::Op(op, vec![cond, a, b]), ty, array, span);
            }
            Signature::Cast => return Ok(args[0]),
            sig => {
                let common = promote(&types);
                // NumPy's `abs` of a complex is its magnitude, a float64.
                if op == Op::Abs && common.dtype.is_complex() {
                    return self.apply(Op::Magnitude, args, span);
                }
                if common.dtype == DType::Bool && !common.weak {
                    if let Some(logical) = logical(op, span)? {
                        return self.apply(logical, args, span);
                    }
                    // NumPy's bool loops of these give the bools themselves.
                    if matches!(op, Op::Abs | Op::Ceil | Op::Floor | Op::Trunc) {
                        return Ok(args[0]);
                    }
                }
                let operand = self.operand_type(op, sig, common, &args, span)?;
                let result = match sig {
                    Signature::Predicate
                    | Signature::RealPredicate
                    | Signature::Compare
                    | Signature::Equality => Ty {
                        dtype: DType::Bool,
                        weak: operand.weak,
                    },
                    Signature::MakeComplex => Ty {
                        dtype: DType::Complex128,
                        weak: operand.weak,
                    },
                    Signature::ComplexPart => Ty {
                        dtype: DType::Float64,
                        weak: operand.weak,
                    },
                    _ => operand,
                };
                (operand, result, args)
            }
        };
        let args = args
            .iter()
            .map(|&a| self.convert(a, operand_ty))
            .collect::<Result<Vec<_>>>()?;
        let array = args.iter().any(|&a| self.graph.node(a).array);
        self.add(NodeKind::Op(op, args), result_ty, array, span)
    }

    /// The dtype the operands are computed in, or a type error.
    pub(super) fn operand_type(
        &self,
        op: Op,
        sig: Signature,
        common: Ty,
        args: &[NodeId],
        span: Span,
    ) -> Result<Ty> {
        let d = common.dtype;
        let with = |dtype: DType| Ty { dtype, ..common };
        if d.is_complex() && !sig.takes_complex() {
            return Err(self.no_complex_loop(op, sig, args, span));
        }
        let ok = match sig {
            // Two reals make a complex, from float64 as NumPy's `complex`.
            Signature::MakeComplex => return Ok(with(DType::Float64)),
            Signature::ComplexPart | Signature::UnaryComplex => d.is_complex(),
            // NumPy rounds bools in a float (float16; float32 here).
            Signature::UnaryNumeric if d == DType::Bool && op == Op::Round && !common.weak => {
                return Ok(with(DType::Float32));
            }
            Signature::UnaryArith
            | Signature::UnaryNumeric
            | Signature::BinaryArith
            | Signature::BinaryNumeric
            | Signature::TernaryArith
            | Signature::QuaternaryArith
                if d == DType::Bool =>
            {
                // Python's bools count (`True + True == 2`), and so do
                // NumPy's in the ops it has no bool loop for, in int8.
                return Ok(with(if common.weak {
                    DType::Int64
                } else {
                    DType::Int8
                }));
            }
            // NumPy divides integers in float64, and computes the other
            // float functions of integers in the smallest float that holds
            // each operand: float16 for 8 bits, which ExprLab lacks
            // (float32 here), float32 for 16 bits, float64 for more.
            Signature::UnaryFloat
            | Signature::BinaryFloat
            | Signature::UnaryReal
            | Signature::BinaryReal
                if !d.is_float() && !d.is_complex() =>
            {
                // A Python literal counts as the dtype it meets.
                let float = args
                    .iter()
                    .map(|&a| if self.ty(a).weak { d } else { self.ty(a).dtype })
                    .map(|t| t.promote(DType::Float32))
                    .reduce(DType::promote)
                    .filter(|_| op != Op::Div)
                    .unwrap_or(DType::Float64);
                return Ok(with(float));
            }
            Signature::UnaryBits | Signature::BinaryBits => !d.is_float(),
            Signature::Shift => d.is_int(),
            _ => true,
        };
        if ok {
            return Ok(common);
        }
        let wanted = match sig {
            Signature::Shift => "integer operands",
            Signature::ComplexPart | Signature::UnaryComplex => "a complex operand",
            _ => "bool or integer operands",
        };
        let operands: Vec<String> = args
            .iter()
            .map(|&a| {
                let n = self.graph.node(a);
                format!("`{}` is {}", self.snippet(n.span), n.dtype)
            })
            .collect();
        Err(Error::type_error(
            format!(
                "`{}` needs {wanted}, but {}",
                op_symbol(op),
                operands.join(" and ")
            ),
            span,
        ))
    }

    /// An op of byte strings: a comparison or `contains` of two of them,
    /// giving bool; anything else is an error that says what strings take.
    fn apply_to_bytes(&mut self, op: Op, args: Vec<NodeId>, span: Span) -> Result<NodeId> {
        if !op.signature().takes_bytes() {
            self.numbers(op_symbol(op), &args, span)?;
        }
        if let Some(&other) = args.iter().find(|&&a| self.ty(a).dtype != DType::Bytes) {
            let n = self.graph.node(other);
            let what = if op == Op::Contains {
                "searches byte strings in byte strings, as in numexpr: `contains(s, b'ab')`"
            } else {
                "compares byte strings with byte strings only, as numexpr does"
            };
            return Err(Error::type_error(
                format!(
                    "`{}` {what}, and `{}` is {}",
                    op_symbol(op),
                    self.snippet(n.span),
                    n.dtype
                ),
                span,
            ));
        }
        let array = args.iter().any(|&a| self.graph.node(a).array);
        self.add(NodeKind::Op(op, args), Ty::strong(DType::Bool), array, span)
    }

    /// An error when any of `args` is byte strings, which `what` (an
    /// operator or a function, as the user wrote it) is not defined on.
    pub(super) fn numbers(&self, what: &str, args: &[NodeId], span: Span) -> Result<()> {
        let Some(n) = args
            .iter()
            .map(|&a| self.graph.node(a))
            .find(|n| n.dtype == DType::Bytes)
        else {
            return Ok(());
        };
        Err(Error::type_error(
            format!(
                "`{what}` is not defined on byte strings (`{}` is bytes): as in numexpr, they are compared (`==`, `!=`, `<`, `<=`, `>`, `>=`) or searched (`contains(s, b'ab')`)",
                self.snippet(n.span)
            ),
            span,
        ))
    }

    /// The error for a complex operand of an op NumPy has no complex loop
    /// of: ordering, rounding, `//`, `%` and the real-only functions.
    fn no_complex_loop(&self, op: Op, sig: Signature, args: &[NodeId], span: Span) -> Error {
        let complex = args
            .iter()
            .map(|&a| self.graph.node(a))
            .find(|n| n.dtype.is_complex())
            .map_or(String::new(), |n| {
                format!(" (`{}` is complex128)", self.snippet(n.span))
            });
        if sig == Signature::MakeComplex {
            return Error::type_error(
                format!(
                    "`complex(a, b)` takes two real parts{complex}: write `a + 1j*b` to add complex numbers"
                ),
                span,
            );
        }
        let what = match sig {
            Signature::Compare => "complex numbers have no order: compare their `abs`, `.real` or `.imag`, or test `==`/`!=`".to_string(),
            _ => format!("it takes {}", sig.dtypes().split(';').next().unwrap_or("reals")),
        };
        Error::type_error(
            format!(
                "`{}` is not defined on complex numbers{complex}, as in NumPy: {what}",
                op_symbol(op)
            ),
            span,
        )
    }

    /// A condition: bool as it is; other dtypes compared with zero, as NumPy's
    /// `where` takes truthiness.
    pub(super) fn condition(&mut self, id: NodeId) -> Result<NodeId> {
        let n = self.graph.node(id);
        if n.dtype == DType::Bool {
            return Ok(id);
        }
        let (dtype, weak, span) = (n.dtype, n.weak, n.span);
        let zero = self.constant(Scalar::Int64(0).cast(dtype), weak, false, span)?;
        self.apply(Op::Ne, vec![id, zero], span)
    }
}

/// NumPy's arithmetic on bool arrays is logical: `+` and `maximum` are
/// or, `*` and `minimum` are and, and `-` is an error; `None` for the ops
/// that count instead.
fn logical(op: Op, span: Span) -> Result<Option<Op>> {
    Ok(match op {
        Op::Add | Op::Maximum => Some(Op::BitOr),
        Op::Mul | Op::Minimum => Some(Op::BitAnd),
        Op::Sub => {
            return Err(Error::type_error(
                "`-` is not defined on bool arrays, as in NumPy: for where two conditions differ, write `^`",
                span,
            ));
        }
        Op::Sign => {
            return Err(Error::type_error(
                "`sign` is not defined on bool arrays, as in NumPy: a condition is its own sign",
                span,
            ));
        }
        _ => None,
    })
}

/// How the user wrote the op: its operator, or its function name.
fn op_symbol(op: Op) -> &'static str {
    match op {
        Op::Add => "+",
        Op::Sub => "-",
        Op::Mul => "*",
        Op::Div => "/",
        Op::FloorDiv => "//",
        Op::Mod => "%",
        Op::Pow => "**",
        Op::Neg => "-",
        Op::Eq => "==",
        Op::Ne => "!=",
        Op::BitAnd => "&",
        Op::BitOr => "|",
        Op::BitXor => "^",
        Op::Invert => "~",
        Op::Shl => "<<",
        Op::Shr => ">>",
        Op::Lt => "<",
        Op::Le => "<=",
        Op::Ge => ">=",
        Op::Gt => ">",
        other => other.name(),
    }
}
