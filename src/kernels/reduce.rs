//! Reductions: a partial result per block, then the partials combined
//! pairwise in block order. Neither step depends on how blocks are shared
//! among threads, so a reduction is bitwise identical for any thread count.
//!
//! Along an axis (`sum(x, axis=k)`) the result's shape is seen as
//! `(outer, n, inner)` ([`Along`]) and each of the `outer * inner` results
//! reduces its `n` elements on its own: along the last axis (`inner` is 1)
//! a row of `n` consecutive elements is reduced as a whole array is; along
//! another axis the rows `x[o, i, :]` are folded into the result one after
//! another, in order of `i`, as NumPy does. Either way a result depends on
//! its elements alone, never on the threads.

use super::Kernels;
use super::scalar::{Arith, Numeric, Real};
use super::simd::{
    F32s, F64s, I32s, I64s, Ints, Lanes, Vector, fold8, fold8_products, math, max, min,
};
use super::{Operand, Src};
use crate::error::{Error, ErrorKind, Result, Span};
use crate::types::{
    Array, C128, DType, Element, Kind, Scalar, Shape, Slice, Value, dtypes, with_array,
};

/// A reduction, allowed as the outermost call of a program.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reduction {
    Sum,
    Prod,
    Min,
    Max,
    Mean,
}

/// The reduction a program ends with, over all elements or along an axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Reduce {
    pub reduction: Reduction,
    /// `axis=k` as written; `None` reduces over all elements.
    pub axis: Option<Axis>,
}

/// An axis as written (negative counts from the last), and where.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Axis {
    pub index: i64,
    pub span: Span,
}

/// A reduction along one axis of a result of shape `(outer.., n, inner..)`,
/// flattened to `(outer, n, inner)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Along {
    pub outer: usize,
    pub n: usize,
    pub inner: usize,
    /// The shape of the reduced result: the axis removed.
    pub shape: Shape,
}

impl Along {
    /// Elements in the reduced result.
    pub fn len(&self) -> usize {
        self.outer * self.inner
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Reduce {
    /// Where the reduction runs on an elementwise result of `shape`:
    /// `None` over all elements, else along the axis, which must be one of
    /// the shape's (an error at the axis otherwise).
    pub fn along(&self, shape: &Shape) -> Result<Option<Along>> {
        let Some(axis) = self.axis else {
            return Ok(None);
        };
        let dims = shape.dims();
        let ndim = dims.len() as i64;
        let k = if axis.index < 0 {
            axis.index + ndim
        } else {
            axis.index
        };
        if !(0..ndim).contains(&k) {
            let valid = match ndim {
                0 => "a 0-d result has no axis: leave `axis=` out".to_string(),
                1 => "the axis is 0 or -1".to_string(),
                _ => format!("the axis is one of -{ndim} to {}", ndim - 1),
            };
            return Err(Error::at(
                ErrorKind::Input(format!(
                    "`axis={}` is out of range for a result of shape {shape}: {valid}",
                    axis.index
                )),
                axis.span,
            ));
        }
        let k = k as usize;
        if dims[k] == 0 && self.reduction.empty(DType::Float64).is_none() {
            // As NumPy: even when no result would be written.
            return Err(self.reduction.no_value());
        }
        let mut rest = dims.to_vec();
        rest.remove(k);
        Ok(Some(Along {
            outer: dims[..k].iter().product(),
            n: dims[k],
            inner: dims[k + 1..].iter().product(),
            shape: Shape::new(rest)?,
        }))
    }

    /// ` along axis k` (as written), or nothing, for the program's text.
    pub fn axis_text(&self) -> String {
        self.axis
            .map_or(String::new(), |a| format!(" along axis {}", a.index))
    }

    /// The reduction of `values` (the elementwise result, of `shape`), as
    /// the VM computes it: a scalar over all elements, else an array.
    pub fn of(&self, values: Slice<'_>, shape: &Shape, block_len: usize) -> Result<Value> {
        let Some(along) = self.along(shape)? else {
            return Ok(Value::Scalar(self.reduction.over(values, block_len)?));
        };
        let r = self.reduction;
        let mismatch = || crate::vm::internal("a row of another dtype than its results".into());
        let (n, inner) = (along.n, along.inner);
        let out = if inner == 1 {
            let rows = (0..along.outer)
                .map(|o| r.over(values.window(o * n, n), block_len))
                .collect::<Result<Vec<Scalar>>>()?;
            Array::from_scalars(values.dtype(), &rows)?
        } else {
            let mut out = Array::zeros(values.dtype(), along.len())?;
            if n == 0 {
                r.fill_empty(&mut out, 0, along.len())?;
                return Value::shaped(out, along.shape);
            }
            for o in 0..along.outer {
                let at = o * inner;
                let row = |i: usize| values.window((o * n + i) * inner, inner);
                Reduction::first_row(&mut out, at, row(0)).ok_or_else(mismatch)?;
                for i in 1..n {
                    r.fold_row(&mut out, at, row(i)).ok_or_else(mismatch)?;
                }
                r.finish_rows(&mut out, at, inner, n);
            }
            out
        };
        Value::shaped(out, along.shape)
    }
}

impl Reduction {
    pub const ALL: [Reduction; 5] = [
        Reduction::Sum,
        Reduction::Prod,
        Reduction::Min,
        Reduction::Max,
        Reduction::Mean,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Reduction::Sum => "sum",
            Reduction::Prod => "prod",
            Reduction::Min => "min",
            Reduction::Max => "max",
            Reduction::Mean => "mean",
        }
    }

    /// What it computes, in a line.
    pub fn doc(self) -> &'static str {
        match self {
            Reduction::Sum => "the sum of the elements, added pairwise block by block",
            Reduction::Prod => "the product of the elements",
            Reduction::Min => "the smallest element; NaN if any is NaN",
            Reduction::Max => "the largest element; NaN if any is NaN",
            Reduction::Mean => "the sum divided by the count",
        }
    }

    pub fn parse(name: &str) -> Option<Reduction> {
        Reduction::ALL.into_iter().find(|r| r.name() == name)
    }

    /// The dtype the elements are accumulated in, which is also the result's,
    /// as NumPy does on a 64-bit platform: sums and products of signed
    /// integers and bools in int64, of unsigned ones in uint64, means of
    /// integers in float64.
    pub fn accumulator(self, input: DType) -> DType {
        match (self, input.kind()) {
            // Typing refuses reductions of byte strings.
            (Reduction::Min | Reduction::Max, _)
            | (_, Kind::Float | Kind::Complex | Kind::Bytes) => input,
            (Reduction::Mean, _) => DType::Float64,
            (_, Kind::Unsigned) => DType::UInt64,
            (_, Kind::Bool | Kind::Signed) => DType::Int64,
        }
    }

    /// The partial result of one non-empty block, already in the accumulator
    /// dtype. Both flavours of kernels fold the same eight lanes in the same
    /// order, so they give the same bits; bools are folded by the scalar code.
    pub fn partial(self, block: Slice<'_>, kernels: Kernels) -> Option<Scalar> {
        // The scalar flavour, and the dtypes without SIMD reductions.
        macro_rules! scalar {
            ($block:expr, [$($v:ident $t:ty,)*]) => {
                match $block {
                    Slice::Bool(v) => self.extreme(v),
                    Slice::Complex128(v) => self.partial_arith(v),
                    $(Slice::$v(v) => self.partial_numeric(v),)*
                }
            };
        }
        match (kernels.simd(), block) {
            (true, Slice::Int32(v)) => self.partial_simd(v, [I32s::add, I32s::mul, max, min]),
            (true, Slice::Int64(v)) => self.partial_simd(v, [I64s::add, I64s::mul, max, min]),
            (true, Slice::Float32(v)) => {
                self.partial_simd(v, [F32s::add, F32s::mul, math::maximum, math::minimum])
            }
            (true, Slice::Float64(v)) => {
                self.partial_simd(v, [F64s::add, F64s::mul, math::maximum, math::minimum])
            }
            (_, block) => dtypes!({no yes yes yes no} scalar!(block,)),
        }
    }

    /// The partial of a block of products `a[i] * b[i]` without writing
    /// them, for a sum or mean of floats with SIMD kernels (as `sum(a*b)`
    /// runs): the same bits as `mul` into a block and then
    /// [`Self::partial`]. `None` where it does not apply: another
    /// reduction, dtype or flavour, a scalar operand, an empty block.
    pub fn partial_of_products(self, a: Src<'_>, b: Src<'_>, kernels: Kernels) -> Option<Scalar> {
        if !matches!(self, Reduction::Sum | Reduction::Mean) || !kernels.simd() {
            return None;
        }
        match (a, b) {
            (Src::Float64(Operand::Slice(x)), Src::Float64(Operand::Slice(y)))
                if x.len() == y.len() && !x.is_empty() =>
            {
                let ops = (F64s::mul, F64s::add);
                let tail = (Arith::mul, Arith::add);
                Some(Scalar::Float64(fold8_products((x, y), 0.0, ops, tail)))
            }
            (Src::Float32(Operand::Slice(x)), Src::Float32(Operand::Slice(y)))
                if x.len() == y.len() && !x.is_empty() =>
            {
                let ops = (F32s::mul, F32s::add);
                let tail = (Arith::mul, Arith::add);
                Some(Scalar::Float32(fold8_products((x, y), 0.0, ops, tail)))
            }
            _ => None,
        }
    }

    fn partial_numeric<T: Numeric>(self, v: &[T]) -> Option<Scalar> {
        match self {
            Reduction::Min | Reduction::Max => self.extreme(v),
            _ => self.partial_arith(v),
        }
    }

    /// A sum's or product's partial; `None` for min and max, which the
    /// compiler only lets reach the ordered dtypes.
    fn partial_arith<T: Arith>(self, v: &[T]) -> Option<Scalar> {
        let identity = if self == Reduction::Prod {
            T::ONE
        } else {
            T::ZERO
        };
        Some(lanes(v, identity, self.arith_fn()?).scalar())
    }

    /// The SIMD flavour of [`Self::partial_numeric`]: `add`, `mul`, `max`
    /// and `min` are V's lane ops (NaN-propagating max and min for floats),
    /// known at each call once this is inlined.
    #[inline(always)]
    fn partial_simd<V: Lanes<Elem: Numeric>>(
        self,
        v: &[V::Elem],
        [add, mul, max, min]: [fn(V, V) -> V; 4],
    ) -> Option<Scalar> {
        let first = *v.first()?;
        let total = match self {
            Reduction::Sum | Reduction::Mean => fold8(v, V::Elem::ZERO, add, Arith::add),
            Reduction::Prod => fold8(v, V::Elem::ONE, mul, Arith::mul),
            Reduction::Max => fold8(v, first, max, self.extreme_fn()),
            Reduction::Min => fold8(v, first, min, self.extreme_fn()),
        };
        Some(total.scalar())
    }

    /// Min or max over eight running lanes, each starting at the first
    /// element, as the SIMD flavour folds them.
    fn extreme<T: Real>(self, v: &[T]) -> Option<Scalar> {
        let first = *v.first()?;
        Some(lanes(v, first, self.extreme_fn::<T>()).scalar())
    }

    /// NaN-propagating min or max, as NumPy's `min`/`max`; works on bool too.
    fn extreme_fn<T: Real>(self) -> fn(T, T) -> T {
        if self == Reduction::Max {
            nan_max
        } else {
            nan_min
        }
    }

    /// Combines block partials pairwise, in order; `None` for no partials.
    pub fn combine(self, partials: &[Scalar]) -> Option<Scalar> {
        macro_rules! combine {
            ($first:expr, [$($v:ident $t:ty,)*]) => {
                match $first {
                    // Bools are only min/max-reduced; sums and products count in int64.
                    Scalar::Bool(_) => combine_with(partials, self.extreme_fn::<bool>()),
                    Scalar::Complex128(_) => combine_with(partials, self.arith_fn::<C128>()?),
                    $(Scalar::$v(_) => self.combine_numeric::<$t>(partials),)*
                }
            };
        }
        dtypes!({no yes yes yes no} combine!(partials.first()?,))
    }

    fn combine_numeric<T: Numeric>(self, partials: &[Scalar]) -> Option<Scalar> {
        let f = self.arith_fn::<T>().unwrap_or(self.extreme_fn::<T>());
        combine_with(partials, f)
    }

    /// How a sum or product folds two values; `None` for min and max.
    fn arith_fn<T: Arith>(self) -> Option<fn(T, T) -> T> {
        match self {
            Reduction::Prod => Some(T::mul),
            Reduction::Sum | Reduction::Mean => Some(T::add),
            Reduction::Min | Reduction::Max => None,
        }
    }

    /// Starts the results `acc[at..]` of a reduction along a non-last axis
    /// with the first row of their elements.
    pub fn first_row(acc: &mut Array, at: usize, row: Slice<'_>) -> Option<()> {
        fn copy<T: Element>(acc: &mut [T], at: usize, row: Slice<'_>) -> Option<()> {
            let row = T::slice(row)?;
            acc.get_mut(at..at + row.len())?.copy_from_slice(row);
            Some(())
        }
        with_array!(acc, a => copy(a, at, row))
    }

    /// Folds the next row of elements into the results `acc[at..]`:
    /// `acc[j] = acc[j] + row[j]` for a sum, and so on.
    pub fn fold_row(self, acc: &mut Array, at: usize, row: Slice<'_>) -> Option<()> {
        // One loop per operation, each with its function known, so that
        // the compiler vectorises it.
        #[inline(always)]
        fn zip<T: Copy>(acc: &mut [T], row: &[T], f: impl Fn(T, T) -> T) {
            for (a, &x) in acc.iter_mut().zip(row) {
                *a = f(*a, x);
            }
        }
        fn fold<T: Numeric>(r: Reduction, acc: &mut [T], at: usize, row: &[T]) -> Option<()> {
            match r {
                Reduction::Max => zip(acc.get_mut(at..at + row.len())?, row, nan_max),
                Reduction::Min => zip(acc.get_mut(at..at + row.len())?, row, nan_min),
                _ => return fold_arith(r, acc, at, row),
            }
            Some(())
        }
        fn fold_arith<T: Arith>(r: Reduction, acc: &mut [T], at: usize, row: &[T]) -> Option<()> {
            let acc = acc.get_mut(at..at + row.len())?;
            match r {
                Reduction::Sum | Reduction::Mean => zip(acc, row, T::add),
                Reduction::Prod => zip(acc, row, T::mul),
                Reduction::Max | Reduction::Min => return None,
            }
            Some(())
        }
        macro_rules! fold {
            ($acc:expr, $row:expr, [$($v:ident $t:ty,)*]) => {
                match ($acc, $row) {
                    // Bools are only min/max-reduced (sums and products count in int64).
                    (Array::Bool(a), Slice::Bool(r)) => {
                        zip(a.get_mut(at..at + r.len())?, r, self.extreme_fn());
                        Some(())
                    }
                    (Array::Complex128(a), Slice::Complex128(r)) => fold_arith(self, a, at, r),
                    $((Array::$v(a), Slice::$v(r)) => fold(self, a, at, r),)*
                    _ => None,
                }
            };
        }
        dtypes!({no yes yes yes no} fold!(acc, row,))
    }

    /// Turns the folded results `acc[at..at + len]` of `n` rows into the
    /// reduction's (a mean divides by `n`, as [`Self::total`] does).
    pub fn finish_rows(self, acc: &mut Array, at: usize, len: usize, n: usize) {
        if self != Reduction::Mean {
            return;
        }
        match acc {
            Array::Float32(a) => a.iter_mut().skip(at).take(len).for_each(|v| *v /= n as f32),
            Array::Float64(a) => a.iter_mut().skip(at).take(len).for_each(|v| *v /= n as f64),
            Array::Complex128(a) => a.iter_mut().skip(at).take(len).for_each(|v| *v /= n as f64),
            _ => {}
        }
    }

    /// Sets the results `acc[at..at + len]` to the reduction of no elements,
    /// or fails where it has none (min and max).
    pub fn fill_empty(self, acc: &mut Array, at: usize, len: usize) -> Result<()> {
        let value = self.empty(acc.dtype()).ok_or_else(|| self.no_value())?;
        (at..at + len).for_each(|i| acc.set(i, value));
        Ok(())
    }

    fn no_value(self) -> Error {
        Error::new(
            ErrorKind::Eval(format!(
                "`{}` of an empty array has no value (NumPy raises here too)",
                self.name()
            )),
            None,
        )
    }

    /// The value of reducing an empty array, where there is one.
    pub fn empty(self, dtype: DType) -> Option<Scalar> {
        match self {
            Reduction::Sum => Some(Scalar::Int64(0).cast(dtype)),
            Reduction::Prod => Some(Scalar::Int64(1).cast(dtype)),
            Reduction::Mean => Some(Scalar::Float64(f64::NAN).cast(dtype)),
            Reduction::Min | Reduction::Max => None,
        }
    }

    /// The result from the partials of `len` elements whose accumulator is `dtype`.
    pub fn total(self, partials: &[Scalar], len: usize, dtype: DType) -> Result<Scalar> {
        match self.combine(partials) {
            Some(total) => Ok(self.finish(total, len)),
            None => self.empty(dtype).ok_or_else(|| self.no_value()),
        }
    }

    /// Reduces a whole array, block by block, exactly as the VM does.
    pub fn over(self, values: Slice<'_>, block_len: usize) -> Result<Scalar> {
        let partials: Vec<Scalar> = (0..values.len().div_ceil(block_len))
            .filter_map(|b| self.partial(values.window(b * block_len, block_len), Kernels::Scalar))
            .collect();
        self.total(&partials, values.len(), values.dtype())
    }

    /// Turns the combined accumulator into the result (the mean divides).
    fn finish(self, total: Scalar, len: usize) -> Scalar {
        match (self, total) {
            (Reduction::Mean, Scalar::Float32(v)) => Scalar::Float32(v / len as f32),
            (Reduction::Mean, Scalar::Float64(v)) => Scalar::Float64(v / len as f64),
            (Reduction::Mean, Scalar::Complex128(v)) => Scalar::Complex128(v / len as f64),
            (_, v) => v,
        }
    }
}

#[allow(clippy::eq_op)] // x != x detects NaN for any element type.
fn nan_max<T: Real>(a: T, b: T) -> T {
    if a >= b || a != a { a } else { b }
}

#[allow(clippy::eq_op)]
fn nan_min<T: Real>(a: T, b: T) -> T {
    if a <= b || a != a { a } else { b }
}

fn combine_with<T: Element>(partials: &[Scalar], f: fn(T, T) -> T) -> Option<Scalar> {
    let values: Vec<T> = partials.iter().filter_map(|&s| T::from_scalar(s)).collect();
    pairwise(&values, f).map(T::scalar)
}

/// Eight running lanes, combined as a balanced tree: NumPy's pairwise-summation
/// inner loop, and a shape a vectoriser keeps.
fn lanes<T: Copy>(v: &[T], identity: T, f: fn(T, T) -> T) -> T {
    let mut acc = [identity; 8];
    let mut chunks = v.chunks_exact(8);
    for chunk in &mut chunks {
        for (a, &x) in acc.iter_mut().zip(chunk) {
            *a = f(*a, x);
        }
    }
    for (a, &x) in acc.iter_mut().zip(chunks.remainder()) {
        *a = f(*a, x);
    }
    let [a0, a1, a2, a3, a4, a5, a6, a7] = acc;
    f(f(f(a0, a1), f(a2, a3)), f(f(a4, a5), f(a6, a7)))
}

fn pairwise<T: Copy>(v: &[T], f: fn(T, T) -> T) -> Option<T> {
    match v {
        [] => None,
        [x] => Some(*x),
        _ => {
            let (a, b) = v.split_at(v.len() / 2);
            Some(f(pairwise(a, f)?, pairwise(b, f)?))
        }
    }
}
