//! The kernel throughput benchmark in a browser (not part of `./run test`):
//!
//!     CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-C target-feature=+simd128" \
//!         wasm-pack test --headless --chrome --release . --test wasm_bench -- --nocapture
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn kernel_throughput() {
    // A first pass, discarded: V8 starts wasm on its baseline compiler and
    // swaps in optimised code while it runs, so the first functions timed
    // would otherwise run on the baseline code.
    exprlab::bench::measure(100_000, 3).expect("the benchmark's expressions compile");
    let rows = exprlab::bench::measure(1_000_000, 7).expect("the benchmark's expressions compile");
    console_log!("{}", exprlab::bench::table(&rows));
}
