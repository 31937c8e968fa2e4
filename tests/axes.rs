//! Reductions along an axis (`sum(x, axis=k)`): the VM, which evaluates the
//! reduced elements a block at a time and folds them into its results,
//! must give the bits of the eager engine, which reduces the whole
//! elementwise array, on every thread count and both kernel flavours; and
//! both must give the values of a loop over multi-indices here. The
//! elements are quarter-integers, so that their sums are exact in every
//! order and the loop's order need not be the engines'.
#![cfg(not(target_arch = "wasm32"))] // native-only: proptest

mod common;

use common::{VARS, options, same_bits, same_values, shaped_array as array};
use exprlab::types::{NdArray, Scalar, Shape, Value};
use exprlab::{Array, DType, Engine, Inputs, Kernels, Options};
use proptest::prelude::*;

/// The reduced expressions, one of each result dtype: float64, float32,
/// int64, int32 (summed in int64), bool (summed in int64, min/max bool);
/// and inputs alone, which the VM reduces in place (read by strides when
/// broadcast).
const EXPRESSIONS: [&str; 8] = [
    "f + g",
    "g * 2 - 1",
    "i - j",
    "j * 3",
    "c",
    "where(c, f, i)",
    "f",
    "j",
];

const REDUCTIONS: [&str; 5] = ["sum", "prod", "min", "max", "mean"];

/// `reduction` of `values` along `axis` by a loop over multi-indices, in
/// f64 and wrapping i64 (exact for these elements, but for float products),
/// cast to `dtype`; `None` where it has no value (min or max along a
/// length of 0).
fn by_hand(values: &Value, reduction: &str, axis: usize, dtype: DType) -> Option<Value> {
    let dims = values.shape().dims().to_vec();
    let n = dims[axis];
    let outer: usize = dims[..axis].iter().product();
    let inner: usize = dims[axis + 1..].iter().product();
    if n == 0 && matches!(reduction, "min" | "max") {
        return None;
    }
    let mut out = Vec::new();
    for o in 0..outer {
        for j in 0..inner {
            let items: Vec<Scalar> = (0..n)
                .map(|i| values.get((o * n + i) * inner + j).unwrap())
                .collect();
            let float = |s: &Scalar| s.cast(DType::Float64).to_f64();
            let int = |s: &Scalar| match s.cast(DType::Int64) {
                Scalar::Int64(v) => v,
                _ => unreachable!(),
            };
            let result = match reduction {
                "sum" if dtype.is_float() => {
                    Scalar::Float64(items.iter().map(float).fold(0.0, |a, b| a + b))
                }
                "sum" => Scalar::Int64(items.iter().map(int).sum()),
                "prod" if dtype.is_float() => Scalar::Float64(items.iter().map(float).product()),
                "prod" => Scalar::Int64(items.iter().fold(1i64, |p, s| p.wrapping_mul(int(s)))),
                "mean" => {
                    // The exact sum in the mean's dtype, then divided there.
                    let sum = Scalar::Float64(items.iter().map(float).fold(0.0, |a, b| a + b))
                        .cast(dtype);
                    let count = Scalar::Float64(n as f64).cast(dtype);
                    match (sum, count) {
                        (Scalar::Float32(s), Scalar::Float32(c)) => Scalar::Float32(s / c),
                        (s, c) => Scalar::Float64(s.to_f64() / c.to_f64()),
                    }
                }
                "min" => *items
                    .iter()
                    .min_by(|a, b| float(a).total_cmp(&float(b)))
                    .unwrap(),
                "max" => *items
                    .iter()
                    .max_by(|a, b| float(a).total_cmp(&float(b)))
                    .unwrap(),
                _ => unreachable!(),
            };
            out.push(result.cast(dtype));
        }
    }
    let mut rest = dims;
    rest.remove(axis);
    Some(Value::shaped(common::to_array(dtype, &out), Shape::new(rest).unwrap()).unwrap())
}

/// A shape of 1 to 4 dimensions, lengths crossing the VM's blocks (and a 0
/// now and then), and for each input a shape that broadcasts to it.
fn shapes() -> impl Strategy<Value = (Vec<usize>, Vec<Vec<usize>>)> {
    let dim = prop::sample::select(vec![0usize, 1, 2, 3, 5, 7, 64, 600, 1100]);
    prop::collection::vec(dim, 1..=4)
        .prop_filter("at most 20,000 elements", |d| {
            d.iter().map(|&n| n.max(1)).product::<usize>() <= 20_000
        })
        .prop_flat_map(|result| {
            let n = result.len();
            let input = prop::collection::vec(any::<bool>(), n).prop_map({
                let result = result.clone();
                move |ones| {
                    (0..n)
                        .map(|k| if ones[k] { 1 } else { result[k] })
                        .collect::<Vec<usize>>()
                }
            });
            (Just(result), prop::collection::vec(input, VARS.len()))
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn reductions_along_an_axis_match_a_loop_on_every_engine_and_thread_count(
        (result, dims) in shapes(),
        expr in prop::sample::select(EXPRESSIONS.to_vec()),
        reduction in prop::sample::select(REDUCTIONS.to_vec()),
        axis in 0usize..4,
        negative in any::<bool>(),
    ) {
        let mut inputs = Inputs::new();
        for (k, ((name, dtype), d)) in VARS.iter().zip(&dims).enumerate() {
            inputs.insert(name, array(*dtype, k, d));
        }
        let elementwise = exprlab::evaluate(expr, &inputs, &Options::default()).unwrap();
        let ndim = elementwise.shape().ndim();
        prop_assume!(ndim > 0);
        let axis = axis % ndim;
        let written = if negative { axis as i64 - ndim as i64 } else { axis as i64 };
        let source = format!("{reduction}({expr}, axis={written})");
        let want = exprlab::evaluate(&source, &inputs, &options(Engine::Eager, Kernels::Scalar, 1));
        let dtype = exprlab::compile(&source, &inputs.variables()).unwrap().program.result_dtype();
        match by_hand(&elementwise, reduction, axis, dtype) {
            None => prop_assert!(want.is_err(), "{source} over {result:?}: {want:?}"),
            Some(hand) => {
                let eager = want.as_ref().unwrap();
                let exact = !(reduction == "prod" && dtype.is_float());
                prop_assert!(
                    !exact || same_values(eager, &hand),
                    "{} over {:?}: {:?}, by hand {:?}", source, result, eager, hand
                );
                prop_assert_eq!(eager.shape(), hand.shape());
            }
        }
        for kernels in [Kernels::Scalar, Kernels::Simd] {
            for threads in [1, 2, 3] {
                let got = exprlab::evaluate(&source, &inputs, &options(Engine::Vm, kernels, threads));
                match (&got, &want) {
                    (Ok(got), Ok(want)) => prop_assert!(
                        same_bits(got, want),
                        "{} over {:?} ({:?}, {} threads): {:?}, eager {:?}",
                        source, result, kernels, threads, got, want
                    ),
                    (Err(got), Err(want)) => prop_assert_eq!(got, want),
                    _ => prop_assert!(false, "{source}: {got:?}, eager {want:?}"),
                }
            }
        }
    }
}

/// Asserts that `error` says `message` about `text`, the part of `source` it spans.
fn error_at(error: &exprlab::Error, source: &str, text: &str, message: &str) {
    assert_eq!(error.message(), message, "{source}");
    let span = error.span.expect("a span");
    assert_eq!(&source[span.start..span.end], text, "{source}");
}

fn grid(rows: usize, columns: usize) -> Inputs {
    let values: Vec<f64> = (0..rows * columns).map(|v| v as f64).collect();
    let shape = Shape::new(vec![rows, columns]).unwrap();
    let mut inputs = Inputs::new();
    inputs.insert("x", NdArray::new(Array::Float64(values), shape).unwrap());
    inputs
}

#[test]
fn sums_along_each_axis_of_a_matrix() {
    let inputs = grid(2, 3);
    for engine in [Engine::Vm, Engine::Eager] {
        let run = |source| exprlab::evaluate(source, &inputs, &options(engine, Kernels::Simd, 2));
        let column = |v: Vec<f64>| Value::from(Array::Float64(v));
        assert_eq!(run("sum(x, axis=0)").unwrap(), column(vec![3.0, 5.0, 7.0]));
        assert_eq!(run("sum(x, axis=1)").unwrap(), column(vec![3.0, 12.0]));
        assert_eq!(run("sum(x, axis=-1)").unwrap(), column(vec![3.0, 12.0]));
        assert_eq!(
            run("mean(x, axis=-2)").unwrap(),
            column(vec![1.5, 2.5, 3.5])
        );
        assert_eq!(
            run("max(x * -1, axis=1)").unwrap(),
            column(vec![-0.0, -3.0])
        );
        assert_eq!(
            run("sum(x, axis=None)").unwrap(),
            Value::Scalar(Scalar::Float64(15.0))
        );
    }
}

/// Along the only axis, or the last of a single row, a reduction is the
/// one over all elements, bit for bit: rows are reduced as whole arrays.
#[test]
fn a_row_reduces_as_the_whole_array_does() {
    let inputs = grid(1, 100_003);
    let options = options(Engine::Vm, Kernels::Simd, 2);
    for r in REDUCTIONS {
        let all = exprlab::evaluate(&format!("{r}(sin(x))"), &inputs, &options).unwrap();
        let row = exprlab::evaluate(&format!("{r}(sin(x), axis=1)"), &inputs, &options).unwrap();
        assert_eq!(row.shape().dims(), [1]);
        assert_eq!(row.get(0), all.get(0), "{r}");
    }
}

#[test]
fn an_axis_out_of_range_is_an_error_at_the_axis() {
    let inputs = grid(2, 3);
    for engine in [Engine::Vm, Engine::Eager] {
        let options = options(engine, Kernels::Simd, 1);
        let source = "sum(x * 2, axis=2)";
        let e = exprlab::evaluate(source, &inputs, &options).unwrap_err();
        error_at(
            &e,
            source,
            "2",
            "`axis=2` is out of range for a result of shape (2, 3): the axis is one of -2 to 1",
        );
        let source = "min(x, axis=-3)";
        let e = exprlab::evaluate(source, &inputs, &options).unwrap_err();
        error_at(
            &e,
            source,
            "-3",
            "`axis=-3` is out of range for a result of shape (2, 3): the axis is one of -2 to 1",
        );
        let source = "sum(2, axis=0)";
        let e = exprlab::evaluate(source, &inputs, &options).unwrap_err();
        error_at(
            &e,
            source,
            "0",
            "`axis=0` is out of range for a result of shape (): a 0-d result has no axis: leave `axis=` out",
        );
    }
}

#[test]
fn an_axis_must_be_an_integer_and_the_only_keyword() {
    let inputs = grid(2, 3);
    let cases = [
        (
            "sum(x, axis=1.5)",
            "1.5",
            "`axis=` takes an integer, as in `sum(x, axis=0)` or `axis=-1`, or `None`",
        ),
        (
            "mean(x, axis=(0, 1))",
            "(0, 1)",
            "`axis=` takes an integer, as in `mean(x, axis=0)` or `axis=-1`, or `None`",
        ),
        (
            "sum(x, dtype=1)",
            "dtype",
            "`sum` takes one keyword argument, `axis=`, and `dtype=` is not it",
        ),
    ];
    for (source, span, message) in cases {
        let e = exprlab::evaluate(source, &inputs, &Options::default()).unwrap_err();
        error_at(&e, source, span, message);
    }
}

#[test]
fn min_and_max_along_a_length_of_zero_have_no_value_as_in_numpy() {
    let inputs = grid(0, 3);
    for engine in [Engine::Vm, Engine::Eager] {
        let options = options(engine, Kernels::Simd, 1);
        let run = |source| exprlab::evaluate(source, &inputs, &options);
        assert_eq!(
            run("sum(x, axis=0)").unwrap(),
            Value::from(Array::Float64(vec![0.0; 3]))
        );
        assert_eq!(run("prod(x, axis=1)").unwrap().shape().dims(), [0]);
        let e = run("max(x, axis=0)").unwrap_err();
        assert_eq!(
            e.message(),
            "`max` of an empty array has no value (NumPy raises here too)"
        );
        // NumPy raises even where no result would be written.
        assert!(exprlab::evaluate("min(x, axis=0)", &grid(0, 0), &options).is_err());
    }
}

#[test]
fn the_program_text_names_the_axis() {
    let inputs = grid(2, 3);
    let compiled = exprlab::compile("sum(x * 2, axis=-1)", &inputs.variables()).unwrap();
    assert!(
        compiled
            .disassemble()
            .ends_with("; result    sum of out along axis -1, float64"),
        "{}",
        compiled.disassemble()
    );
}
