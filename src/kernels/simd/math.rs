//! Vectorised `exp`, `log`, `sin` and `cos`, each written once over
//! [`Vector`] for float64 and float32, with the precision's constants in
//! [`Consts`]. Bodies are branch-free; `sin` and `cos` send the rare lanes
//! they cannot reduce accurately (huge, infinite or NaN arguments) to the
//! scalar libm, whose Payne-Hanek reduction gets `sin(1e22)` right.
//!
//! The maximum errors, measured against MPFR, are in the README's table.

use super::Vector;
use crate::kernels::scalar::{Any, Float, Numeric};
use crate::types::Element;

/// A precision's constants. Polynomial coefficients are Taylor coefficients,
/// truncated where the next term is below half an ulp on the reduced range.
pub trait Consts: Float + Any {
    /// Bits of the significand field (52 or 23).
    const MANTISSA: u32;
    /// The exponent bias (1023 or 127).
    const BIAS: f64;
    /// 1.5 * 2^MANTISSA: adding it rounds a small float to an integer held in
    /// the low significand bits.
    const ROUNDER: Self;
    /// 2^MANTISSA.
    const TWO_TO_MANTISSA: Self;

    /// 64 / ln 2, and ln 2 / 64 in two parts; `k * LN2_64_HI` is exact for
    /// the `k` exp meets.
    const INV_LN2_64: Self;
    const LN2_64_HI: Self;
    const LN2_64_LO: Self;
    /// 2^(j/64) as hi + lo pairs.
    const EXP_TABLE: &'static [[Self; 2]; 64];
    /// exp(x) overflows above, underflows to 0 below.
    const EXP_OVERFLOW: Self;
    const EXP_UNDERFLOW: Self;
    /// 1/2!, 1/3!, ... : exp(r) = 1 + r + r^2 * P(r) for |r| <= ln2/128.
    const EXP_POLY: &'static [Self];

    /// ln 2 in two parts; `e * LN2_HI` is exact for every exponent e.
    const LN2_HI: Self;
    const LN2_LO: Self;
    const SQRT_2: Self;
    /// The smallest normal number, and 2^(MANTISSA + 2) to scale subnormals.
    const MIN_NORMAL: Self;
    const SUBNORMAL_SCALE: Self;
    /// 2/3, 2/5, ... : log(1+f) = 2s + s * R(s^2), s = f/(2+f) (fdlibm's e_log.c).
    const LOG_POLY: &'static [Self];

    const TWO_OVER_PI: Self;
    /// pi/2 in four parts; the products of the first three with `k` are
    /// exact for |x| <= TRIG_LIMIT (Cody and Waite's reduction, carried to
    /// a double-word remainder as fdlibm's rem_pio2 does).
    const PIO2_1: Self;
    const PIO2_2: Self;
    const PIO2_3: Self;
    const PIO2_4: Self;
    const TRIG_LIMIT: Self;
    /// A remainder this small after cancellation (x within TRIG_TINY of a
    /// nonzero multiple of pi/2, about one argument in a billion for
    /// float64) goes to the scalar libm, whose reduction is exact.
    const TRIG_TINY: Self;
    /// -1/3!, 1/5!, ... : sin(r) = r + r^3 * S(r^2).
    const SIN_POLY: &'static [Self];
    /// 1/4!, -1/6!, ... : cos(r) = 1 - r^2/2 + r^4 * C(r^2).
    const COS_POLY: &'static [Self];

    /// A float from raw bits (the low bits for f32).
    fn from_raw(bits: u64) -> Self;
    /// The raw bits.
    fn raw(self) -> u64;
}

impl Consts for f64 {
    const MANTISSA: u32 = 52;
    const BIAS: f64 = 1023.0;
    const ROUNDER: f64 = 6755399441055744.0;
    const TWO_TO_MANTISSA: f64 = 4503599627370496.0;
    const INV_LN2_64: f64 = 92.33248261689366;
    const LN2_64_HI: f64 = 0.010830424696223417;
    const LN2_64_LO: f64 = 2.572804622327669e-14;
    const EXP_TABLE: &'static [[f64; 2]; 64] = &super::tables::EXP2_64_F64;
    const EXP_OVERFLOW: f64 = 709.782712893384;
    const EXP_UNDERFLOW: f64 = -745.1332191019412;
    const EXP_POLY: &'static [f64] = &[
        0.5,
        0.16666666666666666,
        0.041666666666666664,
        0.008333333333333333,
    ];
    const LN2_HI: f64 = 0.6931471806019545;
    const LN2_LO: f64 = -4.2009150726810846e-11;
    const SQRT_2: f64 = std::f64::consts::SQRT_2;
    const MIN_NORMAL: f64 = f64::MIN_POSITIVE;
    const SUBNORMAL_SCALE: f64 = 18014398509481984.0;
    const LOG_POLY: &'static [f64] = &[
        0.6666666666666666,
        0.4,
        0.2857142857142857,
        0.2222222222222222,
        0.18181818181818182,
        0.15384615384615385,
        0.13333333333333333,
        0.11764705882352941,
        0.10526315789473684,
        0.09523809523809523,
    ];
    const TWO_OVER_PI: f64 = std::f64::consts::FRAC_2_PI;
    const PIO2_1: f64 = 1.5707963267341256;
    const PIO2_2: f64 = 6.077100506303966e-11;
    const PIO2_3: f64 = 2.0222662487111665e-21;
    const PIO2_4: f64 = 8.4784276603689e-32;
    const TRIG_LIMIT: f64 = 1048576.0;
    const TRIG_TINY: f64 = 9.313225746154785e-10;
    const SIN_POLY: &'static [f64] = &[
        -0.16666666666666666,
        0.008333333333333333,
        -0.0001984126984126984,
        2.7557319223985893e-06,
        -2.505210838544172e-08,
        1.6059043836821613e-10,
        -7.647163731819816e-13,
        2.8114572543455206e-15,
    ];
    const COS_POLY: &'static [f64] = &[
        0.041666666666666664,
        -0.001388888888888889,
        2.48015873015873e-05,
        -2.755731922398589e-07,
        2.08767569878681e-09,
        -1.1470745597729725e-11,
        4.779477332387385e-14,
        -1.5619206968586225e-16,
    ];

    fn from_raw(bits: u64) -> f64 {
        f64::from_bits(bits)
    }
    fn raw(self) -> u64 {
        self.to_bits()
    }
}

impl Consts for f32 {
    const MANTISSA: u32 = 23;
    const BIAS: f64 = 127.0;
    const ROUNDER: f32 = 12582912.0;
    const TWO_TO_MANTISSA: f32 = 8388608.0;
    const INV_LN2_64: f32 = 92.33248;
    const LN2_64_HI: f32 = 0.01083374;
    const LN2_64_LO: f32 = -3.3155382e-06;
    const EXP_TABLE: &'static [[f32; 2]; 64] = &super::tables::EXP2_64_F32;
    const EXP_OVERFLOW: f32 = 88.72283;
    const EXP_UNDERFLOW: f32 = -103.97208;
    const EXP_POLY: &'static [f32] = &[0.5, 0.16666667, 0.041666668];
    const LN2_HI: f32 = 0.69311523;
    const LN2_LO: f32 = 3.1946183e-05;
    const SQRT_2: f32 = std::f32::consts::SQRT_2;
    const MIN_NORMAL: f32 = f32::MIN_POSITIVE;
    const SUBNORMAL_SCALE: f32 = 33554432.0;
    const LOG_POLY: &'static [f32] = &[0.6666667, 0.4, 0.2857143, 0.22222222, 0.18181819];
    const TWO_OVER_PI: f32 = std::f32::consts::FRAC_2_PI;
    const PIO2_1: f32 = 1.5708008;
    const PIO2_2: f32 = -4.4535846e-06;
    const PIO2_3: f32 = -8.706138e-10;
    const PIO2_4: f32 = 6.223372e-14;
    const TRIG_LIMIT: f32 = 4096.0;
    const TRIG_TINY: f32 = 6.1035156e-05;
    const SIN_POLY: &'static [f32] = &[
        -0.16666667,
        0.008333334,
        -0.0001984127,
        2.7557319e-06,
        -2.5052108e-08,
    ];
    const COS_POLY: &'static [f32] = &[
        0.041666668,
        -0.0013888889,
        2.4801588e-05,
        -2.755732e-07,
        2.0876756e-09,
    ];

    fn from_raw(bits: u64) -> f32 {
        f32::from_bits(bits as u32)
    }
    fn raw(self) -> u64 {
        u64::from(self.to_bits())
    }
}

#[inline(always)]
fn splat<V: Vector>(v: V::Elem) -> V {
    V::splat(v)
}

#[inline(always)]
fn c<V: Vector>(v: f64) -> V
where
    V::Elem: Consts,
{
    V::splat(<V::Elem as Element>::from_f64(v))
}

/// Horner's rule over the coefficients, highest last.
#[inline(always)]
fn poly<V: Vector>(x: V, coefficients: &[V::Elem]) -> V {
    let mut acc = V::splat(coefficients[coefficients.len() - 1]);
    for &k in coefficients.iter().rev().skip(1) {
        acc = acc.mul(x).add(V::splat(k));
    }
    acc
}

/// Rounds to the nearest integer (ties to even), for |x| < 2^(MANTISSA-1).
#[inline(always)]
fn round<V: Vector>(x: V) -> V
where
    V::Elem: Consts,
{
    let rounder = splat::<V>(V::Elem::ROUNDER);
    x.add(rounder).sub(rounder)
}

/// 2^k for integral `k` within the normal exponent range, built in the
/// exponent field: the rounder trick leaves k in the low significand bits.
#[inline(always)]
fn pow2<V: Vector>(k: V) -> V
where
    V::Elem: Consts,
{
    let rounder = splat::<V>(V::Elem::ROUNDER);
    let biased = k
        .add(rounder)
        .sub_bits(rounder)
        .add_bits(V::splat(V::Elem::from_raw(V::Elem::BIAS as u64)));
    biased.shl_bits(V::Elem::MANTISSA)
}

#[inline(always)]
fn min<V: Vector>(a: V, b: V) -> V {
    V::select(b.lt(a), b, a)
}

#[inline(always)]
fn max<V: Vector>(a: V, b: V) -> V {
    V::select(a.lt(b), b, a)
}

/// The table entries `2^(j/64)` for the low six bits of each lane of
/// `k + ROUNDER` (which hold k mod 64): a gather, lane by lane.
#[inline(always)]
fn exp_table<V: Vector>(k_rounded: V) -> (V, V)
where
    V::Elem: Consts,
{
    let mut keys = [V::Elem::ZERO; 16];
    let mut hi = [V::Elem::ZERO; 16];
    let mut lo = [V::Elem::ZERO; 16];
    k_rounded.store(&mut keys);
    for i in 0..V::LANES {
        let [h, l] = V::Elem::EXP_TABLE[(keys[i].raw() & 63) as usize];
        hi[i] = h;
        lo[i] = l;
    }
    (V::load(&hi), V::load(&lo))
}

/// e^x, table-driven (Tang's method, as in glibc and musl): x = (64m + j)
/// ln2/64 + r with |r| <= ln2/128, e^x = 2^m 2^(j/64) e^r, the table entry
/// carried in two parts, e^r - 1 a short Taylor polynomial, and the scaling
/// by 2^m in two exact steps so that subnormal results are rounded once.
#[inline(always)]
pub fn exp<V: Vector>(x: V) -> V
where
    V::Elem: Consts,
{
    let e = V::Elem::EXP_OVERFLOW;
    let clamped = min(
        max(x, splat(V::Elem::EXP_UNDERFLOW.sub(V::Elem::ONE))),
        splat(e.add(V::Elem::ONE)),
    );
    let rounder = splat::<V>(V::Elem::ROUNDER);
    let k_rounded = clamped.mul(splat(V::Elem::INV_LN2_64)).add(rounder);
    let k = k_rounded.sub(rounder);
    let r = clamped
        .sub(k.mul(splat(V::Elem::LN2_64_HI)))
        .sub(k.mul(splat(V::Elem::LN2_64_LO)));
    let (t_hi, t_lo) = exp_table(k_rounded);
    let p = r.add(r.mul(r).mul(poly(r, V::Elem::EXP_POLY)));
    let t = t_hi.add(t_lo.add(t_hi.mul(p)));
    // m = floor(k / 64), exactly.
    let m = round(k.mul(c(1.0 / 64.0)).sub(c(63.0 / 128.0)));
    let half = round(m.mul(c(0.5)));
    let y = t.mul(pow2(half)).mul(pow2(m.sub(half)));
    let y = V::select(
        splat::<V>(e).lt(x),
        splat(V::Elem::ONE.div(V::Elem::ZERO)),
        y,
    );
    let y = V::select(x.lt(splat(V::Elem::EXP_UNDERFLOW)), splat(V::Elem::ZERO), y);
    V::select(x.is_nan(), x, y)
}

/// The natural logarithm: x = 2^e m with m in [sqrt(1/2), sqrt(2)), and
/// log(m) = log(1+f) by fdlibm's e_log.c method (s = f/(2+f), an odd series
/// in s), the e ln2 added in two parts.
#[inline(always)]
pub fn log<V: Vector>(x: V) -> V
where
    V::Elem: Consts,
{
    let zero = V::splat(V::Elem::ZERO);
    let one = V::splat(V::Elem::ONE);
    // Subnormals: scale into the normal range first.
    let tiny = x.lt(splat(V::Elem::MIN_NORMAL));
    let xs = V::select(tiny, x.mul(splat(V::Elem::SUBNORMAL_SCALE)), x);
    let adjust = V::select(tiny, c(-((V::Elem::MANTISSA + 2) as f64)), zero);
    // The exponent field as a float: OR it into the significand of 2^MANTISSA.
    let two_m = splat::<V>(V::Elem::TWO_TO_MANTISSA);
    let field = xs.shr_bits(V::Elem::MANTISSA).or(two_m).sub(two_m);
    let mut e = field.sub(c(V::Elem::BIAS)).add(adjust);
    let mantissa_mask = V::splat(V::Elem::from_raw((1u64 << V::Elem::MANTISSA) - 1));
    let mut m = xs.and(mantissa_mask).or(one);
    let big = splat::<V>(V::Elem::SQRT_2).lt(m);
    m = V::select(big, m.mul(c(0.5)), m);
    e = e.add(big.and(one));
    let f = m.sub(one);
    let s = f.div(c::<V>(2.0).add(f));
    let z = s.mul(s);
    let r = z.mul(poly(z, V::Elem::LOG_POLY));
    let hfsq = c::<V>(0.5).mul(f).mul(f);
    let y = e.mul(splat(V::Elem::LN2_HI)).sub(
        hfsq.sub(s.mul(hfsq.add(r)).add(e.mul(splat(V::Elem::LN2_LO))))
            .sub(f),
    );
    let inf = splat::<V>(V::Elem::ONE.div(V::Elem::ZERO));
    let y = V::select(x.eq(inf), inf, y);
    let y = V::select(x.eq(zero), inf.neg(), y);
    let y = V::select(x.lt(zero), zero.div(zero), y);
    V::select(x.is_nan(), x, y)
}

/// The argument reduced modulo pi/2, as a double-word `hi + lo`, the
/// quadrant (0 to 3) as a float, and the multiple `k` of pi/2 taken off.
#[inline(always)]
fn reduce<V: Vector>(x: V) -> (V, V, V, V)
where
    V::Elem: Consts,
{
    let k = round(x.mul(splat(V::Elem::TWO_OVER_PI)));
    let a = x.sub(k.mul(splat(V::Elem::PIO2_1)));
    let w = k.mul(splat(V::Elem::PIO2_2));
    // Knuth's TwoSum: hi + err == a - w exactly.
    let hi = a.sub(w);
    let b = hi.sub(a);
    let err = a.sub(hi.sub(b)).sub(w.add(b));
    let lo = err
        .sub(k.mul(splat(V::Elem::PIO2_3)))
        .sub(k.mul(splat(V::Elem::PIO2_4)));
    let r = hi.add(lo);
    let lo = lo.sub(r.sub(hi));
    let quarter = round(k.mul(c(0.25)).sub(c(0.375)));
    let quadrant = k.sub(quarter.mul(c(4.0)));
    (r, lo, quadrant, k)
}

/// sin(r + y) for |r| <= pi/4, y a tail below half an ulp of r.
#[inline(always)]
fn sin_kernel<V: Vector>(r: V, y: V) -> V
where
    V::Elem: Consts,
{
    let z = r.mul(r);
    let tail = y.mul(c::<V>(1.0).sub(c::<V>(0.5).mul(z)));
    r.add(tail.add(r.mul(z).mul(poly(z, V::Elem::SIN_POLY))))
}

/// cos(r + y): FreeBSD msun's k_cos.c form, `w + (((1 - w) - z/2) + ...)`,
/// which recovers the rounding error of `1 - z/2`.
#[inline(always)]
fn cos_kernel<V: Vector>(r: V, y: V) -> V
where
    V::Elem: Consts,
{
    let one = c::<V>(1.0);
    let z = r.mul(r);
    let hz = c::<V>(0.5).mul(z);
    let w = one.sub(hz);
    w.add(
        one.sub(w)
            .sub(hz)
            .add(z.mul(z).mul(poly(z, V::Elem::COS_POLY)).sub(r.mul(y))),
    )
}

/// Lanes the fast reduction cannot serve (a huge, infinite or NaN argument,
/// or a remainder lost to cancellation) go through the scalar function.
#[inline(always)]
fn with_slow_lanes<V: Vector>(x: V, r: V, k: V, fast: V, scalar: fn(V::Elem) -> V::Elem) -> V
where
    V::Elem: Consts,
{
    let zero = V::splat(V::Elem::ZERO);
    let all_ones = V::splat(V::Elem::from_raw(u64::MAX));
    let in_range = x.abs().le(splat(V::Elem::TRIG_LIMIT));
    let cancelled = k.eq(zero).and_not(r.abs().lt(splat(V::Elem::TRIG_TINY)));
    let slow = in_range.xor(all_ones).or(cancelled);
    if !slow.any() {
        return fast;
    }
    let mut xs = [V::Elem::ZERO; 16];
    let mut ys = [V::Elem::ZERO; 16];
    let mut flags = [V::Elem::ZERO; 16];
    x.store(&mut xs);
    fast.store(&mut ys);
    slow.store(&mut flags);
    for ((y, &x), flag) in ys.iter_mut().zip(&xs).zip(&flags).take(V::LANES) {
        if flag.isnan() {
            *y = scalar(x);
        }
    }
    V::load(&ys)
}

/// sin(x): Cody-Waite reduction to |r| <= pi/4 in double-word precision,
/// then the sine or cosine polynomial of the quadrant.
#[inline(always)]
pub fn sin<V: Vector>(x: V) -> V
where
    V::Elem: Consts,
{
    let (r, y, q, k) = reduce(x);
    let swap = q.eq(c(1.0)).or(q.eq(c(3.0)));
    let negate = c::<V>(2.0).le(q);
    let v = V::select(swap, cos_kernel(r, y), sin_kernel(r, y));
    let v = V::select(negate, v.neg(), v);
    // sin(-0.0) is -0.0, which the reduction's sums turn into +0.0.
    let v = V::select(x.eq(V::splat(V::Elem::ZERO)), x, v);
    with_slow_lanes(x, r, k, v, <V::Elem as Float>::sin)
}

/// cos(x): as [`sin`], a quadrant later.
#[inline(always)]
pub fn cos<V: Vector>(x: V) -> V
where
    V::Elem: Consts,
{
    let (r, y, q, k) = reduce(x);
    let swap = q.eq(c(1.0)).or(q.eq(c(3.0)));
    let negate = q.eq(c(1.0)).or(q.eq(c(2.0)));
    let v = V::select(swap, sin_kernel(r, y), cos_kernel(r, y));
    let v = V::select(negate, v.neg(), v);
    with_slow_lanes(x, r, k, v, <V::Elem as Float>::cos)
}
