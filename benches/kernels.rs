//! `cargo bench --bench kernels`: each math function's throughput, scalar
//! flavour against SIMD flavour, float64 and float32, natively (see
//! `exprlab::bench`).

fn main() {
    exprlab::vm::parallel::retain_freed_memory();
    match exprlab::bench::measure(1_000_000, 7) {
        Ok(rows) => print!("{}", exprlab::bench::table(&rows)),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
