//! `.npy` files, through the `npyz` crate: format versions 1 to 3,
//! little-endian, every dtype and byte strings (`|S5`), arrays of any
//! shape within the limits (in C order; one in Fortran order is
//! converted) and 0-d scalars.
//! Anything else is a clear error naming what the file holds and what
//! would do.

use crate::error::{Error, Result};
use crate::types::{
    Array, C128, DType, Element, MAX_WIDTH, NdArray, Shape, Strings, Value, with_array, with_dtype,
};
use npyz::WriterBuilder;
use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::path::Path;

/// Reads an array (or a 0-d scalar) from `path`.
pub fn read(path: &Path) -> Result<Value> {
    let shown = path.display();
    let file = File::open(path).map_err(|e| Error::file(format!("cannot open {shown}: {e}")))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(u64::MAX);
    let npy = npyz::NpyFile::new(BufReader::new(file)).map_err(|e| {
        Error::file(format!(
            "{shown} is not a readable .npy file (versions 1 to 3): {e}"
        ))
    })?;
    let descr = match npy.dtype() {
        npyz::DType::Plain(type_str) => type_str.to_string(),
        other => other.descr(),
    };
    let dims = npy.shape().to_vec();
    let fortran = npy.order() == npyz::Order::Fortran;
    let shape = Shape::new(
        dims.iter()
            .map(|&d| usize::try_from(d).unwrap_or(usize::MAX))
            .collect(),
    )
    .map_err(|e| Error::file(format!("{shown}: {}", e.message())))?;
    let len = shape.len() as u64;
    // The header's claim must fit the file, before we allocate.
    if len > size {
        return Err(Error::file(format!(
            "{shown} claims {len} elements, more than the file holds"
        )));
    }
    if let Some(width) = byte_width(&descr) {
        if width > MAX_WIDTH || len.saturating_mul(width as u64) > size {
            return Err(Error::file(format!(
                "{shown} claims {len} byte strings of {width} bytes, more than the file holds or the limit of {MAX_WIDTH} bytes a string"
            )));
        }
        return read_strings(npy, width, shape, fortran, &shown);
    }
    let Some(dtype) = DType::ALL.into_iter().find(|d| d.descr() == descr) else {
        let hint = if descr.starts_with('>') {
            " (big-endian: convert it with `a.astype(a.dtype.newbyteorder('<'))`)"
        } else {
            ""
        };
        let mut supported: Vec<String> = DType::ALL
            .iter()
            .map(|d| format!("{d} '{}'", d.descr()))
            .collect();
        supported.push("bytes '|S<width>'".into());
        return Err(Error::file(format!(
            "{shown} holds dtype '{descr}'{hint}; supported are {}",
            supported.join(", ")
        )));
    };
    let array = with_dtype!(dtype, T => read_typed::<T>(npy, &shown), bytes => Err(Error::file(format!("{shown}: bytes without a width"))))?;
    if shape.ndim() == 0 {
        return array
            .get(0)
            .map(Value::Scalar)
            .ok_or_else(|| Error::file(format!("{shown} holds an empty scalar")));
    }
    let array = if fortran {
        c_order(&array, &shape)?
    } else {
        array
    };
    Ok(NdArray::new(array, shape)?.into())
}

/// The width of a byte-string dtype, `|S5` (or `|a5`, NumPy's old name).
fn byte_width(descr: &str) -> Option<usize> {
    descr
        .strip_prefix("|S")
        .or_else(|| descr.strip_prefix("|a"))?
        .parse()
        .ok()
}

/// Byte strings of `width` bytes each (npyz gives each without its
/// trailing NULs, which the width puts back).
fn read_strings(
    npy: npyz::NpyFile<BufReader<File>>,
    width: usize,
    shape: Shape,
    fortran: bool,
    shown: &impl std::fmt::Display,
) -> Result<Value> {
    let mut items = npy
        .into_vec::<Vec<u8>>()
        .map_err(|e| Error::file(format!("cannot read the data of {shown}: {e}")))?;
    if fortran {
        let order = fortran_to_c(&shape);
        let mut stored = std::mem::take(&mut items);
        // A permutation: each item is moved once.
        items = (0..stored.len())
            .map(|i| {
                stored
                    .get_mut(order(i))
                    .map(std::mem::take)
                    .unwrap_or_default()
            })
            .collect();
    }
    Ok(Value::Bytes(
        Strings::padded(width, &items, shape)
            .map_err(|e| Error::file(format!("{shown}: {}", e.message())))?,
    ))
}

/// For each element of an array of `shape` in C order, its index in the
/// same array stored in Fortran order (the first index varying fastest).
fn fortran_to_c(shape: &Shape) -> Box<dyn Fn(usize) -> usize> {
    // Fortran order is C order of the reversed shape: transposed, each
    // element of the C-order result is read by the reversed strides.
    let dims = shape.dims().to_vec();
    let mut strides = vec![1usize; dims.len()];
    for k in 1..dims.len() {
        strides[k] = strides[k - 1] * dims[k - 1];
    }
    Box::new(move |mut flat: usize| {
        let mut at = 0;
        for k in (0..dims.len()).rev() {
            at += (flat % dims[k]) * strides[k];
            flat /= dims[k];
        }
        at
    })
}

/// The elements of an array stored in Fortran order (the first index
/// varying fastest), in C order.
fn c_order(array: &Array, shape: &Shape) -> Result<Array> {
    let index = fortran_to_c(shape);
    fn gather<T: Element>(v: &[T], len: usize, index: impl Fn(usize) -> usize) -> Result<Array> {
        let mut out = crate::types::try_with_capacity(len)?;
        out.extend((0..len).map(|i| v[index(i)]));
        Ok(T::into_array(out))
    }
    with_array!(array, v => gather(v, shape.len(), &index))
}

fn read_typed<T: Element + npyz::Deserialize>(
    npy: npyz::NpyFile<BufReader<File>>,
    shown: &impl std::fmt::Display,
) -> Result<Array> {
    npy.into_vec::<T>()
        .map(T::into_array)
        .map_err(|e| Error::file(format!("cannot read the data of {shown}: {e}")))
}

/// Writes `value` to `path`: an array in its shape (C order), a scalar as 0-d.
pub fn write(path: &Path, value: &Value) -> Result<()> {
    let shown = path.display();
    let fail = |e: std::io::Error| Error::file(format!("cannot write {shown}: {e}"));
    let file = File::create(path).map_err(fail)?;
    let array;
    let (array, shape): (&Array, Vec<u64>) = match value {
        Value::Bytes(s) => {
            return write_strings(BufWriter::new(file), s).map_err(fail);
        }
        Value::Array(a) => (a, a.shape().dims().iter().map(|&d| d as u64).collect()),
        Value::Scalar(s) => {
            array = crate::eager::broadcast(*s, 1)?;
            (&array, Vec::new())
        }
    };
    with_array!(array, v => write_typed(BufWriter::new(file), &shape, v)).map_err(fail)
}

fn write_strings(w: BufWriter<File>, strings: &Strings) -> std::io::Result<()> {
    let descr = strings
        .descr()
        .parse()
        .map_err(|e| std::io::Error::other(format!("{e}")))?;
    let shape: Vec<u64> = strings.shape().dims().iter().map(|&d| d as u64).collect();
    let mut writer = npyz::WriteOptions::<[u8]>::new()
        .dtype(npyz::DType::Plain(descr))
        .shape(&shape)
        .writer(w)
        .begin_nd()?;
    for i in 0..strings.len() {
        writer.push(strings.get(i))?;
    }
    writer.finish()
}

fn write_typed<T: npyz::AutoSerialize + Copy>(
    w: BufWriter<File>,
    shape: &[u64],
    values: &[T],
) -> std::io::Result<()> {
    let mut writer = npyz::WriteOptions::new()
        .default_dtype()
        .shape(shape)
        .writer(w)
        .begin_nd()?;
    writer.extend(values.iter().copied())?;
    writer.finish()
}
