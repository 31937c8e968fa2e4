//! The `exprlab` command line, end to end, and `.npy` files.
#![cfg(not(target_arch = "wasm32"))] // native-only: files, processes, MPFR, proptest

use exprlab::data::npy;
use exprlab::types::{Array, C128, NdArray, Scalar, Shape, Strings, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn exprlab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_exprlab"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/npy/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn eval_prints_a_summary() {
    let o = exprlab(&[
        "eval",
        "sin(2*pi*x)",
        "x=linspace(-1, 1, 1e6)",
        "--threads",
        "2",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("dtype   float64\nlength  1000000\nvalues  [2.4492935982947064e-16, "),
        "{out}"
    );
    assert!(out.contains("min     -0.9999999999987663\n"), "{out}");
    assert!(out.contains("max     0.9999999999987663\n"), "{out}");
    let o = exprlab(&["eval", "a * k", "a=arange(4)", "k=3"]);
    assert_eq!(
        stdout(&o),
        "dtype   int64\nlength  4\nvalues  [0, 3, 6, 9]\nmin     0\nmax     9\nmean    4.5\n"
    );
    let o = exprlab(&["eval", "sum(a)", "a=arange(1, 101, 1)"]);
    assert_eq!(stdout(&o), "dtype  int64\nvalue  5050\n");
}

/// The summary's NaN policy is the page's (one session, `inspect::summarize`):
/// NaNs are counted and left out of min, max and mean.
#[test]
fn the_summary_leaves_nans_out_and_counts_them() {
    let o = exprlab(&["eval", "sqrt(x)", "x=linspace(-1, 1, 5)"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "dtype   float64\nlength  5\nvalues  [nan, nan, 0.0, 0.7071067811865476, 1.0]\n\
         min     0.0\nmax     1.0\nmean    0.5690355937288492\nNaNs    2 (left out of min, max and mean)\n"
    );
    let o = exprlab(&["eval", "a / b", "a=0.0", "b=zeros(2)"]);
    assert!(stdout(&o).ends_with(
        "min     nan\nmax     nan\nmean    nan\nNaNs    2 (left out of min, max and mean)\n"
    ));
}

#[test]
fn eval_writes_npy_that_reads_back() {
    let out = scratch("poly.npy");
    let o = exprlab(&[
        "eval",
        "((.25*x + .75)*x - 1.5)*x - 2",
        "x=random(3000, 5, float32)",
        "-o",
        out.to_str().unwrap(),
        "--engine",
        "eager",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let Value::Array(got) = npy::read(&out).unwrap() else {
        panic!("not an array")
    };
    let Array::Float32(got) = got.into_data() else {
        panic!("not float32")
    };
    let x = exprlab::data::ArraySpec::parse("random(3000, 5, float32)")
        .unwrap()
        .build()
        .unwrap();
    let mut inputs = exprlab::Inputs::new();
    inputs.insert("x", x);
    let want = exprlab::evaluate(
        "((.25*x + .75)*x - 1.5)*x - 2",
        &inputs,
        &Default::default(),
    )
    .unwrap();
    assert_eq!(Value::from(Array::Float32(got)), want);
    // A reduction writes a 0-d array.
    let o = exprlab(&[
        "eval",
        "max(a)",
        "a=arange(10)",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(npy::read(&out).unwrap(), Value::Scalar(Scalar::Int64(9)));
}

#[test]
fn npy_versions_one_to_three_and_every_dtype_read() {
    let cases = [
        (
            "v1_float64.npy",
            Value::from(Array::Float64(vec![-1.0, -0.5, 0.0, 0.5, 1.0])),
        ),
        (
            "v2_int32.npy",
            Value::from(Array::Int32(vec![-3, -2, -1, 0, 1, 2, 3])),
        ),
        (
            "v3_float32.npy",
            Value::from(Array::Float32(vec![0.5, -2.25, 3e38])),
        ),
        (
            "v1_bool.npy",
            Value::from(Array::Bool(vec![true, false, true])),
        ),
        ("v1_int64.npy", Value::from(Array::Int64(vec![1 << 40, -1]))),
        ("v1_int8.npy", Value::from(Array::Int8(vec![-128, 127, 5]))),
        (
            "v1_uint16.npy",
            Value::from(Array::UInt16(vec![65535, 0, 7])),
        ),
        (
            "v1_uint64.npy",
            Value::from(Array::UInt64(vec![u64::MAX, 3])),
        ),
        (
            "complex.npy",
            Value::from(Array::Complex128(vec![
                C128::new(1.0, 2.0),
                C128::new(0.0, -0.5),
                C128::new(f64::INFINITY, -1.0),
            ])),
        ),
        ("scalar_float64.npy", Value::Scalar(Scalar::Float64(2.5))),
    ];
    reads_and_writes_back(cases);
    let o = exprlab(&["eval", "x * 2", &format!("x={}", fixture("v2_int32.npy"))]);
    assert!(
        stdout(&o).contains("values  [-6, -4, -2, ..., 2, 4, 6]"),
        "{}",
        stdout(&o)
    );
    // uint16 wraps as NumPy's does, and meets int8 in int32.
    let o = exprlab(&[
        "eval",
        "u * 2 + i",
        &format!("u={}", fixture("v1_uint16.npy")),
        &format!("i={}", fixture("v1_int8.npy")),
    ]);
    assert!(
        stdout(&o).starts_with("dtype   int32\nlength  3\nvalues  [65406, 127, 19]\n"),
        "{}",
        stdout(&o)
    );
}

/// Reads each fixture, compares it with what it should hold, writes it
/// back and reads that again.
fn reads_and_writes_back<const N: usize>(cases: [(&str, Value); N]) {
    for (name, want) in cases {
        let got = npy::read(Path::new(&fixture(name))).unwrap();
        assert_eq!(got, want, "{name}");
        let back = scratch(name);
        npy::write(&back, &got).unwrap();
        assert_eq!(npy::read(&back).unwrap(), want, "{name} written back");
    }
}

#[test]
fn npy_files_of_any_shape_read_in_c_order_and_write_back() {
    let grid = |data: Array, dims: &[usize]| -> Value {
        NdArray::new(data, Shape::new(dims.to_vec()).unwrap())
            .unwrap()
            .into()
    };
    let cases = [
        (
            "two_d.npy",
            grid(Array::Float64(vec![0.0, 1.0, 2.0, 3.0, 4.0, 5.0]), &[2, 3]),
        ),
        (
            "three_d_float32.npy",
            grid(
                Array::Float32((0..24).map(|v| v as f32).collect()),
                &[2, 3, 4],
            ),
        ),
        // Stored column by column: read as NumPy shows it, row by row.
        (
            "fortran_int32.npy",
            grid(Array::Int32(vec![0, 1, 2, 3, 4, 5]), &[2, 3]),
        ),
    ];
    reads_and_writes_back(cases);
    // The command line prints the shape, and a row broadcasts over the grid.
    let o = exprlab(&[
        "eval",
        "x + y",
        &format!("x={}", fixture("two_d.npy")),
        "y=linspace(0, 20, 3)",
    ]);
    assert_eq!(
        stdout(&o),
        "dtype   float64\nshape   (2, 3)\nvalues  [0.0, 11.0, 22.0, 3.0, 14.0, 25.0]\n\
         min     0.0\nmax     25.0\nmean    12.5\n",
    );
}

/// Byte strings (`|S4`) read with their width, NULs inside a string kept
/// and the padding dropped, print as Python's bytes, are compared and
/// searched, and write back byte for byte.
#[test]
fn npy_byte_strings_read_compare_and_write_back() {
    let shape = Shape::new(vec![2, 2]).unwrap();
    let raw = b"foo\0\0\0\0\0a\0b\0xyzw".to_vec();
    let want: Value = Strings::new(4, raw.clone(), shape).unwrap().into();
    let path = fixture("bytes.npy");
    assert_eq!(npy::read(Path::new(&path)).unwrap(), want);
    let out = scratch("bytes.npy");
    npy::write(&out, &want).unwrap();
    assert_eq!(npy::read(&out).unwrap(), want);
    // NumPy's own file and ours hold the same bytes after the header.
    let ours = std::fs::read(&out).unwrap();
    assert!(ours.ends_with(&raw));
    // Stored column by column: read as NumPy shows it, row by row.
    let items: [&[u8]; 6] = [b"a", b"bb", b"c", b"dd", b"e", b""];
    let fortran = Strings::from_items(&items, Shape::new(vec![2, 3]).unwrap()).unwrap();
    let read = npy::read(Path::new(&fixture("fortran_bytes.npy"))).unwrap();
    assert_eq!(read, fortran.into());
    let o = exprlab(&["eval", "s", &format!("s={path}")]);
    assert_eq!(
        stdout(&o),
        "dtype   bytes (S4)\nshape   (2, 2)\nvalues  [b'foo', b'', b'a\\x00b', b'xyzw']\n"
    );
    let o = exprlab(&[
        "eval",
        "contains(s, b'\\x00') | (s > b'x')",
        &format!("s={path}"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o)
            .starts_with("dtype   bool\nshape   (2, 2)\nvalues  [False, False, True, True]\n"),
        "{}",
        stdout(&o)
    );
    let o = exprlab(&["disasm", "contains(s, b'ab') & (s != b'')", "s=bytes"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("contains.b1    r0   <- s, b'ab'"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn unsupported_npy_files_are_clear_errors() {
    for (name, message) in [
        ("big_endian.npy", "holds dtype '>f8' (big-endian"),
        ("complex64.npy", "holds dtype '<c8'"),
        ("unicode.npy", "holds dtype '<U3'"),
        ("unicode.npy", "bytes '|S<width>'"),
    ] {
        let o = exprlab(&["eval", "x", &format!("x={}", fixture(name))]);
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains(message), "{name}: {}", stderr(&o));
    }
    let o = exprlab(&["eval", "x", "x=missing.npy"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot open missing.npy"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn user_errors_show_a_caret_and_exit_2() {
    let o = exprlab(&["eval", "sin(x) + cos(y)", "x=linspace(0, 1, 10)"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "  sin(x) + cos(y)\n               ^\nerror: unknown name `y`; did you mean `x`?\n"
    );
    let o = exprlab(&["eval", "x", "x=linspace(0, 1, n)"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(
            "  linspace(0, 1, n)\n                 ^\nerror: `n` is neither a number nor a dtype"
        ),
        "{}",
        stderr(&o)
    );
    let o = exprlab(&["eval", "x + 1", "x=zeros(1e12)"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("more than the limit"), "{}", stderr(&o));
    let o = exprlab(&["eval", "x + y", "x=zeros(3)", "y=zeros(4)"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "  x + y\n  ^^^^^\nerror: `x` has shape (3,) and `y` has shape (4,): they do not broadcast \
         (aligned from the right, each length must be the same or 1)\n"
    );
    let o = exprlab(&["frobnicate", "x"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown command `frobnicate`"));
}

/// numexpr's own test expression `-a`: an expression may start with `-`,
/// and `--` ends the options for one that reads like an option.
#[test]
fn expressions_may_start_with_a_minus() {
    let o = exprlab(&["eval", "-a", "a=3"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "dtype  int64\nvalue  -3\n");
    let o = exprlab(&["eval", "--threads", "1", "-a*2", "a=arange(3)"]);
    assert!(
        stdout(&o).starts_with("dtype   int64\nlength  3\nvalues  [0, -2, -4]\n"),
        "{}",
        stderr(&o)
    );
    let o = exprlab(&["eval", "--", "-o", "o=2.5"]);
    assert_eq!(
        stdout(&o),
        "dtype  float64\nvalue  -2.5\n",
        "{}",
        stderr(&o)
    );
    let o = exprlab(&["eval", "-a", "a=1", "--engine", "eager"]);
    assert_eq!(stdout(&o), "dtype  int64\nvalue  -1\n", "{}", stderr(&o));
    // `-o` and `-h` stay options.
    let o = exprlab(&["eval", "-o"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn help_and_functions_list_what_there_is() {
    let o = exprlab(&["help"]);
    assert!(o.status.success());
    for command in ["help", "functions", "eval", "disasm", "bench"] {
        assert!(
            stdout(&o).contains(&format!("  exprlab {command} ")),
            "{command}"
        );
    }
    let o = exprlab(&["functions"]);
    assert!(o.status.success());
    let out = stdout(&o);
    // Every function of the language, with its doc line, once.
    for f in exprlab::functions::Function::all() {
        let call = format!("  {}({}) ", f.name(), f.params());
        let lines: Vec<&str> = out.lines().filter(|l| l.starts_with(&call)).collect();
        assert_eq!(lines.len(), 1, "{call} in\n{out}");
        assert!(lines[0].ends_with(f.doc()), "{}", lines[0]);
    }
    assert!(out.contains("  hypot(a, b)  "), "{out}");
    assert!(out.contains("  where(c, a, b)  "), "{out}");
    assert!(out.contains("  sum(x)  "), "{out}");
    assert!(
        out.contains("  sin(x)           simd 1 ulp, low 4  sine\n"),
        "{out}"
    );
    assert!(
        out.contains("  nextafter(a, b)  scalar             "),
        "{out}"
    );
    let o = exprlab(&["functions", "--json"]);
    let all: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), exprlab::functions::Function::all().count());
    let hypot = all.iter().find(|f| f["name"] == "hypot").unwrap();
    assert_eq!(hypot["params"], "a, b");
    assert_eq!(hypot["arity"], 2);
    assert_eq!(hypot["kind"], "elementwise");
    assert_eq!(hypot["kernel"], "simd 2 ulp");
    assert_eq!(hypot["ulps"], 2.0);
    assert_eq!(hypot["doc"], "sqrt(a**2 + b**2) without overflow");
    let o = exprlab(&["functions", "sin"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("`functions` takes no arguments, not `sin`"));
}

#[test]
fn disasm_prints_the_program() {
    let o = exprlab(&["disasm", "where(a > 0, sqrt(a), 0)", "a=float32"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "; inputs    a: float32[]\n; registers r0: b1, r1: f32\n   0  gt.b1          r0   <- a, 0.0\n   1  sqrt.f32       r1   <- a\n   2  where.f32      out  <- r0, r1, 0.0\n; result    out, float32 array\n"
    );
}

#[test]
fn bench_prints_a_table_of_engines_and_threads() {
    let o = exprlab(&[
        "bench",
        "2*a+3*b",
        "a=random(5000, 1)",
        "b=random(5000, 2)",
        "--loops",
        "2",
        "--repeats",
        "2",
        "--threads",
        "1,2",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("| engine | threads | best | mean ± std | vs eager | vs 1 thread | ULPs |"),
        "{out}"
    );
    for row in [
        "| eager | 1 |",
        "| vm scalar | 1 |",
        "| vm SIMD | 1 |",
        // 5,000 elements of a cheap program: one thread pays, and it says so.
        "| vm SIMD | 2 (1 used) |",
        "threads: 2 asked, 1 used: 5,000 elements (2 pay from 106,667 of this program)",
        "ULPs: the largest difference from eager's result",
    ] {
        assert!(out.contains(row), "{out}");
    }
    // Multiply and add round as eager's separate ops do: the same bits.
    let rows: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("| eager") || l.starts_with("| vm"))
        .collect();
    assert_eq!(rows.len(), 4, "{out}");
    assert!(rows.iter().all(|r| r.ends_with("| 0 |")), "{out}");
}

#[test]
fn bench_races_the_engines_and_thread_counts_asked_for() {
    let o = exprlab(&[
        "bench",
        "sin(x)",
        "x=linspace(0, 1, 1000)",
        "--loops",
        "1",
        "--repeats",
        "1",
        "--engines",
        "simd,eager",
        "--threads",
        "1,max",
        "--json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON on stdout");
    let labels: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["label"].as_str().unwrap())
        .collect();
    // Eager first, whatever the order asked; `max` is this machine's threads.
    assert_eq!(labels[..2], ["eager", "vm SIMD"]);
    assert!(labels.len() <= 3, "{labels:?}");
    assert_eq!(rows[0]["ulps"].as_f64(), Some(0.0));
    assert!(rows[1]["ulps"].as_f64().unwrap() <= 4.0, "{rows}");
    assert_eq!(rows[1]["bytes"].as_u64(), Some(16_000));
    let bad = exprlab(&["bench", "x", "x=1", "--engines", "numba"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad)
            .contains("`numba` is not an engine of a race: use eager, scalar, simd, simd-low"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn accuracy_low_runs_the_low_kernels_in_eval_and_bench() {
    // eval: float64 bits of the low `sin`, within 4 ULP of the high one's
    // (and not all the same: another kernel ran).
    let (high, low) = (scratch("sin-high.npy"), scratch("sin-low.npy"));
    for (path, accuracy) in [(&high, "high"), (&low, "low")] {
        let o = exprlab(&[
            "eval",
            "sin(x)",
            "x=linspace(-100, 100, 100001)",
            "--accuracy",
            accuracy,
            "-o",
            path.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let bits = |path: &PathBuf| -> Vec<i64> {
        let Ok(Value::Array(a)) = npy::read(path) else {
            panic!("not an array")
        };
        let Array::Float64(v) = a.into_data() else {
            panic!("not float64")
        };
        v.iter().map(|x| x.to_bits() as i64).collect()
    };
    let apart: Vec<i64> = bits(&high)
        .iter()
        .zip(bits(&low))
        .map(|(a, b)| (a - b).abs())
        .collect();
    assert!(apart.iter().all(|&d| d <= 5), "{:?}", apart.iter().max());
    assert!(apart.iter().any(|&d| d > 0));
    // bench: the low flavour races in place of the high one.
    let o = exprlab(&[
        "bench",
        "sin(x)",
        "x=linspace(0, 1, 1000)",
        "--loops",
        "1",
        "--repeats",
        "1",
        "--engines",
        "eager,simd",
        "--threads",
        "1",
        "--accuracy",
        "low",
        "--json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON on stdout");
    assert_eq!(rows[1]["label"], "vm SIMD low");
    assert_eq!(rows[1]["kernels"], "simd-low");
    assert!(rows[1]["ulps"].as_f64().unwrap() <= 5.0, "{rows}");
    for (args, message) in [
        (
            &["--accuracy", "fast"][..],
            "--accuracy is high or low, not `fast`",
        ),
        (
            &["--accuracy", "low", "--kernels", "scalar"][..],
            "--accuracy chooses among the SIMD kernels",
        ),
    ] {
        let o = exprlab(&[&["eval", "x", "x=1"][..], args].concat());
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains(message), "{}", stderr(&o));
    }
}

#[test]
fn bench_prints_json_and_grows_loops_to_min_time() {
    let o = exprlab(&[
        "bench",
        "sqrt(a)",
        "a=random(2000, 1, float32)",
        "--repeats",
        "3",
        "--min-time",
        "0.01",
        "--threads",
        "1,2",
        "--json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON on stdout");
    let rows = rows.as_array().expect("an array");
    let configs: Vec<(String, String, u64)> = rows
        .iter()
        .map(|r| {
            (
                r["engine"].as_str().unwrap().into(),
                r["kernels"].as_str().unwrap().into(),
                r["threads"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("eager", "scalar", 1),
        ("vm", "scalar", 1),
        ("vm", "simd", 1),
        ("vm", "simd", 2),
    ];
    assert_eq!(
        configs,
        expected.map(|(e, k, t)| (e.to_string(), k.to_string(), t))
    );
    for r in rows {
        let (best, loops) = (r["best"].as_f64().unwrap(), r["loops"].as_u64().unwrap());
        assert_eq!(r["repeats"].as_u64(), Some(3));
        // A repeat of `loops` loops took at least the 10 ms asked for, or
        // the loop count hit its ceiling.
        assert!(best > 0.0 && best <= r["mean"].as_f64().unwrap(), "{r}");
        assert!(loops > 1, "{r}");
    }
    let bad = exprlab(&["bench", "a", "a=zeros(3)", "--min-time", "soon"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("--min-time takes seconds"),
        "{}",
        stderr(&bad)
    );
}

/// Output closed early (`exprlab functions | head -1`) ends the process
/// quietly, as SIGPIPE ends other Unix tools, never with a panic.
#[cfg(unix)]
#[test]
fn output_closed_early_ends_quietly() {
    use std::os::unix::process::ExitStatusExt;
    use std::process::Stdio;
    // The pipe's read end is closed before the process writes, so its first
    // write fails, unless another test forks in between and its child holds
    // a copy of the read end until it execs: then the write goes through and
    // the process ends normally. So up to 20 tries, each quiet, until one
    // ends by SIGPIPE (13 on Linux and the BSDs).
    let mut statuses = Vec::new();
    for _ in 0..20 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_exprlab"))
            .arg("functions")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let o = child.wait_with_output().unwrap();
        assert_eq!(stderr(&o), "", "nothing on stderr ({:?})", o.status);
        statuses.push(o.status);
        if o.status.signal() == Some(13) {
            return;
        }
    }
    panic!("no try ended by SIGPIPE: {statuses:?}");
}

#[test]
fn axis_reductions_print_their_shape() {
    let o = exprlab(&["eval", "mean(x, axis=0)", "x=arange(6, shape=(2, 3))"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("values  [1.5, 2.5, 3.5]"),
        "{}",
        stdout(&o)
    );
    let o = exprlab(&["eval", "sum(x, axis=-1)", "x=arange(24, shape=(2, 3, 4))"]);
    assert!(stdout(&o).contains("shape   (2, 3)"), "{}", stdout(&o));
    let o = exprlab(&["eval", "sum(x, axis=3)", "x=arange(24, shape=(2, 3, 4))"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("`axis=3` is out of range for a result of shape (2, 3, 4)"),
        "{}",
        stderr(&o)
    );
}
