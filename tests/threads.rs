//! The threaded wasm build (atomics, shared memory, wasm-bindgen-rayon) in
//! a dedicated worker of a real browser, as the lab runs it: the pool
//! starts, every thread count gives the bits of one thread, and asking for
//! more threads than the pool has is an error. `./run test` runs it in
//! headless Chromium and Firefox.
#![cfg(all(target_arch = "wasm32", target_feature = "atomics"))]

use exprlab::wasm::{Lab, init_thread_pool};
use exprlab::{Engine, Inputs, Kernels, Options, Value};
use std::sync::atomic::{AtomicBool, Ordering};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_dedicated_worker);

const POOL: usize = 2;

/// Starts the pool once per wasm instance (the tests share one).
async fn pool() {
    static STARTED: AtomicBool = AtomicBool::new(false);
    if !STARTED.swap(true, Ordering::SeqCst) {
        JsFuture::from(init_thread_pool(POOL)).await.unwrap();
    }
}

fn evaluate(source: &str, inputs: &Inputs, threads: usize) -> Value {
    let options = Options {
        engine: Engine::Vm,
        threads,
        every_thread: true,
        kernels: Kernels::Simd,
    };
    exprlab::evaluate(source, inputs, &options).unwrap()
}

#[wasm_bindgen_test]
async fn every_thread_count_gives_the_bits_of_one_thread() {
    pool().await;
    assert_eq!(rayon::current_num_threads(), POOL);
    let mut inputs = Inputs::new();
    let x: Vec<f64> = (0..300_001).map(|i| i as f64 / 150_000.0 - 1.0).collect();
    inputs.insert("x", x);
    for source in [
        "sin(2*pi*x)",
        "sum(x*x)",
        "where(x > 0, sqrt(x), 0)",
        "max(exp(x))",
    ] {
        let one = evaluate(source, &inputs, 1);
        assert_eq!(evaluate(source, &inputs, POOL), one, "{source}");
    }
}

#[wasm_bindgen_test]
async fn more_threads_than_the_pool_has_is_an_error() {
    pool().await;
    let mut inputs = Inputs::new();
    inputs.insert("x", vec![1.0f64; 100_000]);
    let options = Options {
        threads: POOL + 1,
        ..Options::default()
    };
    let error = exprlab::evaluate("x + 1", &inputs, &options).unwrap_err();
    assert_eq!(
        error.message(),
        "3 threads asked for, but the thread pool has 2"
    );
}

#[wasm_bindgen_test]
async fn the_bindings_run_on_the_pool() {
    pool().await;
    let mut lab = Lab::new();
    lab.define("x", "linspace(-1, 1, 1e5)", Some("float32".into()))
        .unwrap();
    lab.run("exp(-x**2/2)", "eager", false, "high", 1).unwrap();
    lab.keep_reference().unwrap();
    lab.run("exp(-x**2/2)", "vm", true, "high", POOL).unwrap();
    assert!(lab.ulps_from_reference().unwrap() <= 2.0);
    assert!(exprlab::wasm::threaded());
}
