//! The SSE2 backend. SSE2 is part of the x86_64 baseline, so every
//! intrinsic here is available on every x86_64 machine; each `unsafe` block
//! says so, because the intrinsics are declared for callers that enable the
//! feature themselves.

use super::Vector;
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

impl Vector for F64x2 {
    type Elem = f64;
    const LANES: usize = 2;

    #[inline(always)]
    fn splat(x: f64) -> Self {
        F64x2(sse2!(_mm_set1_pd(x)))
    }
    #[inline(always)]
    fn load(s: &[f64]) -> Self {
        let s = &s[..2];
        // SAFETY: `s` has 2 elements; the load is unaligned.
        F64x2(unsafe { _mm_loadu_pd(s.as_ptr()) })
    }
    #[inline(always)]
    fn store(self, s: &mut [f64]) {
        let s = &mut s[..2];
        // SAFETY: `s` has room for 2 elements; the store is unaligned.
        unsafe { _mm_storeu_pd(s.as_mut_ptr(), self.0) }
    }
    #[inline(always)]
    fn add(self, o: Self) -> Self {
        F64x2(sse2!(_mm_add_pd(self.0, o.0)))
    }
    #[inline(always)]
    fn sub(self, o: Self) -> Self {
        F64x2(sse2!(_mm_sub_pd(self.0, o.0)))
    }
    #[inline(always)]
    fn mul(self, o: Self) -> Self {
        F64x2(sse2!(_mm_mul_pd(self.0, o.0)))
    }
    #[inline(always)]
    fn div(self, o: Self) -> Self {
        F64x2(sse2!(_mm_div_pd(self.0, o.0)))
    }
    #[inline(always)]
    fn sqrt(self) -> Self {
        F64x2(sse2!(_mm_sqrt_pd(self.0)))
    }
    #[inline(always)]
    fn and(self, o: Self) -> Self {
        F64x2(sse2!(_mm_and_pd(self.0, o.0)))
    }
    #[inline(always)]
    fn or(self, o: Self) -> Self {
        F64x2(sse2!(_mm_or_pd(self.0, o.0)))
    }
    #[inline(always)]
    fn xor(self, o: Self) -> Self {
        F64x2(sse2!(_mm_xor_pd(self.0, o.0)))
    }
    #[inline(always)]
    fn and_not(self, o: Self) -> Self {
        F64x2(sse2!(_mm_andnot_pd(self.0, o.0)))
    }
    #[inline(always)]
    fn lt(self, o: Self) -> Self {
        F64x2(sse2!(_mm_cmplt_pd(self.0, o.0)))
    }
    #[inline(always)]
    fn le(self, o: Self) -> Self {
        F64x2(sse2!(_mm_cmple_pd(self.0, o.0)))
    }
    #[inline(always)]
    fn eq(self, o: Self) -> Self {
        F64x2(sse2!(_mm_cmpeq_pd(self.0, o.0)))
    }
    #[inline(always)]
    fn add_bits(self, o: Self) -> Self {
        F64x2(sse2!(_mm_castsi128_pd(_mm_add_epi64(
            _mm_castpd_si128(self.0),
            _mm_castpd_si128(o.0)
        ))))
    }
    #[inline(always)]
    fn sub_bits(self, o: Self) -> Self {
        F64x2(sse2!(_mm_castsi128_pd(_mm_sub_epi64(
            _mm_castpd_si128(self.0),
            _mm_castpd_si128(o.0)
        ))))
    }
    #[inline(always)]
    fn shl_bits(self, n: u32) -> Self {
        let count = sse2!(_mm_cvtsi32_si128(n as i32));
        F64x2(sse2!(_mm_castsi128_pd(_mm_sll_epi64(
            _mm_castpd_si128(self.0),
            count
        ))))
    }
    #[inline(always)]
    fn shr_bits(self, n: u32) -> Self {
        let count = sse2!(_mm_cvtsi32_si128(n as i32));
        F64x2(sse2!(_mm_castsi128_pd(_mm_srl_epi64(
            _mm_castpd_si128(self.0),
            count
        ))))
    }
    #[inline(always)]
    fn any(self) -> bool {
        sse2!(_mm_movemask_pd(self.0)) != 0
    }
}

impl Vector for F32x4 {
    type Elem = f32;
    const LANES: usize = 4;

    #[inline(always)]
    fn splat(x: f32) -> Self {
        F32x4(sse2!(_mm_set1_ps(x)))
    }
    #[inline(always)]
    fn load(s: &[f32]) -> Self {
        let s = &s[..4];
        // SAFETY: `s` has 4 elements; the load is unaligned.
        F32x4(unsafe { _mm_loadu_ps(s.as_ptr()) })
    }
    #[inline(always)]
    fn store(self, s: &mut [f32]) {
        let s = &mut s[..4];
        // SAFETY: `s` has room for 4 elements; the store is unaligned.
        unsafe { _mm_storeu_ps(s.as_mut_ptr(), self.0) }
    }
    #[inline(always)]
    fn add(self, o: Self) -> Self {
        F32x4(sse2!(_mm_add_ps(self.0, o.0)))
    }
    #[inline(always)]
    fn sub(self, o: Self) -> Self {
        F32x4(sse2!(_mm_sub_ps(self.0, o.0)))
    }
    #[inline(always)]
    fn mul(self, o: Self) -> Self {
        F32x4(sse2!(_mm_mul_ps(self.0, o.0)))
    }
    #[inline(always)]
    fn div(self, o: Self) -> Self {
        F32x4(sse2!(_mm_div_ps(self.0, o.0)))
    }
    #[inline(always)]
    fn sqrt(self) -> Self {
        F32x4(sse2!(_mm_sqrt_ps(self.0)))
    }
    #[inline(always)]
    fn and(self, o: Self) -> Self {
        F32x4(sse2!(_mm_and_ps(self.0, o.0)))
    }
    #[inline(always)]
    fn or(self, o: Self) -> Self {
        F32x4(sse2!(_mm_or_ps(self.0, o.0)))
    }
    #[inline(always)]
    fn xor(self, o: Self) -> Self {
        F32x4(sse2!(_mm_xor_ps(self.0, o.0)))
    }
    #[inline(always)]
    fn and_not(self, o: Self) -> Self {
        F32x4(sse2!(_mm_andnot_ps(self.0, o.0)))
    }
    #[inline(always)]
    fn lt(self, o: Self) -> Self {
        F32x4(sse2!(_mm_cmplt_ps(self.0, o.0)))
    }
    #[inline(always)]
    fn le(self, o: Self) -> Self {
        F32x4(sse2!(_mm_cmple_ps(self.0, o.0)))
    }
    #[inline(always)]
    fn eq(self, o: Self) -> Self {
        F32x4(sse2!(_mm_cmpeq_ps(self.0, o.0)))
    }
    #[inline(always)]
    fn add_bits(self, o: Self) -> Self {
        F32x4(sse2!(_mm_castsi128_ps(_mm_add_epi32(
            _mm_castps_si128(self.0),
            _mm_castps_si128(o.0)
        ))))
    }
    #[inline(always)]
    fn sub_bits(self, o: Self) -> Self {
        F32x4(sse2!(_mm_castsi128_ps(_mm_sub_epi32(
            _mm_castps_si128(self.0),
            _mm_castps_si128(o.0)
        ))))
    }
    #[inline(always)]
    fn shl_bits(self, n: u32) -> Self {
        let count = sse2!(_mm_cvtsi32_si128(n as i32));
        F32x4(sse2!(_mm_castsi128_ps(_mm_sll_epi32(
            _mm_castps_si128(self.0),
            count
        ))))
    }
    #[inline(always)]
    fn shr_bits(self, n: u32) -> Self {
        let count = sse2!(_mm_cvtsi32_si128(n as i32));
        F32x4(sse2!(_mm_castsi128_ps(_mm_srl_epi32(
            _mm_castps_si128(self.0),
            count
        ))))
    }
    #[inline(always)]
    fn any(self) -> bool {
        sse2!(_mm_movemask_ps(self.0)) != 0
    }
}
