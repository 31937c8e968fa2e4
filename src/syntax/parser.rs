//! A Pratt parser driven by two small binding-power tables (after matklad's
//! minipratt), with Python's precedence:
//!
//! comparisons < `|` < `^` < `&` < shifts < `+ -` < `* / // %` < unary `- + ~` < `**`
//!
//! `**` is right-associative and binds tighter than a unary minus on its left
//! (`-2**2 == -4`), while its right operand may itself start with one
//! (`2**-1`).

use super::ast::{BinaryOp, Expr, ExprKind, Keyword, Program, Statement, UnaryOp};
use super::lexer::{Token, TokenKind, tokenize};
use crate::error::{Error, ErrorKind, Result, Span};
use crate::limits::{MAX_DEPTH, MAX_SOURCE_LEN};

/// Parses a program: statements separated by `;` or newlines, the last one an
/// expression.
pub fn parse(source: &str) -> Result<Program> {
    if source.len() > MAX_SOURCE_LEN {
        return Err(Error::at(
            ErrorKind::Limit(format!(
                "the source is {} bytes long; the limit is {MAX_SOURCE_LEN}",
                source.len()
            )),
            Span::new(MAX_SOURCE_LEN, source.len()),
        ));
    }
    let tokens = tokenize(source)?;
    let mut parser = Parser {
        source,
        tokens,
        pos: 0,
    };
    parser.program()
}

/// Parses a single expression (no statements).
pub fn parse_expr(source: &str) -> Result<Expr> {
    let program = parse(source)?;
    match program.statements.as_slice() {
        [Statement::Expr(e)] => Ok(e.clone()),
        _ => Err(Error::syntax(
            "expected a single expression",
            Span::new(0, source.len()),
        )),
    }
}

struct Parser<'a> {
    source: &'a str,
    tokens: Vec<Token>,
    pos: usize,
}

fn prefix_bp(kind: TokenKind) -> Option<(UnaryOp, u8)> {
    match kind {
        TokenKind::Minus => Some((UnaryOp::Neg, 16)),
        TokenKind::Plus => Some((UnaryOp::Pos, 16)),
        TokenKind::Tilde => Some((UnaryOp::Invert, 16)),
        _ => None,
    }
}

/// Left and right binding powers of each infix operator.
fn infix_bp(kind: TokenKind) -> Option<(BinaryOp, u8, u8)> {
    use BinaryOp::*;
    let (op, l, r) = match kind {
        TokenKind::Lt => (Lt, 2, 3),
        TokenKind::Le => (Le, 2, 3),
        TokenKind::EqEq => (Eq, 2, 3),
        TokenKind::Ne => (Ne, 2, 3),
        TokenKind::Ge => (Ge, 2, 3),
        TokenKind::Gt => (Gt, 2, 3),
        TokenKind::Pipe => (BitOr, 4, 5),
        TokenKind::Caret => (BitXor, 6, 7),
        TokenKind::Amp => (BitAnd, 8, 9),
        TokenKind::Shl => (Shl, 10, 11),
        TokenKind::Shr => (Shr, 10, 11),
        TokenKind::Plus => (Add, 12, 13),
        TokenKind::Minus => (Sub, 12, 13),
        TokenKind::Star => (Mul, 14, 15),
        TokenKind::Slash => (Div, 14, 15),
        TokenKind::SlashSlash => (FloorDiv, 14, 15),
        TokenKind::Percent => (Mod, 14, 15),
        TokenKind::StarStar => (Pow, 19, 18),
        _ => return None,
    };
    Some((op, l, r))
}

impl Parser<'_> {
    fn peek(&self) -> Token {
        self.tokens[self.pos.min(self.tokens.len() - 1)]
    }

    fn peek_at(&self, offset: usize) -> Token {
        self.tokens[(self.pos + offset).min(self.tokens.len() - 1)]
    }

    fn bump(&mut self) -> Token {
        let t = self.peek();
        if self.pos < self.tokens.len() - 1 {
            self.pos += 1;
        }
        t
    }

    fn text(&self, span: Span) -> &str {
        &self.source[span.start..span.end]
    }

    fn describe(&self, t: Token) -> String {
        match t.kind {
            TokenKind::Eof => "the end of the input".into(),
            TokenKind::Newline => "the end of the line".into(),
            _ => format!("`{}`", self.text(t.span)),
        }
    }

    fn program(&mut self) -> Result<Program> {
        let mut statements = Vec::new();
        loop {
            while matches!(self.peek().kind, TokenKind::Semicolon | TokenKind::Newline) {
                self.bump();
            }
            if self.peek().kind == TokenKind::Eof {
                break;
            }
            statements.push(self.statement()?);
            let t = self.peek();
            match t.kind {
                TokenKind::Semicolon | TokenKind::Newline | TokenKind::Eof => {}
                TokenKind::Assign => {
                    return Err(Error::syntax(
                        "`=` assigns only to a name at the start of a statement, as in `t = 2*x`; to compare, write `==`",
                        t.span,
                    ));
                }
                TokenKind::RParen => {
                    return Err(Error::syntax("this `)` has no matching `(`", t.span));
                }
                _ => {
                    return Err(keyword_error(self.text(t.span), t.span).unwrap_or_else(|| {
                        Error::syntax(
                            format!(
                                "expected an operator, `;` or a new line, found {}",
                                self.describe(t)
                            ),
                            t.span,
                        )
                    }));
                }
            }
        }
        match statements.last() {
            None => Err(Error::syntax(
                "the program is empty: write an expression such as `sin(2*pi*x)`",
                Span::new(0, self.source.len()),
            )),
            Some(Statement::Assign {
                name_span, name, ..
            }) => Err(Error::syntax(
                format!(
                    "the program must end with an expression; add a last line such as `{name}`"
                ),
                *name_span,
            )),
            Some(Statement::Expr(_)) => Ok(Program { statements }),
        }
    }

    fn statement(&mut self) -> Result<Statement> {
        let first = self.peek();
        if first.kind == TokenKind::Name && self.peek_at(1).kind == TokenKind::Assign {
            self.bump();
            self.bump();
            let (value, _) = self.expr_bp(0, 0)?;
            return Ok(Statement::Assign {
                name: self.text(first.span).to_string(),
                name_span: first.span,
                value,
            });
        }
        Ok(Statement::Expr(self.expr_bp(0, 0)?.0))
    }

    /// Parses an expression whose operators bind at least `min_bp`, and
    /// returns it with its height. `depth` counts the parser's own recursion;
    /// the height bounds the recursion of the passes that walk the tree.
    fn expr_bp(&mut self, min_bp: u8, depth: usize) -> Result<(Expr, usize)> {
        if depth > MAX_DEPTH {
            return Err(Error::at(
                ErrorKind::Limit(format!(
                    "the expression nests more than {MAX_DEPTH} levels deep"
                )),
                self.peek().span,
            ));
        }
        let (mut lhs, mut height) = self.primary(depth)?;
        // A comparison we just built without parentheses: another one after
        // it would be a chain, which Python reads differently from NumPy.
        let mut bare_comparison = false;
        loop {
            let t = self.peek();
            let Some((op, l_bp, r_bp)) = infix_bp(t.kind) else {
                break;
            };
            if l_bp < min_bp {
                break;
            }
            if op.is_comparison() && bare_comparison {
                let rhs = self.peek_at(1);
                return Err(Error::syntax(
                    "chained comparisons such as `a < b < c` are not supported; write `(a < b) & (b < c)`",
                    lhs.span.to(rhs.span),
                ));
            }
            self.bump();
            let (rhs, rhs_height) = self.expr_bp(r_bp, depth + 1)?;
            let span = lhs.span.to(rhs.span);
            height = check_height(height.max(rhs_height) + 1, span)?;
            lhs = Expr {
                kind: ExprKind::Binary(op, Box::new(lhs), Box::new(rhs)),
                span,
            };
            bare_comparison = op.is_comparison();
        }
        Ok((lhs, height))
    }

    /// An atom followed by its attributes, which bind tighter than any
    /// operator, as Python's do: `-x.real**2` is `-((x.real)**2)`.
    fn primary(&mut self, depth: usize) -> Result<(Expr, usize)> {
        let (mut expr, mut height) = self.atom(depth)?;
        while self.peek().kind == TokenKind::Dot {
            let dot = self.bump();
            let name = self.bump();
            if name.kind != TokenKind::Name {
                return Err(Error::syntax(
                    format!(
                        "expected an attribute's name after `.`, as in `x.real`, found {}",
                        self.describe(name)
                    ),
                    dot.span.to(name.span),
                ));
            }
            let span = expr.span.to(name.span);
            height = check_height(height + 1, span)?;
            expr = Expr {
                kind: ExprKind::Attribute {
                    value: Box::new(expr),
                    name: self.text(name.span).to_string(),
                    name_span: name.span,
                },
                span,
            };
        }
        Ok((expr, height))
    }

    fn atom(&mut self, depth: usize) -> Result<(Expr, usize)> {
        let t = self.bump();
        let kind = match t.kind {
            TokenKind::Int(v) => ExprKind::Int(v),
            TokenKind::Float(v) => ExprKind::Float(v),
            TokenKind::Imag(v) => ExprKind::Imag(v),
            TokenKind::Bytes => ExprKind::Bytes(super::lexer::bytes_value(self.source, t.span)?),
            TokenKind::Name => return self.name(t, depth),
            TokenKind::LBracket => return self.sequence(t, None, depth),
            TokenKind::LParen => {
                if self.peek().kind == TokenKind::RParen {
                    let close = self.bump();
                    let kind = ExprKind::Tuple(Vec::new());
                    return Ok((
                        Expr {
                            kind,
                            span: t.span.to(close.span),
                        },
                        1,
                    ));
                }
                let (inner, height) = self.expr_bp(0, depth + 1)?;
                if self.peek().kind == TokenKind::Comma {
                    return self.sequence(t, Some((inner, height)), depth);
                }
                let close = self.peek();
                if close.kind != TokenKind::RParen {
                    return Err(Error::syntax(
                        format!(
                            "expected `)` to close the `(` at {}, found {}",
                            t.span.start,
                            self.describe(close)
                        ),
                        close.span,
                    ));
                }
                self.bump();
                let expr = Expr {
                    kind: inner.kind,
                    span: t.span.to(close.span),
                };
                return Ok((expr, height));
            }
            kind => {
                if let Some((op, r_bp)) = prefix_bp(kind) {
                    let (operand, height) = self.expr_bp(r_bp, depth + 1)?;
                    let span = t.span.to(operand.span);
                    let expr = Expr {
                        kind: ExprKind::Unary(op, Box::new(operand)),
                        span,
                    };
                    return Ok((expr, check_height(height + 1, span)?));
                }
                return Err(Error::syntax(
                    format!(
                        "expected an expression (a number, a name, `(` or `-`), found {}",
                        self.describe(t)
                    ),
                    t.span,
                ));
            }
        };
        Ok((Expr { kind, span: t.span }, 1))
    }

    /// The rest of a tuple `(first, ...)` opened by `open`, or of a list
    /// `[first, ...]` (`first` is `None` for `[]`): items separated by
    /// commas, a trailing comma allowed, as in Python.
    fn sequence(
        &mut self,
        open: Token,
        first: Option<(Expr, usize)>,
        depth: usize,
    ) -> Result<(Expr, usize)> {
        let list = open.kind == TokenKind::LBracket;
        let (close, what) = if list {
            (TokenKind::RBracket, ("`]`", "list"))
        } else {
            (TokenKind::RParen, ("`)`", "tuple"))
        };
        let first = match first {
            None if self.peek().kind != close => Some(self.expr_bp(0, depth + 1)?),
            first => first,
        };
        let (mut items, mut height) = (Vec::new(), 1);
        if let Some((first, first_height)) = first {
            items.push(first);
            height = first_height + 1;
        }
        loop {
            let sep = self.bump();
            match sep.kind {
                k if k == close => {
                    let span = open.span.to(sep.span);
                    let kind = if list {
                        ExprKind::List(items)
                    } else {
                        ExprKind::Tuple(items)
                    };
                    return Ok((Expr { kind, span }, check_height(height, span)?));
                }
                TokenKind::Comma if self.peek().kind == close => {}
                TokenKind::Comma if !items.is_empty() => {
                    let (item, item_height) = self.expr_bp(0, depth + 1)?;
                    height = height.max(item_height + 1);
                    items.push(item);
                }
                _ => {
                    return Err(Error::syntax(
                        format!(
                            "expected `,` or {} in the {} opened at {}, found {}",
                            what.0,
                            what.1,
                            open.span.start,
                            self.describe(sep)
                        ),
                        sep.span,
                    ));
                }
            }
        }
    }

    fn name(&mut self, t: Token, depth: usize) -> Result<(Expr, usize)> {
        let name = self.text(t.span).to_string();
        if name == "True" || name == "False" {
            let kind = ExprKind::Bool(name == "True");
            return Ok((Expr { kind, span: t.span }, 1));
        }
        if let Some(error) = keyword_error(&name, t.span) {
            return Err(error);
        }
        if self.peek().kind != TokenKind::LParen {
            return Ok((
                Expr {
                    kind: ExprKind::Name(name),
                    span: t.span,
                },
                1,
            ));
        }
        let open = self.bump();
        let mut args = Vec::new();
        let mut keywords: Vec<Keyword> = Vec::new();
        let mut height = 1;
        if self.peek().kind != TokenKind::RParen {
            loop {
                // `name=value`: a keyword argument, after which only keywords come.
                let keyword = self.peek().kind == TokenKind::Name
                    && self.peek_at(1).kind == TokenKind::Assign;
                let key = keyword.then(|| {
                    let key = self.bump();
                    self.bump();
                    key
                });
                let (arg, arg_height) = self.expr_bp(0, depth + 1)?;
                height = height.max(arg_height + 1);
                match key {
                    Some(key) => {
                        let name = self.text(key.span).to_string();
                        if keywords.iter().any(|k| k.name == name) {
                            return Err(Error::syntax(
                                format!("the keyword argument `{name}` is given twice"),
                                key.span,
                            ));
                        }
                        keywords.push(Keyword {
                            name,
                            name_span: key.span,
                            value: arg,
                        });
                    }
                    None if !keywords.is_empty() => {
                        return Err(Error::syntax(
                            "a positional argument cannot follow a keyword argument",
                            arg.span,
                        ));
                    }
                    None => args.push(arg),
                }
                let sep = self.peek();
                match sep.kind {
                    TokenKind::Comma => {
                        self.bump();
                        // A trailing comma, as Python allows.
                        if self.peek().kind == TokenKind::RParen {
                            break;
                        }
                    }
                    TokenKind::RParen => break,
                    _ => {
                        return Err(Error::syntax(
                            format!(
                                "expected `,` or `)` in the arguments of `{name}` (opened at {}), found {}",
                                open.span.start,
                                self.describe(sep)
                            ),
                            sep.span,
                        ));
                    }
                }
            }
        }
        let close = self.bump();
        let span = t.span.to(close.span);
        let expr = Expr {
            kind: ExprKind::Call {
                name,
                name_span: t.span,
                args,
                keywords,
            },
            span,
        };
        Ok((expr, check_height(height, span)?))
    }
}

/// The error for a Python keyword the language does not have, saying what
/// to write instead.
fn keyword_error(name: &str, span: Span) -> Option<Error> {
    let hint = match name {
        "and" => "use `&` with parentheses, as in `(a > 0) & (b < 1)`",
        "or" => "use `|` with parentheses, as in `(a > 0) | (b < 1)`",
        "not" => "use `~`, as in `~(a > 0)`",
        "if" | "else" | "lambda" | "for" | "in" | "is" => "use `where(cond, a, b)`",
        _ => return None,
    };
    Some(Error::syntax(
        format!("`{name}` is not supported: {hint}"),
        span,
    ))
}

/// The tree's height is what later recursive walks pay for: keep it bounded.
fn check_height(height: usize, span: Span) -> Result<usize> {
    if height > MAX_DEPTH {
        return Err(Error::at(
            ErrorKind::Limit(format!(
                "the expression nests more than {MAX_DEPTH} operations deep; split it into statements (`t = ...`)"
            )),
            span,
        ));
    }
    Ok(height)
}
