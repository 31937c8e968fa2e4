//! The engines against each other and against a tree-walking reference:
//! random expressions over every dtype and lengths around the block size,
//! evaluated by the VM on 1 and several threads, by the eager engine, and
//! element by element. They must agree bit for bit.
#![cfg(not(target_arch = "wasm32"))] // native-only: files, processes, MPFR, proptest

mod common;

use common::{reference, same_bits, same_values};
use exprlab::compile::fold::fold;
use exprlab::data::ArraySpec;
use exprlab::functions::Function;
use exprlab::kernels::reduce::Reduction;
use exprlab::syntax::{BinaryOp, UnaryOp};
use exprlab::types::{Array, C128, Value};
use exprlab::vm::BLOCK_LEN;
use exprlab::{DType, Engine, Inputs, Kernels, Options, compile};
use proptest::prelude::*;

/// The inputs random expressions read: one of each dtype, and a scalar.
const VARS: [(&str, DType); 9] = [
    ("f", DType::Float64),
    ("g", DType::Float32),
    ("i", DType::Int64),
    ("j", DType::Int32),
    ("k", DType::Int8),
    ("u", DType::UInt16),
    ("c", DType::Bool),
    ("z", DType::Complex128),
    ("s", DType::Float64),
];

/// Every function of the language and every operator, by arity.
fn calls(arity: usize) -> Vec<String> {
    let operators: Vec<&str> = match arity {
        1 => UnaryOp::ALL.iter().map(|op| op.symbol()).collect(),
        _ => BinaryOp::ALL.iter().map(|op| op.symbol()).collect(),
    };
    let functions = Function::all()
        .filter(|f| f.arity() == arity && !matches!(f, Function::Reduction(_)))
        .map(Function::name);
    operators
        .into_iter()
        .chain(functions)
        .map(str::to_string)
        .collect()
}

fn leaf() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(VARS.map(|(n, _)| n).to_vec()).prop_map(str::to_string),
        1 => (-5i64..6).prop_map(|v| v.to_string()),
        1 => prop::sample::select(vec!["0.5", "2.5", "-1.5", "pi", "1e3", "True", "0.0"]).prop_map(str::to_string),
    ]
}

fn expression() -> impl Strategy<Value = String> {
    leaf().prop_recursive(4, 24, 3, |inner| {
        prop_oneof![
            (prop::sample::select(calls(1)), inner.clone()).prop_map(|(f, a)| format!("{f}({a})")),
            (prop::sample::select(calls(2)), inner.clone(), inner.clone()).prop_map(
                |(op, a, b)| {
                    if op.chars().all(char::is_alphanumeric) {
                        format!("{op}({a}, {b})")
                    } else {
                        format!("({a}) {op} ({b})")
                    }
                }
            ),
            (inner.clone(), inner.clone(), inner.clone())
                .prop_map(|(c, a, b)| format!("where({c}, {a}, {b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("clip({a}, -2, {b})")),
            (inner.clone(), inner).prop_map(|(a, b)| format!("t = {a}; t * ({b}) - t")),
        ]
    })
}

fn reduced(expr: String) -> impl Strategy<Value = String> {
    prop_oneof![
        6 => Just(expr.clone()),
        1 => prop::sample::select(Reduction::ALL.map(|r| r.name()).to_vec()).prop_map(move |r| {
            let body = expr.rsplit_once("; ").map_or(expr.clone(), |(stmts, last)| format!("{stmts}; {r}({last})"));
            if body == expr { format!("{r}({expr})") } else { body }
        }),
    ]
}

/// The scalar kernels on exactly `threads` threads, however little the work.
fn scalar(engine: Engine, threads: usize) -> Options {
    Options {
        engine,
        threads,
        every_thread: true,
        kernels: Kernels::Scalar,
    }
}

fn lengths() -> impl Strategy<Value = usize> {
    prop::sample::select(vec![
        0,
        1,
        7,
        BLOCK_LEN - 1,
        BLOCK_LEN,
        BLOCK_LEN + 1,
        3 * BLOCK_LEN + 17,
    ])
}

fn inputs(len: usize, seed: u64) -> Inputs {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut unit = move || (next() >> 11) as f64 / (1u64 << 53) as f64;
    let mut inputs = Inputs::new();
    let floats: Vec<f64> = (0..len).map(|_| (unit() - 0.5) * 8.0).collect();
    inputs.insert("f", floats.clone());
    inputs.insert(
        "g",
        floats.iter().rev().map(|&v| v as f32).collect::<Vec<f32>>(),
    );
    inputs.insert(
        "i",
        floats
            .iter()
            .map(|&v| (v * 5.0) as i64)
            .collect::<Vec<i64>>(),
    );
    inputs.insert(
        "j",
        floats
            .iter()
            .map(|&v| (v * 3.0) as i32 + 1)
            .collect::<Vec<i32>>(),
    );
    // Small and unsigned: their arithmetic wraps, and they promote with the rest.
    inputs.insert(
        "k",
        floats
            .iter()
            .map(|&v| (v * 30.0) as i8)
            .collect::<Vec<i8>>(),
    );
    inputs.insert(
        "u",
        floats
            .iter()
            .map(|&v| (v * 9000.0) as i64 as u16)
            .collect::<Vec<u16>>(),
    );
    inputs.insert("c", floats.iter().map(|&v| v > 0.3).collect::<Vec<bool>>());
    inputs.insert(
        "z",
        floats
            .iter()
            .zip(floats.iter().rev())
            .map(|(&re, &im)| C128::new(re, im))
            .collect::<Vec<C128>>(),
    );
    inputs.insert("s", 1.25f64);
    inputs
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn vm_eager_and_reference_agree(expr in expression().prop_flat_map(reduced), len in lengths(), seed in any::<u64>()) {
        let inputs = inputs(len, seed);
        // Random trees are often ill-typed (`f & g`); those must be errors, not panics.
        let Ok(compiled) = compile(&expr, &inputs.variables()) else { return Ok(()) };
        let vm = compiled.evaluate(&inputs, &scalar(Engine::Vm, 1));
        let eager = compiled.evaluate(&inputs, &scalar(Engine::Eager, 1));
        let (vm, eager) = match (vm, eager) {
            (Ok(v), Ok(e)) => (v, e),
            (Err(v), Err(e)) => {
                // A reduction with no identity over no elements.
                prop_assert_eq!(v.message(), e.message());
                prop_assert_eq!(len, 0);
                return Ok(());
            }
            (v, e) => return Err(TestCaseError::fail(format!("{expr}: vm {v:?} but eager {e:?}"))),
        };
        // Two engines, two code paths: NaNs alike (see same_values).
        prop_assert!(same_values(&vm, &eager), "{}: vm and eager differ", expr);
        let values = inputs.bind(&compiled.optimized.inputs).unwrap();
        let want = reference(&compiled.optimized, &values);
        prop_assert!(same_values(&vm, &want), "{}: vm {:?} differs from the reference {:?}", expr, vm, want);
        for threads in [2, 3] {
            let parallel = compiled.evaluate(&inputs, &scalar(Engine::Vm, threads)).unwrap();
            prop_assert!(same_bits(&vm, &parallel), "{}: {} threads differ from 1", expr, threads);
        }
        // The SIMD flavour: the same bits for every thread count, and the
        // same bits as the scalar kernels unless a SIMD math function ran.
        let simd = compiled.evaluate(&inputs, &Options { threads: 1, ..Options::default() }).unwrap();
        let simd3 = compiled.evaluate(&inputs, &Options { threads: 3, every_thread: true, ..Options::default() }).unwrap();
        prop_assert!(same_bits(&simd, &simd3), "{}: SIMD on 3 threads differs from 1", expr);
        // The math functions with SIMD approximations of their own (their
        // accuracy is measured in tests/accuracy.rs) may differ in the last bits.
        let approximated = compiled.program.instructions.iter().any(|i| (i.dtype.is_float() || i.dtype.is_complex()) && i.op.approximated());
        let first_difference = (0..simd.len()).find(|&i| simd.get(i).map(exprlab::Scalar::key) != vm.get(i).map(exprlab::Scalar::key));
        prop_assert!(
            approximated || first_difference.is_none(),
            "{}: at {:?}, SIMD {:?} but scalar {:?}",
            expr, first_difference, first_difference.and_then(|i| simd.get(i)), first_difference.and_then(|i| vm.get(i))
        );
    }

    /// Folding computes with the run-time kernels, so it never changes a bit.
    #[test]
    fn folding_is_exact(expr in expression(), seed in any::<u64>()) {
        let inputs = inputs(5, seed);
        let Ok(compiled) = compile(&expr, &inputs.variables()) else { return Ok(()) };
        let folded = fold(&compiled.resolved).unwrap();
        let values = inputs.bind(&compiled.resolved.inputs).unwrap();
        let before = reference(&compiled.resolved, &values);
        let after = reference(&folded, &values);
        prop_assert!(same_bits(&before, &after), "{}: folding changed {:?} into {:?}", expr, before, after);
    }

    /// No text, however broken, panics the engine.
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,40}", ascii in "[-+*/%()<>=!&|^~,;. a-z0-9_\n]{0,60}") {
        let inputs = inputs(3, 1);
        for source in [text, ascii] {
            if let Ok(c) = compile(&source, &inputs.variables()) {
                let _ = c.evaluate(&inputs, &Options { threads: 2, ..Options::default() });
                let _ = c.evaluate(&inputs, &scalar(Engine::Eager, 1));
            }
        }
    }
}

#[test]
fn reductions_are_identical_for_every_thread_count() {
    let n = 1_000_003;
    let x: Vec<f64> = (0..n).map(|i| ((i as f64) * 0.618).sin() * 1e3).collect();
    let mut inputs = Inputs::new();
    inputs.insert("x", x.clone());
    let one = exprlab::evaluate("sum(x*x)", &inputs, &Options::default()).unwrap();
    for threads in [2, 3, 4, 7] {
        for expr in [
            "sum(x*x)",
            "prod(x/1e3 + 1)",
            "mean(sin(x))",
            "min(x)",
            "max(x)",
        ] {
            let a = exprlab::evaluate(expr, &inputs, &Options::default()).unwrap();
            let b = exprlab::evaluate(
                expr,
                &inputs,
                &Options {
                    threads,
                    every_thread: true,
                    ..Options::default()
                },
            )
            .unwrap();
            assert!(same_bits(&a, &b), "{expr} on {threads} threads");
        }
    }
    // And the blocked pairwise sum is accurate.
    let exact: f64 = x.iter().map(|v| v * v).sum();
    let Value::Scalar(s) = one else { panic!() };
    assert!((s.to_f64() - exact).abs() / exact < 1e-12);
}

#[test]
fn a_sum_of_products_gives_the_bits_of_the_products_summed() {
    // The VM sums `a*b` as the products are computed (never written); the
    // bits must be those of the products written and then summed, as the
    // eager engine does, at every length around the lanes and the blocks.
    for len in [1, 7, 8, 9, 15, 511, 512, 513, 1024, 1031, 5000] {
        for dtype in ["float64", "float32"] {
            let mut inputs = Inputs::new();
            for (name, seed) in [("a", 1), ("b", 2)] {
                let spec = format!("normal({len}, {seed}, {dtype})");
                inputs.insert(name, ArraySpec::parse(&spec).unwrap().build().unwrap());
            }
            for expr in [
                "sum(a*b)",
                "mean(a*b)",
                "sum((a+1)*(b-1))",
                "sum(3*a)",
                "sum(a*a)",
            ] {
                let eager = exprlab::evaluate(expr, &inputs, &scalar(Engine::Eager, 1)).unwrap();
                for threads in [1, 2] {
                    let options = Options {
                        threads,
                        every_thread: true,
                        ..Options::default()
                    };
                    let vm = exprlab::evaluate(expr, &inputs, &options).unwrap();
                    assert!(
                        same_bits(&vm, &eager),
                        "{expr} over {len} {dtype} on {threads} threads: vm {vm:?}, eager {eager:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn scalars_broadcast_and_shapes_must_broadcast() {
    let mut inputs = Inputs::new();
    inputs.insert("x", vec![1.0, 2.0, 3.0]);
    inputs.insert("k", 2.0f64);
    inputs.insert("y", vec![1.0, 2.0]);
    let v = exprlab::evaluate("x * k", &inputs, &Options::default()).unwrap();
    assert_eq!(v, Value::from(Array::Float64(vec![2.0, 4.0, 6.0])));
    let e = exprlab::evaluate("x + y", &inputs, &Options::default()).unwrap_err();
    assert_eq!(
        e.message(),
        "`x` has shape (3,) and `y` has shape (2,): they do not broadcast \
         (aligned from the right, each length must be the same or 1)"
    );
    let v = exprlab::evaluate("k * 2", &inputs, &Options::default()).unwrap();
    assert_eq!(v, Value::Scalar(exprlab::Scalar::Float64(4.0)));
    let v = exprlab::evaluate("ones_like(x)", &inputs, &scalar(Engine::Eager, 1)).unwrap();
    assert_eq!(v, Value::from(Array::Float64(vec![1.0; 3])));
}

#[test]
fn empty_reductions_follow_numpy() {
    let mut inputs = Inputs::new();
    inputs.insert("x", Vec::<f64>::new());
    for engine in [Engine::Vm, Engine::Eager] {
        let o = scalar(engine, 2);
        assert_eq!(
            exprlab::evaluate("sum(x)", &inputs, &o).unwrap(),
            Value::Scalar(exprlab::Scalar::Float64(0.0))
        );
        assert_eq!(
            exprlab::evaluate("prod(x)", &inputs, &o).unwrap(),
            Value::Scalar(exprlab::Scalar::Float64(1.0))
        );
        let e = exprlab::evaluate("max(x)", &inputs, &o).unwrap_err();
        assert!(
            e.message().contains("of an empty array has no value"),
            "{e}"
        );
    }
}

#[test]
fn float32_stays_float32_with_weak_constants() {
    let mut inputs = Inputs::new();
    inputs.insert("x", vec![0.5f32, 1.0]);
    for expr in ["sin(2*pi*x)", "x * 2.5", "exp(-x**2/2)/sqrt(2*pi)", "x + 1"] {
        let v = exprlab::evaluate(expr, &inputs, &Options::default()).unwrap();
        assert_eq!(v.dtype(), DType::Float32, "{expr}");
    }
    assert_eq!(
        exprlab::evaluate(
            "sin(j)",
            &{
                let mut i = Inputs::new();
                i.insert("j", vec![1i32]);
                i
            },
            &Options::default()
        )
        .unwrap()
        .dtype(),
        DType::Float64
    );
}

/// The VM multiplies where the expression divides by a power of two, and
/// folds a negation into its constant (`compile::scale`): the same numbers,
/// zeros, infinities and subnormals included, for every kernel set; only a
/// NaN's sign may differ from the eager engine's, which runs the ops as
/// written.
#[test]
fn scaling_by_constants_gives_the_same_numbers() {
    let specials = [
        0.0,
        -0.0,
        1.0,
        -3.0,
        0.1,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        f64::MAX,
        f64::MIN_POSITIVE,
        -f64::MIN_POSITIVE / 3.0,
        5e-324,
        f32::MAX as f64,
        f32::MIN_POSITIVE as f64,
        1e-45,
        -7e-39,
    ];
    let mut inputs = Inputs::new();
    inputs.insert("f", specials.to_vec());
    inputs.insert(
        "g",
        specials.iter().map(|&v| v as f32).collect::<Vec<f32>>(),
    );
    for x in ["f", "g"] {
        for expr in [
            "{x}/2",
            "{x}/0.5",
            "-{x}/4",
            "-{x}*3",
            "0.1*-{x}",
            "-{x}**2/2",
            "{x}/2.0**-126",
            "{x}/2.0**-1022",
            "-{x}/2.0**1000",
        ] {
            let expr = expr.replace("{x}", x);
            let eager = exprlab::evaluate(&expr, &inputs, &scalar(Engine::Eager, 1)).unwrap();
            for kernels in [Kernels::Scalar, Kernels::Simd] {
                let options = Options {
                    kernels,
                    ..Options::default()
                };
                let vm = exprlab::evaluate(&expr, &inputs, &options).unwrap();
                assert!(
                    same_values(&vm, &eager),
                    "{expr} with {kernels:?} kernels: vm {vm:?}, eager {eager:?}"
                );
            }
        }
    }
}

/// Like numexpr, the VM uses fewer threads than allowed where more would
/// not pay, and says why; results are the same bits either way.
#[test]
fn threads_are_used_where_they_pay() {
    let mut inputs = Inputs::new();
    let used = |expr: &str, inputs: &Inputs, threads| {
        let options = Options {
            threads,
            ..Options::default()
        };
        compile(expr, &inputs.variables())
            .unwrap()
            .thread_use(inputs, &options)
            .unwrap()
    };
    inputs.insert("a", vec![1.5f64; 10_000]);
    inputs.insert("b", vec![2.5f64; 10_000]);
    let cheap = used("2*a + 3*b", &inputs, 2);
    assert_eq!((cheap.asked, cheap.used), (2, 1));
    assert_eq!(
        cheap.why().unwrap(),
        "2 asked, 1 used: 10,000 elements (2 pay from 106,667 of this program)"
    );
    // A math function is worth threads on fewer elements.
    assert_eq!(used("sin(a)", &inputs, 2).used, 2);
    assert_eq!(used("sin(a)", &inputs, 2).why(), None);
    inputs.insert("a", vec![1.5f32; 10_000]);
    assert_eq!(used("sin(a)", &inputs, 2).used, 1, "float32: half the work");
    let mut large = Inputs::new();
    large.insert("a", vec![1.5f64; 1_000_000]);
    large.insert("b", vec![2.5f64; 1_000_000]);
    assert_eq!(used("2*a + 3*b", &large, 2).used, 2);
    assert_eq!(
        used("2*a + 3*b", &large, 64).used,
        18,
        "one per 320,000 adds"
    );
    assert_eq!(used("sum(a*b)", &large, 4).used, 4);
    // Asked for exactly, as tests of determinism do.
    let every = Options {
        threads: 3,
        every_thread: true,
        ..Options::default()
    };
    let compiled = compile("2*a + 3*b", &inputs.variables()).unwrap();
    assert_eq!(compiled.thread_use(&inputs, &every).unwrap().used, 3);
}

/// What an evaluation must move, and the stream bound's copy of it.
#[test]
fn traffic_counts_the_bytes_read_and_written() {
    let mut inputs = Inputs::new();
    inputs.insert("a", vec![1.5f64; 1000]);
    inputs.insert("b", vec![2.5f32; 1000]);
    inputs.insert("k", 3.0f64);
    let traffic = |expr: &str| {
        compile(expr, &inputs.variables())
            .unwrap()
            .traffic(&inputs)
            .unwrap()
    };
    let t = traffic("2*a + k*b");
    assert_eq!((t.elements, t.read, t.written), (1000, 12_000, 8_000));
    assert_eq!(t.bytes(), 20_000);
    let t = traffic("sum(a*b)");
    assert_eq!(
        (t.elements, t.read, t.written),
        (1000, 12_000, 0),
        "a reduction writes no array"
    );
    let t = traffic("k + 1");
    assert_eq!((t.elements, t.read, t.written), (1, 0, 0));
    // The copy reads and writes each array input once, on any thread count.
    let compiled = compile("2*a + k*b", &inputs.variables()).unwrap();
    let mut scratch = Vec::new();
    for threads in [1, 2, 3] {
        let copied = compiled
            .copy_inputs(&inputs, threads, &mut scratch)
            .unwrap();
        assert_eq!(copied, 24_000);
        assert_eq!(scratch.len(), 8_000, "as long as the longest input");
    }
    assert_eq!(
        &scratch[..4_000],
        &inputs_bytes(&inputs, "b")[..],
        "b copied last over a"
    );
}

fn inputs_bytes(inputs: &Inputs, name: &str) -> Vec<u8> {
    match inputs.get(name) {
        Some(Value::Array(a)) => a.bytes().to_vec(),
        _ => panic!("{name} is not an array"),
    }
}

#[test]
fn bool_arithmetic_is_logical_as_numpy_2s() {
    let mut inputs = Inputs::new();
    inputs.insert("c", vec![false, false, true, true]);
    inputs.insert("d", vec![false, true, false, true]);
    let bools = |v: &[bool]| Value::from(Array::Bool(v.to_vec()));
    for engine in [Engine::Vm, Engine::Eager] {
        let run = |source: &str| exprlab::evaluate(source, &inputs, &scalar(engine, 1));
        assert_eq!(run("c + d").unwrap(), bools(&[false, true, true, true]));
        assert_eq!(run("c * d").unwrap(), bools(&[false, false, false, true]));
        assert_eq!(
            run("maximum(c, d)").unwrap(),
            bools(&[false, true, true, true])
        );
        assert_eq!(
            run("minimum(c, d)").unwrap(),
            bools(&[false, false, false, true])
        );
        assert_eq!(run("c + True").unwrap(), bools(&[true; 4]));
        // Counting where NumPy has no bool loop (in int8), or a Python
        // int meets them (in int64).
        assert_eq!(run("c + 1").unwrap(), Value::from(vec![1i64, 1, 2, 2]));
        assert_eq!(run("c // d").unwrap(), Value::from(vec![0i8, 0, 0, 1]));
        assert_eq!(run("c ** d").unwrap(), Value::from(vec![1i8, 0, 1, 1]));
        assert_eq!(run("floor(c)").unwrap(), bools(&[false, false, true, true]));
        assert_eq!(
            run("sum(c + d)").unwrap(),
            Value::Scalar(exprlab::Scalar::Int64(3))
        );
        assert_eq!(
            run("True + True").unwrap(),
            Value::Scalar(exprlab::Scalar::Int64(2))
        );
        let source = "c | (c - d)";
        let e = run(source).unwrap_err();
        common::assert_error(
            &e,
            source,
            (4, 11),
            "`-` is not defined on bool arrays, as in NumPy",
        );
    }
}
