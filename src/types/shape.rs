//! Shapes, NumPy's broadcasting, and reading an array as one of a larger
//! shape by strides, a block at a time, without a broadcast copy.

use super::{Element, Slice, SliceMut, with_slice_mut};
use crate::error::{Error, ErrorKind, Result};
use crate::limits::{MAX_ARRAY_LEN, MAX_DIMS};
use std::fmt;
use std::mem::MaybeUninit;

/// The dimensions of an array, outermost first, its elements in C order:
/// `()` for a 0-d array, `(n,)` for a vector, `(rows, columns)` for a
/// matrix.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Shape(Vec<usize>);

impl Shape {
    /// A shape of `dims`, checked against the limits: at most
    /// [`MAX_DIMS`] dimensions and [`MAX_ARRAY_LEN`] elements.
    pub fn new(dims: Vec<usize>) -> Result<Shape> {
        let shape = Shape(dims);
        shape.check()?;
        Ok(shape)
    }

    /// The shape of a vector of `len` elements.
    pub fn vector(len: usize) -> Shape {
        Shape(vec![len])
    }

    /// The dimensions, outermost first.
    pub fn dims(&self) -> &[usize] {
        &self.0
    }

    pub fn ndim(&self) -> usize {
        self.0.len()
    }

    /// The number of elements (saturating: a shape over the limits, which
    /// [`Shape::check`] refuses, counts as `usize::MAX`).
    pub fn len(&self) -> usize {
        if self.0.contains(&0) {
            return 0;
        }
        self.0.iter().fold(1usize, |n, &d| n.saturating_mul(d))
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Checks the shape against the limits. Every dimension counts at least
    /// 1, so that no stride of a shape with a 0 in it overflows either.
    pub fn check(&self) -> Result<()> {
        let limit = |message: String| Error::new(ErrorKind::Limit(message), None);
        if self.ndim() > MAX_DIMS {
            return Err(limit(format!(
                "an array of {} dimensions has more than the limit of {MAX_DIMS}",
                self.ndim()
            )));
        }
        let room = self
            .0
            .iter()
            .fold(1usize, |n, &d| n.saturating_mul(d.max(1)));
        if room > MAX_ARRAY_LEN {
            return Err(limit(format!(
                "an array of shape {self} is larger than the limit of {MAX_ARRAY_LEN} elements"
            )));
        }
        Ok(())
    }

    /// NumPy's broadcasting of two shapes: aligned from the right, a
    /// missing dimension or a length of 1 stretches to the other's; `None`
    /// when two lengths differ and neither is 1. The result may exceed the
    /// limits: [`Shape::check`] it.
    pub fn broadcast(&self, other: &Shape) -> Option<Shape> {
        let ndim = self.ndim().max(other.ndim());
        (0..ndim)
            .map(|k| match (self.aligned(ndim, k), other.aligned(ndim, k)) {
                (a, b) if a == b => Some(a),
                (1, b) => Some(b),
                (a, 1) => Some(a),
                _ => None,
            })
            .collect::<Option<Vec<usize>>>()
            .map(Shape)
    }

    /// Dimension `k` of `ndim`, this shape aligned to the right (1 where
    /// it has no dimension).
    fn aligned(&self, ndim: usize, k: usize) -> usize {
        let missing = ndim - self.ndim();
        if k < missing { 1 } else { self.0[k - missing] }
    }
}

impl fmt::Display for Shape {
    /// Python's spelling: `()`, `(5,)`, `(2, 3)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.as_slice() {
            [one] => write!(f, "({one},)"),
            dims => {
                let dims: Vec<String> = dims.iter().map(usize::to_string).collect();
                write!(f, "({})", dims.join(", "))
            }
        }
    }
}

/// Shapes broadcast together one after another: the shape so far, and the
/// name of the operand it is the shape of, if one, for the message when the
/// next does not broadcast.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Broadcast<'n> {
    pub shape: Shape,
    pub from: Option<&'n str>,
}

impl<'n> Broadcast<'n> {
    /// The shape so far broadcast with `shape`, the shape of the operand
    /// `from` names; the message naming both when they do not broadcast.
    pub fn with(self, shape: &Shape, from: Option<&'n str>) -> Result<Broadcast<'n>, String> {
        let Some(both) = self.shape.broadcast(shape) else {
            let name = |from: Option<&str>, shape: &Shape| match from {
                Some(name) => format!("`{name}` has shape {shape}"),
                None => format!("an operand has shape {shape}"),
            };
            return Err(format!(
                "{} and {}: they do not broadcast (aligned from the right, each length must be the same or 1)",
                name(self.from, &self.shape),
                name(from, shape)
            ));
        };
        let from = if both != self.shape {
            if both == *shape { from } else { None }
        } else {
            self.from.or(from)
        };
        Ok(Broadcast { shape: both, from })
    }
}

/// How to read an array of one shape as an array of a larger `result`
/// shape it broadcasts to: the result's dimensions with the array's element
/// strides along them (0 where it is stretched), adjacent dimensions merged
/// where one stride continues the other and dimensions of 1 dropped, so
/// that a row `(1, n)` read as `(m, n)` is `m` times a run of `n`
/// consecutive elements, and a column `(m, 1)` is `m` runs of one element
/// repeated `n` times.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Strided {
    /// (length, stride) pairs, outermost first.
    dims: Vec<(usize, usize)>,
}

/// Where a block of the result lies in the array read by [`Strided`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Block {
    /// Its elements are consecutive in the array, from this index on.
    Window(usize),
    /// They must be gathered ([`Strided::gather`]).
    Gather,
}

impl Strided {
    /// Reading an array of shape `shape` as one of shape `result`, which
    /// must be the broadcast of `shape` with others.
    pub fn new(shape: &Shape, result: &Shape) -> Strided {
        let ndim = result.ndim();
        if result.is_empty() {
            return Strided { dims: Vec::new() };
        }
        let mut dims: Vec<(usize, usize)> = Vec::with_capacity(ndim);
        // The array's own C-order strides, from the innermost dimension out.
        let mut stride = 1;
        for k in (0..ndim).rev() {
            let (len, own) = (result.0[k], shape.aligned(ndim, k));
            let step = if own == 1 { 0 } else { stride };
            stride *= own;
            if len == 1 {
                continue;
            }
            match dims.last_mut() {
                // The outer dimension continues the inner one: merge them.
                Some((inner_len, inner_step)) if step == *inner_step * *inner_len => {
                    *inner_len *= len;
                }
                _ => dims.push((len, step)),
            }
        }
        dims.reverse();
        Strided { dims }
    }

    /// The index in the array of element `index` of the result, and the
    /// elements from there on that are consecutive in both (the rest of the
    /// innermost run, 1 when it is stretched).
    fn locate(&self, mut index: usize) -> (usize, usize) {
        let mut at = 0;
        let mut run = 1;
        for (k, &(len, step)) in self.dims.iter().enumerate().rev() {
            let i = index % len;
            index /= len;
            at += i * step;
            if k + 1 == self.dims.len() && step == 1 {
                run = len - i;
            }
        }
        (at, run)
    }

    /// The index in the array of element `index` of the result.
    pub fn index(&self, index: usize) -> usize {
        self.locate(index).0
    }

    /// Where elements `start..start + len` of the result lie in the array.
    pub fn block(&self, start: usize, len: usize) -> Block {
        if self.dims.is_empty() {
            // One element, read as every element: gathered when it repeats.
            return if len <= 1 {
                Block::Window(0)
            } else {
                Block::Gather
            };
        }
        let (at, run) = self.locate(start);
        if run >= len {
            Block::Window(at)
        } else {
            Block::Gather
        }
    }

    /// Writes elements `start..start + out.len()` of the result, read from
    /// `array`, into `out`, a run at a time; `None` when their dtypes differ.
    pub fn gather(&self, array: Slice<'_>, start: usize, out: SliceMut<'_>) -> Option<()> {
        fn runs<T: Element>(s: &Strided, src: &[T], start: usize, out: &mut [MaybeUninit<T>]) {
            let (len, step) = s.dims.last().copied().unwrap_or((1, 0));
            let mut done = 0;
            while done < out.len() {
                let (at, run) = s.locate(start + done);
                let n = if step == 1 {
                    let n = run.min(out.len() - done);
                    for (o, &v) in out[done..done + n].iter_mut().zip(&src[at..at + n]) {
                        o.write(v);
                    }
                    n
                } else {
                    // Stretched: the element repeats to the end of the run.
                    let n = (len - (start + done) % len).min(out.len() - done);
                    for o in &mut out[done..done + n] {
                        o.write(src[at]);
                    }
                    n
                };
                done += n;
            }
        }
        with_slice_mut!(out, out => runs(self, Element::slice(array)?, start, out));
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(dims: &[usize]) -> Shape {
        Shape::new(dims.to_vec()).unwrap()
    }

    #[test]
    fn shapes_print_as_python_tuples() {
        assert_eq!(shape(&[]).to_string(), "()");
        assert_eq!(shape(&[5]).to_string(), "(5,)");
        assert_eq!(shape(&[2, 3]).to_string(), "(2, 3)");
    }

    #[test]
    fn broadcasting_aligns_from_the_right_and_stretches_ones() {
        let b = |x: &[usize], y: &[usize]| shape(x).broadcast(&shape(y)).map(|s| s.0);
        assert_eq!(b(&[2, 1], &[3]), Some(vec![2, 3]));
        assert_eq!(b(&[], &[4, 5]), Some(vec![4, 5]));
        assert_eq!(b(&[8, 1, 6, 1], &[7, 1, 5]), Some(vec![8, 7, 6, 5]));
        assert_eq!(b(&[0], &[1]), Some(vec![0]));
        assert_eq!(b(&[3], &[4]), None);
        assert_eq!(b(&[2, 1], &[8, 4, 3]), None);
    }

    #[test]
    fn shapes_beyond_the_limits_are_errors() {
        let message = |dims: Vec<usize>| Shape::new(dims).unwrap_err().message();
        assert!(message(vec![1; 33]).contains("33 dimensions"));
        assert!(message(vec![1 << 20, 1 << 20]).contains("larger than the limit"));
        assert!(message(vec![0, usize::MAX, 2]).contains("larger than the limit"));
        assert_eq!(shape(&[0, 5]).len(), 0);
    }

    #[test]
    fn strides_merge_and_blocks_read_in_place_where_they_can() {
        let grid = shape(&[4, 6]);
        // A row: 4 runs of the same 6 elements; a column: each repeated 6 times.
        let row = Strided::new(&shape(&[1, 6]), &grid);
        assert_eq!(row.dims, [(4, 0), (6, 1)]);
        let column = Strided::new(&shape(&[4, 1]), &grid);
        assert_eq!(column.dims, [(4, 1), (6, 0)]);
        assert_eq!(
            Strided::new(&shape(&[2, 1, 3]), &shape(&[2, 5, 3])).dims,
            [(2, 3), (5, 0), (3, 1)]
        );
        assert_eq!(
            Strided::new(&shape(&[1, 6]), &shape(&[1, 6])).dims,
            [(6, 1)]
        );
        assert_eq!(row.block(7, 5), Block::Window(1));
        assert_eq!(row.block(7, 6), Block::Gather);
        assert_eq!(column.block(7, 2), Block::Gather);
        let mut out = vec![MaybeUninit::new(0.0); 9];
        let values = [1.0, 2.0, 3.0, 4.0];
        column
            .gather(Slice::Float64(&values), 4, SliceMut::Float64(&mut out))
            .unwrap();
        // SAFETY: gather wrote every element (and they started initialised).
        let got: Vec<f64> = out.iter().map(|v| unsafe { v.assume_init() }).collect();
        assert_eq!(got, [1.0, 1.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 3.0]);
        assert!(
            column
                .gather(Slice::Float32(&[1.0]), 0, SliceMut::Float64(&mut out))
                .is_none()
        );
    }
}
