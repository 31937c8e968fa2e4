//! `.npy` files, through the `npyz` crate: format versions 1 to 3,
//! little-endian, the five dtypes, 1-D arrays and 0-d scalars. Anything else
//! is a clear error naming what the file holds and what would do.

use crate::error::{Error, Result};
use crate::limits::MAX_ARRAY_LEN;
use crate::types::{Array, Element, Value, with_array};
use npyz::WriterBuilder;
use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::path::Path;

/// Reads a 1-D array (or a 0-d scalar) from `path`.
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
    let shape = npy.shape().to_vec();
    if shape.len() > 1 {
        let dims: Vec<String> = shape.iter().map(u64::to_string).collect();
        return Err(Error::file(format!(
            "{shown} holds an array of shape ({}); only 1-D arrays and scalars are supported",
            dims.join(", ")
        )));
    }
    let len = shape.iter().product::<u64>();
    // The header's claim must fit the limits and the file, before we allocate.
    if len > MAX_ARRAY_LEN as u64 || len > size {
        return Err(Error::file(format!(
            "{shown} claims {len} elements, more than the file or the limit of {MAX_ARRAY_LEN} holds"
        )));
    }
    let array = match descr.as_str() {
        "|b1" => read_typed::<bool>(npy, &shown)?,
        "<i4" => read_typed::<i32>(npy, &shown)?,
        "<i8" => read_typed::<i64>(npy, &shown)?,
        "<f4" => read_typed::<f32>(npy, &shown)?,
        "<f8" => read_typed::<f64>(npy, &shown)?,
        other => {
            let hint = if other.starts_with('>') {
                " (big-endian: convert it with `a.astype(a.dtype.newbyteorder('<'))`)"
            } else {
                ""
            };
            return Err(Error::file(format!(
                "{shown} holds dtype '{other}'{hint}; supported are bool '|b1', int32 '<i4', int64 '<i8', float32 '<f4' and float64 '<f8'"
            )));
        }
    };
    if shape.is_empty() {
        return array
            .get(0)
            .map(Value::Scalar)
            .ok_or_else(|| Error::file(format!("{shown} holds an empty scalar")));
    }
    Ok(Value::Array(array))
}

fn read_typed<T: Element + npyz::Deserialize>(
    npy: npyz::NpyFile<BufReader<File>>,
    shown: &impl std::fmt::Display,
) -> Result<Array> {
    npy.into_vec::<T>()
        .map(T::into_array)
        .map_err(|e| Error::file(format!("cannot read the data of {shown}: {e}")))
}

/// Writes `value` to `path`: an array as 1-D, a scalar as 0-d.
pub fn write(path: &Path, value: &Value) -> Result<()> {
    let shown = path.display();
    let fail = |e: std::io::Error| Error::file(format!("cannot write {shown}: {e}"));
    let file = File::create(path).map_err(fail)?;
    let array;
    let (array, shape): (&Array, &[u64]) = match value {
        Value::Array(a) => (a, &[a.len() as u64]),
        Value::Scalar(s) => {
            array = crate::eager::broadcast(*s, 1)?;
            (&array, &[])
        }
    };
    with_array!(array, v => write_typed(BufWriter::new(file), shape, v)).map_err(fail)
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
