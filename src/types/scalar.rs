//! One value of any dtype, its casts and Python's spelling of it.

use super::{DType, Element, with_scalar};
use std::fmt;

/// One value of any dtype.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scalar {
    Bool(bool),
    Int32(i32),
    Int64(i64),
    Float32(f32),
    Float64(f64),
}

impl Scalar {
    pub fn dtype(self) -> DType {
        match self {
            Scalar::Bool(_) => DType::Bool,
            Scalar::Int32(_) => DType::Int32,
            Scalar::Int64(_) => DType::Int64,
            Scalar::Float32(_) => DType::Float32,
            Scalar::Float64(_) => DType::Float64,
        }
    }

    pub fn to_f64(self) -> f64 {
        match self {
            Scalar::Bool(v) => f64::from(u8::from(v)),
            Scalar::Int32(v) => f64::from(v),
            Scalar::Int64(v) => v as f64,
            Scalar::Float32(v) => f64::from(v),
            Scalar::Float64(v) => v,
        }
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

    fn from_element_cast<T: Element>(v: T, dtype: DType) -> Scalar {
        match dtype {
            DType::Bool => Scalar::Bool(v.cast_to()),
            DType::Int32 => Scalar::Int32(v.cast_to()),
            DType::Int64 => Scalar::Int64(v.cast_to()),
            DType::Float32 => Scalar::Float32(v.cast_to()),
            DType::Float64 => Scalar::Float64(v.cast_to()),
        }
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
