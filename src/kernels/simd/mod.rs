//! SIMD kernels, written once over a few small traits (memchr's and
//! `wide`'s approach): [`Lanes`] for every element type, [`Ints`] and
//! [`Vector`] (floats) for arithmetic, [`Widen`] and [`Convert`] for casts;
//! instantiated per architecture:
//!
//! - `wasm`: `core::arch::wasm32` simd128, when wasm32 is built with `+simd128`;
//! - [`x86`]: SSE2, the x86_64 baseline, so native builds and benchmarks are
//!   vectorised too;
//! - [`avx2`]: AVX2 with FMA, 256 bits, for the float kernels of the op
//!   table where the CPU has them (chosen at run time: [`backend`]);
//! - [`portable`]: plain arrays, for every other target, and as an oracle in
//!   native tests, which run the very same polynomials through it.
//!
//! [`F64s`], [`F32s`], [`I64s`], [`I32s`] and [`B8s`] name the vectors of the
//! build's best backend. `map` has the loops, `math` the float functions.

#[cfg(target_arch = "x86_64")]
pub mod avx2;
mod map;
pub mod math;
#[cfg(any(target_arch = "wasm32", test))]
mod pair;
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
pub use portable::{B8x16 as B8s, F32x4 as F32s, F64x2 as F64s, I32x4 as I32s, I64x2 as I64s};
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub use wasm::{B8x16 as B8s, F32x4 as F32s, F64x2 as F64s, I32x4 as I32s, I64x2 as I64s};
#[cfg(target_arch = "x86_64")]
pub use x86::{B8x16 as B8s, F32x4 as F32s, F64x2 as F64s, I32x4 as I32s, I64x2 as I64s};

use super::scalar::{Arith, Complex, Float, Math};
use crate::types::{C128, Element, write_only};
use std::mem::MaybeUninit;

/// A few lanes of one element type in one 128-bit register: what every
/// kernel needs to move data, compare, and choose.
///
/// Comparisons return masks: lanes of all ones (true) or all zeros (false),
/// usable with the bitwise ops and [`Lanes::select`]. [`Lanes::narrow`] and
/// [`Lanes::widen`] turn sixteen lanes' masks into sixteen `bool`s and back,
/// for the ops whose result or condition is bool.
///
/// Sealed: the backends of this module are its only implementations, so
/// [`Lanes::store`] can rely on [`Lanes::write`] storing values.
pub trait Lanes: Copy + Sealed {
    type Elem: Copy + Default;
    const LANES: usize;

    fn splat(x: Self::Elem) -> Self;
    /// The first `LANES` elements of `s`.
    fn load(s: &[Self::Elem]) -> Self;
    /// Into the first `LANES` elements of `s`, a kernel's output (written,
    /// never read, maybe never initialised).
    fn write(self, s: &mut [MaybeUninit<Self::Elem>]);
    /// Into the first `LANES` elements of `s`.
    #[inline(always)]
    fn store(self, s: &mut [Self::Elem]) {
        // SAFETY: `write` stores lanes, which are values (the trait is
        // sealed: every implementation is in this module).
        self.write(unsafe { write_only(s) })
    }

    fn and(self, o: Self) -> Self;
    fn or(self, o: Self) -> Self;
    fn xor(self, o: Self) -> Self;
    /// `!self & o`.
    fn and_not(self, o: Self) -> Self;

    fn eq(self, o: Self) -> Self;
    fn lt(self, o: Self) -> Self;
    fn le(self, o: Self) -> Self;

    /// The masks of `16 / LANES` vectors, `mask(0)` first, as 16 bools.
    fn narrow(mask: impl FnMut(usize) -> Self, out: &mut [MaybeUninit<bool>]);
    /// 16 bools as the masks of `16 / LANES` vectors, handed to `each`
    /// with their index.
    fn widen(bools: &[bool], each: impl FnMut(usize, Self));

    /// `a` where the mask is set, else `b`.
    #[inline(always)]
    fn select(mask: Self, a: Self, b: Self) -> Self {
        mask.and(a).or(mask.and_not(b))
    }
}

/// The seal of [`Lanes`]: public in a private place, so nothing outside
/// this crate implements it.
mod seal {
    pub trait Sealed {}
}
use seal::Sealed;

/// Integer lanes (two's complement, wrapping).
pub trait Ints: Lanes {
    fn add(self, o: Self) -> Self;
    fn sub(self, o: Self) -> Self;
    fn mul(self, o: Self) -> Self;
    /// Shifts every lane left by `n` (less than the lane width).
    fn shl(self, n: u32) -> Self;
    /// Shifts every lane right by `n` (less than the lane width), copying
    /// the sign bit in.
    fn shr(self, n: u32) -> Self;
}

/// Float lanes. The `*_bits` ops treat the lanes as unsigned integers of
/// the same width (u64 for f64, u32 for f32): the math kernels build powers
/// of two and take exponents apart with them.
pub trait Vector: Lanes<Elem: Float> {
    fn add(self, o: Self) -> Self;
    fn sub(self, o: Self) -> Self;
    fn mul(self, o: Self) -> Self;
    fn div(self, o: Self) -> Self;
    fn sqrt(self) -> Self;

    fn add_bits(self, o: Self) -> Self;
    fn sub_bits(self, o: Self) -> Self;
    /// Shifts each lane's bits left by `n` (less than the lane width).
    fn shl_bits(self, n: u32) -> Self;
    /// Shifts each lane's bits right by `n`, filling with zeros.
    fn shr_bits(self, n: u32) -> Self;
    /// True when any lane of the mask is set.
    fn any(self) -> bool;

    /// `self * b + c`, rounded once (fused) or twice (the product, then the
    /// sum), as the backend does: wasm's relaxed SIMD (`relaxed_madd`)
    /// fuses where the hardware can and need not elsewhere. The math kernels
    /// use it in polynomials and in Cody and Waite's reductions (where the
    /// products are exact, or the last and tiny), never where an exact
    /// product or sum is taken apart (Dekker's, Knuth's), and their
    /// accuracy bounds hold both ways (tests/accuracy.rs measures both). Not the VM's `muladd` op,
    /// which rounds twice on every backend, as NumPy's `a*b + c` does.
    #[inline(always)]
    fn madd(self, b: Self, c: Self) -> Self {
        self.mul(b).add(c)
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
        not(self.eq(self))
    }
}

/// int32 lanes that convert to and from float lanes as Rust's `as` (and
/// NumPy on its usual platforms) does: int to float rounded to nearest,
/// float to int truncated and saturated, NaN to 0.
pub trait Convert: Ints<Elem = i32> {
    type F32: Vector<Elem = f32>;
    type F64: Vector<Elem = f64>;
    fn to_f32(self) -> Self::F32;
    /// Exact; the low lanes first.
    fn to_f64(self) -> [Self::F64; 2];
    fn from_f32(v: Self::F32) -> Self;
    fn from_f64(v: [Self::F64; 2]) -> Self;
}

/// float32 lanes that convert to and from float64 lanes: the casts between
/// the two, and the float32 kernels computed in float64 (`pow`).
pub trait Widen: Vector<Elem = f32> {
    type Wide: Vector<Elem = f64>;
    /// The lanes as float64 (exactly), low lanes first.
    fn promote(self) -> [Self::Wide; 2];
    /// The lanes rounded to float32, `w[0]`'s first.
    fn demote(w: [Self::Wide; 2]) -> Self;
}

use super::{Mismatch, Operand, Src};
use crate::bytecode::Op;
use crate::types::SliceMut;
pub use map::{fold8, fold8_products, map1, map2};
use map::{from_bools, map_lanes, map3, map4, narrow_lanes, select, to_bools, widen_lanes};

/// The lanes the float kernels run on here, in words: `AVX2 with FMA
/// (4 float64, 8 float32)` or `SSE2 (2 float64, 4 float32)` natively (the
/// first where the CPU has them), `simd128` in wasm.
pub fn backend() -> &'static str {
    #[cfg(target_arch = "x86_64")]
    return if avx2::available() {
        "AVX2 with FMA (4 float64, 8 float32), chosen at run time"
    } else {
        "SSE2 (2 float64, 4 float32): this CPU lacks AVX2 or FMA"
    };
    #[cfg(all(target_arch = "wasm32", target_feature = "relaxed-simd"))]
    return "simd128 with relaxed SIMD (2 float64, 4 float32)";
    #[cfg(all(
        target_arch = "wasm32",
        target_feature = "simd128",
        not(target_feature = "relaxed-simd")
    ))]
    return "simd128 (2 float64, 4 float32)";
    #[allow(unreachable_code)]
    "portable lanes (2 float64, 4 float32)"
}

/// All lanes set: the mask of "true" (every lane type compares 0 == 0).
#[inline(always)]
fn all_true<V: Lanes>() -> V {
    let zero = V::splat(V::Elem::default());
    zero.eq(zero)
}

/// The mask's complement.
#[inline(always)]
fn not<V: Lanes>(mask: V) -> V {
    mask.xor(all_true())
}

/// The smaller of each pair of lanes; `a` where they are equal (not
/// NumPy's NaN-propagating `minimum`). Where either is NaN, the result is
/// `a` in the plain builds but either lane in the relaxed ones: LLVM
/// lowers this select to `relaxed_min`, which V8 makes x86's `minpd`
/// (the second operand when either is NaN). Callers must not depend on it.
#[inline(always)]
pub(crate) fn min<V: Lanes>(a: V, b: V) -> V {
    V::select(b.lt(a), b, a)
}

/// The larger of each pair of lanes; `a` where they are equal; where
/// either is NaN, as [`min`] says.
#[inline(always)]
pub(crate) fn max<V: Lanes>(a: V, b: V) -> V {
    V::select(a.lt(b), b, a)
}

/// Computes `op` with the SIMD kernels, the same contract as
/// [`super::execute`]: the float kernels of the op table's `simd` column,
/// then the int and bool kernels by signature. The ops no 128-bit SIMD
/// instruction set has an instruction for (integer division, remainder and
/// power, shifts by per-element counts, conversions involving int64, min
/// and max of bools) run lane by lane through the scalar kernels; so do
/// complex numbers, but for `exp` ([`complex_exp`]), `expm1`
/// ([`complex_expm1`]), `log1p` ([`complex_log1p`]), `abs`
/// ([`complex_magnitude`]), `sqrt` ([`complex_sqrt`]), `log`, `log2`,
/// `log10` ([`complex_log`]), `sin`, `cos`, `tan`, `sinh`, `cosh`,
/// `tanh` ([`complex_hyperbolic`]) and `/` ([`complex_div`]). (Complex
/// `+ - *` in lanes measured no faster, with the parts taken apart and
/// put together by shuffles, and in wasm with one v128 per number: at 1e6
/// numbers they move memory, natively LLVM vectorises the scalar loops,
/// and V8 runs the scalar loop's call per number as fast.)
///
/// With `low`, the float ops of the table's `low` column run their
/// low-accuracy kernels.
pub fn execute(op: Op, out: SliceMut<'_>, args: &[Src<'_>], low: bool) -> Result<(), Mismatch> {
    match (op, out, args) {
        (Op::Magnitude, SliceMut::Float64(o), [Src::Complex128(Operand::Slice(z))]) => {
            complex_magnitude::<F64Kernels>(o, z);
            Ok(())
        }
        (op, SliceMut::Complex128(o), [Src::Complex128(Operand::Slice(z))]) => {
            match complex_unary::<F64Kernels>(op, o, z) {
                Some(done) => done,
                None => float_kernels(op, SliceMut::Complex128(o), args, low),
            }
        }
        (Op::Div, SliceMut::Complex128(o), [Src::Complex128(a), Src::Complex128(b)]) => {
            complex_div::<F64Kernels>(o, *a, *b);
            Ok(())
        }
        (op, out, args) => float_kernels(op, out, args, low),
    }
}

/// The complex128 kernel of a one-operand `op` in lanes `V` (but `abs`,
/// whose result is float64: [`complex_magnitude`]), or None where it has
/// none in lanes.
pub fn complex_unary<V: Vector<Elem = f64>>(
    op: Op,
    o: &mut [MaybeUninit<C128>],
    z: &[C128],
) -> Option<Result<(), Mismatch>> {
    let kernel: fn(&mut [MaybeUninit<C128>], &[C128]) = match op {
        Op::Exp => complex_exp::<V>,
        Op::Expm1 => complex_expm1::<V>,
        Op::Log1p => complex_log1p::<V>,
        Op::Sqrt => complex_sqrt::<V>,
        Op::Sin | Op::Cos | Op::Tan | Op::Sinh | Op::Cosh | Op::Tanh => {
            return Some(complex_hyperbolic::<V>(op, o, z));
        }
        Op::Log | Op::Log2 | Op::Log10 => return Some(complex_log::<V>(op, o, z)),
        _ => return None,
    };
    kernel(o, z);
    Some(Ok(()))
}

/// complex128's `abs`: `sqrt(x**2 + y**2)` in lanes, the scalar kernel's
/// very operations (so its bits), where the squares are safe.
#[inline(never)]
pub fn complex_magnitude<V: Vector<Elem = f64>>(out: &mut [MaybeUninit<f64>], z: &[C128]) {
    by_lanes::<V, f64>(
        out,
        z,
        |z| super::complex::fits_squares(z.re.abs(), z.im.abs()),
        Complex::magnitude,
        |x, y, o| x.mul(x).add(y.mul(y)).sqrt().write(o),
    );
}

/// Where `exp(x)` of the real part cannot overflow (`x` up to 709; false for
/// NaN too) and the imaginary part is finite: where `exp` and `expm1` need
/// none of Annex G's special values.
#[inline(always)]
fn exp_in_range(z: C128) -> bool {
    z.re <= 709.0 && z.im.is_finite()
}

/// complex128's `exp`: `exp` of the real parts and `sin` and `cos` of the
/// imaginary parts in lanes (each within an ULP), multiplied, where
/// `exp(x)` cannot overflow (x up to 709) and the parts are finite (else
/// Annex G's special values apply).
#[inline(never)]
pub fn complex_exp<V: Vector<Elem = f64>>(out: &mut [MaybeUninit<C128>], z: &[C128]) {
    by_lanes::<V, C128>(out, z, exp_in_range, Math::exp, |x, y, o| {
        let e = math::exp(x);
        write_parts(e.mul(math::cos(y)), e.mul(math::sin(y)), o);
    });
}

/// complex128's `sqrt`, the scalar kernel's very operations in lanes (so
/// its bits), where the squares of the parts are safe (so no scaling and
/// no special value): `t = sqrt((|x| + |z|) / 2)`, then `t + i y/(2t)` for
/// `x >= 0` and `|y|/(2t) + i copysign(t, y)` otherwise.
#[inline(never)]
pub fn complex_sqrt<V: Vector<Elem = f64>>(out: &mut [MaybeUninit<C128>], z: &[C128]) {
    by_lanes::<V, C128>(
        out,
        z,
        |z| super::complex::fits_squares(z.re.abs(), z.im.abs()),
        Math::sqrt,
        |x, y, o| {
            let ax = x.abs();
            let t = ax
                .add(x.mul(x).add(y.mul(y)).sqrt())
                .mul(V::splat(0.5))
                .sqrt();
            let two_t = V::splat(2.0).mul(t);
            let right = V::splat(0.0).le(x);
            let re = V::select(right, t, y.abs().div(two_t));
            let im = V::select(right, y.div(two_t), math::copysign(t, y));
            write_parts(re, im, o);
        },
    );
}

/// complex128's division, NumPy's Smith's method ([`Math::div`]) in
/// lanes without its branch: both cases are one formula with the parts
/// chosen by which of the divisor's parts is larger (`rat` is the smaller
/// over the larger), so each lane rounds as the scalar kernel does; a zero
/// divisor gives NumPy's infinities and NaNs through the scalar kernel.
/// Random divisors take either branch half the time, which the scalar
/// loop pays for in mispredictions.
#[inline(never)]
pub fn complex_div<V: Vector<Elem = f64>>(
    out: &mut [MaybeUninit<C128>],
    a: Operand<'_, C128>,
    b: Operand<'_, C128>,
) {
    let fits = |[_, b]: [C128; 2]| b.re != 0.0 || b.im != 0.0;
    let scalar = |[a, b]: [C128; 2]| Math::div(a, b);
    let lanes = |[(ar, ai), (br, bi)]: [(V, V); 2], o: &mut [MaybeUninit<C128>]| {
        // `|br| >= |bi|` (false for NaN, as in the scalar kernel).
        let real = bi.abs().le(br.abs());
        let (big, small) = (V::select(real, br, bi), V::select(real, bi, br));
        let (u, v) = (V::select(real, ar, ai), V::select(real, ai, ar));
        let rat = small.div(big);
        let scl = V::splat(1.0).div(big.add(small.mul(rat)));
        let ur = u.mul(rat);
        // `ai - ar*rat` or `ai*rat - ar`: subtracted in the scalar's
        // order, whose zero has the sign the negation would not.
        let im = V::select(real, v.sub(ur), ur.sub(v));
        write_parts(u.add(v.mul(rat)).mul(scl), im.mul(scl), o);
    };
    // One loop per kind of operands, so that none asks which per number.
    let len = out.len();
    macro_rules! run {
        ($at:expr) => {
            complex_lanes::<V, C128, 2>(out, $at, fits, scalar, lanes)
        };
    }
    match (a, b) {
        (Operand::Slice(a), Operand::Slice(b)) => {
            let (a, b) = (&a[..len], &b[..len]);
            run!(|i| [a[i], b[i]])
        }
        (Operand::Slice(a), Operand::Scalar(b)) => {
            let a = &a[..len];
            run!(|i| [a[i], b])
        }
        (Operand::Scalar(a), Operand::Slice(b)) => {
            let b = &b[..len];
            run!(|i| [a, b[i]])
        }
        (Operand::Scalar(a), Operand::Scalar(b)) => run!(|_| [a, b]),
    }
}

/// complex128's `log`, and `log2` and `log10` as NumPy computes them (`log`
/// times `log2(e)` or `log10(e)`): the scalar kernel's forms in lanes
/// ([`log_magnitude`] and `atan2(y, x)`), where the squares of the parts
/// are safe.
#[inline(never)]
pub fn complex_log<V: Vector<Elem = f64>>(
    op: Op,
    out: &mut [MaybeUninit<C128>],
    z: &[C128],
) -> Result<(), Mismatch> {
    let (factor, scalar): (f64, fn(C128) -> C128) = match op {
        Op::Log => (1.0, Math::log),
        Op::Log2 => (std::f64::consts::LOG2_E, Math::log2),
        Op::Log10 => (std::f64::consts::LOG10_E, Math::log10),
        _ => return Err(Mismatch(op)),
    };
    by_lanes::<V, C128>(
        out,
        z,
        |z| super::complex::fits_squares(z.re.abs(), z.im.abs()),
        scalar,
        |x, y, o| {
            let (arg, tail) = log_magnitude(x, y);
            // Halving is exact, so `0.5 * factor` rounds as the scalar's
            // `0.5 * (...)` then `* factor` does.
            let re = math::log(arg).add(tail).mul(V::splat(0.5 * factor));
            let im = math::arctan2(y, x);
            let im = if factor == 1.0 {
                im
            } else {
                im.mul(V::splat(factor))
            };
            write_parts(re, im, o);
        },
    );
    Ok(())
}

/// `log(|z|**2)` as `log(arg) + tail`, one `log` for every lane: `|z|**2`
/// taken in double-word (exact squares, an exact sum), near the unit
/// circle as `log1p(|z|**2 - 1)` (the difference in double-word too, so
/// that it does not cancel; `log1p(d)` is `log(u) + err/u` with `u + err
/// = 1 + d`), elsewhere as `log(s) + lo/s`. For parts whose squares are
/// safe.
#[inline(always)]
fn log_magnitude<V: Vector<Elem = f64>>(x: V, y: V) -> (V, V) {
    let (ax, ay) = (x.abs(), y.abs());
    let swap = ax.lt(ay);
    let (big, small) = (V::select(swap, ay, ax), V::select(swap, ax, ay));
    let one = V::splat(1.0);
    let ((a2, a2e), (b2, b2e)) = (math::two_product(big, big), math::two_product(small, small));
    // Near the unit circle `a2 - 1` is exact (Sterbenz).
    let (s, e) = math::two_sum(a2.sub(one), b2);
    let (u, err) = math::two_sum(one, s.add(e.add(a2e).add(b2e)));
    let (t, f) = math::two_sum(a2, b2);
    let near = V::splat(0.5)
        .le(big)
        .and(big.le(V::splat(2.0)))
        .and(small.lt(V::splat(2.0)));
    let arg = V::select(near, u, t);
    (arg, V::select(near, err, f.add(a2e).add(b2e)).div(arg))
}

/// complex128's `log1p`, the scalar kernel's forms in lanes: for a small z
/// (parts at most 0.5) half of `log1p(x*(2 + x) + y**2)` (as `log(u) +
/// err/u`, [`log_magnitude`]'s way), else `log(1 + z)`; the angle is
/// `atan2(y, 1 + x)` either way. Where the squares of `1 + x` and `y`
/// are safe (so both are finite).
#[inline(never)]
pub fn complex_log1p<V: Vector<Elem = f64>>(out: &mut [MaybeUninit<C128>], z: &[C128]) {
    by_lanes::<V, C128>(
        out,
        z,
        // `1 + x` is infinite or NaN where x is: the squares refuse it.
        |z| super::complex::fits_squares((1.0 + z.re).abs(), z.im.abs()),
        Math::log1p,
        |x, y, o| {
            let one = V::splat(1.0);
            let w = one.add(x);
            let (arg, tail) = log_magnitude(w, y);
            let d = x.mul(V::splat(2.0).add(x)).add(y.mul(y));
            let (u, err) = math::two_sum(one, d);
            let small = x.abs().le(V::splat(0.5)).and(y.abs().le(V::splat(0.5)));
            let arg = V::select(small, u, arg);
            let tail = V::select(small, err.div(u), tail);
            let re = math::log(arg).add(tail).mul(V::splat(0.5));
            write_parts(re, math::arctan2(y, w), o);
        },
    );
}

/// complex128's `expm1`, the scalar kernel's formula in lanes:
/// `expm1(x) cos(y) - 2 sin(y/2)**2 + i exp(x) sin(y)`, where `exp(x)`
/// cannot overflow and `y` is finite.
#[inline(never)]
pub fn complex_expm1<V: Vector<Elem = f64>>(out: &mut [MaybeUninit<C128>], z: &[C128]) {
    by_lanes::<V, C128>(out, z, exp_in_range, Math::expm1, |x, y, o| {
        let a = math::sin(y.mul(V::splat(0.5)));
        let re = math::expm1(x)
            .mul(math::cos(y))
            .sub(V::splat(2.0).mul(a).mul(a));
        write_parts(re, math::exp(x).mul(math::sin(y)), o);
    });
}

/// complex128's `sinh`, `cosh`, `sin`, `cos`, `tanh` and `tan`: Annex G's
/// `csinh`, `sinh(x) cos(y) + i cosh(x) sin(y)`, its `ccosh`,
/// `cosh(x) cos(y) + i sinh(x) sin(y)`, and Kahan's `ctanh`
/// ([`kahan_tanh`]), with
/// `math`'s lanes (`sin(z)` and `tan(z)` are `csinh` and `ctanh` of the
/// parts swapped, their results swapped; `cos(z)` is `ccosh(iz)`), where
/// the hyperbolic part is at most 709 in size (under 22 for `tanh`) and
/// the other finite (else the scalar kernel's care of overflow and Annex
/// G's special values).
#[inline(never)]
pub fn complex_hyperbolic<V: Vector<Elem = f64>>(
    op: Op,
    out: &mut [MaybeUninit<C128>],
    z: &[C128],
) -> Result<(), Mismatch> {
    // `|x| <= 709` is false for NaN too.
    let moderate = |x: f64, other: f64| x.abs() <= 709.0 && other.is_finite();
    // Where `tanh` is Kahan's formula (beyond 22, +-1 and a tiny part).
    let small = |x: f64, other: f64| x.abs() < 22.0 && other.is_finite();
    let write = write_parts::<V>;
    let (sinh, cosh) = (math::sinh::<V>, math::cosh::<V>);
    let (sin, cos) = (math::sin::<V>, math::cos::<V>);
    match op {
        Op::Sinh => by_lanes::<V, C128>(
            out,
            z,
            |z| moderate(z.re, z.im),
            Math::sinh,
            |x, y, o| write(sinh(x).mul(cos(y)), cosh(x).mul(sin(y)), o),
        ),
        Op::Cosh => by_lanes::<V, C128>(
            out,
            z,
            |z| moderate(z.re, z.im),
            Math::cosh,
            |x, y, o| write(cosh(x).mul(cos(y)), sinh(x).mul(sin(y)), o),
        ),
        // sinh(y + ix), swapped.
        Op::Sin => by_lanes::<V, C128>(
            out,
            z,
            |z| moderate(z.im, z.re),
            Math::sin,
            |x, y, o| write(cosh(y).mul(sin(x)), sinh(y).mul(cos(x)), o),
        ),
        // cosh(-y + ix).
        Op::Cos => by_lanes::<V, C128>(
            out,
            z,
            |z| moderate(z.im, z.re),
            Math::cos,
            |x, y, o| write(cosh(y.neg()).mul(cos(x)), sinh(y.neg()).mul(sin(x)), o),
        ),
        Op::Tanh => by_lanes::<V, C128>(
            out,
            z,
            |z| small(z.re, z.im),
            Math::tanh,
            |x, y, o| {
                let (re, im) = kahan_tanh(x, y);
                write(re, im, o)
            },
        ),
        // tanh(y + ix), swapped.
        Op::Tan => by_lanes::<V, C128>(
            out,
            z,
            |z| small(z.im, z.re),
            Math::tan,
            |x, y, o| {
                let (re, im) = kahan_tanh(y, x);
                write(im, re, o)
            },
        ),
        _ => return Err(Mismatch(op)),
    }
    Ok(())
}

/// Kahan's `tanh(x + iy)` in lanes, the scalar kernel's formula: with `t =
/// tan(y)`, `s = sinh(x)`, `beta = 1 + t**2`, the parts are `beta * sqrt(1
/// + s**2) * s` and `t`, each over `1 + beta * s**2`.
#[inline(always)]
fn kahan_tanh<V: Vector<Elem = f64>>(x: V, y: V) -> (V, V) {
    let one = V::splat(1.0);
    let t = math::tan(y);
    let beta = one.add(t.mul(t));
    let s = math::sinh(x);
    let rho = one.add(s.mul(s)).sqrt();
    let denom = one.add(beta.mul(s).mul(s));
    (beta.mul(rho).mul(s).div(denom), t.div(denom))
}

/// The numbers of real parts `re` and imaginary parts `im` into `o` (as
/// many as there are lanes).
#[inline(always)]
fn write_parts<V: Vector<Elem = f64>>(re: V, im: V, o: &mut [MaybeUninit<C128>]) {
    let (mut r, mut i) = ([0.0; 16], [0.0; 16]);
    re.store(&mut r);
    im.store(&mut i);
    for (k, o) in o.iter_mut().enumerate() {
        o.write(C128::new(r[k], i[k]));
    }
}

/// A complex kernel `V::LANES` numbers at a time: `lanes` gets their real
/// and imaginary parts as two vectors and writes their results; a
/// vector's worth with a number that `fits` refuses, and the numbers that
/// do not fill a vector, go through `scalar`. ([`complex_lanes`] does this
/// for several operands, by index: through it, `sqrt(z)` in Chromium took
/// 4.85 ms instead of 4.20 at 1e6.)
#[inline(always)]
fn by_lanes<V: Vector<Elem = f64>, R>(
    out: &mut [MaybeUninit<R>],
    z: &[C128],
    fits: impl Fn(C128) -> bool,
    scalar: impl Fn(C128) -> R,
    lanes: impl Fn(V, V, &mut [MaybeUninit<R>]),
) {
    let n = V::LANES;
    let whole = z.len() - z.len() % n;
    let (body, rest) = out.split_at_mut(whole);
    let (mut re, mut im) = ([0.0; 16], [0.0; 16]);
    for (o, z) in body.chunks_exact_mut(n).zip(z.chunks_exact(n)) {
        // Every number checked, without a branch per number.
        if !z.iter().fold(true, |all, &z| all & fits(z)) {
            for (o, &z) in o.iter_mut().zip(z) {
                o.write(scalar(z));
            }
            continue;
        }
        for (k, z) in z.iter().enumerate() {
            (re[k], im[k]) = (z.re, z.im);
        }
        lanes(V::load(&re), V::load(&im), o);
    }
    for (o, &z) in rest.iter_mut().zip(&z[whole..]) {
        o.write(scalar(z));
    }
}

/// A complex kernel `V::LANES` numbers at a time, over `K` operands whose
/// numbers `at(i)` gives (below `out.len()`): `lanes` gets each operand's
/// real and imaginary parts as two vectors and writes their results; a
/// vector's worth with numbers that `fits` refuses, and the numbers that do
/// not fill a vector, go through `scalar`.
#[inline(always)]
fn complex_lanes<V: Vector<Elem = f64>, R, const K: usize>(
    out: &mut [MaybeUninit<R>],
    at: impl Fn(usize) -> [C128; K],
    fits: impl Fn([C128; K]) -> bool,
    scalar: impl Fn([C128; K]) -> R,
    lanes: impl Fn([(V, V); K], &mut [MaybeUninit<R>]),
) {
    let n = V::LANES;
    let whole = out.len() - out.len() % n;
    let (body, rest) = out.split_at_mut(whole);
    for (start, o) in (0..whole).step_by(n).zip(body.chunks_exact_mut(n)) {
        // Every number checked, without a branch per number.
        if !(start..start + n).fold(true, |all, i| all & fits(at(i))) {
            for (i, o) in (start..).zip(o) {
                o.write(scalar(at(i)));
            }
            continue;
        }
        let mut parts = [([0.0; 16], [0.0; 16]); K];
        for k in 0..n {
            for ((re, im), z) in parts.iter_mut().zip(at(start + k)) {
                (re[k], im[k]) = (z.re, z.im);
            }
        }
        lanes(parts.map(|(re, im)| (V::load(&re), V::load(&im))), o);
    }
    for (i, o) in (whole..).zip(rest) {
        o.write(scalar(at(i)));
    }
}

/// One float kernel of the op table's `simd` column, for one dtype: an
/// out-of-line function named after the op's scalar method (so that each
/// has its own name in profiles and in the .wasm, where
/// `tests/wasm_binary.rs` finds v128 instructions in `float64::sin`),
/// mapping the column's lane function over its operands. Rows without the
/// column make nothing.
///
/// Each lane function goes in as a closure marked inline(always): handed
/// over as a bare fn item, the big math kernels stayed a call per vector in
/// release builds without debug info.
macro_rules! float_kernel {
    ([$($attr:tt)*] $sig:ident $name:ident $u:ident $variant:ident $t:ident $v:ty, $lanes:ty, $pow:path;) => {};
    ([$($attr:tt)*] $sig:ident $name:ident $u:ident $variant:ident $t:ident $v:ty, $lanes:ty, $pow:path; pow) => {
        float_kernel!([$($attr)*] BinaryArith $name $u $variant $t $v, $lanes, $pow; $pow);
    };
    ([$($attr:tt)*] @unary $name:ident $u:ident $variant:ident $t:ident $v:ty; $($f:tt)+) => {
        $($attr)*
        #[inline(never)]
        pub fn $u(out: &mut [MaybeUninit<$t>], args: &[Src<'_>]) -> Result<(), Mismatch> {
            let [Src::$variant(a)] = args else { return Err(Mismatch(Op::$name)) };
            map1::<$v>(out, *a, #[inline(always)] |x| $($f)+(x));
            Ok(())
        }
    };
    ([$($attr:tt)*] UnaryArith $name:ident $u:ident $variant:ident $t:ident $v:ty, $lanes:ty, $pow:path; $($f:tt)+) => {
        float_kernel!([$($attr)*] @unary $name $u $variant $t $v; $($f)+);
    };
    ([$($attr:tt)*] UnaryNumeric $name:ident $u:ident $variant:ident $t:ident $v:ty, $lanes:ty, $pow:path; $($f:tt)+) => {
        float_kernel!([$($attr)*] @unary $name $u $variant $t $v; $($f)+);
    };
    ([$($attr:tt)*] UnaryFloat $name:ident $u:ident $variant:ident $t:ident $v:ty, $lanes:ty, $pow:path; $($f:tt)+) => {
        float_kernel!([$($attr)*] @unary $name $u $variant $t $v; $($f)+);
    };
    ([$($attr:tt)*] UnaryReal $name:ident $u:ident $variant:ident $t:ident $v:ty, $lanes:ty, $pow:path; $($f:tt)+) => {
        float_kernel!([$($attr)*] @unary $name $u $variant $t $v; $($f)+);
    };
    ([$($attr:tt)*] @binary $name:ident $u:ident $variant:ident $t:ident $v:ty; $($f:tt)+) => {
        $($attr)*
        #[inline(never)]
        pub fn $u(out: &mut [MaybeUninit<$t>], args: &[Src<'_>]) -> Result<(), Mismatch> {
            let [Src::$variant(a), Src::$variant(b)] = args else { return Err(Mismatch(Op::$name)) };
            map2::<$v>(out, *a, *b, #[inline(always)] |x, y| $($f)+(x, y));
            Ok(())
        }
    };
    ([$($attr:tt)*] BinaryArith $name:ident $u:ident $variant:ident $t:ident $v:ty, $lanes:ty, $pow:path; $($f:tt)+) => {
        float_kernel!([$($attr)*] @binary $name $u $variant $t $v; $($f)+);
    };
    ([$($attr:tt)*] BinaryNumeric $name:ident $u:ident $variant:ident $t:ident $v:ty, $lanes:ty, $pow:path; $($f:tt)+) => {
        float_kernel!([$($attr)*] @binary $name $u $variant $t $v; $($f)+);
    };
    ([$($attr:tt)*] BinaryFloat $name:ident $u:ident $variant:ident $t:ident $v:ty, $lanes:ty, $pow:path; $($f:tt)+) => {
        float_kernel!([$($attr)*] @binary $name $u $variant $t $v; $($f)+);
    };
    ([$($attr:tt)*] BinaryReal $name:ident $u:ident $variant:ident $t:ident $v:ty, $lanes:ty, $pow:path; $($f:tt)+) => {
        float_kernel!([$($attr)*] @binary $name $u $variant $t $v; $($f)+);
    };
    ([$($attr:tt)*] TernaryArith $name:ident $u:ident $variant:ident $t:ident $v:ty, $lanes:ty, $pow:path; $($f:tt)+) => {
        $($attr)*
        #[inline(never)]
        pub fn $u(out: &mut [MaybeUninit<$t>], args: &[Src<'_>]) -> Result<(), Mismatch> {
            let [Src::$variant(a), Src::$variant(b), Src::$variant(c)] = args else { return Err(Mismatch(Op::$name)) };
            map3::<$lanes>(out, *a, *b, *c, #[inline(always)] |x, y, z| $($f)+(x, y, z));
            Ok(())
        }
    };
    ([$($attr:tt)*] QuaternaryArith $name:ident $u:ident $variant:ident $t:ident $v:ty, $lanes:ty, $pow:path; $($f:tt)+) => {
        $($attr)*
        #[inline(never)]
        pub fn $u(out: &mut [MaybeUninit<$t>], args: &[Src<'_>]) -> Result<(), Mismatch> {
            let [Src::$variant(a), Src::$variant(b), Src::$variant(c), Src::$variant(d)] = args else {
                return Err(Mismatch(Op::$name));
            };
            map4::<$lanes>(out, [*a, *b, *c, *d], #[inline(always)] |w, x, y, z| $($f)+(w, x, y, z));
            Ok(())
        }
    };
}

/// [`float_call`] for the kernels of `avx2_kernels`, which enable AVX2
/// and FMA.
#[cfg(target_arch = "x86_64")]
macro_rules! avx2_call {
    ($op:ident $out:ident $args:ident $module:ident $name:ident $u:ident;) => {};
    ($op:ident $out:ident $args:ident $module:ident $name:ident $u:ident; $($f:tt)+) => {
        if $op == Op::$name {
            // SAFETY: called where `avx2::available()`: the CPU has the
            // features the kernel enables.
            return unsafe { $module::$u($out, $args) };
        }
    };
}

/// Runs `$u` of the dtype's module when the row has a SIMD kernel; a
/// statement, so that rows without one make nothing.
macro_rules! float_call {
    ($op:ident $out:ident $args:ident $module:ident $name:ident $u:ident;) => {};
    ($op:ident $out:ident $args:ident $module:ident $name:ident $u:ident; $($f:tt)+) => {
        if $op == Op::$name {
            return $module::$u($out, $args);
        }
    };
}

/// The float kernels of the op table's `simd` column: a module of them per
/// float dtype, and [`float_kernels`], which picks one.
macro_rules! float_kernels {
    ($($name:ident $text:literal $kind:ident $sig:ident $method:ident $doc:literal {
        $(simd($($simd:tt)+))? $(domain($domain:ident))? $(ulps($ulps:literal, $mpfr:ident))?
        $(low($low:path, $low_ulps:literal))?
    };)*) => {
        /// The SIMD kernels of float64, one function per op.
        pub mod float64 {
            use super::{F64Kernels, F64s, Mismatch, Op, Src, Vector, map1, map2, map3, map4, math};
            use std::mem::MaybeUninit;
            $(float_kernel!([] $sig $name $method Float64 f64 F64Kernels, F64s, math::pow; $($($simd)+)?);)*
        }

        /// The SIMD kernels of float32, one function per op.
        pub mod float32 {
            use super::{F32s, Mismatch, Op, Src, Vector, map1, map2, map3, map4, math};
            use std::mem::MaybeUninit;
            $(float_kernel!([] $sig $name $method Float32 f32 F32s, F32s, math::powf; $($($simd)+)?);)*
        }

        /// The low-accuracy SIMD kernels of float64 (the table's `low`
        /// column), one function per op that has one.
        pub mod float64_low {
            use super::{F64Kernels, Mismatch, Op, Src, map1, math};
            use std::mem::MaybeUninit;
            $(float_kernel!([] $sig $name $method Float64 f64 F64Kernels, F64s, math::pow; $($low)?);)*
        }

        /// The low-accuracy SIMD kernels of float32.
        pub mod float32_low {
            use super::{F32s, Mismatch, Op, Src, map1, math};
            use std::mem::MaybeUninit;
            $(float_kernel!([] $sig $name $method Float32 f32 F32s, F32s, math::powf; $($low)?);)*
        }

        /// The kernels of float64 and float32 on AVX2 with FMA (the `simd`
        /// column's, then the `low` column's), each in a function that
        /// enables the features: [`float_kernels`] runs them where
        /// [`avx2::available`].
        #[cfg(target_arch = "x86_64")]
        mod avx2_kernels {
            pub mod float64 {
                use super::super::{Mismatch, Op, Src, Vector, avx2::F64x4, map1, map2, map3, map4, math};
                use std::mem::MaybeUninit;
                $(float_kernel!([#[target_feature(enable = "avx2,fma")]] $sig $name $method Float64 f64 F64x4, F64x4, math::pow; $($($simd)+)?);)*
            }
            pub mod float32 {
                use super::super::{Mismatch, Op, Src, Vector, avx2::F32x8, map1, map2, map3, map4, math};
                use std::mem::MaybeUninit;
                $(float_kernel!([#[target_feature(enable = "avx2,fma")]] $sig $name $method Float32 f32 F32x8, F32x8, math::powf; $($($simd)+)?);)*
            }
            pub mod float64_low {
                use super::super::{Mismatch, Op, Src, avx2::F64x4, map1, math};
                use std::mem::MaybeUninit;
                $(float_kernel!([#[target_feature(enable = "avx2,fma")]] $sig $name $method Float64 f64 F64x4, F64x4, math::pow; $($low)?);)*
            }
            pub mod float32_low {
                use super::super::{Mismatch, Op, Src, avx2::F32x8, map1, math};
                use std::mem::MaybeUninit;
                $(float_kernel!([#[target_feature(enable = "avx2,fma")]] $sig $name $method Float32 f32 F32x8, F32x8, math::powf; $($low)?);)*
            }
        }

        /// The float ops with a SIMD kernel of their own: with `low`, the
        /// low-accuracy one where the op has one; on AVX2 with FMA where
        /// the CPU has them.
        fn float_kernels(op: Op, out: SliceMut<'_>, args: &[Src<'_>], low: bool) -> Result<(), Mismatch> {
            #[cfg(target_arch = "x86_64")]
            if avx2::available() {
                use avx2_kernels::{float32, float32_low, float64, float64_low};
                match out {
                    SliceMut::Float64(o) => {
                        if low {
                            $(avx2_call!(op o args float64_low $name $method; $($low)?);)*
                        }
                        $(avx2_call!(op o args float64 $name $method; $($($simd)+)?);)*
                        return int_kernels(op, SliceMut::Float64(o), args);
                    }
                    SliceMut::Float32(o) => {
                        if low {
                            $(avx2_call!(op o args float32_low $name $method; $($low)?);)*
                        }
                        $(avx2_call!(op o args float32 $name $method; $($($simd)+)?);)*
                        return int_kernels(op, SliceMut::Float32(o), args);
                    }
                    out => return int_kernels(op, out, args),
                }
            }
            match out {
                SliceMut::Float64(o) => {
                    if low {
                        $(float_call!(op o args float64_low $name $method; $($low)?);)*
                    }
                    $(float_call!(op o args float64 $name $method; $($($simd)+)?);)*
                    int_kernels(op, SliceMut::Float64(o), args)
                }
                SliceMut::Float32(o) => {
                    if low {
                        $(float_call!(op o args float32_low $name $method; $($low)?);)*
                    }
                    $(float_call!(op o args float32 $name $method; $($($simd)+)?);)*
                    int_kernels(op, SliceMut::Float32(o), args)
                }
                out => int_kernels(op, out, args),
            }
        }

        /// The lane function of `op`'s low-accuracy SIMD kernel, for the
        /// ops that have one (all of one operand).
        pub fn unary_low<V: Vector<Elem: math::Consts>>(op: Op) -> Option<fn(V) -> V> {
            $(lane_function!(@unary $sig op $name; $($low)?);)*
            None
        }

        /// The lane function of `op`'s SIMD kernel, for one-operand ops:
        /// what the tests run through each backend.
        pub fn unary<V: Vector<Elem: math::Consts>>(op: Op) -> Option<fn(V) -> V> {
            $(lane_function!(@unary $sig op $name; $($($simd)+)?);)*
            None
        }

        /// The lane function of `op`'s SIMD kernel, for two-operand ops but
        /// `pow` (whose kernel is each dtype's own: [`math::pow`],
        /// [`math::powf`]).
        pub fn binary<V: Vector<Elem: math::Consts>>(op: Op) -> Option<fn(V, V) -> V> {
            $(lane_function!(@binary $sig op $name; $($($simd)+)?);)*
            None
        }
    };
}

/// A statement of [`unary`] and [`binary`]: returns the row's lane function
/// when it has one of that many operands.
macro_rules! lane_function {
    (@$arity:ident $sig:ident $op:ident $name:ident;) => {};
    (@$arity:ident $sig:ident $op:ident $name:ident; pow) => {};
    (@unary UnaryArith $op:ident $name:ident; $($f:tt)+) => {
        if $op == Op::$name { return Some(|x| $($f)+(x)); }
    };
    (@unary UnaryNumeric $op:ident $name:ident; $($f:tt)+) => {
        if $op == Op::$name { return Some(|x| $($f)+(x)); }
    };
    (@unary UnaryFloat $op:ident $name:ident; $($f:tt)+) => {
        if $op == Op::$name { return Some(|x| $($f)+(x)); }
    };
    (@unary UnaryReal $op:ident $name:ident; $($f:tt)+) => {
        if $op == Op::$name { return Some(|x| $($f)+(x)); }
    };
    (@binary BinaryArith $op:ident $name:ident; $($f:tt)+) => {
        if $op == Op::$name { return Some(|x, y| $($f)+(x, y)); }
    };
    (@binary BinaryNumeric $op:ident $name:ident; $($f:tt)+) => {
        if $op == Op::$name { return Some(|x, y| $($f)+(x, y)); }
    };
    (@binary BinaryFloat $op:ident $name:ident; $($f:tt)+) => {
        if $op == Op::$name { return Some(|x, y| $($f)+(x, y)); }
    };
    (@binary BinaryReal $op:ident $name:ident; $($f:tt)+) => {
        if $op == Op::$name { return Some(|x, y| $($f)+(x, y)); }
    };
    (@$arity:ident $sig:ident $op:ident $name:ident; $($f:tt)+) => {};
}

/// The vector the float64 kernels run on: in wasm, two at a time (see
/// [`pair`]); natively one, which out-of-order cores overlap by themselves.
#[cfg(target_arch = "wasm32")]
type F64Kernels = pair::Pair<F64s>;
#[cfg(not(target_arch = "wasm32"))]
type F64Kernels = F64s;

crate::for_each_op!(float_kernels);

/// The integer ops with a vector instruction: wrapping arithmetic,
/// bitwise ops, shifts by one count for the whole operand.
fn int_kernels(op: Op, out: SliceMut<'_>, args: &[Src<'_>]) -> Result<(), Mismatch> {
    macro_rules! int_ops {
        ($($variant:ident $v:ident $t:ident),*) => {
            match (op, out, args) {
                $(
                    (Op::Add, SliceMut::$variant(o), [Src::$variant(a), Src::$variant(b)]) => map2::<$v>(o, *a, *b, Ints::add),
                    (Op::Sub, SliceMut::$variant(o), [Src::$variant(a), Src::$variant(b)]) => map2::<$v>(o, *a, *b, Ints::sub),
                    (Op::Mul, SliceMut::$variant(o), [Src::$variant(a), Src::$variant(b)]) => map2::<$v>(o, *a, *b, Ints::mul),
                    (Op::MulAdd, SliceMut::$variant(o), [Src::$variant(a), Src::$variant(b), Src::$variant(c)]) => {
                        map3::<$v>(o, *a, *b, *c, |x, y, z| x.mul(y).add(z))
                    }
                    (Op::MulMul, SliceMut::$variant(o), [Src::$variant(a), Src::$variant(b), Src::$variant(c)]) => {
                        map3::<$v>(o, *a, *b, *c, |x, y, z| x.mul(y).mul(z))
                    }
                    (Op::MulMulAdd, SliceMut::$variant(o), [Src::$variant(a), Src::$variant(b), Src::$variant(c), Src::$variant(d)]) => {
                        map4::<$v>(o, [*a, *b, *c, *d], |w, x, y, z| w.mul(x).add(y.mul(z)))
                    }
                    (Op::Neg, SliceMut::$variant(o), [Src::$variant(a)]) => map1::<$v>(o, *a, |x| <$v>::splat(0).sub(x)),
                    (Op::Abs, SliceMut::$variant(o), [Src::$variant(a)]) => map1::<$v>(o, *a, |x| {
                        let zero = <$v>::splat(0);
                        <$v>::select(x.lt(zero), zero.sub(x), x)
                    }),
                    (Op::Sign, SliceMut::$variant(o), [Src::$variant(a)]) => map1::<$v>(o, *a, |x| {
                        let zero = <$v>::splat(0);
                        zero.lt(x).and(<$v>::splat(1)).or(x.lt(zero))
                    }),
                    (Op::Ceil | Op::Floor | Op::Trunc | Op::Round, SliceMut::$variant(o), [Src::$variant(a)]) => map1::<$v>(o, *a, |x| x),
                    (Op::Maximum, SliceMut::$variant(o), [Src::$variant(a), Src::$variant(b)]) => map2::<$v>(o, *a, *b, max),
                    (Op::Minimum, SliceMut::$variant(o), [Src::$variant(a), Src::$variant(b)]) => map2::<$v>(o, *a, *b, min),
                    (Op::Invert, SliceMut::$variant(o), [Src::$variant(a)]) => map1::<$v>(o, *a, not),
                    (Op::Shl, SliceMut::$variant(o), [Src::$variant(a), Src::$variant(Operand::Scalar(n))]) => {
                        match u32::try_from(*n).ok().filter(|&n| n < <$t>::BITS) {
                            Some(n) => map1::<$v>(o, *a, |x| x.shl(n)),
                            None => super::fill(o, 0),
                        }
                    }
                    (Op::Shr, SliceMut::$variant(o), [Src::$variant(a), Src::$variant(Operand::Scalar(n))]) => {
                        match u32::try_from(*n).ok().filter(|&n| n < <$t>::BITS) {
                            Some(n) => map1::<$v>(o, *a, |x| x.shr(n)),
                            // The sign, everywhere: the mask of x < 0 is -1.
                            None => map1::<$v>(o, *a, |x| x.lt(<$v>::splat(0))),
                        }
                    }
                )*
                (_, out, args) => return any_kernels(op, out, args),
            }
        };
    }
    int_ops!(Int32 I32s i32, Int64 I64s i64);
    Ok(())
}

/// The ops of every dtype: bitwise ops, comparisons and predicates into
/// bools, `where`, copies and casts.
fn any_kernels(op: Op, out: SliceMut<'_>, args: &[Src<'_>]) -> Result<(), Mismatch> {
    macro_rules! any_ops {
        ($($variant:ident $v:ident),*; $($cv:ident $cvv:ident $one:literal),*) => {
            match (op, out, args) {
                $(
                    (Op::BitAnd, SliceMut::$variant(o), [Src::$variant(a), Src::$variant(b)]) => map2::<$v>(o, *a, *b, Lanes::and),
                    (Op::BitOr, SliceMut::$variant(o), [Src::$variant(a), Src::$variant(b)]) => map2::<$v>(o, *a, *b, Lanes::or),
                    (Op::BitXor, SliceMut::$variant(o), [Src::$variant(a), Src::$variant(b)]) => map2::<$v>(o, *a, *b, Lanes::xor),
                    (Op::Lt, SliceMut::Bool(o), [Src::$variant(a), Src::$variant(b)]) => to_bools::<$v>(o, *a, *b, Lanes::lt),
                    (Op::Le, SliceMut::Bool(o), [Src::$variant(a), Src::$variant(b)]) => to_bools::<$v>(o, *a, *b, Lanes::le),
                    (Op::Eq, SliceMut::Bool(o), [Src::$variant(a), Src::$variant(b)]) => to_bools::<$v>(o, *a, *b, Lanes::eq),
                    (Op::Ne, SliceMut::Bool(o), [Src::$variant(a), Src::$variant(b)]) => to_bools::<$v>(o, *a, *b, |x, y| not(x.eq(y))),
                    (Op::Ge, SliceMut::Bool(o), [Src::$variant(a), Src::$variant(b)]) => to_bools::<$v>(o, *a, *b, |x, y| y.le(x)),
                    (Op::Gt, SliceMut::Bool(o), [Src::$variant(a), Src::$variant(b)]) => to_bools::<$v>(o, *a, *b, |x, y| y.lt(x)),
                    (Op::Where, SliceMut::$variant(o), [Src::Bool(c), Src::$variant(a), Src::$variant(b)]) => select::<$v>(o, *c, *a, *b),
                    (Op::Copy, SliceMut::$variant(o), [Src::$variant(a)]) => map1::<$v>(o, *a, |x| x),
                )*
                $(
                    (Op::Cast, SliceMut::Bool(o), [Src::$cv(a)]) => {
                        to_bools::<$cvv>(o, *a, Operand::Scalar(Default::default()), |x, zero| not(x.eq(zero)))
                    }
                    (Op::Cast, SliceMut::$cv(o), [Src::Bool(c)]) => from_bools::<$cvv>(o, *c, $one),
                )*
                (Op::Invert, SliceMut::Bool(o), [Src::Bool(a)]) => map1::<B8s>(o, *a, |x| x.xor(B8s::splat(true))),
                (Op::IsNan, SliceMut::Bool(o), [Src::Float64(a)]) => to_bools::<F64s>(o, *a, *a, |x, _| x.is_nan()),
                (Op::IsNan, SliceMut::Bool(o), [Src::Float32(a)]) => to_bools::<F32s>(o, *a, *a, |x, _| x.is_nan()),
                (Op::IsInf, SliceMut::Bool(o), [Src::Float64(a)]) => to_bools::<F64s>(o, *a, *a, |x, _| x.abs().eq(F64s::splat(f64::INFINITY))),
                (Op::IsInf, SliceMut::Bool(o), [Src::Float32(a)]) => to_bools::<F32s>(o, *a, *a, |x, _| x.abs().eq(F32s::splat(f32::INFINITY))),
                (Op::IsFinite, SliceMut::Bool(o), [Src::Float64(a)]) => to_bools::<F64s>(o, *a, *a, |x, _| x.abs().lt(F64s::splat(f64::INFINITY))),
                (Op::IsFinite, SliceMut::Bool(o), [Src::Float32(a)]) => to_bools::<F32s>(o, *a, *a, |x, _| x.abs().lt(F32s::splat(f32::INFINITY))),
                // The sign bit moved to the lowest bit: nonzero (a subnormal) when set.
                (Op::SignBit, SliceMut::Bool(o), [Src::Float64(a)]) => to_bools::<F64s>(o, *a, *a, |x, _| not(x.shr_bits(63).eq(F64s::splat(0.0)))),
                (Op::SignBit, SliceMut::Bool(o), [Src::Float32(a)]) => to_bools::<F32s>(o, *a, *a, |x, _| not(x.shr_bits(31).eq(F32s::splat(0.0)))),
                (Op::SignBit, SliceMut::Bool(o), [Src::Int64(a)]) => to_bools::<I64s>(o, *a, *a, |x, _| x.lt(I64s::splat(0))),
                (Op::SignBit, SliceMut::Bool(o), [Src::Int32(a)]) => to_bools::<I32s>(o, *a, *a, |x, _| x.lt(I32s::splat(0))),
                (Op::Cast, SliceMut::Float64(o), [Src::Float32(a)]) => widen_lanes::<F32s, F64s>(o, *a, F32s::promote),
                (Op::Cast, SliceMut::Float32(o), [Src::Float64(a)]) => narrow_lanes::<F64s, F32s>(o, *a, F32s::demote),
                (Op::Cast, SliceMut::Float64(o), [Src::Int32(a)]) => widen_lanes::<I32s, F64s>(o, *a, I32s::to_f64),
                (Op::Cast, SliceMut::Int32(o), [Src::Float64(a)]) => narrow_lanes::<F64s, I32s>(o, *a, I32s::from_f64),
                (Op::Cast, SliceMut::Float32(o), [Src::Int32(a)]) => map_lanes::<I32s, F32s>(o, *a, I32s::to_f32),
                (Op::Cast, SliceMut::Int32(o), [Src::Float32(a)]) => map_lanes::<F32s, I32s>(o, *a, I32s::from_f32),
                (_, out, args) => return super::execute(op, out, args),
            }
        };
    }
    any_ops!(Bool B8s, Int32 I32s, Int64 I64s, Float32 F32s, Float64 F64s;
        Int32 I32s 1, Int64 I64s 1, Float32 F32s 1.0, Float64 F64s 1.0);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernels::scalar::Numeric;

    /// The same bits, or both NaN.
    fn same<T: math::Consts>(got: T, want: T) -> bool {
        got.raw() == want.raw() || (want.isnan() && got.isnan())
    }

    /// Marsaglia's xorshift64 from `state`: random bits for the tests.
    fn xorshift(mut state: u64) -> impl FnMut() -> u64 {
        move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        }
    }

    /// Complex division in lanes gives Smith's bits (the scalar kernel's)
    /// on every backend, for divisors of every magnitude, with parts of
    /// equal size (where the branch turns), zeros of both signs,
    /// infinities and NaNs, as slices and as scalars.
    #[test]
    fn complex_division_gives_the_scalar_kernels_bits() {
        let mut next = xorshift(0x9E37_79B9_7F4A_7C15u64);
        let specials = [0.0, -0.0, 1.0, -1.0, f64::INFINITY, f64::NAN, 1e-310, 1e300];
        let mut part = |other: f64| match next() % 8 {
            0 => specials[(next() % 8) as usize],
            1 => other,
            2 => -other,
            3 => f64::from_bits(next()),
            _ => {
                (f64::from_bits(next() >> 12 | 0x3FF0_0000_0000_0000) - 1.5)
                    * 2f64.powi((next() % 40) as i32 - 20)
            }
        };
        let numbers = |part: &mut dyn FnMut(f64) -> f64| -> Vec<C128> {
            (0..4099)
                .map(|_| {
                    let re = part(1.0);
                    C128::new(re, part(re))
                })
                .collect()
        };
        let (a, b) = (numbers(&mut part), numbers(&mut part));
        fn divide<V: Vector<Elem = f64>>(
            a: Operand<C128>,
            b: Operand<C128>,
            len: usize,
        ) -> Vec<C128> {
            let mut out = vec![C128::new(0.0, 0.0); len];
            // SAFETY: the kernel writes numbers only.
            complex_div::<V>(unsafe { crate::types::write_only(&mut out) }, a, b);
            out
        }
        for (a, b) in [
            (Operand::Slice(&a[..]), Operand::Slice(&b[..])),
            (Operand::Slice(&a[..]), Operand::Scalar(b[7])),
            (Operand::Scalar(a[3]), Operand::Slice(&b[..])),
        ] {
            let at = |o: Operand<C128>, i: usize| match o {
                Operand::Slice(s) => s[i],
                Operand::Scalar(z) => z,
            };
            for (backend, got) in [
                ("native", divide::<F64s>(a, b, 4099)),
                ("portable", divide::<portable::F64x2>(a, b, 4099)),
                ("pair", divide::<pair::Pair<F64s>>(a, b, 4099)),
            ] {
                for (i, got) in got.iter().enumerate() {
                    let (x, y) = (at(a, i), at(b, i));
                    let want = Math::div(x, y);
                    assert!(
                        same(got.re, want.re) && same(got.im, want.im),
                        "{backend}: ({x}) / ({y}) = {got}, want {want}"
                    );
                }
            }
        }
    }

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
                assert!(same(out[0], want), "{name}({a}) = {}, want {want}", out[0]);
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
                        same(out[0], want),
                        "{name}({a}, {b}) = {}, want {want}",
                        out[0]
                    );
                }
            }
        }
        // Random pairs of every magnitude, float64 and float32.
        let mut next = xorshift(0x2545_F491_4F6C_DD1Du64);
        for _ in 0..200_000 {
            let a = f64::from_bits(next());
            // A divisor up to 2^60 times smaller than a, or any bits.
            let near = (a.to_bits() & (0xFFF << 52)).wrapping_sub((next() % 60) << 52);
            let b = f64::from_bits(if next().is_multiple_of(4) {
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
                assert!(same(out[0], want), "{name}({a:e}, {b:e})");
            }
            let mut out = [0.0f32; 4];
            math::fmod(F32s::splat(c), F32s::splat(d)).store(&mut out);
            let want = c % d;
            assert!(same(out[0], want), "fmod({c:e}, {d:e})");
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
