//! Reductions: a partial result per block, then the partials combined
//! pairwise in block order. Neither step depends on how blocks are shared
//! among threads, so a reduction is bitwise identical for any thread count.

use super::Kernels;
use super::scalar::Numeric;
use super::simd::{
    F32s, F64s, I32s, I64s, Ints, Lanes, Vector, fold8, fold8_products, math, max, min,
};
use super::{Operand, Src};
use crate::error::{Error, ErrorKind, Result};
use crate::types::{DType, Element, Scalar, Slice};

/// A reduction, allowed as the outermost call of a program.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reduction {
    Sum,
    Prod,
    Min,
    Max,
    Mean,
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
    /// as NumPy does on a 64-bit platform: integer sums in int64, means of
    /// integers in float64.
    pub fn accumulator(self, input: DType) -> DType {
        match (self, input) {
            (Reduction::Min | Reduction::Max, d) => d,
            (_, d) if d.is_float() => d,
            (Reduction::Mean, _) => DType::Float64,
            (_, _) => DType::Int64,
        }
    }

    /// The partial result of one non-empty block, already in the accumulator
    /// dtype. Both flavours of kernels fold the same eight lanes in the same
    /// order, so they give the same bits; bools are folded by the scalar code.
    pub fn partial(self, block: Slice<'_>, kernels: Kernels) -> Option<Scalar> {
        match (kernels, block) {
            (_, Slice::Bool(v)) => self.extreme(v),
            (Kernels::Scalar, Slice::Int32(v)) => self.partial_numeric(v),
            (Kernels::Scalar, Slice::Int64(v)) => self.partial_numeric(v),
            (Kernels::Scalar, Slice::Float32(v)) => self.partial_numeric(v),
            (Kernels::Scalar, Slice::Float64(v)) => self.partial_numeric(v),
            (Kernels::Simd, Slice::Int32(v)) => {
                self.partial_simd(v, [I32s::add, I32s::mul, max, min])
            }
            (Kernels::Simd, Slice::Int64(v)) => {
                self.partial_simd(v, [I64s::add, I64s::mul, max, min])
            }
            (Kernels::Simd, Slice::Float32(v)) => {
                self.partial_simd(v, [F32s::add, F32s::mul, math::maximum, math::minimum])
            }
            (Kernels::Simd, Slice::Float64(v)) => {
                self.partial_simd(v, [F64s::add, F64s::mul, math::maximum, math::minimum])
            }
        }
    }

    /// The partial of a block of products `a[i] * b[i]` without writing
    /// them, for a sum or mean of floats with SIMD kernels (as `sum(a*b)`
    /// runs): the same bits as `mul` into a block and then
    /// [`Self::partial`]. `None` where it does not apply: another
    /// reduction, dtype or flavour, a scalar operand, an empty block.
    pub fn partial_of_products(self, a: Src<'_>, b: Src<'_>, kernels: Kernels) -> Option<Scalar> {
        if !matches!(self, Reduction::Sum | Reduction::Mean) || kernels != Kernels::Simd {
            return None;
        }
        match (a, b) {
            (Src::Float64(Operand::Slice(x)), Src::Float64(Operand::Slice(y)))
                if x.len() == y.len() && !x.is_empty() =>
            {
                let ops = (F64s::mul, F64s::add);
                let tail = (Numeric::mul, Numeric::add);
                Some(Scalar::Float64(fold8_products((x, y), 0.0, ops, tail)))
            }
            (Src::Float32(Operand::Slice(x)), Src::Float32(Operand::Slice(y)))
                if x.len() == y.len() && !x.is_empty() =>
            {
                let ops = (F32s::mul, F32s::add);
                let tail = (Numeric::mul, Numeric::add);
                Some(Scalar::Float32(fold8_products((x, y), 0.0, ops, tail)))
            }
            _ => None,
        }
    }

    fn partial_numeric<T: Numeric>(self, v: &[T]) -> Option<Scalar> {
        match self {
            Reduction::Sum | Reduction::Mean => Some(lanes(v, T::ZERO, T::add).scalar()),
            Reduction::Prod => Some(lanes(v, T::ONE, T::mul).scalar()),
            Reduction::Min | Reduction::Max => self.extreme(v),
        }
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
            Reduction::Sum | Reduction::Mean => fold8(v, V::Elem::ZERO, add, Numeric::add),
            Reduction::Prod => fold8(v, V::Elem::ONE, mul, Numeric::mul),
            Reduction::Max => fold8(v, first, max, self.extreme_fn()),
            Reduction::Min => fold8(v, first, min, self.extreme_fn()),
        };
        Some(total.scalar())
    }

    /// Min or max over eight running lanes, each starting at the first
    /// element, as the SIMD flavour folds them.
    fn extreme<T: Element>(self, v: &[T]) -> Option<Scalar> {
        let first = *v.first()?;
        Some(lanes(v, first, self.extreme_fn::<T>()).scalar())
    }

    /// NaN-propagating min or max, as NumPy's `min`/`max`; works on bool too.
    fn extreme_fn<T: Element>(self) -> fn(T, T) -> T {
        #[allow(clippy::eq_op)] // x != x detects NaN for any element type.
        fn max<T: Element>(a: T, b: T) -> T {
            if a >= b || a != a { a } else { b }
        }
        #[allow(clippy::eq_op)]
        fn min<T: Element>(a: T, b: T) -> T {
            if a <= b || a != a { a } else { b }
        }
        if self == Reduction::Max { max } else { min }
    }

    /// Combines block partials pairwise, in order; `None` for no partials.
    pub fn combine(self, partials: &[Scalar]) -> Option<Scalar> {
        match partials.first()? {
            // Bools are only min/max-reduced; sums and products count in int64.
            Scalar::Bool(_) => combine_with(partials, self.extreme_fn::<bool>()),
            Scalar::Int32(_) => self.combine_numeric::<i32>(partials),
            Scalar::Int64(_) => self.combine_numeric::<i64>(partials),
            Scalar::Float32(_) => self.combine_numeric::<f32>(partials),
            Scalar::Float64(_) => self.combine_numeric::<f64>(partials),
        }
    }

    fn combine_numeric<T: Numeric>(self, partials: &[Scalar]) -> Option<Scalar> {
        let f: fn(T, T) -> T = match self {
            Reduction::Min | Reduction::Max => self.extreme_fn::<T>(),
            Reduction::Prod => T::mul,
            Reduction::Sum | Reduction::Mean => T::add,
        };
        combine_with(partials, f)
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
            None => self.empty(dtype).ok_or_else(|| {
                Error::new(
                    ErrorKind::Eval(format!(
                        "`{}` of an empty array has no value (NumPy raises here too)",
                        self.name()
                    )),
                    None,
                )
            }),
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
            (_, v) => v,
        }
    }
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
