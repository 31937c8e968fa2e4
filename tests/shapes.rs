//! Arrays of any shape and NumPy's broadcasting: the VM reads a smaller
//! input by strides a block at a time, the eager engine broadcasts it into
//! a copy; both must give the bits of the same expression over inputs
//! broadcast by hand (an independent loop over multi-indices here) into
//! full-size copies, on every thread count and both kernel flavours.
#![cfg(not(target_arch = "wasm32"))] // native-only: proptest

mod common;

use common::{VARS, options, same_bits, shaped_array as array};
use exprlab::types::{NdArray, Scalar, Shape, Strings, Value};
use exprlab::{Engine, Inputs, Kernels, Options};
use proptest::prelude::*;

/// Expressions over every kind of kernel: arithmetic, fused multiply-adds,
/// math functions, comparisons, selection, casts, reductions.
const EXPRESSIONS: [&str; 12] = [
    "f * g + i",
    "2*f + 3*g",
    "sin(f) + cos(g)",
    "where(c, f, j)",
    "f > g",
    "maximum(f, i) - j",
    "sqrt(abs(f)) * g - 1",
    "(f + g) * (i - j)",
    "sum(f * g)",
    "mean(f * f)",
    "max(i + j)",
    "c & (f < 0.5)",
];

/// `value` (of `dims`) broadcast by hand to `result` (outermost first): each
/// element of the result reads the element whose index is the result's
/// multi-index with the stretched dimensions at 0.
fn broadcast_by_hand(value: &Value, dims: &[usize], result: &[usize]) -> Value {
    let values: Vec<Scalar> = read_by_hand(dims, result)
        .map(|index| value.get(index).unwrap())
        .collect();
    let shape = Shape::new(result.to_vec()).unwrap();
    NdArray::new(common::to_array(value.dtype(), &values), shape)
        .unwrap()
        .into()
}

/// For each element of an array of shape `result`, the index of the
/// element of an array of `dims` broadcast to it that it reads.
fn read_by_hand(dims: &[usize], result: &[usize]) -> impl Iterator<Item = usize> {
    let skip = result.len() - dims.len();
    let len: usize = result.iter().product();
    (0..len).map(move |flat| {
        let (mut rest, mut index, mut stride) = (flat, 0, 1);
        for k in (0..result.len()).rev() {
            let i = rest % result[k];
            rest /= result[k];
            if k >= skip && dims[k - skip] != 1 {
                index += i * stride;
                stride *= dims[k - skip];
            }
        }
        index
    })
}

/// Byte strings of `dims`, drawn from a few that begin one another, are
/// empty or hold a NUL, by `seed`.
fn strings(dims: &[usize], seed: usize) -> Strings {
    const POOL: [&[u8]; 7] = [b"", b"a", b"ab", b"ba", b"abc", b"b\0a", b"bab"];
    let shape = Shape::new(dims.to_vec()).unwrap();
    let items: Vec<&[u8]> = (0..shape.len())
        .map(|n| POOL[(n * 5 + seed * 3 + n / 7) % POOL.len()])
        .collect();
    Strings::from_items(&items, shape).unwrap()
}

/// A result shape of 1 to 4 dimensions, with lengths that cross the VM's
/// blocks, and for each input a shape that broadcasts to it: leading
/// dimensions dropped, some lengths 1.
fn shapes() -> impl Strategy<Value = (Vec<usize>, Vec<Vec<usize>>)> {
    let dim = prop::sample::select(vec![1usize, 2, 3, 5, 7, 64, 600]);
    prop::collection::vec(dim, 1..=4)
        .prop_filter("at most 20,000 elements", |d| {
            d.iter().product::<usize>() <= 20_000
        })
        .prop_flat_map(|result| {
            let n = result.len();
            let input = (0..=n, prop::collection::vec(any::<bool>(), n)).prop_map({
                let result = result.clone();
                move |(dropped, ones)| {
                    (dropped..n)
                        .map(|k| if ones[k] { 1 } else { result[k] })
                        .collect::<Vec<usize>>()
                }
            });
            (Just(result), prop::collection::vec(input, VARS.len()))
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn broadcasting_by_strides_equals_evaluating_broadcast_copies(
        (_, dims) in shapes(),
        expr in prop::sample::select(EXPRESSIONS.to_vec()),
    ) {
        let mut inputs = Inputs::new();
        for (k, ((name, dtype), d)) in VARS.iter().zip(&dims).enumerate() {
            inputs.insert(name, array(*dtype, k, d));
        }
        // The result's shape: the broadcast of the inputs the expression reads.
        let used = exprlab::compile(expr, &inputs.variables()).unwrap().program.inputs;
        let full = used.iter().fold(Shape::default(), |s, v| {
            s.broadcast(&inputs.get(&v.name).unwrap().shape()).unwrap()
        });
        // The inputs it reads broadcast by hand; the others (which may have
        // more dimensions than the result) as they are.
        let mut copies = Inputs::new();
        for (k, ((name, dtype), d)) in VARS.iter().zip(&dims).enumerate() {
            let value = array(*dtype, k, d);
            let read = used.iter().any(|v| v.name == *name);
            copies.insert(name, if read { broadcast_by_hand(&value, d, full.dims()) } else { value });
        }
        for engine in [Engine::Vm, Engine::Eager] {
            for kernels in [Kernels::Scalar, Kernels::Simd] {
                let want = exprlab::evaluate(expr, &copies, &options(engine, kernels, 1)).unwrap();
                for threads in [1, 2, 3] {
                    let got = exprlab::evaluate(expr, &inputs, &options(engine, kernels, threads)).unwrap();
                    prop_assert!(
                        same_bits(&got, &want),
                        "{} over {:?} ({:?}, {:?}, {} threads): {:?}, by copies {:?}",
                        expr, dims, engine, kernels, threads, got, want
                    );
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// Byte strings read by strides, in place, give what the same
    /// comparisons and `contains` give over copies broadcast by hand.
    #[test]
    fn byte_strings_broadcast_by_strides_as_by_copies(
        (result, dims) in shapes(),
        expr in prop::sample::select(vec![
            "s < t", "s == t", "s >= t", "contains(s, t)",
            "contains(t, b'a') & (s != b'ab')", "contains(b'xbabx', s) | (t > s)",
        ]),
    ) {
        let (s, t) = (strings(&dims[0], 1), strings(&dims[1], 2));
        let mut inputs = Inputs::new();
        inputs.insert("s", s.clone());
        inputs.insert("t", t.clone());
        let full = Shape::new(dims[0].clone()).unwrap().broadcast(&Shape::new(dims[1].clone()).unwrap()).unwrap();
        let by_hand = |strings: &Strings, d: &[usize]| {
            let items: Vec<&[u8]> = read_by_hand(d, full.dims()).map(|i| strings.get(i)).collect();
            Strings::from_items(&items, full.clone()).unwrap()
        };
        let mut copies = Inputs::new();
        copies.insert("s", by_hand(&s, &dims[0]));
        copies.insert("t", by_hand(&t, &dims[1]));
        let want = exprlab::evaluate(expr, &copies, &options(Engine::Vm, Kernels::Simd, 1)).unwrap();
        prop_assert_eq!(want.shape(), full.clone(), "{} over {:?}", expr, result);
        for engine in [Engine::Vm, Engine::Eager] {
            for threads in [1, 2, 3] {
                let got = exprlab::evaluate(expr, &inputs, &options(engine, Kernels::Simd, threads)).unwrap();
                prop_assert_eq!(&got, &want, "{} over {:?} ({:?}, {} threads)", expr, dims, engine, threads);
            }
        }
    }
}

#[test]
fn a_column_and_a_row_make_a_grid() {
    let mut inputs = Inputs::new();
    let column = NdArray::new(
        exprlab::Array::Float64(vec![0.0, 10.0]),
        Shape::new(vec![2, 1]).unwrap(),
    );
    inputs.insert("x", column.unwrap());
    inputs.insert("y", vec![1.0, 2.0, 3.0]);
    for engine in [Engine::Vm, Engine::Eager] {
        let got = exprlab::evaluate("x + y", &inputs, &options(engine, Kernels::Simd, 2)).unwrap();
        let Value::Array(got) = got else {
            panic!("not an array")
        };
        assert_eq!(got.shape().dims(), [2, 3]);
        assert_eq!(got.to_f64_vec(), [1.0, 2.0, 3.0, 11.0, 12.0, 13.0]);
        let sum =
            exprlab::evaluate("sum(x * y)", &inputs, &options(engine, Kernels::Simd, 2)).unwrap();
        assert_eq!(sum, Value::Scalar(Scalar::Float64(60.0)));
    }
}

#[test]
fn shapes_that_do_not_broadcast_are_an_error_at_their_operation() {
    let mut inputs = Inputs::new();
    inputs.insert("a", vec![1.0, 2.0]);
    inputs.insert("b", vec![1.0, 2.0, 3.0]);
    inputs.insert("c", vec![1.0; 4]);
    let grid = NdArray::new(
        exprlab::Array::Float64(vec![0.0; 6]),
        Shape::new(vec![2, 3]).unwrap(),
    );
    inputs.insert("m", grid.unwrap());
    let source = "sin(a) * (b + c)";
    for engine in [Engine::Vm, Engine::Eager] {
        let e = exprlab::evaluate(source, &inputs, &options(engine, Kernels::Simd, 1)).unwrap_err();
        assert_eq!(
            e.message(),
            "`b` has shape (3,) and `c` has shape (4,): they do not broadcast \
             (aligned from the right, each length must be the same or 1)"
        );
        let span = e.span.unwrap();
        assert_eq!(&source[span.start..span.end], "(b + c)");
    }
    // `a + b` is (3,)-shaped only through `b`; `m` is (2, 3): they broadcast,
    // and the sum with a (2,) does not, naming no single input.
    let source = "(m + b) * a";
    let e = exprlab::evaluate(source, &inputs, &Options::default()).unwrap_err();
    assert_eq!(
        e.message(),
        "`m` has shape (2, 3) and `a` has shape (2,): they do not broadcast \
         (aligned from the right, each length must be the same or 1)"
    );
    assert_eq!(e.span.map(|s| &source[s.start..s.end]), Some("(m + b) * a"));
}
