//! The SIMD math kernels against a correctly rounded reference (MPFR, via
//! `rug`): the largest error in ULPs over a million points per function
//! spread across its domain, plus the hard cases (near multiples of pi/2,
//! near 1 for log, the overflow and underflow thresholds of exp,
//! subnormals), plus special values, which must match the scalar libm in
//! class and sign. `cargo test --release --test accuracy -- --nocapture
//! --test-threads 1` prints the table that the README carries.
#![cfg(not(target_arch = "wasm32"))] // native-only: files, processes, MPFR, proptest

mod common;

use common::{Binary, expect_generated, run, run2, same_float};
use exprlab::bytecode::Op;
use exprlab::bytecode::ops::Domain;
use exprlab::kernels::execute_scalar;
use exprlab::kernels::simd::{self, F32s, F64s, Vector, avx2, math, portable};
use exprlab::types::Scalar;
use rayon::prelude::*;
use rug::Float;
use rug::float::Round;
use rug::ops::{AssignRound, PowAssign};

const POINTS: usize = 1_000_000;
/// Bits of the reference: enough to tell tenths of an ULP of float64 apart.
const PRECISION: u32 = 128;

/// A float type under test: its precision and its bits.
trait Precision:
    Copy
    + math::Consts
    + PartialEq
    + std::fmt::Debug
    + exprlab::kernels::simd::math::Consts
    + exprlab::kernels::scalar::Any
{
    const BITS: u32;
}

impl Precision for f64 {
    const BITS: u32 = 53;
}

impl Precision for f32 {
    const BITS: u32 = 24;
}

/// The scalar kernel of `op` (the platform's libm, for the math functions).
fn scalar<T: Precision>(op: Op, args: &[T]) -> T {
    let args: Vec<Scalar> = args
        .iter()
        .map(|a| Scalar::Float64(a.to_f64()).cast(T::DTYPE))
        .collect();
    match execute_scalar(op, T::DTYPE, &args) {
        Ok(v) => T::from_f64(v.to_f64()),
        Err(e) => panic!("{op:?} has no scalar kernel for {}: {e:?}", T::DTYPE),
    }
}

/// The error of `got` in ULPs of the exact value `f(x)`.
fn ulp_error<T: Precision>(x: T, got: T, f: fn(&mut Float)) -> f64 {
    let mut exact = Float::with_val(PRECISION, x.to_f64());
    f(&mut exact);
    ulp_error_of(got, exact)
}

/// The error of `got` in ULPs of `exact`.
fn ulp_error_of<T: Precision>(got: T, exact: Float) -> f64 {
    // The exact value rounded to T: it decides overflow to infinity.
    let rounded = T::from_f64(exact.to_f64());
    if got.isnan() || !got.to_f64().is_finite() || !rounded.to_f64().is_finite() {
        // Classes must agree; the special-value test checks signs.
        let same = got.isnan() == rounded.isnan()
            && (got.isnan() || got.to_f64().is_infinite() == rounded.to_f64().is_infinite());
        return if same { 0.0 } else { f64::INFINITY };
    }
    // The ulp of the exact value in T's format (subnormals have a fixed one).
    let min_exp = if T::BITS == 53 { -1074 } else { -149 };
    let exp = exact.get_exp().unwrap_or(min_exp);
    let ulp_exp = (exp - T::BITS as i32).max(min_exp);
    let mut diff = Float::with_val(PRECISION, got.to_f64());
    diff -= &exact;
    diff.abs_mut();
    diff >>= ulp_exp;
    let mut out = Float::new(53);
    out.assign_round(&diff, Round::Nearest);
    out.to_f64()
}

/// MPFR's correctly rounded function, of one or two arguments.
#[derive(Clone, Copy)]
enum Exact {
    Unary(fn(&mut Float)),
    Binary(fn(&mut Float, &Float)),
}

/// A function of the op table's `ulps` column: its bound and its reference.
#[derive(Clone, Copy)]
struct Measured {
    op: Op,
    bound: f64,
    exact: Exact,
}

/// Which of an op's SIMD kernels is measured: the high-accuracy one (the
/// table's `simd` column) or the low (its `low` column).
#[derive(Clone, Copy, PartialEq)]
enum Accuracy {
    High,
    Low,
}

/// MPFR's method `$m` of `rug::Float`, called as one or two arguments need.
macro_rules! exact {
    (UnaryFloat $m:ident) => {
        exact!(@unary $m)
    };
    (UnaryReal $m:ident) => {
        exact!(@unary $m)
    };
    (@unary $m:ident) => {
        Exact::Unary(|f| {
            f.$m();
        })
    };
    ($sig:ident $m:ident) => {
        Exact::Binary(|a, b| {
            a.$m(b);
        })
    };
}

macro_rules! measured_ops {
    ($($name:ident $text:literal $kind:ident $sig:ident $method:ident $doc:literal {
        $(simd($($simd:tt)+))? $(domain($domain:ident))? $(ulps($ulps:literal, $mpfr:ident))?
        $(low($low:path, $low_ulps:literal))?
    };)*) => {
        vec![$($(Measured { op: Op::$name, bound: $ulps, exact: exact!($sig $mpfr) },)?)*]
    };
}

/// Every function whose accuracy the op table states.
fn measured() -> Vec<Measured> {
    exprlab::for_each_op!(measured_ops)
}

/// A generator of points per op, seeded by its name (FNV-1a), so that
/// adding a function changes no other function's points.
fn rng_for(op: Op) -> Rng {
    let hash = op.name().bytes().fold(0xCBF2_9CE4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3)
    });
    Rng(hash | 1)
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }
    /// Spread over magnitudes: 2^e with e uniform in [lo, hi], either sign.
    fn log_uniform(&mut self, lo: f64, hi: f64, signed: bool) -> f64 {
        let v = self.uniform(lo, hi).exp2();
        if signed && self.next() & 1 == 1 {
            -v
        } else {
            v
        }
    }
}

fn fill<T: Precision>(rng: &mut Rng, n: usize, mut f: impl FnMut(&mut Rng) -> f64) -> Vec<T> {
    (0..n).map(|_| T::from_f64(f(rng))).collect()
}

/// Floats nearest to multiples of pi/2, and their neighbours.
fn near_pio2<T: Precision>(count: usize, limit: f64) -> Vec<T> {
    let mut out = Vec::new();
    let step = (limit / std::f64::consts::FRAC_PI_2 / count as f64).max(1.0);
    let mut k = 1.0;
    while out.len() < count * 3 && k * std::f64::consts::FRAC_PI_2 < limit {
        let mut m = Float::with_val(PRECISION, rug::float::Constant::Pi);
        m *= k / 2.0;
        let x = T::from_f64(m.to_f64());
        out.push(x);
        out.push(T::from_raw(x.raw() + 1));
        out.push(T::from_raw(x.raw().saturating_sub(1)));
        k = (k + step).round();
    }
    out
}

fn exp_points<T: Precision>(rng: &mut Rng) -> Vec<T> {
    let (over, under) = (T::EXP_OVERFLOW.to_f64(), T::EXP_UNDERFLOW.to_f64());
    let mut v: Vec<T> = fill(rng, POINTS * 8 / 10, |r| r.uniform(under - 1.0, over + 1.0));
    v.extend(fill::<T>(rng, POINTS / 10, |r| {
        r.log_uniform(-60.0, 3.0, true)
    }));
    // The thresholds and the subnormal range of the result.
    for edge in [over, under, if T::BITS == 53 { -708.4 } else { -87.3 }] {
        v.extend(fill::<T>(rng, POINTS / 30, |r| edge + r.uniform(-1.0, 1.0)));
    }
    v
}

fn log_points<T: Precision>(rng: &mut Rng) -> Vec<T> {
    // Every exponent, subnormals included: uniform over the bit patterns.
    let top = if T::BITS == 53 {
        0x7FF0_0000_0000_0000u64
    } else {
        0x7F80_0000
    };
    let mut v: Vec<T> = (0..POINTS * 7 / 10)
        .map(|_| T::from_raw(rng.next() % top))
        .collect();
    v.extend(fill::<T>(rng, POINTS * 2 / 10, |r| {
        1.0 + r.log_uniform(-40.0, -1.0, true)
    }));
    v.extend(fill::<T>(rng, POINTS / 10, |r| r.uniform(0.5, 2.0)));
    v
}

fn trig_points<T: Precision>(rng: &mut Rng) -> Vec<T> {
    let limit = T::TRIG_LIMIT.to_f64();
    let mut v: Vec<T> = fill(rng, POINTS * 6 / 10, |r| r.uniform(-10.0, 10.0));
    v.extend(fill::<T>(rng, POINTS * 2 / 10, |r| {
        r.log_uniform(-30.0, limit.log2() + 10.0, true)
    }));
    v.extend(fill::<T>(rng, POINTS / 20, |r| {
        r.log_uniform(-1074.0, 1023.0, true)
    }));
    v.extend(near_pio2::<T>(POINTS / 20, limit * 4.0));
    v.extend([1e22, -1e22, 1e300, 3.0e38].map(T::from_f64));
    let short = POINTS.saturating_sub(v.len());
    v.extend(fill::<T>(rng, short, |r| r.uniform(-100.0, 100.0)));
    v
}

fn sqrt_points<T: Precision>(rng: &mut Rng) -> Vec<T> {
    let top = if T::BITS == 53 {
        0x7FF0_0000_0000_0000u64
    } else {
        0x7F80_0000
    };
    (0..POINTS).map(|_| T::from_raw(rng.next() % top)).collect()
}

/// The points of a domain, hard cases included.
fn points<T: Precision>(domain: Domain, rng: &mut Rng) -> Vec<T> {
    match domain {
        Domain::Positive => sqrt_points(rng),
        Domain::Trig => trig_points(rng),
        Domain::Unit => unit_points(rng),
        Domain::Wide => wide_points(rng),
        Domain::Exp => exp_points(rng),
        Domain::Log => log_points(rng),
        Domain::Log1p => log1p_points(rng),
        Domain::Tanh => tanh_points(rng),
        Domain::Acosh => acosh_points(rng),
        Domain::Pow => panic!("pow's domain is of pairs"),
    }
}

fn unit_points<T: Precision>(rng: &mut Rng) -> Vec<T> {
    let mut v: Vec<T> = fill(rng, POINTS / 2, |r| r.uniform(-1.0, 1.0));
    v.extend(fill::<T>(rng, POINTS / 5, |r| {
        let d = r.log_uniform(-50.0, -1.0, false);
        if r.next() & 1 == 1 { 1.0 - d } else { d - 1.0 }
    }));
    v.extend(fill::<T>(rng, POINTS / 5, |r| {
        r.log_uniform(-60.0, -1.0, true)
    }));
    v.extend(fill::<T>(rng, POINTS / 10, |r| {
        r.uniform(0.45, 0.55) * if r.next() & 1 == 1 { 1.0 } else { -1.0 }
    }));
    v
}

/// Ordinary values, magnitudes from 2^-60 to 2^100, and every magnitude
/// the precision has (subnormals to the largest finite), either sign.
fn wide_points<T: Precision>(rng: &mut Rng) -> Vec<T> {
    let (lowest, highest) = if T::BITS == 53 {
        (-1074.0, 1023.9)
    } else {
        (-149.0, 127.9)
    };
    let mut v: Vec<T> = fill(rng, POINTS / 2, |r| r.uniform(-4.0, 4.0));
    v.extend(fill::<T>(rng, POINTS * 3 / 10, |r| {
        r.log_uniform(-60.0, 100.0, true)
    }));
    v.extend(fill::<T>(rng, POINTS / 5, |r| {
        r.log_uniform(lowest, highest, true)
    }));
    v
}

fn tanh_points<T: Precision>(rng: &mut Rng) -> Vec<T> {
    let mut v: Vec<T> = fill(rng, POINTS / 2, |r| r.uniform(-25.0, 25.0));
    v.extend(fill::<T>(rng, POINTS / 2, |r| {
        r.log_uniform(-60.0, 2.0, true)
    }));
    v
}

fn acosh_points<T: Precision>(rng: &mut Rng) -> Vec<T> {
    let mut v: Vec<T> = fill(rng, POINTS / 2, |r| {
        1.0 + r.log_uniform(-50.0, 100.0, false)
    });
    v.extend(fill::<T>(rng, POINTS / 2, |r| r.uniform(1.0, 3.0)));
    v
}

fn log1p_points<T: Precision>(rng: &mut Rng) -> Vec<T> {
    let mut v: Vec<T> = fill(rng, POINTS / 2, |r| r.log_uniform(-60.0, 100.0, false));
    v.extend(fill::<T>(rng, POINTS / 4, |r| r.uniform(-1.0, 1.0)));
    v.extend(fill::<T>(rng, POINTS / 4, |r| {
        r.log_uniform(-60.0, -1.0, true)
    }));
    v
}

fn specials<T: Precision>() -> Vec<T> {
    let tiny = if T::BITS == 53 { 5e-324 } else { 1e-45 };
    [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        0.0,
        -0.0,
        tiny,
        -tiny,
        1.0,
        -1.0,
        1e-310,
        -1e-310,
    ]
    .map(T::from_f64)
    .to_vec()
}

/// The largest error of each flavour, `madd` unfused (`got`) and fused
/// (`fused`), and where: MPFR's value is taken once a point, and again only
/// where the fused result differs (a few points in a thousand).
fn worst_errors<X: Copy, T: Precision>(
    points: &[X],
    got: &[T],
    fused: &[T],
    error: impl Fn(X, T) -> f64,
) -> [(f64, X); 2] {
    let mut worst = [(0.0f64, points[0]); 2];
    for ((&x, &g), &f) in points.iter().zip(got).zip(fused) {
        let e = error(x, g);
        let e_fused = if same_float(g, f) { e } else { error(x, f) };
        for (w, e) in worst.iter_mut().zip([e, e_fused]) {
            if e > w.0 {
                *w = (e, x);
            }
        }
    }
    worst
}

/// The labels of the two flavours of a precision.
fn flavours(label: &str) -> [String; 2] {
    [label.to_string(), format!("{label} fused")]
}

/// The one-argument functions through the build's backend `V` (which must
/// give the portable backend `P`'s bits) and through the fused lanes `F`
/// (which AVX2 with FMA, `A`, must give, where this CPU has it): the
/// largest error of each over their domain's points, and the special values
/// against the scalar libm.
fn measure<
    T: Precision,
    V: Vector<Elem = T>,
    P: Vector<Elem = T>,
    F: Vector<Elem = T>,
    A: Vector<Elem = T>,
>(
    label: &str,
    op: Op,
    bound: f64,
    exact: fn(&mut Float),
    accuracy: Accuracy,
) -> Outcome {
    let mut failures = Vec::new();
    let name = op.name();
    fn kernel<W: Vector<Elem: math::Consts>>(op: Op, accuracy: Accuracy) -> Option<fn(W) -> W> {
        match accuracy {
            Accuracy::High => simd::unary::<W>(op),
            Accuracy::Low => simd::unary_low::<W>(op),
        }
    }
    let (Some(fast), Some(oracle), Some(fused), Some(domain)) = (
        kernel::<V>(op, accuracy),
        kernel::<P>(op, accuracy),
        kernel::<F>(op, accuracy),
        op.domain(),
    ) else {
        return Outcome::failed(format!("{name}: a bound but no SIMD kernel or domain"));
    };
    let mut xs = points::<T>(domain, &mut rng_for(op));
    xs.truncate(xs.len() - xs.len() % 4);
    let got = run::<V>(&xs, fast);
    // Every backend computes the same bits: the wasm build runs the same code.
    let portable = run::<P>(&xs, oracle);
    if let Some(i) = (0..xs.len()).find(|&i| !same_float(got[i], portable[i])) {
        failures.push(format!(
            "{label} {name}: backend differs from the portable one at {:?}",
            xs[i]
        ));
    }
    let got_fused = run::<F>(&xs, fused);
    let worst = worst_errors(&xs, &got, &got_fused, |x, y| ulp_error(x, y, exact));
    let sp = specials::<T>();
    let mut padded = sp.clone();
    padded.resize(sp.len().div_ceil(4) * 4, T::from_f64(0.0));
    let specials = [run::<V>(&padded, fast), run::<F>(&padded, fused)];
    // The native kernels' other path: AVX2 with FMA computes the fused bits.
    if let (true, Some(wide)) = (avx2::available(), kernel::<A>(op, accuracy)) {
        for (points, want) in [(&xs, &got_fused), (&padded, &specials[1])] {
            let got = run::<A>(points, wide);
            if let Some(i) = (0..points.len()).find(|&i| !same_float(got[i], want[i])) {
                failures.push(format!(
                    "{label} {name}: AVX2 differs from the fused lanes at {:?}",
                    points[i]
                ));
            }
        }
    }
    for ((label, (w, at)), got) in flavours(label).iter().zip(worst).zip(specials) {
        println!(
            "{name} {label}: {w:.3} ULP at {at:?} of {} points",
            xs.len()
        );
        if w > bound {
            failures.push(format!(
                "{label} {name}: {w:.3} ULP at {at:?}, above the bound {bound}"
            ));
        }
        for (&x, &y) in sp.iter().zip(&got) {
            let want = scalar(op, &[x]);
            let same = if want.isnan() {
                y.isnan()
            } else {
                want.raw() == y.raw()
                    || (ulp_error(x, y, exact) <= bound
                        && want.to_f64().signum() == y.to_f64().signum())
            };
            if !same {
                failures.push(format!(
                    "{label} {name}({x:?}) = {y:?}, but the libm gives {want:?}"
                ));
            }
        }
    }
    Outcome {
        worst: worst.map(|w| w.0),
        failures,
    }
}

/// Ordinary pairs and pairs spread over the whole exponent range.
fn wide_pair(rng: &mut Rng, i: usize, bits: u32) -> (f64, f64) {
    if i.is_multiple_of(2) {
        (rng.uniform(-4.0, 4.0), rng.uniform(-4.0, 4.0))
    } else {
        let spread = if bits == 53 { 1000.0 } else { 120.0 };
        (
            rng.log_uniform(-spread, spread, true),
            rng.log_uniform(-spread, spread, true),
        )
    }
}

/// Bases and exponents for pow: ordinary ones; exponents that take a base
/// of any magnitude across the whole result range, a little past overflow
/// and underflow; bases within 2^-20 of 1 with large exponents (where the
/// logarithm's error is multiplied most); negative bases with integer
/// exponents, odd and even.
fn pow_pair(rng: &mut Rng, i: usize, bits: u32) -> (f64, f64) {
    let (spread, reach) = if bits == 53 {
        (1000.0, 760.0)
    } else {
        (120.0, 110.0)
    };
    match i % 4 {
        0 => (rng.uniform(0.0, 4.0), rng.uniform(-30.0, 30.0)),
        1 => {
            let x = rng.log_uniform(-spread, spread, false);
            (x, rng.uniform(-reach, reach) / x.ln().abs().max(1e-3))
        }
        2 => {
            let x = 1.0 + rng.uniform(-1.0, 1.0) * 2f64.powi(-20);
            (x, rng.uniform(-reach, reach) * 2f64.powi(20))
        }
        _ => {
            let x = -rng.log_uniform(-spread / 20.0, spread / 20.0, false);
            (x, rng.uniform(-40.0, 40.0).round())
        }
    }
}

/// The two-argument functions over their pairs of points and every pair
/// of special values, as [`measure`] does; `pow` is each precision's own
/// kernel.
fn measure_binary<
    T: Precision,
    V: Vector<Elem = T>,
    P: Vector<Elem = T>,
    F: Vector<Elem = T>,
    A: Vector<Elem = T>,
>(
    label: &str,
    pow: (Binary<V>, Binary<P>, Binary<F>, Binary<A>),
    op: Op,
    bound: f64,
    exact: fn(&mut Float, &Float),
) -> Outcome {
    let mut failures = Vec::new();
    let name = op.name();
    let kernels = match op {
        Op::Pow => Some(pow),
        _ => simd::binary::<V>(op)
            .zip(simd::binary::<P>(op))
            .zip(simd::binary::<F>(op))
            .zip(simd::binary::<A>(op))
            .map(|(((v, p), f), a)| (v, p, f, a)),
    };
    let (Some((fast, oracle, fused, wide)), Some(domain)) = (kernels, op.domain()) else {
        return Outcome::failed(format!("{name}: a bound but no SIMD kernel or domain"));
    };
    let pair = match domain {
        Domain::Pow => pow_pair,
        _ => wide_pair,
    };
    let mut rng = rng_for(op);
    let (mut ys, mut xs) = (Vec::new(), Vec::new());
    for i in 0..POINTS {
        let (a, b) = pair(&mut rng, i, T::BITS);
        ys.push(T::from_f64(a));
        xs.push(T::from_f64(b));
    }
    let specials = specials::<T>();
    for &a in &specials {
        for &b in &specials {
            ys.push(a);
            xs.push(b);
        }
    }
    ys.truncate(ys.len() - ys.len() % 4);
    xs.truncate(ys.len());
    let got = run2::<V>(&ys, &xs, fast);
    let portable = run2::<P>(&ys, &xs, oracle);
    let got_fused = run2::<F>(&ys, &xs, fused);
    if avx2::available() {
        // The whole vectors of eight: AVX2 with FMA computes the fused bits.
        let got = run2::<A>(&ys, &xs, wide);
        let whole = ys.len() - ys.len() % A::LANES;
        if let Some(i) = (0..whole).find(|&i| !same_float(got[i], got_fused[i])) {
            failures.push(format!(
                "{label} {name}: AVX2 differs from the fused lanes at ({:?}, {:?})",
                ys[i], xs[i]
            ));
        }
    }
    let special = |y: T, x: T| {
        !(y.to_f64().is_finite() && x.to_f64().is_finite())
            || y.to_f64() == 0.0
            || x.to_f64() == 0.0
    };
    for i in 0..ys.len() {
        let (y, x) = (ys[i], xs[i]);
        if !same_float(got[i], portable[i]) {
            failures.push(format!(
                "{label} {name}: backend differs from the portable one at ({y:?}, {x:?})"
            ));
        }
        if special(y, x) {
            let want = scalar(op, &[y, x]);
            for (label, g) in flavours(label).iter().zip([got[i], got_fused[i]]) {
                if !same_float(want, g) {
                    failures.push(format!(
                        "{label} {name}({y:?}, {x:?}) = {g:?}, but the libm gives {want:?}"
                    ));
                }
            }
        }
    }
    let pairs: Vec<(T, T)> = ys.iter().copied().zip(xs.iter().copied()).collect();
    let worst = worst_errors(&pairs, &got, &got_fused, |(y, x), g| {
        if special(y, x) {
            return 0.0;
        }
        let mut e = Float::with_val(PRECISION, y.to_f64());
        exact(&mut e, &Float::with_val(PRECISION, x.to_f64()));
        ulp_error_of(g, e)
    });
    for (label, (w, at)) in flavours(label).iter().zip(worst) {
        println!("{name} {label}: {w:.3} ULP at {at:?} of {} pairs", ys.len());
        if w > bound {
            failures.push(format!(
                "{label} {name}: {w:.3} ULP at {at:?}, above the bound {bound}"
            ));
        }
    }
    Outcome {
        worst: worst.map(|w| w.0),
        failures,
    }
}

/// One function in one precision: its largest error with `madd` unfused
/// and fused, and what failed.
struct Outcome {
    worst: [f64; 2],
    failures: Vec<String>,
}

impl Outcome {
    fn failed(why: String) -> Outcome {
        Outcome {
            worst: [f64::NAN; 2],
            failures: vec![why],
        }
    }
}

/// The README's accuracy table's head.
const TABLE_HEAD: &str = "| function | float64 | float64 fused | float32 | float32 fused | bound |\n|---|---:|---:|---:|---:|---:|\n";
/// The head of its table of the low-accuracy kernels.
const LOW_TABLE_HEAD: &str = "| low accuracy | float64 | float64 fused | float32 | float32 fused | bound |\n|---|---:|---:|---:|---:|---:|\n";

/// Every function of the op table's `ulps` column in both precisions, with
/// `madd` unfused (the SSE2 and simd128 backends; the portable one must
/// give the same bits) and fused (relaxed SIMD on hardware with FMA), on
/// every core, within its bound; the README's accuracy table is these
/// figures (deterministic: the points and the kernels are).
#[test]
fn every_measured_function_is_within_its_bound() {
    use avx2::{F32x8, F64x4};
    use portable::{F32x4, F64x2, FusedF32x4, FusedF64x2};
    // Each function in both precisions, then the low-accuracy kernels
    // (the op table's `low` column) likewise, against their own bound.
    let high = measured().into_iter().map(|m| (m, Accuracy::High));
    let low = measured().into_iter().filter_map(|m| {
        Some((
            Measured {
                bound: m.op.low_ulps()?,
                ..m
            },
            Accuracy::Low,
        ))
    });
    let jobs: Vec<(Measured, Accuracy, bool)> = high
        .chain(low)
        .flat_map(|(m, a)| [(m, a, true), (m, a, false)])
        .collect();
    let outcomes: Vec<Outcome> = jobs
        .par_iter()
        .map(
            |&(Measured { op, bound, exact }, accuracy, wide)| match (exact, wide) {
                (Exact::Unary(f), true) => {
                    let label = if accuracy == Accuracy::Low {
                        "float64 low"
                    } else {
                        "float64"
                    };
                    measure::<f64, F64s, F64x2, FusedF64x2, F64x4>(label, op, bound, f, accuracy)
                }
                (Exact::Unary(f), false) => {
                    let label = if accuracy == Accuracy::Low {
                        "float32 low"
                    } else {
                        "float32"
                    };
                    measure::<f32, F32s, F32x4, FusedF32x4, F32x8>(label, op, bound, f, accuracy)
                }
                (Exact::Binary(f), true) => measure_binary::<f64, F64s, F64x2, FusedF64x2, F64x4>(
                    "float64",
                    (math::pow, math::pow, math::pow, math::pow),
                    op,
                    bound,
                    f,
                ),
                (Exact::Binary(f), false) => measure_binary::<f32, F32s, F32x4, FusedF32x4, F32x8>(
                    "float32",
                    (math::powf, math::powf, math::powf, math::powf),
                    op,
                    bound,
                    f,
                ),
            },
        )
        .collect();
    let failures: Vec<&String> = outcomes.iter().flat_map(|o| &o.failures).collect();
    assert!(failures.is_empty(), "{failures:#?}");
    let mut table = String::from(TABLE_HEAD);
    let mut low_table = String::from(LOW_TABLE_HEAD);
    for (row, outcome) in jobs.chunks(2).zip(outcomes.chunks(2)) {
        let table = match row[0].1 {
            Accuracy::High => &mut table,
            Accuracy::Low => &mut low_table,
        };
        let bound = match row[0].0.bound {
            0.5 => "0.5 (exact)".to_string(),
            b => b.to_string(),
        };
        let cells: Vec<String> = outcome
            .iter()
            .flat_map(|o| o.worst)
            .map(|w| format!("{w:.3}"))
            .collect();
        *table += &format!(
            "| {} | {} | {bound} |\n",
            row[0].0.op.name(),
            cells.join(" | ")
        );
    }
    for op in Op::ALL
        .iter()
        .filter(|op| op.domain().is_some() && op.ulps().is_none())
    {
        table += &format!(
            "| {} | exact | exact | exact | exact | exact |\n",
            op.name()
        );
    }
    expect_generated(
        "README.md",
        TABLE_HEAD.lines().next().unwrap_or_default(),
        "\n\n",
        &(table + "\n"),
    );
    expect_generated(
        "README.md",
        LOW_TABLE_HEAD.lines().next().unwrap_or_default(),
        "\n\n",
        &(low_table + "\n"),
    );
}
