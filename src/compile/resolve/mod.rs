//! Pass 1, name and type resolution: the syntax tree and the inputs' dtypes
//! become a typed graph. `names` resolves names and suggests the closest
//! known one, `typing` promotes operands and makes conversions explicit,
//! `desugar` turns operators and calls into ops; this module walks the tree.
//!
//! Names resolve to bound names first, then inputs, then the constants `pi`,
//! `e`, `inf` and `nan` (so a variable of the same name wins). The pass
//! does not fold constants, even weak ones: the fold pass does.

mod desugar;
mod names;
mod typing;

use super::graph::{Graph, Node, NodeId, NodeKind, Variable};
use crate::bytecode::ops::Op;
use crate::error::{Error, Result, Span};
use crate::functions::Function;
use crate::kernels::reduce::{Axis, Reduce, Reduction};
use crate::syntax::{Expr, ExprKind, Keyword, Program, Statement, UnaryOp};
use crate::types::{DType, Scalar, Ty};
use desugar::{arity_error, binary_op};
use std::collections::HashMap;

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
        if let ExprKind::Call {
            name,
            args,
            keywords,
            ..
        } = &e.kind
            && let Some(reduction) = Reduction::parse(name)
        {
            let [arg] = args.as_slice() else {
                return Err(arity_error(name, "1 argument", args.len(), e.span));
            };
            let axis = axis(name, keywords)?;
            let id = self.expr(arg)?;
            self.numbers(name, &[id], e.span)?;
            if self.ty(id).dtype.is_complex()
                && matches!(reduction, Reduction::Min | Reduction::Max)
            {
                return Err(Error::type_error(
                    format!(
                        "`{name}` is not defined on complex numbers, as in numexpr: they have no order; reduce `abs(...)`, `.real` or `.imag`"
                    ),
                    e.span,
                ));
            }
            let acc = reduction.accumulator(self.ty(id).dtype);
            self.graph.root = self.convert(id, Ty::strong(acc))?;
            self.graph.reduction = Some(Reduce { reduction, axis });
            return Ok(());
        }
        self.graph.root = self.expr(e)?;
        Ok(())
    }

    fn expr(&mut self, e: &Expr) -> Result<NodeId> {
        match &e.kind {
            ExprKind::Int(v) => self.constant(Scalar::Int64(*v), true, false, e.span),
            ExprKind::Float(v) => self.constant(Scalar::Float64(*v), true, false, e.span),
            ExprKind::Imag(v) => {
                let value = Scalar::Complex128(crate::types::C128::new(0.0, *v));
                self.constant(value, true, false, e.span)
            }
            ExprKind::Bool(v) => self.constant(Scalar::Bool(*v), true, false, e.span),
            ExprKind::Bytes(v) => self.add(
                NodeKind::Bytes(v.clone()),
                Ty::strong(DType::Bytes),
                false,
                e.span,
            ),
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
                keywords,
            } => {
                no_keywords(name, keywords)?;
                self.call(name, *name_span, args, e.span)
            }
            ExprKind::Attribute {
                value,
                name,
                name_span,
            } => self.attribute(value, name, *name_span, e.span),
            ExprKind::Tuple(_) => Err(Error::type_error(
                "a tuple is only the value of a keyword argument, such as a constructor's `shape=(2, 3)`",
                e.span,
            )),
            ExprKind::List(_) => Err(Error::type_error(
                "a list is only the argument of the constructor `array([...])`, which makes an input",
                e.span,
            )),
        }
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

/// The language's functions take no keyword arguments (the constructors
/// take `shape=`): the first one given is an error at its name.
/// The axis of a reduction, from its keywords: `axis=k` with `k` an
/// integer literal (negative counts from the last axis), `axis=None` or no
/// keyword for all elements.
fn axis(name: &str, keywords: &[Keyword]) -> Result<Option<Axis>> {
    let Some(k) = keywords.first() else {
        return Ok(None);
    };
    if k.name != "axis" {
        return Err(Error::type_error(
            format!(
                "`{name}` takes one keyword argument, `axis=`, and `{}=` is not it",
                k.name
            ),
            k.name_span,
        ));
    }
    let span = k.value.span;
    let index = match &k.value.kind {
        ExprKind::Name(none) if none == "None" => return Ok(None),
        ExprKind::Int(i) => Some(*i),
        ExprKind::Unary(UnaryOp::Neg, inner) => match inner.kind {
            ExprKind::Int(i) => i.checked_neg(),
            _ => None,
        },
        _ => None,
    };
    match index {
        Some(index) => Ok(Some(Axis { index, span })),
        None => Err(Error::type_error(
            format!("`axis=` takes an integer, as in `{name}(x, axis=0)` or `axis=-1`, or `None`"),
            span,
        )),
    }
}

fn no_keywords(name: &str, keywords: &[Keyword]) -> Result<()> {
    match keywords.first() {
        None => Ok(()),
        Some(k) => Err(Error::type_error(
            format!(
                "`{name}` takes no keyword arguments, and `{}=` is one",
                k.name
            ),
            k.name_span,
        )),
    }
}
