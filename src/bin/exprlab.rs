//! The `exprlab` command line (see `exprlab::cli`).

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    exprlab::cli::main()
}

/// The command line reads files and the process's arguments: in a wasm
/// build there is nothing for it to do, but the target must still build.
#[cfg(target_arch = "wasm32")]
fn main() {}
