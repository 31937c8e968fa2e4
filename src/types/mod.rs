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
mod strings;
mod value;

pub(crate) use array::write_only;
pub use array::{Array, Slice, SliceMut, check_len, try_grow, try_with_capacity};
pub use dtype::{DType, Kind};
pub use element::{C128, Element};
pub use promote::{Ty, Weak, promote};
pub use scalar::Scalar;
pub use shape::{Block, Broadcast, Shape, Strided};
pub use strings::{MAX_WIDTH, Repr, Strings};
pub use value::{NdArray, Value};

/// The dtypes, listed once: each row is the variant, its Rust element type,
/// NumPy's name, the disassembly's short name and its [`Kind`].
/// `for_each_dtype!(m)`
/// calls `m!` with the rows (after any tokens given after `m`, such as a
/// `$` for a macro that defines macros). [`DType`], [`Scalar`], [`Array`],
/// [`Slice`], [`SliceMut`] and the `with_*` macros below are made from it,
/// so a new dtype is a row here, its [`Element`] impl and its kernels.
macro_rules! for_each_dtype {
    ($m:ident $(, $before:tt)*) => {
        $m! {
            $($before)*
            Bool bool "bool" "b1" Bool,
            Int8 i8 "int8" "i8" Signed,
            Int16 i16 "int16" "i16" Signed,
            Int32 i32 "int32" "i32" Signed,
            Int64 i64 "int64" "i64" Signed,
            UInt8 u8 "uint8" "u8" Unsigned,
            UInt16 u16 "uint16" "u16" Unsigned,
            UInt32 u32 "uint32" "u32" Unsigned,
            UInt64 u64 "uint64" "u64" Unsigned,
            Float32 f32 "float32" "f32" Float,
            Float64 f64 "float64" "f64" Float,
            Complex128 C128 "complex128" "c128" Complex,
        }
    };
}
pub(crate) use for_each_dtype;

/// The dtypes of some kinds, in the table's order: `dtypes!({no yes yes
/// no no} m!(a, b,))` calls `m!(a, b, [Int8 i8, ... UInt64 u64,])`, the
/// flags saying `yes` or `no` to bool, signed, unsigned, float and complex.
/// The kernels take the dtypes their ops are defined on this way, so a new
/// row of [`for_each_dtype`] reaches them.
macro_rules! dtypes {
    ({$($flag:ident)*} $m:ident!($($pre:tt)*)) => {
        $crate::types::for_each_dtype!(dtypes, @, munch, {$($flag)*}, $m, ($($pre)*), [])
    };
    (@munch $flags:tt $m:ident ($($pre:tt)*) [$($acc:tt)*]) => {
        $m!($($pre)* [$($acc)*])
    };
    (@munch {$b:ident $s:ident $u:ident $f:ident $c:ident} $m:ident $pre:tt $acc:tt
        $v:ident $t:ident $name:literal $short:literal $kind:ident, $($rest:tt)*) => {
        dtypes!(@kind $kind {$b $s $u $f $c} $m $pre $acc [$v $t] $($rest)*)
    };
    (@kind Bool {$b:ident $s:ident $u:ident $f:ident $c:ident} $($rest:tt)*) => { dtypes!(@$b {$b $s $u $f $c} $($rest)*) };
    (@kind Signed {$b:ident $s:ident $u:ident $f:ident $c:ident} $($rest:tt)*) => { dtypes!(@$s {$b $s $u $f $c} $($rest)*) };
    (@kind Unsigned {$b:ident $s:ident $u:ident $f:ident $c:ident} $($rest:tt)*) => { dtypes!(@$u {$b $s $u $f $c} $($rest)*) };
    (@kind Float {$b:ident $s:ident $u:ident $f:ident $c:ident} $($rest:tt)*) => { dtypes!(@$f {$b $s $u $f $c} $($rest)*) };
    (@kind Complex {$b:ident $s:ident $u:ident $f:ident $c:ident} $($rest:tt)*) => { dtypes!(@$c {$b $s $u $f $c} $($rest)*) };
    (@yes $flags:tt $m:ident $pre:tt [$($acc:tt)*] [$v:ident $t:ident] $($rest:tt)*) => {
        dtypes!(@munch $flags $m $pre [$($acc)* $v $t,] $($rest)*)
    };
    (@no $flags:tt $m:ident $pre:tt $acc:tt $row:tt $($rest:tt)*) => {
        dtypes!(@munch $flags $m $pre $acc $($rest)*)
    };
}
pub(crate) use dtypes;

/// The macros that apply an expression to the typed value inside an
/// [`Array`] (`with_array!`), a [`Slice`] (`with_slice!`), a [`SliceMut`]
/// (`with_slice_mut!`) or a [`Scalar`] (`with_scalar!`), whatever its dtype: `with_array!(a, v =>
/// v.len())`; and `with_dtype!`, which names a dtype's element type.
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
    ($d:tt $($variant:ident $t:ident $name:literal $short:literal $kind:ident,)*) => {
        define_with!(@one $d with_array Array [$($variant)*]);
        define_with!(@one $d with_slice Slice [$($variant)*]);
        define_with!(@one $d with_slice_mut SliceMut [$($variant)*]);
        define_with!(@one $d with_scalar Scalar [$($variant)*]);

        /// Names the Rust element type of a [`DType`] for an expression:
        /// `with_dtype!(dtype, T => Array::zeros_of::<T>())`.
        /// Byte strings, which have no element type, take `bytes`:
        /// `with_dtype!(dtype, T => ..., bytes => Err(...))`.
        macro_rules! with_dtype {
            ($d dtype:expr, $d T:ident => $d body:expr, bytes => $d bytes:expr) => {
                match $d dtype {
                    $($crate::types::DType::$variant => {
                        type $d T = $t;
                        $d body
                    })*
                    $crate::types::DType::Bytes => $d bytes,
                }
            };
        }
    };
}
for_each_dtype!(define_with, $);
pub(crate) use {with_array, with_dtype, with_scalar, with_slice, with_slice_mut};
