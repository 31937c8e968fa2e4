//! numexpr's test families (operators with array and scalar operands on
//! either side, division and modulus by zero, comparisons, every function,
//! powers; 2-D and 3-D operands broadcast together, reductions along each
//! axis, arrays with a zero length), for every dtype, and NumPy 2's
//! promotion of mixed dtypes, against values NumPy computed; numexpr's
//! tests of byte strings, against NumPy's values and numexpr's refusals.
//! The fixtures come from `tests/fixtures/generate.py` (see its docstring).
#![cfg(not(target_arch = "wasm32"))] // native-only: files, processes, MPFR, proptest

mod common;

use common::ulps;
use exprlab::types::{C128, NdArray, Shape, Strings};
use exprlab::{Array, DType, Engine, ErrorKind, Inputs, Kernels, Options, Scalar, Value};
use serde_json::Value as Json;

/// Float results may differ from NumPy's SIMD libm in the last bits; the
/// accuracy of each function is measured against MPFR elsewhere. This bound
/// checks semantics (dtype, sign conventions, special cases), not accuracy.
const MAX_ULPS: u64 = 4;

/// Where ExprLab deliberately differs from NumPy (see the README's table).
fn documented_difference(expr: &str, dtype: &str) -> bool {
    // NumPy raises for integer arrays raised to negative array exponents;
    // ExprLab computes the integer part of the power (tested below).
    let signed = dtype.starts_with("int");
    let negative_powers =
        signed && ["a ** b", "(a+1) ** (b+3)", "3 ** (b+3)", "2 ** (b+3)"].contains(&expr);
    // `np.sqrt(2*np.pi)` is a strong float64 that makes the result float64;
    // ExprLab keeps functions of literals weak, so float32 stays float32
    // (tested in tests/engines.rs).
    let weak_functions = dtype == "float32" && expr == "exp(-a**2/2)/sqrt(2*pi)";
    // `np.clip` clamps a Python int bound to the array's dtype; ExprLab
    // refuses one that does not fit, as it does for every other operation.
    let clip_bound = dtype.starts_with("uint") && expr == "clip(a, -1, 2)";
    // NumPy raises a bool array to a Python int power in int8, though it
    // adds and multiplies it with one in int64; ExprLab uses int64 for all.
    let bool_power = dtype == "bool" && expr == "a ** 2";
    // NumPy's complex log1p is log(|1 + z|), which loses the digits of a
    // small z; ExprLab's is accurate (a unit test in kernels::complex).
    let complex_log1p = dtype == "complex128" && expr == "log1p(a)";
    negative_powers || weak_functions || clip_bound || bool_power || complex_log1p
}

fn scalar(dtype: DType, v: &Json) -> Scalar {
    match v {
        Json::Bool(b) => Scalar::Bool(*b),
        Json::Number(n) => match n.as_i64() {
            Some(v) => Scalar::Int64(v).cast(dtype),
            None => Scalar::UInt64(n.as_u64().expect("int")).cast(dtype),
        },
        Json::String(s) => Scalar::Float64(s.parse().expect("float repr")).cast(dtype),
        // A complex number: the reprs of its parts.
        Json::Array(parts) => {
            let part = |k: usize| {
                parts[k]
                    .as_str()
                    .unwrap()
                    .parse::<f64>()
                    .expect("float repr")
            };
            Scalar::Complex128(C128::new(part(0), part(1))).cast(dtype)
        }
        _ => panic!("bad fixture value {v}"),
    }
}

fn array(dtype: DType, values: &Json) -> Array {
    let scalars: Vec<Scalar> = values
        .as_array()
        .unwrap()
        .iter()
        .map(|v| scalar(dtype, v))
        .collect();
    common::to_array(dtype, &scalars)
}

/// A shape from the fixture: a list of lengths.
fn shape(dims: &Json) -> Shape {
    let dims = dims.as_array().unwrap();
    Shape::new(dims.iter().map(|d| d.as_u64().unwrap() as usize).collect()).unwrap()
}

/// Input `name` of a case: of its shape (`a_shape`) where it has one, else 1-D.
fn input(case: &Json, name: &str, dtype: DType) -> Value {
    let data = array(dtype, &case[name]);
    match case.get(format!("{name}_shape")) {
        Some(dims) => NdArray::new(data, shape(dims)).unwrap().into(),
        None => data.into(),
    }
}

/// `tests/fixtures/numpy.json`.
fn fixture() -> Json {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/numpy.json"
    ))
    .unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Every function of one or two arguments has its fixtures (regenerate
/// them after adding one: see `tests/fixtures/generate.py`).
#[test]
fn every_function_has_numpy_fixtures() {
    let fixture = fixture();
    let cases = fixture["cases"].as_array().unwrap().iter();
    let strings = fixture["strings"]["cases"].as_array().unwrap().iter();
    let exprs: Vec<&str> = cases
        .chain(strings)
        .map(|c| c["expr"].as_str().unwrap())
        .collect();
    for f in exprlab::functions::Function::all() {
        let call = match (f.kind(), f.arity()) {
            ("elementwise", 1) => format!("{}(a)", f.name()),
            ("elementwise", 2) => format!("{}(a, b)", f.name()),
            _ => continue,
        };
        assert!(exprs.contains(&call.as_str()), "no fixture for {call}");
    }
}

/// `DType::promote` is `np.promote_types`, for every pair of dtypes.
#[test]
fn promotion_is_numpys() {
    let fixture = fixture();
    let table = fixture["promote_types"].as_array().unwrap();
    assert_eq!(table.len(), DType::ALL.len() * DType::ALL.len());
    for row in table {
        let [a, b, want] = [0, 1, 2].map(|k| DType::parse(row[k].as_str().unwrap()).unwrap());
        assert_eq!(a.promote(b), want, "{a} with {b}");
    }
}

#[test]
fn numexpr_families_match_numpy() {
    let fixture = fixture();
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut refused = 0;
    for case in fixture["cases"].as_array().unwrap() {
        let expr = case["expr"].as_str().unwrap();
        let dtype_name = case["dtype"].as_str().unwrap();
        if documented_difference(expr, dtype_name) {
            continue;
        }
        let dtype = DType::parse(dtype_name).unwrap();
        // The second operand's dtype, where it has its own.
        let b_dtype = case
            .get("b_dtype")
            .map_or(dtype, |d| DType::parse(d.as_str().unwrap()).unwrap());
        let mut inputs = Inputs::new();
        inputs.insert("a", input(case, "a", dtype));
        inputs.insert("b", input(case, "b", b_dtype));
        let shaped = case.get("a_shape").is_some();
        for (engine, kernels) in [
            (Engine::Vm, Kernels::Simd),
            (Engine::Vm, Kernels::Scalar),
            (Engine::Eager, Kernels::Scalar),
        ] {
            let options = Options {
                engine,
                kernels,
                ..Options::default()
            };
            let got = exprlab::evaluate(expr, &inputs, &options);
            let label = format!(
                "{expr} ({dtype_name}, {} {})",
                engine.name(),
                kernels.name()
            );
            // NumPy orders complex numbers (`<`, min, max, maximum, clip,
            // sign, round); ExprLab refuses to, as numexpr does (the
            // README's differences table).
            let orders = ["<", ">", "min", "max", "clip", "sign", "round"]
                .iter()
                .any(|k| expr.contains(k));
            if let Err(e) = &got
                && orders
                && (dtype_name == "complex128" || b_dtype.is_complex())
                && case.get("error").is_none()
                && e.message().contains("not defined on complex numbers")
            {
                refused += 1;
                continue;
            }
            if let Some(message) = case.get("error") {
                let message = message.as_str().unwrap();
                match got {
                    Err(e) if e.message().contains("negative integer powers") => {}
                    Err(e)
                        if message.contains("no identity")
                            && e.message().contains("of an empty array has no value") => {}
                    // A Python int that does not fit the array's dtype.
                    Err(e)
                        if message.starts_with("OverflowError")
                            && e.message().contains("does not fit") => {}
                    // An operand of a dtype the operation does not take.
                    Err(e)
                        if message.contains("TypeError")
                            && matches!(e.kind, ErrorKind::Type(_)) => {}
                    other => failures.push(format!(
                        "{label}: NumPy raised `{message}`, ExprLab gave {other:?}"
                    )),
                }
                continue;
            }
            let got = match got {
                Ok(v) => v,
                Err(e) => {
                    failures.push(format!("{label}: error {e}"));
                    continue;
                }
            };
            // NumPy's float16, which ExprLab lacks, is float32 here: its
            // values are compared at float16's precision below.
            let half = case["result_dtype"] == "float16";
            let want_dtype = match case["result_dtype"].as_str().unwrap() {
                "float16" => DType::Float32,
                name => DType::parse(name).unwrap(),
            };
            if got.dtype() != want_dtype {
                failures.push(format!(
                    "{label}: dtype {} but NumPy gives {want_dtype}",
                    got.dtype()
                ));
                continue;
            }
            let want: Vec<Scalar> = case["result"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| scalar(want_dtype, v))
                .collect();
            let want_value = if case["scalar"].as_bool().unwrap() {
                Value::Scalar(want[0])
            } else {
                Value::from(common::to_array(want_dtype, &want))
            };
            let shape_ok = if shaped {
                got.shape() == shape(&case["result_shape"])
            } else {
                got.is_scalar() == want_value.is_scalar()
                    || (!want_value.is_scalar() && got.is_scalar())
            };
            if !shape_ok || got.len().max(want.len()) != want.len() {
                failures.push(format!("{label}: shape differs: {got:?}"));
                continue;
            }
            for (i, w) in want.iter().enumerate() {
                let g = got.get(i).unwrap();
                let close = if let (Scalar::Complex128(g), Scalar::Complex128(w)) = (g, *w) {
                    complex_close(g, w)
                } else if half {
                    // A few of float16's ULPs (of 2^-10), down to its
                    // smallest normal (2^-14): NumPy rounds each step to
                    // float16, and flushes what float32 keeps.
                    let (g, w) = (g.to_f64(), w.to_f64());
                    let scale = w.abs().max(f64::powi(2.0, -14));
                    g == w || (g - w).abs() <= 4.0 * scale / 1024.0 || g.is_nan() && w.is_nan()
                } else {
                    ulps(g, *w) <= MAX_ULPS
                };
                if !close {
                    failures.push(format!("{label}: element {i}: {g} but NumPy gives {w}"));
                    break;
                }
            }
            checked += 1;
        }
    }
    assert!(
        failures.is_empty(),
        "{} of the cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(checked > 6000, "only {checked} cases checked");
    assert!(refused > 0, "no complex case was refused");
}

/// A complex result close to NumPy's: each part within [`MAX_ULPS`], or
/// the two within a few rounding errors of the larger part (a tiny part
/// that cancels, as `sin(z)` gives near a zero, is only that accurate in
/// NumPy too); NaNs and infinities where NumPy has them.
fn complex_close(g: C128, w: C128) -> bool {
    let part_ulps = |x: f64, y: f64| ulps(Scalar::Float64(x), Scalar::Float64(y));
    if part_ulps(g.re, w.re) <= MAX_ULPS && part_ulps(g.im, w.im) <= MAX_ULPS {
        return true;
    }
    let same_kind =
        |x: f64, y: f64| x.is_nan() == y.is_nan() && (x.is_infinite() == y.is_infinite());
    if !same_kind(g.re, w.re) || !same_kind(g.im, w.im) || !w.re.is_finite() || !w.im.is_finite() {
        return false;
    }
    let scale = w.re.abs().max(w.im.abs());
    (g.re - w.re).abs().max((g.im - w.im).abs()) <= 8.0 * f64::EPSILON * scale
}

/// A value of the string cases: its dtype (`|S3`, `|b1`, `<i4`), shape
/// and memory in hex, as NumPy lays it out.
fn string_case_value(v: &Json) -> Value {
    let shape = shape(&v["shape"]);
    let hex = v["bytes"].as_str().unwrap().as_bytes();
    let raw: Vec<u8> = hex
        .chunks(2)
        .map(|h| u8::from_str_radix(std::str::from_utf8(h).unwrap(), 16).unwrap())
        .collect();
    let data = match v["dtype"].as_str().unwrap() {
        "|b1" => Array::Bool(raw.iter().map(|&b| b != 0).collect()),
        "<i4" => Array::Int32(
            raw.chunks(4)
                .map(|b| i32::from_le_bytes(b.try_into().unwrap()))
                .collect(),
        ),
        s => {
            let width = s.strip_prefix("|S").unwrap().parse().unwrap();
            return Strings::new(width, raw, shape).unwrap().into();
        }
    };
    Value::shaped(data, shape).unwrap()
}

/// numexpr's tests of byte strings (comparisons of arrays of several
/// blocks, with 0-d variables and literals, empty strings, NULs, `contains`
/// and broadcasting) give NumPy's values, on every engine and thread
/// count; what numexpr refuses (arithmetic, `where` and reductions of
/// strings, strings with numbers) is a type error.
#[test]
fn numexprs_string_tests_match_numpy() {
    let fixture = fixture();
    let mut failures = Vec::new();
    let mut numexpr_differs = Vec::new();
    let values = &fixture["strings"]["inputs"];
    let cases = fixture["strings"]["cases"].as_array().unwrap();
    for case in cases {
        let expr = case["expr"].as_str().unwrap();
        let mut inputs = Inputs::new();
        for name in case["inputs"].as_array().unwrap() {
            let name = name.as_str().unwrap();
            inputs.insert(name, string_case_value(&values[name]));
        }
        if case["numexpr_agrees"] == false {
            numexpr_differs.push(expr);
        }
        for (engine, kernels, threads) in [
            (Engine::Vm, Kernels::Simd, 1),
            (Engine::Vm, Kernels::Scalar, 2),
            (Engine::Eager, Kernels::Scalar, 1),
        ] {
            let options = Options {
                engine,
                kernels,
                threads,
                every_thread: true,
            };
            let label = format!("{expr} ({} {} on {threads})", engine.name(), kernels.name());
            let got = exprlab::evaluate(expr, &inputs, &options);
            match (case.get("error"), got) {
                (Some(_), Err(e))
                    if matches!(e.kind, ErrorKind::Type(_))
                        && e.message().contains("byte strings") => {}
                (Some(m), other) => {
                    failures.push(format!("{label}: refused by {m}, ExprLab gave {other:?}"))
                }
                (None, Ok(v)) if v == string_case_value(&case["result"]) => {}
                (None, other) => failures.push(format!(
                    "{label}: NumPy gives {}, ExprLab {other:?}",
                    case["result"]
                )),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of the cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(cases.len() > 30, "only {} string cases", cases.len());
    // numexpr's `contains` stops at a haystack's first NUL; NumPy's and
    // ExprLab's look at the whole string (the README's differences table).
    assert_eq!(numexpr_differs, ["contains(column, row)"]);
}

#[test]
fn integer_arrays_to_negative_array_powers_give_the_integer_part() {
    let mut inputs = Inputs::new();
    inputs.insert("a", vec![2i64, 1, -1, -1, 3]);
    inputs.insert("b", vec![-1i64, -5, -3, -2, 2]);
    let got = exprlab::evaluate("a ** b", &inputs, &Options::default()).unwrap();
    assert_eq!(got, Value::from(Array::Int64(vec![0, 1, -1, 1, 9])));
}
