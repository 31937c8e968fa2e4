//! The language's functions, listed once: the op table's `fn` rows, those
//! the resolver rewrites (`clip`, `ones_like`, and `real`, `imag`, `conj`,
//! `angle`, which pick the complex ops for complex operands; the
//! attributes `.real` and `.imag` are the first two), and the reductions. The
//! resolver, `exprlab functions`, the page's function reference and the
//! README's test all read this list.

use crate::bytecode::ops::{Op, Signature};
use crate::kernels::reduce::Reduction;

/// What a function of the language stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Function {
    /// An elementwise op of the table.
    Op(Op),
    /// `clip(x, lo, hi)`: `minimum(maximum(x, lo), hi)`, as `numpy.clip`.
    Clip,
    /// `ones_like(x)`: ones of `x`'s dtype (a constant, broadcast).
    OnesLike,
    /// `real(x)`, `x.real`: the real part; a real `x` itself.
    Real,
    /// `imag(x)`, `x.imag`: the imaginary part; zeros of a real `x`'s dtype.
    Imag,
    /// `conj(x)`: the conjugate; a real `x` itself (a bool in int8, as NumPy's).
    Conj,
    /// `angle(x)`, also `arg(x)`: the angle of a complex, `arctan2(0, x)`
    /// of a real `x` (as `numpy.angle`).
    Angle,
    /// A reduction, allowed as the outermost call of the result.
    Reduction(Reduction),
}

impl Function {
    /// Every function: the table's in table order, then `clip` and
    /// `ones_like`, then the reductions.
    pub fn all() -> impl Iterator<Item = Function> {
        let ops = Op::ALL.iter().filter(|op| op.is_function());
        ops.map(|&op| Function::Op(op))
            .chain([
                Function::Clip,
                Function::OnesLike,
                Function::Real,
                Function::Imag,
                Function::Conj,
                Function::Angle,
            ])
            .chain(Reduction::ALL.map(Function::Reduction))
    }

    /// The function the language calls `name` (`arg` is `angle`).
    pub fn find(name: &str) -> Option<Function> {
        let name = if name == "arg" { "angle" } else { name };
        Function::all().find(|f| f.name() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            Function::Op(op) => op.name(),
            Function::Clip => "clip",
            Function::OnesLike => "ones_like",
            Function::Real => "real",
            Function::Imag => "imag",
            Function::Conj => "conj",
            Function::Angle => "angle",
            Function::Reduction(r) => r.name(),
        }
    }

    /// The parameters' names, as the docs write a call: `a, b`.
    pub fn params(self) -> &'static str {
        match self {
            Function::Op(op) => match op.signature() {
                Signature::Select => "c, a, b",
                _ => ["x", "x", "a, b", "a, b, c", "a, b, c, d"][op.arity()],
            },
            Function::Clip => "x, lo, hi",
            Function::OnesLike
            | Function::Real
            | Function::Imag
            | Function::Conj
            | Function::Angle
            | Function::Reduction(_) => "x",
        }
    }

    /// How many arguments a call takes.
    pub fn arity(self) -> usize {
        self.params().split(',').count()
    }

    /// What it computes, in a line.
    pub fn doc(self) -> &'static str {
        match self {
            Function::Op(op) => op.doc(),
            Function::Clip => {
                "`x` limited to [lo, hi]: `minimum(maximum(x, lo), hi)`, as `numpy.clip`"
            }
            Function::OnesLike => "ones of `x`'s dtype, as many as `x` has",
            Function::Real => "the real part, also written `x.real` (a real `x` itself)",
            Function::Imag => {
                "the imaginary part, also written `x.imag` (zeros of a real `x`'s dtype)"
            }
            Function::Conj => "the complex conjugate (a real `x` itself)",
            Function::Angle => {
                "the angle of a complex in (-pi, pi], also written `arg(x)`: `arctan2(x.imag, x.real)`"
            }
            Function::Reduction(r) => r.doc(),
        }
    }

    /// Which dtypes it takes and gives, in words.
    pub fn dtypes(self) -> &'static str {
        match self {
            Function::Op(op) => op.signature().dtypes(),
            Function::Clip => "ints and floats, promoted",
            Function::OnesLike => "any dtype",
            Function::Real | Function::Imag => {
                "any dtype; of a complex, float64, else the operand's dtype"
            }
            Function::Conj => "ints, floats (bools in int8) and complex",
            Function::Angle => "any dtype; of a complex, float64, else the float `arctan2` gives",
            Function::Reduction(_) => {
                "any dtype (complex: not min or max); signed ints and bools sum in int64, unsigned ints in uint64, their mean is float64; `axis=k` reduces along one axis"
            }
        }
    }

    /// True when float arguments run through SIMD kernels: those of the op
    /// table's `simd` column, and those every dtype has by signature in
    /// `kernels::simd` (copies, predicates, `where`); `clip` is `maximum`
    /// and `minimum`.
    pub fn has_float_simd(self) -> bool {
        use crate::bytecode::ops::Signature::*;
        match self {
            Function::Op(op) => {
                op.has_float_simd() || matches!(op.signature(), UnaryAny | Predicate | Select)
            }
            Function::Clip | Function::Reduction(_) => true,
            Function::Angle => Op::Arctan2.has_float_simd(),
            Function::OnesLike | Function::Real | Function::Imag | Function::Conj => false,
        }
    }

    /// The SIMD kernel's largest error in ULPs, where the table states one.
    pub fn ulps(self) -> Option<f64> {
        match self {
            Function::Op(op) => op.ulps(),
            Function::Angle => Op::Arctan2.ulps(),
            _ => None,
        }
    }

    /// How floats are computed, in a word or three: `simd`, `simd 2 ulp`
    /// (an approximation within its bound), `simd 1 ulp, low 4` (with a
    /// low-accuracy kernel within 4), `scalar` or `constant`.
    pub fn kernel(self) -> String {
        let low = match self {
            Function::Op(op) => op.low_ulps(),
            _ => None,
        };
        match (self, self.has_float_simd(), self.ulps()) {
            (Function::OnesLike | Function::Imag, ..) => "constant".into(),
            (Function::Real | Function::Conj, ..) => "none".into(),
            (_, true, Some(u)) if u > 0.5 => match low {
                Some(l) => format!("simd {u} ulp, low {l}"),
                None => format!("simd {u} ulp"),
            },
            (_, true, _) => "simd".into(),
            (_, false, _) => "scalar".into(),
        }
    }

    /// `elementwise` or `reduction`: where a call may stand.
    pub fn kind(self) -> &'static str {
        match self {
            Function::Reduction(_) => "reduction",
            _ => "elementwise",
        }
    }
}
