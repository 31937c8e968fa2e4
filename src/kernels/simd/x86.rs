//! The SSE2 backend. SSE2 is part of the x86_64 baseline, so every
//! intrinsic here is available on every x86_64 machine; each `unsafe` block
//! says so, because the intrinsics are declared for callers that enable the
//! feature themselves.

use super::{Vector, Widen};
use std::arch::x86_64::*;

#[derive(Clone, Copy, Debug)]
pub struct F64x2(__m128d);

#[derive(Clone, Copy, Debug)]
pub struct F32x4(__m128);

/// Wraps an SSE2 intrinsic call.
macro_rules! sse2 {
    ($e:expr) => {
        // SAFETY: SSE2 is enabled on every x86_64 target (the baseline), and
        // the intrinsic only reads and writes its register operands.
        unsafe { $e }
    };
}

/// One `Vector` implementation per register type; the two differ only in
/// the intrinsics' suffixes (`_pd`/`_ps`, `epi64`/`epi32`).
macro_rules! sse2_vector {
    ($name:ident, $t:ty, $lanes:literal, set1 $set1:ident, loadu $loadu:ident, storeu $storeu:ident,
     add $add:ident, sub $sub:ident, mul $mul:ident, div $div:ident, sqrt $sqrt:ident,
     and $and:ident, or $or:ident, xor $xor:ident, andnot $andnot:ident,
     lt $lt:ident, le $le:ident, eq $eq:ident, to_int $to_int:ident, from_int $from_int:ident,
     iadd $iadd:ident, isub $isub:ident, sll $sll:ident, srl $srl:ident, movemask $movemask:ident) => {
        impl Vector for $name {
            type Elem = $t;
            const LANES: usize = $lanes;

            #[inline(always)]
            fn splat(x: $t) -> Self {
                $name(sse2!($set1(x)))
            }
            #[inline(always)]
            fn load(s: &[$t]) -> Self {
                let s = &s[..$lanes];
                // SAFETY: `s` holds 16 bytes; the load is unaligned.
                $name(unsafe { $loadu(s.as_ptr()) })
            }
            #[inline(always)]
            fn store(self, s: &mut [$t]) {
                let s = &mut s[..$lanes];
                // SAFETY: `s` has room for 16 bytes; the store is unaligned.
                unsafe { $storeu(s.as_mut_ptr(), self.0) }
            }
            #[inline(always)]
            fn add(self, o: Self) -> Self {
                $name(sse2!($add(self.0, o.0)))
            }
            #[inline(always)]
            fn sub(self, o: Self) -> Self {
                $name(sse2!($sub(self.0, o.0)))
            }
            #[inline(always)]
            fn mul(self, o: Self) -> Self {
                $name(sse2!($mul(self.0, o.0)))
            }
            #[inline(always)]
            fn div(self, o: Self) -> Self {
                $name(sse2!($div(self.0, o.0)))
            }
            #[inline(always)]
            fn sqrt(self) -> Self {
                $name(sse2!($sqrt(self.0)))
            }
            #[inline(always)]
            fn and(self, o: Self) -> Self {
                $name(sse2!($and(self.0, o.0)))
            }
            #[inline(always)]
            fn or(self, o: Self) -> Self {
                $name(sse2!($or(self.0, o.0)))
            }
            #[inline(always)]
            fn xor(self, o: Self) -> Self {
                $name(sse2!($xor(self.0, o.0)))
            }
            #[inline(always)]
            fn and_not(self, o: Self) -> Self {
                $name(sse2!($andnot(self.0, o.0)))
            }
            #[inline(always)]
            fn lt(self, o: Self) -> Self {
                $name(sse2!($lt(self.0, o.0)))
            }
            #[inline(always)]
            fn le(self, o: Self) -> Self {
                $name(sse2!($le(self.0, o.0)))
            }
            #[inline(always)]
            fn eq(self, o: Self) -> Self {
                $name(sse2!($eq(self.0, o.0)))
            }
            #[inline(always)]
            fn add_bits(self, o: Self) -> Self {
                $name(sse2!($from_int($iadd($to_int(self.0), $to_int(o.0)))))
            }
            #[inline(always)]
            fn sub_bits(self, o: Self) -> Self {
                $name(sse2!($from_int($isub($to_int(self.0), $to_int(o.0)))))
            }
            #[inline(always)]
            fn shl_bits(self, n: u32) -> Self {
                let count = sse2!(_mm_cvtsi32_si128(n as i32));
                $name(sse2!($from_int($sll($to_int(self.0), count))))
            }
            #[inline(always)]
            fn shr_bits(self, n: u32) -> Self {
                let count = sse2!(_mm_cvtsi32_si128(n as i32));
                $name(sse2!($from_int($srl($to_int(self.0), count))))
            }
            #[inline(always)]
            fn any(self) -> bool {
                sse2!($movemask(self.0)) != 0
            }
        }
    };
}

sse2_vector!(F64x2, f64, 2, set1 _mm_set1_pd, loadu _mm_loadu_pd, storeu _mm_storeu_pd,
    add _mm_add_pd, sub _mm_sub_pd, mul _mm_mul_pd, div _mm_div_pd, sqrt _mm_sqrt_pd,
    and _mm_and_pd, or _mm_or_pd, xor _mm_xor_pd, andnot _mm_andnot_pd,
    lt _mm_cmplt_pd, le _mm_cmple_pd, eq _mm_cmpeq_pd, to_int _mm_castpd_si128, from_int _mm_castsi128_pd,
    iadd _mm_add_epi64, isub _mm_sub_epi64, sll _mm_sll_epi64, srl _mm_srl_epi64, movemask _mm_movemask_pd);
sse2_vector!(F32x4, f32, 4, set1 _mm_set1_ps, loadu _mm_loadu_ps, storeu _mm_storeu_ps,
    add _mm_add_ps, sub _mm_sub_ps, mul _mm_mul_ps, div _mm_div_ps, sqrt _mm_sqrt_ps,
    and _mm_and_ps, or _mm_or_ps, xor _mm_xor_ps, andnot _mm_andnot_ps,
    lt _mm_cmplt_ps, le _mm_cmple_ps, eq _mm_cmpeq_ps, to_int _mm_castps_si128, from_int _mm_castsi128_ps,
    iadd _mm_add_epi32, isub _mm_sub_epi32, sll _mm_sll_epi32, srl _mm_srl_epi32, movemask _mm_movemask_ps);

impl Widen for F32x4 {
    type Wide = F64x2;
    #[inline(always)]
    fn widen(self) -> [F64x2; 2] {
        let high = sse2!(_mm_movehl_ps(self.0, self.0));
        [
            F64x2(sse2!(_mm_cvtps_pd(self.0))),
            F64x2(sse2!(_mm_cvtps_pd(high))),
        ]
    }
    #[inline(always)]
    fn narrow(w: [F64x2; 2]) -> Self {
        F32x4(sse2!(_mm_movelh_ps(
            _mm_cvtpd_ps(w[0].0),
            _mm_cvtpd_ps(w[1].0)
        )))
    }
}
