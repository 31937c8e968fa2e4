//! Every op, every dtype signature the scalar kernels accept, every mix of
//! slice and scalar operands, lengths around the vector and sixteen-element
//! steps: the SIMD flavour gives the scalar flavour's bits, except for the
//! float math functions that have their own approximations (measured in
//! tests/accuracy.rs). Natively this checks the SSE2 backend; `./run test`
//! runs it in the browsers too, for the simd128 backend.

use exprlab::bytecode::Op;
use exprlab::kernels::{Kernels, Src};
use exprlab::types::C128;
use exprlab::{Array, DType, Kind, Scalar};

/// Values that find edges: zeros of both signs, extremes, NaN, infinities,
/// subnormals, halves, shift counts in and out of range.
fn pool(dtype: DType) -> Vec<Scalar> {
    let floats = [
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.5,
        -2.5,
        3.0,
        7.25,
        -1e-310,
        1e300,
        -3e38,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        2147483648.0,
        -2147483649.0,
        63.0,
        64.0,
    ];
    let ints = [
        0i64,
        1,
        -1,
        2,
        -7,
        31,
        32,
        63,
        64,
        100,
        i64::from(i32::MAX),
        i64::from(i32::MIN),
        i64::MAX,
        i64::MIN,
        -65,
        12345,
    ];
    // Each integer dtype takes the values wrapped to its width.
    match dtype.kind() {
        Kind::Bool => vec![Scalar::Bool(false), Scalar::Bool(true), Scalar::Bool(true)],
        Kind::Signed | Kind::Unsigned => {
            ints.iter().map(|&v| Scalar::Int64(v).cast(dtype)).collect()
        }
        Kind::Float => floats
            .iter()
            .map(|&v| Scalar::Float64(v).cast(dtype))
            .collect(),
        // Each float as a real part, with another as the imaginary part.
        Kind::Complex => (0..floats.len())
            .map(|i| Scalar::Complex128(C128::new(floats[i], floats[(i * 7 + 3) % floats.len()])))
            .collect(),
        Kind::Bytes => unreachable!("DType::ALL holds the numbers only"),
    }
}

fn array(dtype: DType, len: usize, seed: usize) -> Array {
    let pool = pool(dtype);
    let values =
        (0..len).map(|i| pool[(i * (seed * 2 + 3) + seed * 7 + i / pool.len()) % pool.len()]);
    Array::from_scalars(dtype, &values.collect::<Vec<_>>()).unwrap()
}

/// The float math functions with SIMD approximations of their own (the op
/// table's `ulps` column), and complex functions made of them; their
/// accuracy is measured in tests/accuracy.rs and tests/complex_accuracy.rs.
fn approximated(op: Op, out: DType) -> bool {
    (out.is_float() || out.is_complex()) && op.approximated()
}

/// The same dtype and bits; NaNs alike, whatever their payload (which NaN
/// an operation returns is not specified: LLVM may commute it).
fn same_scalar(a: Option<Scalar>, b: Option<Scalar>) -> bool {
    let nan = |v: Option<Scalar>| v.is_some_and(|v| v.to_f64().is_nan());
    a.map(Scalar::key) == b.map(Scalar::key) || nan(a) && nan(b)
}

/// The first index where the arrays differ.
fn difference(a: &Array, b: &Array) -> Option<usize> {
    (0..a.len()).find(|&i| !same_scalar(a.get(i), b.get(i)))
}

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn simd_kernels_give_the_scalar_kernels_bits() {
    let mut checked = 0;
    for &op in Op::ALL {
        let arity = op.arity();
        let mut signatures = vec![vec![]];
        for _ in 0..arity {
            signatures = signatures
                .into_iter()
                .flat_map(|s: Vec<DType>| {
                    DType::ALL.map(|d| {
                        let mut s = s.clone();
                        s.push(d);
                        s
                    })
                })
                .collect();
        }
        for inputs in &signatures {
            for out_dtype in DType::ALL {
                if approximated(op, out_dtype) || !defined(op, out_dtype, inputs) {
                    continue;
                }
                for len in [0, 1, 3, 15, 16, 17, 33, 70] {
                    for scalars in 0..(1usize << arity) {
                        let arrays: Vec<Array> = inputs
                            .iter()
                            .enumerate()
                            .map(|(k, &d)| array(d, len, k))
                            .collect();
                        let srcs: Vec<Src> = arrays
                            .iter()
                            .enumerate()
                            .map(|(k, a)| {
                                if scalars & (1 << k) != 0 {
                                    Src::scalar(array(a.dtype(), 5, k + len).get(len % 5).unwrap())
                                } else {
                                    Src::slice(a.as_slice())
                                }
                            })
                            .collect();
                        let Ok(want) = Kernels::Scalar.apply(op, out_dtype, len, &srcs) else {
                            continue;
                        };
                        let got = Kernels::Simd.apply(op, out_dtype, len, &srcs).unwrap();
                        if let Some(i) = difference(&got, &want) {
                            let args: Vec<String> = srcs.iter().map(|s| format!("{s:?}")).collect();
                            panic!(
                                "{op:?} -> {out_dtype} at {i} of {len}: SIMD {:?}, scalar {:?}; operands {}",
                                got.get(i),
                                want.get(i),
                                args.join(", ")
                            );
                        }
                        checked += 1;
                    }
                }
            }
        }
    }
    println!("{checked} kernel runs checked");
    assert!(checked > 2000, "only {checked} kernel runs checked");
}

/// Whether the scalar kernels compute `op` from `inputs` into `out`: the
/// dtype signatures worth running (most of the 11^4 x 11 of a
/// four-operand op are not).
fn defined(op: Op, out: DType, inputs: &[DType]) -> bool {
    let empty: Vec<Array> = inputs.iter().map(|&d| array(d, 0, 0)).collect();
    let srcs: Vec<Src> = empty.iter().map(|a| Src::slice(a.as_slice())).collect();
    Kernels::Scalar.apply(op, out, 0, &srcs).is_ok()
}

/// Both flavours fold the same eight lanes in the same order.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn simd_reductions_give_the_scalar_bits() {
    use exprlab::Kernels;
    use exprlab::kernels::reduce::Reduction;
    for reduction in Reduction::ALL {
        for dtype in DType::ALL {
            for len in [1, 2, 7, 8, 9, 16, 31, 64, 65, 200] {
                for seed in 0..4 {
                    let values = array(dtype, len, seed);
                    let scalar = reduction.partial(values.as_slice(), Kernels::Scalar);
                    let simd = reduction.partial(values.as_slice(), Kernels::Simd);
                    assert!(
                        same_scalar(scalar, simd),
                        "{} of {len} {dtype} (seed {seed}): scalar {scalar:?}, SIMD {simd:?}",
                        reduction.name()
                    );
                }
            }
        }
    }
}

/// The compiler's word on which ops take complex operands
/// (`Signature::takes_complex`) and the kernels' complex column agree.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_ops_that_take_complex_numbers_have_complex_kernels() {
    use exprlab::bytecode::ops::Signature::*;
    let z = Src::scalar(Scalar::Complex128(C128::new(1.0, 2.0)));
    for &op in Op::ALL {
        let sig = op.signature();
        let (out, args) = match sig {
            // complex(a, b) takes float64s; a cast takes any dtype.
            MakeComplex | Cast => continue,
            ComplexPart => (DType::Float64, vec![z]),
            Predicate | RealPredicate | Compare | Equality => (DType::Bool, vec![z; op.arity()]),
            Select => (
                DType::Complex128,
                vec![Src::scalar(Scalar::Bool(true)), z, z],
            ),
            _ => (DType::Complex128, vec![z; op.arity()]),
        };
        let computed = Kernels::Scalar.apply(op, out, 1, &args).is_ok();
        assert_eq!(computed, sig.takes_complex(), "{}", op.name());
    }
}

/// The compiler's word on which ops take byte strings
/// (`Signature::takes_bytes`) and `kernels::bytes` agree.
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn the_ops_that_take_byte_strings_have_kernels_of_them() {
    for &op in Op::ALL {
        let computed = exprlab::kernels::bytes::apply(op, b"ab", b"a");
        assert_eq!(
            computed.is_some(),
            op.signature().takes_bytes(),
            "{}",
            op.name()
        );
    }
}
