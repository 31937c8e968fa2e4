//! The README against the op table: its lists of functions and reductions
//! are generated (`UPDATE_EXPECT=1` rewrites them); its accuracy table is
//! `tests/accuracy.rs`'s. And `tests/COVERAGE.md`, where each op is tested.
#![cfg(not(target_arch = "wasm32"))] // native-only: reads files

mod common;

use common::{expect_generated, wrap};
use exprlab::bytecode::Op;
use exprlab::functions::Function;
use exprlab::kernels::simd::{self, F64s};

#[test]
fn the_readme_lists_every_function_of_the_table() {
    let names = |reductions: bool| -> Vec<&str> {
        Function::all()
            .filter(|f| matches!(f, Function::Reduction(_)) == reductions)
            .map(Function::name)
            .collect()
    };
    let functions = wrap("- functions `", &names(false), 79) + "`;";
    expect_generated("README.md", "- functions `", "`;", &functions);
    let start = "- reductions as the outermost call: `";
    let reductions = wrap(start, &names(true), 79) + "`;";
    expect_generated("README.md", start, "`;", &reductions);
}

/// MPFR's reference of each measured op, from the table's `ulps` column.
macro_rules! references {
    ($($name:ident $text:literal $kind:ident $sig:ident $method:ident $doc:literal {
        $(simd($($simd:tt)+))? $(domain($domain:ident))? $(ulps($ulps:literal, $mpfr:ident))?
        $(low($low:path, $low_ulps:literal))?
    };)*) => {
        vec![$($((Op::$name, stringify!($mpfr)),)?)*]
    };
}

/// One line per op of where it is tested, from the same table columns
/// that the tests themselves enumerate, so that `grep cbrt tests/` finds
/// an op's coverage.
fn coverage() -> String {
    let references: Vec<(Op, &str)> = exprlab::for_each_op!(references);
    let mut out = String::from(
        "# Where each op is tested\n\n\
         Generated from the op table (`src/bytecode/ops.rs`) by `tests/docs.rs`\n\
         (`UPDATE_EXPECT=1 cargo test --test docs` rewrites it). Every op is also\n\
         in the property tests of `engines.rs` (random expressions over every\n\
         dtype: the VM on 1 to 3 threads, scalar and SIMD kernels, the eager engine\n\
         and a reference evaluator agree) and the fuzz target (`fuzz/`).\n\n\
         | op | tested by |\n|---|---|\n",
    );
    for &op in Op::ALL {
        let mut by = Vec::new();
        use exprlab::bytecode::ops::Signature::*;
        by.push(if op.signature() == Contains {
            "`kernels.rs` (`kernels::bytes` computes exactly the ops that take byte strings)"
                .to_string()
        } else if op.approximated() {
            "`kernels.rs` (ints: the SIMD kernel gives the scalar one's bits)".to_string()
        } else {
            "`kernels.rs` (the SIMD kernel gives the scalar one's bits, every dtype)".to_string()
        });
        if let (Some(ulps), Some(domain)) = (op.ulps(), op.domain()) {
            let mpfr = references
                .iter()
                .find(|(o, _)| *o == op)
                .map_or("", |r| r.1);
            by.push(format!(
                "`accuracy.rs` (float64 and float32 within {ulps} ULP of MPFR's `{mpfr}` over the {domain:?} domain; special values)"
            ));
        }
        if simd::unary::<F64s>(op).is_some() {
            let specials = if op.ulps().is_some() {
                " and the libm's special values"
            } else {
                ""
            };
            by.push(format!(
                "`wasm.rs` (simd128 lanes give the portable ones' bits{specials})"
            ));
        }
        if op.signature().takes_bytes() {
            by.push("`numpy_fixtures.rs` (numexpr's tests of byte strings against NumPy)".into());
        }
        let call = match (op.is_function() && op.signature() != Contains, op.arity()) {
            (true, 1) => Some(format!("{}(a)", op.name())),
            (true, 2) => Some(format!("{}(a, b)", op.name())),
            _ => None,
        };
        if let Some(call) = call {
            by.push(format!(
                "`numpy_fixtures.rs` (`{call}` against NumPy, every dtype)"
            ));
        }
        if matches!(
            op.signature(),
            UnaryFloat | BinaryFloat | BinaryArith | ComplexPart | UnaryComplex
        ) {
            by.push(
                "`numpy_fixtures.rs` (complex128 against NumPy over C99's special values and branch cuts)".into(),
            );
        }
        if op.domain().is_some() {
            by.push(
                "`benches/kernels.rs` and `wasm_bench.rs` (scalar against SIMD throughput)".into(),
            );
        }
        out += &format!("| {} | {} |\n", op.name(), by.join("; "));
    }
    out
}

#[test]
fn the_coverage_list_names_every_op() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/COVERAGE.md");
    let generated = coverage();
    if std::fs::read_to_string(path).ok().as_deref() == Some(generated.as_str()) {
        return;
    }
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(path, generated).unwrap();
        return;
    }
    panic!("tests/COVERAGE.md is stale; rerun with UPDATE_EXPECT=1 to update it");
}
