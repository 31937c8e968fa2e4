//! Kernels: each op over a block of elements.
//!
//! An operand is a slice (a register, or a window of an input array) or a
//! scalar (a constant, or a 0-d input) that stays scalar instead of being
//! broadcast into a block. [`execute`] is the one dispatch from an op and the
//! operands' dtypes to a monomorphic loop over the element function of
//! [`scalar`]; the VM calls it per block, the eager engine per whole array,
//! and constant folding per single element, so the three agree bit for bit.
//!
//! Kernels write their output and never read it: it is a slice of
//! `MaybeUninit` ([`SliceMut`]), so a fresh output is never zeroed first,
//! and every kernel writes every element of it.

pub mod bytes;
mod complex;
pub mod reduce;
pub mod scalar;
pub mod simd;

use crate::bytecode::ops::{Op, for_each_op};
use crate::error::{Error, Result};
use crate::types::{
    Array, C128, DType, Element, Scalar, Slice, SliceMut, dtypes, for_each_dtype, with_slice_mut,
};
use crate::vm::internal;
use scalar::{Any, Arith, Bits, Complex, Float, Math, Numeric, Real, Shift};
use std::mem::MaybeUninit;

/// One operand of a kernel: a slice as long as the output, or a scalar.
#[derive(Clone, Copy, Debug)]
pub enum Operand<'a, T> {
    Slice(&'a [T]),
    Scalar(T),
}

macro_rules! define_src {
    ($($variant:ident $t:ident $name:literal $short:literal $kind:ident,)*) => {
        /// An operand of any dtype.
        #[derive(Clone, Copy, Debug)]
        pub enum Src<'a> {
            $($variant(Operand<'a, $t>),)*
        }

        impl<'a> Src<'a> {
            pub fn scalar(value: Scalar) -> Src<'a> {
                match value {
                    $(Scalar::$variant(v) => Src::$variant(Operand::Scalar(v)),)*
                }
            }

            pub fn slice(slice: Slice<'a>) -> Src<'a> {
                match slice {
                    $(Slice::$variant(v) => Src::$variant(Operand::Slice(v)),)*
                }
            }

            /// A slice operand's elements; `None` for a scalar.
            pub fn as_slice(&self) -> Option<Slice<'a>> {
                match self {
                    $(Src::$variant(Operand::Slice(v)) => Some(Slice::$variant(v)),)*
                    _ => None,
                }
            }

            /// The elements of a slice operand; `None` for a scalar.
            pub fn slice_len(&self) -> Option<usize> {
                match self {
                    $(Src::$variant(a) => a.slice_len(),)*
                }
            }
        }
    };
}
for_each_dtype!(define_src);

impl<T> Operand<'_, T> {
    /// The elements of a slice; `None` for a scalar.
    pub fn slice_len(&self) -> Option<usize> {
        match self {
            Operand::Slice(s) => Some(s.len()),
            Operand::Scalar(_) => None,
        }
    }
}

/// The operands' dtypes do not fit the op: a compiler bug, never user input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mismatch(pub Op);

/// `value` into every element of `out`.
#[inline(always)]
fn fill<T: Copy>(out: &mut [MaybeUninit<T>], value: T) {
    for o in out {
        o.write(value);
    }
}

#[inline(always)]
fn map1<A: Copy, R: Copy>(out: &mut [MaybeUninit<R>], a: Operand<A>, f: impl Fn(A) -> R) {
    match a {
        Operand::Slice(a) => {
            for (o, &x) in out.iter_mut().zip(a) {
                o.write(f(x));
            }
        }
        Operand::Scalar(x) => fill(out, f(x)),
    }
}

#[inline(always)]
fn map2<A: Copy, B: Copy, R: Copy>(
    out: &mut [MaybeUninit<R>],
    a: Operand<A>,
    b: Operand<B>,
    f: impl Fn(A, B) -> R,
) {
    match (a, b) {
        (Operand::Slice(a), Operand::Slice(b)) => {
            for ((o, &x), &y) in out.iter_mut().zip(a).zip(b) {
                o.write(f(x, y));
            }
        }
        (Operand::Slice(a), Operand::Scalar(y)) => {
            for (o, &x) in out.iter_mut().zip(a) {
                o.write(f(x, y));
            }
        }
        (Operand::Scalar(x), Operand::Slice(b)) => {
            for (o, &y) in out.iter_mut().zip(b) {
                o.write(f(x, y));
            }
        }
        (Operand::Scalar(x), Operand::Scalar(y)) => fill(out, f(x, y)),
    }
}

/// Three operands; a scalar one is bound and the rest mapped by [`map2`].
#[inline(always)]
fn map3<A: Copy, B: Copy, C: Copy, R: Copy>(
    out: &mut [MaybeUninit<R>],
    a: Operand<A>,
    b: Operand<B>,
    c: Operand<C>,
    f: impl Fn(A, B, C) -> R,
) {
    use Operand::{Scalar, Slice};
    match (a, b, c) {
        (Slice(a), Slice(b), Slice(c)) => {
            for (((o, &x), &y), &z) in out.iter_mut().zip(a).zip(b).zip(c) {
                o.write(f(x, y, z));
            }
        }
        (a, b, Scalar(z)) => map2(out, a, b, |x, y| f(x, y, z)),
        (a, Scalar(y), c) => map2(out, a, c, |x, z| f(x, y, z)),
        (Scalar(x), b, c) => map2(out, b, c, |y, z| f(x, y, z)),
    }
}

/// Four operands; a scalar one is bound and the rest mapped by [`map3`].
#[inline(always)]
fn map4<T: Copy, R: Copy>(
    out: &mut [MaybeUninit<R>],
    [a, b, c, d]: [Operand<T>; 4],
    f: impl Fn(T, T, T, T) -> R,
) {
    use Operand::{Scalar, Slice};
    match (a, b, c, d) {
        (Slice(a), Slice(b), Slice(c), Slice(d)) => {
            for ((((o, &w), &x), &y), &z) in out.iter_mut().zip(a).zip(b).zip(c).zip(d) {
                o.write(f(w, x, y, z));
            }
        }
        (a, b, c, Scalar(z)) => map3(out, a, b, c, |w, x, y| f(w, x, y, z)),
        (a, b, Scalar(y), d) => map3(out, a, b, d, |w, x, z| f(w, x, y, z)),
        (a, Scalar(x), c, d) => map3(out, a, c, d, |w, y, z| f(w, x, y, z)),
        (Scalar(w), b, c, d) => map3(out, b, c, d, |x, y, z| f(w, x, y, z)),
    }
}

/// `where`: each case a plain loop of loads and a choice, which the
/// compiler turns into blends rather than unpredictable branches.
#[inline(always)]
fn select<T: Copy>(out: &mut [MaybeUninit<T>], c: Operand<bool>, a: Operand<T>, b: Operand<T>) {
    let Operand::Slice(c) = c else {
        let chosen = if matches!(c, Operand::Scalar(true)) {
            a
        } else {
            b
        };
        return map1(out, chosen, |x| x);
    };
    match (a, b) {
        (Operand::Slice(a), Operand::Slice(b)) => {
            for (((o, &c), &x), &y) in out.iter_mut().zip(c).zip(a).zip(b) {
                o.write(if c { x } else { y });
            }
        }
        (Operand::Slice(a), Operand::Scalar(y)) => {
            for ((o, &c), &x) in out.iter_mut().zip(c).zip(a) {
                o.write(if c { x } else { y });
            }
        }
        (Operand::Scalar(x), Operand::Slice(b)) => {
            for ((o, &c), &y) in out.iter_mut().zip(c).zip(b) {
                o.write(if c { x } else { y });
            }
        }
        (Operand::Scalar(x), Operand::Scalar(y)) => {
            for (o, &c) in out.iter_mut().zip(c) {
                o.write(if c { x } else { y });
            }
        }
    }
}

fn cast<A: Element>(out: SliceMut, a: Operand<A>) {
    with_slice_mut!(out, o => map1(o, a, A::cast_to))
}

/// The match arms of one signature class: which dtype combinations it has,
/// and which element function of which trait computes it. The dtypes come
/// from the table, by kind ([`dtypes!`]): `{bool signed unsigned float}`.
macro_rules! kernel {
    (@unary $op:expr, $out:expr, $args:expr, $tr:ident :: $m:ident, [$($v:ident $t:ty,)*]) => {
        match ($out, $args) {
            $((SliceMut::$v(o), [Src::$v(a)]) => map1(o, *a, <$t as $tr>::$m),)*
            _ => return Err(Mismatch($op)),
        }
    };
    (@binary $op:expr, $out:expr, $args:expr, $tr:ident :: $m:ident, [$($v:ident $t:ty,)*]) => {
        match ($out, $args) {
            $((SliceMut::$v(o), [Src::$v(a), Src::$v(b)]) => map2(o, *a, *b, <$t as $tr>::$m),)*
            _ => return Err(Mismatch($op)),
        }
    };
    (@ternary $op:expr, $out:expr, $args:expr, $tr:ident :: $m:ident, [$($v:ident $t:ty,)*]) => {
        match ($out, $args) {
            $((SliceMut::$v(o), [Src::$v(a), Src::$v(b), Src::$v(c)]) => map3(o, *a, *b, *c, <$t as $tr>::$m),)*
            _ => return Err(Mismatch($op)),
        }
    };
    (@quaternary $op:expr, $out:expr, $args:expr, $tr:ident :: $m:ident, [$($v:ident $t:ty,)*]) => {
        match ($out, $args) {
            $((SliceMut::$v(o), [Src::$v(a), Src::$v(b), Src::$v(c), Src::$v(d)]) => map4(o, [*a, *b, *c, *d], <$t as $tr>::$m),)*
            _ => return Err(Mismatch($op)),
        }
    };
    (@predicate $op:expr, $out:expr, $args:expr, $tr:ident :: $m:ident, [$($v:ident $t:ty,)*]) => {
        match ($out, $args) {
            $((SliceMut::Bool(o), [Src::$v(a)]) => map1(o, *a, <$t as $tr>::$m),)*
            _ => return Err(Mismatch($op)),
        }
    };
    (@compare $op:expr, $out:expr, $args:expr, $tr:ident :: $m:ident, [$($v:ident $t:ty,)*]) => {
        match ($out, $args) {
            $((SliceMut::Bool(o), [Src::$v(a), Src::$v(b)]) => map2(o, *a, *b, <$t as $tr>::$m),)*
            _ => return Err(Mismatch($op)),
        }
    };
    (@select $op:expr, $out:expr, $args:expr, [$($v:ident $t:ty,)*]) => {
        match ($out, $args) {
            $((SliceMut::$v(o), [Src::Bool(c), Src::$v(a), Src::$v(b)]) => select(o, *c, *a, *b),)*
            _ => return Err(Mismatch($op)),
        }
    };
    (@cast $op:expr, $out:expr, $args:expr, [$($v:ident $t:ty,)*]) => {
        match $args {
            $([Src::$v(a)] => cast($out, *a),)*
            _ => return Err(Mismatch($op)),
        }
    };
    (UnaryArith $op:expr, $out:expr, $args:expr, $m:ident) => {
        dtypes!({no yes yes yes yes} kernel!(@unary $op, $out, $args, Arith::$m,))
    };
    (UnaryNumeric $op:expr, $out:expr, $args:expr, $m:ident) => {
        dtypes!({no yes yes yes no} kernel!(@unary $op, $out, $args, Numeric::$m,))
    };
    (UnaryAny $op:expr, $out:expr, $args:expr, $m:ident) => {
        dtypes!({yes yes yes yes yes} kernel!(@unary $op, $out, $args, Any::$m,))
    };
    (UnaryBits $op:expr, $out:expr, $args:expr, $m:ident) => {
        dtypes!({yes yes yes no no} kernel!(@unary $op, $out, $args, Bits::$m,))
    };
    (UnaryFloat $op:expr, $out:expr, $args:expr, $m:ident) => {
        dtypes!({no no no yes yes} kernel!(@unary $op, $out, $args, Math::$m,))
    };
    (UnaryReal $op:expr, $out:expr, $args:expr, $m:ident) => {
        dtypes!({no no no yes no} kernel!(@unary $op, $out, $args, Float::$m,))
    };
    (Predicate $op:expr, $out:expr, $args:expr, $m:ident) => {
        dtypes!({yes yes yes yes yes} kernel!(@predicate $op, $out, $args, Any::$m,))
    };
    (RealPredicate $op:expr, $out:expr, $args:expr, $m:ident) => {
        dtypes!({yes yes yes yes no} kernel!(@predicate $op, $out, $args, Real::$m,))
    };
    (BinaryArith $op:expr, $out:expr, $args:expr, $m:ident) => {
        dtypes!({no yes yes yes yes} kernel!(@binary $op, $out, $args, Arith::$m,))
    };
    (BinaryNumeric $op:expr, $out:expr, $args:expr, $m:ident) => {
        dtypes!({no yes yes yes no} kernel!(@binary $op, $out, $args, Numeric::$m,))
    };
    (TernaryArith $op:expr, $out:expr, $args:expr, $m:ident) => {
        dtypes!({no yes yes yes yes} kernel!(@ternary $op, $out, $args, Arith::$m,))
    };
    (QuaternaryArith $op:expr, $out:expr, $args:expr, $m:ident) => {
        dtypes!({no yes yes yes yes} kernel!(@quaternary $op, $out, $args, Arith::$m,))
    };
    (BinaryFloat $op:expr, $out:expr, $args:expr, $m:ident) => {
        dtypes!({no no no yes yes} kernel!(@binary $op, $out, $args, Math::$m,))
    };
    (BinaryReal $op:expr, $out:expr, $args:expr, $m:ident) => {
        dtypes!({no no no yes no} kernel!(@binary $op, $out, $args, Float::$m,))
    };
    (BinaryBits $op:expr, $out:expr, $args:expr, $m:ident) => {
        dtypes!({yes yes yes no no} kernel!(@binary $op, $out, $args, Bits::$m,))
    };
    (Shift $op:expr, $out:expr, $args:expr, $m:ident) => {
        dtypes!({no yes yes no no} kernel!(@binary $op, $out, $args, Shift::$m,))
    };
    (Compare $op:expr, $out:expr, $args:expr, $m:ident) => {
        dtypes!({yes yes yes yes no} kernel!(@compare $op, $out, $args, Real::$m,))
    };
    (Equality $op:expr, $out:expr, $args:expr, $m:ident) => {
        dtypes!({yes yes yes yes yes} kernel!(@compare $op, $out, $args, Any::$m,))
    };
    (Select $op:expr, $out:expr, $args:expr, $m:ident) => {
        dtypes!({yes yes yes yes yes} kernel!(@select $op, $out, $args,))
    };
    (Cast $op:expr, $out:expr, $args:expr, $m:ident) => {
        dtypes!({yes yes yes yes yes} kernel!(@cast $op, $out, $args,))
    };
    (MakeComplex $op:expr, $out:expr, $args:expr, $m:ident) => {
        match ($out, $args) {
            (SliceMut::Complex128(o), [Src::Float64(a), Src::Float64(b)]) => map2(o, *a, *b, scalar::$m),
            _ => return Err(Mismatch($op)),
        }
    };
    (UnaryComplex $op:expr, $out:expr, $args:expr, $m:ident) => {
        dtypes!({no no no no yes} kernel!(@unary $op, $out, $args, Complex::$m,))
    };
    // Byte strings are no elements: `kernels::bytes` computes them.
    (Contains $op:expr, $out:expr, $args:expr, $m:ident) => {
        return Err(Mismatch($op))
    };
    (ComplexPart $op:expr, $out:expr, $args:expr, $m:ident) => {
        match ($out, $args) {
            (SliceMut::Float64(o), [Src::Complex128(a)]) => map1(o, *a, <C128 as Complex>::$m),
            _ => return Err(Mismatch($op)),
        }
    };
}

macro_rules! define_execute {
    ($($name:ident $text:literal $kind:ident $sig:ident $method:ident $doc:literal { $($attr:tt)* };)*) => {
        /// Computes `op` over the operands into `out`. Every slice operand is
        /// as long as `out`; the dtypes are the ones the compiler resolved.
        pub fn execute(op: Op, out: SliceMut<'_>, args: &[Src<'_>]) -> Result<(), Mismatch> {
            match op {
                $(Op::$name => kernel!($sig op, out, args, $method),)*
            }
            Ok(())
        }
    };
}
for_each_op!(define_execute);

/// Which flavour of kernels computes: the scalar reference, or SIMD where an
/// op has a SIMD kernel, in high accuracy (the op table's `ulps` bounds) or
/// low (numexpr's VML 'low' mode: the table's `low` kernels, faster, within
/// its `low` bounds, for the functions that have one). The page races them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Kernels {
    Scalar,
    #[default]
    Simd,
    SimdLow,
}

impl Kernels {
    pub fn execute(self, op: Op, out: SliceMut<'_>, args: &[Src<'_>]) -> Result<(), Mismatch> {
        // A shorter operand would leave the rest of the output unwritten.
        debug_assert!(
            {
                let len = with_slice_mut!(&out, v => v.len());
                args.iter().all(|a| a.slice_len().is_none_or(|n| n == len))
            },
            "{}: a slice operand of another length than the output",
            op.name()
        );
        match self {
            Kernels::Scalar => execute(op, out, args),
            Kernels::Simd => simd::execute(op, out, args, false),
            Kernels::SimdLow => simd::execute(op, out, args, true),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Kernels::Scalar => "scalar",
            Kernels::Simd => "simd",
            Kernels::SimdLow => "simd-low",
        }
    }

    /// True for the SIMD flavours, of either accuracy.
    pub fn simd(self) -> bool {
        self != Kernels::Scalar
    }

    /// The SIMD flavour of `accuracy` (`high` or `low`), for the JS API's
    /// and the command line's `accuracy`.
    pub fn simd_of(accuracy: &str) -> Result<Kernels> {
        match accuracy {
            "high" => Ok(Kernels::Simd),
            "low" => Ok(Kernels::SimdLow),
            other => Err(Error::input(format!(
                "accuracy `{other}`: use high (the default) or low"
            ))),
        }
    }

    /// `op` over the operands into a new array of `len` elements of
    /// `dtype`, written once (never zeroed first). Every slice operand must
    /// have `len` elements; the dtypes must fit the op.
    pub fn apply(self, op: Op, dtype: DType, len: usize, args: &[Src<'_>]) -> Result<Array> {
        if let Some(short) = args
            .iter()
            .find(|a| a.slice_len().is_some_and(|n| n != len))
        {
            return Err(internal(format!(
                "{} got an operand of {} elements for {len}",
                op.name(),
                short.slice_len().unwrap_or(1)
            )));
        }
        Array::written(dtype, len, |out| {
            self.execute(op, out, args)
                .map_err(|m| internal(format!("{} got operands of the wrong dtype", m.0.name())))
        })
    }
}

/// Evaluates `op` on scalar operands: one element, through the same kernels.
pub fn execute_scalar(op: Op, out_dtype: DType, args: &[Scalar]) -> Result<Scalar, Mismatch> {
    let srcs: Vec<Src> = args.iter().map(|&a| Src::scalar(a)).collect();
    let out = Kernels::Scalar
        .apply(op, out_dtype, 1, &srcs)
        .map_err(|_| Mismatch(op))?;
    out.get(0).ok_or(Mismatch(op))
}
