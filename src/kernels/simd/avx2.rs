//! The AVX2 and FMA backend: float64 four and float32 eight at a time in a
//! 256-bit register, with `madd` fused. Chosen at run time ([`available`])
//! for the float kernels of the op table's `simd` and `low` columns, which
//! `simd::float_kernels` instantiates a second time inside functions that
//! enable `avx2` and `fma`; everything else runs on SSE2.
//!
//! The lanes' methods call AVX intrinsics, so a value of these types may
//! only be made (and used) where the CPU has AVX2 and FMA: in the kernels
//! behind [`available`], and in tests that ask it first.

use super::{Lanes, Vector, Widen};
use std::arch::x86_64::*;
use std::mem::MaybeUninit;

/// True when this CPU has AVX2 and FMA (std caches the answer).
#[inline]
pub fn available() -> bool {
    is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma")
}

#[derive(Clone, Copy, Debug)]
pub struct F64x4(__m256d);

#[derive(Clone, Copy, Debug)]
pub struct F32x8(__m256);

/// Wraps an AVX, AVX2 or FMA intrinsic call.
macro_rules! avx {
    ($e:expr) => {{
        // SAFETY: values of this module's types are only made where the
        // CPU has AVX2 and FMA (the module's contract: the kernels run
        // behind `available()`), and the intrinsic only reads and writes
        // its register operands.
        #[allow(unused_unsafe)]
        let v = unsafe { $e };
        v
    }};
}

/// The masks of `16 / LANES` vectors as 16 bools, through memory: no
/// float kernel of this backend compares into bools, so this need not be
/// fast.
#[inline(always)]
fn narrow<V: Lanes<Elem: Into<f64>>>(
    mut mask: impl FnMut(usize) -> V,
    out: &mut [MaybeUninit<bool>],
) {
    let n = V::LANES;
    let mut lanes = [V::Elem::default(); 16];
    for k in 0..16 / n {
        mask(k).store(&mut lanes[k * n..]);
    }
    for (o, l) in out[..16].iter_mut().zip(lanes) {
        // A set lane is all ones: a NaN.
        o.write(l.into().is_nan());
    }
}

/// The `Lanes` and `Vector` implementations of one register type; the two
/// differ only in the intrinsics' suffixes (`_pd`/`_ps`, `epi64`/`epi32`).
macro_rules! avx_float {
    ($name:ident, $t:ty, $lanes:literal, $bits:ty, set1 $set1:ident, loadu $loadu:ident, storeu $storeu:ident,
     and $and:ident, or $or:ident, xor $xor:ident, andnot $andnot:ident, cmp $cmp:ident,
     add $add:ident, sub $sub:ident, mul $mul:ident, div $div:ident, sqrt $sqrt:ident, fmadd $fmadd:ident,
     to_int $to_int:ident, from_int $from_int:ident,
     iadd $iadd:ident, isub $isub:ident, sll $sll:ident, srl $srl:ident, movemask $movemask:ident) => {
        impl super::Sealed for $name {}

        impl Lanes for $name {
            type Elem = $t;
            const LANES: usize = $lanes;

            #[inline(always)]
            fn splat(x: $t) -> Self {
                $name(avx!($set1(x)))
            }
            #[inline(always)]
            fn load(s: &[$t]) -> Self {
                let s = &s[..$lanes];
                // SAFETY: `s` holds 32 bytes; the load is unaligned (and
                // the module's contract on AVX holds).
                $name(unsafe { $loadu(s.as_ptr()) })
            }
            #[inline(always)]
            fn write(self, s: &mut [MaybeUninit<$t>]) {
                let s = &mut s[..$lanes];
                // SAFETY: `s` has room for 32 bytes; the store is unaligned.
                unsafe { $storeu(s.as_mut_ptr().cast(), self.0) }
            }
            #[inline(always)]
            fn and(self, o: Self) -> Self {
                $name(avx!($and(self.0, o.0)))
            }
            #[inline(always)]
            fn or(self, o: Self) -> Self {
                $name(avx!($or(self.0, o.0)))
            }
            #[inline(always)]
            fn xor(self, o: Self) -> Self {
                $name(avx!($xor(self.0, o.0)))
            }
            #[inline(always)]
            fn and_not(self, o: Self) -> Self {
                $name(avx!($andnot(self.0, o.0)))
            }
            // Ordered, quiet compares: false where either is NaN, as SSE2's.
            #[inline(always)]
            fn eq(self, o: Self) -> Self {
                $name(avx!($cmp::<_CMP_EQ_OQ>(self.0, o.0)))
            }
            #[inline(always)]
            fn lt(self, o: Self) -> Self {
                $name(avx!($cmp::<_CMP_LT_OQ>(self.0, o.0)))
            }
            #[inline(always)]
            fn le(self, o: Self) -> Self {
                $name(avx!($cmp::<_CMP_LE_OQ>(self.0, o.0)))
            }
            #[inline(always)]
            fn narrow(mask: impl FnMut(usize) -> Self, out: &mut [MaybeUninit<bool>]) {
                narrow(mask, out)
            }
            #[inline(always)]
            fn widen(bools: &[bool], mut each: impl FnMut(usize, Self)) {
                let all = <$bits>::MAX;
                for (k, chunk) in bools[..16].chunks_exact($lanes).enumerate() {
                    let mut lanes = [<$t>::default(); $lanes];
                    for (l, &b) in lanes.iter_mut().zip(chunk) {
                        *l = <$t>::from_bits(if b { all } else { 0 });
                    }
                    each(k, Self::load(&lanes));
                }
            }
        }

        impl Vector for $name {
            #[inline(always)]
            fn add(self, o: Self) -> Self {
                $name(avx!($add(self.0, o.0)))
            }
            #[inline(always)]
            fn sub(self, o: Self) -> Self {
                $name(avx!($sub(self.0, o.0)))
            }
            #[inline(always)]
            fn mul(self, o: Self) -> Self {
                $name(avx!($mul(self.0, o.0)))
            }
            #[inline(always)]
            fn div(self, o: Self) -> Self {
                $name(avx!($div(self.0, o.0)))
            }
            #[inline(always)]
            fn sqrt(self) -> Self {
                $name(avx!($sqrt(self.0)))
            }
            #[inline(always)]
            fn add_bits(self, o: Self) -> Self {
                $name(avx!($from_int($iadd($to_int(self.0), $to_int(o.0)))))
            }
            #[inline(always)]
            fn sub_bits(self, o: Self) -> Self {
                $name(avx!($from_int($isub($to_int(self.0), $to_int(o.0)))))
            }
            #[inline(always)]
            fn shl_bits(self, n: u32) -> Self {
                let count = avx!(_mm_cvtsi32_si128(n as i32));
                $name(avx!($from_int($sll($to_int(self.0), count))))
            }
            #[inline(always)]
            fn shr_bits(self, n: u32) -> Self {
                let count = avx!(_mm_cvtsi32_si128(n as i32));
                $name(avx!($from_int($srl($to_int(self.0), count))))
            }
            #[inline(always)]
            fn any(self) -> bool {
                avx!($movemask(self.0)) != 0
            }
            /// Fused: one rounding, as `f64::mul_add` (so this backend
            /// gives the bits of the portable fused lanes).
            #[inline(always)]
            fn madd(self, b: Self, c: Self) -> Self {
                $name(avx!($fmadd(self.0, b.0, c.0)))
            }
        }
    };
}

avx_float!(F64x4, f64, 4, u64, set1 _mm256_set1_pd, loadu _mm256_loadu_pd, storeu _mm256_storeu_pd,
    and _mm256_and_pd, or _mm256_or_pd, xor _mm256_xor_pd, andnot _mm256_andnot_pd, cmp _mm256_cmp_pd,
    add _mm256_add_pd, sub _mm256_sub_pd, mul _mm256_mul_pd, div _mm256_div_pd, sqrt _mm256_sqrt_pd,
    fmadd _mm256_fmadd_pd, to_int _mm256_castpd_si256, from_int _mm256_castsi256_pd,
    iadd _mm256_add_epi64, isub _mm256_sub_epi64, sll _mm256_sll_epi64, srl _mm256_srl_epi64,
    movemask _mm256_movemask_pd);

avx_float!(F32x8, f32, 8, u32, set1 _mm256_set1_ps, loadu _mm256_loadu_ps, storeu _mm256_storeu_ps,
    and _mm256_and_ps, or _mm256_or_ps, xor _mm256_xor_ps, andnot _mm256_andnot_ps, cmp _mm256_cmp_ps,
    add _mm256_add_ps, sub _mm256_sub_ps, mul _mm256_mul_ps, div _mm256_div_ps, sqrt _mm256_sqrt_ps,
    fmadd _mm256_fmadd_ps, to_int _mm256_castps_si256, from_int _mm256_castsi256_ps,
    iadd _mm256_add_epi32, isub _mm256_sub_epi32, sll _mm256_sll_epi32, srl _mm256_srl_epi32,
    movemask _mm256_movemask_ps);

impl Widen for F32x8 {
    type Wide = F64x4;
    #[inline(always)]
    fn promote(self) -> [F64x4; 2] {
        [
            F64x4(avx!(_mm256_cvtps_pd(_mm256_castps256_ps128(self.0)))),
            F64x4(avx!(_mm256_cvtps_pd(_mm256_extractf128_ps::<1>(self.0)))),
        ]
    }
    #[inline(always)]
    fn demote(w: [F64x4; 2]) -> Self {
        F32x8(avx!(_mm256_set_m128(
            _mm256_cvtpd_ps(w[1].0),
            _mm256_cvtpd_ps(w[0].0)
        )))
    }
}
