//! The SIMD wasm builds in real browsers, headless Chromium and Firefox
//! (`./run test` runs it through wasm-bindgen's test runner for the plain
//! and the relaxed SIMD builds; `wasm-pack test --headless --chrome
//! --release . --test wasm` does for the plain one).
//!
//! The accuracy of every math kernel is measured natively against MPFR
//! (tests/accuracy.rs) through the native backends and plain arrays, whose
//! multiply-adds are rounded twice or, in a second measure, once. Here the
//! simd128 backend must agree bit for bit with the plain-array backend that
//! rounds as this build does (the relaxed builds fuse where the hardware
//! can) over a sample of each function's domain, so the measured bounds
//! hold in the browser too; special values must match
//! the browser build's scalar libm in class and sign; and the engine runs an
//! expression end to end.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{Binary, run, run2, same_float};
use exprlab::bytecode::Op;
use exprlab::kernels::execute_scalar;
use exprlab::kernels::scalar::Any;
use exprlab::kernels::simd::math::{self, Consts};
use exprlab::kernels::simd::{self, F32s, F64s, Lanes, Vector, portable};
use exprlab::{DType, Engine, Inputs, Kernels, Options, Scalar, Value};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const POINTS: usize = 20_000;

/// Deterministic points spread over magnitudes, both signs, plus specials.
fn points() -> Vec<f64> {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut out = Vec::with_capacity(POINTS + 16);
    for i in 0..POINTS {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let unit = (state >> 11) as f64 / (1u64 << 53) as f64;
        let v = if i % 2 == 0 {
            (unit - 0.5) * 20.0
        } else {
            ((unit - 0.5) * 120.0).exp2() * if state & 1 == 1 { 1.0 } else { -1.0 }
        };
        out.push(v);
    }
    out.extend([
        0.0,
        -0.0,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        1.0,
        -1.0,
        5e-324,
        1e300,
        1e22,
        0.5,
        -0.5,
        709.7,
        -745.0,
        88.7,
        -103.0,
    ]);
    out
}

/// Every one-operand op with a SIMD kernel of its own (the op table's
/// `simd` column, and its `low` column) over the points, and every
/// two-operand one (`pow` through each dtype's kernel, given) over pairs of
/// them: the simd128 lanes against the plain-array ones.
fn same_bits<T: Consts + Any, V: Vector<Elem = T>, P: Vector<Elem = T>>(
    xs: &[T],
    pow: (Binary<V>, Binary<P>),
    label: &str,
) -> Vec<String> {
    let mut failures = Vec::new();
    let high = |op| simd::unary::<V>(op).zip(simd::unary::<P>(op));
    let low = |op| simd::unary_low::<V>(op).zip(simd::unary_low::<P>(op));
    for &op in Op::ALL {
        for (accuracy, kernels) in [("", high(op)), (" low", low(op))] {
            let Some((fast, slow)) = kernels else {
                continue;
            };
            let (a, b) = (run::<V>(xs, fast), run::<P>(xs, slow));
            if let Some(i) = (0..a.len()).find(|&i| !same_float(a[i], b[i])) {
                failures.push(format!(
                    "{label} {}{accuracy}({:?}): simd128 {:?}, portable {:?}",
                    op.name(),
                    xs[i],
                    a[i],
                    b[i]
                ));
            }
        }
    }
    // Each point with the one as far from the end as it is from the start,
    // and every pair of the specials at the end.
    let specials = &xs[POINTS..];
    let (mut ys, mut zs): (Vec<T>, Vec<T>) = xs.iter().zip(xs.iter().rev()).unzip();
    for &y in specials {
        ys.extend(std::iter::repeat_n(y, specials.len()));
        zs.extend(specials);
    }
    for &op in Op::ALL {
        let kernels = match op {
            Op::Pow => Some(pow),
            _ => simd::binary::<V>(op).zip(simd::binary::<P>(op)),
        };
        let Some((fast, slow)) = kernels else {
            continue;
        };
        let (a, b) = (run2::<V>(&ys, &zs, fast), run2::<P>(&ys, &zs, slow));
        if let Some(i) = (0..a.len()).find(|&i| !same_float(a[i], b[i])) {
            failures.push(format!(
                "{label} {}({:?}, {:?}): simd128 {:?}, portable {:?}",
                op.name(),
                ys[i],
                zs[i],
                a[i],
                b[i]
            ));
        }
    }
    failures
}

/// Whether this build's multiply-add (`Vector::madd`) rounds once, in
/// float64 and in float32: the relaxed builds' `relaxed_madd` does where
/// the hardware has FMA, and need not elsewhere; the plain builds' never
/// does. `(1 + e)^2 - (1 + 2e)` is `e^2` exactly, which a rounded product
/// loses.
fn madd_is_fused() -> (bool, bool) {
    const E64: f64 = f64::EPSILON;
    const E32: f32 = f32::EPSILON;
    let f64s = run::<F64s>(&[1.0 + E64; 8], |v| {
        v.madd(v, F64s::splat(-(1.0 + 2.0 * E64)))
    });
    let f32s = run::<F32s>(&[1.0 + E32; 8], |v| {
        v.madd(v, F32s::splat(-(1.0 + 2.0 * E32)))
    });
    (f64s[0] != 0.0, f32s[0] != 0.0)
}

/// The simd128 kernels against the portable lanes that round their
/// multiply-adds as this build does (fused or not), so that both of the
/// accuracy test's measurements (tests/accuracy.rs) carry over.
#[wasm_bindgen_test]
fn simd128_math_matches_the_portable_backend_bit_for_bit() {
    use portable::{F32x4, F64x2, FusedF32x4, FusedF64x2};
    let (fused64, fused32) = madd_is_fused();
    // Only the relaxed builds may fuse.
    assert!(!(fused64 || fused32) || cfg!(target_feature = "relaxed-simd"));
    let xs: Vec<f64> = points();
    let mut failures = if fused64 {
        same_bits::<f64, F64s, FusedF64x2>(&xs, (math::pow, math::pow), "f64 (fused)")
    } else {
        same_bits::<f64, F64s, F64x2>(&xs, (math::pow, math::pow), "f64")
    };
    let xs: Vec<f32> = points().into_iter().map(|v| v as f32).collect();
    failures.extend(if fused32 {
        same_bits::<f32, F32s, FusedF32x4>(&xs, (math::powf, math::powf), "f32 (fused)")
    } else {
        same_bits::<f32, F32s, F32x4>(&xs, (math::powf, math::powf), "f32")
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The special values of every measured function (the table's `ulps`
/// column) match the browser build's scalar kernels in class and sign.
#[wasm_bindgen_test]
fn special_values_match_the_scalar_libm() {
    let specials = [0.0, -0.0, f64::INFINITY, f64::NEG_INFINITY, f64::NAN];
    let mut checked = 0;
    for &op in Op::ALL.iter().filter(|op| op.ulps().is_some()) {
        let Some(fast) = simd::unary::<F64s>(op) else {
            continue;
        };
        for &x in &specials {
            let got = run::<F64s>(&[x, x], fast)[0];
            let want = match execute_scalar(op, DType::Float64, &[Scalar::Float64(x)]) {
                Ok(Scalar::Float64(want)) => want,
                other => panic!("{op:?}({x}): {other:?}"),
            };
            assert!(
                same_float(got, want),
                "{}({x}) = {got}, the libm gives {want}",
                op.name()
            );
            checked += 1;
        }
    }
    assert!(checked >= 5 * 19, "only {checked} checked");
}

#[wasm_bindgen_test]
fn the_engine_runs_the_classic_in_the_browser() {
    let mut inputs = Inputs::new();
    let x: Vec<f64> = (0..10_000).map(|i| i as f64 / 5_000.0 - 1.0).collect();
    inputs.insert("x", x.clone());
    let scalar = Options {
        engine: Engine::Vm,
        kernels: Kernels::Scalar,
        ..Options::default()
    };
    let eager = Options {
        engine: Engine::Eager,
        ..scalar
    };
    let simd = Options::default();
    let a = exprlab::evaluate("sin(2*pi*x)", &inputs, &scalar).unwrap();
    assert_eq!(
        a,
        exprlab::evaluate("sin(2*pi*x)", &inputs, &eager).unwrap()
    );
    let b = exprlab::evaluate("sin(2*pi*x)", &inputs, &simd).unwrap();
    let (Value::Array(a), Value::Array(b)) = (a, b) else {
        panic!("not arrays");
    };
    let (exprlab::Array::Float64(a), exprlab::Array::Float64(b)) = (a.into_data(), b.into_data())
    else {
        panic!("not float64 arrays");
    };
    for (i, (p, q)) in a.iter().zip(&b).enumerate() {
        assert!((p - q).abs() <= 4e-16, "element {i}: scalar {p}, simd {q}");
    }
}

#[wasm_bindgen_test]
fn a_race_is_timed_by_the_browsers_clock() {
    // std's clock panics in a browser; the race's is `performance.now()`.
    use exprlab::race::{Entrant, Timeit, contenders};
    let mut session = exprlab::Session::new();
    session.set("x", vec![0.5f64; 100_000]);
    let plan = Timeit {
        loops: None,
        repeats: 2,
        min_time: 0.002,
    };
    let list = contenders(&Entrant::ALL, None, 1);
    let entries = session.race("sin(2*pi*x)", &list, &plan, |_| {}).unwrap();
    // eager, the scalar VM, the SIMD VM in high and low accuracy.
    assert_eq!(entries.len(), 4);
    for e in &entries {
        assert_eq!(e.times.per_loop.len(), 2);
        assert!(e.times.best() > 0.0 && e.times.best().is_finite(), "{e:?}");
    }
}

#[wasm_bindgen_test]
fn more_threads_than_the_pool_has_is_an_error_not_a_trap() {
    let mut inputs = Inputs::new();
    inputs.insert("x", vec![1.0f64; 5000]);
    let options = Options {
        threads: 2,
        ..Options::default()
    };
    let error = exprlab::evaluate("x + 1", &inputs, &options).unwrap_err();
    assert!(error.message().contains("thread pool has"), "{error}");
}

/// The JavaScript bindings: inputs from constructors and typed arrays,
/// results as typed arrays of the result's dtype or numbers, errors with
/// the caret under their span.
#[wasm_bindgen_test]
fn the_bindings_evaluate_into_typed_arrays_and_report_errors() {
    use exprlab::wasm::Lab;
    use wasm_bindgen::{JsCast, JsValue};
    let mut lab = Lab::new();
    lab.define("x", "linspace(-1, 1, 1001)", None).unwrap();
    lab.set_int32("n", vec![1, 2, 3]);
    let y: js_sys::Float64Array = lab
        .evaluate("sin(2*pi*x)", "vm", true, "high", 1)
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(y.length(), 1001);
    assert!((y.get_index(250) - (2.0 * std::f64::consts::PI * -0.5).sin()).abs() < 1e-15);
    let n: js_sys::Int32Array = lab
        .evaluate("n * 2", "eager", false, "high", 1)
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(n.to_vec(), vec![2, 4, 6]);
    let b: js_sys::Uint8Array = lab
        .evaluate("n > 1", "vm", true, "high", 1)
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(b.to_vec(), vec![0, 1, 1]);
    let total = lab.evaluate("sum(x > 0)", "vm", true, "high", 1).unwrap();
    assert_eq!(
        total
            .dyn_into::<js_sys::BigInt>()
            .ok()
            .map(|v| v.to_string(10).unwrap().as_string()),
        Some(Some("500".into()))
    );
    let mean = lab
        .evaluate("mean(x)", "vm", true, "high", 1)
        .unwrap()
        .as_f64();
    assert!(mean.is_some_and(|m| m.abs() < 1e-15), "mean {mean:?}");
    let error = lab
        .evaluate("sin(2*pi*y)", "vm", true, "high", 1)
        .unwrap_err();
    let message = JsValue::from(error);
    let message = js_sys::Reflect::get(&message, &"message".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert!(message.contains("`y`"), "{message}");
    assert!(
        message.contains("          ^"),
        "no caret under the span: {message}"
    );
    assert!(lab.disassemble("sin(2*pi*x)").unwrap().contains("sin"));
}

/// A property of a JavaScript object.
fn property(object: &wasm_bindgen::JsValue, key: &str) -> wasm_bindgen::JsValue {
    js_sys::Reflect::get(object, &key.into()).unwrap()
}

/// What the page shows of a result: the summary, the decimated plot and
/// the largest ULP difference between engines; and the live check's spans
/// in JavaScript string indices.
#[wasm_bindgen_test]
fn the_bindings_summarise_plot_compare_and_check() {
    use exprlab::wasm::{Lab, check};
    let mut lab = Lab::new();
    lab.define("x", "linspace(-1, 1, 1001)", None).unwrap();
    lab.run("where(x > 0.5, 0/0, x)", "eager", false, "high", 1)
        .unwrap();
    let summary = lab.summary().unwrap();
    assert_eq!(
        property(&summary, "dtype").as_string().as_deref(),
        Some("float64")
    );
    assert_eq!(property(&summary, "length").as_f64(), Some(1001.0));
    assert_eq!(property(&summary, "nans").as_f64(), Some(250.0));
    assert_eq!(property(&summary, "min").as_f64(), Some(-1.0));
    assert_eq!(property(&summary, "max").as_f64(), Some(0.5));
    // Two columns: elements 0..=500 (x from -1 to 0) and the rest (NaNs
    // above 0.5 left out).
    let plot = lab.plot(2, None).unwrap();
    assert_eq!(plot[..2], [-1.0, 0.0]);
    assert!(
        (plot[2] - 0.002).abs() < 1e-15 && plot[3] == 0.5,
        "{plot:?}"
    );

    lab.run("sin(2*pi*x)", "eager", false, "high", 1).unwrap();
    lab.keep_reference().unwrap();
    lab.run("sin(2*pi*x)", "vm", false, "high", 1).unwrap();
    assert_eq!(lab.ulps_from_reference().unwrap(), 0.0);
    lab.run("sin(2*pi*x)", "vm", true, "high", 1).unwrap();
    assert!(lab.ulps_from_reference().unwrap() <= 2.0);
    lab.run("sin(2*pi*x) + 1e-9", "vm", true, "high", 1)
        .unwrap();
    assert!(lab.ulps_from_reference().unwrap() > 1e6);
    // The low-accuracy kernels: within their bound (4) and the high ones' (1).
    lab.run("sin(2*pi*x)", "vm", true, "low", 1).unwrap();
    assert!(lab.ulps_from_reference().unwrap() <= 5.0);
    let message = |error: wasm_bindgen::JsError| {
        js_sys::Reflect::get(&wasm_bindgen::JsValue::from(error), &"message".into())
            .unwrap()
            .as_string()
            .unwrap()
    };
    let error = message(lab.run("x", "vm", true, "fast", 1).unwrap_err());
    assert_eq!(error, "accuracy `fast`: use high (the default) or low");
    let error = message(lab.run("x", "vm", false, "low", 1).unwrap_err());
    assert!(error.contains("SIMD kernels"), "{error}");
    // A new input makes the kept results stale.
    lab.set_float64("y", vec![1.0]);
    assert!(lab.summary().is_err());

    let names = vec!["x".to_string(), "k".to_string()];
    let dtypes = vec!["float32".to_string(), "int64".to_string()];
    assert!(
        check("k*sin(x)", names.clone(), dtypes.clone(), vec![0, 1])
            .unwrap()
            .is_undefined()
    );
    // `é` is two bytes in UTF-8 and one index in JavaScript.
    let error = check("x + é*2", names.clone(), dtypes.clone(), vec![0, 1]).unwrap();
    assert_eq!(property(&error, "start").as_f64(), Some(4.0), "{error:?}");
    assert_eq!(property(&error, "end").as_f64(), Some(5.0), "{error:?}");
    let error = check("# é\nsinn(x)", names, dtypes, vec![0, 1]).unwrap();
    assert_eq!(property(&error, "start").as_f64(), Some(4.0), "{error:?}");
    assert_eq!(property(&error, "end").as_f64(), Some(8.0), "{error:?}");
    let message = property(&error, "message").as_string().unwrap();
    assert_eq!(message, "unknown name `sinn`; did you mean `sin`?");
    assert!(
        property(&error, "text")
            .as_string()
            .unwrap()
            .contains("^^^^")
    );
}
