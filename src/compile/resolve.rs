//! Pass 1, name and type resolution: the syntax tree and the inputs' dtypes
//! become a typed graph.
//!
//! Names resolve to bound names first, then inputs, then the constants `pi`,
//! `e`, `inf` and `nan` (so a variable of the same name wins); an unknown name
//! suggests the closest known one. Operands are promoted by NEP 50 and the
//! conversions made explicit as `Cast` nodes. `clip` is lowered to
//! `minimum(maximum(...))` and `ones_like` to a broadcast constant here.
//! It does not fold constants, even weak ones: the fold pass does.

use super::graph::{Graph, Node, NodeId, NodeKind, Variable};
use crate::bytecode::ops::{Op, Signature};
use crate::error::{Error, ErrorKind, Result, Span};
use crate::functions::Function;
use crate::kernels::reduce::Reduction;
use crate::syntax::{BinaryOp, Expr, ExprKind, Program, Statement, UnaryOp};
use crate::types::{DType, Scalar, Ty, promote};
use std::collections::HashMap;

const CONSTANTS: [(&str, f64); 4] = [
    ("pi", std::f64::consts::PI),
    ("e", std::f64::consts::E),
    ("inf", f64::INFINITY),
    ("nan", f64::NAN),
];

/// Resolves `program` against the inputs it may read.
pub fn resolve(source: &str, program: &Program, inputs: &[Variable]) -> Result<Graph> {
    let mut r = Resolver {
        source,
        variables: inputs,
        graph: Graph::new(Vec::new()),
        bound: HashMap::new(),
        input_nodes: HashMap::new(),
    };
    let Some((Statement::Expr(result), body)) = program.statements.split_last() else {
        return Err(Error::syntax(
            "the program must end with an expression",
            Span::default(),
        ));
    };
    for statement in body {
        match statement {
            Statement::Assign {
                name,
                name_span,
                value,
            } => {
                if Function::find(name).is_some() {
                    return Err(Error::syntax(
                        format!("`{name}` is a function; choose another name"),
                        *name_span,
                    ));
                }
                let id = r.expr(value)?;
                r.bound.insert(name.clone(), id);
            }
            Statement::Expr(e) => {
                // Python evaluates and drops it; so do we, after checking it.
                r.expr(e)?;
            }
        }
    }
    r.result(result)?;
    Ok(r.graph)
}

struct Resolver<'a> {
    source: &'a str,
    /// Every variable the caller offers; the graph's inputs are those read.
    variables: &'a [Variable],
    graph: Graph,
    bound: HashMap<String, NodeId>,
    input_nodes: HashMap<String, NodeId>,
}

impl Resolver<'_> {
    fn ty(&self, id: NodeId) -> Ty {
        let n = self.graph.node(id);
        Ty {
            dtype: n.dtype,
            weak: n.weak,
        }
    }

    fn add(&mut self, kind: NodeKind, ty: Ty, array: bool, span: Span) -> Result<NodeId> {
        self.graph.add(Node {
            kind,
            dtype: ty.dtype,
            weak: ty.weak,
            array,
            span,
        })
    }

    fn constant(&mut self, value: Scalar, weak: bool, array: bool, span: Span) -> Result<NodeId> {
        let ty = Ty {
            dtype: value.dtype(),
            weak,
        };
        self.add(NodeKind::Const(value), ty, array, span)
    }

    /// The result expression: a reduction is allowed as its outermost call.
    fn result(&mut self, e: &Expr) -> Result<()> {
        if let ExprKind::Call { name, args, .. } = &e.kind
            && let Some(reduction) = Reduction::parse(name)
        {
            let [arg] = args.as_slice() else {
                return Err(arity_error(name, "1 argument", args.len(), e.span));
            };
            let id = self.expr(arg)?;
            let acc = reduction.accumulator(self.ty(id).dtype);
            self.graph.root = self.convert(id, Ty::strong(acc))?;
            self.graph.reduction = Some(reduction);
            return Ok(());
        }
        self.graph.root = self.expr(e)?;
        Ok(())
    }

    fn expr(&mut self, e: &Expr) -> Result<NodeId> {
        match &e.kind {
            ExprKind::Int(v) => self.constant(Scalar::Int64(*v), true, false, e.span),
            ExprKind::Float(v) => self.constant(Scalar::Float64(*v), true, false, e.span),
            ExprKind::Bool(v) => self.constant(Scalar::Bool(*v), true, false, e.span),
            ExprKind::Name(name) => self.name(name, e.span),
            ExprKind::Unary(op, a) => {
                let id = self.expr(a)?;
                match op {
                    UnaryOp::Pos => Ok(id),
                    UnaryOp::Neg if self.ty(id).dtype == DType::Bool => Err(Error::type_error(
                        "`-` is not defined on bool; to negate a condition, write `~`",
                        e.span,
                    )),
                    UnaryOp::Neg => self.apply(Op::Neg, vec![id], e.span),
                    UnaryOp::Invert => self.apply(Op::Invert, vec![id], e.span),
                }
            }
            ExprKind::Binary(op, a, b) => {
                let (a, b) = (self.expr(a)?, self.expr(b)?);
                self.apply(binary_op(*op), vec![a, b], e.span)
            }
            ExprKind::Call {
                name,
                name_span,
                args,
            } => self.call(name, *name_span, args, e.span),
        }
    }

    fn name(&mut self, name: &str, span: Span) -> Result<NodeId> {
        if let Some(&id) = self.bound.get(name) {
            return Ok(id);
        }
        if let Some(&id) = self.input_nodes.get(name) {
            return Ok(id);
        }
        if let Some(var) = self.variables.iter().find(|v| v.name == name) {
            let (ty, array) = (Ty::strong(var.dtype), !var.scalar);
            let index = self.graph.inputs.len();
            self.graph.inputs.push(var.clone());
            let id = self.add(NodeKind::Input(index), ty, array, span)?;
            self.input_nodes.insert(name.to_string(), id);
            return Ok(id);
        }
        if let Some((_, v)) = CONSTANTS.iter().find(|(n, _)| *n == name) {
            return self.constant(Scalar::Float64(*v), true, false, span);
        }
        if Op::function(name).is_some() || Reduction::parse(name).is_some() {
            return Err(Error::syntax(
                format!("`{name}` is a function; call it, as in `{name}(x)`"),
                span,
            ));
        }
        let known = self
            .bound
            .keys()
            .map(String::as_str)
            .chain(self.variables.iter().map(|v| v.name.as_str()))
            .chain(CONSTANTS.iter().map(|(n, _)| *n));
        Err(Error::at(
            ErrorKind::UnknownName {
                name: name.into(),
                suggestion: closest(name, known),
            },
            span,
        ))
    }

    fn call(&mut self, name: &str, name_span: Span, args: &[Expr], span: Span) -> Result<NodeId> {
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
            Function::OnesLike => {
                let n = self.graph.node(ids[0]);
                let (weak, array) = (n.weak, n.array);
                let one = Scalar::Int64(1).cast(n.dtype);
                self.constant(one, weak, array, span)
            }
            Function::Op(op) => self.apply(op, ids, span),
            Function::Reduction(_) => Err(misplaced_reduction(name, name_span)),
        }
    }

    fn unknown_function(&self, name: &str, span: Span) -> Error {
        let suggestion = closest(name, Function::all().map(Function::name));
        if self.bound.contains_key(name) || self.variables.iter().any(|v| v.name == name) {
            return Error::syntax(format!("`{name}` is a variable, not a function"), span);
        }
        Error::at(
            ErrorKind::UnknownName {
                name: name.into(),
                suggestion,
            },
            span,
        )
    }

    /// Converts `id` to the dtype of `ty`, adding a `Cast` node when needed.
    fn convert(&mut self, id: NodeId, ty: Ty) -> Result<NodeId> {
        let node = self.graph.node(id);
        if node.dtype == ty.dtype {
            return Ok(id);
        }
        let (array, span) = (node.array, node.span);
        self.add(NodeKind::Op(Op::Cast, vec![id]), ty, array, span)
    }

    /// Types an op by its signature, converting the operands as needed.
    fn apply(&mut self, op: Op, args: Vec<NodeId>, span: Span) -> Result<NodeId> {
        let types: Vec<Ty> = args.iter().map(|&a| self.ty(a)).collect();
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
                let operand = self.operand_type(op, sig, common, &args, span)?;
                let result = match sig {
                    Signature::Predicate | Signature::Compare => Ty {
                        dtype: DType::Bool,
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
    fn operand_type(
        &self,
        op: Op,
        sig: Signature,
        common: Ty,
        args: &[NodeId],
        span: Span,
    ) -> Result<Ty> {
        let d = common.dtype;
        let with = |dtype: DType| Ty { dtype, ..common };
        let ok = match sig {
            Signature::UnaryNumeric
            | Signature::BinaryArith
            | Signature::TernaryArith
            | Signature::QuaternaryArith
                if d == DType::Bool =>
            {
                // NumPy's bool arithmetic is logical; ours counts, as Python's does.
                return Ok(with(DType::Int64));
            }
            Signature::UnaryFloat | Signature::BinaryFloat if !d.is_float() => {
                return Ok(with(DType::Float64));
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

    /// A condition: bool as it is; other dtypes compared with zero, as NumPy's
    /// `where` takes truthiness.
    fn condition(&mut self, id: NodeId) -> Result<NodeId> {
        let n = self.graph.node(id);
        if n.dtype == DType::Bool {
            return Ok(id);
        }
        let (dtype, weak, span) = (n.dtype, n.weak, n.span);
        let zero = self.constant(Scalar::Int64(0).cast(dtype), weak, false, span)?;
        self.apply(Op::Ne, vec![id, zero], span)
    }

    fn snippet(&self, span: Span) -> String {
        let text = self.source.get(span.start..span.end).unwrap_or("");
        if text.chars().count() > 24 {
            format!("{}...", text.chars().take(21).collect::<String>())
        } else {
            text.to_string()
        }
    }
}

fn binary_op(op: BinaryOp) -> Op {
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

/// How the user wrote the op: its operator, or its function name.
fn op_symbol(op: Op) -> &'static str {
    match op {
        Op::BitAnd => "&",
        Op::BitOr => "|",
        Op::BitXor => "^",
        Op::Invert => "~",
        Op::Shl => "<<",
        Op::Shr => ">>",
        other => other.name(),
    }
}

fn arity_error(name: &str, expected: &str, found: usize, span: Span) -> Error {
    Error::at(
        ErrorKind::Arity {
            function: name.into(),
            expected: expected.into(),
            found,
        },
        span,
    )
}

/// The known name closest to `name`, if one is close enough to be a typo.
fn misplaced_reduction(name: &str, span: Span) -> Error {
    Error::syntax(
        format!(
            "`{name}` is a reduction: it is only allowed as the outermost call of the result, as in `{name}(2*x)`"
        ),
        span,
    )
}

fn closest<'a>(name: &str, known: impl Iterator<Item = &'a str>) -> Option<String> {
    // Ties go to a name that shares the typed prefix, then to the nearest
    // length, then to the first offered (the user's own names come first).
    known
        .enumerate()
        .map(|(order, k)| {
            let distance = strsim::damerau_levenshtein(name, k);
            let prefix = !(name.starts_with(k) || k.starts_with(name));
            ((distance, prefix, k.len().abs_diff(name.len()), order), k)
        })
        .filter(|&((d, ..), k)| d <= (k.len().max(name.len()) / 3).max(1))
        .min()
        .map(|(_, k)| k.to_string())
}
