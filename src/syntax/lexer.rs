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
    /// A bytes literal, `b'abc'`: its value is [`bytes_value`] of the span.
    Bytes,
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
    /// `[`, `]`: a list, only as the argument of the `array` constructor.
    LBracket,
    RBracket,
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
            b'b' | b'B' if matches!(bytes.get(pos + 1), Some(b'\'' | b'"')) => {
                pos = bytes_end(source, pos)?;
                TokenKind::Bytes
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
                    TokenKind::LParen | TokenKind::LBracket => paren_depth += 1,
                    TokenKind::RParen | TokenKind::RBracket => {
                        paren_depth = paren_depth.saturating_sub(1)
                    }
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
        '{' | '}' => "; only parentheses group",
        '"' | '\'' => "; strings are bytes, as in numexpr: write `b'abc'`",
        _ => "",
    };
    Error::syntax(
        format!(
            "unexpected character `{ch}`: expected a number, a name, an operator or a parenthesis{hint}"
        ),
        span,
    )
}

/// Where the bytes literal starting at `start` (its `b`) ends: after the
/// closing quote, on the same line; a backslash escapes the next byte.
fn bytes_end(source: &str, start: usize) -> Result<usize> {
    let bytes = source.as_bytes();
    let quote = bytes[start + 1];
    let mut pos = start + 2;
    loop {
        match bytes.get(pos) {
            Some(&b) if b == quote => return Ok(pos + 1),
            Some(b'\\') if bytes.get(pos + 1).is_some_and(|&b| b != b'\n') => pos += 2,
            Some(b'\n') | None => {
                return Err(Error::syntax(
                    format!(
                        "this bytes literal has no closing {}: close it on the same line",
                        quote as char
                    ),
                    Span::new(start, pos),
                ));
            }
            Some(_) => pos += 1,
        }
    }
}

/// The value of the bytes literal `b'...'` at `span` of `source`, as
/// Python reads it: ASCII characters stand for themselves, and `\\`,
/// `\'`, `\"`, `\n`, `\t`, `\r`, `\0` and `\xhh` for the bytes they
/// escape. Anything else is an error at its place.
pub fn bytes_value(source: &str, span: Span) -> Result<Vec<u8>> {
    let text = source.as_bytes().get(span.start..span.end).unwrap_or(&[]);
    // Without the `b` and the quotes.
    let body = text.get(2..text.len().saturating_sub(1)).unwrap_or(&[]);
    let at = |i: usize, len: usize| Span::new(span.start + 2 + i, span.start + 2 + i + len);
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        let b = body[i];
        if b >= 0x80 {
            let len = source
                .get(at(i, 0).start..)
                .and_then(|rest| rest.chars().next())
                .map_or(1, char::len_utf8);
            return Err(Error::syntax(
                "bytes can only hold ASCII characters, as in Python: write other bytes as `\\xhh`",
                at(i, len),
            ));
        }
        if b != b'\\' {
            out.push(b);
            i += 1;
            continue;
        }
        let escaped = body.get(i + 1).copied().unwrap_or(b' ');
        let (value, len) = match escaped {
            b'\\' | b'\'' | b'"' => (escaped, 2),
            b'n' => (b'\n', 2),
            b't' => (b'\t', 2),
            b'r' => (b'\r', 2),
            b'0' => (0, 2),
            b'x' => {
                let hex = body
                    .get(i + 2..i + 4)
                    .and_then(|h| std::str::from_utf8(h).ok());
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(v) => (v, 4),
                    None => {
                        return Err(Error::syntax(
                            "`\\x` takes two hex digits, as in `\\x00` or `\\xff`",
                            at(i, 2),
                        ));
                    }
                }
            }
            _ => {
                return Err(Error::syntax(
                    "unknown escape: bytes literals take `\\\\`, `\\'`, `\\\"`, `\\n`, `\\t`, `\\r`, `\\0` and `\\xhh`",
                    at(i, 2),
                ));
            }
        };
        out.push(value);
        i += len;
    }
    Ok(out)
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
        b'[' => LBracket,
        b']' => RBracket,
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
    fn bytes_literals_are_python_s() {
        use TokenKind::*;
        assert_eq!(
            kinds(r#"b'a' == B"b\"c" bx"#),
            [Bytes, EqEq, Bytes, Name, Eof]
        );
        let value = |s: &str| bytes_value(s, Span::new(0, s.len()));
        assert_eq!(
            value(r"b'\x00\xffa\'\\\n\t\r\0'").unwrap(),
            b"\0\xffa'\\\n\t\r\0"
        );
        assert_eq!(value("b''").unwrap(), b"");
        assert_eq!(value(r"b'\q'").unwrap_err().span, Some(Span::new(2, 4)));
        assert_eq!(value(r"b'a\x4'").unwrap_err().span, Some(Span::new(3, 5)));
        let e = value("b'é'").unwrap_err();
        assert_eq!(e.span, Some(Span::new(2, 4)));
        assert!(e.message().contains("ASCII"));
        let e = tokenize("x == b'abc\n'").unwrap_err();
        assert_eq!(e.span, Some(Span::new(5, 10)));
        assert!(e.message().contains("no closing '"));
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
