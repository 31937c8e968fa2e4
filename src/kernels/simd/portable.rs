//! The plain-array backend: lanes in an array, each op a loop the compiler
//! may vectorise. It runs where no SIMD backend exists, and native tests use
//! it as a second instantiation of every kernel.

use super::{Convert, Ints, Lanes, Vector, Widen};
use std::mem::MaybeUninit;

/// `Lanes` for an array of `$lanes` elements stored as `$store`, whose bits
/// are `$bits` (`to`/`from` convert).
macro_rules! portable_lanes {
    ($name:ident, $t:ty, $store:ty, $bits:ty, $lanes:literal, to $to:expr, from $from:expr,
     load $load:expr, save $save:expr) => {
        #[derive(Clone, Copy, Debug, PartialEq)]
        pub struct $name(pub [$store; $lanes]);

        impl $name {
            #[inline(always)]
            fn bits(self, o: Self, f: impl Fn($bits, $bits) -> $bits) -> Self {
                let mut r = self.0;
                for (x, y) in r.iter_mut().zip(o.0) {
                    *x = $from(f($to(*x), $to(y)));
                }
                $name(r)
            }

            #[inline(always)]
            fn mask(self, o: Self, f: impl Fn($store, $store) -> bool) -> Self {
                let mut r = self.0;
                for (x, y) in r.iter_mut().zip(o.0) {
                    *x = $from(if f(*x, y) { <$bits>::MAX } else { 0 });
                }
                $name(r)
            }
        }

        impl super::Sealed for $name {}

        impl Lanes for $name {
            type Elem = $t;
            const LANES: usize = $lanes;

            #[inline(always)]
            fn splat(x: $t) -> Self {
                $name([$load(x); $lanes])
            }
            #[inline(always)]
            fn load(s: &[$t]) -> Self {
                let mut r = [$load(s[0]); $lanes];
                for (r, &x) in r.iter_mut().zip(&s[..$lanes]) {
                    *r = $load(x);
                }
                $name(r)
            }
            #[inline(always)]
            fn write(self, s: &mut [MaybeUninit<$t>]) {
                for (s, x) in s[..$lanes].iter_mut().zip(self.0) {
                    s.write($save(x));
                }
            }
            #[inline(always)]
            fn and(self, o: Self) -> Self {
                self.bits(o, |x, y| x & y)
            }
            #[inline(always)]
            fn or(self, o: Self) -> Self {
                self.bits(o, |x, y| x | y)
            }
            #[inline(always)]
            fn xor(self, o: Self) -> Self {
                self.bits(o, |x, y| x ^ y)
            }
            #[inline(always)]
            fn and_not(self, o: Self) -> Self {
                self.bits(o, |x, y| !x & y)
            }
            #[inline(always)]
            fn eq(self, o: Self) -> Self {
                self.mask(o, |x, y| x == y)
            }
            #[inline(always)]
            fn lt(self, o: Self) -> Self {
                self.mask(o, |x, y| x < y)
            }
            #[inline(always)]
            fn le(self, o: Self) -> Self {
                self.mask(o, |x, y| x <= y)
            }
            #[inline(always)]
            fn narrow(mut mask: impl FnMut(usize) -> Self, out: &mut [MaybeUninit<bool>]) {
                for (k, o) in out[..16].chunks_exact_mut($lanes).enumerate() {
                    for (o, x) in o.iter_mut().zip(mask(k).0) {
                        o.write($to(x) != 0);
                    }
                }
            }
            #[inline(always)]
            fn widen(bools: &[bool], mut each: impl FnMut(usize, Self)) {
                for (k, b) in bools[..16].chunks_exact($lanes).enumerate() {
                    let mut m = [$from(0); $lanes];
                    for (x, &b) in m.iter_mut().zip(b) {
                        *x = $from(if b { <$bits>::MAX } else { 0 });
                    }
                    each(k, $name(m));
                }
            }
        }
    };
}

macro_rules! portable_vector {
    ($name:ident, $t:ty, $bits:ty) => {
        portable_vector!($name, $t, $bits, madd |x: $t, y: $t, z: $t| x * y + z);
    };
    ($name:ident, $t:ty, $bits:ty, madd $madd:expr) => {
        impl $name {
            #[inline(always)]
            fn map(self, f: impl Fn($t) -> $t) -> Self {
                $name(self.0.map(f))
            }

            #[inline(always)]
            fn zip(self, o: Self, f: impl Fn($t, $t) -> $t) -> Self {
                let mut r = self.0;
                for (x, y) in r.iter_mut().zip(o.0) {
                    *x = f(*x, y);
                }
                $name(r)
            }
        }

        impl Vector for $name {
            #[inline(always)]
            fn add(self, o: Self) -> Self {
                self.zip(o, |x, y| x + y)
            }
            #[inline(always)]
            fn sub(self, o: Self) -> Self {
                self.zip(o, |x, y| x - y)
            }
            #[inline(always)]
            fn mul(self, o: Self) -> Self {
                self.zip(o, |x, y| x * y)
            }
            #[inline(always)]
            fn div(self, o: Self) -> Self {
                self.zip(o, |x, y| x / y)
            }
            #[inline(always)]
            fn sqrt(self) -> Self {
                self.map(<$t>::sqrt)
            }
            #[inline(always)]
            fn add_bits(self, o: Self) -> Self {
                self.bits(o, <$bits>::wrapping_add)
            }
            #[inline(always)]
            fn sub_bits(self, o: Self) -> Self {
                self.bits(o, <$bits>::wrapping_sub)
            }
            #[inline(always)]
            fn shl_bits(self, n: u32) -> Self {
                self.map(|x| <$t>::from_bits(x.to_bits() << n))
            }
            #[inline(always)]
            fn shr_bits(self, n: u32) -> Self {
                self.map(|x| <$t>::from_bits(x.to_bits() >> n))
            }
            #[inline(always)]
            fn any(self) -> bool {
                self.0.iter().any(|x| x.to_bits() != 0)
            }
            #[inline(always)]
            fn madd(self, b: Self, c: Self) -> Self {
                let mut r = self.0;
                for ((x, y), z) in r.iter_mut().zip(b.0).zip(c.0) {
                    *x = $madd(*x, y, z);
                }
                $name(r)
            }
        }
    };
}

macro_rules! portable_ints {
    ($name:ident) => {
        impl Ints for $name {
            #[inline(always)]
            fn add(self, o: Self) -> Self {
                self.bits(o, |x, y| x.wrapping_add(y))
            }
            #[inline(always)]
            fn sub(self, o: Self) -> Self {
                self.bits(o, |x, y| x.wrapping_sub(y))
            }
            #[inline(always)]
            fn mul(self, o: Self) -> Self {
                self.bits(o, |x, y| x.wrapping_mul(y))
            }
            #[inline(always)]
            fn shl(self, n: u32) -> Self {
                $name(self.0.map(|x| x << n))
            }
            #[inline(always)]
            fn shr(self, n: u32) -> Self {
                $name(self.0.map(|x| x >> n))
            }
        }
    };
}

fn same<T>(x: T) -> T {
    x
}

portable_lanes!(F64x2, f64, f64, u64, 2, to f64::to_bits, from f64::from_bits, load same, save same);
portable_vector!(F64x2, f64, u64);
portable_lanes!(F32x4, f32, f32, u32, 4, to f32::to_bits, from f32::from_bits, load same, save same);
portable_vector!(F32x4, f32, u32);
portable_lanes!(I64x2, i64, i64, u64, 2, to |x: i64| x as u64, from |x: u64| x as i64, load same, save same);
portable_ints!(I64x2);
portable_lanes!(I32x4, i32, i32, u32, 4, to |x: i32| x as u32, from |x: u32| x as i32, load same, save same);
portable_ints!(I32x4);
// Bools are bytes here, so that a lane can hold a mask; one leaves a
// vector as a bool only through `narrow` or as 0 and 1 values.
portable_lanes!(B8x16, bool, u8, u8, 16, to same, from same, load u8::from, save |x: u8| x != 0);

// The same float lanes with `madd` fused (one rounding, `mul_add`): what
// relaxed SIMD gives on hardware with FMA, so that native tests measure the
// math kernels both ways.
portable_lanes!(FusedF64x2, f64, f64, u64, 2, to f64::to_bits, from f64::from_bits, load same, save same);
portable_vector!(FusedF64x2, f64, u64, madd f64::mul_add);
portable_lanes!(FusedF32x4, f32, f32, u32, 4, to f32::to_bits, from f32::from_bits, load same, save same);
portable_vector!(FusedF32x4, f32, u32, madd f32::mul_add);

/// float32 lanes widened to the float64 lanes of the same `madd`.
macro_rules! portable_widen {
    ($narrow:ident, $wide:ident) => {
        impl Widen for $narrow {
            type Wide = $wide;
            #[inline(always)]
            fn promote(self) -> [$wide; 2] {
                let [a, b, c, d] = self.0.map(f64::from);
                [$wide([a, b]), $wide([c, d])]
            }
            #[inline(always)]
            fn demote(w: [$wide; 2]) -> Self {
                let ([a, b], [c, d]) = (w[0].0, w[1].0);
                $narrow([a, b, c, d].map(|x| x as f32))
            }
        }
    };
}

portable_widen!(F32x4, F64x2);
portable_widen!(FusedF32x4, FusedF64x2);

impl Convert for I32x4 {
    type F32 = F32x4;
    type F64 = F64x2;
    #[inline(always)]
    fn to_f32(self) -> F32x4 {
        F32x4(self.0.map(|x| x as f32))
    }
    #[inline(always)]
    fn to_f64(self) -> [F64x2; 2] {
        let [a, b, c, d] = self.0.map(f64::from);
        [F64x2([a, b]), F64x2([c, d])]
    }
    #[inline(always)]
    fn from_f32(v: F32x4) -> Self {
        I32x4(v.0.map(|x| x as i32))
    }
    #[inline(always)]
    fn from_f64(v: [F64x2; 2]) -> Self {
        let ([a, b], [c, d]) = (v[0].0, v[1].0);
        I32x4([a, b, c, d].map(|x| x as i32))
    }
}
