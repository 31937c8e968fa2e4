//! The wasm32 simd128 backend, for builds with `-C target-feature=+simd128`
//! (every browser ExprLab targets has it). The intrinsics are safe to call
//! when the feature is enabled for the whole build; only loads and stores
//! through pointers are `unsafe`.

use super::{Vector, Widen};
use core::arch::wasm32::*;

#[derive(Clone, Copy, Debug)]
pub struct F64x2(v128);

#[derive(Clone, Copy, Debug)]
pub struct F32x4(v128);

macro_rules! wasm_vector {
    ($name:ident, $t:ty, $lanes:literal, $splat:ident, $add:ident, $sub:ident, $mul:ident, $div:ident,
     $sqrt:ident, $lt:ident, $le:ident, $eq:ident, $iadd:ident, $isub:ident, $shl:ident, $shr:ident) => {
        impl Vector for $name {
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
            fn store(self, s: &mut [$t]) {
                let s = &mut s[..$lanes];
                // SAFETY: `s` has room for 16 bytes; v128_store accepts any alignment.
                unsafe { v128_store(s.as_mut_ptr().cast(), self.0) }
            }
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
            fn lt(self, o: Self) -> Self {
                $name($lt(self.0, o.0))
            }
            #[inline(always)]
            fn le(self, o: Self) -> Self {
                $name($le(self.0, o.0))
            }
            #[inline(always)]
            fn eq(self, o: Self) -> Self {
                $name($eq(self.0, o.0))
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
        }
    };
}

wasm_vector!(
    F64x2,
    f64,
    2,
    f64x2_splat,
    f64x2_add,
    f64x2_sub,
    f64x2_mul,
    f64x2_div,
    f64x2_sqrt,
    f64x2_lt,
    f64x2_le,
    f64x2_eq,
    i64x2_add,
    i64x2_sub,
    i64x2_shl,
    u64x2_shr
);
wasm_vector!(
    F32x4,
    f32,
    4,
    f32x4_splat,
    f32x4_add,
    f32x4_sub,
    f32x4_mul,
    f32x4_div,
    f32x4_sqrt,
    f32x4_lt,
    f32x4_le,
    f32x4_eq,
    i32x4_add,
    i32x4_sub,
    i32x4_shl,
    u32x4_shr
);

impl Widen for F32x4 {
    type Wide = F64x2;
    #[inline(always)]
    fn widen(self) -> [F64x2; 2] {
        let high = i32x4_shuffle::<2, 3, 2, 3>(self.0, self.0);
        [
            F64x2(f64x2_promote_low_f32x4(self.0)),
            F64x2(f64x2_promote_low_f32x4(high)),
        ]
    }
    #[inline(always)]
    fn narrow(w: [F64x2; 2]) -> Self {
        let (a, b) = (
            f32x4_demote_f64x2_zero(w[0].0),
            f32x4_demote_f64x2_zero(w[1].0),
        );
        F32x4(i64x2_shuffle::<0, 2>(a, b))
    }
}
