//! Typed arrays of elements (flat: a shape is [`NdArray`](super::NdArray)'s), fallible allocation within the limits, and the
//! borrowed slices kernels read and write.

use super::{C128, DType, Element, Scalar, with_array, with_slice, with_slice_mut};
use crate::error::{Error, Result};
use std::mem::MaybeUninit;

macro_rules! define_arrays {
    ($($variant:ident $t:ident $name:literal $short:literal $kind:ident,)*) => {
        /// A typed 1-D array.
        #[derive(Clone, Debug, PartialEq)]
        pub enum Array {
            $($variant(Vec<$t>),)*
        }

        /// A borrowed typed slice.
        #[derive(Clone, Copy, Debug)]
        pub enum Slice<'a> {
            $($variant(&'a [$t]),)*
        }

        /// Where a kernel writes: a typed slice it overwrites and never reads,
        /// which may be memory never initialised (a fresh output) or a register.
        #[derive(Debug)]
        pub enum SliceMut<'a> {
            $($variant(&'a mut [MaybeUninit<$t>]),)*
        }

        impl Array {
            pub fn dtype(&self) -> DType {
                match self {
                    $(Array::$variant(_) => DType::$variant,)*
                }
            }

            /// An empty array of `dtype` with room for `len` elements, or a
            /// memory error; an error for bytes, which are
            /// [`Strings`](super::Strings), not an `Array`.
            pub fn with_capacity(dtype: DType, len: usize) -> Result<Array> {
                Ok(match dtype {
                    $(DType::$variant => Array::$variant(try_with_capacity(len)?),)*
                    DType::Bytes => return Err(crate::vm::internal(
                        "a numeric array of byte strings".into(),
                    )),
                })
            }
        }

        impl Slice<'_> {
            pub fn dtype(&self) -> DType {
                match self {
                    $(Slice::$variant(_) => DType::$variant,)*
                }
            }

            pub fn len(&self) -> usize {
                match self {
                    $(Slice::$variant(v) => v.len(),)*
                }
            }
        }

        impl SliceMut<'_> {
            pub fn dtype(&self) -> DType {
                match self {
                    $(SliceMut::$variant(_) => DType::$variant,)*
                }
            }
        }
    };
}
super::for_each_dtype!(define_arrays);

impl Array {
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
        with_array!(self, v => v.get(index).map(|x| x.scalar()))
    }

    /// Sets the element at `index` to `value` (cast to the array's dtype);
    /// nothing past the end.
    pub fn set(&mut self, index: usize, value: Scalar) {
        fn put<T: Element>(v: &mut [T], index: usize, value: Scalar) {
            if let (Some(x), Some(value)) = (v.get_mut(index), T::from_scalar(value.cast(T::DTYPE)))
            {
                *x = value;
            }
        }
        with_array!(self, v => put(v, index, value))
    }

    /// An array of `values`, cast to `dtype`, allocated fallibly.
    pub fn from_scalars(dtype: DType, values: &[Scalar]) -> Result<Array> {
        let mut array = Array::zeros(dtype, values.len())?;
        for (i, &v) in values.iter().enumerate() {
            array.set(i, v);
        }
        Ok(array)
    }

    pub fn as_slice(&self) -> Slice<'_> {
        with_array!(self, v => Element::wrap(v))
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

impl<'a> SliceMut<'a> {
    /// The first `len` elements (all of them when there are fewer).
    pub fn prefix(self, len: usize) -> SliceMut<'a> {
        fn cut<T>(v: &mut [T], len: usize) -> &mut [T] {
            let len = len.min(v.len());
            &mut v[..len]
        }
        with_slice_mut!(self, v => Element::wrap_mut(cut(v, len)))
    }
}

impl<'a> Slice<'a> {
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The elements `start..start + len`, clamped to the slice.
    #[inline]
    pub fn window(self, start: usize, len: usize) -> Slice<'a> {
        fn cut<T>(v: &[T], start: usize, len: usize) -> &[T] {
            let start = start.min(v.len());
            &v[start..(start + len).min(v.len())]
        }
        with_slice!(self, v => Element::wrap(cut(v, start, len)))
    }
}
