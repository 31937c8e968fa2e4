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
mod shape;
mod value;

pub(crate) use array::write_only;
pub use array::{Array, Slice, SliceMut, check_len, try_grow, try_with_capacity};
pub use dtype::DType;
pub use element::Element;
pub use promote::{Ty, Weak, promote};
pub use scalar::Scalar;
pub use shape::{Block, Broadcast, Shape, Strided};
pub use value::{NdArray, Value};

/// The dtypes, listed once: each row is the variant, its Rust element type,
/// NumPy's name and the disassembly's short name. `for_each_dtype!(m)`
/// calls `m!` with the rows (after any tokens given after `m`, such as a
/// `$` for a macro that defines macros). [`DType`], [`Scalar`], [`Array`],
/// [`Slice`], [`SliceMut`] and the `with_*` macros below are made from it,
/// so a new dtype is a row here, its [`Element`] impl and its kernels.
macro_rules! for_each_dtype {
    ($m:ident $(, $before:tt)*) => {
        $m! {
            $($before)*
            Bool bool "bool" "b1",
            Int32 i32 "int32" "i32",
            Int64 i64 "int64" "i64",
            Float32 f32 "float32" "f32",
            Float64 f64 "float64" "f64",
        }
    };
}
pub(crate) use for_each_dtype;

/// The macros that apply an expression to the typed value inside an
/// [`Array`] (`with_array!`), a [`Slice`] (`with_slice!`), a [`SliceMut`]
/// (`with_slice_mut!`) or a [`Scalar`] (`with_scalar!`), whatever its dtype: `with_array!(a, v =>
/// v.len())`.
macro_rules! define_with {
    (@one $d:tt $with:ident $enum:ident [$($variant:ident)*]) => {
        macro_rules! $with {
            ($d value:expr, $d v:ident => $d body:expr) => {
                match $d value {
                    $($crate::types::$enum::$variant($d v) => $d body,)*
                }
            };
        }
    };
    ($d:tt $($variant:ident $t:ident $name:literal $short:literal,)*) => {
        define_with!(@one $d with_array Array [$($variant)*]);
        define_with!(@one $d with_slice Slice [$($variant)*]);
        define_with!(@one $d with_slice_mut SliceMut [$($variant)*]);
        define_with!(@one $d with_scalar Scalar [$($variant)*]);
    };
}
for_each_dtype!(define_with, $);
pub(crate) use {with_array, with_scalar, with_slice, with_slice_mut};
