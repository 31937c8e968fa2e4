//! Byte strings: NumPy's `S` dtype, an array of fixed-width items.

use super::Shape;
use crate::error::{Error, Result};
use std::fmt;

/// The widest byte string an array may hold, in bytes.
pub const MAX_WIDTH: usize = 1 << 20;

/// An array of byte strings of one width, as NumPy's `S<width>` lays them
/// out: each item `width` bytes, padded with NULs, in C order. An item's
/// value is its bytes without the trailing NULs (as NumPy reads `b'ab\0'`
/// as `b'ab'`); NULs inside an item are bytes like any other.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Strings {
    width: usize,
    data: Vec<u8>,
    shape: Shape,
}

impl Strings {
    /// Items of `width` bytes each from `data`, as an array of `shape`.
    pub fn new(width: usize, data: Vec<u8>, shape: Shape) -> Result<Strings> {
        if width > MAX_WIDTH {
            return Err(Error::input(format!(
                "byte strings of {width} bytes are wider than the limit of {MAX_WIDTH} bytes"
            )));
        }
        let len = shape.len();
        if Some(data.len()) != len.checked_mul(width) {
            return Err(Error::input(format!(
                "{} bytes do not make {len} byte strings of {width} bytes (shape {shape})",
                data.len()
            )));
        }
        Ok(Strings { width, data, shape })
    }

    /// The items, each padded with NULs to the longest (at least 1 byte
    /// wide, as NumPy makes `np.array([b''])` an `S1`), as an array of
    /// `shape`.
    pub fn from_items<I: AsRef<[u8]>>(items: &[I], shape: Shape) -> Result<Strings> {
        let width = items
            .iter()
            .map(|s| s.as_ref().len())
            .max()
            .unwrap_or(0)
            .max(1);
        Strings::padded(width, items, shape)
    }

    /// The items, each padded with NULs to `width` bytes (cut to it where
    /// longer), as an array of `shape`.
    pub fn padded<I: AsRef<[u8]>>(width: usize, items: &[I], shape: Shape) -> Result<Strings> {
        let mut data = crate::types::try_with_capacity(items.len().saturating_mul(width))?;
        for item in items {
            let item = item.as_ref();
            let item = &item[..item.len().min(width)];
            data.extend_from_slice(item);
            data.resize(data.len() + width - item.len(), 0);
        }
        Strings::new(width, data, shape)
    }

    /// One byte string, a 0-d array.
    pub fn scalar(item: &[u8]) -> Result<Strings> {
        Strings::from_items(&[item], Shape::default())
    }

    /// Bytes per item: NumPy's `S<width>`.
    pub fn width(&self) -> usize {
        self.width
    }

    pub fn shape(&self) -> &Shape {
        &self.shape
    }

    /// The item count.
    pub fn len(&self) -> usize {
        self.shape.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Item `i` without its trailing NULs; empty past the end.
    pub fn get(&self, i: usize) -> &[u8] {
        let item = self.item(i);
        let end = item.iter().rposition(|&b| b != 0).map_or(0, |k| k + 1);
        &item[..end]
    }

    /// Item `i` with its NUL padding, `width` bytes; empty past the end.
    #[inline]
    pub fn item(&self, i: usize) -> &[u8] {
        let start = i.saturating_mul(self.width);
        self.data
            .get(start..start.saturating_add(self.width))
            .unwrap_or(&[])
    }

    /// Every item's bytes, NUL padding included, in C order.
    pub fn bytes(&self) -> &[u8] {
        &self.data
    }

    /// The `.npy` header's name of the dtype: `|S5`.
    pub fn descr(&self) -> String {
        format!("|S{}", self.width)
    }

    /// The same items as an array of `shape`, which has as many elements.
    pub fn reshaped(self, shape: Shape) -> Result<Strings> {
        Strings::new(self.width, self.data, shape)
    }
}

/// Python's spelling of a bytes value (`repr`): `b'ab\x00c'`, in double
/// quotes when it holds a `'` and no `"`, with `\\`, the quote, `\t`,
/// `\n`, `\r` escaped and bytes outside printable ASCII in hex.
pub struct Repr<'a>(pub &'a [u8]);

impl fmt::Display for Repr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let quote = if self.0.contains(&b'\'') && !self.0.contains(&b'"') {
            b'"'
        } else {
            b'\''
        };
        write!(f, "b{}", quote as char)?;
        for &b in self.0 {
            match b {
                b'\\' => f.write_str("\\\\")?,
                _ if b == quote => write!(f, "\\{}", quote as char)?,
                b'\t' => f.write_str("\\t")?,
                b'\n' => f.write_str("\\n")?,
                b'\r' => f.write_str("\\r")?,
                0x20..=0x7e => write!(f, "{}", b as char)?,
                _ => write!(f, "\\x{b:02x}")?,
            }
        }
        write!(f, "{}", quote as char)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_padded_with_nuls_and_read_without_the_trailing_ones() {
        let s = Strings::from_items(&[&b"ab"[..], b"", b"a\0b"], Shape::vector(3)).unwrap();
        assert_eq!(s.width(), 3);
        assert_eq!(s.bytes(), b"ab\0\0\0\0a\0b");
        assert_eq!(s.get(0), b"ab");
        assert_eq!(s.get(1), b"");
        assert_eq!(s.get(2), b"a\0b");
        assert_eq!(s.get(3), b"");
        assert_eq!(s.descr(), "|S3");
        assert_eq!(Strings::scalar(b"").unwrap().width(), 1);
    }

    #[test]
    fn a_wrong_count_of_bytes_is_an_error() {
        let message = Strings::new(2, vec![0; 5], Shape::vector(3))
            .unwrap_err()
            .message();
        assert!(
            message.contains("5 bytes do not make 3 byte strings of 2 bytes"),
            "{message}"
        );
        assert!(Strings::new(MAX_WIDTH + 1, Vec::new(), Shape::vector(0)).is_err());
    }

    #[test]
    fn numpy_s_names_are_the_bytes_dtype() {
        use crate::types::DType;
        for name in ["bytes", "S", "S5", "|S12"] {
            assert_eq!(DType::parse(name), Some(DType::Bytes), "{name}");
        }
        for name in ["S-1", "Sx", "|S", "s5"] {
            assert_eq!(DType::parse(name), None, "{name}");
        }
    }

    #[test]
    fn bytes_print_as_python_writes_them() {
        assert_eq!(
            Repr(b"it's\t\\\x00\xff").to_string(),
            r#"b"it's\t\\\x00\xff""#
        );
        assert_eq!(Repr(b"'\"").to_string(), r#"b'\'"'"#);
    }
}
