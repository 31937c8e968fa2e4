//! SIMD kernels, written once over a small [`Vector`] trait (memchr's and
//! `wide`'s approach) and instantiated per architecture:
//!
//! - [`wasm`]: `core::arch::wasm32` simd128, when wasm32 is built with `+simd128`;
//! - [`x86`]: SSE2, the x86_64 baseline, so native builds and benchmarks are
//!   vectorised too;
//! - [`portable`]: plain arrays, for every other target, and as an oracle in
//!   native tests, which run the very same polynomials through it.
//!
//! [`F64s`] and [`F32s`] name the vectors of the build's best backend.

pub mod math;
pub mod portable;
mod tables;
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub mod wasm;
#[cfg(target_arch = "x86_64")]
pub mod x86;

#[cfg(not(any(
    target_arch = "x86_64",
    all(target_arch = "wasm32", target_feature = "simd128")
)))]
pub use portable::{F32x4 as F32s, F64x2 as F64s};
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub use wasm::{F32x4 as F32s, F64x2 as F64s};
#[cfg(target_arch = "x86_64")]
pub use x86::{F32x4 as F32s, F64x2 as F64s};

use super::scalar::{Float, Numeric};
use crate::types::Element;

/// A few lanes of one float type in one register.
///
/// Comparisons return masks: lanes of all ones (true) or all zeros (false),
/// usable with the bitwise ops and [`Vector::select`]. The `*_bits` ops treat
/// the lanes as unsigned integers of the same width (u64 for f64, u32 for
/// f32): the math kernels build powers of two and take exponents apart with
/// them.
pub trait Vector: Copy {
    type Elem: Float;
    const LANES: usize;

    fn splat(x: Self::Elem) -> Self;
    /// The first `LANES` elements of `s`.
    fn load(s: &[Self::Elem]) -> Self;
    /// Into the first `LANES` elements of `s`.
    fn store(self, s: &mut [Self::Elem]);

    fn add(self, o: Self) -> Self;
    fn sub(self, o: Self) -> Self;
    fn mul(self, o: Self) -> Self;
    fn div(self, o: Self) -> Self;
    fn sqrt(self) -> Self;

    fn and(self, o: Self) -> Self;
    fn or(self, o: Self) -> Self;
    fn xor(self, o: Self) -> Self;
    /// `!self & o`.
    fn and_not(self, o: Self) -> Self;

    fn lt(self, o: Self) -> Self;
    fn le(self, o: Self) -> Self;
    fn eq(self, o: Self) -> Self;

    fn add_bits(self, o: Self) -> Self;
    fn sub_bits(self, o: Self) -> Self;
    /// Shifts each lane's bits left by `n` (less than the lane width).
    fn shl_bits(self, n: u32) -> Self;
    /// Shifts each lane's bits right by `n`, filling with zeros.
    fn shr_bits(self, n: u32) -> Self;
    /// True when any lane of the mask is set.
    fn any(self) -> bool;

    /// `a` where the mask is set, else `b`.
    #[inline(always)]
    fn select(mask: Self, a: Self, b: Self) -> Self {
        mask.and(a).or(mask.and_not(b))
    }

    #[inline(always)]
    fn abs(self) -> Self {
        Self::splat(Self::Elem::neg(Self::Elem::ZERO)).and_not(self)
    }

    #[inline(always)]
    fn neg(self) -> Self {
        self.xor(Self::splat(Self::Elem::neg(Self::Elem::ZERO)))
    }

    /// Lanes that are NaN.
    #[inline(always)]
    fn is_nan(self) -> Self {
        self.eq(self)
            .xor(Self::splat(Self::Elem::ZERO).eq(Self::splat(Self::Elem::ZERO)))
    }
}

/// float32 lanes that convert to and from float64 lanes: the casts between
/// the two, and the float32 kernels computed in float64 (`pow`).
pub trait Widen: Vector<Elem = f32> {
    type Wide: Vector<Elem = f64>;
    /// The lanes as float64 (exactly), low lanes first.
    fn widen(self) -> [Self::Wide; 2];
    /// The lanes rounded to float32, `w[0]`'s first.
    fn narrow(w: [Self::Wide; 2]) -> Self;
}

/// Maps `f` over `out`, a vector at a time, two vectors per step so that
/// the long dependency chains of the math kernels overlap. The tail runs
/// through the same vector code on a padded copy, so every element gets the
/// same bits wherever it sits.
#[inline(always)]
pub fn map1<V: Vector>(out: &mut [V::Elem], a: super::Operand<V::Elem>, f: impl Fn(V) -> V) {
    let x = match a {
        super::Operand::Slice(x) => x,
        super::Operand::Scalar(x) => {
            let mut res = [V::Elem::ZERO; 16];
            f(V::splat(x)).store(&mut res);
            out.fill(res[0]);
            return;
        }
    };
    let n = V::LANES;
    let whole = out.len() - out.len() % (2 * n);
    let (body, rest) = out.split_at_mut(whole);
    for (o, x) in body.chunks_exact_mut(2 * n).zip(x.chunks_exact(2 * n)) {
        let (y0, y1) = (f(V::load(x)), f(V::load(&x[n..])));
        y0.store(o);
        y1.store(&mut o[n..]);
    }
    tail(rest, &x[whole..whole + rest.len()], f);
}

/// Runs the elements that do not fill a vector through `f`, padded.
#[inline(always)]
fn tail<V: Vector>(out: &mut [V::Elem], x: &[V::Elem], f: impl Fn(V) -> V) {
    for (o, x) in out.chunks_mut(V::LANES).zip(x.chunks(V::LANES)) {
        let mut pad = [V::Elem::ZERO; 16];
        pad[..x.len()].copy_from_slice(x);
        let mut res = [V::Elem::ZERO; 16];
        f(V::load(&pad)).store(&mut res);
        o.copy_from_slice(&res[..o.len()]);
    }
}

/// Maps `f` over two operands, as [`map1`] does; a scalar operand is
/// splatted once.
#[inline(always)]
pub fn map2<V: Vector>(
    out: &mut [V::Elem],
    a: super::Operand<V::Elem>,
    b: super::Operand<V::Elem>,
    f: impl Fn(V, V) -> V,
) {
    use super::Operand::{Scalar, Slice};
    match (a, b) {
        (Slice(a), Slice(b)) => {
            // By-value chunk iterators, so that the zip compiles to an index
            // loop (iterators borrowed `&mut` are not inlined so).
            let n = V::LANES;
            let whole = out.len() - out.len() % n;
            let (body, rest) = out.split_at_mut(whole);
            for (o, (x, y)) in body
                .chunks_exact_mut(n)
                .zip(a.chunks_exact(n).zip(b.chunks_exact(n)))
            {
                f(V::load(x), V::load(y)).store(o);
            }
            let mut pad = [V::Elem::ZERO; 16];
            pad[..rest.len()].copy_from_slice(&b[whole..whole + rest.len()]);
            let y = V::load(&pad);
            tail(rest, &a[whole..whole + rest.len()], |x| f(x, y));
        }
        (Slice(a), Scalar(y)) => {
            let y = V::splat(y);
            map1(out, Slice(a), |x| f(x, y));
        }
        (Scalar(x), Slice(b)) => {
            let x = V::splat(x);
            map1(out, Slice(b), |y| f(x, y));
        }
        (Scalar(x), Scalar(y)) => {
            let mut res = [V::Elem::ZERO; 16];
            f(V::splat(x), V::splat(y)).store(&mut res);
            out.fill(res[0]);
        }
    }
}

use super::{Mismatch, Src};
use crate::bytecode::Op;
use crate::types::SliceMut;

/// Computes `op` with the SIMD kernels where there is one, else with the
/// scalar kernels; the same contract as [`super::execute`].
pub fn execute(op: Op, out: SliceMut<'_>, args: &[Src<'_>]) -> Result<(), Mismatch> {
    macro_rules! float_ops {
        ($($variant:ident $v:ty),*) => {
            match (op, out, args) {
                $(
                    (Op::Add, SliceMut::$variant(o), [Src::$variant(a), Src::$variant(b)]) => map2::<$v>(o, *a, *b, <$v>::add),
                    (Op::Sub, SliceMut::$variant(o), [Src::$variant(a), Src::$variant(b)]) => map2::<$v>(o, *a, *b, <$v>::sub),
                    (Op::Mul, SliceMut::$variant(o), [Src::$variant(a), Src::$variant(b)]) => map2::<$v>(o, *a, *b, <$v>::mul),
                    (Op::Div, SliceMut::$variant(o), [Src::$variant(a), Src::$variant(b)]) => map2::<$v>(o, *a, *b, <$v>::div),
                    (Op::Sqrt, SliceMut::$variant(o), [Src::$variant(a)]) => map1::<$v>(o, *a, <$v>::sqrt),
                    (Op::Neg, SliceMut::$variant(o), [Src::$variant(a)]) => map1::<$v>(o, *a, <$v>::neg),
                    (Op::Abs, SliceMut::$variant(o), [Src::$variant(a)]) => map1::<$v>(o, *a, <$v>::abs),
                    (Op::Floor, SliceMut::$variant(o), [Src::$variant(a)]) => map1::<$v>(o, *a, math::floor),
                    (Op::Ceil, SliceMut::$variant(o), [Src::$variant(a)]) => map1::<$v>(o, *a, math::ceil),
                    (Op::Trunc, SliceMut::$variant(o), [Src::$variant(a)]) => map1::<$v>(o, *a, math::trunc),
                    (Op::Round, SliceMut::$variant(o), [Src::$variant(a)]) => map1::<$v>(o, *a, math::round_half_even),
                    (Op::Maximum, SliceMut::$variant(o), [Src::$variant(a), Src::$variant(b)]) => map2::<$v>(o, *a, *b, math::maximum),
                    (Op::Minimum, SliceMut::$variant(o), [Src::$variant(a), Src::$variant(b)]) => map2::<$v>(o, *a, *b, math::minimum),
                    (Op::CopySign, SliceMut::$variant(o), [Src::$variant(a), Src::$variant(b)]) => map2::<$v>(o, *a, *b, math::copysign),
                    (Op::Exp, SliceMut::$variant(o), [Src::$variant(a)]) => map1::<$v>(o, *a, math::exp),
                    (Op::Log, SliceMut::$variant(o), [Src::$variant(a)]) => map1::<$v>(o, *a, math::log),
                    (Op::Sin, SliceMut::$variant(o), [Src::$variant(a)]) => map1::<$v>(o, *a, math::sin),
                    (Op::Cos, SliceMut::$variant(o), [Src::$variant(a)]) => map1::<$v>(o, *a, math::cos),
                    (Op::Tan, SliceMut::$variant(o), [Src::$variant(a)]) => map1::<$v>(o, *a, math::tan),
                    (Op::Arcsin, SliceMut::$variant(o), [Src::$variant(a)]) => map1::<$v>(o, *a, math::arcsin),
                    (Op::Arccos, SliceMut::$variant(o), [Src::$variant(a)]) => map1::<$v>(o, *a, math::arccos),
                    (Op::Arctan, SliceMut::$variant(o), [Src::$variant(a)]) => map1::<$v>(o, *a, math::arctan),
                    (Op::Sinh, SliceMut::$variant(o), [Src::$variant(a)]) => map1::<$v>(o, *a, math::sinh),
                    (Op::Cosh, SliceMut::$variant(o), [Src::$variant(a)]) => map1::<$v>(o, *a, math::cosh),
                    (Op::Tanh, SliceMut::$variant(o), [Src::$variant(a)]) => map1::<$v>(o, *a, math::tanh),
                    (Op::Arcsinh, SliceMut::$variant(o), [Src::$variant(a)]) => map1::<$v>(o, *a, math::arcsinh),
                    (Op::Arccosh, SliceMut::$variant(o), [Src::$variant(a)]) => map1::<$v>(o, *a, math::arccosh),
                    (Op::Arctanh, SliceMut::$variant(o), [Src::$variant(a)]) => map1::<$v>(o, *a, math::arctanh),
                    (Op::Expm1, SliceMut::$variant(o), [Src::$variant(a)]) => map1::<$v>(o, *a, math::expm1),
                    (Op::Log1p, SliceMut::$variant(o), [Src::$variant(a)]) => map1::<$v>(o, *a, math::log1p),
                    (Op::Log2, SliceMut::$variant(o), [Src::$variant(a)]) => map1::<$v>(o, *a, math::log2),
                    (Op::Log10, SliceMut::$variant(o), [Src::$variant(a)]) => map1::<$v>(o, *a, math::log10),
                    (Op::Arctan2, SliceMut::$variant(o), [Src::$variant(a), Src::$variant(b)]) => map2::<$v>(o, *a, *b, math::arctan2),
                    (Op::Fmod, SliceMut::$variant(o), [Src::$variant(a), Src::$variant(b)]) => map2::<$v>(o, *a, *b, math::fmod),
                    (Op::Mod, SliceMut::$variant(o), [Src::$variant(a), Src::$variant(b)]) => map2::<$v>(o, *a, *b, math::modulo),
                    (Op::FloorDiv, SliceMut::$variant(o), [Src::$variant(a), Src::$variant(b)]) => map2::<$v>(o, *a, *b, math::floordiv),
                    (Op::Hypot, SliceMut::$variant(o), [Src::$variant(a), Src::$variant(b)]) => map2::<$v>(o, *a, *b, math::hypot),
                )*
                (Op::Pow, SliceMut::Float64(o), [Src::Float64(a), Src::Float64(b)]) => map2::<F64s>(o, *a, *b, math::pow),
                (Op::Pow, SliceMut::Float32(o), [Src::Float32(a), Src::Float32(b)]) => map2::<F32s>(o, *a, *b, math::powf),
                (_, out, args) => return super::execute(op, out, args),
            }
        };
    }
    float_ops!(Float64 F64s, Float32 F32s);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The exact ops: the SIMD kernels give the scalar kernels' bits on the
    /// edge cases of rounding and of NaN propagation.
    #[test]
    fn exact_ops_match_the_scalar_kernels_on_edge_cases() {
        let edges = [
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.5,
            -1.5,
            2.5,
            -2.5,
            0.49999999999999994,
            -0.49999999999999994,
            0.6,
            -0.6,
            1.0,
            -1.0,
            4503599627370495.5,
            -4503599627370495.5,
            4503599627370497.0,
            1e300,
            -1e300,
            3.0,
            -7.0,
            0.1,
            1e-300,
            1e16,
            -2.5e-310,
            5e-324,
            -5e-324,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
        ];
        for &a in &edges {
            for (name, simd, scalar) in [
                (
                    "floor",
                    math::floor::<F64s> as fn(F64s) -> F64s,
                    f64::floor as fn(f64) -> f64,
                ),
                ("ceil", math::ceil::<F64s>, f64::ceil),
                ("trunc", math::trunc::<F64s>, f64::trunc),
                ("round", math::round_half_even::<F64s>, f64::round_ties_even),
            ] {
                let mut out = [0.0; 2];
                simd(F64s::splat(a)).store(&mut out);
                let want = scalar(a);
                assert!(
                    out[0].to_bits() == want.to_bits() || (want.is_nan() && out[0].is_nan()),
                    "{name}({a}) = {}, want {want}",
                    out[0]
                );
            }
            for &b in &edges {
                for (name, simd, scalar) in [
                    (
                        "maximum",
                        math::maximum::<F64s> as fn(F64s, F64s) -> F64s,
                        Numeric::maximum as fn(f64, f64) -> f64,
                    ),
                    ("minimum", math::minimum, Numeric::minimum),
                    ("fmod", math::fmod, Numeric::fmod),
                    ("mod", math::modulo, Numeric::modulo),
                    ("floordiv", math::floordiv, Numeric::floordiv),
                ] {
                    // Each pair in both lanes' positions, next to another pair.
                    let mut out = [0.0; 2];
                    simd(F64s::load(&[a, 7.25]), F64s::load(&[b, -3.0])).store(&mut out);
                    let want = scalar(a, b);
                    assert!(
                        out[0].to_bits() == want.to_bits() || (want.is_nan() && out[0].is_nan()),
                        "{name}({a}, {b}) = {}, want {want}",
                        out[0]
                    );
                }
            }
        }
        // Random pairs of every magnitude, float64 and float32.
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..200_000 {
            let a = f64::from_bits(next());
            // A divisor up to 2^60 times smaller than a, or any bits.
            let near = (a.to_bits() & (0xFFF << 52)).wrapping_sub((next() % 60) << 52);
            let b = f64::from_bits(if next() % 4 == 0 {
                next()
            } else {
                near | next() >> 12
            });
            let (c, d) = (
                f32::from_bits(next() as u32),
                f32::from_bits((next() >> 40) as u32),
            );
            for (name, simd, scalar) in [
                (
                    "fmod",
                    math::fmod::<F64s> as fn(F64s, F64s) -> F64s,
                    Numeric::fmod as fn(f64, f64) -> f64,
                ),
                ("mod", math::modulo, Numeric::modulo),
                ("floordiv", math::floordiv, Numeric::floordiv),
            ] {
                let mut out = [0.0; 2];
                simd(F64s::splat(a), F64s::splat(b)).store(&mut out);
                let want = scalar(a, b);
                assert!(
                    out[0].to_bits() == want.to_bits() || (want.is_nan() && out[0].is_nan()),
                    "{name}({a:e}, {b:e})"
                );
            }
            let mut out = [0.0f32; 4];
            math::fmod(F32s::splat(c), F32s::splat(d)).store(&mut out);
            let want = c % d;
            assert!(
                out[0].to_bits() == want.to_bits() || (want.is_nan() && out[0].is_nan()),
                "fmod({c:e}, {d:e})"
            );
        }
        // float32 rounding near 2^23.
        for &a in &[8388607.5f32, -8388607.5, 0.5, -0.5, 2.5, -0.0, 8388609.0] {
            let mut out = [0.0f32; 4];
            math::round_half_even(F32s::splat(a)).store(&mut out);
            assert_eq!(
                out[0].to_bits(),
                a.round_ties_even().to_bits(),
                "round({a})"
            );
        }
    }
}
