//! Helpers shared by the integration tests: a tree-walking reference
//! evaluator, bitwise and ULP comparisons.
#![allow(dead_code)]

use exprlab::compile::graph::{Graph, NodeKind};
use exprlab::kernels::Operand;
use exprlab::kernels::execute_scalar;
use exprlab::kernels::scalar::Any;
use exprlab::kernels::simd::math::Consts;
use exprlab::kernels::simd::{Vector, map1, map2};
use exprlab::types::{Array, Scalar, Shape, Value};
use exprlab::vm::BLOCK_LEN;

/// Evaluates `graph` one element at a time, every node in order: no blocks,
/// no registers, no threads, no whole-array temporaries.
pub fn reference(graph: &Graph, inputs: &[&Value]) -> Value {
    let root = graph.node(graph.root);
    let len = if root.array {
        inputs
            .iter()
            .find(|v| !v.is_scalar())
            .map_or(1, |v| v.len())
    } else {
        1
    };
    let mut out: Vec<Scalar> = Vec::with_capacity(len);
    let mut values: Vec<Scalar> = vec![Scalar::Bool(false); graph.nodes.len()];
    for i in 0..len {
        for (id, node) in graph.nodes.iter().enumerate() {
            values[id] = match &node.kind {
                NodeKind::Input(k) => inputs[*k].get(i).expect("input element"),
                NodeKind::Const(v) => *v,
                NodeKind::Bytes(_) => unimplemented!("byte strings: NumPy's fixtures check them"),
                NodeKind::Op(op, args) => {
                    let a: Vec<Scalar> = args.iter().map(|&a| values[a]).collect();
                    execute_scalar(*op, node.dtype, &a).expect("typed op")
                }
            };
        }
        out.push(values[graph.root]);
    }
    let array = to_array(root.dtype, &out);
    match graph.reduction {
        Some(r) => match r.of(array.as_slice(), &Shape::vector(len), BLOCK_LEN) {
            Ok(v) => v,
            Err(_) => Value::from(Array::Float64(vec![])),
        },
        None if root.array => Value::from(array),
        None => Value::Scalar(out[0]),
    }
}

/// The inputs of the shape tests: their names and dtypes.
pub const VARS: [(&str, exprlab::DType); 5] = [
    ("f", exprlab::DType::Float64),
    ("g", exprlab::DType::Float32),
    ("i", exprlab::DType::Int64),
    ("j", exprlab::DType::Int32),
    ("c", exprlab::DType::Bool),
];

/// An array of `dims` for input `k` of the shape tests: element `n` is a
/// quarter-integer from -2.5 to 3 (cast to `dtype`), so that sums of them
/// are exact in any order.
pub fn shaped_array(dtype: exprlab::DType, k: usize, dims: &[usize]) -> Value {
    let shape = Shape::new(dims.to_vec()).unwrap();
    let values: Vec<Scalar> = (0..shape.len())
        .map(|n| Scalar::Float64(((n * 7 + k * 13) % 23) as f64 / 4.0 - 2.5).cast(dtype))
        .collect();
    exprlab::types::NdArray::new(to_array(dtype, &values), shape)
        .unwrap()
        .into()
}

/// Options for `engine` with `kernels` on exactly `threads` threads.
pub fn options(
    engine: exprlab::Engine,
    kernels: exprlab::Kernels,
    threads: usize,
) -> exprlab::Options {
    exprlab::Options {
        engine,
        kernels,
        threads,
        every_thread: true,
    }
}

pub fn to_array(dtype: exprlab::DType, values: &[Scalar]) -> Array {
    assert!(values.iter().all(|v| v.dtype() == dtype), "mixed dtypes");
    Array::from_scalars(dtype, values).unwrap()
}

/// Same dtype, shape and bits (NaN payloads included).
pub fn same_bits(a: &Value, b: &Value) -> bool {
    a.dtype() == b.dtype()
        && a.is_scalar() == b.is_scalar()
        && a.shape() == b.shape()
        && (0..a.len()).all(|i| a.get(i).map(Scalar::key) == b.get(i).map(Scalar::key))
}

/// Same dtype, shape and bits, except that a NaN matches any NaN. The sign
/// and payload of a NaN that arithmetic makes are unspecified (IEEE 754, and
/// Rust's float semantics): LLVM may commute `x * y`, and x86 returns the
/// first operand's NaN, so two kernels computing one value may give two
/// NaNs (`arcsin(1.25) * log(-1)`: +NaN in the VM, -NaN in eager). One code
/// path on any thread count must still give the same bits: `same_bits`.
pub fn same_values(a: &Value, b: &Value) -> bool {
    let alike = |x: Option<Scalar>, y: Option<Scalar>| {
        let part = |p: f64, q: f64| p.to_bits() == q.to_bits() || p.is_nan() && q.is_nan();
        match (x, y) {
            // A complex part by part.
            (Some(Scalar::Complex128(p)), Some(Scalar::Complex128(q))) => {
                part(p.re, q.re) && part(p.im, q.im)
            }
            (Some(p), Some(q)) => p.key() == q.key() || p.to_f64().is_nan() && q.to_f64().is_nan(),
            _ => false,
        }
    };
    a.dtype() == b.dtype()
        && a.is_scalar() == b.is_scalar()
        && a.shape() == b.shape()
        && (0..a.len()).all(|i| alike(a.get(i), b.get(i)))
}

/// The distance in units in the last place between two floats of one dtype
/// (0 for equal values, including +0 and -0; u64::MAX across NaN or inf classes).
pub fn ulps(a: Scalar, b: Scalar) -> u64 {
    // Sign-magnitude bits to a line where neighbouring floats differ by one.
    let f64_key = |v: f64| {
        let b = v.to_bits() as i64;
        if b < 0 { -(b & i64::MAX) } else { b }
    };
    let f32_key = |v: f64| {
        let b = i64::from((v as f32).to_bits() as i32);
        if b < 0 { -(b & 0x7fff_ffff) } else { b }
    };
    match (a, b) {
        (Scalar::Float64(x), Scalar::Float64(y)) => float_ulps(x, y, f64_key),
        (Scalar::Float32(x), Scalar::Float32(y)) => float_ulps(f64::from(x), f64::from(y), f32_key),
        _ if a == b => 0,
        _ => u64::MAX,
    }
}

fn float_ulps(x: f64, y: f64, key: impl Fn(f64) -> i64) -> u64 {
    if x.is_nan() || y.is_nan() {
        return if x.is_nan() && y.is_nan() {
            0
        } else {
            u64::MAX
        };
    }
    if x == y {
        return 0;
    }
    if x.is_infinite() || y.is_infinite() {
        return u64::MAX;
    }
    key(x).abs_diff(key(y))
}

/// Asserts that `error` (from `source`) spans `start..end` and says `message`.
pub fn assert_error(
    error: &exprlab::Error,
    source: &str,
    (start, end): (usize, usize),
    message: &str,
) {
    assert_eq!(
        error.span,
        Some(exprlab::Span::new(start, end)),
        "span of the error in {source:?}: {error}"
    );
    assert!(
        error.message().contains(message),
        "message for {source:?}: {}",
        error.message()
    );
}

/// A SIMD kernel over `xs`, a vector at a time, through the library's own map.
pub fn run<V: Vector>(xs: &[V::Elem], f: fn(V) -> V) -> Vec<V::Elem> {
    let mut out = Vec::with_capacity(xs.len());
    map1::<V>(
        &mut out.spare_capacity_mut()[..xs.len()],
        Operand::Slice(xs),
        f,
    );
    // SAFETY: map1 writes every element of its output.
    unsafe { out.set_len(xs.len()) };
    out
}

/// A two-operand lane function.
pub type Binary<V> = fn(V, V) -> V;

/// Evaluates a two-operand kernel over `ys` and `xs` (of one length) with
/// `W`'s lanes, as the VM does.
pub fn run2<W: Vector>(ys: &[W::Elem], xs: &[W::Elem], f: Binary<W>) -> Vec<W::Elem> {
    let mut out = Vec::with_capacity(ys.len());
    map2::<W>(
        &mut out.spare_capacity_mut()[..ys.len()],
        Operand::Slice(ys),
        Operand::Slice(xs),
        f,
    );
    // SAFETY: map2 writes every element of its output.
    unsafe { out.set_len(ys.len()) };
    out
}

/// The same bits, any two NaNs alike.
pub fn same_float<T: Consts + Any>(a: T, b: T) -> bool {
    a.raw() == b.raw() || (a.isnan() && b.isnan())
}

/// A part of a file that is generated: the text from `start` up to and
/// including the first `end` after it must be `generated`. With
/// `UPDATE_EXPECT=1` a stale part is rewritten (as expect-test does for
/// the golden tests); otherwise the test fails, saying how to update.
pub fn expect_generated(path: &str, start: &str, end: &str, generated: &str) {
    let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&full).unwrap();
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("no `{start}` in {path}"));
    let to = from
        + text[from..]
            .find(end)
            .unwrap_or_else(|| panic!("no `{end}` after `{start}` in {path}"))
        + end.len();
    if &text[from..to] == generated {
        return;
    }
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        let updated = format!("{}{generated}{}", &text[..from], &text[to..]);
        std::fs::write(&full, updated).unwrap();
        return;
    }
    panic!(
        "{path} is stale; rerun with UPDATE_EXPECT=1 to update it.\n--- {path}\n{}\n+++ generated\n{generated}",
        &text[from..to]
    );
}

/// `words` joined by spaces after `prefix`, wrapped before `width`
/// columns, continued two spaces in.
pub fn wrap(prefix: &str, words: &[&str], width: usize) -> String {
    let mut out = prefix.to_string();
    let mut line = prefix.len();
    for (i, w) in words.iter().enumerate() {
        let sep = usize::from(i > 0);
        if i > 0 && line + sep + w.len() > width {
            out += "\n  ";
            line = 2;
        } else if i > 0 {
            out += " ";
            line += 1;
        }
        out += w;
        line += w.len();
    }
    out
}
