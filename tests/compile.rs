//! The compiler's passes through their text forms, and the errors of name
//! and type resolution.
#![cfg(not(target_arch = "wasm32"))] // native-only: files, processes, MPFR, proptest

mod common;

use expect_test::{Expect, expect};
use exprlab::{DType, Variable, compile};

fn vars(spec: &[(&str, DType)]) -> Vec<Variable> {
    spec.iter().map(|&(n, d)| Variable::array(n, d)).collect()
}

fn disasm(source: &str, spec: &[(&str, DType)], expected: Expect) {
    expected.assert_eq(&compile(source, &vars(spec)).unwrap().disassemble());
}

fn error(source: &str, spec: &[(&str, DType)]) -> exprlab::Error {
    compile(source, &vars(spec)).unwrap_err()
}

use DType::*;

#[test]
fn the_classic() {
    disasm(
        "sin(2*pi*x)",
        &[("x", Float64)],
        expect![[r#"
            ; inputs    x: float64[]
            ; registers r0: f64
               0  mul.f64        r0   <- 6.283185307179586, x
               1  sin.f64        out  <- r0
            ; result    out, float64 array"#]],
    );
}

#[test]
fn weak_literals_keep_float32() {
    disasm(
        "exp(-x**2/2)/sqrt(2*pi)",
        &[("x", Float32)],
        expect![[r#"
            ; inputs    x: float32[]
            ; registers r0: f32, r1: f32
               0  mulmul.f32     r0   <- x, x, -0.5
               1  exp.f32        r1   <- r0
               2  div.f32        out  <- r1, 2.5066282749176025
            ; result    out, float32 array"#]],
    );
    // A strong float64 operand promotes, as NumPy does.
    disasm(
        "x * y",
        &[("x", Float32), ("y", Float64)],
        expect![[r#"
            ; inputs    x: float32[], y: float64[]
            ; registers r0: f64
               0  cast.f64       r0   <- x
               1  mul.f64        out  <- r0, y
            ; result    out, float64 array"#]],
    );
}

#[test]
fn common_subexpressions_are_computed_once_and_registers_reused() {
    disasm(
        "t = 2*pi*x; sin(t)**2 + cos(t)**2",
        &[("x", Float64)],
        expect![[r#"
            ; inputs    x: float64[]
            ; registers r0: f64, r1: f64, r2: f64
               0  mul.f64        r0   <- 6.283185307179586, x
               1  sin.f64        r1   <- r0
               2  cos.f64        r2   <- r0
               3  mulmuladd.f64  out  <- r1, r1, r2, r2
            ; result    out, float64 array"#]],
    );
    disasm(
        "sin(a)**2 + sin(a)**2",
        &[("a", Float64)],
        expect![[r#"
            ; inputs    a: float64[]
            ; registers r0: f64, r1: f64
               0  sin.f64        r0   <- a
               1  mul.f64        r1   <- r0, r0
               2  add.f64        out  <- r1, r1
            ; result    out, float64 array"#]],
    );
}

#[test]
fn powers_are_strength_reduced() {
    disasm(
        "x**0.5 + x**-1 + x**7 + x**-0.5 + x**0 + x**1 + x**2.5",
        &[("x", Float64)],
        expect![[r#"
            ; inputs    x: float64[]
            ; registers r0: f64, r1: f64, r2: f64, r3: f64, r4: f64
               0  sqrt.f64       r0   <- x
               1  div.f64        r1   <- 1.0, x
               2  add.f64        r2   <- r0, r1
               3  mul.f64        r1   <- x, x
               4  mul.f64        r3   <- x, r1
               5  mul.f64        r4   <- r1, r1
               6  muladd.f64     r1   <- r3, r4, r2
               7  div.f64        r2   <- 1.0, r0
               8  add.f64        r4   <- r1, r2
               9  add.f64        r0   <- r4, 1.0
              10  add.f64        r2   <- r0, x
              11  pow.f64        r4   <- x, 2.5
              12  add.f64        out  <- r2, r4
            ; result    out, float64 array"#]],
    );
    disasm(
        "i**3",
        &[("i", Int32)],
        expect![[r#"
            ; inputs    i: int32[]
            ; registers none
               0  mulmul.i32     out  <- i, i, i
            ; result    out, int32 array"#]],
    );
}

#[test]
fn division_by_a_power_of_two_and_negations_go_into_constants() {
    // `-x**2/2` is `x*x * -0.5`, one instruction once fused: no negation,
    // no division. Dividing by 3, or into a constant, stays a division.
    disasm(
        "exp(-x**2/2)",
        &[("x", Float32)],
        expect![[r#"
            ; inputs    x: float32[]
            ; registers r0: f32
               0  mulmul.f32     r0   <- x, x, -0.5
               1  exp.f32        out  <- r0
            ; result    out, float32 array"#]],
    );
    disasm(
        "x/3 + 3*-x + x/0.25 + 2/x + -x/2.0**-1030",
        &[("x", Float64)],
        expect![[r#"
            ; inputs    x: float64[]
            ; registers r0: f64, r1: f64, r2: f64
               0  div.f64        r0   <- x, 3.0
               1  muladd.f64     r1   <- x, -3.0, r0
               2  muladd.f64     r0   <- x, 4.0, r1
               3  div.f64        r1   <- 2.0, x
               4  add.f64        r2   <- r0, r1
               5  div.f64        r0   <- x, -8.691694759794e-311
               6  add.f64        out  <- r2, r0
            ; result    out, float64 array"#]],
    );
    // Integers divide as float64; their own ops are untouched.
    disasm(
        "i/2 + -i*3",
        &[("i", Int32)],
        expect![[r#"
            ; inputs    i: int32[]
            ; registers r0: f64, r1: i32, r2: i32, r3: f64
               0  cast.f64       r0   <- i
               1  neg.i32        r1   <- i
               2  mul.i32        r2   <- r1, 3
               3  cast.f64       r3   <- r2
               4  muladd.f64     out  <- r0, 0.5, r3
            ; result    out, float64 array"#]],
    );
}

#[test]
fn constants_fold_but_identities_do_not() {
    // `x + 0` is not `x` for x = -0.0, so it stays; `2*3+1` folds.
    disasm(
        "x + 0 + (2*3+1) * 1",
        &[("x", Float64)],
        expect![[r#"
            ; inputs    x: float64[]
            ; registers r0: f64
               0  add.f64        r0   <- x, 0.0
               1  add.f64        out  <- r0, 7.0
            ; result    out, float64 array"#]],
    );
    disasm(
        "2 + 3",
        &[],
        expect![[r#"
        ; inputs    none
        ; registers none
           0  copy.i64       out  <- 5
        ; result    out, int64 scalar"#]],
    );
}

#[test]
fn where_clip_and_reductions() {
    disasm(
        "where(a > 0, sqrt(a), 0)",
        &[("a", Float32)],
        expect![[r#"
            ; inputs    a: float32[]
            ; registers r0: b1, r1: f32
               0  gt.b1          r0   <- a, 0.0
               1  sqrt.f32       r1   <- a
               2  where.f32      out  <- r0, r1, 0.0
            ; result    out, float32 array"#]],
    );
    disasm(
        "clip(i, 0, 10)",
        &[("i", Int64)],
        expect![[r#"
        ; inputs    i: int64[]
        ; registers r0: i64
           0  maximum.i64    r0   <- i, 0
           1  minimum.i64    out  <- r0, 10
        ; result    out, int64 array"#]],
    );
    disasm(
        "sum(a > 0)",
        &[("a", Float64)],
        expect![[r#"
        ; inputs    a: float64[]
        ; registers r0: b1
           0  gt.b1          r0   <- a, 0.0
           1  cast.i64       out  <- r0
        ; result    sum of out, int64"#]],
    );
    disasm(
        "mean(i)",
        &[("i", Int32)],
        expect![[r#"
        ; inputs    i: int32[]
        ; registers none
           0  cast.f64       out  <- i
        ; result    mean of out, float64"#]],
    );
    disasm(
        "ones_like(a)",
        &[("a", Float32)],
        expect![[r#"
        ; inputs    a: float32[]
        ; registers none
           0  copy.f32       out  <- 1.0
        ; result    out, float32 array"#]],
    );
}

#[test]
fn resolution_errors_name_the_place() {
    type Case<'a> = (&'a str, &'a [(&'a str, DType)], (usize, usize), &'a str);
    let cases: &[Case] = &[
        (
            "sin(xx)",
            &[("x1", Float64), ("xy", Float64)],
            (4, 6),
            "unknown name `xx`; did you mean `x1`?",
        ),
        (
            "sinn(x)",
            &[("x", Float64)],
            (0, 4),
            "unknown name `sinn`; did you mean `sin`?",
        ),
        ("piz * 2", &[], (0, 3), "did you mean `pi`?"),
        (
            "x + [1, 2]",
            &[("x", Float64)],
            (4, 10),
            "a list is only the argument of the constructor `array([...])`, which makes an input",
        ),
        (
            "sin(x, x)",
            &[("x", Float64)],
            (0, 9),
            "`sin` takes 1 argument, but 2 arguments were given",
        ),
        (
            "where(x)",
            &[("x", Float64)],
            (0, 8),
            "`where` takes 3 arguments",
        ),
        (
            "x & 1",
            &[("x", Float64)],
            (0, 5),
            "`&` needs bool or integer operands, but `x` is float64",
        ),
        (
            "x << 1.5",
            &[("x", Int64)],
            (0, 8),
            "`<<` needs integer operands",
        ),
        (
            "-(x > 0)",
            &[("x", Float64)],
            (0, 8),
            "to negate a condition, write `~`",
        ),
        (
            "1 + sum(x)",
            &[("x", Float64)],
            (4, 7),
            "only allowed as the outermost call",
        ),
        (
            "x + 3000000000",
            &[("x", Int32)],
            (4, 14),
            "does not fit int32",
        ),
        (
            "x + 300",
            &[("x", UInt8)],
            (4, 7),
            "the integer 300 does not fit uint8 (0 to 255)",
        ),
        (
            "x - (-1)",
            &[("x", UInt64)],
            (4, 8),
            "the integer -1 does not fit uint64 (0 to 18446744073709551615)",
        ),
        (
            "sign(c)",
            &[("c", Bool)],
            (0, 7),
            "`sign` is not defined on bool arrays, as in NumPy",
        ),
        (
            "z < 1",
            &[("z", Complex128)],
            (0, 5),
            "`<` is not defined on complex numbers (`z` is complex128), as in NumPy: complex numbers have no order",
        ),
        (
            "floor(x + 2j)",
            &[("x", Float64)],
            (0, 13),
            "`floor` is not defined on complex numbers (`x + 2j` is complex128)",
        ),
        (
            "max(z)",
            &[("z", Complex128)],
            (0, 6),
            "`max` is not defined on complex numbers, as in numexpr: they have no order",
        ),
        (
            "complex(z, 1)",
            &[("z", Complex128)],
            (0, 13),
            "`complex(a, b)` takes two real parts (`z` is complex128)",
        ),
        (
            "s + b'a'",
            &[("s", Bytes)],
            (0, 8),
            "`+` is not defined on byte strings (`s` is bytes): as in numexpr, they are compared (`==`, `!=`, `<`, `<=`, `>`, `>=`) or searched (`contains(s, b'ab')`)",
        ),
        (
            "s < 1",
            &[("s", Bytes)],
            (0, 5),
            "`<` compares byte strings with byte strings only, as numexpr does, and `1` is int64",
        ),
        (
            "contains(x, b'1')",
            &[("x", Float64)],
            (0, 17),
            "`contains` searches byte strings in byte strings, as in numexpr: `contains(s, b'ab')`, and `x` is float64",
        ),
        (
            "where(s == b'', s, s)",
            &[("s", Bytes)],
            (0, 21),
            "`where` is not defined on byte strings",
        ),
        (
            "sum(s)",
            &[("s", Bytes)],
            (0, 6),
            "`sum` is not defined on byte strings",
        ),
        (
            "s.real",
            &[("s", Bytes)],
            (0, 6),
            "`.real` is not defined on byte strings",
        ),
        (
            "ones_like(s)",
            &[("s", Bytes)],
            (0, 12),
            "`ones_like` is not defined on byte strings",
        ),
        (
            "s == 'a'",
            &[("s", Bytes)],
            (5, 6),
            "strings are bytes, as in numexpr: write `b'abc'`",
        ),
        (
            "z.imag & 1",
            &[("z", Complex128)],
            (0, 10),
            "`&` needs bool or integer operands, but `z.imag` is float64",
        ),
        (
            "x.shape",
            &[("x", Float64)],
            (2, 7),
            "`.shape` is not an attribute ExprLab has: `.real` and `.imag` are",
        ),
        (
            "x ** -2",
            &[("x", Int64)],
            (0, 7),
            "negative integer powers are not allowed",
        ),
        ("sin = 3; sin", &[], (0, 3), "`sin` is a function"),
        ("sin + 1", &[], (0, 3), "call it, as in `sin(x)`"),
        (
            "x(2)",
            &[("x", Float64)],
            (0, 1),
            "`x` is a variable, not a function",
        ),
    ];
    for &(source, spec, span, message) in cases {
        common::assert_error(&error(source, spec), source, span, message);
    }
}

#[test]
fn a_variable_wins_over_a_constant_and_names_rebind() {
    disasm(
        "e * 2",
        &[("e", Int64)],
        expect![[r#"
        ; inputs    e: int64[]
        ; registers none
           0  mul.i64        out  <- e, 2
        ; result    out, int64 array"#]],
    );
    disasm(
        "t = x; t = t * t; t + 1",
        &[("x", Float64)],
        expect![[r#"
            ; inputs    x: float64[]
            ; registers none
               0  muladd.f64     out  <- x, x, 1.0
            ; result    out, float64 array"#]],
    );
}

#[test]
fn shared_names_keep_programs_linear() {
    // 60 doublings would be 2^60 nodes as a tree; as a graph it is 61.
    let source = format!("t = x\n{}t", "t = t + t\n".repeat(60));
    let c = compile(&source, &vars(&[("x", Float64)])).unwrap();
    assert_eq!(c.program.instructions.len(), 60);
    let too_many = format!("t = x\n{}t", "t = t + 1\n".repeat(25_000));
    assert!(compile(&too_many, &vars(&[("x", Float64)])).is_err());
}

#[test]
fn products_fuse_into_the_sums_that_read_them_alone() {
    // `x*y + z*w` fuses into one instruction.
    disasm(
        "2*a + 3*b",
        &[("a", Float64), ("b", Float64)],
        expect![[r#"
            ; inputs    a: float64[], b: float64[]
            ; registers none
               0  mulmuladd.f64  out  <- 2.0, a, 3.0, b
            ; result    out, float64 array"#]],
    );
    // `x*y + z`, `z + x*y` and `x*y - k` fuse; the constant is negated.
    disasm(
        "(a*b + c) * (c + 2*a) * (3*b - 1.5)",
        &[("a", Float64), ("b", Float64), ("c", Float64)],
        expect![[r#"
            ; inputs    a: float64[], b: float64[], c: float64[]
            ; registers r0: f64, r1: f64, r2: f64
               0  muladd.f64     r0   <- a, b, c
               1  muladd.f64     r1   <- 2.0, a, c
               2  muladd.f64     r2   <- 3.0, b, -1.5
               3  mulmul.f64     out  <- r0, r1, r2
            ; result    out, float64 array"#]],
    );
    disasm(
        "i*j - 1",
        &[("i", Int32), ("j", Int32)],
        expect![[r#"
            ; inputs    i: int32[], j: int32[]
            ; registers none
               0  muladd.i32     out  <- i, j, -1
            ; result    out, int32 array"#]],
    );
    // Not fused: a product read twice, a difference with an array, a
    // product of another dtype (converted before the add), a product alone.
    disasm(
        "t = a*b; (t + c) * (t + a) + (a*b - c) + (g*g + a)",
        &[
            ("a", Float64),
            ("b", Float64),
            ("c", Float64),
            ("g", Float32),
        ],
        expect![[r#"
            ; inputs    a: float64[], b: float64[], c: float64[], g: float32[]
            ; registers r0: f64, r1: f64, r2: f64, r3: f64, r4: f32
               0  mul.f64        r0   <- a, b
               1  add.f64        r1   <- r0, c
               2  add.f64        r2   <- r0, a
               3  sub.f64        r3   <- r0, c
               4  muladd.f64     r0   <- r1, r2, r3
               5  mul.f32        r4   <- g, g
               6  cast.f64       r1   <- r4
               7  add.f64        r3   <- r1, a
               8  add.f64        out  <- r0, r3
            ; result    out, float64 array"#]],
    );
    disasm(
        "a*b",
        &[("a", Float64), ("b", Float64)],
        expect![[r#"
        ; inputs    a: float64[], b: float64[]
        ; registers none
           0  mul.f64        out  <- a, b
        ; result    out, float64 array"#]],
    );
}

#[test]
fn byte_strings_are_read_where_they_lie_into_bool_registers() {
    // A literal is an operand, like a constant; the same one is kept once.
    disasm(
        "(contains(s, b'ab') | (s >= b'ab')) & (t != s) & (x > 0)",
        &[("s", Bytes), ("t", Bytes), ("x", Float64)],
        expect![[r#"
            ; inputs    s: bytes[], t: bytes[], x: float64[]
            ; registers r0: b1, r1: b1, r2: b1
               0  contains.b1    r0   <- s, b'ab'
               1  ge.b1          r1   <- s, b'ab'
               2  or.b1          r2   <- r0, r1
               3  ne.b1          r0   <- t, s
               4  and.b1         r1   <- r2, r0
               5  gt.b1          r2   <- x, 0.0
               6  and.b1         out  <- r1, r2
            ; result    out, bool array"#]],
    );
    // The strings themselves are a copy.
    disasm(
        "s",
        &[("s", Bytes)],
        expect![[r#"
            ; inputs    s: bytes[]
            ; registers none
               0  copy.S         out  <- s
            ; result    out, bytes array"#]],
    );
}

#[test]
fn complex_numbers_compile_to_complex_ops() {
    // `abs` of a complex is its magnitude; parts and angle are float64;
    // a weak `1j` makes float32 complex128 (NumPy: complex64).
    disasm(
        "z = complex(x, 1); abs(z * 1j) + z.real + angle(z)",
        &[("x", Float32)],
        expect![[r#"
            ; inputs    x: float32[]
            ; registers r0: f64, r1: c128, r2: c128, r3: f64, r4: f64
               0  cast.f64       r0   <- x
               1  complex.c128   r1   <- r0, 1.0
               2  mul.c128       r2   <- r1, 1j
               3  cabs.f64       r0   <- r2
               4  real.f64       r3   <- r1
               5  add.f64        r4   <- r0, r3
               6  angle.f64      r0   <- r1
               7  add.f64        out  <- r4, r0
            ; result    out, float64 array"#]],
    );
    // z ** -1 is NumPy's reciprocal, z ** 0.5 its sqrt, z ** 2 a product.
    disasm(
        "z ** -1 + z ** 0.5 + z ** 2",
        &[("z", Complex128)],
        expect![[r#"
            ; inputs    z: complex128[]
            ; registers r0: c128, r1: c128, r2: c128
               0  recip.c128     r0   <- z
               1  sqrt.c128      r1   <- z
               2  add.c128       r2   <- r0, r1
               3  muladd.c128    out  <- z, z, r2
            ; result    out, complex128 array"#]],
    );
    // An exponent with an imaginary part is a `pow`, however real its real part.
    disasm(
        "z ** (-1+2j) + z ** 1j",
        &[("z", Complex128)],
        expect![[r#"
            ; inputs    z: complex128[]
            ; registers r0: c128, r1: c128
               0  pow.c128       r0   <- z, (-1+2j)
               1  pow.c128       r1   <- z, 1j
               2  add.c128       out  <- r0, r1
            ; result    out, complex128 array"#]],
    );
}
