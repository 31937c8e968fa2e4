//! The lab's array constructors, as NumPy spells them: `linspace(-1, 1, 1e6)`,
//! `arange(10)`, `random(1e6, 42, float32)`. A dtype name may end the
//! arguments; arguments are constant expressions (`linspace(-pi, pi, 100)`).
//! `shape=` gives the elements a shape, in C order, as NumPy's `reshape`:
//! `linspace(-2, 2, 800, shape=(1, 800))` is a row, `shape=(800, 1)` a
//! column, and the two broadcast together into an 800 x 800 grid.
//!
//! `axis=` is the grid helper for that common x/y case, as NumPy's
//! `ogrid` lays out its ranges: the values along one axis of a 2-D grid,
//! `axis=1` a row `(1, n)` (x, varying across) and `axis=0` a column
//! `(n, 1)` (y, varying down). `x = linspace(-2, 2, 800, axis=1)` and
//! `y = linspace(-1, 1, 600, axis=0)` make `sin(x**2 + y**2)` a (600, 800)
//! picture from 1,400 values.
//!
//! `array([...])` takes the values themselves, as NumPy's `np.array`:
//! numbers (`array([1, 2.5, -3])`, nested lists for more dimensions,
//! `array([[1, 2], [3, 4]])`) or byte strings (`array([b'apple', b'fig'])`,
//! NumPy's `S` dtype, as wide as the longest; `S3` cuts them to 3 bytes).
//! `random(n, seed, S8)` makes `n` random lowercase words of 1 to 8 letters,
//! byte strings to search and compare.

use crate::error::{Error, ErrorKind, Result, Span};
use crate::syntax::Keyword;
use crate::syntax::{Expr, ExprKind, parse_expr};
use crate::types::{
    Array, C128, DType, Element, NdArray, Scalar, Shape, Strings, Value, try_with_capacity,
    with_dtype,
};
use rand::SeedableRng;
use rand_distr::{Distribution, StandardNormal, StandardUniform, Uniform};
use rand_xoshiro::Xoshiro256PlusPlus;

/// What to build.
#[derive(Clone, Debug, PartialEq)]
pub enum Constructor {
    /// `n` evenly spaced values from `start` to `stop`, both included.
    Linspace {
        start: f64,
        stop: f64,
        len: usize,
    },
    /// `start, start + step, ...` below `stop`.
    Arange {
        start: Scalar,
        stop: Scalar,
        step: Scalar,
    },
    Zeros {
        len: usize,
    },
    Ones {
        len: usize,
    },
    Full {
        len: usize,
        value: f64,
    },
    /// Uniform in [0, 1), from a seeded xoshiro256++.
    Random {
        len: usize,
        seed: u64,
    },
    /// Standard normal, from a seeded xoshiro256++.
    Normal {
        len: usize,
        seed: u64,
    },
    /// The values of `array([...])`, in C order, cast to the dtype.
    Values(Vec<Scalar>),
    /// The byte strings of `array([b'...', ...])`, in C order, padded with
    /// NULs to `width` (cut to it where longer).
    Strings {
        items: Vec<Vec<u8>>,
        width: usize,
    },
    /// Random lowercase words of 1 to `width` letters (uniform lengths and
    /// letters), from a seeded xoshiro256++.
    Words {
        len: usize,
        seed: u64,
        width: usize,
    },
}

/// How wide `random(n, seed, bytes)` makes its words when the dtype gives
/// no width (`S8` does).
pub const DEFAULT_WORD_WIDTH: usize = 8;

/// A constructor with the dtype of the array it builds, and its shape when
/// `shape=` gives one (1-D otherwise).
#[derive(Clone, Debug, PartialEq)]
pub struct ArraySpec {
    pub constructor: Constructor,
    pub dtype: DType,
    pub shape: Option<Shape>,
}

pub const CONSTRUCTORS: [&str; 8] = [
    "linspace", "arange", "zeros", "ones", "full", "random", "normal", "array",
];

impl ArraySpec {
    /// Parses `name(arg, ...[, dtype])`.
    pub fn parse(text: &str) -> Result<ArraySpec> {
        ArraySpec::parse_as(text, None)
    }

    /// Parses `name(arg, ...[, dtype])` for an input declared of `dtype`
    /// (when given): the array has that dtype, and a different dtype named
    /// in the text is an error.
    pub fn parse_as(text: &str, declared: Option<DType>) -> Result<ArraySpec> {
        let expr = parse_expr(text)?;
        let ExprKind::Call {
            name,
            name_span,
            args,
            keywords,
        } = &expr.kind
        else {
            return Err(Error::syntax(
                format!(
                    "expected a constructor call such as `linspace(-1, 1, 1e6)`; one of {}",
                    CONSTRUCTORS.join(", ")
                ),
                expr.span,
            ));
        };
        let (args, dtype) = match args.split_last() {
            Some((last, rest)) => match &last.kind {
                ExprKind::Name(n) => match DType::parse(n) {
                    Some(d) => (rest, Some((d, last.span, DType::bytes_width(n)))),
                    None => {
                        return Err(Error::syntax(
                            format!(
                                "`{n}` is neither a number nor a dtype: the arguments are numbers (or constants such as pi), and a dtype ({}) may come last",
                                DType::names()
                            ),
                            last.span,
                        ));
                    }
                },
                _ => (args.as_slice(), None),
            },
            None => (args.as_slice(), None),
        };
        let width = dtype.and_then(|(_, _, width)| width);
        let dtype = match (dtype, declared) {
            (Some((named, span, _)), Some(declared)) if named != declared => {
                return Err(Error::syntax(
                    format!(
                        "the constructor makes {named}, but the input is declared {declared}: name one dtype"
                    ),
                    span,
                ));
            }
            (named, declared) => named.map(|(d, ..)| d).or(declared),
        };
        if dtype == Some(DType::Bytes) && !matches!(name.as_str(), "array" | "random") {
            return Err(Error::type_error(
                format!(
                    "`{name}` makes numbers; byte strings come from `array([b'ab', b'c'])` or `random(n, seed, S8)`"
                ),
                *name_span,
            ));
        }
        // `array`'s list is no constant.
        let constants = if name == "array" { &[] } else { args };
        let values = constants
            .iter()
            .map(|a| constant(&text[a.span.start..a.span.end], a.span))
            .collect::<Result<Vec<Scalar>>>()?;
        let spans: Vec<Span> = args.iter().map(|a| a.span).collect();
        let arity = |range: &str, ok: bool| -> Result<()> {
            if ok {
                return Ok(());
            }
            Err(Error::at(
                ErrorKind::Arity {
                    function: name.clone(),
                    expected: range.into(),
                    found: values.len(),
                },
                expr.span,
            ))
        };
        let len_at = |i: usize| length(values[i], spans[i]);
        let seed_at = |i: usize| match values.get(i) {
            None => Ok(0),
            Some(v) => v
                .as_i64()
                .and_then(|s| u64::try_from(s).ok())
                .ok_or_else(|| {
                    Error::at(
                        ErrorKind::Value("a seed is a non-negative integer".into()),
                        spans[i],
                    )
                }),
        };
        let n = values.len();
        let mut nested = None;
        let (constructor, default_dtype) = match name.as_str() {
            "linspace" => {
                arity("3 arguments (start, stop, n)", n == 3)?;
                let c = Constructor::Linspace {
                    start: values[0].to_f64(),
                    stop: values[1].to_f64(),
                    len: len_at(2)?,
                };
                (c, DType::Float64)
            }
            "arange" => {
                arity(
                    "1 to 3 arguments (stop; start, stop; or start, stop, step)",
                    (1..=3).contains(&n),
                )?;
                let zero = Scalar::Int64(0);
                let one = Scalar::Int64(1);
                let (start, stop, step) = match values.as_slice() {
                    [stop] => (zero, *stop, one),
                    [start, stop] => (*start, *stop, one),
                    _ => (values[0], values[1], values[2]),
                };
                if step.to_f64() == 0.0 {
                    return Err(Error::at(
                        ErrorKind::Value("the step of arange cannot be 0".into()),
                        spans[2],
                    ));
                }
                let ints = values.iter().all(|v| v.as_i64().is_some());
                let dtype = if ints { DType::Int64 } else { DType::Float64 };
                (Constructor::Arange { start, stop, step }, dtype)
            }
            "zeros" | "ones" => {
                arity("1 argument (n)", n == 1)?;
                let len = len_at(0)?;
                let c = if name == "zeros" {
                    Constructor::Zeros { len }
                } else {
                    Constructor::Ones { len }
                };
                (c, DType::Float64)
            }
            "full" => {
                arity("2 arguments (n, value)", n == 2)?;
                let c = Constructor::Full {
                    len: len_at(0)?,
                    value: values[1].to_f64(),
                };
                (c, DType::Float64)
            }
            "random" | "normal" => {
                arity("1 or 2 arguments (n, seed)", n == 1 || n == 2)?;
                let (len, seed) = (len_at(0)?, seed_at(1)?);
                if name == "random" && dtype == Some(DType::Bytes) {
                    let width = width.unwrap_or(DEFAULT_WORD_WIDTH);
                    if width == 0 {
                        return Err(Error::syntax(
                            "random words have at least one letter: give a width of 1 or more, such as S8",
                            expr.span,
                        ));
                    }
                    (Constructor::Words { len, seed, width }, DType::Bytes)
                } else {
                    if let Some(d) = dtype.filter(|d| !d.is_float()) {
                        let words = if name == "random" {
                            " (or S8, random words of up to 8 letters)"
                        } else {
                            ""
                        };
                        return Err(Error::syntax(
                            format!(
                                "`{name}` makes floats; use float32 or float64{words}, not {d}"
                            ),
                            expr.span,
                        ));
                    }
                    let c = if name == "random" {
                        Constructor::Random { len, seed }
                    } else {
                        Constructor::Normal { len, seed }
                    };
                    (c, DType::Float64)
                }
            }
            "array" => {
                let [list] = args else {
                    return Err(Error::at(
                        ErrorKind::Arity {
                            function: name.clone(),
                            expected: "1 argument (a list such as [1, 2, 3] or [b'ab', b'c']), then a dtype if you like".into(),
                            found: args.len(),
                        },
                        expr.span,
                    ));
                };
                let (c, default, shape) = array(text, list, dtype, width)?;
                nested = shape;
                (c, default)
            }
            _ => {
                return Err(Error::syntax(
                    format!(
                        "`{name}` is not a constructor; use one of {}",
                        CONSTRUCTORS.join(", ")
                    ),
                    *name_span,
                ));
            }
        };
        let mut spec = ArraySpec {
            constructor,
            dtype: dtype.unwrap_or(default_dtype),
            shape: nested,
        };
        for (i, k) in keywords.iter().enumerate() {
            let shape = match k.name.as_str() {
                "shape" => shape(text, k)?,
                "axis" => grid_axis(text, k, spec.len())?,
                _ => {
                    return Err(Error::syntax(
                        format!(
                            "`{name}` takes no keyword argument `{}`; a constructor takes `shape=` or `axis=`",
                            k.name
                        ),
                        k.name_span,
                    ));
                }
            };
            if i > 0 {
                return Err(Error::syntax(
                    format!(
                        "`{}=` and `{}=` both give the shape: keep one",
                        keywords[0].name, k.name
                    ),
                    k.name_span,
                ));
            }
            if shape.len() != spec.len() {
                return Err(Error::at(
                    ErrorKind::Value(format!(
                        "shape {shape} holds {} elements, but `{name}` makes {}",
                        shape.len(),
                        spec.len()
                    )),
                    k.value.span,
                ));
            }
            spec.shape = Some(shape);
        }
        Ok(spec)
    }

    /// Builds the array in its shape.
    pub fn value(&self) -> Result<Value> {
        if self.dtype == DType::Bytes {
            let strings = self.strings()?;
            return Ok(match &self.shape {
                Some(shape) => strings.reshaped(shape.clone())?.into(),
                None => strings.into(),
            });
        }
        let array = self.build()?;
        Ok(match &self.shape {
            Some(shape) => NdArray::new(array, shape.clone())?.into(),
            None => array.into(),
        })
    }

    /// The number of elements it builds.
    pub fn len(&self) -> usize {
        match &self.constructor {
            Constructor::Linspace { len, .. }
            | Constructor::Zeros { len }
            | Constructor::Ones { len }
            | Constructor::Full { len, .. }
            | Constructor::Random { len, .. }
            | Constructor::Normal { len, .. }
            | Constructor::Words { len, .. } => *len,
            Constructor::Values(values) => values.len(),
            Constructor::Strings { items, .. } => items.len(),
            Constructor::Arange { start, stop, step } => {
                let n = ((stop.to_f64() - start.to_f64()) / step.to_f64()).ceil();
                if n > 0.0 { n as usize } else { 0 }
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Builds the array of numbers; a length beyond the limits or the
    /// memory is an error.
    pub fn build(&self) -> Result<Array> {
        with_dtype!(self.dtype, T => self.build_typed::<T>(), bytes => Err(Error::type_error(
            "this constructor makes byte strings, not numbers",
            Span::default(),
        )))
    }

    /// Builds the byte strings, 1-D.
    fn strings(&self) -> Result<Strings> {
        let shape = Shape::vector(self.len());
        match &self.constructor {
            Constructor::Strings { items, width } => Strings::padded(*width, items, shape),
            Constructor::Words { len, seed, width } => {
                let mut rng = Xoshiro256PlusPlus::seed_from_u64(*seed);
                let letters = Uniform::new_inclusive(b'a', b'z').map_err(rand_error)?;
                let lengths = Uniform::new_inclusive(1, *width).map_err(rand_error)?;
                let bytes = len.checked_mul(*width).ok_or_else(|| {
                    Error::at(
                        ErrorKind::Limit(format!(
                            "{len} words of {width} bytes are too many bytes"
                        )),
                        Span::default(),
                    )
                })?;
                let mut data: Vec<u8> = try_with_capacity(bytes)?;
                for _ in 0..*len {
                    let n = lengths.sample(&mut rng);
                    data.extend((0..n).map(|_| letters.sample(&mut rng)));
                    data.resize(data.len() + width - n, 0);
                }
                Strings::new(*width, data, shape)
            }
            _ => Err(Error::type_error(
                "this constructor makes numbers, not byte strings",
                Span::default(),
            )),
        }
    }

    fn build_typed<T: Element>(&self) -> Result<Array> {
        let len = self.len();
        let mut out: Vec<T> = try_with_capacity(len)?;
        match &self.constructor {
            Constructor::Linspace { start, stop, len } => {
                // NumPy: start + i*step, the last value exactly stop; integer
                // dtypes round towards -inf.
                let step = if *len > 1 {
                    (stop - start) / (*len - 1) as f64
                } else {
                    0.0
                };
                let int = !(T::DTYPE.is_float() || T::DTYPE.is_complex());
                out.extend((0..*len).map(|i| {
                    let v = if i + 1 == *len && *len > 1 {
                        *stop
                    } else {
                        start + i as f64 * step
                    };
                    T::from_f64(if int { v.floor() } else { v })
                }));
            }
            Constructor::Arange { start, step, .. } => {
                if let (Some(a), Some(s)) = (start.as_i64(), step.as_i64()) {
                    out.extend(
                        (0..len as i64).map(|i| T::from_i64(a.wrapping_add(i.wrapping_mul(s)))),
                    );
                } else {
                    let (a, s) = (start.to_f64(), step.to_f64());
                    out.extend((0..len).map(|i| T::from_f64(a + i as f64 * s)));
                }
            }
            Constructor::Zeros { .. } => out.resize(len, T::ZERO),
            Constructor::Ones { .. } => out.resize(len, T::ONE),
            Constructor::Full { value, .. } => out.resize(len, T::from_f64(*value)),
            Constructor::Random { seed, .. } => {
                let mut rng = Xoshiro256PlusPlus::seed_from_u64(*seed);
                if T::DTYPE == DType::Float32 {
                    out.extend((0..len).map(|_| {
                        T::from_f64(f64::from(sample::<f32, _>(&StandardUniform, &mut rng)))
                    }));
                } else {
                    out.extend(
                        (0..len).map(|_| T::from_f64(sample::<f64, _>(&StandardUniform, &mut rng))),
                    );
                }
            }
            Constructor::Normal { seed, .. } => {
                let mut rng = Xoshiro256PlusPlus::seed_from_u64(*seed);
                out.extend(
                    (0..len).map(|_| T::from_f64(sample::<f64, _>(&StandardNormal, &mut rng))),
                );
            }
            Constructor::Values(values) => out.extend(
                values
                    .iter()
                    .map(|v| T::from_scalar(v.cast(T::DTYPE)).unwrap_or(T::ZERO)),
            ),
            Constructor::Strings { .. } | Constructor::Words { .. } => {
                return Err(Error::type_error(
                    "this constructor makes byte strings, not numbers",
                    Span::default(),
                ));
            }
        }
        Ok(T::into_array(out))
    }
}

fn rand_error(e: rand_distr::uniform::Error) -> Error {
    Error::input(format!("random words: {e}"))
}

/// `array`'s list: its values (numbers or byte strings, checked and cast to
/// `dtype` when one is named or declared), the dtype NumPy would give them
/// (bool, int64, float64 or complex128 as the widest kind among them; byte
/// strings as wide as the longest), and the shape of nested lists (`None`
/// for a flat one).
fn array(
    text: &str,
    list: &Expr,
    dtype: Option<DType>,
    width: Option<usize>,
) -> Result<(Constructor, DType, Option<Shape>)> {
    if !matches!(list.kind, ExprKind::List(_)) {
        return Err(Error::syntax(
            "`array` takes a list in brackets: `array([1, 2, 3])`, `array([[1, 2], [3, 4]])` or `array([b'ab', b'c'])`",
            list.span,
        ));
    }
    // The lengths along the first items, then every list checked against them.
    let mut dims = Vec::new();
    let mut first = list;
    while let ExprKind::List(items) = &first.kind {
        dims.push(items.len());
        match items.first() {
            Some(item) => first = item,
            None => break,
        }
    }
    let mut leaves = Vec::new();
    rectangular(list, &dims, &mut leaves)?;
    let shape = Shape::new(dims.clone()).map_err(|mut e| {
        e.span = Some(list.span);
        e
    })?;
    let shape = (dims.len() != 1).then_some(shape);
    // Byte strings when the first item is one (or when the list is empty
    // and the dtype says so: `np.array([], dtype='S')`).
    let strings = match leaves.first() {
        Some(e) => matches!(e.kind, ExprKind::Bytes(_)),
        None => dtype == Some(DType::Bytes),
    };
    if strings {
        let items = leaves
            .iter()
            .map(|e| match &e.kind {
                ExprKind::Bytes(b) => Ok(b.clone()),
                _ => Err(Error::type_error(
                    "a list holds byte strings or numbers, not both: this is a number, and the first item a byte string",
                    e.span,
                )),
            })
            .collect::<Result<Vec<Vec<u8>>>>()?;
        if let Some(d) = dtype.filter(|d| *d != DType::Bytes) {
            return Err(Error::type_error(
                format!("the list holds byte strings, which are no {d}: make the input bytes"),
                list.span,
            ));
        }
        let longest = items.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let width = width.unwrap_or(longest);
        return Ok((Constructor::Strings { items, width }, DType::Bytes, shape));
    }
    let values = leaves
        .iter()
        .map(|e| match e.kind {
            ExprKind::Bytes(_) => Err(Error::type_error(
                "a list holds numbers or byte strings, not both: this is a byte string, and the first item a number",
                e.span,
            )),
            _ => constant(&text[e.span.start..e.span.end], e.span),
        })
        .collect::<Result<Vec<Scalar>>>()?;
    // NumPy's dtype of a list of Python numbers: the widest kind among them.
    let kind = |v: &Scalar| match v.dtype() {
        DType::Bool => 0,
        d if d.is_complex() => 3,
        d if d.is_float() => 2,
        _ => 1,
    };
    let default = match values.iter().map(kind).max() {
        Some(0) => DType::Bool,
        Some(1) => DType::Int64,
        Some(3) => DType::Complex128,
        _ => DType::Float64,
    };
    if let Some(d) = dtype {
        if d == DType::Bytes {
            return Err(Error::type_error(
                "the list holds numbers; byte strings are written `b'abc'`",
                list.span,
            ));
        }
        for (v, e) in values.iter().zip(&leaves) {
            if v.dtype().is_complex() && !d.is_complex() {
                return Err(Error::type_error(
                    format!("{v} is complex and does not fit {d}"),
                    e.span,
                ));
            }
            // NumPy 2 refuses an integer out of the dtype's range.
            let integer = !(d.is_float() || d.is_complex() || d == DType::Bool);
            if let Some(i) = v.as_i128().filter(|_| integer)
                && v.cast(d).as_i128() != Some(i)
            {
                return Err(Error::at(
                    ErrorKind::Value(format!("{v} is out of the range of {d}")),
                    e.span,
                ));
            }
        }
    }
    Ok((Constructor::Values(values), default, shape))
}

/// Checks that `list` nests as `dims` says (NumPy's arrays are
/// rectangular) and collects its items in C order.
fn rectangular<'e>(list: &'e Expr, dims: &[usize], leaves: &mut Vec<&'e Expr>) -> Result<()> {
    match (&list.kind, dims.split_first()) {
        (ExprKind::List(items), Some((&n, rest))) if items.len() == n => {
            for item in items {
                rectangular(item, rest, leaves)?;
            }
            Ok(())
        }
        (ExprKind::List(items), Some((&n, _))) => Err(Error::at(
            ErrorKind::Value(format!(
                "this list holds {} items, but the first list at its depth holds {n}: an array is rectangular",
                items.len()
            )),
            list.span,
        )),
        (ExprKind::List(_), None) => Err(Error::at(
            ErrorKind::Value(
                "a list where the first item at this depth is a value: an array is rectangular"
                    .into(),
            ),
            list.span,
        )),
        (_, Some(_)) => Err(Error::at(
            ErrorKind::Value(
                "a value where the first item at this depth is a list: an array is rectangular"
                    .into(),
            ),
            list.span,
        )),
        (_, None) => {
            leaves.push(list);
            Ok(())
        }
    }
}

fn sample<T, D: Distribution<T>>(d: &D, rng: &mut Xoshiro256PlusPlus) -> T {
    d.sample(rng)
}

/// Evaluates a constant argument with the engine itself: `-pi`, `2**20`.
fn constant(text: &str, span: Span) -> Result<Scalar> {
    let shift = |mut e: Error| {
        e.span = Some(e.span.map_or(span, |s| {
            Span::new(span.start + s.start, span.start + s.end)
        }));
        e
    };
    let compiled = crate::compile(text, &[]).map_err(shift)?;
    let inputs = crate::Inputs::new();
    match compiled
        .evaluate(&inputs, &crate::Options::default())
        .map_err(shift)?
    {
        crate::Value::Scalar(s) => Ok(s),
        crate::Value::Array(_) | crate::Value::Bytes(_) => Err(Error::at(
            ErrorKind::Value("expected a number".into()),
            span,
        )),
    }
}

/// The value of `shape=`: a tuple of lengths, or one length.
fn shape(text: &str, keyword: &Keyword) -> Result<Shape> {
    let items = match &keyword.value.kind {
        ExprKind::Tuple(items) => items.as_slice(),
        _ => std::slice::from_ref(&keyword.value),
    };
    let dims = items
        .iter()
        .map(|e| length(constant(&text[e.span.start..e.span.end], e.span)?, e.span))
        .collect::<Result<Vec<usize>>>()?;
    Shape::new(dims).map_err(|mut e| {
        e.span = Some(keyword.value.span);
        e
    })
}

/// The shape that `axis=k` lays `len` values out in: along axis `k` of a
/// 2-D grid (`-2..=1`), `(len, 1)` for 0 and `(1, len)` for 1.
fn grid_axis(text: &str, keyword: &Keyword, len: usize) -> Result<Shape> {
    let span = keyword.value.span;
    let k = constant(&text[span.start..span.end], span)?;
    let dims = match k {
        Scalar::Int64(0 | -2) => vec![len, 1],
        Scalar::Int64(1 | -1) => vec![1, len],
        _ => {
            return Err(Error::at(
                ErrorKind::Value(format!(
                    "`axis=` lays the values along an axis of a 2-D grid: 0 (a column, ({len}, 1)) \
                     or 1 (a row, (1, {len})), not {k}; `shape=` gives any other shape"
                )),
                span,
            ));
        }
    };
    Shape::new(dims)
}

/// An element count: a non-negative integer (`1e6` is fine), within the limit.
fn length(v: Scalar, span: Span) -> Result<usize> {
    let f = v.to_f64();
    if !(f >= 0.0 && f.fract() == 0.0) {
        return Err(Error::at(
            ErrorKind::Value(format!("a length is a non-negative whole number, not {v}")),
            span,
        ));
    }
    if f > crate::limits::MAX_ARRAY_LEN as f64 {
        // A whole number as one (1e12 reads 1000000000000, not 1000000000000.0).
        let asked = if f < 1e18 {
            (f as u64).to_string()
        } else {
            format!("{f:e}")
        };
        return Err(Error::at(
            ErrorKind::Limit(format!(
                "{asked} elements is more than the limit of {} elements",
                crate::limits::MAX_ARRAY_LEN
            )),
            span,
        ));
    }
    Ok(f as usize)
}
