//! The Rust element types of the dtypes: what kernels are generic over.

use super::{Array, DType, Scalar, Slice, SliceMut};
use std::fmt;
use std::mem::MaybeUninit;

/// complex128's element: a pair of float64s, real part first, as NumPy
/// lays them out.
pub type C128 = num_complex::Complex<f64>;

/// A Rust element type of one of the dtypes: what kernels are generic over.
pub trait Element: Copy + PartialEq + Send + Sync + fmt::Debug + 'static {
    const DTYPE: DType;
    const ZERO: Self;
    const ONE: Self;
    fn scalar(self) -> Scalar;
    fn from_scalar(s: Scalar) -> Option<Self>;
    fn slice(s: Slice<'_>) -> Option<&[Self]>;
    fn wrap(v: &[Self]) -> Slice<'_>;
    fn wrap_mut(v: &mut [MaybeUninit<Self>]) -> SliceMut<'_>;
    fn into_array(v: Vec<Self>) -> Array;
    /// A C-style conversion (NumPy's `astype`): to bool, nonzero; to
    /// complex, the value as the real part; from a complex, its real part
    /// (NumPy warns that the imaginary part is dropped); from a float,
    /// through f64 (exact for f32) and then truncated (saturating) or
    /// rounded; from an integer, through i128 (exact) and then wrapped or
    /// rounded once.
    #[inline(always)]
    fn cast_to<U: Element>(self) -> U {
        if U::DTYPE == DType::Bool {
            U::from_bool(self != Self::ZERO)
        } else if U::DTYPE.is_complex() {
            U::from_complex(self.to_complex())
        } else if Self::DTYPE.is_float() || Self::DTYPE.is_complex() {
            U::from_f64(self.to_f64())
        } else {
            U::from_i128(self.to_i128())
        }
    }
    /// The nearest f64.
    fn to_f64(self) -> f64;
    /// The value of an integer or bool; a float's, truncated and saturated.
    fn to_i128(self) -> i128;
    /// Truncated and saturated into an integer, rounded into a float.
    fn from_f64(v: f64) -> Self;
    /// Wrapped into an integer (modulo 2 to the bits), rounded into a float.
    fn from_i128(v: i128) -> Self;
    fn from_bool(v: bool) -> Self;
    /// The value as a complex number: a real one with a zero imaginary part.
    #[inline(always)]
    fn to_complex(self) -> C128 {
        C128::new(self.to_f64(), 0.0)
    }
    /// The real part, rounded or truncated as [`Element::from_f64`] does; a
    /// complex element keeps both parts.
    #[inline(always)]
    fn from_complex(v: C128) -> Self {
        Self::from_f64(v.re)
    }
    #[inline(always)]
    fn from_i64(v: i64) -> Self {
        Self::from_i128(i128::from(v))
    }
}

macro_rules! element {
    ($t:ty, $variant:ident, $zero:expr, $one:expr, $($conversions:tt)*) => {
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
            $($conversions)*
        }
    };
}

/// The numbers: every conversion is Rust's `as`, which rounds to nearest,
/// truncates and saturates floats into integers, and wraps integers.
macro_rules! number {
    ($t:ty, $variant:ident, $zero:expr, $one:expr) => {
        element! { $t, $variant, $zero, $one,
            #[inline(always)]
            fn to_f64(self) -> f64 {
                self as f64
            }
            #[inline(always)]
            fn to_i128(self) -> i128 {
                self as i128
            }
            #[inline(always)]
            fn from_f64(v: f64) -> Self {
                v as $t
            }
            #[inline(always)]
            fn from_i128(v: i128) -> Self {
                v as $t
            }
            #[inline(always)]
            fn from_bool(v: bool) -> Self {
                if v { $one } else { $zero }
            }
        }
    };
}

element! { bool, Bool, false, true,
    fn to_f64(self) -> f64 {
        f64::from(u8::from(self))
    }
    fn to_i128(self) -> i128 {
        i128::from(self)
    }
    fn from_f64(v: f64) -> Self {
        v != 0.0
    }
    fn from_i128(v: i128) -> Self {
        v != 0
    }
    fn from_bool(v: bool) -> Self {
        v
    }
}
number!(i8, Int8, 0, 1);
number!(i16, Int16, 0, 1);
number!(i32, Int32, 0, 1);
number!(i64, Int64, 0, 1);
number!(u8, UInt8, 0, 1);
number!(u16, UInt16, 0, 1);
number!(u32, UInt32, 0, 1);
number!(u64, UInt64, 0, 1);
number!(f32, Float32, 0.0, 1.0);
number!(f64, Float64, 0.0, 1.0);

element! { C128, Complex128, C128::new(0.0, 0.0), C128::new(1.0, 0.0),
    /// The real part.
    fn to_f64(self) -> f64 {
        self.re
    }
    fn to_i128(self) -> i128 {
        self.re as i128
    }
    fn from_f64(v: f64) -> Self {
        C128::new(v, 0.0)
    }
    fn from_i128(v: i128) -> Self {
        C128::new(v as f64, 0.0)
    }
    fn from_bool(v: bool) -> Self {
        C128::new(f64::from(u8::from(v)), 0.0)
    }
    fn to_complex(self) -> C128 {
        self
    }
    fn from_complex(v: C128) -> Self {
        v
    }
}
