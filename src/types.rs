//! Dtypes, values and the promotion rules.
//!
//! Promotion follows NumPy 2 (NEP 50): arrays and typed scalars are *strong*
//! and promote as NumPy's table says; Python literals and the constants `pi`,
//! `e`, `inf`, `nan` are *weak* and take the type of the strong operand they
//! meet (`x32 * 2.5` stays float32). Where ExprLab differs from NumPy, the
//! README's table says so.

use crate::error::{Error, Result};
use std::fmt;
use std::mem::MaybeUninit;

/// The element types of the language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DType {
    Bool,
    Int32,
    Int64,
    Float32,
    Float64,
}

impl DType {
    pub const ALL: [DType; 5] = [
        DType::Bool,
        DType::Int32,
        DType::Int64,
        DType::Float32,
        DType::Float64,
    ];

    /// NumPy's name: `bool`, `int32`, `int64`, `float32`, `float64`.
    pub fn name(self) -> &'static str {
        match self {
            DType::Bool => "bool",
            DType::Int32 => "int32",
            DType::Int64 => "int64",
            DType::Float32 => "float32",
            DType::Float64 => "float64",
        }
    }

    /// The short form used in the disassembly.
    pub fn short(self) -> &'static str {
        match self {
            DType::Bool => "b1",
            DType::Int32 => "i32",
            DType::Int64 => "i64",
            DType::Float32 => "f32",
            DType::Float64 => "f64",
        }
    }

    pub fn parse(name: &str) -> Option<DType> {
        DType::ALL
            .into_iter()
            .find(|d| d.name() == name || d.short() == name)
            .or(match name {
                "f8" | "double" | "float" => Some(DType::Float64),
                "f4" | "single" => Some(DType::Float32),
                "i8" | "int" => Some(DType::Int64),
                "i4" => Some(DType::Int32),
                _ => None,
            })
    }

    pub fn is_float(self) -> bool {
        matches!(self, DType::Float32 | DType::Float64)
    }

    pub fn is_int(self) -> bool {
        matches!(self, DType::Int32 | DType::Int64)
    }

    pub fn size(self) -> usize {
        match self {
            DType::Bool => 1,
            DType::Int32 | DType::Float32 => 4,
            DType::Int64 | DType::Float64 => 8,
        }
    }

    /// NumPy's promotion of two strong dtypes.
    pub fn promote(self, other: DType) -> DType {
        use DType::*;
        match (self.min(other), self.max(other)) {
            (a, b) if a == b => a,
            (Bool, b) => b,
            (Int32, Int64) => Int64,
            // int32 and int64 do not fit in float32: NumPy gives float64.
            (Int32 | Int64, Float32) => Float64,
            (_, _) => Float64,
        }
    }
}

impl fmt::Display for DType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

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

/// A typed 1-D array.
#[derive(Clone, Debug, PartialEq)]
pub enum Array {
    Bool(Vec<bool>),
    Int32(Vec<i32>),
    Int64(Vec<i64>),
    Float32(Vec<f32>),
    Float64(Vec<f64>),
}

impl Array {
    pub fn dtype(&self) -> DType {
        match self {
            Array::Bool(_) => DType::Bool,
            Array::Int32(_) => DType::Int32,
            Array::Int64(_) => DType::Int64,
            Array::Float32(_) => DType::Float32,
            Array::Float64(_) => DType::Float64,
        }
    }

    pub fn len(&self) -> usize {
        with_array!(self, v => v.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// An array of `len` zeros, allocated fallibly: too large is an error.
    pub fn zeros(dtype: DType, len: usize) -> Result<Array> {
        let mut array = Array::with_capacity(dtype, len)?;
        with_array!(&mut array, v => v.resize(len, Element::ZERO));
        Ok(array)
    }

    /// An empty array of `dtype` with room for `len` elements, or a memory
    /// error.
    pub fn with_capacity(dtype: DType, len: usize) -> Result<Array> {
        Ok(match dtype {
            DType::Bool => Array::Bool(try_with_capacity(len)?),
            DType::Int32 => Array::Int32(try_with_capacity(len)?),
            DType::Int64 => Array::Int64(try_with_capacity(len)?),
            DType::Float32 => Array::Float32(try_with_capacity(len)?),
            DType::Float64 => Array::Float64(try_with_capacity(len)?),
        })
    }

    /// The array's elements as bytes, in memory order.
    pub fn bytes(&self) -> &[u8] {
        fn raw<T: Element>(v: &[T]) -> &[u8] {
            // SAFETY: every dtype here is plain data (bool is one byte of 0
            // or 1) with no padding, so each of its bytes is initialised
            // and readable as a u8, for the slice's lifetime.
            unsafe { std::slice::from_raw_parts(v.as_ptr().cast::<u8>(), std::mem::size_of_val(v)) }
        }
        with_array!(self, v => raw(v))
    }

    /// The element at `index` as a scalar.
    pub fn get(&self, index: usize) -> Option<Scalar> {
        Some(match self {
            Array::Bool(v) => Scalar::Bool(*v.get(index)?),
            Array::Int32(v) => Scalar::Int32(*v.get(index)?),
            Array::Int64(v) => Scalar::Int64(*v.get(index)?),
            Array::Float32(v) => Scalar::Float32(*v.get(index)?),
            Array::Float64(v) => Scalar::Float64(*v.get(index)?),
        })
    }

    pub fn as_slice(&self) -> Slice<'_> {
        match self {
            Array::Bool(v) => Slice::Bool(v),
            Array::Int32(v) => Slice::Int32(v),
            Array::Int64(v) => Slice::Int64(v),
            Array::Float32(v) => Slice::Float32(v),
            Array::Float64(v) => Slice::Float64(v),
        }
    }

    /// The elements as a place for this crate's kernels to overwrite.
    pub(crate) fn as_slice_mut(&mut self) -> SliceMut<'_> {
        // SAFETY: only this crate's kernels write through it, and they
        // write values.
        with_array!(self, v => Element::wrap_mut(unsafe { write_only(v) }))
    }

    /// An array of `len` elements of `dtype`, every one written by `fill`
    /// (a kernel of this crate, which writes each element of its output)
    /// into memory that was never zeroed: the output is written once, not
    /// twice.
    pub(crate) fn written(
        dtype: DType,
        len: usize,
        fill: impl FnOnce(SliceMut<'_>) -> Result<()>,
    ) -> Result<Array> {
        fn room<T: Element>(
            v: &mut Vec<T>,
            len: usize,
            fill: impl FnOnce(SliceMut<'_>) -> Result<()>,
        ) -> Result<()> {
            fill(T::wrap_mut(&mut v.spare_capacity_mut()[..len]))?;
            // SAFETY: the room holds `len` elements, and `fill` wrote each
            // of them when it returns Ok: this crate's kernels write every
            // element of their output, and only values.
            unsafe { v.set_len(len) };
            Ok(())
        }
        let mut array = Array::with_capacity(dtype, len)?;
        with_array!(&mut array, v => room(v, len, fill))?;
        Ok(array)
    }

    /// Every element converted to `f64` (for summaries and plots).
    pub fn to_f64_vec(&self) -> Vec<f64> {
        (0..self.len())
            .filter_map(|i| self.get(i).map(Scalar::to_f64))
            .collect()
    }
}

/// Checks `len` against [`MAX_ARRAY_LEN`](crate::limits::MAX_ARRAY_LEN).
pub fn check_len(len: usize) -> Result<()> {
    if len > crate::limits::MAX_ARRAY_LEN {
        return Err(Error::new(
            crate::error::ErrorKind::Limit(format!(
                "an array of {len} elements is longer than the limit of {} elements",
                crate::limits::MAX_ARRAY_LEN
            )),
            None,
        ));
    }
    Ok(())
}

fn memory_error<T>(len: usize) -> Error {
    Error::memory(format!(
        "cannot allocate an array of {len} elements ({} MiB): not enough memory",
        // In u64: the size in bytes may not fit wasm32's usize.
        (len as u64 * size_of::<T>() as u64) >> 20
    ))
}

/// Grows `v` in place to `len` elements (the new ones `T::default()`), or a
/// memory error; never shrinks it.
pub fn try_grow<T: Default + Copy>(v: &mut Vec<T>, len: usize) -> Result<()> {
    if v.len() < len {
        check_len(len)?;
        v.try_reserve_exact(len - v.len())
            .map_err(|_| memory_error::<T>(len))?;
        v.resize(len, T::default());
    }
    Ok(())
}

/// `v` as a slice to overwrite: the view kernels write a register through,
/// the same type as the never-initialised room of [`Array::written`], so
/// one kernel serves both and a fresh output is never zeroed first.
///
/// # Safety
/// Whatever writes through the view stores values of `T` only, never
/// `MaybeUninit::uninit()`, so that `v` stays initialised.
pub(crate) unsafe fn write_only<T: Copy>(v: &mut [T]) -> &mut [MaybeUninit<T>] {
    // SAFETY: MaybeUninit<T> has T's layout; the caller keeps it initialised.
    unsafe { &mut *(v as *mut [T] as *mut [MaybeUninit<T>]) }
}

/// An empty `Vec` with room for `len` elements, or a memory error.
pub fn try_with_capacity<T>(len: usize) -> Result<Vec<T>> {
    check_len(len)?;
    let mut v = Vec::new();
    v.try_reserve_exact(len)
        .map_err(|_| memory_error::<T>(len))?;
    Ok(v)
}

/// A borrowed typed slice.
#[derive(Clone, Copy, Debug)]
pub enum Slice<'a> {
    Bool(&'a [bool]),
    Int32(&'a [i32]),
    Int64(&'a [i64]),
    Float32(&'a [f32]),
    Float64(&'a [f64]),
}

/// Where a kernel writes: a typed slice it overwrites and never reads,
/// which may be memory never initialised (a fresh output) or a register.
#[derive(Debug)]
pub enum SliceMut<'a> {
    Bool(&'a mut [MaybeUninit<bool>]),
    Int32(&'a mut [MaybeUninit<i32>]),
    Int64(&'a mut [MaybeUninit<i64>]),
    Float32(&'a mut [MaybeUninit<f32>]),
    Float64(&'a mut [MaybeUninit<f64>]),
}

impl<'a> SliceMut<'a> {
    /// The first `len` elements (all of them when there are fewer).
    pub fn prefix(self, len: usize) -> SliceMut<'a> {
        fn cut<T>(v: &mut [T], len: usize) -> &mut [T] {
            let len = len.min(v.len());
            &mut v[..len]
        }
        match self {
            SliceMut::Bool(v) => SliceMut::Bool(cut(v, len)),
            SliceMut::Int32(v) => SliceMut::Int32(cut(v, len)),
            SliceMut::Int64(v) => SliceMut::Int64(cut(v, len)),
            SliceMut::Float32(v) => SliceMut::Float32(cut(v, len)),
            SliceMut::Float64(v) => SliceMut::Float64(cut(v, len)),
        }
    }

    pub fn dtype(&self) -> DType {
        match self {
            SliceMut::Bool(_) => DType::Bool,
            SliceMut::Int32(_) => DType::Int32,
            SliceMut::Int64(_) => DType::Int64,
            SliceMut::Float32(_) => DType::Float32,
            SliceMut::Float64(_) => DType::Float64,
        }
    }
}

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

/// Kinds of weak (Python literal) values, in NEP 50's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weak {
    Bool,
    Int,
    Float,
}

impl Weak {
    /// The dtype a weak value has when nothing strong decides: Python's.
    pub fn default_dtype(self) -> DType {
        match self {
            Weak::Bool => DType::Bool,
            Weak::Int => DType::Int64,
            Weak::Float => DType::Float64,
        }
    }

    pub fn of(dtype: DType) -> Weak {
        match dtype {
            DType::Bool => Weak::Bool,
            DType::Int32 | DType::Int64 => Weak::Int,
            DType::Float32 | DType::Float64 => Weak::Float,
        }
    }
}

/// The type of an operand during resolution: a dtype, maybe weak.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ty {
    pub dtype: DType,
    pub weak: bool,
}

impl Ty {
    pub fn strong(dtype: DType) -> Ty {
        Ty { dtype, weak: false }
    }

    pub fn weak(kind: Weak) -> Ty {
        Ty {
            dtype: kind.default_dtype(),
            weak: true,
        }
    }
}

/// NEP 50: the common type of operands, weak ones deferring to strong ones.
pub fn promote(types: &[Ty]) -> Ty {
    let strong = types
        .iter()
        .filter(|t| !t.weak)
        .map(|t| t.dtype)
        .reduce(DType::promote);
    let weak = types
        .iter()
        .filter(|t| t.weak)
        .map(|t| Weak::of(t.dtype))
        .max();
    match (strong, weak) {
        (Some(s), None) => Ty::strong(s),
        (None, Some(w)) => Ty::weak(w),
        (Some(s), Some(w)) => Ty::strong(weak_into(s, w)),
        (None, None) => Ty::strong(DType::Float64),
    }
}

/// The dtype a weak value of kind `weak` meets a strong `dtype` in.
fn weak_into(dtype: DType, weak: Weak) -> DType {
    match (Weak::of(dtype), weak) {
        (have, w) if w <= have => dtype,
        // A Python int meeting a bool array: NumPy's default int.
        (Weak::Bool, Weak::Int) => DType::Int64,
        _ => DType::Float64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strong_promotion_follows_numpy() {
        use DType::*;
        assert_eq!(Int32.promote(Float32), Float64);
        assert_eq!(Int64.promote(Float32), Float64);
        assert_eq!(Bool.promote(Float32), Float32);
        assert_eq!(Int32.promote(Int64), Int64);
        assert_eq!(Float32.promote(Float64), Float64);
    }

    #[test]
    fn weak_literals_defer_to_strong_operands() {
        let f32s = Ty::strong(DType::Float32);
        let i32s = Ty::strong(DType::Int32);
        let float = Ty::weak(Weak::Float);
        let int = Ty::weak(Weak::Int);
        assert_eq!(promote(&[f32s, float]), f32s);
        assert_eq!(promote(&[i32s, int]), i32s);
        assert_eq!(promote(&[i32s, float]), Ty::strong(DType::Float64));
        assert_eq!(promote(&[int, float]), Ty::weak(Weak::Float));
        assert_eq!(
            promote(&[Ty::strong(DType::Bool), int]),
            Ty::strong(DType::Int64)
        );
    }

    #[test]
    fn casts_are_c_casts() {
        assert_eq!(Scalar::Float64(-2.7).cast(DType::Int64), Scalar::Int64(-2));
        assert_eq!(Scalar::Int64(3).cast(DType::Bool), Scalar::Bool(true));
        assert_eq!(
            Scalar::Int64((1 << 24) + 1).cast(DType::Float32),
            Scalar::Float32(16777216.0)
        );
    }
}

impl<'a> Slice<'a> {
    pub fn dtype(&self) -> DType {
        match self {
            Slice::Bool(_) => DType::Bool,
            Slice::Int32(_) => DType::Int32,
            Slice::Int64(_) => DType::Int64,
            Slice::Float32(_) => DType::Float32,
            Slice::Float64(_) => DType::Float64,
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Slice::Bool(v) => v.len(),
            Slice::Int32(v) => v.len(),
            Slice::Int64(v) => v.len(),
            Slice::Float32(v) => v.len(),
            Slice::Float64(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The elements `start..start + len`, clamped to the slice.
    pub fn window(self, start: usize, len: usize) -> Slice<'a> {
        fn cut<T>(v: &[T], start: usize, len: usize) -> &[T] {
            let start = start.min(v.len());
            &v[start..(start + len).min(v.len())]
        }
        match self {
            Slice::Bool(v) => Slice::Bool(cut(v, start, len)),
            Slice::Int32(v) => Slice::Int32(cut(v, start, len)),
            Slice::Int64(v) => Slice::Int64(cut(v, start, len)),
            Slice::Float32(v) => Slice::Float32(cut(v, start, len)),
            Slice::Float64(v) => Slice::Float64(cut(v, start, len)),
        }
    }
}

/// An input or a result: a 1-D array or a scalar (a 0-d array).
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Scalar(Scalar),
    Array(Array),
}

impl Value {
    pub fn dtype(&self) -> DType {
        match self {
            Value::Scalar(s) => s.dtype(),
            Value::Array(a) => a.dtype(),
        }
    }

    pub fn is_scalar(&self) -> bool {
        matches!(self, Value::Scalar(_))
    }

    /// The element count: 1 for a scalar.
    pub fn len(&self) -> usize {
        match self {
            Value::Scalar(_) => 1,
            Value::Array(a) => a.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Element `i`, a scalar standing for every element.
    pub fn get(&self, i: usize) -> Option<Scalar> {
        match self {
            Value::Scalar(s) => Some(*s),
            Value::Array(a) => a.get(i),
        }
    }
}

impl From<Array> for Value {
    fn from(a: Array) -> Value {
        Value::Array(a)
    }
}

impl From<Scalar> for Value {
    fn from(s: Scalar) -> Value {
        Value::Scalar(s)
    }
}

macro_rules! value_from {
    ($($t:ty),*) => {$(
        impl From<Vec<$t>> for Value {
            fn from(v: Vec<$t>) -> Value {
                Value::Array(<$t as Element>::into_array(v))
            }
        }
        impl From<$t> for Value {
            fn from(v: $t) -> Value {
                Value::Scalar(v.scalar())
            }
        }
    )*};
}
value_from!(bool, i32, i64, f32, f64);
