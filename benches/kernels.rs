//! `cargo bench --bench kernels`: each math function's throughput, scalar
//! flavour against SIMD flavour, float64 and float32, natively (see
//! `exprlab::bench`).

use std::time::Instant;

fn main() {
    exprlab::vm::parallel::retain_freed_memory();
    let start = Instant::now();
    let now = || start.elapsed().as_secs_f64() * 1e3;
    match exprlab::bench::measure(1_000_000, 7, &now) {
        Ok(rows) => print!("{}", exprlab::bench::table(&rows)),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
