//! Proof that the SIMD wasm build computes with SIMD: builds the release
//! .wasm of the library (simd128, as the lab ships it), reads it with
//! `wasmparser`, finds the kernel that evaluates `sin` over float64 by its
//! name, and finds v128 instructions in its code (`f64x2.mul` among them).
#![cfg(not(target_arch = "wasm32"))] // native-only: runs cargo, reads files

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;
use wasmparser::{KnownCustom, Name, Operator, Parser, Payload};

/// The release .wasm's bytes: the one `EXPRLAB_WASM` names (`./run test`
/// names the one its package build just made, with the same flags), else
/// one built into its own target directory (so as not to wait on the one
/// `cargo test` holds).
fn release_wasm() -> Vec<u8> {
    if let Some(path) = std::env::var_os("EXPRLAB_WASM") {
        return std::fs::read(&path)
            .unwrap_or_else(|e| panic!("EXPRLAB_WASM={}: {e}", path.display()));
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target_dir = root.join("target/wasm-binary-test");
    let status = Command::new(env!("CARGO"))
        .current_dir(root)
        .args([
            "build",
            "--lib",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
        ])
        .arg("--target-dir")
        .arg(&target_dir)
        .env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
            "-C target-feature=+simd128",
        )
        .status()
        .expect("cargo runs");
    assert!(status.success(), "the wasm build failed");
    let path = target_dir.join("wasm32-unknown-unknown/release/exprlab.wasm");
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The name of every defined function, by its index, and every function's
/// operators' names, by index.
struct Module {
    names: HashMap<u32, String>,
    code: HashMap<u32, Vec<String>>,
}

fn read(bytes: &[u8]) -> Module {
    let mut module = Module {
        names: HashMap::new(),
        code: HashMap::new(),
    };
    let mut index = 0;
    for payload in Parser::new(0).parse_all(bytes) {
        match payload.expect("a valid module") {
            Payload::ImportSection(imports) => {
                for import in imports.into_imports() {
                    if matches!(import.expect("an import").ty, wasmparser::TypeRef::Func(_)) {
                        index += 1;
                    }
                }
            }
            Payload::CodeSectionEntry(body) => {
                let mut ops = Vec::new();
                let mut reader = body.get_operators_reader().expect("a function body");
                while !reader.eof() {
                    let op: Operator = reader.read().expect("an instruction");
                    ops.push(format!("{op:?}"));
                }
                module.code.insert(index, ops);
                index += 1;
            }
            Payload::CustomSection(section) => {
                if let KnownCustom::Name(names) = section.as_known() {
                    for name in names {
                        if let Ok(Name::Function(map)) = name {
                            for naming in map {
                                let naming = naming.expect("a function name");
                                let demangled = rustc_demangle::demangle(naming.name);
                                module.names.insert(naming.index, format!("{demangled:#}"));
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    module
}

#[test]
fn the_float64_sin_kernel_of_the_release_wasm_uses_v128_instructions() {
    let module = read(&release_wasm());
    let (index, name) = module
        .names
        .iter()
        .find(|(_, name)| name.ends_with("kernels::simd::float64::sin"))
        .unwrap_or_else(|| {
            panic!(
                "no function named ...::kernels::simd::float64::sin among {} names",
                module.names.len()
            )
        });
    let ops = &module.code[index];
    let count = |name: &str| ops.iter().filter(|op| op.as_str() == name).count();
    let v128 = ops
        .iter()
        .filter(|op| {
            ["F64x2", "I64x2", "V128", "I32x4", "I8x16"]
                .iter()
                .any(|p| op.starts_with(p))
        })
        .count();
    println!(
        "{name}: {} instructions, {v128} of them v128, {} f64x2.mul, {} f64x2.add",
        ops.len(),
        count("F64x2Mul"),
        count("F64x2Add")
    );
    assert!(
        count("F64x2Mul") >= 10,
        "{name} has too few f64x2.mul: {}",
        count("F64x2Mul")
    );
    assert!(count("F64x2Add") >= 5, "{name} has too few f64x2.add");
    // The scalar libm is only the slow path: far fewer scalar multiplies.
    assert!(
        count("F64Mul") < count("F64x2Mul"),
        "{name} computes mostly in scalar f64"
    );
}
