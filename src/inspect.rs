//! What the lab shows of a result: a summary, a plot or a picture
//! decimated to the pixels that draw it, and how far two engines' results
//! are apart in ULPs.

use crate::error::Result;
use crate::kernels::scalar::Complex;
use crate::types::{C128, DType, Element, Scalar, Slice, Value, try_grow, with_slice};

/// What a summary, plot or picture shows of each element: a real one's
/// value; of a complex one, its magnitude (`Value`), or one of its parts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Part {
    #[default]
    Value,
    Real,
    Imag,
}

impl Part {
    /// `value`, `real` or `imag`, as the JavaScript API names them.
    pub fn parse(name: &str) -> Option<Part> {
        match name {
            "value" => Some(Part::Value),
            "real" => Some(Part::Real),
            "imag" => Some(Part::Imag),
            _ => None,
        }
    }

    fn of_complex(self, z: C128) -> f64 {
        match self {
            Part::Value => z.magnitude(),
            Part::Real => z.re,
            Part::Imag => z.im,
        }
    }

    fn of_real(self, x: f64) -> f64 {
        if self == Part::Imag { 0.0 } else { x }
    }
}

/// Calls `f` with `part` of every element of `values` as an `f64`,
/// matching on the dtype once rather than per element.
fn for_each_f64(values: &Value, part: Part, mut f: impl FnMut(f64)) {
    let array = match values {
        Value::Scalar(Scalar::Complex128(z)) => return f(part.of_complex(*z)),
        Value::Scalar(s) => return f(part.of_real(s.to_f64())),
        Value::Array(a) => a,
        // Byte strings are no numbers: nothing to summarize or draw.
        Value::Bytes(_) => return,
    };
    match array.as_slice() {
        Slice::Complex128(v) => v.iter().for_each(|&z| f(part.of_complex(z))),
        slice => with_slice!(slice, v => v.iter().for_each(|&x| f(part.of_real(x.to_f64())))),
    }
}

/// The summary the lab prints under a result (of a complex one, of its
/// magnitudes).
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub dtype: DType,
    /// Elements; `None` for a 0-d result (a reduction).
    pub len: Option<usize>,
    /// The smallest and largest values and the mean, NaNs left out (NaN
    /// when every value is NaN or there are none).
    pub min: f64,
    pub max: f64,
    pub mean: f64,
    pub nans: usize,
}

pub fn summarize(value: &Value) -> Summary {
    let (mut min, mut max, mut sum, mut count, mut nans) =
        (f64::INFINITY, f64::NEG_INFINITY, 0.0, 0usize, 0usize);
    for_each_f64(value, Part::Value, |x| {
        if x.is_nan() {
            nans += 1;
        } else {
            min = min.min(x);
            max = max.max(x);
            sum += x;
            count += 1;
        }
    });
    let (min, max, mean) = if count == 0 {
        (f64::NAN, f64::NAN, f64::NAN)
    } else {
        (min, max, sum / count as f64)
    };
    Summary {
        dtype: value.dtype(),
        len: (!value.is_scalar()).then(|| value.len()),
        min,
        max,
        mean,
        nans,
    }
}

/// The line plot of `part` of `value` decimated to `columns` pixel columns: for each
/// column, the smallest and then the largest value of the elements it
/// covers (NaNs left out; NaN for a column of NaNs), so that a plot of 1e7
/// points drawn from `2 * columns` values keeps every spike. Bools give
/// each column's share of true, twice (a line: their smallest and largest
/// are 0 and 1 in any mixed column, a band that says nothing). Fewer
/// elements than columns give one column each; columns that do not fit in
/// memory are an error.
pub fn decimate(value: &Value, columns: usize, part: Part) -> Result<Vec<f64>> {
    let len = value.len();
    let columns = columns.clamp(1, len.max(1));
    let shares = value.dtype() == DType::Bool;
    let mut out = Vec::new();
    try_grow(&mut out, 2 * columns)?;
    // Shares: the trues and the elements of each column, then their ratio.
    out.fill(if shares { 0.0 } else { f64::NAN });
    let mut i = 0usize;
    for_each_f64(value, part, |x| {
        // Element i falls in column floor(i * columns / len).
        let column = (i as u128 * columns as u128 / len as u128) as usize;
        i += 1;
        if shares {
            out[2 * column] += x;
            out[2 * column + 1] += 1.0;
        } else if !x.is_nan() {
            // f64::min and max take the number over a slot's initial NaN.
            out[2 * column] = out[2 * column].min(x);
            out[2 * column + 1] = out[2 * column + 1].max(x);
        }
    });
    if shares {
        for pair in out.chunks_exact_mut(2) {
            let share = pair[0] / pair[1];
            pair.fill(share);
        }
    }
    Ok(out)
}

/// A result of two or more dimensions as an image: its last dimension
/// across, the others down (a matrix as it prints), decimated to at most
/// `width` x `height` pixels, each the mean of the elements it covers.
#[derive(Clone, Debug, PartialEq)]
pub struct Picture {
    pub width: usize,
    pub height: usize,
    /// `width * height` values, row by row from the top; NaN for a pixel
    /// whose elements are all NaN.
    pub pixels: Vec<f64>,
}

/// The picture of `part` of `value` at most `width` x `height` pixels; `None` for a
/// result of fewer than two dimensions, or none of its elements; pixels
/// that do not fit in memory are an error.
pub fn picture(value: &Value, width: usize, height: usize, part: Part) -> Result<Option<Picture>> {
    let Value::Array(array) = value else {
        return Ok(None);
    };
    let dims = array.shape().dims();
    let Some((&across, down)) = dims.split_last() else {
        return Ok(None);
    };
    let down: usize = down.iter().product();
    if dims.len() < 2 || across == 0 || down == 0 {
        return Ok(None);
    }
    let width = width.clamp(1, across);
    let height = height.clamp(1, down);
    // The pixel column of each element column, worked out once.
    let mut pixel_of: Vec<usize> = Vec::new();
    try_grow(&mut pixel_of, across)?;
    pixel_of
        .iter_mut()
        .enumerate()
        .for_each(|(c, p)| *p = c * width / across);
    let (mut sums, mut counts) = (Vec::new(), Vec::<u32>::new());
    try_grow(&mut sums, width * height)?;
    try_grow(&mut counts, width * height)?;
    let mut i = 0usize;
    for_each_f64(value, part, |x| {
        let (row, column) = (i / across, i % across);
        i += 1;
        if x.is_nan() {
            return;
        }
        let pixel =
            (row as u128 * height as u128 / down as u128) as usize * width + pixel_of[column];
        sums[pixel] += x;
        counts[pixel] += 1;
    });
    // The sums become the means, in place.
    for (s, &n) in sums.iter_mut().zip(&counts) {
        *s = if n == 0 { f64::NAN } else { *s / f64::from(n) };
    }
    Ok(Some(Picture {
        width,
        height,
        pixels: sums,
    }))
}

/// The largest difference between two results of the same expression, in
/// units in the last place of their dtype: 0 when they hold the same
/// values (NaNs alike), infinite when they differ in dtype, length or class
/// (a NaN against a number). Integers and bools differ by their values,
/// byte strings by being other strings.
pub fn max_ulp_difference(a: &Value, b: &Value) -> f64 {
    if a.dtype() != b.dtype() || a.is_scalar() != b.is_scalar() {
        return f64::INFINITY;
    }
    match (a, b) {
        (Value::Scalar(x), Value::Scalar(y)) => ulps(*x, *y),
        (Value::Bytes(x), Value::Bytes(y)) => {
            let same = x.shape() == y.shape() && (0..x.len()).all(|i| x.get(i) == y.get(i));
            if same { 0.0 } else { f64::INFINITY }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            (0..x.len()).fold(0.0, |worst, i| match (x.get(i), y.get(i)) {
                (Some(p), Some(q)) => worst.max(ulps(p, q)),
                _ => f64::INFINITY,
            })
        }
        _ => f64::INFINITY,
    }
}

/// The distance between two scalars of one dtype (see [`max_ulp_difference`]).
fn ulps(a: Scalar, b: Scalar) -> f64 {
    // Float bits mapped to integers that count representable values in order.
    fn ordered(bits: i64, sign: i64) -> i64 {
        if bits & sign != 0 { sign - bits } else { bits }
    }
    match (a, b) {
        (Scalar::Float64(x), Scalar::Float64(y)) if x.is_nan() || y.is_nan() => {
            if x.is_nan() && y.is_nan() {
                0.0
            } else {
                f64::INFINITY
            }
        }
        (Scalar::Float32(x), Scalar::Float32(y)) if x.is_nan() || y.is_nan() => {
            if x.is_nan() && y.is_nan() {
                0.0
            } else {
                f64::INFINITY
            }
        }
        (Scalar::Float64(x), Scalar::Float64(y)) => {
            let sign = i64::MIN;
            let (p, q) = (
                ordered(x.to_bits() as i64, sign),
                ordered(y.to_bits() as i64, sign),
            );
            (i128::from(p) - i128::from(q)).unsigned_abs() as f64
        }
        (Scalar::Float32(x), Scalar::Float32(y)) => {
            let sign = i64::from(i32::MIN as u32);
            let (p, q) = (
                ordered(i64::from(x.to_bits()), sign),
                ordered(i64::from(y.to_bits()), sign),
            );
            (p - q).unsigned_abs() as f64
        }
        (Scalar::Int64(x), Scalar::Int64(y)) => {
            (i128::from(x) - i128::from(y)).unsigned_abs() as f64
        }
        // The worse of the two parts.
        (Scalar::Complex128(x), Scalar::Complex128(y)) => {
            ulps(Scalar::Float64(x.re), Scalar::Float64(y.re))
                .max(ulps(Scalar::Float64(x.im), Scalar::Float64(y.im)))
        }
        (x, y) => (x.to_f64() - y.to_f64()).abs(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::Array;

    #[test]
    fn summary_leaves_nans_out() {
        let v = Value::from(Array::Float64(vec![1.0, f64::NAN, -2.0, 4.0]));
        let s = summarize(&v);
        assert_eq!(
            (s.min, s.max, s.mean, s.nans, s.len),
            (-2.0, 4.0, 1.0, 1, Some(4))
        );
        let s = summarize(&Value::Scalar(Scalar::Int64(7)));
        assert_eq!(
            (s.min, s.max, s.len, s.dtype),
            (7.0, 7.0, None, DType::Int64)
        );
        assert!(
            summarize(&Value::from(Array::Float32(vec![])))
                .mean
                .is_nan()
        );
    }

    #[test]
    fn decimation_keeps_the_extremes_of_each_column() {
        let v = Value::from(Array::Float64((0..10).map(f64::from).collect()));
        assert_eq!(decimate(&v, 2, Part::Value).unwrap(), [0.0, 4.0, 5.0, 9.0]);
        let v = Value::from(Array::Int32(vec![3, -1, 7]));
        assert_eq!(
            decimate(&v, 100, Part::Value).unwrap(),
            [3.0, 3.0, -1.0, -1.0, 7.0, 7.0]
        );
        let v = Value::from(Array::Float64(vec![f64::NAN, 1.0, f64::NAN, f64::NAN]));
        let d = decimate(&v, 2, Part::Value).unwrap();
        assert_eq!(d[..2], [1.0, 1.0]);
        assert!(d[2].is_nan() && d[3].is_nan());
    }

    #[test]
    fn decimated_bools_are_each_columns_share_of_true() {
        let v = Value::from(Array::Bool(vec![true, false, false, false, true, true]));
        assert_eq!(
            decimate(&v, 2, Part::Value).unwrap(),
            [1.0 / 3.0, 1.0 / 3.0, 2.0 / 3.0, 2.0 / 3.0]
        );
        let v = Value::from(Array::Bool(vec![false, true]));
        assert_eq!(decimate(&v, 9, Part::Value).unwrap(), [0.0, 0.0, 1.0, 1.0]);
    }

    #[test]
    fn a_picture_averages_the_elements_of_each_pixel() {
        use crate::types::{NdArray, Shape};
        let grid = |rows: usize, columns: usize, v: Vec<f64>| {
            let shape = Shape::new(vec![rows, columns]).unwrap();
            Value::Array(NdArray::new(Array::Float64(v), shape).unwrap())
        };
        // 2 x 4 elements to 2 x 2 pixels: each pixel the mean of two.
        let v = grid(2, 4, vec![0.0, 2.0, 4.0, 6.0, 1.0, f64::NAN, 5.0, 7.0]);
        let p = picture(&v, 2, 10, Part::Value).unwrap().unwrap();
        assert_eq!((p.width, p.height), (2, 2));
        assert_eq!(p.pixels, [1.0, 5.0, 1.0, 6.0]);
        // No more pixels than elements; a 3-D result stacks its matrices.
        let v = Value::Array(
            NdArray::new(
                Array::Int32((0..12).collect()),
                Shape::new(vec![2, 3, 2]).unwrap(),
            )
            .unwrap(),
        );
        let p = picture(&v, 100, 100, Part::Value).unwrap().unwrap();
        assert_eq!((p.width, p.height), (2, 6));
        assert_eq!(p.pixels[10..], [10.0, 11.0]);
        let nan = picture(&grid(1, 1, vec![f64::NAN]), 9, 9, Part::Value)
            .unwrap()
            .unwrap();
        assert!(nan.pixels[0].is_nan());
        assert_eq!(
            picture(&Value::from(Array::Float64(vec![1.0])), 9, 9, Part::Value),
            Ok(None)
        );
        assert_eq!(picture(&grid(0, 3, vec![]), 9, 9, Part::Value), Ok(None));
    }

    #[test]
    fn ulp_differences() {
        let f = |v: Vec<f64>| Value::from(Array::Float64(v));
        let next = f64::from_bits(1.0f64.to_bits() + 3);
        assert_eq!(
            max_ulp_difference(&f(vec![1.0, 2.0]), &f(vec![next, 2.0])),
            3.0
        );
        // Across zero: the smallest subnormals either side are 2 apart.
        let tiny = f64::from_bits(1);
        assert_eq!(max_ulp_difference(&f(vec![tiny]), &f(vec![-tiny])), 2.0);
        assert_eq!(max_ulp_difference(&f(vec![0.0]), &f(vec![-0.0])), 0.0);
        assert_eq!(
            max_ulp_difference(&f(vec![f64::NAN]), &f(vec![f64::NAN])),
            0.0
        );
        assert!(max_ulp_difference(&f(vec![f64::NAN]), &f(vec![1.0])).is_infinite());
        assert!(max_ulp_difference(&f(vec![1.0]), &f(vec![1.0, 2.0])).is_infinite());
        let g = |v: Vec<f32>| Value::from(Array::Float32(v));
        let next = f32::from_bits(1.0f32.to_bits() + 1);
        assert_eq!(max_ulp_difference(&g(vec![1.0]), &g(vec![next])), 1.0);
        let i = |v: Vec<i64>| Value::from(Array::Int64(v));
        assert_eq!(
            max_ulp_difference(&i(vec![5, i64::MIN]), &i(vec![5, i64::MAX])),
            2f64.powi(64)
        );
        assert!(max_ulp_difference(&f(vec![1.0]), &g(vec![1.0])).is_infinite());
        let z = |re: f64, im: f64| {
            Value::from(Array::Complex128(vec![crate::types::C128::new(re, im)]))
        };
        let two_up = f64::from_bits(2.0f64.to_bits() + 1);
        assert_eq!(max_ulp_difference(&z(1.0, 2.0), &z(1.0, two_up)), 1.0);
        let s = |items: &[&[u8]]| {
            let shape = crate::types::Shape::vector(items.len());
            Value::from(crate::types::Strings::from_items(items, shape).unwrap())
        };
        assert_eq!(
            max_ulp_difference(&s(&[b"ab", b""]), &s(&[b"ab", b""])),
            0.0
        );
        assert!(max_ulp_difference(&s(&[b"ab", b""]), &s(&[b"ab", b"c"])).is_infinite());
    }
}
