//! The kernel throughput benchmark: every math function of the op table
//! (those with a domain), scalar flavour against SIMD flavour, float64 and float32, through the VM on one thread.
//! Natively `cargo bench --bench kernels` runs it; in headless Chromium the
//! `wasm_bench` browser test does (see the README). Both time with
//! [`crate::race::timeit`].

use crate::bytecode::Op;
use crate::bytecode::ops::Domain;
use crate::data::ArraySpec;
use crate::race::{Timeit, timeit};
use crate::{Array, DType, Engine, Inputs, Kernels, Options, Result};

/// One row: millions of elements per second for each flavour.
pub struct Row {
    pub function: &'static str,
    pub dtype: DType,
    pub scalar: f64,
    pub simd: f64,
}

/// Times `f(x)` (or `f(x, y)`) over `len` elements, best of `repeats`.
pub fn measure(len: usize, repeats: usize) -> Result<Vec<Row>> {
    let mut rows = Vec::new();
    for dtype in [DType::Float64, DType::Float32] {
        // Every op of the table with a domain: the measured math functions,
        // over a typical range of theirs; a second argument runs the range
        // backwards.
        for &op in Op::ALL {
            let Some((lo, hi)) = op.domain().map(Domain::range) else {
                continue;
            };
            let array = |a: f64, b: f64| -> Result<Array> {
                let spec = format!("linspace({a}, {b}, {len}, {dtype})");
                ArraySpec::parse(&spec)?.build()
            };
            let mut inputs = Inputs::new();
            inputs.insert("x", array(lo, hi)?);
            inputs.insert("y", array(hi, lo)?);
            let function = op.name();
            let source = match op.arity() {
                _ if op == Op::Pow => "x ** y".to_string(),
                2 => format!("{function}(x, y)"),
                _ => format!("{function}(x)"),
            };
            let compiled = crate::compile(&source, &inputs.variables())?;
            let rate = |kernels| -> Result<f64> {
                let options = Options {
                    engine: Engine::Vm,
                    kernels,
                    ..Options::default()
                };
                let plan = Timeit {
                    loops: Some(1),
                    repeats,
                    min_time: 0.0,
                };
                let run = || {
                    compiled
                        .evaluate(&inputs, &options)
                        .map(std::hint::black_box)
                };
                let best = timeit(|| run().map(drop), &plan, |_, _| {})?.best();
                Ok(len as f64 / best / 1e6)
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
