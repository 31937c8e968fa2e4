//! Proof that the SIMD wasm build computes with SIMD: builds the release
//! .wasm of the library (simd128, as the lab ships it), reads it with
//! `wasmparser`, finds the kernel that evaluates `sin` over float64 by its
//! name, and finds v128 instructions in its code (`f64x2.mul` among them).
#![cfg(not(target_arch = "wasm32"))] // native-only: runs cargo, reads files

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;
use wasmparser::{KnownCustom, Name, Operator, Parser, Payload};

/// The release .wasm's bytes, with simd128 and, when `relaxed`, relaxed
/// SIMD: the one `EXPRLAB_WASM` (`EXPRLAB_RELAXED_WASM`) names (`./run
/// test` names the ones its package builds just made, with the same flags),
/// else one built into its own target directory (so as not to wait on the
/// one `cargo test` holds).
fn release_wasm(relaxed: bool) -> Vec<u8> {
    let (variable, features, dir) = if relaxed {
        (
            "EXPRLAB_RELAXED_WASM",
            "-C target-feature=+simd128,+relaxed-simd",
            "target/wasm-binary-test-relaxed",
        )
    } else {
        (
            "EXPRLAB_WASM",
            "-C target-feature=+simd128",
            "target/wasm-binary-test",
        )
    };
    if let Some(path) = std::env::var_os(variable) {
        return std::fs::read(&path)
            .unwrap_or_else(|e| panic!("{variable}={}: {e}", path.display()));
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target_dir = root.join(dir);
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
        .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS", features)
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

/// The name and operators of the module's function whose name ends with
/// `suffix`.
fn function<'m>(module: &'m Module, suffix: &str) -> (&'m str, &'m [String]) {
    let (index, name) = module
        .names
        .iter()
        .find(|(_, name)| name.ends_with(suffix))
        .unwrap_or_else(|| {
            panic!(
                "no function named ...{suffix} among {} names",
                module.names.len()
            )
        });
    (name, &module.code[index])
}

/// How many of `ops` are `name`.
fn count(ops: &[String], name: &str) -> usize {
    ops.iter().filter(|op| op.as_str() == name).count()
}

#[test]
fn the_float64_sin_kernel_of_the_release_wasm_uses_v128_instructions() {
    let module = read(&release_wasm(false));
    let (name, ops) = function(&module, "kernels::simd::float64::sin");
    let count = |name: &str| count(ops, name);
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

/// The relaxed build's polynomials multiply and add in one instruction
/// (`f64x2.relaxed_madd`, fused where the hardware has FMA); the plain
/// build has none, since browsers without relaxed SIMD refuse the module.
#[test]
fn the_relaxed_build_multiplies_and_adds_in_one_instruction() {
    let suffix = "kernels::simd::float64::sin";
    let relaxed = read(&release_wasm(true));
    let (name, ops) = function(&relaxed, suffix);
    let madds = count(ops, "F64x2RelaxedMadd");
    println!("{name} (relaxed SIMD): {madds} f64x2.relaxed_madd");
    assert!(madds >= 6, "{name} has {madds} f64x2.relaxed_madd");
    let plain = read(&release_wasm(false));
    let every_op = plain.code.values().flatten();
    assert!(
        !every_op.into_iter().any(|op| op.contains("Relaxed")),
        "the plain SIMD build has relaxed SIMD instructions"
    );
}
