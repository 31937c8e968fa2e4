//! Byte strings' kernels: NumPy's comparisons of `S` arrays and numexpr's
//! `contains`, each giving bool. Strings are never computed with, so no
//! register holds them: the VM and the eager engine read them where they
//! lie ([`Text`]) and write a block of bools.

use super::Mismatch;
use crate::bytecode::ops::Op;
use crate::types::{Strided, Strings};
use std::mem::MaybeUninit;

/// An operand of a byte-string op, read by the flat index of the result:
/// one string for every element (a literal), or an array, read through
/// strides where its shape is not the result's.
#[derive(Clone, Copy, Debug)]
pub enum Text<'a> {
    One(&'a [u8]),
    Array(&'a Strings, Option<&'a Strided>),
}

impl<'a> Text<'a> {
    /// The string at element `i` of the result (without its trailing NULs).
    #[inline]
    fn item(&self, i: usize) -> &'a [u8] {
        match *self {
            Text::One(s) => s,
            Text::Array(s, None) => s.get(i),
            Text::Array(s, Some(strided)) => s.get(strided.index(i)),
        }
    }
}

/// A test of two byte strings.
type Test = fn(&[u8], &[u8]) -> bool;

/// The function of two byte strings that `op` is: NumPy's comparisons
/// (bytes in order, a string before those it begins), or whether `b`
/// occurs in `a` (`contains`; the empty string occurs in every string);
/// `None` for an op that takes no strings.
fn function(op: Op) -> Option<Test> {
    Some(match op {
        Op::Lt => |a, b| a < b,
        Op::Le => |a, b| a <= b,
        Op::Eq => |a, b| a == b,
        Op::Ne => |a, b| a != b,
        Op::Ge => |a, b| a >= b,
        Op::Gt => |a, b| a > b,
        Op::Contains => |a, b| memchr::memmem::find(a, b).is_some(),
        _ => return None,
    })
}

/// `op` of two byte strings; `None` for an op that takes no strings.
pub fn apply(op: Op, a: &[u8], b: &[u8]) -> Option<bool> {
    function(op).map(|f| f(a, b))
}

/// `op` of `a` and `b` at elements `start..start + out.len()` of the result.
pub fn execute(
    op: Op,
    out: &mut [MaybeUninit<bool>],
    a: Text<'_>,
    b: Text<'_>,
    start: usize,
) -> Result<(), Mismatch> {
    let f = function(op).ok_or(Mismatch(op))?;
    for (k, o) in out.iter_mut().enumerate() {
        let i = start + k;
        o.write(f(a.item(i), b.item(i)));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::Shape;

    #[test]
    fn strings_compare_as_numpy_s_and_contains_finds_substrings() {
        assert_eq!(apply(Op::Lt, b"ab", b"abc"), Some(true));
        assert_eq!(apply(Op::Gt, b"b", b"abc"), Some(true));
        assert_eq!(apply(Op::Eq, b"", b""), Some(true));
        assert_eq!(apply(Op::Contains, b"test abc here", b"c h"), Some(true));
        assert_eq!(apply(Op::Contains, b"abc", b""), Some(true));
        assert_eq!(apply(Op::Contains, b"", b"a"), Some(false));
        assert_eq!(apply(Op::Add, b"", b""), None);
    }

    #[test]
    fn arrays_are_read_by_the_result_s_index_through_strides() {
        let shape = |d: &[usize]| Shape::new(d.to_vec()).unwrap();
        let column = Strings::from_items(&[&b"ab"[..], b"x"], shape(&[2, 1])).unwrap();
        let row = Strings::from_items(&[&b"a"[..], b"b", b"x"], shape(&[1, 3])).unwrap();
        let result = shape(&[2, 3]);
        let (sc, sr) = (
            Strided::new(column.shape(), &result),
            Strided::new(row.shape(), &result),
        );
        let mut out = [MaybeUninit::new(false); 6];
        let (a, b) = (
            Text::Array(&column, Some(&sc)),
            Text::Array(&row, Some(&sr)),
        );
        execute(Op::Contains, &mut out, a, b, 0).unwrap();
        // SAFETY: execute wrote every element (and they started initialised).
        let got: Vec<bool> = out.iter().map(|v| unsafe { v.assume_init() }).collect();
        assert_eq!(got, [true, true, false, false, false, true]);
        assert_eq!(
            execute(Op::Mul, &mut out, Text::One(b""), Text::One(b""), 0),
            Err(Mismatch(Op::Mul))
        );
    }
}
