//! complex128's functions against a correctly rounded reference (MPC, via
//! `rug`'s complex numbers): the largest error of each over 200,000 points
//! spread across the plane, plus its hard regions (tiny and huge
//! arguments, the unit circle for `log`, the branch points +-1 and +-i),
//! measured normwise: the larger of the two parts' errors in ULPs of the
//! larger part of the exact result. (A part much smaller than the other
//! carries only that absolute accuracy, as in every libm that computes it
//! from the parts, glibc's and NumPy's included.) `cargo test --release
//! --test complex_accuracy -- --nocapture` prints the table that the README
//! carries the bounds of; the bounds are what it measured, rounded up.
#![cfg(not(target_arch = "wasm32"))] // native-only: MPC

mod common;

use common::expect_generated;
use exprlab::bytecode::Op;
use exprlab::bytecode::ops::Signature;
use exprlab::kernels::{Kernels, Src};
use exprlab::types::{C128, DType, Scalar, Slice};
use rayon::prelude::*;
use rug::Complex;
use rug::Float;

const POINTS: usize = 200_000;
/// Bits of the reference: enough for tenths of an ULP, and for `exp(z) - 1`
/// and `log(1 + z)` of the smallest arguments drawn for them.
const PRECISION: u32 = 256;

/// Each function's reference and its bound in normwise ULPs.
fn reference(op: Op) -> (fn(&mut Complex), f64) {
    match op {
        Op::Sqrt => (|z| z.sqrt_mut(), 2.0),
        Op::Exp => (|z| z.exp_mut(), 2.5),
        Op::Expm1 => (
            |z| {
                z.exp_mut();
                *z -= 1;
            },
            3.0,
        ),
        Op::Log => (|z| z.ln_mut(), 2.0),
        Op::Log1p => (
            |z| {
                *z += 1;
                z.ln_mut();
            },
            3.0,
        ),
        Op::Log2 => (
            |z| {
                z.ln_mut();
                let ln2 = Float::with_val(PRECISION, rug::float::Constant::Log2);
                *z /= ln2;
            },
            3.0,
        ),
        Op::Log10 => (|z| z.log10_mut(), 3.0),
        Op::Sin => (|z| z.sin_mut(), 3.0),
        Op::Cos => (|z| z.cos_mut(), 3.0),
        Op::Tan => (|z| z.tan_mut(), 5.0),
        Op::Sinh => (|z| z.sinh_mut(), 3.0),
        Op::Cosh => (|z| z.cosh_mut(), 3.0),
        Op::Tanh => (|z| z.tanh_mut(), 4.0),
        Op::Arcsin => (|z| z.asin_mut(), 3.0),
        Op::Arccos => (|z| z.acos_mut(), 4.0),
        Op::Arctan => (|z| z.atan_mut(), 2.0),
        Op::Arcsinh => (|z| z.asinh_mut(), 3.0),
        Op::Arccosh => (|z| z.acosh_mut(), 4.0),
        Op::Arctanh => (|z| z.atanh_mut(), 2.0),
        // A float64 result, as a complex with a zero imaginary part.
        Op::Magnitude => (|z| z.abs_mut(), 1.5),
        other => panic!("no complex reference for {other:?}"),
    }
}

/// xorshift64*, seeded per function.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Log-uniform in [lo, hi), either sign.
    fn magnitude(&mut self, lo: f64, hi: f64) -> f64 {
        let m = (lo.ln() + self.unit() * (hi.ln() - lo.ln())).exp();
        if self.next() & 1 == 1 { -m } else { m }
    }
}

/// Where `op` is sampled: its largest parts before the result overflows,
/// the smallest that its reference resolves.
fn range(op: Op) -> (f64, f64) {
    match op {
        Op::Exp | Op::Expm1 | Op::Sinh | Op::Cosh | Op::Sin | Op::Cos => (1e-30, 700.0),
        Op::Tan | Op::Tanh => (1e-30, 300.0),
        Op::Log1p => (1e-30, 1e300),
        _ => (1e-300, 1e300),
    }
}

/// The points of `op`: parts of every magnitude in its range; small
/// offsets from the unit circle and from the branch points +-1, +-i; each
/// kind a share of [`POINTS`].
fn points(op: Op) -> Vec<C128> {
    let seed = op.name().bytes().fold(0x9E37_79B9_7F4A_7C15u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3)
    });
    let mut rng = Rng(seed | 1);
    let (lo, hi) = range(op);
    (0..POINTS)
        .map(|i| match i % 4 {
            // Both parts of any magnitude.
            0 | 1 => C128::new(rng.magnitude(lo, hi), rng.magnitude(lo, hi)),
            // Near the unit circle.
            2 => {
                let angle = rng.unit() * std::f64::consts::TAU;
                let r = 1.0 + rng.magnitude(1e-16, 1e-2);
                C128::new(r * angle.cos(), r * angle.sin())
            }
            // Near +-1 and +-i.
            _ => {
                let near =
                    [(1.0, 0.0), (-1.0, 0.0), (0.0, 1.0), (0.0, -1.0)][(rng.next() % 4) as usize];
                C128::new(
                    near.0 + rng.magnitude(1e-20, 1e-1),
                    near.1 + rng.magnitude(1e-20, 1e-1),
                )
            }
        })
        .filter(|z| z.re.abs().max(z.im.abs()) <= hi)
        .collect()
}

/// The normwise error of `got` against the exact `exact`, in ULPs of the
/// larger part of the exact value rounded to float64; 0 where both are
/// the same non-finite value, infinite where only one is finite.
fn error(got: C128, exact: &Complex) -> f64 {
    let (re, im) = (exact.real(), exact.imag());
    let rounded = C128::new(re.to_f64(), im.to_f64());
    if !rounded.re.is_finite()
        || !rounded.im.is_finite()
        || !got.re.is_finite()
        || !got.im.is_finite()
    {
        let class =
            |x: f64, y: f64| x.is_nan() == y.is_nan() && (x.is_infinite() == y.is_infinite());
        return if class(got.re, rounded.re) && class(got.im, rounded.im) {
            0.0
        } else {
            f64::INFINITY
        };
    }
    let big = rounded.re.abs().max(rounded.im.abs());
    if big == 0.0 {
        return if got.re == 0.0 && got.im == 0.0 {
            0.0
        } else {
            f64::INFINITY
        };
    }
    // The ulp of the larger part (subnormals have a fixed one).
    let ulp = f64::from_bits(((big.to_bits() >> 52).max(1)) << 52) * f64::EPSILON;
    let part = |g: f64, e: &Float| {
        let diff = Float::with_val(PRECISION, g) - e;
        diff.abs().to_f64() / ulp
    };
    part(got.re, re).max(part(got.im, im))
}

/// The largest error of `op` over its points, and where: of both flavours
/// of kernels (the SIMD one has its own `exp`), and of the SIMD kernel in
/// lanes whose multiply-add is fused (as relaxed SIMD's on hardware with
/// FMA; `Vector::madd`).
fn measure(op: Op, exact: fn(&mut Complex)) -> (f64, C128) {
    let points = points(op);
    let out = if op == Op::Magnitude {
        DType::Float64
    } else {
        DType::Complex128
    };
    let src = [Src::slice(Slice::Complex128(&points))];
    let mut flavours = [Kernels::Scalar, Kernels::Simd]
        .map(|k| {
            let values = k.apply(op, out, points.len(), &src).unwrap();
            (0..points.len())
                .map(|i| match values.get(i) {
                    Some(Scalar::Complex128(w)) => w,
                    Some(Scalar::Float64(v)) => C128::new(v, 0.0),
                    other => panic!("{op:?} gave {other:?}"),
                })
                .collect::<Vec<C128>>()
        })
        .to_vec();
    flavours.extend(fused(op, &points));
    (0..points.len())
        .into_par_iter()
        .map(|i| {
            let z = points[i];
            let mut reference = Complex::with_val(PRECISION, (z.re, z.im));
            exact(&mut reference);
            let worst = flavours
                .iter()
                .map(|values| error(values[i], &reference))
                .fold(0.0, f64::max);
            (worst, z)
        })
        .reduce(
            || (0.0, C128::new(0.0, 0.0)),
            |a, b| if b.0 > a.0 { b } else { a },
        )
}

/// `op` over `points` by its SIMD kernel in fused lanes, where it has one.
fn fused(op: Op, points: &[C128]) -> Option<Vec<C128>> {
    use exprlab::kernels::simd::{complex_magnitude, complex_unary, portable::FusedF64x2};
    let n = points.len();
    if op == Op::Magnitude {
        let mut out = Vec::with_capacity(n);
        complex_magnitude::<FusedF64x2>(&mut out.spare_capacity_mut()[..n], points);
        // SAFETY: the kernel writes every element of its output.
        unsafe { out.set_len(n) };
        return Some(out.into_iter().map(|v| C128::new(v, 0.0)).collect());
    }
    let mut out = Vec::with_capacity(n);
    complex_unary::<FusedF64x2>(op, &mut out.spare_capacity_mut()[..n], points)?.unwrap();
    // SAFETY: the kernel writes every element of its output.
    unsafe { out.set_len(n) };
    Some(out)
}

#[test]
fn every_complex_function_is_within_its_bound() {
    let ops: Vec<Op> = Op::ALL
        .iter()
        .copied()
        .filter(|op| op.signature() == Signature::UnaryFloat || *op == Op::Magnitude)
        .collect();
    let mut table = String::from("| complex function | bound (normwise ULPs) |\n|---|---:|\n");
    let mut failures = Vec::new();
    for op in ops {
        let (exact, bound) = reference(op);
        let (worst, at) = measure(op, exact);
        // The language's name: `abs` of a complex is the `cabs` op.
        let name = if op == Op::Magnitude {
            "abs"
        } else {
            op.name()
        };
        println!(
            "{name:8} {worst:5.2} normwise ULPs, bound {bound}, at ({:e}, {:e})",
            at.re, at.im
        );
        table += &format!("| {name} | {bound} |\n");
        if worst > bound {
            failures.push(format!("{name}: {worst:.2} ULPs at {at}, above {bound}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    expect_generated(
        "README.md",
        "| complex function | bound (normwise ULPs) |",
        "\n\n",
        &(table + "\n"),
    );
}
