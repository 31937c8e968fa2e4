//! Source text to syntax tree: the lexer (spans on every token), a Pratt
//! parser, and the tree with its S-expression form.

pub mod ast;
pub mod lexer;
pub mod parser;

pub use ast::{BinaryOp, Expr, ExprKind, Keyword, Program, Statement, UnaryOp};
pub use parser::{parse, parse_expr};
