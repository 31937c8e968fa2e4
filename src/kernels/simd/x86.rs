//! The SSE2 backend. SSE2 is part of the x86_64 baseline, so every
//! intrinsic here is available on every x86_64 machine; each `unsafe` block
//! says so, because the intrinsics are declared for callers that enable the
//! feature themselves. What SSE2 lacks (32- and 64-bit integer multiplies,
//! 64-bit compares and arithmetic shifts) is built from what it has.

use super::{Convert, Ints, Lanes, Vector, Widen};
use std::arch::x86_64::*;
use std::mem::MaybeUninit;

#[derive(Clone, Copy, Debug)]
pub struct F64x2(__m128d);

#[derive(Clone, Copy, Debug)]
pub struct F32x4(__m128);

#[derive(Clone, Copy, Debug)]
pub struct I64x2(__m128i);

#[derive(Clone, Copy, Debug)]
pub struct I32x4(__m128i);

/// Sixteen bools, one byte each (0 or 1), as `bool` is stored.
#[derive(Clone, Copy, Debug)]
pub struct B8x16(__m128i);

/// Wraps an SSE2 intrinsic call.
macro_rules! sse2 {
    ($e:expr) => {{
        // SAFETY: SSE2 is enabled on every x86_64 target (the baseline),
        // and the intrinsic only reads and writes its register operands.
        // (Some calls here are to this file's safe helpers.)
        #[allow(unused_unsafe)]
        let v = unsafe { $e };
        v
    }};
}

/// Four vectors of 32-bit masks as sixteen bools (saturating packs keep
/// all-ones lanes -1 and zero lanes 0).
#[inline(always)]
fn narrow32(m: [__m128i; 4], out: &mut [MaybeUninit<bool>]) {
    let out = &mut out[..16];
    let bytes = sse2!(_mm_packs_epi16(
        _mm_packs_epi32(m[0], m[1]),
        _mm_packs_epi32(m[2], m[3])
    ));
    let bools = sse2!(_mm_and_si128(bytes, _mm_set1_epi8(1)));
    // SAFETY: `out` has room for 16 bytes, each written 0 or 1 (a valid bool).
    unsafe { _mm_storeu_si128(out.as_mut_ptr().cast(), bools) }
}

/// Sixteen bools as four vectors of 32-bit masks (each byte's mask
/// duplicated by unpacking it with itself).
#[inline(always)]
fn widen32(bools: &[bool]) -> [__m128i; 4] {
    let bools = &bools[..16];
    // SAFETY: `bools` holds 16 bytes; the load is unaligned.
    let v = unsafe { _mm_loadu_si128(bools.as_ptr().cast()) };
    let m = sse2!(_mm_sub_epi8(_mm_setzero_si128(), v));
    let (lo, hi) = sse2!((_mm_unpacklo_epi8(m, m), _mm_unpackhi_epi8(m, m)));
    sse2!([
        _mm_unpacklo_epi16(lo, lo),
        _mm_unpackhi_epi16(lo, lo),
        _mm_unpacklo_epi16(hi, hi),
        _mm_unpackhi_epi16(hi, hi),
    ])
}

/// Four vectors of 32-bit masks, `m(0)` first, as sixteen bools.
#[inline(always)]
fn narrow_32(mut m: impl FnMut(usize) -> __m128i, out: &mut [MaybeUninit<bool>]) {
    narrow32([m(0), m(1), m(2), m(3)], out);
}

/// Eight vectors of 64-bit masks as sixteen bools: the low halves first
/// gathered into 32-bit masks.
#[inline(always)]
fn narrow_64(mut m: impl FnMut(usize) -> __m128i, out: &mut [MaybeUninit<bool>]) {
    let mut pair = |k: usize| {
        let (a, b) = (m(2 * k), m(2 * k + 1));
        sse2!(_mm_castps_si128(_mm_shuffle_ps::<0b10_00_10_00>(
            _mm_castsi128_ps(a),
            _mm_castsi128_ps(b)
        )))
    };
    narrow32([pair(0), pair(1), pair(2), pair(3)], out);
}

/// One vector of byte masks as sixteen bools.
#[inline(always)]
fn narrow_8(mut m: impl FnMut(usize) -> __m128i, out: &mut [MaybeUninit<bool>]) {
    B8x16(sse2!(_mm_and_si128(m(0), _mm_set1_epi8(1)))).write(out);
}

#[inline(always)]
fn widen_32(bools: &[bool], mut each: impl FnMut(usize, __m128i)) {
    for (k, m) in widen32(bools).into_iter().enumerate() {
        each(k, m);
    }
}

/// Sixteen bools as eight vectors of 64-bit masks.
#[inline(always)]
fn widen_64(bools: &[bool], mut each: impl FnMut(usize, __m128i)) {
    for (k, m) in widen32(bools).into_iter().enumerate() {
        each(2 * k, sse2!(_mm_unpacklo_epi32(m, m)));
        each(2 * k + 1, sse2!(_mm_unpackhi_epi32(m, m)));
    }
}

#[inline(always)]
fn widen_8(bools: &[bool], mut each: impl FnMut(usize, __m128i)) {
    each(
        0,
        sse2!(_mm_sub_epi8(_mm_setzero_si128(), B8x16::load(bools).0)),
    );
}

/// Copies each lane's sign into all of its 64 bits.
#[inline(always)]
fn sign64(v: __m128i) -> __m128i {
    sse2!(_mm_shuffle_epi32::<0b11_11_01_01>(_mm_srai_epi32::<31>(v)))
}

/// The `Lanes` implementation of one register type: its element, loads and
/// stores, bitwise ops and compares, and its masks as bools.
macro_rules! sse2_lanes {
    ($name:ident, $t:ty, $lanes:literal, $ptr:ty, set1 $set1:expr, loadu $loadu:ident, storeu $storeu:ident,
     and $and:ident, or $or:ident, xor $xor:ident, andnot $andnot:ident,
     eq $eq:expr, lt $lt:expr, le $le:expr, to_int $to_int:ident, from_int $from_int:ident,
     narrow $narrow:ident, widen $widen:ident) => {
        impl super::Sealed for $name {}

        impl Lanes for $name {
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
                $name(unsafe { $loadu(s.as_ptr() as $ptr) })
            }
            #[inline(always)]
            fn write(self, s: &mut [MaybeUninit<$t>]) {
                let s = &mut s[..$lanes];
                // SAFETY: `s` has room for 16 bytes; the store is unaligned.
                // Bool vectors hold only 0 and 1 bytes.
                unsafe { $storeu(s.as_mut_ptr() as _, self.0) }
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
            fn eq(self, o: Self) -> Self {
                $name(sse2!($eq(self.0, o.0)))
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
            fn narrow(mut mask: impl FnMut(usize) -> Self, out: &mut [MaybeUninit<bool>]) {
                $narrow(|k| sse2!($to_int(mask(k).0)), out)
            }
            #[inline(always)]
            fn widen(bools: &[bool], mut each: impl FnMut(usize, Self)) {
                $widen(bools, |k, m| each(k, $name(sse2!($from_int(m)))))
            }
        }
    };
}

/// The float ops of one register type; the two differ only in the
/// intrinsics' suffixes (`_pd`/`_ps`, `epi64`/`epi32`).
macro_rules! sse2_vector {
    ($name:ident, $t:ty, add $add:ident, sub $sub:ident, mul $mul:ident, div $div:ident, sqrt $sqrt:ident,
     to_int $to_int:ident, from_int $from_int:ident,
     iadd $iadd:ident, isub $isub:ident, sll $sll:ident, srl $srl:ident, movemask $movemask:ident) => {
        impl Vector for $name {
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

/// `!(b < a)` as a mask, for the integer compares SSE2 lacks.
macro_rules! not_greater {
    ($lt:expr) => {
        |a, b| _mm_xor_si128(($lt)(b, a), _mm_set1_epi32(-1))
    };
}

sse2_lanes!(F64x2, f64, 2, *const f64, set1 _mm_set1_pd, loadu _mm_loadu_pd, storeu _mm_storeu_pd,
    and _mm_and_pd, or _mm_or_pd, xor _mm_xor_pd, andnot _mm_andnot_pd,
    eq _mm_cmpeq_pd, lt _mm_cmplt_pd, le _mm_cmple_pd, to_int _mm_castpd_si128, from_int _mm_castsi128_pd,
    narrow narrow_64, widen widen_64);
sse2_vector!(F64x2, f64, add _mm_add_pd, sub _mm_sub_pd, mul _mm_mul_pd, div _mm_div_pd, sqrt _mm_sqrt_pd,
    to_int _mm_castpd_si128, from_int _mm_castsi128_pd,
    iadd _mm_add_epi64, isub _mm_sub_epi64, sll _mm_sll_epi64, srl _mm_srl_epi64, movemask _mm_movemask_pd);

sse2_lanes!(F32x4, f32, 4, *const f32, set1 _mm_set1_ps, loadu _mm_loadu_ps, storeu _mm_storeu_ps,
    and _mm_and_ps, or _mm_or_ps, xor _mm_xor_ps, andnot _mm_andnot_ps,
    eq _mm_cmpeq_ps, lt _mm_cmplt_ps, le _mm_cmple_ps, to_int _mm_castps_si128, from_int _mm_castsi128_ps,
    narrow narrow_32, widen widen_32);
sse2_vector!(F32x4, f32, add _mm_add_ps, sub _mm_sub_ps, mul _mm_mul_ps, div _mm_div_ps, sqrt _mm_sqrt_ps,
    to_int _mm_castps_si128, from_int _mm_castsi128_ps,
    iadd _mm_add_epi32, isub _mm_sub_epi32, sll _mm_sll_epi32, srl _mm_srl_epi32, movemask _mm_movemask_ps);

/// 64-bit equality from 32-bit: both halves equal.
#[inline(always)]
fn eq64(a: __m128i, b: __m128i) -> __m128i {
    sse2!({
        let c = _mm_cmpeq_epi32(a, b);
        _mm_and_si128(c, _mm_shuffle_epi32::<0b10_11_00_01>(c))
    })
}

/// Signed 64-bit a < b: the sign of a - b, corrected where it overflowed
/// (Hacker's Delight 2-12), spread over the lane.
#[inline(always)]
fn lt64(a: __m128i, b: __m128i) -> __m128i {
    sse2!({
        let d = _mm_sub_epi64(a, b);
        let overflow = _mm_and_si128(_mm_xor_si128(a, b), _mm_xor_si128(d, a));
        sign64(_mm_xor_si128(d, overflow))
    })
}

#[inline(always)]
fn identity(v: __m128i) -> __m128i {
    v
}

sse2_lanes!(I64x2, i64, 2, *const __m128i, set1 _mm_set1_epi64x, loadu _mm_loadu_si128, storeu _mm_storeu_si128,
    and _mm_and_si128, or _mm_or_si128, xor _mm_xor_si128, andnot _mm_andnot_si128,
    eq eq64, lt lt64, le not_greater!(lt64), to_int identity, from_int identity,
    narrow narrow_64, widen widen_64);
sse2_lanes!(I32x4, i32, 4, *const __m128i, set1 _mm_set1_epi32, loadu _mm_loadu_si128, storeu _mm_storeu_si128,
    and _mm_and_si128, or _mm_or_si128, xor _mm_xor_si128, andnot _mm_andnot_si128,
    eq _mm_cmpeq_epi32, lt _mm_cmplt_epi32, le not_greater!(_mm_cmplt_epi32), to_int identity, from_int identity,
    narrow narrow_32, widen widen_32);
sse2_lanes!(B8x16, bool, 16, *const __m128i, set1 |x: bool| _mm_set1_epi8(x as i8), loadu _mm_loadu_si128,
    storeu _mm_storeu_si128,
    and _mm_and_si128, or _mm_or_si128, xor _mm_xor_si128, andnot _mm_andnot_si128,
    eq _mm_cmpeq_epi8, lt _mm_cmplt_epi8, le not_greater!(_mm_cmplt_epi8), to_int identity, from_int identity,
    narrow narrow_8, widen widen_8);

impl Ints for I64x2 {
    #[inline(always)]
    fn add(self, o: Self) -> Self {
        I64x2(sse2!(_mm_add_epi64(self.0, o.0)))
    }
    #[inline(always)]
    fn sub(self, o: Self) -> Self {
        I64x2(sse2!(_mm_sub_epi64(self.0, o.0)))
    }
    /// The low 64 bits of the product from three 32 x 32 -> 64 multiplies:
    /// al bl + ((ah bl + al bh) << 32).
    #[inline(always)]
    fn mul(self, o: Self) -> Self {
        let (a, b) = (self.0, o.0);
        I64x2(sse2!({
            let low = _mm_mul_epu32(a, b);
            let cross = _mm_add_epi64(
                _mm_mul_epu32(_mm_srli_epi64::<32>(a), b),
                _mm_mul_epu32(a, _mm_srli_epi64::<32>(b)),
            );
            _mm_add_epi64(low, _mm_slli_epi64::<32>(cross))
        }))
    }
    #[inline(always)]
    fn shl(self, n: u32) -> Self {
        I64x2(sse2!(_mm_sll_epi64(self.0, _mm_cvtsi32_si128(n as i32))))
    }
    /// Arithmetic: the logical shift with the sign shifted in from the left
    /// (a count of 64 shifts the sign out entirely).
    #[inline(always)]
    fn shr(self, n: u32) -> Self {
        I64x2(sse2!({
            let logical = _mm_srl_epi64(self.0, _mm_cvtsi32_si128(n as i32));
            let fill = _mm_sll_epi64(sign64(self.0), _mm_cvtsi32_si128(64 - n as i32));
            _mm_or_si128(logical, fill)
        }))
    }
}

impl Ints for I32x4 {
    #[inline(always)]
    fn add(self, o: Self) -> Self {
        I32x4(sse2!(_mm_add_epi32(self.0, o.0)))
    }
    #[inline(always)]
    fn sub(self, o: Self) -> Self {
        I32x4(sse2!(_mm_sub_epi32(self.0, o.0)))
    }
    /// The low 32 bits of each product, from the even and the odd lanes'
    /// 32 x 32 -> 64 multiplies.
    #[inline(always)]
    fn mul(self, o: Self) -> Self {
        let (a, b) = (self.0, o.0);
        I32x4(sse2!({
            let even = _mm_mul_epu32(a, b);
            let odd = _mm_mul_epu32(_mm_srli_epi64::<32>(a), _mm_srli_epi64::<32>(b));
            _mm_unpacklo_epi32(
                _mm_shuffle_epi32::<0b00_00_10_00>(even),
                _mm_shuffle_epi32::<0b00_00_10_00>(odd),
            )
        }))
    }
    #[inline(always)]
    fn shl(self, n: u32) -> Self {
        I32x4(sse2!(_mm_sll_epi32(self.0, _mm_cvtsi32_si128(n as i32))))
    }
    #[inline(always)]
    fn shr(self, n: u32) -> Self {
        I32x4(sse2!(_mm_sra_epi32(self.0, _mm_cvtsi32_si128(n as i32))))
    }
}

impl Widen for F32x4 {
    type Wide = F64x2;
    #[inline(always)]
    fn promote(self) -> [F64x2; 2] {
        let high = sse2!(_mm_movehl_ps(self.0, self.0));
        [
            F64x2(sse2!(_mm_cvtps_pd(self.0))),
            F64x2(sse2!(_mm_cvtps_pd(high))),
        ]
    }
    #[inline(always)]
    fn demote(w: [F64x2; 2]) -> Self {
        F32x4(sse2!(_mm_movelh_ps(
            _mm_cvtpd_ps(w[0].0),
            _mm_cvtpd_ps(w[1].0)
        )))
    }
}

/// SSE2's truncations give 0x80000000 for NaN and out-of-range values;
/// these conversions saturate as Rust's `as` does instead.
impl Convert for I32x4 {
    type F32 = F32x4;
    type F64 = F64x2;
    #[inline(always)]
    fn to_f32(self) -> F32x4 {
        F32x4(sse2!(_mm_cvtepi32_ps(self.0)))
    }
    #[inline(always)]
    fn to_f64(self) -> [F64x2; 2] {
        let high = sse2!(_mm_shuffle_epi32::<0b11_10_11_10>(self.0));
        [
            F64x2(sse2!(_mm_cvtepi32_pd(self.0))),
            F64x2(sse2!(_mm_cvtepi32_pd(high))),
        ]
    }
    /// Too large gives 0x80000000, flipped to i32::MAX; NaN is masked to 0.
    #[inline(always)]
    fn from_f32(v: F32x4) -> Self {
        I32x4(sse2!({
            let r = _mm_cvttps_epi32(v.0);
            let big = _mm_castps_si128(_mm_cmpge_ps(v.0, _mm_set1_ps(2147483648.0)));
            let number = _mm_castps_si128(_mm_cmpeq_ps(v.0, v.0));
            _mm_and_si128(_mm_xor_si128(r, big), number)
        }))
    }
    /// NaN zeroed and the rest clamped to the int32 range before truncating.
    #[inline(always)]
    fn from_f64(v: [F64x2; 2]) -> Self {
        let one = |v: __m128d| {
            sse2!({
                let v = _mm_and_pd(v, _mm_cmpeq_pd(v, v));
                let v = _mm_min_pd(
                    _mm_max_pd(v, _mm_set1_pd(-2147483648.0)),
                    _mm_set1_pd(2147483647.0),
                );
                _mm_cvttpd_epi32(v)
            })
        };
        I32x4(sse2!(_mm_unpacklo_epi64(one(v[0].0), one(v[1].0))))
    }
}
