//! Byte strings' kernels: NumPy's comparisons of `S` arrays and numexpr's
//! `contains`, each giving bool. Strings are never computed with, so no
//! register holds them: the VM and the eager engine read them where they
//! lie ([`Text`]) and write a block of bools.

use super::Mismatch;
use crate::bytecode::ops::Op;
use crate::types::{Strided, Strings};
use memchr::memmem::Finder;
use std::cmp::Ordering;
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
    /// The string at element `i` of the result, with its NUL padding (an
    /// array's item is its whole width).
    #[inline(always)]
    fn padded(&self, i: usize) -> &'a [u8] {
        match *self {
            Text::One(s) => s,
            Text::Array(s, None) => s.item(i),
            Text::Array(s, Some(strided)) => s.item(strided.index(i)),
        }
    }
}

/// Strings without their trailing NULs, as NumPy reads them.
fn strip(s: &[u8]) -> &[u8] {
    let end = s.iter().rposition(|&b| b != 0).map_or(0, |k| k + 1);
    &s[..end]
}

/// NumPy's order of byte strings (bytes in order, a string before those it
/// begins), read through NUL padding: comparing `a` and `b` padded with
/// NULs to one width orders them as their values do (a value has no
/// trailing NUL, so where one begins the other, the longer has a byte
/// above 0 after it), so nothing is stripped.
#[inline(always)]
fn order(a: &[u8], b: &[u8]) -> Ordering {
    let common = a.len().min(b.len());
    let (head_a, tail_a) = a.split_at(common);
    let (head_b, tail_b) = b.split_at(common);
    match head_a.iter().zip(head_b).find(|(x, y)| x != y) {
        Some((x, y)) => x.cmp(y),
        None if tail_a.iter().any(|&c| c != 0) => Ordering::Greater,
        None if tail_b.iter().any(|&c| c != 0) => Ordering::Less,
        None => Ordering::Equal,
    }
}

/// Whether `op`'s comparison holds for an ordering; `None` for an op that
/// is no comparison.
fn comparison(op: Op) -> Option<fn(Ordering) -> bool> {
    Some(match op {
        Op::Lt => Ordering::is_lt,
        Op::Le => Ordering::is_le,
        Op::Eq => Ordering::is_eq,
        Op::Ne => Ordering::is_ne,
        Op::Ge => Ordering::is_ge,
        Op::Gt => Ordering::is_gt,
        _ => return None,
    })
}

/// numexpr's `contains`: whether `needle` (a literal's bytes, NULs and
/// all, or an item's value) occurs in `haystack`'s value (the empty string
/// occurs in every string). A needle without NULs cannot match the
/// padding, so the haystack is searched whole, padding and all; one with
/// NULs is searched for in the haystack's value.
#[inline(always)]
fn contains(finder: &Finder<'_>, haystack: &[u8]) -> bool {
    finder.find(searched(haystack, finder.needle())).is_some()
}

/// What of `haystack` (padded) `needle` is searched for in: all of it,
/// unless the needle has a NUL, which could match the padding.
#[inline(always)]
fn searched<'h>(haystack: &'h [u8], needle: &[u8]) -> &'h [u8] {
    if needle.contains(&0) {
        strip(haystack)
    } else {
        haystack
    }
}

/// `op` of two byte strings (`a` a value or padded, `b` a value); `None`
/// for an op that takes no strings.
pub fn apply(op: Op, a: &[u8], b: &[u8]) -> Option<bool> {
    match op {
        Op::Contains => Some(contains(&Finder::new(b), a)),
        op => comparison(op).map(|holds| holds(order(a, b))),
    }
}

/// `op` of `a` and `b` at elements `start..start + out.len()` of the result.
pub fn execute(
    op: Op,
    out: &mut [MaybeUninit<bool>],
    a: Text<'_>,
    b: Text<'_>,
    start: usize,
) -> Result<(), Mismatch> {
    match (op, b) {
        // One needle for every haystack (a literal, NULs and all): its
        // searcher is built once.
        (Op::Contains, Text::One(needle)) => {
            let finder = Finder::new(needle);
            for (k, o) in out.iter_mut().enumerate() {
                o.write(contains(&finder, a.padded(start + k)));
            }
        }
        // A needle per haystack: short haystacks are searched directly
        // (building a searcher costs more), long ones with one.
        (Op::Contains, _) => {
            for (k, o) in out.iter_mut().enumerate() {
                let n = strip(b.padded(start + k));
                let h = searched(a.padded(start + k), n);
                o.write(match n.len() {
                    0 => true,
                    _ if h.len() <= 64 => h.windows(n.len()).any(|w| w[0] == n[0] && w == n),
                    _ => memchr::memmem::find(h, n).is_some(),
                });
            }
        }
        (op, _) => {
            let holds = comparison(op).ok_or(Mismatch(op))?;
            compare(out, a, b, start, holds);
        }
    }
    Ok(())
}

/// A comparison of `a` and `b` at elements `start..`, [`order`] inlined.
fn compare(
    out: &mut [MaybeUninit<bool>],
    a: Text<'_>,
    b: Text<'_>,
    start: usize,
    holds: fn(Ordering) -> bool,
) {
    for (k, o) in out.iter_mut().enumerate() {
        o.write(holds(order(a.padded(start + k), b.padded(start + k))));
    }
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

    /// Every string of up to 3 bytes from {0, 1, 2}, padded to 3 and to 4
    /// bytes: read through their padding, the order and `contains` are
    /// those of their values (NumPy's; numexpr's for `contains`).
    #[test]
    fn padded_strings_order_and_contain_as_their_values_do() {
        let mut values = vec![vec![]];
        for len in 1..=3 {
            for code in 0..3usize.pow(len) {
                let s: Vec<u8> = (0..len).map(|k| (code / 3usize.pow(k) % 3) as u8).collect();
                values.push(s);
            }
        }
        let pad = |s: &[u8], w: usize| {
            let mut p = strip(s).to_vec();
            p.resize(w.max(p.len()), 0);
            p
        };
        for a in &values {
            for b in &values {
                let (va, vb) = (strip(a), strip(b));
                assert_eq!(order(&pad(a, 3), &pad(b, 4)), va.cmp(vb), "{a:?} {b:?}");
                // `b` as a needle is a literal: its bytes, NULs and all.
                let want = b.is_empty() || va.windows(b.len()).any(|w| w == b.as_slice());
                assert_eq!(
                    contains(&Finder::new(b), &pad(a, 4)),
                    want,
                    "{b:?} in {a:?}"
                );
            }
        }
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
