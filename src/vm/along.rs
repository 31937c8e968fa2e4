//! Reductions along an axis (`sum(x, axis=0)`): the result's shape is seen
//! as `(outer, n, inner)` ([`Along`]), and each task writes a run of the
//! `outer * inner` results, evaluating the elements they reduce a block at
//! a time. Every result is computed as [`Reduce::of`] computes it from the
//! whole elementwise array (the eager engine's way), whichever thread runs
//! it and however its elements fall into blocks:
//!
//! - along the last axis (`inner` is 1) each result is a row of `n`
//!   consecutive elements, reduced as a whole array is: partials of
//!   [`BLOCK_LEN`] elements from the row's start, combined pairwise. Rows
//!   shorter than a block are evaluated several to a block.
//! - along another axis, each result folds its elements in order of the
//!   axis, as NumPy does: the task evaluates a window of `x[o, i, :]` for
//!   each `i` and folds it into its results, or several whole rows to a
//!   block when a row is shorter than half a block.

use super::{BLOCK_LEN, Run, Workspace, internal};
use crate::bytecode::ops::Op;
use crate::error::Result;
use crate::kernels::Src;
#[cfg(doc)]
use crate::kernels::reduce::Reduce;
use crate::kernels::reduce::{Along, Reduction};
use crate::types::{Array, Element, Scalar, Slice, try_with_capacity};
use std::mem::MaybeUninit;

/// The most results a task folds rows into at a time: along a non-last
/// axis, each row's window of this many elements is read in one sequence
/// (a window of one block, 4 KiB of float64, made every row a new page
/// for the prefetcher).
pub const RESULTS: usize = 8 * BLOCK_LEN;

/// The results of a reduction along an axis a task computes at a time,
/// before writing them out: at most [`RESULTS`].
struct Piece {
    /// The first result's index.
    start: usize,
    /// How many results.
    len: usize,
}

impl Run<'_> {
    /// How many results make one unit of work for [`Run::along`] on
    /// `threads` threads: about a block of elements or more along the last
    /// axis; along another, up to [`RESULTS`] of a row, shared among the
    /// threads.
    pub fn along_unit(along: &Along, threads: usize) -> usize {
        if along.inner == 1 {
            (BLOCK_LEN / along.n.max(1)).max(1)
        } else {
            (along.inner.min(RESULTS) / threads.max(1)).max(BLOCK_LEN)
        }
    }

    /// Writes results `first..first + out.len()` of `reduction` along an
    /// axis, at most [`RESULTS`] of them at a time.
    pub fn along<T: Element>(
        &self,
        ws: &mut Workspace,
        reduction: Reduction,
        along: &Along,
        first: usize,
        out: &mut [MaybeUninit<T>],
    ) -> Result<()> {
        let (Some(mut scratch), Some(mut acc)) = (ws.reduce_block.take(), ws.acc.take()) else {
            return Err(internal("a reduction without its blocks".into()));
        };
        let outcome = out
            .chunks_mut(RESULTS)
            .enumerate()
            .try_for_each(|(k, results)| {
                let piece = Piece {
                    start: first + k * RESULTS,
                    len: results.len(),
                };
                if along.inner == 1 {
                    self.rows(ws, &mut scratch, &mut acc, reduction, along, &piece)?;
                } else {
                    self.columns(ws, &mut scratch, &mut acc, reduction, along, &piece)?;
                }
                let src = Src::slice(acc.as_slice().window(0, piece.len));
                self.kernels
                    .execute(Op::Copy, T::wrap_mut(results), &[src])
                    .map_err(|_| internal("results of another dtype".into()))
            });
        ws.reduce_block = Some(scratch);
        ws.acc = Some(acc);
        outcome
    }

    /// Along the last axis: result `r` reduces elements `r*n..(r+1)*n`.
    fn rows(
        &self,
        ws: &mut Workspace,
        scratch: &mut Array,
        acc: &mut Array,
        reduction: Reduction,
        along: &Along,
        piece: &Piece,
    ) -> Result<()> {
        let n = along.n;
        let dtype = self.program.dtype;
        if n == 0 {
            return reduction.fill_empty(acc, 0, piece.len);
        }
        let partial = |values: Slice<'_>| {
            reduction
                .partial(values, self.kernels)
                .ok_or_else(|| internal("a partial of an empty block".into()))
        };
        if n <= BLOCK_LEN {
            let per_block = BLOCK_LEN / n;
            for r0 in (0..piece.len).step_by(per_block) {
                let rows = per_block.min(piece.len - r0);
                let values = self.values(ws, scratch, (piece.start + r0) * n, rows * n)?;
                for r in 0..rows {
                    let p = partial(values.window(r * n, n))?;
                    acc.set(r0 + r, reduction.total(&[p], n, dtype)?);
                }
            }
            return Ok(());
        }
        let mut partials: Vec<Scalar> = try_with_capacity(n.div_ceil(BLOCK_LEN))?;
        for r in 0..piece.len {
            let row = (piece.start + r) * n;
            partials.clear();
            for at in (0..n).step_by(BLOCK_LEN) {
                let len = BLOCK_LEN.min(n - at);
                let values = self.values(ws, scratch, row + at, len)?;
                partials.push(partial(values)?);
            }
            acc.set(r, reduction.total(&partials, n, dtype)?);
        }
        Ok(())
    }

    /// Along another axis: result `o*inner + j` folds elements
    /// `(o*n + i)*inner + j` for `i` in `0..n`, in order.
    fn columns(
        &self,
        ws: &mut Workspace,
        scratch: &mut Array,
        acc: &mut Array,
        reduction: Reduction,
        along: &Along,
        piece: &Piece,
    ) -> Result<()> {
        let (n, inner) = (along.n, along.inner);
        let end = piece.start + piece.len;
        let mut q = piece.start;
        while q < end {
            // Results q..q + width share `o` and are contiguous in each row.
            let (o, j) = (q / inner, q % inner);
            let width = (inner - j).min(end - q);
            let at = q - piece.start;
            if n == 0 {
                reduction.fill_empty(acc, at, width)?;
                q += width;
                continue;
            }
            let row = |i: usize| (o * n + i) * inner + j;
            let per_block = BLOCK_LEN / inner;
            if width == inner && per_block >= 2 {
                for i0 in (0..n).step_by(per_block) {
                    let rows = per_block.min(n - i0);
                    let values = self.values(ws, scratch, row(i0), rows * inner)?;
                    for i in 0..rows {
                        let row = values.window(i * inner, inner);
                        fold(reduction, acc, at, i0 + i, row)?;
                    }
                }
            } else {
                for i in 0..n {
                    for part in (0..width).step_by(BLOCK_LEN) {
                        let len = BLOCK_LEN.min(width - part);
                        let values = self.values(ws, scratch, row(i) + part, len)?;
                        fold(reduction, acc, at + part, i, values)?;
                    }
                }
            }
            reduction.finish_rows(acc, at, width, n);
            q += width;
        }
        Ok(())
    }
}

/// Folds row `i` of the elements into the results `acc[at..]` (the first
/// row starts them).
fn fold(reduction: Reduction, acc: &mut Array, at: usize, i: usize, row: Slice<'_>) -> Result<()> {
    if i == 0 {
        Reduction::first_row(acc, at, row)
    } else {
        reduction.fold_row(acc, at, row)
    }
    .ok_or_else(|| internal("a row of another dtype than its results".into()))
}
