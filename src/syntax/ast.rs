//! The syntax tree, and its S-expression text form for tests and debugging:
//! `1 + 2 * 3` prints as `(+ 1 (* 2 3))`.

use crate::error::Span;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    Neg,
    Pos,
    Invert,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    BitAnd,
    BitOr,
    BitXor,
    Shl,
    Shr,
    Lt,
    Le,
    Eq,
    Ne,
    Ge,
    Gt,
}

impl UnaryOp {
    pub const ALL: [UnaryOp; 3] = [UnaryOp::Neg, UnaryOp::Pos, UnaryOp::Invert];

    pub fn symbol(self) -> &'static str {
        match self {
            UnaryOp::Neg => "-",
            UnaryOp::Pos => "+",
            UnaryOp::Invert => "~",
        }
    }
}

impl BinaryOp {
    pub const ALL: [BinaryOp; 18] = {
        use BinaryOp::*;
        [
            Add, Sub, Mul, Div, FloorDiv, Mod, Pow, BitAnd, BitOr, BitXor, Shl, Shr, Lt, Le, Eq,
            Ne, Ge, Gt,
        ]
    };

    pub fn symbol(self) -> &'static str {
        use BinaryOp::*;
        match self {
            Add => "+",
            Sub => "-",
            Mul => "*",
            Div => "/",
            FloorDiv => "//",
            Mod => "%",
            Pow => "**",
            BitAnd => "&",
            BitOr => "|",
            BitXor => "^",
            Shl => "<<",
            Shr => ">>",
            Lt => "<",
            Le => "<=",
            Eq => "==",
            Ne => "!=",
            Ge => ">=",
            Gt => ">",
        }
    }

    pub fn is_comparison(self) -> bool {
        use BinaryOp::*;
        matches!(self, Lt | Le | Eq | Ne | Ge | Gt)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Int(i64),
    Float(f64),
    /// An imaginary literal: `2.5j` is `Imag(2.5)`.
    Imag(f64),
    /// A bytes literal: `b'ab'` is `Bytes(vec![b'a', b'b'])`.
    Bytes(Vec<u8>),
    Bool(bool),
    Name(String),
    Unary(UnaryOp, Box<Expr>),
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    Call {
        name: String,
        name_span: Span,
        args: Vec<Expr>,
        /// `name=value` arguments, after the positional ones.
        keywords: Vec<Keyword>,
    },
    /// `(a, b)`, `(a,)` or `()`: only the value of a keyword argument such
    /// as a constructor's `shape=(2, 3)`.
    Tuple(Vec<Expr>),
    /// `[a, b]`, `[[1, 2], [3, 4]]` or `[]`: only the argument of the
    /// constructor `array([...])`.
    List(Vec<Expr>),
    /// `x.real`: an attribute of an operand.
    Attribute {
        value: Box<Expr>,
        name: String,
        name_span: Span,
    },
}

/// A keyword argument: `shape=(2, 3)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Keyword {
    pub name: String,
    pub name_span: Span,
    pub value: Expr,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Statement {
    Assign {
        name: String,
        name_span: Span,
        value: Expr,
    },
    Expr(Expr),
}

/// A whole program: statements, the last of which is the result expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Program {
    pub statements: Vec<Statement>,
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ExprKind::Int(v) => write!(f, "{v}"),
            ExprKind::Float(v) => write!(f, "{}", crate::types::Scalar::Float64(*v)),
            ExprKind::Imag(v) => write!(
                f,
                "{}",
                crate::types::Scalar::Complex128(crate::types::C128::new(0.0, *v))
            ),
            ExprKind::Bytes(v) => write!(f, "{}", crate::types::Repr(v)),
            ExprKind::Bool(v) => write!(f, "{}", crate::types::Scalar::Bool(*v)),
            ExprKind::Name(n) => write!(f, "{n}"),
            ExprKind::Unary(op, a) => write!(f, "({} {a})", op.symbol()),
            ExprKind::Binary(op, a, b) => write!(f, "({} {a} {b})", op.symbol()),
            ExprKind::Call {
                name,
                args,
                keywords,
                ..
            } => {
                write!(f, "({name}")?;
                for a in args {
                    write!(f, " {a}")?;
                }
                for k in keywords {
                    write!(f, " {}={}", k.name, k.value)?;
                }
                write!(f, ")")
            }
            ExprKind::Attribute { value, name, .. } => write!(f, "(. {value} {name})"),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let kind = if matches!(self.kind, ExprKind::Tuple(_)) {
                    "tuple"
                } else {
                    "list"
                };
                write!(f, "({kind}")?;
                for a in items {
                    write!(f, " {a}")?;
                }
                write!(f, ")")
            }
        }
    }
}

impl fmt::Display for Program {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, s) in self.statements.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            match s {
                Statement::Assign { name, value, .. } => write!(f, "(= {name} {value})")?,
                Statement::Expr(e) => write!(f, "{e}")?,
            }
        }
        Ok(())
    }
}
