//! Dtypes, values and the promotion rules, one concern a module: [`DType`]
//! (`dtype`), [`Scalar`] and its formatting (`scalar`), [`Array`], fallible
//! allocation and the [`Slice`]s kernels read and write (`array`), the
//! [`Element`] trait of the Rust element types (`element`), NEP 50
//! promotion (`promote`) and [`Value`] (`value`); here, the macros that
//! apply an expression whatever the dtype.
//!
//! Promotion follows NumPy 2 (NEP 50): arrays and typed scalars are *strong*
//! and promote as NumPy's table says; Python literals and the constants `pi`,
//! `e`, `inf`, `nan` are *weak* and take the type of the strong operand they
//! meet (`x32 * 2.5` stays float32). Where ExprLab differs from NumPy, the
//! README's table says so.

mod array;
mod dtype;
mod element;
mod promote;
mod scalar;
mod value;

pub(crate) use array::write_only;
pub use array::{Array, Slice, SliceMut, check_len, try_grow, try_with_capacity};
pub use dtype::DType;
pub use element::Element;
pub use promote::{Ty, Weak, promote};
pub use scalar::Scalar;
pub use value::Value;

/// Applies an expression to the typed `Vec` inside an [`Array`], whatever its dtype.
macro_rules! with_array {
    ($array:expr, $v:ident => $body:expr) => {
        match $array {
            $crate::types::Array::Bool($v) => $body,
            $crate::types::Array::Int32($v) => $body,
            $crate::types::Array::Int64($v) => $body,
            $crate::types::Array::Float32($v) => $body,
            $crate::types::Array::Float64($v) => $body,
        }
    };
}
pub(crate) use with_array;

/// Applies an expression to the typed slice inside a [`SliceMut`], whatever its dtype.
macro_rules! with_slice_mut {
    ($slice:expr, $v:ident => $body:expr) => {
        match $slice {
            $crate::types::SliceMut::Bool($v) => $body,
            $crate::types::SliceMut::Int32($v) => $body,
            $crate::types::SliceMut::Int64($v) => $body,
            $crate::types::SliceMut::Float32($v) => $body,
            $crate::types::SliceMut::Float64($v) => $body,
        }
    };
}
pub(crate) use with_slice_mut;

/// Applies an expression to the value inside a [`Scalar`], whatever its dtype.
macro_rules! with_scalar {
    ($scalar:expr, $v:ident => $body:expr) => {
        match $scalar {
            $crate::types::Scalar::Bool($v) => $body,
            $crate::types::Scalar::Int32($v) => $body,
            $crate::types::Scalar::Int64($v) => $body,
            $crate::types::Scalar::Float32($v) => $body,
            $crate::types::Scalar::Float64($v) => $body,
        }
    };
}
pub(crate) use with_scalar;
