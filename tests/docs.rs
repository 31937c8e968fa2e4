//! The README against the op table: its lists of functions and reductions
//! are generated (`UPDATE_EXPECT=1` rewrites them); its accuracy table is
//! `tests/accuracy.rs`'s.
#![cfg(not(target_arch = "wasm32"))] // native-only: reads files

mod common;

use common::{expect_generated, wrap};
use exprlab::functions::Function;

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
