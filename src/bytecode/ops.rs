//! The one op table: every elementwise operation, declared once.
//!
//! Each row gives the op's name (in the disassembly, and as a function of the
//! language when marked `fn`), its signature class, which fixes the dtypes it
//! accepts and the dtype it returns, and the kernel method that computes one
//! element (in `kernels::scalar`). Adding a function means adding a row here,
//! its kernel method, and a test.

/// Calls `$m!` with the whole table.
macro_rules! for_each_op {
    ($m:ident) => {
        $m! {
            // Unary, same dtype out, ints and floats.
            Neg "neg" op UnaryNumeric neg "negation: `-x`";
            Abs "abs" fn UnaryNumeric abs "absolute value";
            Sign "sign" fn UnaryNumeric sign "-1, 0 or 1 (NaN stays NaN)";
            Ceil "ceil" fn UnaryNumeric ceil "round up";
            Floor "floor" fn UnaryNumeric floor "round down";
            Trunc "trunc" fn UnaryNumeric trunc "round towards zero";
            Round "round" fn UnaryNumeric round "round half to even, as `np.round`";
            // Unary, any dtype.
            Copy "copy" fn UnaryAny copy "the operand itself";
            // Unary on bool (logical) and ints (bitwise).
            Invert "invert" op UnaryBits invert "`~x`: logical not on bool, bitwise not on ints";
            // Unary math: ints and bools are computed in float64.
            Sqrt "sqrt" fn UnaryFloat sqrt "square root";
            Sin "sin" fn UnaryFloat sin "sine";
            Cos "cos" fn UnaryFloat cos "cosine";
            Tan "tan" fn UnaryFloat tan "tangent";
            Arcsin "arcsin" fn UnaryFloat arcsin "inverse sine";
            Arccos "arccos" fn UnaryFloat arccos "inverse cosine";
            Arctan "arctan" fn UnaryFloat arctan "inverse tangent";
            Sinh "sinh" fn UnaryFloat sinh "hyperbolic sine";
            Cosh "cosh" fn UnaryFloat cosh "hyperbolic cosine";
            Tanh "tanh" fn UnaryFloat tanh "hyperbolic tangent";
            Arcsinh "arcsinh" fn UnaryFloat arcsinh "inverse hyperbolic sine";
            Arccosh "arccosh" fn UnaryFloat arccosh "inverse hyperbolic cosine";
            Arctanh "arctanh" fn UnaryFloat arctanh "inverse hyperbolic tangent";
            Exp "exp" fn UnaryFloat exp "e to the x";
            Expm1 "expm1" fn UnaryFloat expm1 "exp(x) - 1, accurate near 0";
            Log "log" fn UnaryFloat log "natural logarithm";
            Log1p "log1p" fn UnaryFloat log1p "log(1 + x), accurate near 0";
            Log2 "log2" fn UnaryFloat log2 "base-2 logarithm";
            Log10 "log10" fn UnaryFloat log10 "base-10 logarithm";
            // Predicates: any dtype in, bool out.
            IsNan "isnan" fn Predicate isnan "x is NaN";
            IsInf "isinf" fn Predicate isinf "x is +-inf";
            IsFinite "isfinite" fn Predicate isfinite "x is neither NaN nor +-inf";
            SignBit "signbit" fn Predicate signbit "the sign bit is set (true for -0.0)";
            // Binary arithmetic, same dtype out.
            Add "add" op BinaryArith add "`a + b`";
            Sub "sub" op BinaryArith sub "`a - b`";
            Mul "mul" op BinaryArith mul "`a * b`";
            FloorDiv "floordiv" op BinaryArith floordiv "`a // b`: floor of the quotient; integer division by 0 gives 0";
            Mod "mod" op BinaryArith modulo "`a % b`: the remainder with the sign of b";
            Pow "pow" op BinaryArith pow "`a ** b`";
            Maximum "maximum" fn BinaryArith maximum "the larger; NaN if either is NaN";
            Minimum "minimum" fn BinaryArith minimum "the smaller; NaN if either is NaN";
            Fmod "fmod" fn BinaryArith fmod "C's fmod: the remainder with the sign of a; 0 for integers modulo 0";
            // Ternary and quaternary arithmetic, made by the compiler's fuse pass.
            MulAdd "muladd" op TernaryArith mul_then_add "`a * b + c`, rounded after the multiply and after the add as the two ops are (never fused)";
            MulMulAdd "mulmuladd" op QuaternaryArith mul_mul_add "`a * b + c * d`, each product rounded and then the sum, as the three ops are";
            // Binary math: ints and bools are computed in float64.
            Div "div" op BinaryFloat div "`a / b`: true division";
            Arctan2 "arctan2" fn BinaryFloat arctan2 "the angle of the point (b, a)";
            Hypot "hypot" fn BinaryFloat hypot "sqrt(a**2 + b**2) without overflow";
            NextAfter "nextafter" fn BinaryFloat nextafter "the next float after a towards b";
            CopySign "copysign" fn BinaryFloat copysign "a's magnitude with b's sign";
            // Logical on bool, bitwise on ints.
            BitAnd "and" op BinaryBits bitand "`a & b`";
            BitOr "or" op BinaryBits bitor "`a | b`";
            BitXor "xor" op BinaryBits bitxor "`a ^ b`";
            Shl "shl" op Shift shl "`a << b`; shifts of 64 or more give 0";
            Shr "shr" op Shift shr "`a >> b`; shifts of 64 or more give 0 or -1";
            // Comparisons: bool out.
            Lt "lt" op Compare lt "`a < b`";
            Le "le" op Compare le "`a <= b`";
            Eq "eq" op Compare eq "`a == b`";
            Ne "ne" op Compare ne "`a != b`";
            Ge "ge" op Compare ge "`a >= b`";
            Gt "gt" op Compare gt "`a > b`";
            // Selection and conversion.
            Where "where" fn Select select "a where c is true, else b";
            Cast "cast" op Cast cast "conversion to the instruction's dtype";
        }
    };
}
pub(crate) use for_each_op;

/// What dtypes an op accepts and what it returns: [`Signature::dtypes`]
/// says it in words, `compile::resolve` does it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signature {
    UnaryNumeric,
    UnaryAny,
    UnaryBits,
    UnaryFloat,
    Predicate,
    BinaryArith,
    TernaryArith,
    QuaternaryArith,
    BinaryFloat,
    BinaryBits,
    Shift,
    Compare,
    Select,
    Cast,
}

impl Signature {
    /// Which dtypes an op of this signature takes and gives, in words.
    pub fn dtypes(self) -> &'static str {
        use Signature::*;
        match self {
            UnaryNumeric => "ints and floats; the result has the operand's dtype",
            UnaryAny => "any dtype; the result has the operand's dtype",
            UnaryBits => "bool and ints; the result has the operand's dtype",
            UnaryFloat => "floats; ints and bools are computed in float64",
            Predicate => "any dtype; the result is bool",
            BinaryArith | TernaryArith | QuaternaryArith => {
                "ints and floats, promoted to a common dtype, which is the result's"
            }
            BinaryFloat => "floats, promoted; ints and bools are computed in float64",
            BinaryBits => "bool and ints, promoted",
            Shift => "ints, promoted",
            Compare => "any dtype, promoted; the result is bool",
            Select => "a bool condition, and two operands promoted to the result's dtype",
            Cast => "any dtype, converted",
        }
    }
}

macro_rules! define_ops {
    ($($name:ident $text:literal $kind:ident $sig:ident $method:ident $doc:literal;)*) => {
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
        }
    };
}
for_each_op!(define_ops);

impl Op {
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
            Op::MulAdd => 2,
            Op::MulMulAdd => 3,
            _ if self.signature() == Signature::UnaryFloat => 32,
            _ => 1,
        }
    }

    /// The most operands an op takes.
    pub const MAX_ARITY: usize = 4;

    /// How many operands the op takes (at most [`Op::MAX_ARITY`]).
    pub fn arity(self) -> usize {
        use Signature::*;
        match self.signature() {
            UnaryNumeric | UnaryAny | UnaryBits | UnaryFloat | Predicate | Cast => 1,
            BinaryArith | BinaryFloat | BinaryBits | Shift | Compare => 2,
            Select | TernaryArith => 3,
            QuaternaryArith => 4,
        }
    }
}
