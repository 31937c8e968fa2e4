//! The wasm32 simd128 backend, for builds with `-C target-feature=+simd128`
//! (every browser ExprLab targets has it). The intrinsics are safe to call
//! when the feature is enabled for the whole build; only loads and stores
//! through pointers are `unsafe`.

use super::{Convert, Ints, Lanes, Vector, Widen};
use core::arch::wasm32::*;
use std::mem::MaybeUninit;

#[derive(Clone, Copy, Debug)]
pub struct F64x2(v128);

#[derive(Clone, Copy, Debug)]
pub struct F32x4(v128);

#[derive(Clone, Copy, Debug)]
pub struct I64x2(v128);

#[derive(Clone, Copy, Debug)]
pub struct I32x4(v128);

/// Sixteen bools, one byte each (0 or 1), as `bool` is stored.
#[derive(Clone, Copy, Debug)]
pub struct B8x16(v128);

/// Four vectors of 32-bit masks as sixteen bools (saturating narrows keep
/// all-ones lanes -1 and zero lanes 0).
#[inline(always)]
fn narrow32(m: [v128; 4], out: &mut [MaybeUninit<bool>]) {
    let bytes = i8x16_narrow_i16x8(
        i16x8_narrow_i32x4(m[0], m[1]),
        i16x8_narrow_i32x4(m[2], m[3]),
    );
    B8x16(v128_and(bytes, u8x16_splat(1))).write(out);
}

/// Sixteen bools as four vectors of 32-bit masks, sign-extended.
#[inline(always)]
fn widen32(bools: &[bool]) -> [v128; 4] {
    let m = i8x16_neg(B8x16::load(bools).0);
    let (lo, hi) = (i16x8_extend_low_i8x16(m), i16x8_extend_high_i8x16(m));
    [
        i32x4_extend_low_i16x8(lo),
        i32x4_extend_high_i16x8(lo),
        i32x4_extend_low_i16x8(hi),
        i32x4_extend_high_i16x8(hi),
    ]
}

#[inline(always)]
fn narrow_32(mut m: impl FnMut(usize) -> v128, out: &mut [MaybeUninit<bool>]) {
    narrow32([m(0), m(1), m(2), m(3)], out);
}

/// Eight vectors of 64-bit masks: the low halves first gathered into
/// 32-bit masks.
#[inline(always)]
fn narrow_64(mut m: impl FnMut(usize) -> v128, out: &mut [MaybeUninit<bool>]) {
    let mut pair = |k: usize| {
        let (a, b) = (m(2 * k), m(2 * k + 1));
        i32x4_shuffle::<0, 2, 4, 6>(a, b)
    };
    narrow32([pair(0), pair(1), pair(2), pair(3)], out);
}

#[inline(always)]
fn narrow_8(mut m: impl FnMut(usize) -> v128, out: &mut [MaybeUninit<bool>]) {
    B8x16(v128_and(m(0), u8x16_splat(1))).write(out);
}

#[inline(always)]
fn widen_32(bools: &[bool], mut each: impl FnMut(usize, v128)) {
    for (k, m) in widen32(bools).into_iter().enumerate() {
        each(k, m);
    }
}

#[inline(always)]
fn widen_64(bools: &[bool], mut each: impl FnMut(usize, v128)) {
    for (k, m) in widen32(bools).into_iter().enumerate() {
        each(2 * k, i64x2_extend_low_i32x4(m));
        each(2 * k + 1, i64x2_extend_high_i32x4(m));
    }
}

#[inline(always)]
fn widen_8(bools: &[bool], mut each: impl FnMut(usize, v128)) {
    each(0, i8x16_neg(B8x16::load(bools).0));
}

/// The `Lanes` implementation of one lane type.
macro_rules! wasm_lanes {
    ($name:ident, $t:ty, $lanes:literal, $splat:expr, $eq:ident, $lt:ident, $le:ident,
     $narrow:ident, $widen:ident) => {
        impl super::Sealed for $name {}

        impl Lanes for $name {
            type Elem = $t;
            const LANES: usize = $lanes;

            #[inline(always)]
            fn splat(x: $t) -> Self {
                $name($splat(x))
            }
            #[inline(always)]
            fn load(s: &[$t]) -> Self {
                let s = &s[..$lanes];
                // SAFETY: `s` holds 16 bytes; v128_load accepts any alignment.
                $name(unsafe { v128_load(s.as_ptr().cast()) })
            }
            #[inline(always)]
            fn write(self, s: &mut [MaybeUninit<$t>]) {
                let s = &mut s[..$lanes];
                // SAFETY: `s` has room for 16 bytes; v128_store accepts any
                // alignment. Bool vectors hold only 0 and 1 bytes.
                unsafe { v128_store(s.as_mut_ptr().cast(), self.0) }
            }
            #[inline(always)]
            fn and(self, o: Self) -> Self {
                $name(v128_and(self.0, o.0))
            }
            #[inline(always)]
            fn or(self, o: Self) -> Self {
                $name(v128_or(self.0, o.0))
            }
            #[inline(always)]
            fn xor(self, o: Self) -> Self {
                $name(v128_xor(self.0, o.0))
            }
            #[inline(always)]
            fn and_not(self, o: Self) -> Self {
                // v128_andnot(a, b) is a & !b.
                $name(v128_andnot(o.0, self.0))
            }
            #[inline(always)]
            fn eq(self, o: Self) -> Self {
                $name($eq(self.0, o.0))
            }
            #[inline(always)]
            fn lt(self, o: Self) -> Self {
                $name($lt(self.0, o.0))
            }
            #[inline(always)]
            fn le(self, o: Self) -> Self {
                $name($le(self.0, o.0))
            }
            #[inline(always)]
            fn narrow(mut mask: impl FnMut(usize) -> Self, out: &mut [MaybeUninit<bool>]) {
                $narrow(|k| mask(k).0, out)
            }
            #[inline(always)]
            fn widen(bools: &[bool], mut each: impl FnMut(usize, Self)) {
                $widen(bools, |k, m| each(k, $name(m)))
            }
        }
    };
}

macro_rules! wasm_vector {
    ($name:ident, $add:ident, $sub:ident, $mul:ident, $div:ident, $sqrt:ident, $madd:ident,
     $iadd:ident, $isub:ident, $shl:ident, $shr:ident) => {
        impl Vector for $name {
            #[inline(always)]
            fn add(self, o: Self) -> Self {
                $name($add(self.0, o.0))
            }
            #[inline(always)]
            fn sub(self, o: Self) -> Self {
                $name($sub(self.0, o.0))
            }
            #[inline(always)]
            fn mul(self, o: Self) -> Self {
                $name($mul(self.0, o.0))
            }
            #[inline(always)]
            fn div(self, o: Self) -> Self {
                $name($div(self.0, o.0))
            }
            #[inline(always)]
            fn sqrt(self) -> Self {
                $name($sqrt(self.0))
            }
            #[inline(always)]
            fn add_bits(self, o: Self) -> Self {
                $name($iadd(self.0, o.0))
            }
            #[inline(always)]
            fn sub_bits(self, o: Self) -> Self {
                $name($isub(self.0, o.0))
            }
            #[inline(always)]
            fn shl_bits(self, n: u32) -> Self {
                $name($shl(self.0, n))
            }
            #[inline(always)]
            fn shr_bits(self, n: u32) -> Self {
                $name($shr(self.0, n))
            }
            #[inline(always)]
            fn any(self) -> bool {
                v128_any_true(self.0)
            }
            /// Relaxed SIMD's multiply-add where the build has it (the
            /// relaxed packages): fused on hardware with FMA.
            #[cfg(target_feature = "relaxed-simd")]
            #[inline(always)]
            fn madd(self, b: Self, c: Self) -> Self {
                $name($madd(self.0, b.0, c.0))
            }
        }
    };
}

macro_rules! wasm_ints {
    ($name:ident, $add:ident, $sub:ident, $mul:ident, $shl:ident, $shr:ident) => {
        impl Ints for $name {
            #[inline(always)]
            fn add(self, o: Self) -> Self {
                $name($add(self.0, o.0))
            }
            #[inline(always)]
            fn sub(self, o: Self) -> Self {
                $name($sub(self.0, o.0))
            }
            #[inline(always)]
            fn mul(self, o: Self) -> Self {
                $name($mul(self.0, o.0))
            }
            #[inline(always)]
            fn shl(self, n: u32) -> Self {
                $name($shl(self.0, n))
            }
            #[inline(always)]
            fn shr(self, n: u32) -> Self {
                $name($shr(self.0, n))
            }
        }
    };
}

wasm_lanes!(
    F64x2,
    f64,
    2,
    f64x2_splat,
    f64x2_eq,
    f64x2_lt,
    f64x2_le,
    narrow_64,
    widen_64
);
wasm_vector!(
    F64x2,
    f64x2_add,
    f64x2_sub,
    f64x2_mul,
    f64x2_div,
    f64x2_sqrt,
    f64x2_relaxed_madd,
    i64x2_add,
    i64x2_sub,
    i64x2_shl,
    u64x2_shr
);
wasm_lanes!(
    F32x4,
    f32,
    4,
    f32x4_splat,
    f32x4_eq,
    f32x4_lt,
    f32x4_le,
    narrow_32,
    widen_32
);
wasm_vector!(
    F32x4,
    f32x4_add,
    f32x4_sub,
    f32x4_mul,
    f32x4_div,
    f32x4_sqrt,
    f32x4_relaxed_madd,
    i32x4_add,
    i32x4_sub,
    i32x4_shl,
    u32x4_shr
);
wasm_lanes!(
    I64x2,
    i64,
    2,
    i64x2_splat,
    i64x2_eq,
    i64x2_lt,
    i64x2_le,
    narrow_64,
    widen_64
);
wasm_ints!(I64x2, i64x2_add, i64x2_sub, i64x2_mul, i64x2_shl, i64x2_shr);
wasm_lanes!(
    I32x4,
    i32,
    4,
    i32x4_splat,
    i32x4_eq,
    i32x4_lt,
    i32x4_le,
    narrow_32,
    widen_32
);
wasm_ints!(I32x4, i32x4_add, i32x4_sub, i32x4_mul, i32x4_shl, i32x4_shr);
wasm_lanes!(
    B8x16,
    bool,
    16,
    |x: bool| u8x16_splat(x as u8),
    i8x16_eq,
    u8x16_lt,
    u8x16_le,
    narrow_8,
    widen_8
);

impl Widen for F32x4 {
    type Wide = F64x2;
    #[inline(always)]
    fn promote(self) -> [F64x2; 2] {
        let high = i32x4_shuffle::<2, 3, 2, 3>(self.0, self.0);
        [
            F64x2(f64x2_promote_low_f32x4(self.0)),
            F64x2(f64x2_promote_low_f32x4(high)),
        ]
    }
    #[inline(always)]
    fn demote(w: [F64x2; 2]) -> Self {
        let (a, b) = (
            f32x4_demote_f64x2_zero(w[0].0),
            f32x4_demote_f64x2_zero(w[1].0),
        );
        F32x4(i64x2_shuffle::<0, 2>(a, b))
    }
}

impl Convert for I32x4 {
    type F32 = F32x4;
    type F64 = F64x2;
    #[inline(always)]
    fn to_f32(self) -> F32x4 {
        F32x4(f32x4_convert_i32x4(self.0))
    }
    #[inline(always)]
    fn to_f64(self) -> [F64x2; 2] {
        let high = i32x4_shuffle::<2, 3, 2, 3>(self.0, self.0);
        [
            F64x2(f64x2_convert_low_i32x4(self.0)),
            F64x2(f64x2_convert_low_i32x4(high)),
        ]
    }
    #[inline(always)]
    fn from_f32(v: F32x4) -> Self {
        I32x4(i32x4_trunc_sat_f32x4(v.0))
    }
    #[inline(always)]
    fn from_f64(v: [F64x2; 2]) -> Self {
        let (a, b) = (
            i32x4_trunc_sat_f64x2_zero(v[0].0),
            i32x4_trunc_sat_f64x2_zero(v[1].0),
        );
        I32x4(i64x2_shuffle::<0, 2>(a, b))
    }
}
