//! The kernel throughput benchmark: every math function, scalar flavour
//! against SIMD flavour, float64 and float32, through the VM on one thread.
//! Natively `cargo bench --bench kernels` runs it; in headless Chromium the
//! `wasm_bench` browser test does (see the README). Only the clock differs,
//! so the caller passes one (milliseconds).

use crate::data::ArraySpec;
use crate::{DType, Engine, Inputs, Kernels, Options, Result};

/// Each function with a constructor for a typical argument range; a
/// function of two arguments gets the same array twice, reversed for `pow`
/// and `fmod`.
pub const FUNCTIONS: [(&str, &str); 23] = [
    ("sqrt", "random(N, 1)"),
    ("exp", "linspace(-50, 50, N)"),
    ("expm1", "linspace(-2, 2, N)"),
    ("log", "linspace(0.001, 1000, N)"),
    ("log1p", "linspace(-0.5, 100, N)"),
    ("log2", "linspace(0.001, 1000, N)"),
    ("log10", "linspace(0.001, 1000, N)"),
    ("sin", "linspace(-10, 10, N)"),
    ("cos", "linspace(-10, 10, N)"),
    ("tan", "linspace(-10, 10, N)"),
    ("arcsin", "linspace(-1, 1, N)"),
    ("arccos", "linspace(-1, 1, N)"),
    ("arctan", "linspace(-10, 10, N)"),
    ("sinh", "linspace(-10, 10, N)"),
    ("cosh", "linspace(-10, 10, N)"),
    ("tanh", "linspace(-5, 5, N)"),
    ("arcsinh", "linspace(-10, 10, N)"),
    ("arccosh", "linspace(1, 100, N)"),
    ("arctanh", "linspace(-0.99, 0.99, N)"),
    ("arctan2", "linspace(-10, 10, N)"),
    ("hypot", "linspace(-10, 10, N)"),
    ("pow", "linspace(0.1, 10, N)"),
    ("fmod", "linspace(0.1, 1000, N)"),
];

/// One row: millions of elements per second for each flavour.
pub struct Row {
    pub function: &'static str,
    pub dtype: DType,
    pub scalar: f64,
    pub simd: f64,
}

/// Times `f(x)` (or `f(x, y)`) over `len` elements, best of `repeats`.
pub fn measure(len: usize, repeats: usize, now: &dyn Fn() -> f64) -> Result<Vec<Row>> {
    let mut rows = Vec::new();
    for dtype in [DType::Float64, DType::Float32] {
        for (function, constructor) in FUNCTIONS {
            let spec = constructor
                .replace('N', &len.to_string())
                .replace(')', &format!(", {dtype})"));
            let x = ArraySpec::parse(&spec)?.build()?;
            let mut inputs = Inputs::new();
            inputs.insert("x", x.clone());
            inputs.insert("y", x);
            // The op table knows which functions take two arguments.
            let arity = crate::bytecode::Op::function(function).map(|op| op.arity());
            let source = match (function, arity) {
                ("pow", _) => "x ** (11 - y)".to_string(),
                ("fmod", _) => "fmod(x, 1001 - y)".to_string(),
                (_, Some(2)) => format!("{function}(x, y)"),
                _ => format!("{function}(x)"),
            };
            let compiled = crate::compile(&source, &inputs.variables())?;
            let rate = |kernels| -> Result<f64> {
                let options = Options {
                    engine: Engine::Vm,
                    kernels,
                    ..Options::default()
                };
                let mut best = f64::INFINITY;
                for _ in 0..repeats {
                    let start = now();
                    std::hint::black_box(compiled.evaluate(&inputs, &options)?);
                    best = best.min(now() - start);
                }
                Ok(len as f64 / best / 1e3)
            };
            rows.push(Row {
                function,
                dtype,
                scalar: rate(Kernels::Scalar)?,
                simd: rate(Kernels::Simd)?,
            });
        }
    }
    Ok(rows)
}

/// The rows as a markdown table.
pub fn table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| function | dtype | scalar Melem/s | SIMD Melem/s | SIMD / scalar |\n|---|---|---:|---:|---:|\n",
    );
    for r in rows {
        out += &format!(
            "| {} | {} | {:.1} | {:.1} | {:.2}x |\n",
            r.function,
            r.dtype,
            r.scalar,
            r.simd,
            r.simd / r.scalar
        );
    }
    out
}
