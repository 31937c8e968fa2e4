//! The one error type of the crate.
//!
//! Every error a user can cause carries the place it is about (a byte range of
//! the source, when there is one) and a message that says what would be valid.
//! The CLI renders it with a caret line under the span; the page underlines it.

use std::fmt;

/// A byte range `start..end` of the source text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// What went wrong, without the place.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The text is not a well-formed program (lexer and parser).
    Syntax(String),
    /// A name that is neither an input, a bound name, a constant nor a function.
    UnknownName {
        name: String,
        suggestion: Option<String>,
    },
    /// A function called with the wrong number of arguments.
    Arity {
        function: String,
        expected: String,
        found: usize,
    },
    /// Operands whose dtypes the operation does not accept.
    Type(String),
    /// A constant that cannot be represented (an int literal too large, ...).
    Value(String),
    /// A limit on source length, nesting depth, program size or array length.
    Limit(String),
    /// Inputs missing, of mismatched lengths, or otherwise unusable.
    Input(String),
    /// An allocation that could not be satisfied.
    Memory(String),
    /// Evaluation failed on valid input (a reduction of an empty array...).
    Eval(String),
    /// A file could not be read or written, or is not a supported `.npy`.
    File(String),
    /// A command-line usage error.
    Usage(String),
}

/// An error with the span of the source it is about.
#[derive(Clone, Debug, PartialEq)]
pub struct Error {
    pub kind: ErrorKind,
    pub span: Option<Span>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: ErrorKind, span: Option<Span>) -> Error {
        Error { kind, span }
    }

    pub fn at(kind: ErrorKind, span: Span) -> Error {
        Error::new(kind, Some(span))
    }

    pub fn syntax(message: impl Into<String>, span: Span) -> Error {
        Error::at(ErrorKind::Syntax(message.into()), span)
    }

    pub fn type_error(message: impl Into<String>, span: Span) -> Error {
        Error::at(ErrorKind::Type(message.into()), span)
    }

    pub fn input(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Input(message.into()), None)
    }

    pub fn memory(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Memory(message.into()), None)
    }

    pub fn file(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::File(message.into()), None)
    }

    /// The message alone, without the position.
    pub fn message(&self) -> String {
        match &self.kind {
            ErrorKind::UnknownName { name, suggestion } => match suggestion {
                Some(s) => format!("unknown name `{name}`; did you mean `{s}`?"),
                None => format!("unknown name `{name}`"),
            },
            ErrorKind::Arity {
                function,
                expected,
                found,
            } => {
                let s = if *found == 1 { "" } else { "s" };
                format!("`{function}` takes {expected}, but {found} argument{s} were given")
            }
            ErrorKind::Syntax(m)
            | ErrorKind::Type(m)
            | ErrorKind::Value(m)
            | ErrorKind::Limit(m)
            | ErrorKind::Input(m)
            | ErrorKind::Memory(m)
            | ErrorKind::Eval(m)
            | ErrorKind::File(m)
            | ErrorKind::Usage(m) => m.clone(),
        }
    }

    /// The source, a caret line under the span and the message, for a terminal.
    pub fn render(&self, source: &str) -> String {
        let Some(span) = self.span else {
            return format!("error: {}", self.message());
        };
        // Find the line holding the span's start; underline up to its end.
        let start = span.start.min(source.len());
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let line = &source[line_start..line_end];
        let col = source[line_start..start].chars().count();
        let end = span.end.clamp(start, line_end);
        let width = source[start..end].chars().count().max(1);
        format!(
            "  {line}\n  {}{}\nerror: {}",
            " ".repeat(col),
            "^".repeat(width),
            self.message()
        )
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())?;
        if let Some(span) = self.span {
            write!(f, " (at {}..{})", span.start, span.end)?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}
