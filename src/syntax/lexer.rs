//! Source text to tokens, each with its byte span.
//!
//! Newlines end statements, except inside parentheses, where Python joins
//! lines implicitly. `#` starts a comment that runs to the end of the line.

use crate::error::{Error, Result, Span};

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TokenKind {
    Int(i64),
    Float(f64),
    /// An imaginary literal, `2.5j`: its value times 1j.
    Imag(f64),
    Name,
    Plus,
    Minus,
    Star,
    Slash,
    SlashSlash,
    Percent,
    StarStar,
    Tilde,
    Amp,
    Pipe,
    Caret,
    Shl,
    Shr,
    Lt,
    Le,
    EqEq,
    Ne,
    Ge,
    Gt,
    LParen,
    RParen,
    Comma,
    Assign,
    Semicolon,
    /// `.` before a name: an attribute, as in `x.real`.
    Dot,
    Newline,
    Eof,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Span,
}

/// Splits `source` into tokens; the last one is always `Eof`.
pub fn tokenize(source: &str) -> Result<Vec<Token>> {
    let bytes = source.as_bytes();
    let mut tokens = Vec::new();
    let mut pos = 0;
    let mut paren_depth = 0usize;
    while pos < bytes.len() {
        let start = pos;
        let c = bytes[pos];
        let kind = match c {
            b' ' | b'\t' | b'\r' => {
                pos += 1;
                continue;
            }
            b'#' => {
                pos = source[pos..].find('\n').map_or(bytes.len(), |i| pos + i);
                continue;
            }
            b'\n' => {
                pos += 1;
                if paren_depth > 0 {
                    continue;
                }
                TokenKind::Newline
            }
            b'0'..=b'9' => {
                let (kind, end) = number(source, pos)?;
                pos = end;
                kind
            }
            b'.' if bytes.get(pos + 1).is_some_and(u8::is_ascii_digit) => {
                let (kind, end) = number(source, pos)?;
                pos = end;
                kind
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                pos += 1;
                while pos < bytes.len()
                    && (bytes[pos].is_ascii_alphanumeric() || bytes[pos] == b'_')
                {
                    pos += 1;
                }
                TokenKind::Name
            }
            _ => {
                let (kind, len) = operator(&bytes[pos..]).ok_or_else(|| unexpected(source, pos))?;
                pos += len;
                match kind {
                    TokenKind::LParen => paren_depth += 1,
                    TokenKind::RParen => paren_depth = paren_depth.saturating_sub(1),
                    _ => {}
                }
                kind
            }
        };
        tokens.push(Token {
            kind,
            span: Span::new(start, pos),
        });
    }
    tokens.push(Token {
        kind: TokenKind::Eof,
        span: Span::new(bytes.len(), bytes.len()),
    });
    Ok(tokens)
}

fn unexpected(source: &str, pos: usize) -> Error {
    let ch = source[pos..].chars().next().unwrap_or(' ');
    let span = Span::new(pos, pos + ch.len_utf8());
    let hint = match ch {
        '!' => "; to negate, write `~`; to compare, write `!=`",
        '[' | ']' | '{' | '}' => "; only parentheses group",
        '"' | '\'' => "; the language has no strings",
        _ => "",
    };
    Error::syntax(
        format!(
            "unexpected character `{ch}`: expected a number, a name, an operator or a parenthesis{hint}"
        ),
        span,
    )
}

/// The operator at the start of `rest` and its length, longest match first.
fn operator(rest: &[u8]) -> Option<(TokenKind, usize)> {
    use TokenKind::*;
    let two = match rest {
        [b'*', b'*', ..] => Some(StarStar),
        [b'/', b'/', ..] => Some(SlashSlash),
        [b'<', b'<', ..] => Some(Shl),
        [b'>', b'>', ..] => Some(Shr),
        [b'<', b'=', ..] => Some(Le),
        [b'>', b'=', ..] => Some(Ge),
        [b'=', b'=', ..] => Some(EqEq),
        [b'!', b'=', ..] => Some(Ne),
        _ => None,
    };
    if let Some(kind) = two {
        return Some((kind, 2));
    }
    let one = match rest.first()? {
        b'+' => Plus,
        b'-' => Minus,
        b'*' => Star,
        b'/' => Slash,
        b'%' => Percent,
        b'~' => Tilde,
        b'&' => Amp,
        b'|' => Pipe,
        b'^' => Caret,
        b'<' => Lt,
        b'>' => Gt,
        b'(' => LParen,
        b')' => RParen,
        b',' => Comma,
        b'=' => Assign,
        b';' => Semicolon,
        b'.' => Dot,
        _ => return None,
    };
    Some((one, 1))
}

/// A Python number literal starting at `start`: `12`, `1_000`, `.5`, `5.`,
/// `1e-3`, `2.5E+10`. Returns the token and where it ends.
fn number(source: &str, start: usize) -> Result<(TokenKind, usize)> {
    let bytes = source.as_bytes();
    let mut pos = start;
    let mut is_float = false;
    let digits = |pos: &mut usize| -> Result<()> {
        let first = *pos;
        while *pos < bytes.len() && (bytes[*pos].is_ascii_digit() || bytes[*pos] == b'_') {
            let underscore = bytes[*pos] == b'_';
            let next_is_digit = bytes.get(*pos + 1).is_some_and(u8::is_ascii_digit);
            if underscore && (*pos == first || !next_is_digit) {
                return Err(Error::syntax(
                    "an underscore in a number must stand between two digits, as in `1_000`",
                    Span::new(*pos, *pos + 1),
                ));
            }
            *pos += 1;
        }
        Ok(())
    };
    digits(&mut pos)?;
    if bytes.get(pos) == Some(&b'.') {
        is_float = true;
        pos += 1;
        if bytes.get(pos).is_some_and(u8::is_ascii_digit) {
            digits(&mut pos)?;
        }
    }
    if matches!(bytes.get(pos), Some(b'e' | b'E')) {
        let mut exp = pos + 1;
        if matches!(bytes.get(exp), Some(b'+' | b'-')) {
            exp += 1;
        }
        if !bytes.get(exp).is_some_and(u8::is_ascii_digit) {
            return Err(Error::syntax(
                "an exponent needs digits, as in `1e-3`",
                Span::new(start, exp),
            ));
        }
        is_float = true;
        pos = exp;
        digits(&mut pos)?;
    }
    // Python's imaginary literals: `1j`, `2.5J`, `1e-3j`.
    let name_char = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
    let imaginary = matches!(bytes.get(pos), Some(b'j' | b'J')) && !name_char(bytes.get(pos + 1));
    if !imaginary
        && bytes
            .get(pos)
            .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
    {
        let mut end = pos;
        while end < bytes.len() && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'_') {
            end += 1;
        }
        return Err(Error::syntax(
            "a number cannot run into a name; put an operator between them, as in `2*x`",
            Span::new(start, end),
        ));
    }
    let text: String = source[start..pos].chars().filter(|&c| c != '_').collect();
    let span = Span::new(start, pos + usize::from(imaginary));
    let kind = if imaginary {
        let value = text
            .parse()
            .map_err(|_| Error::syntax("not a valid number", span))?;
        return Ok((TokenKind::Imag(value), pos + 1));
    } else if is_float {
        // Rust's parse is correctly rounded, as Python's is.
        TokenKind::Float(
            text.parse()
                .map_err(|_| Error::syntax("not a valid number", span))?,
        )
    } else {
        TokenKind::Int(text.parse().map_err(|_| {
            Error::syntax(
                "this integer does not fit in int64; write it as a float, as in `1e20`",
                span,
            )
        })?)
    };
    Ok((kind, pos))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<TokenKind> {
        // An error gives no tokens, which no expectation below matches.
        let tokens = tokenize(s).unwrap_or_default();
        tokens.into_iter().map(|t| t.kind).collect()
    }

    #[test]
    fn numbers_follow_python() {
        use TokenKind::*;
        assert_eq!(
            kinds("1_000_000 .5 5. 1e-3 2E+2 7"),
            [
                Int(1_000_000),
                Float(0.5),
                Float(5.0),
                Float(1e-3),
                Float(200.0),
                Int(7),
                Eof
            ]
        );
    }

    #[test]
    fn newlines_inside_parentheses_are_joined() {
        use TokenKind::*;
        assert_eq!(
            kinds("(a\n+ b) # sum\nc"),
            [LParen, Name, Plus, Name, RParen, Newline, Name, Eof]
        );
    }

    #[test]
    fn errors_carry_spans() {
        let e = tokenize("x + $").unwrap_err();
        assert_eq!(e.span, Some(Span::new(4, 5)));
        let e = tokenize("1__0").unwrap_err();
        assert_eq!(e.span, Some(Span::new(1, 2)));
        let e = tokenize("99999999999999999999").unwrap_err();
        assert!(e.message().contains("int64"));
        let e = tokenize("2x").unwrap_err();
        assert_eq!(e.span, Some(Span::new(0, 2)));
    }
}
