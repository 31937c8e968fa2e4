//! One value of any dtype, its casts and Python's spelling of it.

use super::{DType, Element, with_scalar};
use std::fmt;

macro_rules! define_scalar {
    ($($variant:ident $t:ident $name:literal $short:literal,)*) => {
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
                }
            }
        }
    };
}
super::for_each_dtype!(define_scalar);

impl Scalar {
    pub fn to_f64(self) -> f64 {
        with_scalar!(self, v => v.to_f64())
    }

    /// The bits of the value, so that constants can be keys (NaN == NaN).
    pub fn key(self) -> (DType, u64) {
        let bits = match self {
            Scalar::Bool(v) => u64::from(v),
            Scalar::Int32(v) => v as u32 as u64,
            Scalar::Int64(v) => v as u64,
            Scalar::Float32(v) => u64::from(v.to_bits()),
            Scalar::Float64(v) => v.to_bits(),
        };
        (self.dtype(), bits)
    }

    /// The integer value, when the scalar is an integer or bool.
    pub fn as_i64(self) -> Option<i64> {
        match self {
            Scalar::Bool(v) => Some(i64::from(v)),
            Scalar::Int32(v) => Some(i64::from(v)),
            Scalar::Int64(v) => Some(v),
            _ => None,
        }
    }

    /// The same value converted to `dtype` as a C cast would (NumPy's `astype`).
    pub fn cast(self, dtype: DType) -> Scalar {
        with_scalar!(self, v => Scalar::from_element_cast(v, dtype))
    }
}

impl fmt::Display for Scalar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scalar::Bool(v) => write!(f, "{}", if *v { "True" } else { "False" }),
            Scalar::Int32(v) => write!(f, "{v}"),
            Scalar::Int64(v) => write!(f, "{v}"),
            Scalar::Float32(v) => write!(f, "{}", format_float(f64::from(*v), v.is_finite())),
            Scalar::Float64(v) => write!(f, "{}", format_float(*v, v.is_finite())),
        }
    }
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
