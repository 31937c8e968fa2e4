//! The one op table: every elementwise operation, declared once, with
//! everything the code and the tests know about it.
//!
//! A row reads `Variant "name" kind Signature method "doc" { attributes };`:
//!
//! - `name`: the op in the disassembly, and the function's name in the
//!   language for the rows of kind `fn` (`op` rows are operators or made by
//!   the compiler);
//! - `Signature`: which dtypes it accepts and returns ([`Signature::dtypes`]);
//! - `method`: the scalar kernel, a method of `kernels::scalar`'s traits;
//! - `doc`: what it computes, in a line (`exprlab functions`, the page's
//!   function reference, the rustdoc of [`Op`]);
//! - `simd(f)`: the function over float lanes that the float64 and float32
//!   SIMD kernels map (`kernels::simd`; `pow` is each dtype's own). Without
//!   it, floats run through the scalar kernel; ints, bools, comparisons and
//!   casts have SIMD kernels by signature, whatever this says;
//! - `domain(D)`: where its arguments are sampled ([`Domain`]): by the
//!   accuracy test, the property tests and the kernel benchmark;
//! - `ulps(bound, mpfr)`: the SIMD kernel's largest error against the
//!   correctly rounded result, in ULPs, which `tests/accuracy.rs` measures
//!   against MPFR's `mpfr` (a method of `rug::Float`). A bound above 0.5
//!   makes the op an approximation ([`Op::approximated`]): its SIMD and
//!   scalar kernels may differ in the last bits;
//! - `low(f, bound)`: the low-accuracy SIMD kernel (`accuracy: 'low'`,
//!   `Kernels::SimdLow`) and its bound in ULPs, measured as `ulps` is: a
//!   faster function over the same float lanes. Rows without it run their
//!   `simd` kernel in low accuracy too.
//!
//! Adding a function means adding a row here and its kernels.

/// Calls `$m!` with the whole table.
#[doc(hidden)]
#[macro_export]
macro_rules! for_each_op {
    ($m:ident) => {
        $m! {
            // Unary, same dtype out: ints, floats and complex.
            Neg "neg" op UnaryArith neg "negation: `-x`" { simd(Vector::neg) };
            // Unary, same dtype out, ints and floats.
            Abs "abs" fn UnaryNumeric abs "absolute value" { simd(Vector::abs) };
            Sign "sign" fn UnaryNumeric sign "-1, 0 or 1 (NaN stays NaN)" {};
            Ceil "ceil" fn UnaryNumeric ceil "round up" { simd(math::ceil) };
            Floor "floor" fn UnaryNumeric floor "round down" { simd(math::floor) };
            Trunc "trunc" fn UnaryNumeric trunc "round towards zero" { simd(math::trunc) };
            Round "round" fn UnaryNumeric round "round half to even, as `np.round`" { simd(math::round_half_even) };
            // Unary, any dtype.
            Copy "copy" fn UnaryAny copy "the operand itself" {};
            // Unary on bool (logical) and ints (bitwise).
            Invert "invert" op UnaryBits invert "`~x`: logical not on bool, bitwise not on ints" {};
            // Unary math of floats and complex: ints and bools are computed in a float.
            Sqrt "sqrt" fn UnaryFloat sqrt "square root" { simd(Vector::sqrt) domain(Positive) ulps(0.5, sqrt_mut) };
            Sin "sin" fn UnaryFloat sin "sine" { simd(math::sin) domain(Trig) ulps(1.0, sin_mut) low(math::sin_low, 4.0) };
            Cos "cos" fn UnaryFloat cos "cosine" { simd(math::cos) domain(Trig) ulps(1.0, cos_mut) low(math::cos_low, 4.0) };
            Tan "tan" fn UnaryFloat tan "tangent" { simd(math::tan) domain(Trig) ulps(2.0, tan_mut) };
            Arcsin "arcsin" fn UnaryFloat arcsin "inverse sine" { simd(math::arcsin) domain(Unit) ulps(2.0, asin_mut) };
            Arccos "arccos" fn UnaryFloat arccos "inverse cosine" { simd(math::arccos) domain(Unit) ulps(2.0, acos_mut) };
            Arctan "arctan" fn UnaryFloat arctan "inverse tangent" { simd(math::arctan) domain(Wide) ulps(2.0, atan_mut) };
            Sinh "sinh" fn UnaryFloat sinh "hyperbolic sine" { simd(math::sinh) domain(Exp) ulps(2.0, sinh_mut) };
            Cosh "cosh" fn UnaryFloat cosh "hyperbolic cosine" { simd(math::cosh) domain(Exp) ulps(2.0, cosh_mut) };
            Tanh "tanh" fn UnaryFloat tanh "hyperbolic tangent" { simd(math::tanh) domain(Tanh) ulps(2.0, tanh_mut) };
            Arcsinh "arcsinh" fn UnaryFloat arcsinh "inverse hyperbolic sine" { simd(math::arcsinh) domain(Wide) ulps(2.0, asinh_mut) };
            Arccosh "arccosh" fn UnaryFloat arccosh "inverse hyperbolic cosine" { simd(math::arccosh) domain(Acosh) ulps(2.0, acosh_mut) };
            Arctanh "arctanh" fn UnaryFloat arctanh "inverse hyperbolic tangent" { simd(math::arctanh) domain(Unit) ulps(2.0, atanh_mut) };
            Exp "exp" fn UnaryFloat exp "e to the x" { simd(math::exp) domain(Exp) ulps(1.0, exp_mut) low(math::exp_low, 4.0) };
            Expm1 "expm1" fn UnaryFloat expm1 "exp(x) - 1, accurate near 0" { simd(math::expm1) domain(Exp) ulps(2.0, exp_m1_mut) };
            Log "log" fn UnaryFloat log "natural logarithm" { simd(math::log) domain(Log) ulps(1.0, ln_mut) low(math::log_low, 4.0) };
            Log1p "log1p" fn UnaryFloat log1p "log(1 + x), accurate near 0" { simd(math::log1p) domain(Log1p) ulps(2.0, ln_1p_mut) };
            Log2 "log2" fn UnaryFloat log2 "base-2 logarithm" { simd(math::log2) domain(Log) ulps(2.0, log2_mut) };
            Log10 "log10" fn UnaryFloat log10 "base-10 logarithm" { simd(math::log10) domain(Log) ulps(2.0, log10_mut) };
            // Unary math of floats only.
            Cbrt "cbrt" fn UnaryReal cbrt "cube root" { simd(math::cbrt) domain(Wide) ulps(1.0, cbrt_mut) };
            // Predicates: bool out, any dtype in (a complex is NaN or inf if a part is).
            IsNan "isnan" fn Predicate isnan "x is NaN" {};
            IsInf "isinf" fn Predicate isinf "x is +-inf" {};
            IsFinite "isfinite" fn Predicate isfinite "x is neither NaN nor +-inf" {};
            SignBit "signbit" fn RealPredicate signbit "the sign bit is set (true for -0.0)" {};
            // Binary arithmetic, same dtype out: ints, floats and complex.
            Add "add" op BinaryArith add "`a + b`" { simd(Vector::add) };
            Sub "sub" op BinaryArith sub "`a - b`" { simd(Vector::sub) };
            Mul "mul" op BinaryArith mul "`a * b`" { simd(Vector::mul) };
            Pow "pow" op BinaryArith pow "`a ** b`" { simd(pow) domain(Pow) ulps(2.0, pow_assign) };
            // Binary arithmetic, same dtype out: ints and floats.
            FloorDiv "floordiv" op BinaryNumeric floordiv "`a // b`: floor of the quotient; integer division by 0 gives 0" { simd(math::floordiv) };
            Mod "mod" op BinaryNumeric modulo "`a % b`: the remainder with the sign of b" { simd(math::modulo) };
            Maximum "maximum" fn BinaryNumeric maximum "the larger; NaN if either is NaN" { simd(math::maximum) };
            Minimum "minimum" fn BinaryNumeric minimum "the smaller; NaN if either is NaN" { simd(math::minimum) };
            Fmod "fmod" fn BinaryNumeric fmod "C's fmod: the remainder with the sign of a; 0 for integers modulo 0" { simd(math::fmod) domain(Log) };
            // Ternary and quaternary arithmetic, made by the compiler's fuse pass.
            MulMul "mulmul" op TernaryArith mul_then_mul "`a * b * c`, rounded after each multiply as the two ops are" { simd(math::mulmul) };
            MulAdd "muladd" op TernaryArith mul_then_add "`a * b + c`, rounded after the multiply and after the add as the two ops are (never fused)" { simd(math::muladd) };
            MulMulAdd "mulmuladd" op QuaternaryArith mul_mul_add "`a * b + c * d`, each product rounded and then the sum, as the three ops are" { simd(math::mulmuladd) };
            // Binary math: ints and bools are computed in a float.
            Div "div" op BinaryFloat div "`a / b`: true division" { simd(Vector::div) };
            // Binary math of floats only.
            Arctan2 "arctan2" fn BinaryReal arctan2 "the angle of the point (b, a)" { simd(math::arctan2) domain(Wide) ulps(2.0, atan2_mut) };
            Hypot "hypot" fn BinaryReal hypot "sqrt(a**2 + b**2) without overflow" { simd(math::hypot) domain(Wide) ulps(2.0, hypot_mut) };
            NextAfter "nextafter" fn BinaryReal nextafter "the next float after a towards b" {};
            CopySign "copysign" fn BinaryReal copysign "a's magnitude with b's sign" { simd(math::copysign) };
            // Logical on bool, bitwise on ints.
            BitAnd "and" op BinaryBits bitand "`a & b`" {};
            BitOr "or" op BinaryBits bitor "`a | b`" {};
            BitXor "xor" op BinaryBits bitxor "`a ^ b`" {};
            Shl "shl" op Shift shl "`a << b`; shifts of 64 or more give 0" {};
            Shr "shr" op Shift shr "`a >> b`; shifts of 64 or more give 0 or -1" {};
            // Comparisons: bool out; complex numbers are equal or not, never ordered.
            Lt "lt" op Compare lt "`a < b`" {};
            Le "le" op Compare le "`a <= b`" {};
            Eq "eq" op Equality eq "`a == b`" {};
            Ne "ne" op Equality ne "`a != b`" {};
            Ge "ge" op Compare ge "`a >= b`" {};
            Gt "gt" op Compare gt "`a > b`" {};
            // Byte strings: whether `b` occurs in `a`, as numexpr's `contains`.
            Contains "contains" fn Contains contains "`b` occurs in `a`: byte strings, as numexpr's" {};
            // Complex numbers: made of two floats, taken apart into float64.
            Complex "complex" fn MakeComplex complex "the complex number `a + b*1j`" {};
            Conj "conj" op UnaryComplex conj "the complex conjugate" {};
            Reciprocal "recip" op UnaryComplex reciprocal "`z ** -1`, as NumPy's `reciprocal` computes it" {};
            RealPart "real" op ComplexPart real "the real part of a complex" {};
            ImagPart "imag" op ComplexPart imag "the imaginary part of a complex" {};
            Magnitude "cabs" op ComplexPart magnitude "the magnitude of a complex: `hypot(z.real, z.imag)`" {};
            Angle "angle" op ComplexPart angle "the angle of a complex: `arctan2(z.imag, z.real)`" {};
            // Selection and conversion.
            Where "where" fn Select select "a where c is true, else b" {};
            Cast "cast" op Cast cast "conversion to the instruction's dtype" {};
        }
    };
}
pub use crate::for_each_op;

/// Where the arguments of a function are sampled: by the accuracy test
/// (which adds the hard cases of each domain), the property tests, and the
/// kernel benchmark (over [`Domain::range`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Domain {
    /// Positive floats of every magnitude (`sqrt`).
    Positive,
    /// Any float of either sign, the trigonometric hard cases near
    /// multiples of pi/2, and the huge arguments (`sin`, `cos`, `tan`).
    Trig,
    /// [-1, 1] and near its ends (`arcsin`, `arccos`, `arctanh`).
    Unit,
    /// Ordinary values and every magnitude, subnormals included, either
    /// sign (`arctan`, `arcsinh`, `arctan2`, `hypot`).
    Wide,
    /// Up to the overflow and underflow thresholds of `exp`.
    Exp,
    /// Positive floats of every magnitude and near 1 (`log`).
    Log,
    /// From -1 up, and near 0 (`log1p`).
    Log1p,
    /// Where `tanh` is not yet +-1.
    Tanh,
    /// From 1 up (`arccosh`).
    Acosh,
    /// Bases and exponents across the whole result range (`pow`).
    Pow,
}

impl Domain {
    /// A typical range of arguments: the kernel benchmark's `linspace`.
    pub fn range(self) -> (f64, f64) {
        match self {
            Domain::Positive => (0.0, 1000.0),
            Domain::Trig | Domain::Wide => (-10.0, 10.0),
            Domain::Unit => (-1.0, 1.0),
            Domain::Exp => (-50.0, 50.0),
            Domain::Log => (0.001, 1000.0),
            Domain::Log1p => (-0.5, 100.0),
            Domain::Tanh => (-5.0, 5.0),
            Domain::Acosh => (1.0, 100.0),
            Domain::Pow => (0.1, 10.0),
        }
    }
}

/// What dtypes an op accepts and what it returns: [`Signature::dtypes`]
/// says it in words, `compile::resolve` does it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signature {
    UnaryArith,
    UnaryNumeric,
    UnaryAny,
    UnaryBits,
    UnaryFloat,
    UnaryReal,
    Predicate,
    RealPredicate,
    BinaryArith,
    BinaryNumeric,
    TernaryArith,
    QuaternaryArith,
    BinaryFloat,
    BinaryReal,
    BinaryBits,
    Shift,
    Compare,
    Equality,
    Select,
    Cast,
    MakeComplex,
    UnaryComplex,
    ComplexPart,
    Contains,
}

impl Signature {
    /// True when it takes complex operands: NumPy has a complex loop of
    /// its ops (ordering, rounding, `//`, `%` and the real-only functions
    /// have none).
    pub fn takes_complex(self) -> bool {
        use Signature::*;
        matches!(
            self,
            UnaryArith
                | UnaryAny
                | UnaryFloat
                | Predicate
                | BinaryArith
                | TernaryArith
                | QuaternaryArith
                | BinaryFloat
                | Equality
                | Select
                | Cast
                | UnaryComplex
                | ComplexPart
        )
    }

    /// True when it takes byte strings (with byte strings): the
    /// comparisons and `contains`, computed by `kernels::bytes`.
    pub fn takes_bytes(self) -> bool {
        use Signature::*;
        matches!(self, Compare | Equality | Contains)
    }

    /// Which dtypes an op of this signature takes and gives, in words.
    pub fn dtypes(self) -> &'static str {
        use Signature::*;
        match self {
            UnaryArith => "ints, floats and complex; the result has the operand's dtype",
            UnaryNumeric => "ints and floats; the result has the operand's dtype",
            UnaryAny => "any dtype; the result has the operand's dtype",
            UnaryBits => "bool and ints; the result has the operand's dtype",
            UnaryFloat => {
                "floats and complex; ints and bools are computed in the smallest float that holds them (float32 up to 16 bits, else float64)"
            }
            UnaryReal => {
                "floats; ints and bools are computed in the smallest float that holds them (float32 up to 16 bits, else float64)"
            }
            Predicate => "any dtype; the result is bool",
            RealPredicate => "bool, ints and floats; the result is bool",
            BinaryArith | TernaryArith | QuaternaryArith => {
                "ints, floats and complex, promoted to a common dtype, which is the result's"
            }
            BinaryNumeric => "ints and floats, promoted to a common dtype, which is the result's",
            BinaryFloat => "floats and complex, promoted; ints and bools in float64",
            BinaryReal => "floats, promoted; ints and bools in the smallest float that holds them",
            BinaryBits => "bool and ints, promoted",
            Shift => "ints, promoted",
            Compare => {
                "bool, ints and floats, promoted, or byte strings with byte strings; the result is bool"
            }
            Equality => "any dtype, promoted (byte strings with byte strings); the result is bool",
            Select => "a bool condition, and two operands promoted to the result's dtype",
            Cast => "any dtype, converted",
            MakeComplex => "bool, ints and floats, computed in float64; the result is complex128",
            UnaryComplex => "complex; the result is complex128",
            ComplexPart => "complex; the result is float64",
            Contains => "byte strings; the result is bool",
        }
    }
}

/// Whether an optional column of the table is there.
macro_rules! present {
    () => {
        false
    };
    ($($t:tt)+) => {
        true
    };
}

/// `None`, or `Some` of what is there: an optional column of the table.
macro_rules! column {
    () => {
        None
    };
    ($e:expr) => {
        Some($e)
    };
}

macro_rules! define_ops {
    ($($name:ident $text:literal $kind:ident $sig:ident $method:ident $doc:literal {
        $(simd($($simd:tt)+))? $(domain($domain:ident))? $(ulps($ulps:literal, $mpfr:ident))?
        $(low($low:path, $low_ulps:literal))?
    };)*) => {
        /// An elementwise operation of the compiled program.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Op {
            $(#[doc = $doc] $name,)*
        }

        impl Op {
            /// Every op, in table order.
            pub const ALL: &[Op] = &[$(Op::$name,)*];

            /// The op's name in the disassembly (and as a function, for `fn` rows).
            pub fn name(self) -> &'static str {
                match self { $(Op::$name => $text,)* }
            }

            pub fn signature(self) -> Signature {
                match self { $(Op::$name => Signature::$sig,)* }
            }

            /// True for the rows marked `fn`: the language calls them by name.
            pub fn is_function(self) -> bool {
                match self { $(Op::$name => stringify!($kind) == "fn",)* }
            }

            pub fn doc(self) -> &'static str {
                match self { $(Op::$name => $doc,)* }
            }

            /// True when floats have a SIMD kernel of their own (the
            /// table's `simd` column).
            pub fn has_float_simd(self) -> bool {
                match self { $(Op::$name => present!($($($simd)+)?),)* }
            }

            /// Where its arguments are sampled, for the functions whose
            /// accuracy or speed is measured.
            pub fn domain(self) -> Option<Domain> {
                match self { $(Op::$name => column!($(Domain::$domain)?),)* }
            }

            /// The SIMD kernel's largest error, in ULPs of the correctly
            /// rounded result, where it is measured (`tests/accuracy.rs`).
            pub fn ulps(self) -> Option<f64> {
                match self { $(Op::$name => column!($($ulps)?),)* }
            }

            /// The low-accuracy SIMD kernel's bound in ULPs, for the ops
            /// that have one (the table's `low` column).
            pub fn low_ulps(self) -> Option<f64> {
                match self { $(Op::$name => column!($($low_ulps)?),)* }
            }
        }
    };
}
for_each_op!(define_ops);

impl Op {
    /// True for the approximations: the ops whose SIMD kernel is not
    /// correctly rounded, and so may differ from the scalar kernel in the
    /// last bits (within [`Op::ulps`]).
    pub fn approximated(self) -> bool {
        self.ulps().is_some_and(|u| u > 0.5)
    }

    /// The op a function of the language names.
    pub fn function(name: &str) -> Option<Op> {
        Op::ALL
            .iter()
            .copied()
            .find(|op| op.is_function() && op.name() == name)
    }

    /// What one element of the op roughly costs, in adds: measured in
    /// Chromium with the SIMD kernels (`docs/threads.md`), an add, multiply
    /// or comparison takes 0.2-0.3 ns an element (a pass over a block in
    /// L1), a math function such as `sin` or `exp` about 32 times that, a
    /// square root or a division about 8 times. Used to decide how many
    /// threads pay.
    pub fn cost(self) -> usize {
        match self {
            Op::Sqrt | Op::Div | Op::FloorDiv | Op::Mod | Op::Fmod => 8,
            Op::Pow | Op::Arctan2 | Op::Hypot => 32,
            Op::MulAdd | Op::MulMul => 2,
            Op::MulMulAdd => 3,
            _ if matches!(
                self.signature(),
                Signature::UnaryFloat | Signature::UnaryReal
            ) =>
            {
                32
            }
            _ => 1,
        }
    }

    /// The most operands an op takes.
    pub const MAX_ARITY: usize = 4;

    /// How many operands the op takes (at most [`Op::MAX_ARITY`]).
    pub fn arity(self) -> usize {
        use Signature::*;
        match self.signature() {
            UnaryArith | UnaryNumeric | UnaryAny | UnaryBits | UnaryFloat | UnaryReal
            | Predicate | RealPredicate | Cast | UnaryComplex | ComplexPart => 1,
            BinaryArith | BinaryNumeric | BinaryFloat | BinaryReal | BinaryBits | Shift
            | Compare | Equality | MakeComplex | Contains => 2,
            Select | TernaryArith => 3,
            QuaternaryArith => 4,
        }
    }
}
