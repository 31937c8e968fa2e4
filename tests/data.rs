//! The array constructors, as NumPy defines them.
#![cfg(not(target_arch = "wasm32"))] // native-only: files, processes, MPFR, proptest

mod common;

use exprlab::DType;
use exprlab::data::ArraySpec;
use exprlab::types::{Array, C128, Value};

fn build(text: &str) -> Array {
    ArraySpec::parse(text).unwrap().build().unwrap()
}

#[test]
fn shape_gives_the_elements_a_shape_in_c_order() {
    let value = |text: &str| ArraySpec::parse(text).and_then(|s| s.value());
    let Ok(Value::Array(row)) = value("linspace(0, 5, 6, shape=(2, 3))") else {
        panic!("not an array")
    };
    assert_eq!(row.shape().dims(), [2, 3]);
    assert_eq!(row.to_f64_vec(), [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]);
    let Ok(Value::Array(column)) = value("arange(3, int32, shape=3)") else {
        panic!("not an array")
    };
    assert_eq!(column.shape().dims(), [3]);
    let error = |text: &str| value(text).unwrap_err();
    common::assert_error(
        &error("zeros(5, shape=(2, 3))"),
        "zeros(5, shape=(2, 3))",
        (15, 21),
        "shape (2, 3) holds 6 elements, but `zeros` makes 5",
    );
    common::assert_error(
        &error("ones(4, size=4)"),
        "ones(4, size=4)",
        (8, 12),
        "`ones` takes no keyword argument `size`; a constructor takes `shape=` or `axis=`",
    );
    common::assert_error(
        &error("ones(4, shape=(2, 2.5))"),
        "ones(4, shape=(2, 2.5))",
        (18, 21),
        "a length is a non-negative whole number, not 2.5",
    );
    common::assert_error(
        &error(
            "ones(1, shape=(1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1))",
        ),
        "ones(1, shape=(1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1))",
        (14, 81),
        "more than the limit of 32",
    );
}

/// `axis=` lays a constructor's values along an axis of a 2-D grid, as
/// NumPy's `ogrid`: a row and a column that broadcast into the grid.
#[test]
fn axis_lays_the_values_along_a_grid() {
    let value = |text: &str| ArraySpec::parse(text).and_then(|s| s.value());
    let shape = |text: &str| value(text).unwrap().shape().dims().to_vec();
    assert_eq!(shape("linspace(-2, 2, 800, axis=1)"), [1, 800]);
    assert_eq!(shape("linspace(-2, 2, 800, axis=-1)"), [1, 800]);
    assert_eq!(shape("arange(600, axis=0)"), [600, 1]);
    assert_eq!(shape("random(5, 1, axis=-2)"), [5, 1]);
    let x = value("linspace(0, 1, 3, axis=1)").unwrap();
    let y = value("arange(2, axis=0)").unwrap();
    let mut inputs = exprlab::Inputs::new();
    inputs.insert("x", x);
    inputs.insert("y", y);
    let grid = exprlab::evaluate("x + 10*y", &inputs, &exprlab::Options::default()).unwrap();
    assert_eq!(grid.shape().dims(), [2, 3]);
    let Value::Array(grid) = grid else {
        panic!("not an array")
    };
    assert_eq!(grid.to_f64_vec(), [0.0, 0.5, 1.0, 10.0, 10.5, 11.0]);
    let error = |text: &str| value(text).unwrap_err();
    common::assert_error(
        &error("linspace(0, 1, 3, axis=2)"),
        "linspace(0, 1, 3, axis=2)",
        (23, 24),
        "`axis=` lays the values along an axis of a 2-D grid: 0 (a column, (3, 1)) \
         or 1 (a row, (1, 3)), not 2; `shape=` gives any other shape",
    );
    common::assert_error(
        &error("zeros(3, axis=0, shape=(3, 1))"),
        "zeros(3, axis=0, shape=(3, 1))",
        (17, 22),
        "`axis=` and `shape=` both give the shape: keep one",
    );
}

#[test]
fn constructors_follow_numpy() {
    assert_eq!(
        build("linspace(0, 1, 5)"),
        Array::Float64(vec![0.0, 0.25, 0.5, 0.75, 1.0])
    );
    assert_eq!(build("linspace(-1, 1, 1)"), Array::Float64(vec![-1.0]));
    assert_eq!(
        build("linspace(0, 10, 4, int32)"),
        Array::Int32(vec![0, 3, 6, 10])
    );
    assert_eq!(build("arange(4)"), Array::Int64(vec![0, 1, 2, 3]));
    assert_eq!(build("arange(10, 0, -3)"), Array::Int64(vec![10, 7, 4, 1]));
    assert_eq!(
        build("arange(1, 2, 0.25)"),
        Array::Float64(vec![1.0, 1.25, 1.5, 1.75])
    );
    assert_eq!(
        build("arange(3, float32)"),
        Array::Float32(vec![0.0, 1.0, 2.0])
    );
    assert_eq!(build("arange(5, 1)"), Array::Int64(vec![]));
    assert_eq!(build("zeros(2, bool)"), Array::Bool(vec![false, false]));
    assert_eq!(build("ones(2, int64)"), Array::Int64(vec![1, 1]));
    assert_eq!(build("full(3, 2.5, float32)"), Array::Float32(vec![2.5; 3]));
    // complex128: real values, not rounded as integers are.
    assert_eq!(
        build("linspace(0, 1, 3, complex128)"),
        Array::Complex128([0.0, 0.5, 1.0].map(|v| C128::new(v, 0.0)).to_vec())
    );
    assert_eq!(
        build("linspace(-pi, pi, 3)"),
        Array::Float64(vec![-std::f64::consts::PI, 0.0, std::f64::consts::PI])
    );
    assert_eq!(
        ArraySpec::parse("linspace(-1, 1, 1e6)").unwrap().len(),
        1_000_000
    );
}

#[test]
fn random_arrays_are_seeded_and_in_range() {
    let Array::Float64(a) = build("random(100000, 42)") else {
        panic!()
    };
    assert!(a.iter().all(|&v| (0.0..1.0).contains(&v)));
    assert_eq!(build("random(100000, 42)"), Array::Float64(a.clone()));
    assert_ne!(build("random(100000, 43)"), Array::Float64(a.clone()));
    let mean = a.iter().sum::<f64>() / a.len() as f64;
    assert!((mean - 0.5).abs() < 0.01, "{mean}");
    let Array::Float64(n) = build("normal(100000, 1)") else {
        panic!()
    };
    let mean = n.iter().sum::<f64>() / n.len() as f64;
    let var = n.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n.len() as f64;
    assert!(
        mean.abs() < 0.02 && (var - 1.0).abs() < 0.02,
        "{mean} {var}"
    );
    assert_eq!(build("random(3, 0, float32)").dtype(), DType::Float32);
}

#[test]
fn bad_constructors_are_errors_with_spans() {
    let cases = [
        ("random(10, 1, int32)", (0, 20), "makes floats"),
        ("arange(0, 5, 0)", (13, 14), "step of arange cannot be 0"),
        ("zeros(-1)", (6, 8), "non-negative whole number"),
        ("zeros(2.5)", (6, 9), "non-negative whole number"),
        ("linspace(0, 1)", (0, 14), "`linspace` takes 3 arguments"),
        ("lnspace(0, 1, 3)", (0, 7), "not a constructor"),
        (
            "zeros(1e12)",
            (6, 10),
            "1000000000000 elements is more than the limit of",
        ),
        ("zeros(3, float16)", (9, 16), "neither a number nor a dtype"),
        ("zeros(2*x)", (8, 9), "unknown name `x`"),
    ];
    for (text, span, message) in cases {
        common::assert_error(&ArraySpec::parse(text).unwrap_err(), text, span, message);
    }
}

#[test]
fn a_declared_dtype_is_the_arrays_unless_the_text_names_another() {
    let as_ = |text: &str, dtype| ArraySpec::parse_as(text, Some(dtype));
    assert_eq!(
        as_("linspace(0, 1, 3)", DType::Float32)
            .unwrap()
            .build()
            .unwrap(),
        Array::Float32(vec![0.0, 0.5, 1.0])
    );
    assert_eq!(
        as_("arange(3)", DType::Int32).unwrap().build().unwrap(),
        Array::Int32(vec![0, 1, 2])
    );
    // The same dtype twice is fine; two different ones are an error at the named one.
    assert_eq!(
        as_("ones(2, float32)", DType::Float32).unwrap().dtype,
        DType::Float32
    );
    let text = "ones(2, float32)";
    common::assert_error(
        &as_(text, DType::Float64).unwrap_err(),
        text,
        (8, 15),
        "the constructor makes float32, but the input is declared float64",
    );
    // random and normal make floats, whichever way the dtype comes.
    let text = "random(10, 1)";
    common::assert_error(
        &as_(text, DType::Int32).unwrap_err(),
        text,
        (0, 13),
        "makes floats",
    );
}

/// `array([...])` takes the values themselves, as `np.array` does: the
/// dtype NumPy gives a list of Python numbers, nested lists as dimensions,
/// byte strings as wide as the longest.
#[test]
fn array_takes_the_values_as_numpy_does() {
    let value = |text: &str| ArraySpec::parse(text).and_then(|s| s.value()).unwrap();
    let array = |text: &str| match value(text) {
        Value::Array(a) => (a.to_f64_vec(), a.shape().dims().to_vec(), a.dtype()),
        other => panic!("{text}: not an array: {other:?}"),
    };
    assert_eq!(
        array("array([1, 2, 3])"),
        (vec![1.0, 2.0, 3.0], vec![3], DType::Int64)
    );
    assert_eq!(
        array("array([1, 2.5, -pi])"),
        (
            vec![1.0, 2.5, -std::f64::consts::PI],
            vec![3],
            DType::Float64
        )
    );
    assert_eq!(array("array([True, False])").2, DType::Bool);
    assert_eq!(
        array("array([True, 2])"),
        (vec![1.0, 2.0], vec![2], DType::Int64)
    );
    assert_eq!(array("array([1, 1j])").2, DType::Complex128);
    assert_eq!(
        array("array([[1, 2, 3], [4, 5, 6],])"),
        (vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0], vec![2, 3], DType::Int64)
    );
    assert_eq!(array("array([[[7]]])").1, vec![1, 1, 1]);
    assert_eq!(array("array([])"), (vec![], vec![0], DType::Float64));
    assert_eq!(
        array("array([1.5, -2.5], int8)"),
        (vec![1.0, -2.0], vec![2], DType::Int8)
    );
    assert_eq!(
        array("array([1, 2, 3, 4], float32, shape=(2, 2))"),
        (vec![1.0, 2.0, 3.0, 4.0], vec![2, 2], DType::Float32)
    );
    let Value::Bytes(s) = value("array([b'apple', b'fig', b''])") else {
        panic!("no byte strings")
    };
    assert_eq!((s.width(), s.len()), (5, 3));
    assert_eq!([s.get(0), s.get(1), s.get(2)], [&b"apple"[..], b"fig", b""]);
    let Value::Bytes(s) = value("array([[b'apple'], [b'fig']], S3)") else {
        panic!("no byte strings")
    };
    assert_eq!((s.width(), s.shape().dims()), (3, &[2, 1][..]));
    assert_eq!([s.get(0), s.get(1)], [&b"app"[..], b"fig"]);
    // A declared dtype: `bytes` takes byte strings, a number dtype numbers.
    let declared = |text: &str, dtype| ArraySpec::parse_as(text, Some(dtype));
    assert_eq!(declared("array([b'ab'])", DType::Bytes).unwrap().len(), 1);
    let empty = declared("array([])", DType::Bytes).and_then(|s| s.value());
    let Ok(Value::Bytes(empty)) = empty else {
        panic!("no byte strings: {empty:?}")
    };
    assert_eq!((empty.len(), empty.width()), (0, 1));
    let cases = [
        ("array(3)", (6, 7), "`array` takes a list in brackets"),
        ("array()", (0, 7), "`array` takes 1 argument"),
        ("array([1], [2])", (0, 15), "`array` takes 1 argument"),
        (
            "array([[1, 2], [3]])",
            (15, 18),
            "this list holds 1 items, but the first list at its depth holds 2",
        ),
        (
            "array([[1, 2], 3])",
            (15, 16),
            "a value where the first item at this depth is a list",
        ),
        (
            "array([1, [2]])",
            (10, 13),
            "a list where the first item at this depth is a value",
        ),
        (
            "array([b'a', 1])",
            (13, 14),
            "a list holds byte strings or numbers, not both",
        ),
        (
            "array([1, b'a'])",
            (10, 14),
            "a list holds numbers or byte strings, not both",
        ),
        (
            "array([300], int8)",
            (7, 10),
            "300 is out of the range of int8",
        ),
        (
            "array([-1], uint8)",
            (7, 9),
            "-1 is out of the range of uint8",
        ),
        (
            "array([1j], float64)",
            (7, 9),
            "1j is complex and does not fit float64",
        ),
        (
            "array([b'ab'], float64)",
            (6, 13),
            "the list holds byte strings, which are no float64",
        ),
        ("array([1, x])", (10, 11), "unknown name `x`"),
        (
            "array([1, 2)",
            (11, 12),
            "expected `,` or `]` in the list opened at 6",
        ),
        (
            "linspace(0, 1, 3, S4)",
            (0, 8),
            "`linspace` makes numbers; byte strings come from `array([b'ab', b'c'])` or `random(n, seed, S8)`",
        ),
        ("random(3, 1, S0)", (0, 16), "at least one letter"),
        ("normal(3, 1, S4)", (0, 6), "`normal` makes numbers"),
    ];
    for (text, span, message) in cases {
        common::assert_error(&ArraySpec::parse(text).unwrap_err(), text, span, message);
    }
    common::assert_error(
        &declared("array([1, 2])", DType::Bytes).unwrap_err(),
        "array([1, 2])",
        (6, 12),
        "the list holds numbers; byte strings are written `b'abc'`",
    );
}

/// `random(n, seed, S8)`: seeded lowercase words of 1 to 8 letters.
#[test]
fn random_words_are_seeded_lowercase_and_of_every_length() {
    let words = |text: &str| match ArraySpec::parse(text).and_then(|s| s.value()) {
        Ok(Value::Bytes(s)) => s,
        other => panic!("{text}: no byte strings: {other:?}"),
    };
    let s = words("random(10000, 7, S5)");
    assert_eq!((s.width(), s.len()), (5, 10000));
    assert_eq!(s, words("random(10000, 7, S5)"));
    assert_ne!(s, words("random(10000, 8, S5)"));
    let mut lengths = [0usize; 6];
    for i in 0..s.len() {
        let w = s.get(i);
        assert!(w.iter().all(u8::is_ascii_lowercase), "{w:?}");
        lengths[w.len()] += 1;
    }
    assert_eq!(lengths[0], 0);
    assert!(lengths[1..].iter().all(|&n| n > 1500), "{lengths:?}");
    let declared = ArraySpec::parse_as("random(3, 1)", Some(DType::Bytes))
        .and_then(|s| s.value())
        .unwrap();
    assert_eq!(declared.shape().dims(), [3]);
    let Value::Bytes(d) = declared else { panic!() };
    assert_eq!(d.width(), exprlab::data::DEFAULT_WORD_WIDTH);
}
