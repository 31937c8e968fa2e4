//! The plain-array backend: lanes in an array, each op a loop the compiler
//! may vectorise. It runs where no SIMD backend exists, and native tests use
//! it as a second instantiation of every kernel.

use super::{Vector, Widen};

macro_rules! portable {
    ($name:ident, $t:ty, $bits:ty, $lanes:literal) => {
        #[derive(Clone, Copy, Debug, PartialEq)]
        pub struct $name(pub [$t; $lanes]);

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

            #[inline(always)]
            fn bits(self, o: Self, f: impl Fn($bits, $bits) -> $bits) -> Self {
                self.zip(o, |x, y| <$t>::from_bits(f(x.to_bits(), y.to_bits())))
            }

            #[inline(always)]
            fn mask(self, o: Self, f: impl Fn($t, $t) -> bool) -> Self {
                self.zip(o, |x, y| {
                    <$t>::from_bits(if f(x, y) { <$bits>::MAX } else { 0 })
                })
            }
        }

        impl Vector for $name {
            type Elem = $t;
            const LANES: usize = $lanes;

            #[inline(always)]
            fn splat(x: $t) -> Self {
                $name([x; $lanes])
            }
            #[inline(always)]
            fn load(s: &[$t]) -> Self {
                let mut r = [0.0; $lanes];
                r.copy_from_slice(&s[..$lanes]);
                $name(r)
            }
            #[inline(always)]
            fn store(self, s: &mut [$t]) {
                s[..$lanes].copy_from_slice(&self.0);
            }
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
            fn lt(self, o: Self) -> Self {
                self.mask(o, |x, y| x < y)
            }
            #[inline(always)]
            fn le(self, o: Self) -> Self {
                self.mask(o, |x, y| x <= y)
            }
            #[inline(always)]
            fn eq(self, o: Self) -> Self {
                self.mask(o, |x, y| x == y)
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
        }
    };
}

portable!(F64x2, f64, u64, 2);
portable!(F32x4, f32, u32, 4);

impl Widen for F32x4 {
    type Wide = F64x2;
    #[inline(always)]
    fn widen(self) -> [F64x2; 2] {
        let [a, b, c, d] = self.0.map(f64::from);
        [F64x2([a, b]), F64x2([c, d])]
    }
    #[inline(always)]
    fn narrow(w: [F64x2; 2]) -> Self {
        let ([a, b], [c, d]) = (w[0].0, w[1].0);
        F32x4([a, b, c, d].map(|x| x as f32))
    }
}
