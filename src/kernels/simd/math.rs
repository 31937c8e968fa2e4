//! Vectorised `exp`, `log`, `sin` and `cos`, each written once over
//! [`Vector`] for float64 and float32, with the precision's constants in
//! [`Consts`]. Bodies are branch-free; `sin` and `cos` send the rare lanes
//! they cannot reduce accurately (huge, infinite or NaN arguments) to the
//! scalar libm, whose Payne-Hanek reduction gets `sin(1e22)` right.
//!
//! The maximum errors, measured against MPFR, are in the README's table.

use super::tables::{POW_LN2_HI, POW_LN2_LO, POW_LOG_BITS, POW_LOG_F64, POW_LOG_OFF};
use super::{Vector, Widen, max, min, not};
use crate::kernels::scalar::{Any, Arith, Float, Math, Numeric};
use crate::types::Element;

/// A precision's constants. Polynomial coefficients are Taylor coefficients,
/// truncated where the next term is below half an ulp on the reduced range.
pub trait Consts: Float + Any {
    /// Bits of the significand field (52 or 23).
    const MANTISSA: u32;
    /// The exponent bias (1023 or 127).
    const BIAS: f64;
    /// For the trig kernels, which read their constants through [`hidden`]:
    /// 2/pi, ROUNDER and -PIO2_1 to -PIO2_4 (negated, for multiply-adds);
    /// and 1, 0.5, 0, TRIG_LIMIT,
    /// TRIG_TINY, -0 (the sign bit) and the float whose bits are 1.
    const REDUCTION: &'static [Self; 6];
    const TRIG: &'static [Self; 7];
    /// 1.5 * 2^MANTISSA: adding it rounds a small float to an integer held in
    /// the low significand bits.
    const ROUNDER: Self;
    /// 2^MANTISSA.
    const TWO_TO_MANTISSA: Self;

    /// exp's table has 2^EXP_TABLE_BITS entries, N: 64 for float64; none
    /// for float32, whose polynomial covers |r| <= ln2/2 without a gather.
    const EXP_TABLE_BITS: u32;
    /// N / ln 2, and ln 2 / N in two parts; `k * LN2_N_HI` is exact for
    /// the `k` exp meets.
    const INV_LN2_N: Self;
    const LN2_N_HI: Self;
    const LN2_N_LO: Self;
    /// 2^(j/64) as hi + lo pairs.
    const EXP_TABLE: &'static [[Self; 2]];
    /// exp(x) overflows above, underflows to 0 below.
    const EXP_OVERFLOW: Self;
    const EXP_UNDERFLOW: Self;
    /// Below this magnitude e^x and 2^m are normal: one scaling does.
    const EXP_NORMAL: Self;
    /// 1/2!, 1/3!, ... : exp(r) = 1 + r + r^2 * P(r) for |r| <= ln2/128.
    const EXP_POLY: &'static [Self];
    /// The low-accuracy kernels' polynomials (`exp_low` and the others):
    /// shorter fits where the precision allows (float32), else the ones
    /// above. `COS_POLY_LOW` has -1/2 first: cos(r) = 1 + z Q(z).
    const EXP_POLY_LOW: &'static [Self];
    const LOG_POLY_LOW: &'static [Self];
    const SIN_POLY_LOW: &'static [Self];
    const COS_POLY_LOW: &'static [Self];

    /// ln 2 in two parts; `e * LN2_HI` is exact for every exponent e.
    const LN2_HI: Self;
    const LN2_LO: Self;
    const SQRT_2: Self;
    /// The smallest normal number, and 2^(MANTISSA + 2) to scale subnormals.
    const MIN_NORMAL: Self;
    const SUBNORMAL_SCALE: Self;
    /// log(1+f) = 2s + s * R(s^2), s = f/(2+f) (fdlibm's e_log.c), R(z) = z P(z):
    /// P a Chebyshev fit (mpmath.chebyfit) to 2/3 + 2z/5 + 2z^2/7 + ... for
    /// z up to (3 - 2 sqrt 2)^2 (float64), its Taylor series (float32).
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
    /// sin(r) = r + r^3 * S(r^2), |r| <= pi/4: a Chebyshev fit (mpmath.chebyfit).
    const SIN_POLY: &'static [Self];
    /// cos(r) = 1 - r^2/2 + r^4 * C(r^2), |r| <= pi/4: a Chebyshev fit.
    const COS_POLY: &'static [Self];

    /// 1/2!, 1/3!, ... for expm1(x) = x + x^2 * P(x), |x| <= ln2/2.
    const EXPM1_POLY: &'static [Self];
    /// log10(2) in two parts (`e * LOG10_2_HI` exact), and log10(e).
    const LOG10_2_HI: Self;
    const LOG10_2_LO: Self;
    const LOG10_E: Self;
    /// Beyond it tanh(x) rounds to +-1.
    const TANH_SATURATION: Self;
    /// atan(t) = t + t z P(z), z = t^2, |t| <= 7/16: a Chebyshev fit
    /// (mpmath.chebyfit), as fdlibm's s_atan.c fits its minimax polynomial.
    const ATAN_POLY: &'static [Self];
    /// atan(1/2), atan(1), atan(3/2), atan(inf) in two parts each.
    const ATAN_HI: [Self; 4];
    const ATAN_LO: [Self; 4];

    /// asin(t) = t + t z Q(z), z = t^2, |t| <= 1/2: a Chebyshev fit.
    const ASIN_POLY: &'static [Self];
    /// pi/2 and pi in two parts each.
    const PIO2_HI: Self;
    const PIO2_LO: Self;
    const PI_HI: Self;
    const PI_LO: Self;
    /// hypot scales operands above BIG down by DOWN, below SMALL up by UP.
    const HYPOT_BIG: Self;
    const HYPOT_SMALL: Self;
    const HYPOT_DOWN: Self;
    const HYPOT_UP: Self;
    /// Above it, arcsinh(x) = log(x) + ln2 and arccosh likewise (x^2 would overflow).
    const HUGE: Self;

    /// tanh(t) = t + t z P(z), z = t^2, |t| <= 5/8: a Chebyshev fit.
    const TANH_POLY: &'static [Self];
    /// 2^ceil(MANTISSA/2) + 1: Veltkamp's splitter for exact products.
    const SPLITTER: Self;

    /// cbrt(1.5 + u) for |u| <= 1/2, to 2^-24 (float64) or 2^-13 (float32)
    /// relative: a Chebyshev fit (mpmath.chebyfit, degree 7 or 3).
    const CBRT_POLY: &'static [Self];

    /// A float from raw bits (the low bits for f32).
    fn from_raw(bits: u64) -> Self;
    /// The raw bits.
    fn raw(self) -> u64;
}

impl Consts for f64 {
    const MANTISSA: u32 = 52;
    const BIAS: f64 = 1023.0;
    const REDUCTION: &'static [f64; 6] = &[
        Self::TWO_OVER_PI,
        Self::ROUNDER,
        -Self::PIO2_1,
        -Self::PIO2_2,
        -Self::PIO2_3,
        -Self::PIO2_4,
    ];
    const TRIG: &'static [f64; 7] = &[
        1.0,
        0.5,
        0.0,
        Self::TRIG_LIMIT,
        Self::TRIG_TINY,
        -0.0,
        f64::from_bits(1),
    ];
    const ROUNDER: f64 = 6755399441055744.0;
    const TWO_TO_MANTISSA: f64 = 4503599627370496.0;
    const EXP_TABLE_BITS: u32 = 6;
    const INV_LN2_N: f64 = 92.33248261689366;
    const LN2_N_HI: f64 = 0.010830424696223417;
    const LN2_N_LO: f64 = 2.572804622327669e-14;
    const EXP_TABLE: &'static [[f64; 2]] = &super::tables::EXP2_64_F64;
    const EXP_OVERFLOW: f64 = 709.782712893384;
    const EXP_UNDERFLOW: f64 = -745.1332191019412;
    const EXP_NORMAL: f64 = 708.0;
    const EXP_POLY: &'static [f64] = &[
        0.5,
        0.16666666666666666,
        0.041666666666666664,
        0.008333333333333333,
    ];
    const EXP_POLY_LOW: &'static [f64] = Self::EXP_POLY;
    const LOG_POLY_LOW: &'static [f64] = Self::LOG_POLY;
    const SIN_POLY_LOW: &'static [f64] = Self::SIN_POLY;
    const COS_POLY_LOW: &'static [f64] = &[
        -0.5,
        0.041666666666666664,
        -0.0013888888888887398,
        2.480158729876569e-05,
        -2.7557317271729793e-07,
        2.08761462684032e-09,
        -1.1382632425521717e-11,
    ];
    const LN2_HI: f64 = 0.6931471806019545;
    const LN2_LO: f64 = -4.2009150726810846e-11;
    const SQRT_2: f64 = std::f64::consts::SQRT_2;
    const MIN_NORMAL: f64 = f64::MIN_POSITIVE;
    const SUBNORMAL_SCALE: f64 = 18014398509481984.0;
    const LOG_POLY: &'static [f64] = &[
        0.6666666666666666,
        0.4000000000000088,
        0.28571428570803614,
        0.22222222391713917,
        0.18181795640132906,
        0.15386239702814658,
        0.13268773138656886,
        0.13086626147840102,
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
        0.008333333333330948,
        -0.00019841269836758574,
        2.755731610255244e-06,
        -2.5051131845003624e-08,
        1.5918129294866608e-10,
    ];
    const COS_POLY: &'static [f64] = &[
        0.041666666666666664,
        -0.0013888888888887398,
        2.480158729876569e-05,
        -2.7557317271729793e-07,
        2.08761462684032e-09,
        -1.1382632425521717e-11,
    ];

    const EXPM1_POLY: &'static [f64] = &[
        0.5,
        0.16666666666666666,
        0.041666666666666664,
        0.008333333333333333,
        0.001388888888888889,
        0.0001984126984126984,
        2.48015873015873e-05,
        2.7557319223985893e-06,
        2.755731922398589e-07,
        2.505210838544172e-08,
        2.08767569878681e-09,
        1.6059043836821613e-10,
    ];
    const LOG10_2_HI: f64 = 0.3010299956640665;
    const LOG10_2_LO: f64 = -8.532344317057107e-14;
    const LOG10_E: f64 = std::f64::consts::LOG10_E;
    const TANH_SATURATION: f64 = 22.0;
    const ATAN_POLY: &'static [f64] = &[
        -0.3333333333333333,
        0.1999999999999941,
        -0.14285714285566806,
        0.11111111096645038,
        -0.09090908355602592,
        0.07692285554889286,
        -0.06666241923359964,
        0.05876946456755061,
        -0.05216679739313656,
        0.04492259293193656,
        -0.033128134256069586,
        0.014773184616983806,
    ];
    const ATAN_HI: [f64; 4] = [
        0.4636476090008061,
        std::f64::consts::FRAC_PI_4,
        0.982793723247329,
        std::f64::consts::FRAC_PI_2,
    ];
    const ATAN_LO: [f64; 4] = [
        2.2698777452961687e-17,
        3.061616997868383e-17,
        1.3903311031230998e-17,
        6.123233995736766e-17,
    ];

    const ASIN_POLY: &'static [f64] = &[
        0.16666666666666669,
        0.07499999999998433,
        0.04464285714635543,
        0.030381944138531247,
        0.02237217294214989,
        0.017352392720869973,
        0.013971212973552933,
        0.011479177415184906,
        0.01032281435018578,
        0.005457506718640358,
        0.01740087944269402,
        -0.014851887071247204,
        0.028757851367421566,
    ];
    const PIO2_HI: f64 = std::f64::consts::FRAC_PI_2;
    const PIO2_LO: f64 = 6.123233995736766e-17;
    const PI_HI: f64 = std::f64::consts::PI;
    const PI_LO: f64 = 1.2246467991473532e-16;
    const HYPOT_BIG: f64 = 3.273390607896142e150;
    const HYPOT_SMALL: f64 = 3.054936363499605e-151;
    const HYPOT_DOWN: f64 = 2.409919865102884e-181;
    const HYPOT_UP: f64 = 4.149515568880993e180;
    const HUGE: f64 = 268435456.0;
    const SPLITTER: f64 = 134217729.0;
    const CBRT_POLY: &'static [f64] = &[
        1.1447142681502123,
        0.2543809281746823,
        -0.05653236631600104,
        0.020938568834884957,
        -0.009240756147613764,
        0.0045124320602107325,
        -0.002756892361740813,
        0.0014999374772160568,
    ];
    const TANH_POLY: &'static [f64] = &[
        -0.3333333333333333,
        0.13333333333333333,
        -0.053968253968253076,
        0.021869488536096472,
        -0.008863235527882459,
        0.0035921279948771647,
        -0.0014558338279042078,
        0.0005900223329023258,
        -0.00023909642770594748,
        9.676689210002811e-05,
        -3.879904218166128e-05,
        1.4832897548417558e-05,
        -4.770834648519767e-06,
        9.171549402654542e-07,
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
    const REDUCTION: &'static [f32; 6] = &[
        Self::TWO_OVER_PI,
        Self::ROUNDER,
        -Self::PIO2_1,
        -Self::PIO2_2,
        -Self::PIO2_3,
        -Self::PIO2_4,
    ];
    const TRIG: &'static [f32; 7] = &[
        1.0,
        0.5,
        0.0,
        Self::TRIG_LIMIT,
        Self::TRIG_TINY,
        -0.0,
        f32::from_bits(1),
    ];
    const ROUNDER: f32 = 12582912.0;
    const TWO_TO_MANTISSA: f32 = 8388608.0;
    const EXP_TABLE_BITS: u32 = 0;
    const INV_LN2_N: f32 = std::f32::consts::LOG2_E;
    const LN2_N_HI: f32 = 0.69314575;
    const LN2_N_LO: f32 = 1.4286068e-06;
    const EXP_TABLE: &'static [[f32; 2]] = &[];
    const EXP_OVERFLOW: f32 = 88.72283;
    const EXP_UNDERFLOW: f32 = -103.97208;
    const EXP_NORMAL: f32 = 87.0;
    const EXP_POLY: &'static [f32] = &[
        0.5,
        0.16666667,
        0.041666668,
        0.008333334,
        0.0013888889,
        0.0001984127,
    ];
    // Chebyshev fits (mpmath.chebyfit) of a degree less than the high
    // accuracy's: their errors, 6.5e-8 in P (exp, |r| <= ln2/2), 1.9e-7
    // (log), 2.0e-8 in S and 2.0e-9 in C (sin and cos), are a tenth of an
    // ULP or less in the result.
    const EXP_POLY_LOW: &'static [f32] = &[0.5, 0.16666578, 0.041666556, 0.008363173, 0.0013926176];
    const LOG_POLY_LOW: &'static [f32] = &[0.66666687, 0.3998878, 0.2957995];
    const SIN_POLY_LOW: &'static [f32] = &[-0.16666664, 0.008332748, -0.0001958789];
    const COS_POLY_LOW: &'static [f32] = &[-0.5, 0.041666664, -0.0013888302, 2.4547942e-05];
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
    const SIN_POLY: &'static [f32] = &[-0.16666667, 0.008333332, -0.00019840087, 2.7249926e-06];
    const COS_POLY: &'static [f32] = &[0.041666668, -0.0013888888, 2.48006e-05, -2.730096e-07];

    const EXPM1_POLY: &'static [f32] = &[
        0.5,
        0.16666667,
        0.041666668,
        0.008333334,
        0.0013888889,
        0.0001984127,
        2.4801588e-05,
    ];
    const LOG10_2_HI: f32 = 0.3010254;
    const LOG10_2_LO: f32 = 4.605039e-06;
    const LOG10_E: f32 = std::f32::consts::LOG10_E;
    const TANH_SATURATION: f32 = 9.0;
    const ATAN_POLY: &'static [f32] = &[
        -0.33333334,
        0.19999963,
        -0.142834,
        0.11058228,
        -0.08532127,
        0.04822303,
    ];
    const ATAN_HI: [f32; 4] = [
        0.4636476,
        std::f32::consts::FRAC_PI_4,
        0.98279375,
        std::f32::consts::FRAC_PI_2,
    ];
    const ATAN_LO: [f32; 4] = [5.0121587e-09, -2.1855694e-08, -2.5131424e-08, -4.371139e-08];

    const ASIN_POLY: &'static [f32] = &[
        0.16666666,
        0.07500095,
        0.0445994,
        0.031100662,
        0.017149238,
        0.033690847,
    ];
    const PIO2_HI: f32 = std::f32::consts::FRAC_PI_2;
    const PIO2_LO: f32 = -4.371139e-08;
    const PI_HI: f32 = std::f32::consts::PI;
    const PI_LO: f32 = -8.742278e-08;
    const HYPOT_BIG: f32 = 1.1529215e18;
    const HYPOT_SMALL: f32 = 8.6736174e-19;
    const HYPOT_DOWN: f32 = 8.6736174e-19;
    const HYPOT_UP: f32 = 1.2676506e30;
    const HUGE: f32 = 16384.0;
    const SPLITTER: f32 = 4097.0;
    const CBRT_POLY: &'static [f32] = &[1.1447918, 0.25434273, -0.058993313, 0.022148699];
    const TANH_POLY: &'static [f32] = &[
        -0.33333334,
        0.13333331,
        -0.05396764,
        0.021859895,
        -0.008791004,
        0.0033062475,
        -0.0008622168,
    ];

    fn from_raw(bits: u64) -> f32 {
        f32::from_bits(bits as u32)
    }
    fn raw(self) -> u64 {
        u64::from(self.to_bits())
    }
}

/// The most lanes a float vector has (eight float32 in AVX2's 256 bits):
/// the size of the scratch arrays that gathers and slow paths go through.
const MAX_LANES: usize = 8;

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

/// `f` itself: a closure bound by `let` cannot carry `#[inline(always)]`
/// (attributes on expressions are unstable), one passed as an argument
/// can. The AVX2 kernels need it: a closure left out of line there runs
/// without the features its caller enables, an intrinsic call per op
/// (`arctan` ran seven times slower so).
#[inline(always)]
fn inlined<F>(f: F) -> F {
    f
}

/// `constants`, hidden from the optimiser in the wasm build. LLVM writes a
/// `v128.const` at every use of a known constant, inside the loop, and V8
/// builds each from immediates in three or four instructions: the trig
/// kernels spent more instructions on that than on their arithmetic.
/// Behind an opaque pointer each constant is a load and a splat instead.
/// Native builds keep their constant-pool operands.
#[inline(always)]
fn hidden<T: ?Sized>(constants: &'static T) -> &'static T {
    #[cfg(target_arch = "wasm32")]
    return std::hint::black_box(constants);
    #[cfg(not(target_arch = "wasm32"))]
    constants
}

/// Horner's rule over the coefficients, highest last, a multiply-add a
/// step (fused or not: [`Vector::madd`]).
#[inline(always)]
fn poly<V: Vector>(x: V, coefficients: &[V::Elem]) -> V {
    let mut acc = V::splat(coefficients[coefficients.len() - 1]);
    for &k in coefficients.iter().rev().skip(1) {
        acc = acc.madd(x, V::splat(k));
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

/// The table entries `2^(j/N)` for the low bits of each lane of
/// `k + ROUNDER` (which hold k mod N): a gather, lane by lane; their
/// second parts only when `both` (else zeros).
#[inline(always)]
fn exp_table<V: Vector>(k_rounded: V, both: bool) -> (V, V)
where
    V::Elem: Consts,
{
    let mut keys = [V::Elem::ZERO; MAX_LANES];
    let mut hi = [V::Elem::ZERO; MAX_LANES];
    let mut lo = [V::Elem::ZERO; MAX_LANES];
    k_rounded.store(&mut keys);
    for i in 0..V::LANES {
        let [h, l] =
            V::Elem::EXP_TABLE[keys[i].raw() as usize & ((1 << V::Elem::EXP_TABLE_BITS) - 1)];
        hi[i] = h;
        if both {
            lo[i] = l;
        }
    }
    (V::load(&hi), V::load(&lo))
}

/// e^x as `(hi + rest) * 2^m`, hi a table entry, for x already
/// clamped to the range exp meets: the table-driven core (Tang's method, as
/// in glibc and musl): x = (64m + j) ln2/64 + r with |r| <= ln2/128,
/// e^x = 2^m 2^(j/64) e^r, the table entry in two parts, e^r - 1 a short
/// Taylor polynomial. A `tail` extends x to a double-word argument, as
/// [`pow`] needs. `low` takes the low-accuracy polynomial and leaves the
/// table entry's second part out.
///
/// The reduction is Cody and Waite's in multiply-adds: `k * LN2_N_HI` is
/// exact, so `x - k * LN2_N_HI` is the same fused or not, and only the
/// last, tiny product's rounding depends on the backend.
#[inline(always)]
fn exp_core<V: Vector>(x: V, tail: Option<V>, low: bool) -> ExpParts<V>
where
    V::Elem: Consts,
{
    let rounder = splat::<V>(V::Elem::ROUNDER);
    let k_rounded = x.madd(splat(V::Elem::INV_LN2_N), rounder);
    let k = k_rounded.sub(rounder);
    let r = k.madd(splat(V::Elem::LN2_N_HI.neg()), x);
    let r = k.madd(splat(V::Elem::LN2_N_LO.neg()), r);
    let r = match tail {
        Some(t) => r.add(t),
        None => r,
    };
    let coefficients = if low {
        V::Elem::EXP_POLY_LOW
    } else {
        V::Elem::EXP_POLY
    };
    let square = r.mul(r).mul(poly(r, coefficients));
    if V::Elem::EXP_TABLE_BITS == 0 {
        // No table: e^r = (1 + r) + r^2 P(r), the rounding error of 1 + r
        // recovered (Fast2Sum) so that only the final sum rounds.
        let one = V::splat(V::Elem::ONE);
        let s = one.add(r);
        let rest = one.sub(s).add(r).add(square);
        return ExpParts {
            hi: s,
            rest,
            k_rounded,
        };
    }
    let (t_hi, t_lo) = exp_table(k_rounded, !low);
    let rest = t_hi.mul(r.add(square));
    let rest = if low { rest } else { t_lo.add(rest) };
    ExpParts {
        hi: t_hi,
        rest,
        k_rounded,
    }
}

/// [`exp_core`]'s result: e^x = (hi + rest) 2^m, with k, whose high bits
/// are m, in the low bits of `k_rounded` (`k + ROUNDER`).
#[derive(Clone, Copy)]
struct ExpParts<V> {
    hi: V,
    rest: V,
    k_rounded: V,
}

impl<V: Vector> ExpParts<V>
where
    V::Elem: Consts,
{
    /// m = floor(k / N), exactly, as a float.
    #[inline(always)]
    fn m(self) -> V {
        let k = self.k_rounded.sub(splat(V::Elem::ROUNDER));
        if V::Elem::EXP_TABLE_BITS == 0 {
            return k;
        }
        let n = f64::from(1u32 << V::Elem::EXP_TABLE_BITS);
        round(k.mul(c(1.0 / n)).sub(c((n - 1.0) / (2.0 * n))))
    }

    /// 2^m, for m in the normal exponent range, straight from the bits of
    /// `k + ROUNDER`: they hold k (two's complement, from the rounder's),
    /// so adding `BIAS N` minus the rounder's bits leaves `k + BIAS N`,
    /// which is positive; shifted right by the table's bits that is
    /// `m + BIAS`, the exponent field. The same bits as [`pow2`] of
    /// [`ExpParts::m`] in three integer ops instead of eight.
    #[inline(always)]
    fn two_to_m(self) -> V {
        let n = 1u64 << V::Elem::EXP_TABLE_BITS;
        let offset = (V::Elem::BIAS as u64 * n).wrapping_sub(V::Elem::ROUNDER.raw());
        self.k_rounded
            .add_bits(splat(V::Elem::from_raw(offset)))
            .shr_bits(V::Elem::EXP_TABLE_BITS)
            .shl_bits(V::Elem::MANTISSA)
    }

    /// e^x where every lane's result is normal.
    #[inline(always)]
    fn normal(self) -> V {
        self.hi.add(self.rest).mul(self.two_to_m())
    }
}

/// t * 2^m in two exact steps, so that a subnormal result is rounded once.
#[inline(always)]
fn scale<V: Vector>(t: V, m: V) -> V
where
    V::Elem: Consts,
{
    let half = round(m.mul(c(0.5)));
    t.mul(pow2(half)).mul(pow2(m.sub(half)))
}

/// `x` clamped to the range where exp's result is neither 0 nor infinite
/// (with a margin), so that the core's integers stay in range. A NaN lane
/// may come out as NaN or as a bound (see [`min`]): callers select NaN
/// lanes themselves.
#[inline(always)]
fn clamp_exp<V: Vector>(x: V) -> V
where
    V::Elem: Consts,
{
    let one = V::Elem::ONE;
    let low = splat(V::Elem::EXP_UNDERFLOW.sub(one));
    min(max(x, low), splat(V::Elem::EXP_OVERFLOW.add(one)))
}

/// e^x: `exp_core`, scaled. When every lane's result is normal (the
/// common case) one scaling does; otherwise the scaling goes in two steps
/// and overflow, underflow and NaN are selected.
#[inline(always)]
pub fn exp<V: Vector>(x: V) -> V
where
    V::Elem: Consts,
{
    exp_with(x, false)
}

/// e^x, low accuracy: [`exp`] with a shorter polynomial (float32) or
/// without the table entries' second parts (float64).
#[inline(always)]
pub fn exp_low<V: Vector>(x: V) -> V
where
    V::Elem: Consts,
{
    exp_with(x, true)
}

#[inline(always)]
fn exp_with<V: Vector>(x: V, low: bool) -> V
where
    V::Elem: Consts,
{
    let ordinary = x.abs().lt(splat(V::Elem::EXP_NORMAL));
    if !not(ordinary).any() {
        return exp_core(x, None, low).normal();
    }
    let e = exp_core(clamp_exp(x), None, low);
    let y = scale(e.hi.add(e.rest), e.m());
    let y = V::select(splat::<V>(V::Elem::EXP_OVERFLOW).lt(x), inf(), y);
    let y = V::select(
        x.lt(splat(V::Elem::EXP_UNDERFLOW)),
        V::splat(V::Elem::ZERO),
        y,
    );
    V::select(x.is_nan(), x, y)
}

#[inline(always)]
fn inf<V: Vector>() -> V {
    V::splat(V::Elem::ONE.div(V::Elem::ZERO))
}

/// x > 0 as 2^e m, m in [1, 2), e an integral float; with `subnormals`,
/// subnormal x are scaled into the normal range first.
#[inline(always)]
fn split<V: Vector>(x: V, subnormals: bool) -> (V, V)
where
    V::Elem: Consts,
{
    let zero = V::splat(V::Elem::ZERO);
    let (xs, adjust) = if subnormals {
        let tiny = x.lt(splat(V::Elem::MIN_NORMAL));
        (
            V::select(tiny, x.mul(splat(V::Elem::SUBNORMAL_SCALE)), x),
            V::select(tiny, c(-((V::Elem::MANTISSA + 2) as f64)), zero),
        )
    } else {
        (x, zero)
    };
    // The exponent field as a float: OR it into the significand of 2^MANTISSA.
    let two_m = splat::<V>(V::Elem::TWO_TO_MANTISSA);
    let field = xs.shr_bits(V::Elem::MANTISSA).or(two_m).sub(two_m);
    let e = field.sub(c(V::Elem::BIAS)).add(adjust);
    let mantissa_mask = V::splat(V::Elem::from_raw((1u64 << V::Elem::MANTISSA) - 1));
    (e, xs.and(mantissa_mask).or(V::splat(V::Elem::ONE)))
}

/// The pieces of log(x) for x > 0: x = 2^e m with m in [sqrt(1/2), sqrt(2)),
/// and log(m) = log(1+f) by fdlibm's e_log.c method (s = f/(2+f), an odd
/// series in s). Returns e and the parts `f`, `hfsq`, `s * (hfsq + R)` with
/// log(m) = f - (hfsq - s*(hfsq+R)).
#[inline(always)]
fn log_core<V: Vector>(x: V, subnormals: bool, low: bool) -> (V, V, V, V)
where
    V::Elem: Consts,
{
    let one = V::splat(V::Elem::ONE);
    let (mut e, mut m) = split(x, subnormals);
    let big = splat::<V>(V::Elem::SQRT_2).lt(m);
    m = V::select(big, m.mul(c(0.5)), m);
    e = e.add(big.and(one));
    let f = m.sub(one);
    let s = f.div(c::<V>(2.0).add(f));
    let z = s.mul(s);
    let coefficients = if low {
        V::Elem::LOG_POLY_LOW
    } else {
        V::Elem::LOG_POLY
    };
    let r = z.mul(poly(z, coefficients));
    let hfsq = c::<V>(0.5).mul(f).mul(f);
    (e, f, hfsq, s.mul(hfsq.add(r)))
}

/// What every logarithm gives outside (0, inf): -inf at +-0, NaN below,
/// inf at inf, NaN for NaN.
#[inline(always)]
fn log_specials<V: Vector>(x: V, y: V) -> V {
    let zero = V::splat(V::Elem::ZERO);
    let y = V::select(x.eq(inf()), inf(), y);
    let y = V::select(x.eq(zero), inf::<V>().neg(), y);
    let y = V::select(x.lt(zero), zero.div(zero), y);
    V::select(x.is_nan(), x, y)
}

/// A logarithm from the pieces of [`log_core`] (its low-accuracy
/// polynomial with `low`) by `finish`. When every lane is positive, normal
/// and finite (the common case) neither the subnormal scaling nor the
/// special values are looked at.
#[inline(always)]
fn log_family<V: Vector>(x: V, low: bool, finish: impl Fn(V, V, V, V) -> V) -> V
where
    V::Elem: Consts,
{
    let ordinary = splat::<V>(V::Elem::MIN_NORMAL).le(x).and(x.lt(inf()));
    if !not(ordinary).any() {
        let (e, f, hfsq, sr) = log_core(x, false, low);
        return finish(e, f, hfsq, sr);
    }
    let (e, f, hfsq, sr) = log_core(x, true, low);
    log_specials(x, finish(e, f, hfsq, sr))
}

/// The natural logarithm: e ln2 + log(m), e ln2 added in two parts (fdlibm).
#[inline(always)]
pub fn log<V: Vector>(x: V) -> V
where
    V::Elem: Consts,
{
    log_with(x, false)
}

/// The natural logarithm, low accuracy: [`log`] with a shorter polynomial
/// (float32; float64's is [`log`] itself).
#[inline(always)]
pub fn log_low<V: Vector>(x: V) -> V
where
    V::Elem: Consts,
{
    log_with(x, true)
}

#[inline(always)]
fn log_with<V: Vector>(x: V, low: bool) -> V
where
    V::Elem: Consts,
{
    log_family(
        x,
        low,
        #[inline(always)]
        |e, f, hfsq, sr| {
            e.mul(splat(V::Elem::LN2_HI))
                .sub(hfsq.sub(sr.add(e.mul(splat(V::Elem::LN2_LO)))).sub(f))
        },
    )
}

/// log2(x) = e + log(m) log2(e).
#[inline(always)]
pub fn log2<V: Vector>(x: V) -> V
where
    V::Elem: Consts,
{
    log_family(
        x,
        false,
        #[inline(always)]
        |e, f, hfsq, sr| {
            let log_m = f.sub(hfsq.sub(sr));
            e.add(log_m.mul(c(std::f64::consts::LOG2_E)))
        },
    )
}

/// log10(x) = e log10(2) + log(m) log10(e), e log10(2) in two parts.
#[inline(always)]
pub fn log10<V: Vector>(x: V) -> V
where
    V::Elem: Consts,
{
    log_family(
        x,
        false,
        #[inline(always)]
        |e, f, hfsq, sr| {
            let log_m = f.sub(hfsq.sub(sr));
            let low = log_m
                .mul(splat(V::Elem::LOG10_E))
                .add(e.mul(splat(V::Elem::LOG10_2_LO)));
            e.mul(splat(V::Elem::LOG10_2_HI)).add(low)
        },
    )
}

/// log(1 + x) as log(u) + c/u, where u = 1 + x rounded and c its rounding
/// error, recovered exactly by Knuth's TwoSum.
#[inline(always)]
pub fn log1p<V: Vector>(x: V) -> V
where
    V::Elem: Consts,
{
    let one = c::<V>(1.0);
    let y = log1p_parts(x, V::splat(V::Elem::ZERO));
    let y = V::select(x.eq(inf()), x, y);
    let y = V::select(x.eq(V::splat(V::Elem::ZERO)), x, y);
    V::select(x.eq(one.neg()), inf::<V>().neg(), y)
}

/// log(1 + hi + lo) for a double-word argument, as [`log1p`] computes it.
#[inline(always)]
fn log1p_parts<V: Vector>(hi: V, lo: V) -> V
where
    V::Elem: Consts,
{
    let (u, err) = two_sum(c(1.0), hi);
    log(u).add(err.add(lo).div(u))
}

/// a + b = s + e exactly (Knuth's TwoSum), whatever their magnitudes.
#[inline(always)]
pub(crate) fn two_sum<V: Vector>(a: V, b: V) -> (V, V) {
    let s = a.add(b);
    let bb = s.sub(a);
    (s, a.sub(s.sub(bb)).add(b.sub(bb)))
}

/// e^x - 1: a Taylor polynomial for |x| <= ln2/2, else the exp core with
/// the subtraction of 1 made on the exact part `t_hi 2^m`.
#[inline(always)]
pub fn expm1<V: Vector>(x: V) -> V
where
    V::Elem: Consts,
{
    let small = x.abs().le(c(0.34657359027997264));
    let near = x.add(x.mul(x).mul(poly(x, V::Elem::EXPM1_POLY)));
    let e = exp_core(clamp_exp(x), None, false);
    let (hi, rest, m) = (e.hi, e.rest, e.m());
    let one = c::<V>(1.0);
    // Subtracting 1 from hi 2^m is exact while m is below the precision;
    // beyond, the 1 hardly matters and hi 2^m alone could overflow.
    let exact = scale(hi, m).sub(one).add(scale(rest, m));
    let large = scale(hi.add(rest), m).sub(one);
    let far = V::select(c::<V>(V::Elem::MANTISSA as f64).lt(m), large, exact);
    let y = V::select(small, near, far);
    let y = V::select(splat::<V>(V::Elem::EXP_OVERFLOW).lt(x), inf(), y);
    // expm1(-0.0) is -0.0.
    let y = V::select(x.eq(V::splat(V::Elem::ZERO)), x, y);
    V::select(x.is_nan(), x, y)
}

/// The argument reduced modulo pi/2, as a double-word `hi + lo`, the
/// multiple `k` of pi/2 taken off, and `k + ROUNDER`, whose last bits are
/// those of the integer k (see [`odd`] and [`sign_of_bit_1`]).
///
/// In multiply-adds where they give the same fused or not: `k * PIO2_1`
/// and `k * PIO2_2` are exact (so is `x - k * PIO2_1`); the two last, tiny
/// products are rounded or not as the backend does.
#[inline(always)]
fn reduce<V: Vector>(x: V) -> (V, V, V, V)
where
    V::Elem: Consts,
{
    let (k, biased) = quadrant(x);
    let [_, _, np1, np2, np3, np4] = *hidden(V::Elem::REDUCTION);
    let a = k.madd(splat(np1), x);
    let w = k.mul(splat(np2));
    // Knuth's TwoSum: hi + err == a + w exactly.
    let hi = a.add(w);
    let b = hi.sub(a);
    let err = a.sub(hi.sub(b)).add(w.sub(b));
    let lo = k.madd(splat(np4), k.madd(splat(np3), err));
    let r = hi.add(lo);
    let lo = lo.sub(r.sub(hi));
    (r, lo, k, biased)
}

/// The multiple `k` of pi/2 nearest `x`, and `k + ROUNDER`.
#[inline(always)]
fn quadrant<V: Vector>(x: V) -> (V, V)
where
    V::Elem: Consts,
{
    let [two_over_pi, rounder, ..] = *hidden(V::Elem::REDUCTION);
    let rounder = splat::<V>(rounder);
    let biased = x.madd(splat(two_over_pi), rounder);
    (biased.sub(rounder), biased)
}

/// The low-accuracy kernels' reduction modulo pi/2, in one word: `x - k
/// pi/2` with pi/2 in four parts, a multiply-add each. The first three
/// products are exact, so only the roundings of the sums (and of the last
/// product, where not fused) count: an ULP or two of the remainder,
/// where [`reduce`] carries a second word.
#[inline(always)]
fn reduce_low<V: Vector>(x: V) -> (V, V, V)
where
    V::Elem: Consts,
{
    let (k, biased) = quadrant(x);
    let [_, _, np1, np2, np3, np4] = *hidden(V::Elem::REDUCTION);
    let r = k.madd(splat(np1), x);
    let r = k.madd(splat(np2), r);
    let r = k.madd(splat(np3), r);
    (k.madd(splat(np4), r), k, biased)
}

/// The lanes whose integer k is odd, as a mask, from `k + ROUNDER`: the
/// integer's last bit is the float's (integer ops on the bits, none of
/// the float arithmetic the kernels are bound by).
#[inline(always)]
fn odd<V: Vector>(biased: V) -> V
where
    V::Elem: Consts,
{
    let one = splat::<V>(hidden(V::Elem::TRIG)[6]);
    biased.and(one).eq(one)
}

/// Bit 1 of the integer k in `k + ROUNDER` moved to the sign bit, the rest
/// zero: xored into a result, it negates the lanes with k mod 4 in {2, 3}.
#[inline(always)]
fn sign_of_bit_1<V: Vector>(biased: V) -> V
where
    V::Elem: Consts,
{
    let width = 8 * std::mem::size_of::<V::Elem>() as u32;
    biased
        .shl_bits(width - 2)
        .and(splat(hidden(V::Elem::TRIG)[5]))
}

/// sin(r + y) for |r| <= pi/4, y a tail below half an ulp of r, as the
/// unrounded sum `r + lo`.
#[inline(always)]
fn sin_parts<V: Vector>(r: V, y: V) -> (V, V)
where
    V::Elem: Consts,
{
    let z = r.mul(r);
    let tail = y.mul(c::<V>(1.0).sub(c::<V>(0.5).mul(z)));
    (r, tail.add(r.mul(z).mul(poly(z, V::Elem::SIN_POLY))))
}

/// cos(r + y) as `w + lo`: FreeBSD msun's k_cos.c form,
/// `w + (((1 - w) - z/2) + ...)`, which recovers the rounding error of
/// `w = 1 - z/2`.
#[inline(always)]
fn cos_parts<V: Vector>(r: V, y: V) -> (V, V)
where
    V::Elem: Consts,
{
    let one = c::<V>(1.0);
    let z = r.mul(r);
    let hz = c::<V>(0.5).mul(z);
    let w = one.sub(hz);
    (
        w,
        one.sub(w)
            .sub(hz)
            .add(z.mul(z).mul(poly(z, V::Elem::COS_POLY)).sub(r.mul(y))),
    )
}

/// sin(r + y) in the lanes where `cosine` is clear and cos(r + y) where it
/// is set, as `sin_parts` and `cos_parts` give them (summed), but with one
/// polynomial whose coefficients are chosen per lane (the sine's and the
/// cosine's have the same degree): half the float arithmetic of computing
/// both and choosing after.
#[inline(always)]
fn sin_or_cos<V: Vector>(r: V, y: V, cosine: V) -> V
where
    V::Elem: Consts,
{
    let [one, half, ..] = *hidden(V::Elem::TRIG);
    let (one, half) = (splat::<V>(one), splat::<V>(half));
    let z = r.mul(r);
    let hz = half.mul(z);
    let w = one.sub(hz);
    let p = either_poly(z, cosine, V::Elem::SIN_POLY, V::Elem::COS_POLY);
    let head = V::select(cosine, w, r);
    let tail = V::select(cosine, one.sub(w).sub(hz).sub(r.mul(y)), y.mul(w));
    let scale = V::select(cosine, z.mul(z), r.mul(z));
    head.add(tail.add(scale.mul(p)))
}

/// The polynomial in `z` whose coefficients are `cos`'s in the lanes where
/// `cosine` is set and `sin`'s elsewhere (the shorter list padded with
/// zeros at the top), by Horner's rule.
#[inline(always)]
fn either_poly<V: Vector>(z: V, cosine: V, sin: &'static [V::Elem], cos: &'static [V::Elem]) -> V
where
    V::Elem: Consts,
{
    let zero = hidden(V::Elem::TRIG)[2];
    let (sin, cos) = (hidden(sin), hidden(cos));
    let coefficient = inlined(
        #[inline(always)]
        |i: usize| {
            let pick = inlined(
                #[inline(always)]
                |p: &[V::Elem]| splat::<V>(p.get(i).copied().unwrap_or(zero)),
            );
            V::select(cosine, pick(cos), pick(sin))
        },
    );
    let terms = sin.len().max(cos.len());
    let mut p = coefficient(terms - 1);
    for i in (0..terms - 1).rev() {
        p = p.madd(z, coefficient(i));
    }
    p
}

/// sin(r) where `cosine` is clear and cos(r) where it is set, in one
/// word, for the low-accuracy kernels: `r + r z S(z)` and `1 + z Q(z)`
/// (z = r^2; Q is -1/2, then the cosine's polynomial), one polynomial
/// with coefficients chosen per lane as in [`sin_or_cos`], then one
/// multiply-add.
#[inline(always)]
fn sin_or_cos_low<V: Vector>(r: V, cosine: V) -> V
where
    V::Elem: Consts,
{
    let one = hidden(V::Elem::TRIG)[0];
    let z = r.mul(r);
    let p = either_poly(z, cosine, V::Elem::SIN_POLY_LOW, V::Elem::COS_POLY_LOW);
    let head = V::select(cosine, splat(one), r);
    let scale = V::select(cosine, z, r.mul(z));
    scale.madd(p, head)
}

/// The exact product a*b = p + e without FMA: Dekker's algorithm with
/// Veltkamp's splitting.
#[inline(always)]
pub(crate) fn two_product<V: Vector>(a: V, b: V) -> (V, V)
where
    V::Elem: Consts,
{
    let split = inlined(
        #[inline(always)]
        |v: V| {
            let t = splat::<V>(V::Elem::SPLITTER).mul(v);
            let hi = t.sub(t.sub(v));
            (hi, v.sub(hi))
        },
    );
    let p = a.mul(b);
    let ((ah, al), (bh, bl)) = (split(a), split(b));
    let e = ah
        .mul(bh)
        .sub(p)
        .add(ah.mul(bl))
        .add(al.mul(bh))
        .add(al.mul(bl));
    (p, e)
}

/// (nh + nl) / (dh + dl), the quotient corrected by one Newton step on the
/// exact residual, so that the roundings of the two sums hardly matter.
#[inline(always)]
fn divide_parts<V: Vector>(nh: V, nl: V, dh: V, dl: V) -> V
where
    V::Elem: Consts,
{
    let d = dh.add(dl);
    let q = nh.add(nl).div(d);
    let (p, e) = two_product(q, dh);
    let residual = nh.sub(p).sub(e).add(nl).sub(q.mul(dl));
    q.add(residual.div(d))
}

/// Lanes the fast reduction cannot serve (a huge, infinite or NaN argument,
/// or a remainder lost to cancellation) go through the scalar function.
#[inline(always)]
fn with_slow_lanes<V: Vector>(x: V, r: V, k: V, fast: V, scalar: fn(V::Elem) -> V::Elem) -> V
where
    V::Elem: Consts,
{
    let [_, _, zero, limit, tiny, sign, _] = *hidden(V::Elem::TRIG);
    let abs = inlined(
        #[inline(always)]
        |v: V| splat::<V>(sign).and_not(v),
    );
    let in_range = abs(x).le(splat(limit));
    let cancelled = k.eq(splat(zero)).and_not(abs(r).lt(splat(tiny)));
    let slow = not(in_range).or(cancelled);
    scalar_lanes(x, x, fast, slow, |x, _| scalar(x))
}

/// sin(x): Cody-Waite reduction to |r| <= pi/4 in double-word precision,
/// then the sine or cosine polynomial of the quadrant.
#[inline(always)]
pub fn sin<V: Vector>(x: V) -> V
where
    V::Elem: Consts,
{
    sin_cos(x, false, false)
}

/// cos(x): as [`sin`], a quadrant later (k + 1 in the bits).
#[inline(always)]
pub fn cos<V: Vector>(x: V) -> V
where
    V::Elem: Consts,
{
    sin_cos(x, true, false)
}

/// sin(x), low accuracy: [`sin`] with the one-word reduction
/// ([`reduce_low`]) and, in float32, shorter polynomials.
#[inline(always)]
pub fn sin_low<V: Vector>(x: V) -> V
where
    V::Elem: Consts,
{
    sin_cos(x, false, true)
}

/// cos(x), low accuracy: as [`sin_low`], a quadrant later.
#[inline(always)]
pub fn cos_low<V: Vector>(x: V) -> V
where
    V::Elem: Consts,
{
    sin_cos(x, true, true)
}

/// sin(x), or cos(x) with `cosine` (k + 1 in the bits), in high accuracy
/// or `low`.
#[inline(always)]
fn sin_cos<V: Vector>(x: V, cosine: bool, low: bool) -> V
where
    V::Elem: Consts,
{
    let (r, y, k, biased) = if low {
        let (r, k, biased) = reduce_low(x);
        (r, None, k, biased)
    } else {
        let (r, y, k, biased) = reduce(x);
        (r, Some(y), k, biased)
    };
    let (quadrant, pick) = if cosine {
        let next = biased.add_bits(splat(hidden(V::Elem::TRIG)[6]));
        (next, not(odd(biased)))
    } else {
        (biased, odd(biased))
    };
    let v = match y {
        Some(y) => sin_or_cos(r, y, pick),
        None => sin_or_cos_low(r, pick),
    };
    let v = v.xor(sign_of_bit_1(quadrant));
    if cosine {
        return with_slow_lanes(x, r, k, v, <V::Elem as Math>::cos);
    }
    // sin(-0.0) is -0.0, which the reduction's sums turn into +0.0.
    let v = V::select(x.eq(splat(hidden(V::Elem::TRIG)[2])), x, v);
    with_slow_lanes(x, r, k, v, <V::Elem as Math>::sin)
}

/// `v` with the sign of `sign` (C's copysign).
#[inline(always)]
pub fn copysign<V: Vector>(v: V, sign: V) -> V {
    let bit = V::splat(V::Elem::ZERO.neg());
    bit.and_not(v).or(bit.and(sign))
}

/// sinh: fdlibm's s_sinh.c forms, 0.5 (2E - E^2/(E+1)) with E = expm1|x| below
/// 1, and (e^|x| - e^-|x|)/2 from the exp core above, scaled by 2^(m-1) so
/// that it overflows only where sinh does.
#[inline(always)]
pub fn sinh<V: Vector>(x: V) -> V
where
    V::Elem: Consts,
{
    let a = x.abs();
    let one = c::<V>(1.0);
    let e = expm1(a);
    let near = c::<V>(0.5).mul(c::<V>(2.0).mul(e).sub(e.mul(e).div(e.add(one))));
    let e = exp_core(clamp_exp(a), None, false);
    let (t, m) = (e.hi.add(e.rest), e.m());
    let far = scale(t, m.sub(one)).sub(scale(one.div(t), m.neg().sub(one)));
    let y = copysign(V::select(a.lt(one), near, far), x);
    V::select(x.is_nan(), x, y)
}

/// cosh = (e^|x| + e^-|x|) / 2 from the exp core, scaled as in [`sinh`].
#[inline(always)]
pub fn cosh<V: Vector>(x: V) -> V
where
    V::Elem: Consts,
{
    let a = x.abs();
    let one = c::<V>(1.0);
    let e = exp_core(clamp_exp(a), None, false);
    let (t, m) = (e.hi.add(e.rest), e.m());
    let y = scale(t, m.sub(one)).add(scale(one.div(t), m.neg().sub(one)));
    V::select(x.is_nan(), x, y)
}

/// tanh: a polynomial below 5/8; above, E / (E + 2) with E = expm1(2|x|),
/// which damps the error of E (fdlibm's s_tanh.c uses expm1 the same way);
/// +-1 beyond the saturation point.
#[inline(always)]
pub fn tanh<V: Vector>(x: V) -> V
where
    V::Elem: Consts,
{
    let a = x.abs();
    let two = c::<V>(2.0);
    let e = expm1(two.mul(a));
    let far = e.div(e.add(two));
    let z = a.mul(a);
    let near = a.add(a.mul(z).mul(poly(z, V::Elem::TANH_POLY)));
    let y = V::select(a.lt(c(0.625)), near, far);
    let y = V::select(splat::<V>(V::Elem::TANH_SATURATION).lt(a), c(1.0), y);
    copysign(V::select(x.is_nan(), x, y), x)
}

/// tan: the reduction of [`sin`], then sin/cos of the remainder (or
/// -cos/sin in odd quadrants), divided in extra precision.
#[inline(always)]
pub fn tan<V: Vector>(x: V) -> V
where
    V::Elem: Consts,
{
    let (r, y, k, biased) = reduce(x);
    let ((sh, sl), (ch, cl)) = (sin_parts(r, y), cos_parts(r, y));
    let v = V::select(
        odd(biased),
        divide_parts(ch, cl, sh, sl).neg(),
        divide_parts(sh, sl, ch, cl),
    );
    let v = V::select(x.eq(V::splat(V::Elem::ZERO)), x, v);
    with_slow_lanes(x, r, k, v, <V::Elem as Math>::tan)
}

/// atan for x >= 0 as `hi + tail`, hi a table value: fdlibm's s_atan.c,
/// which maps x to t = (x - c)/(1 + c x) around c = 0, 1/2, 1, 3/2, inf so
/// that |t| <= 7/16, and adds atan(c).
#[inline(always)]
fn atan_parts<V: Vector>(a: V) -> (V, V)
where
    V::Elem: Consts,
{
    let zero = V::splat(V::Elem::ZERO);
    let one = c::<V>(1.0);
    let b0 = a.lt(c(7.0 / 16.0));
    let b1 = a.lt(c(11.0 / 16.0));
    let b2 = a.lt(c(19.0 / 16.0));
    let b3 = a.lt(c(39.0 / 16.0));
    let pick = inlined(
        #[inline(always)]
        |v0: V, v1: V, v2: V, v3: V, v4: V| {
            V::select(
                b0,
                v0,
                V::select(b1, v1, V::select(b2, v2, V::select(b3, v3, v4))),
            )
        },
    );
    let num = pick(
        a,
        c::<V>(2.0).mul(a).sub(one),
        a.sub(one),
        a.sub(c(1.5)),
        one.neg(),
    );
    let den = pick(
        one,
        c::<V>(2.0).add(a),
        a.add(one),
        one.add(c::<V>(1.5).mul(a)),
        a,
    );
    let [h0, h1, h2, h3] = V::Elem::ATAN_HI;
    let [l0, l1, l2, l3] = V::Elem::ATAN_LO;
    let hi = pick(zero, splat(h0), splat(h1), splat(h2), splat(h3));
    let lo = pick(zero, splat(l0), splat(l1), splat(l2), splat(l3));
    let t = num.div(den);
    let z = t.mul(t);
    (hi, t.add(t.mul(z).mul(poly(z, V::Elem::ATAN_POLY)).add(lo)))
}

#[inline(always)]
fn atan_positive<V: Vector>(a: V) -> V
where
    V::Elem: Consts,
{
    let (hi, tail) = atan_parts(a);
    hi.add(tail)
}

/// atan(x), odd.
#[inline(always)]
pub fn arctan<V: Vector>(x: V) -> V
where
    V::Elem: Consts,
{
    copysign(atan_positive(x.abs()), x)
}

/// asin(t) for |t| <= 1/2 by its polynomial.
#[inline(always)]
fn asin_small<V: Vector>(t: V) -> V
where
    V::Elem: Consts,
{
    let z = t.mul(t);
    t.add(t.mul(z).mul(poly(z, V::Elem::ASIN_POLY)))
}

/// asin: the polynomial below 1/2, and fdlibm's e_asin.c identity
/// asin(x) = pi/2 - 2 asin(sqrt((1-x)/2)) above.
#[inline(always)]
pub fn arcsin<V: Vector>(x: V) -> V
where
    V::Elem: Consts,
{
    let a = x.abs();
    let (half, two) = (c::<V>(0.5), c::<V>(2.0));
    // w = sqrt(t) + corr exactly to first order (fdlibm's e_asin.c keeps
    // sqrt(t) in two parts the same way), then
    // asin(x) = (pi/2 - 2w) - (2 (w z Q(z) + corr asin'(w)) - pio2_lo).
    let t = c::<V>(1.0).sub(a).mul(half);
    let w = t.sqrt();
    let (p, e) = two_product(w, w);
    let zero = V::splat(V::Elem::ZERO);
    let corr = V::select(w.eq(zero), zero, t.sub(p).sub(e).div(w.add(w)));
    let z = w.mul(w);
    let slope = c::<V>(1.0).add(half.mul(z));
    let tail = w
        .mul(z)
        .mul(poly(z, V::Elem::ASIN_POLY))
        .add(corr.mul(slope));
    let far = splat::<V>(V::Elem::PIO2_HI)
        .sub(two.mul(w))
        .sub(two.mul(tail).sub(splat(V::Elem::PIO2_LO)));
    let y = V::select(a.lt(half), asin_small(a), far);
    copysign(V::select(x.is_nan(), x, y), x)
}

/// acos from the same pieces as [`arcsin`] (fdlibm's e_acos.c identities).
#[inline(always)]
pub fn arccos<V: Vector>(x: V) -> V
where
    V::Elem: Consts,
{
    let (half, one, two) = (c::<V>(0.5), c::<V>(1.0), c::<V>(2.0));
    let middle = splat::<V>(V::Elem::PIO2_HI).sub(asin_small(x).sub(splat(V::Elem::PIO2_LO)));
    let high = two.mul(asin_small(one.sub(x).mul(half).sqrt()));
    let low_w = one.add(x).mul(half).sqrt();
    let low = splat::<V>(V::Elem::PI_HI).sub(two.mul(asin_small(low_w)).sub(splat(V::Elem::PI_LO)));
    let y = V::select(
        x.abs().lt(half),
        middle,
        V::select(V::splat(V::Elem::ZERO).lt(x), high, low),
    );
    V::select(x.is_nan(), x, y)
}

/// atan2(y, x) = atan(y/x), moved to the quadrant of (x, y), with the
/// quotient's rounding error (recovered by an exact product) carried into
/// the sum. Lanes with a zero, infinite or NaN operand follow the scalar
/// libm's special cases.
#[inline(always)]
pub fn arctan2<V: Vector>(y: V, x: V) -> V
where
    V::Elem: Consts,
{
    let zero = V::splat(V::Elem::ZERO);
    let q = y.div(x);
    let (p, e) = two_product(q, x);
    let r = y.sub(p).sub(e).div(x);
    let qa = q.abs();
    let (hi, tail) = atan_parts(qa);
    // d atan|q| = sign(q) dq / (1 + q^2).
    let sign = V::splat(V::Elem::ZERO.neg()).and(q);
    let correction = r.xor(sign).div(c::<V>(1.0).add(qa.mul(qa)));
    // Beyond HUGE the correction is below an ulp, and the exact product
    // could overflow.
    let usable = qa.lt(splat(V::Elem::HUGE)).and(correction.abs().lt(inf()));
    let tail = tail.add(V::select(usable, correction, zero));
    let right = hi.add(tail);
    let left = splat::<V>(V::Elem::PI_HI)
        .sub(hi)
        .add(splat::<V>(V::Elem::PI_LO).sub(tail));
    let v = copysign(V::select(x.lt(zero), left, right), y);
    let finite = inlined(
        #[inline(always)]
        |v: V| v.abs().lt(inf()),
    );
    let ordinary = x.eq(zero).or(y.eq(zero)).and_not(finite(x).and(finite(y)));
    scalar_lanes(y, x, v, not(ordinary), <V::Elem as Float>::arctan2)
}

/// `value`, with the lanes set in the mask `slow` computed by the scalar
/// function of the operands `a` and `b` instead: the slow path of the
/// kernels, taken only when some lane needs it.
#[inline(always)]
fn scalar_lanes<V: Vector>(
    a: V,
    b: V,
    value: V,
    slow: V,
    scalar: impl Fn(V::Elem, V::Elem) -> V::Elem,
) -> V
where
    V::Elem: Consts,
{
    if !slow.any() {
        return value;
    }
    let (mut xs, mut ys, mut out, mut flags) = (
        [V::Elem::ZERO; MAX_LANES],
        [V::Elem::ZERO; MAX_LANES],
        [V::Elem::ZERO; MAX_LANES],
        [V::Elem::ZERO; MAX_LANES],
    );
    a.store(&mut xs);
    b.store(&mut ys);
    value.store(&mut out);
    slow.store(&mut flags);
    for i in 0..V::LANES {
        // A set mask lane is all ones: a NaN.
        if flags[i].isnan() {
            out[i] = scalar(xs[i], ys[i]);
        }
    }
    V::load(&out)
}

/// asinh: fdlibm's s_asinh.c forms: log1p(|x| + x^2/(1 + sqrt(1 + x^2)))
/// up to 2, log(2|x| + 1/(sqrt(x^2 + 1) + |x|)) above, log|x| + ln2 for huge.
#[inline(always)]
pub fn arcsinh<V: Vector>(x: V) -> V
where
    V::Elem: Consts,
{
    let a = x.abs();
    let (one, two) = (c::<V>(1.0), c::<V>(2.0));
    let sq = a.mul(a);
    let low = log1p(a.add(sq.div(one.add(one.add(sq).sqrt()))));
    let mid = log(two.mul(a).add(one.div(sq.add(one).sqrt().add(a))));
    let huge = log(a).add(c(std::f64::consts::LN_2));
    let y = V::select(
        a.le(two),
        low,
        V::select(a.lt(splat(V::Elem::HUGE)), mid, huge),
    );
    copysign(V::select(x.is_nan(), x, y), x)
}

/// acosh: fdlibm's e_acosh.c forms: log1p(t + sqrt(2t + t^2)), t = x - 1, up
/// to 2, log(2x - 1/(x + sqrt(x^2 - 1))) above, log x + ln2 for huge.
#[inline(always)]
pub fn arccosh<V: Vector>(x: V) -> V
where
    V::Elem: Consts,
{
    let (one, two) = (c::<V>(1.0), c::<V>(2.0));
    let zero = V::splat(V::Elem::ZERO);
    // Near 1: t + sqrt(t (2 + t)) in two parts, the square root corrected
    // by its exact residual, so that only log1p's own error remains.
    let t = x.sub(one);
    let a2 = t.add(two);
    let d = t.sub(a2.sub(two));
    let (qh, ql) = two_product(t, a2);
    let ql = ql.add(t.mul(d));
    let s = qh.sqrt();
    let (p, e) = two_product(s, s);
    let corr = V::select(s.eq(zero), zero, qh.sub(p).sub(e).add(ql).div(s.add(s)));
    let vh = t.add(s);
    let bb = vh.sub(t);
    let vl = t.sub(vh.sub(bb)).add(s.sub(bb)).add(corr);
    let low = log1p_parts(vh, vl);
    let mid = log(two.mul(x).sub(one.div(x.add(x.mul(x).sub(one).sqrt()))));
    let huge = log(x).add(c(std::f64::consts::LN_2));
    let y = V::select(
        x.le(two),
        low,
        V::select(x.lt(splat(V::Elem::HUGE)), mid, huge),
    );
    let zero = V::splat(V::Elem::ZERO);
    V::select(x.lt(one), zero.div(zero), V::select(x.is_nan(), x, y))
}

/// atanh: fdlibm's e_atanh.c, 0.5 log1p(2a + 2a^2/(1-a)) below 1/2 and
/// 0.5 log1p(2a/(1-a)) above.
#[inline(always)]
pub fn arctanh<V: Vector>(x: V) -> V
where
    V::Elem: Consts,
{
    let a = x.abs();
    let (half, one, two) = (c::<V>(0.5), c::<V>(1.0), c::<V>(2.0));
    let a2 = two.mul(a);
    let low = a2.add(a2.mul(a).div(one.sub(a)));
    let high = a2.div(one.sub(a));
    let y = half.mul(log1p(V::select(a.lt(half), low, high)));
    copysign(V::select(x.is_nan(), x, y), x)
}

/// hypot: sqrt(x^2 + y^2) with both operands scaled by a power of two when
/// the larger is huge or tiny; infinity wins over NaN, as C's hypot says.
#[inline(always)]
pub fn hypot<V: Vector>(x: V, y: V) -> V
where
    V::Elem: Consts,
{
    let (a, b) = (x.abs(), y.abs());
    let big = max(a, b);
    let one = c::<V>(1.0);
    let down = splat::<V>(V::Elem::HYPOT_BIG).lt(big);
    let up = big.lt(splat(V::Elem::HYPOT_SMALL));
    let factor = V::select(
        down,
        splat(V::Elem::HYPOT_DOWN),
        V::select(up, splat(V::Elem::HYPOT_UP), one),
    );
    let (sa, sb) = (a.mul(factor), b.mul(factor));
    let h = sa.mul(sa).add(sb.mul(sb)).sqrt().div(factor);
    let h = V::select(a.is_nan().or(b.is_nan()), a.add(b), h);
    V::select(a.eq(inf()).or(b.eq(inf())), inf(), h)
}

/// Rounding to an integer with the default (nearest-even) rounding mode,
/// by adding and subtracting 2^MANTISSA to |x| (SSE2 and simd128 have no
/// rounding instruction); the sign goes back on, so -0.3 rounds to -0.0.
/// Values of 2^MANTISSA and above are integers already (or inf or NaN).
#[inline(always)]
pub fn round_half_even<V: Vector>(x: V) -> V
where
    V::Elem: Consts,
{
    let big = splat::<V>(V::Elem::TWO_TO_MANTISSA);
    let a = x.abs();
    let rounded = copysign(a.add(big).sub(big), x);
    V::select(a.lt(big), rounded, x)
}

/// floor: the nearest integer, less one where that is above x; the result
/// has x's sign (floor(0.5) is +0.0).
#[inline(always)]
pub fn floor<V: Vector>(x: V) -> V
where
    V::Elem: Consts,
{
    let t = round_half_even(x);
    copysign(V::select(x.lt(t), t.sub(c(1.0)), t), x)
}

/// ceil: the nearest integer, plus one where that is below x; the result
/// has x's sign (ceil(-0.6) is -0.0).
#[inline(always)]
pub fn ceil<V: Vector>(x: V) -> V
where
    V::Elem: Consts,
{
    let t = round_half_even(x);
    copysign(V::select(t.lt(x), t.add(c(1.0)), t), x)
}

/// trunc: the floor of |x|, with x's sign.
#[inline(always)]
pub fn trunc<V: Vector>(x: V) -> V
where
    V::Elem: Consts,
{
    copysign(floor(x.abs()), x)
}

/// NumPy's maximum: `a` where a >= b or a is NaN, else `b`.
#[inline(always)]
pub fn maximum<V: Vector>(a: V, b: V) -> V {
    V::select(b.le(a).or(a.is_nan()), a, b)
}

/// NumPy's minimum: `a` where a <= b or a is NaN, else `b`.
#[inline(always)]
pub fn minimum<V: Vector>(a: V, b: V) -> V {
    V::select(a.le(b).or(a.is_nan()), a, b)
}

/// log(x) for positive normal x as a double-word `hi + lo`, good to about
/// 2^-68 relative: the table-driven logarithm of ARM's optimized-routines
/// `pow` (also musl's), in its form without FMA. x = 2^k z with z in
/// [OFF, 2 OFF); the top bits of z pick a point c with 1/c of 31 bits, so
/// that r = z/c - 1 = (zhi/c - 1) + zlo/c has an exact first part when zhi
/// is z cut to 21 bits; then log x = k ln2 + log c + r - r^2/2 + r^3 P(r),
/// |r| < 2^-7, every sum carried in two parts.
#[inline(always)]
fn log_parts<V: Vector<Elem = f64>>(x: V) -> (V, V) {
    let mut xs = [0.0; MAX_LANES];
    x.store(&mut xs);
    let mut lanes = [[0.0; MAX_LANES]; 6];
    for (i, &x) in xs.iter().enumerate().take(V::LANES) {
        let ix = x.to_bits();
        let tmp = ix.wrapping_sub(POW_LOG_OFF);
        let row = (tmp >> (52 - POW_LOG_BITS)) as usize % POW_LOG_F64.len();
        let iz = ix.wrapping_sub(tmp & (0xfff << 52));
        let [invc, logc, logc_lo] = POW_LOG_F64[row];
        lanes[0][i] = ((tmp as i64) >> 52) as f64;
        lanes[1][i] = f64::from_bits(iz);
        lanes[2][i] = f64::from_bits(iz.wrapping_add(1 << 31) & (u64::MAX << 32));
        lanes[3][i] = invc;
        lanes[4][i] = logc;
        lanes[5][i] = logc_lo;
    }
    let [k, z, zhi, invc, logc, logc_lo] = lanes.map(|l| V::load(&l));
    let rhi = zhi.mul(invc).sub(c(1.0));
    let rlo = z.sub(zhi).mul(invc);
    let r = rhi.add(rlo);
    let (t1, e1) = two_sum(k.mul(c(POW_LN2_HI)), logc);
    let (t2, e2) = two_sum(t1, rhi);
    // rlo is exact where 1/c is 1, around x = 1: it joins the exact sums.
    let (t3, e3) = two_sum(t2, rlo);
    let (sq, sq_lo) = two_product(rhi, rhi);
    let (hi, e4) = two_sum(t3, sq.mul(c(-0.5)));
    let tail = r.mul(r).mul(r).mul(poly(
        r,
        &[
            1.0 / 3.0,
            -1.0 / 4.0,
            1.0 / 5.0,
            -1.0 / 6.0,
            1.0 / 7.0,
            -1.0 / 8.0,
        ],
    ));
    let cross = rhi.add(rlo.mul(c(0.5))).mul(rlo);
    let lo = k
        .mul(c(POW_LN2_LO))
        .add(logc_lo)
        .add(e1.add(e2).add(e3).add(e4))
        .sub(sq_lo.mul(c(0.5)))
        .sub(cross)
        .add(tail);
    two_sum(hi, lo)
}

/// x^y in float64: e^(y log x) with log x in two parts (`log_parts`) and
/// y log x as an exact product plus tail, which the exp core takes as a
/// double-word argument. A negative x gives NaN unless y is an integer, and
/// keeps its sign for odd y. Lanes whose x is zero, subnormal, infinite or
/// NaN, whose y is NaN, infinite or huge, or whose result would overflow or
/// leave the normal range go through the scalar libm.
#[inline(always)]
pub fn pow<V: Vector<Elem = f64>>(x: V, y: V) -> V {
    let ax = x.abs();
    let (hi, lo) = log_parts(ax);
    let (e, e_lo) = two_product(y, hi);
    // The fast lanes' results are normal (|e| < 708): one scaling does.
    let v = negative_base(x, y, exp_core(e, Some(e_lo.add(y.mul(lo))), false).normal());
    let fast = ax
        .le(c(f64::MAX))
        .and(c::<V>(f64::MIN_POSITIVE).le(ax))
        .and(y.abs().lt(c(1e300)))
        .and(e.abs().lt(c(708.0)));
    scalar_lanes(x, y, v, not(fast), f64::powf)
}

/// x^y from v = |x|^y: NaN where x is negative and y not an integer, -v
/// where y is an odd integer.
#[inline(always)]
fn negative_base<V: Vector<Elem = f64>>(x: V, y: V, v: V) -> V {
    let half = y.mul(c(0.5));
    let integral = trunc(y).eq(y);
    let odd = trunc(half).eq(half).and_not(integral);
    let negative = x.lt(V::splat(0.0));
    let v = V::select(negative.and(odd), v.neg(), v);
    V::select(integral.and_not(negative), V::splat(f64::NAN), v)
}

/// x^y in float32: e^(y log|x|) by the float64 kernels, rounded to float32.
/// Their error, about |y log x| 2^-52 (below 2^-45 wherever the float32
/// result is finite and nonzero), vanishes in that rounding. Negative bases
/// as in [`pow`]; lanes with a zero, infinite or NaN operand go through the
/// scalar libm.
#[inline(always)]
pub fn powf<V: Widen>(x: V, y: V) -> V {
    let wide = inlined(
        #[inline(always)]
        |x: V::Wide, y: V::Wide| negative_base(x, y, exp(y.mul(log(x.abs())))),
    );
    let ([x0, x1], [y0, y1]) = (x.promote(), y.promote());
    let v = V::demote([wide(x0, y0), wide(x1, y1)]);
    let (ax, zero) = (x.abs(), V::splat(0.0));
    let fast = zero.lt(ax).and(ax.lt(inf())).and(y.abs().lt(inf()));
    scalar_lanes(x, y, v, not(fast), f32::powf)
}

/// C's fmod: x - q y for q = trunc(x / y), exactly. The quotient is rounded,
/// so q may be one too large (never too small: rounding is monotone); the
/// product q |y| is kept exactly as `p + p_lo` (Dekker), |x| - p is exact
/// by Sterbenz's lemma, and the remainder, being representable, comes out
/// of the last subtraction exact; a negative one takes |y| back. Lanes with
/// a quotient of 2^MANTISSA or more, a divisor too small or too large for
/// the exact product, or an infinite or NaN operand go through the scalar
/// `%`.
#[inline(always)]
pub fn fmod<V: Vector>(x: V, y: V) -> V
where
    V::Elem: Consts,
{
    let (ax, ay) = (x.abs(), y.abs());
    let quotient = ax.div(ay);
    let q = trunc(quotient);
    let (p, p_lo) = two_product(q, ay);
    let r = ax.sub(p).sub(p_lo);
    let r = V::select(r.lt(V::splat(V::Elem::ZERO)), r.add(ay), r);
    let small = splat::<V>(V::Elem::MIN_NORMAL).mul(splat(V::Elem::SUBNORMAL_SCALE));
    let fast = quotient
        .lt(splat(V::Elem::TWO_TO_MANTISSA))
        .and(small.le(ay))
        .and(ay.le(splat(V::Elem::HYPOT_BIG)))
        .and(ax.lt(inf()));
    scalar_lanes(x, y, copysign(r, x), not(fast), |a, b| a.fmod(b))
}

/// Lanes where the remainder `m` is nonzero and its sign is not `b`'s.
#[inline(always)]
fn sign_mismatch<V: Vector>(m: V, b: V) -> V {
    let zero = V::splat(V::Elem::ZERO);
    m.eq(zero).and_not(m.lt(zero).xor(b.lt(zero)))
}

/// NumPy's remainder (`%`), the sign of the divisor, from [`fmod`] as
/// `npy_remainder` computes it.
#[inline(always)]
pub fn modulo<V: Vector>(a: V, b: V) -> V
where
    V::Elem: Consts,
{
    let zero = V::splat(V::Elem::ZERO);
    let m = fmod(a, b);
    let m = V::select(sign_mismatch(m, b), m.add(b), m);
    V::select(m.eq(zero), copysign(zero, b), m)
}

/// NumPy's floor division (`//`), from [`fmod`] as `npy_floor_divide`
/// computes it.
#[inline(always)]
pub fn floordiv<V: Vector>(a: V, b: V) -> V
where
    V::Elem: Consts,
{
    let zero = V::splat(V::Elem::ZERO);
    let one = c::<V>(1.0);
    let m = fmod(a, b);
    let div = a.sub(m).div(b);
    let div = V::select(sign_mismatch(m, b), div.sub(one), div);
    let below = floor(div);
    let rounded = V::select(c::<V>(0.5).lt(div.sub(below)), below.add(one), below);
    let quotient = a.div(b);
    let v = V::select(div.eq(zero), copysign(zero, quotient), rounded);
    V::select(b.eq(zero), quotient, v)
}

/// `a * b + c`, rounded after the multiply and after the add, as the two
/// ops are (never fused): the `muladd` op.
#[inline(always)]
pub fn muladd<V: Vector>(a: V, b: V, c: V) -> V {
    a.mul(b).add(c)
}

/// `a * b * c`, rounded after each multiply, as the two ops are: the
/// `mulmul` op.
#[inline(always)]
pub fn mulmul<V: Vector>(a: V, b: V, c: V) -> V {
    a.mul(b).mul(c)
}

/// `a * b + c * d`, each product rounded and then the sum: `mulmuladd`.
#[inline(always)]
pub fn mulmuladd<V: Vector>(a: V, b: V, c: V, d: V) -> V {
    a.mul(b).add(c.mul(d))
}

/// The cube root, within 0.67 ULP (FreeBSD's s_cbrt.c method): |x| =
/// 2^(3q + r) m with m in [1, 2) and r in {0, 1, 2}; cbrt(2^r m) to
/// 2^-24 (float64) or 2^-13 (float32) by a Chebyshev fit of cbrt on [1, 2)
/// times cbrt(2^r), rounded to half the significand's bits so that its
/// square is exact, then one step of Halley's iteration, t (t^3 + 2y) /
/// (2t^3 + y) as t + t (y/t^2 - t) / (2t + y/t^2), which triples the
/// correct bits; times 2^q, with x's sign. +-0, +-inf and NaN are x.
#[inline(always)]
pub fn cbrt<V: Vector>(x: V) -> V
where
    V::Elem: Consts,
{
    let a = x.abs();
    let ordinary = splat::<V>(V::Elem::MIN_NORMAL).le(a).and(a.lt(inf()));
    let subnormals = not(ordinary).any();
    let (e, m) = split(a, subnormals);
    let third = 1.0 / 3.0;
    let q = round(e.mul(c(third)).sub(c(third)));
    let r = e.sub(q.mul(c(3.0)));
    let y = m.mul(pow2(r));
    let cbrt_2r = V::select(
        r.eq(c(1.0)),
        c(2f64.cbrt()),
        V::select(r.eq(c(2.0)), c(4f64.cbrt()), c(1.0)),
    );
    let t = poly(m.sub(c(1.5)), V::Elem::CBRT_POLY).mul(cbrt_2r);
    // Rounded to nearest at half the significand's bits (t > 0).
    let kept = V::Elem::MANTISSA.div_ceil(2);
    let dropped = V::Elem::MANTISSA + 1 - kept;
    let half = V::splat(V::Elem::from_raw(1 << (dropped - 1)));
    let t = t.add_bits(half).shr_bits(dropped).shl_bits(dropped);
    let ratio = y.div(t.mul(t));
    let t = t.add(t.mul(ratio.sub(t).div(t.add(t).add(ratio))));
    let root = copysign(t.mul(pow2(q)), x);
    if !subnormals {
        return root;
    }
    let special = x.eq(V::splat(V::Elem::ZERO)).or(a.eq(inf())).or(x.is_nan());
    V::select(special, x, root)
}
