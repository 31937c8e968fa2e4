//! One value of any dtype, its casts and Python's spelling of it.

use super::{C128, DType, Element, with_scalar};
use std::fmt;

macro_rules! define_scalar {
    ($($variant:ident $t:ident $name:literal $short:literal $kind:ident,)*) => {
        /// One value of any dtype.
        #[derive(Clone, Copy, Debug, PartialEq)]
        pub enum Scalar {
            $($variant($t),)*
        }

        impl Scalar {
            pub fn dtype(self) -> DType {
                match self {
                    $(Scalar::$variant(_) => DType::$variant,)*
                }
            }

            /// `v` converted to `dtype` as a C cast would.
            fn from_element_cast<T: Element>(v: T, dtype: DType) -> Scalar {
                match dtype {
                    $(DType::$variant => Scalar::$variant(v.cast_to()),)*
                    // Never asked: no number becomes a byte string.
                    DType::Bytes => v.scalar(),
                }
            }
        }
    };
}
super::for_each_dtype!(define_scalar);

impl Scalar {
    /// The value as a float64 (a complex's real part).
    pub fn to_f64(self) -> f64 {
        with_scalar!(self, v => v.to_f64())
    }

    /// The value as a complex128.
    pub fn to_complex(self) -> C128 {
        with_scalar!(self, v => v.to_complex())
    }

    /// The bits of the value, so that constants can be keys (NaN == NaN).
    pub fn key(self) -> (DType, u128) {
        let bits = match self {
            Scalar::Float32(v) => u128::from(v.to_bits()),
            Scalar::Float64(v) => u128::from(v.to_bits()),
            Scalar::Complex128(v) => u128::from(v.re.to_bits()) << 64 | u128::from(v.im.to_bits()),
            // Two's complement, which tells every integer of a dtype apart.
            other => with_scalar!(other, v => v.to_i128() as u128),
        };
        (self.dtype(), bits)
    }

    /// The value of an integer or bool scalar; `None` for a float or complex.
    pub fn as_i128(self) -> Option<i128> {
        if self.dtype().is_float() || self.dtype().is_complex() {
            return None;
        }
        Some(with_scalar!(self, v => v.to_i128()))
    }

    /// The value of an integer or bool scalar that fits in i64.
    pub fn as_i64(self) -> Option<i64> {
        self.as_i128().and_then(|v| i64::try_from(v).ok())
    }

    /// The same value converted to `dtype` as a C cast would (NumPy's `astype`).
    pub fn cast(self, dtype: DType) -> Scalar {
        with_scalar!(self, v => Scalar::from_element_cast(v, dtype))
    }
}

impl fmt::Display for Scalar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Scalar::Bool(v) => write!(f, "{}", if v { "True" } else { "False" }),
            Scalar::Float32(v) => write!(f, "{}", format_float(f64::from(v), v.is_finite())),
            Scalar::Float64(v) => write!(f, "{}", format_float(v, v.is_finite())),
            Scalar::Complex128(v) => write!(f, "{}", format_complex(v)),
            int => write!(f, "{}", with_scalar!(int, v => v.to_i128())),
        }
    }
}

/// Python's spelling of a complex: `(1+2j)`, `-2j`, `(nan+infj)`; a zero
/// real part (not -0.0) is left out, as Python does.
fn format_complex(v: C128) -> String {
    let im = format_float(v.im, v.im.is_finite());
    let im = im.strip_suffix(".0").unwrap_or(&im);
    if v.re == 0.0 && v.re.is_sign_positive() {
        return format!("{im}j");
    }
    let re = format_float(v.re, v.re.is_finite());
    let re = re.strip_suffix(".0").unwrap_or(&re);
    let sign = if im.starts_with('-') { "" } else { "+" };
    format!("({re}{sign}{im}j)")
}

/// Python's spelling of a float: `1.0`, `inf`, `nan`, `1e-300`.
fn format_float(v: f64, finite: bool) -> String {
    if !finite {
        return if v.is_nan() {
            "nan".into()
        } else if v > 0.0 {
            "inf".into()
        } else {
            "-inf".into()
        };
    }
    let s = format!("{v:?}");
    if s.contains(['.', 'e', 'E']) {
        s
    } else {
        format!("{s}.0")
    }
}
