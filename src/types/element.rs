//! The Rust element types of the dtypes: what kernels are generic over.

use super::{Array, DType, Scalar, Slice, SliceMut};
use std::fmt;
use std::mem::MaybeUninit;

/// A Rust element type of one of the dtypes: what kernels are generic over.
pub trait Element: Copy + PartialOrd + Send + Sync + fmt::Debug + 'static {
    const DTYPE: DType;
    const ZERO: Self;
    const ONE: Self;
    fn scalar(self) -> Scalar;
    fn from_scalar(s: Scalar) -> Option<Self>;
    fn slice(s: Slice<'_>) -> Option<&[Self]>;
    fn wrap(v: &[Self]) -> Slice<'_>;
    fn wrap_mut(v: &mut [MaybeUninit<Self>]) -> SliceMut<'_>;
    fn into_array(v: Vec<Self>) -> Array;
    /// A C-style conversion (NumPy's `astype`): truncating, saturating.
    fn cast_to<U: Element>(self) -> U;
    fn to_f64(self) -> f64;
    fn to_i64(self) -> i64;
    fn from_f64(v: f64) -> Self;
    fn from_i64(v: i64) -> Self;
    fn from_bool(v: bool) -> Self;
}

macro_rules! element {
    ($t:ty, $variant:ident, $zero:expr, $one:expr, to_f64: $tf:expr, to_i64: $ti:expr, from_f64: $ff:expr, from_i64: $fi:expr, from_bool: $fb:expr) => {
        impl Element for $t {
            const DTYPE: DType = DType::$variant;
            const ZERO: Self = $zero;
            const ONE: Self = $one;
            fn scalar(self) -> Scalar {
                Scalar::$variant(self)
            }
            fn from_scalar(s: Scalar) -> Option<Self> {
                match s {
                    Scalar::$variant(v) => Some(v),
                    _ => None,
                }
            }
            fn slice(s: Slice<'_>) -> Option<&[Self]> {
                match s {
                    Slice::$variant(v) => Some(v),
                    _ => None,
                }
            }
            fn wrap(v: &[Self]) -> Slice<'_> {
                Slice::$variant(v)
            }
            fn wrap_mut(v: &mut [MaybeUninit<Self>]) -> SliceMut<'_> {
                SliceMut::$variant(v)
            }
            fn into_array(v: Vec<Self>) -> Array {
                Array::$variant(v)
            }
            fn cast_to<U: Element>(self) -> U {
                // Floats go through f64 (exact for f32), integers through i64
                // (exact), so no value is rounded twice.
                if U::DTYPE == DType::Bool {
                    U::from_bool(self != Self::ZERO)
                } else if Self::DTYPE.is_float() {
                    U::from_f64(self.to_f64())
                } else {
                    U::from_i64(self.to_i64())
                }
            }
            fn to_f64(self) -> f64 {
                let f: fn($t) -> f64 = $tf;
                f(self)
            }
            fn to_i64(self) -> i64 {
                let f: fn($t) -> i64 = $ti;
                f(self)
            }
            fn from_f64(v: f64) -> Self {
                let f: fn(f64) -> $t = $ff;
                f(v)
            }
            fn from_i64(v: i64) -> Self {
                let f: fn(i64) -> $t = $fi;
                f(v)
            }
            fn from_bool(v: bool) -> Self {
                let f: fn(bool) -> $t = $fb;
                f(v)
            }
        }
    };
}

element!(bool, Bool, false, true,
    to_f64: |v| f64::from(u8::from(v)), to_i64: i64::from,
    from_f64: |v| v != 0.0, from_i64: |v| v != 0, from_bool: |v| v);
element!(i32, Int32, 0, 1,
    to_f64: f64::from, to_i64: i64::from,
    from_f64: |v| v as i32, from_i64: |v| v as i32, from_bool: i32::from);
element!(i64, Int64, 0, 1,
    to_f64: |v| v as f64, to_i64: |v| v,
    from_f64: |v| v as i64, from_i64: |v| v, from_bool: i64::from);
element!(f32, Float32, 0.0, 1.0,
    to_f64: f64::from, to_i64: |v| v as i64,
    from_f64: |v| v as f32, from_i64: |v| v as f32, from_bool: |v| f32::from(u8::from(v)));
element!(f64, Float64, 0.0, 1.0,
    to_f64: |v| v, to_i64: |v| v as i64,
    from_f64: |v| v, from_i64: |v| v as f64, from_bool: |v| f64::from(u8::from(v)));
