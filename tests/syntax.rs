//! The parser as S-expressions, and the errors a user can make, with spans.
#![cfg(not(target_arch = "wasm32"))] // native-only: files, processes, MPFR, proptest

mod common;

use expect_test::{Expect, expect};
use exprlab::Error;
use exprlab::syntax::parse;

fn check(source: &str, expected: Expect) {
    expected.assert_eq(&parse(source).unwrap().to_string());
}

fn error(source: &str) -> Error {
    parse(source).unwrap_err()
}

#[test]
fn precedence_follows_python() {
    check("1 + 2 * 3", expect!["(+ 1 (* 2 3))"]);
    check("1 - 2 - 3", expect!["(- (- 1 2) 3)"]);
    check("-2**2", expect!["(- (** 2 2))"]);
    check("2**3**2", expect!["(** 2 (** 3 2))"]);
    check("2**-1", expect!["(** 2 (- 1))"]);
    check("a < b | c", expect!["(< a (| b c))"]);
    check("a | b ^ c & d", expect!["(| a (^ b (& c d)))"]);
    check("a & b << 2 + 1", expect!["(& a (<< b (+ 2 1)))"]);
    check("x // 2 % 3 * 4 / 5", expect!["(/ (* (% (// x 2) 3) 4) 5)"]);
    check("~a == -b", expect!["(== (~ a) (- b))"]);
    check("(a > 0) & (b < 1)", expect!["(& (> a 0) (< b 1))"]);
    check("+x", expect!["(+ x)"]);
    // Attributes bind tighter than any operator, as Python's do.
    check("-x.real**2", expect!["(- (** (. x real) 2))"]);
    check("(a-10).real", expect!["(. (- a 10) real)"]);
    check("f(x).imag.real", expect!["(. (. (f x) imag) real)"]);
}

#[test]
fn literals_calls_and_programs() {
    check(
        "1_000_000 + .5 + 1e-3 + 5.",
        expect!["(+ (+ (+ 1000000 0.5) 0.001) 5.0)"],
    );
    check("True & False", expect!["(& True False)"]);
    // Python's imaginary literals.
    check(
        "1j + 2.5J * 1e-3j - 0j",
        expect!["(- (+ 1j (* 2.5j 0.001j)) 0j)"],
    );
    check("x.real * 1_0j", expect!["(* (. x real) 10j)"]);
    check(
        "where(a > 0, sqrt(a), 0)",
        expect!["(where (> a 0) (sqrt a) 0)"],
    );
    check("clip(a, -1, 1,)", expect!["(clip a (- 1) 1)"]);
    check(
        "t = 2*pi*x; sin(t)**2 + cos(t)**2",
        expect![[r#"
            (= t (* (* 2 pi) x))
            (+ (** (sin t) 2) (** (cos t) 2))"#]],
    );
    check(
        "t = x + 1  # a comment\n\n(t *\n 2)\n",
        expect![[r#"
            (= t (+ x 1))
            (* t 2)"#]],
    );
}

#[test]
fn keyword_arguments_and_tuples_parse_as_python_does() {
    check(
        "linspace(0, 1, 6, shape=(2, 3))",
        expect!["(linspace 0 1 6 shape=(tuple 2 3))"],
    );
    check(
        "f(x, shape=(4,), b = -1)",
        expect!["(f x shape=(tuple 4) b=(- 1))"],
    );
    check("f(s=())", expect!["(f s=(tuple))"]);
    check("(1 + 2, 3,)", expect!["(tuple (+ 1 2) 3)"]);
    check("f(a == b)", expect!["(f (== a b))"]);
    check(
        "array([[1, -2], [3, 4,]])",
        expect!["(array (list (list 1 (- 2)) (list 3 4)))"],
    );
    check("array([b'a'], S3)", expect!["(array (list b'a') S3)"]);
    check("array([])", expect!["(array (list))"]);
}

#[test]
fn errors_name_the_place_and_what_would_be_valid() {
    let cases: &[(&str, (usize, usize), &str)] = &[
        ("a < b < c", (0, 9), "write `(a < b) & (b < c)`"),
        ("a and b", (2, 5), "use `&` with parentheses"),
        ("not a", (0, 3), "use `~`"),
        (
            "sin(x",
            (5, 5),
            "expected `,` or `)` in the arguments of `sin` (opened at 3)",
        ),
        ("(a + b", (6, 6), "expected `)` to close the `(` at 0"),
        ("a + ", (4, 4), "expected an expression"),
        ("a +* b", (3, 4), "expected an expression"),
        ("2 x", (2, 3), "expected an operator"),
        ("a = 1", (0, 1), "must end with an expression"),
        ("a + 1 = 2", (6, 7), "`=` assigns only to a name"),
        ("a $ b", (2, 3), "unexpected character `$`"),
        ("a)", (1, 2), "no matching `(`"),
        ("", (0, 0), "the program is empty"),
        (
            "f(a b)",
            (4, 5),
            "expected `,` or `)` in the arguments of `f`",
        ),
        ("x ! y", (2, 3), "write `!=`"),
        (
            "[1, 2",
            (5, 5),
            "expected `,` or `]` in the list opened at 0",
        ),
        (
            "[1 2]",
            (3, 4),
            "expected `,` or `]` in the list opened at 0",
        ),
        ("[,]", (1, 2), "expected an expression"),
        ("{1}", (0, 1), "only parentheses group"),
        (
            "(1, 2",
            (5, 5),
            "expected `,` or `)` in the tuple opened at 0",
        ),
        (
            "f(shape=1, shape=2)",
            (11, 16),
            "the keyword argument `shape` is given twice",
        ),
        (
            "f(shape=1, 2)",
            (11, 12),
            "a positional argument cannot follow a keyword argument",
        ),
        // `.2` is a number, as in Python.
        (
            "x.2",
            (1, 3),
            "expected an operator, `;` or a new line, found `.2`",
        ),
        (
            "x. + 1",
            (1, 4),
            "expected an attribute's name after `.`, as in `x.real`, found `+`",
        ),
    ];
    for &(source, span, message) in cases {
        common::assert_error(&error(source), source, span, message);
    }
}

#[test]
fn the_caret_line_underlines_the_span() {
    let e = error("1 + (x");
    expect![[r#"
          1 + (x
                ^
        error: expected `)` to close the `(` at 4, found the end of the input"#]]
    .assert_eq(&e.render("1 + (x"));
}

#[test]
fn nesting_beyond_the_limit_is_an_error_not_a_stack_overflow() {
    let deep = format!("{}x{}", "(".repeat(10_000), ")".repeat(10_000));
    assert!(error(&deep).message().contains("nests more than"));
    let minus = format!("{}x", "-".repeat(10_000));
    assert!(error(&minus).message().contains("nests more than"));
    let long_sum = vec!["x"; 5_000].join(" + ");
    assert!(error(&long_sum).message().contains("nests more than"));
    let big = "x+".repeat(40_000) + "x";
    assert!(error(&big).message().contains("limit is"));
}

#[test]
fn nesting_up_to_the_limit_compiles_and_runs() {
    let mut inputs = exprlab::Inputs::new();
    inputs.insert("x", vec![1.0f64, 2.0]);
    let deep = format!("{}x{}", "(-".repeat(120), ")".repeat(120));
    let v = exprlab::evaluate(&deep, &inputs, &Default::default()).unwrap();
    assert_eq!(v, exprlab::Value::from(vec![1.0f64, 2.0]));
    let calls = format!("{}x{}", "abs(".repeat(250), ")".repeat(250));
    assert!(exprlab::evaluate(&calls, &inputs, &Default::default()).is_ok());
}
