//! `.npy` files, through the `npyz` crate: format versions 1 to 3,
//! little-endian, every dtype, arrays of any shape within the limits
//! (in C order; one in Fortran order is converted) and 0-d scalars.
//! Anything else is a clear error naming what the file holds and what
//! would do.

use crate::error::{Error, Result};
use crate::types::{Array, C128, DType, Element, NdArray, Shape, Value, with_array, with_dtype};
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
    let Some(dtype) = DType::ALL.into_iter().find(|d| d.descr() == descr) else {
        let hint = if descr.starts_with('>') {
            " (big-endian: convert it with `a.astype(a.dtype.newbyteorder('<'))`)"
        } else {
            ""
        };
        let supported: Vec<String> = DType::ALL
            .iter()
            .map(|d| format!("{d} '{}'", d.descr()))
            .collect();
        return Err(Error::file(format!(
            "{shown} holds dtype '{descr}'{hint}; supported are {}",
            supported.join(", ")
        )));
    };
    let array = with_dtype!(dtype, T => read_typed::<T>(npy, &shown))?;
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

/// The elements of an array stored in Fortran order (the first index
/// varying fastest), in C order.
fn c_order(array: &Array, shape: &Shape) -> Result<Array> {
    // Fortran order is C order of the reversed shape: transposed, each
    // element of the C-order result is read by the reversed strides.
    let dims = shape.dims();
    let mut strides = vec![1usize; dims.len()];
    for k in 1..dims.len() {
        strides[k] = strides[k - 1] * dims[k - 1];
    }
    let index = |mut flat: usize| {
        let mut at = 0;
        for k in (0..dims.len()).rev() {
            at += (flat % dims[k]) * strides[k];
            flat /= dims[k];
        }
        at
    };
    fn gather<T: Element>(v: &[T], len: usize, index: impl Fn(usize) -> usize) -> Result<Array> {
        let mut out = crate::types::try_with_capacity(len)?;
        out.extend((0..len).map(|i| v[index(i)]));
        Ok(T::into_array(out))
    }
    with_array!(array, v => gather(v, shape.len(), index))
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
        Value::Array(a) => (a, a.shape().dims().iter().map(|&d| d as u64).collect()),
        Value::Scalar(s) => {
            array = crate::eager::broadcast(*s, 1)?;
            (&array, Vec::new())
        }
    };
    with_array!(array, v => write_typed(BufWriter::new(file), &shape, v)).map_err(fail)
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
