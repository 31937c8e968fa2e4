//! NEP 50 promotion: strong dtypes and weak literals.

use super::{DType, Kind};

/// Kinds of weak (Python literal) values, in NEP 50's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weak {
    Bool,
    Int,
    Float,
    Complex,
}

impl Weak {
    /// The dtype a weak value has when nothing strong decides: Python's.
    pub fn default_dtype(self) -> DType {
        match self {
            Weak::Bool => DType::Bool,
            Weak::Int => DType::Int64,
            Weak::Float => DType::Float64,
            Weak::Complex => DType::Complex128,
        }
    }

    pub fn of(dtype: DType) -> Weak {
        match dtype.kind() {
            Kind::Bool => Weak::Bool,
            Kind::Signed | Kind::Unsigned => Weak::Int,
            Kind::Float => Weak::Float,
            Kind::Complex => Weak::Complex,
            // Never asked: typing refuses byte strings with numbers first.
            Kind::Bytes => Weak::Bool,
        }
    }
}

/// The type of an operand during resolution: a dtype, maybe weak.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ty {
    pub dtype: DType,
    pub weak: bool,
}

impl Ty {
    pub fn strong(dtype: DType) -> Ty {
        Ty { dtype, weak: false }
    }

    pub fn weak(kind: Weak) -> Ty {
        Ty {
            dtype: kind.default_dtype(),
            weak: true,
        }
    }
}

/// NEP 50: the common type of operands, weak ones deferring to strong ones.
pub fn promote(types: &[Ty]) -> Ty {
    let strong = types
        .iter()
        .filter(|t| !t.weak)
        .map(|t| t.dtype)
        .reduce(DType::promote);
    let weak = types
        .iter()
        .filter(|t| t.weak)
        .map(|t| Weak::of(t.dtype))
        .max();
    match (strong, weak) {
        (Some(s), None) => Ty::strong(s),
        (None, Some(w)) => Ty::weak(w),
        (Some(s), Some(w)) => Ty::strong(weak_into(s, w)),
        (None, None) => Ty::strong(DType::Float64),
    }
}

/// The dtype a weak value of kind `weak` meets a strong `dtype` in.
fn weak_into(dtype: DType, weak: Weak) -> DType {
    match (Weak::of(dtype), weak) {
        (have, w) if w <= have => dtype,
        // A Python int meeting a bool array: NumPy's default int.
        (Weak::Bool, Weak::Int) => DType::Int64,
        // A Python complex meeting a real array: NumPy's complex64 for
        // float32 and smaller, which ExprLab lacks, else complex128.
        (_, Weak::Complex) => DType::Complex128,
        _ => DType::Float64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::Scalar;

    #[test]
    fn strong_promotion_follows_numpy() {
        use DType::*;
        assert_eq!(Int32.promote(Float32), Float64);
        assert_eq!(Int64.promote(Float32), Float64);
        assert_eq!(Bool.promote(Float32), Float32);
        assert_eq!(Int32.promote(Int64), Int64);
        assert_eq!(Float32.promote(Float64), Float64);
        // Signed with unsigned: a signed dtype that holds both, if any.
        assert_eq!(Int8.promote(UInt8), Int16);
        assert_eq!(UInt16.promote(Int32), Int32);
        assert_eq!(UInt32.promote(Int32), Int64);
        assert_eq!(UInt64.promote(Int8), Float64);
        assert_eq!(UInt8.promote(UInt64), UInt64);
        // Floats hold integers of half their bits.
        assert_eq!(Int16.promote(Float32), Float32);
        assert_eq!(UInt16.promote(Float32), Float32);
        assert_eq!(UInt32.promote(Float32), Float64);
        assert_eq!(Bool.promote(Int8), Int8);
        // Symmetric, every pair.
        for a in DType::ALL {
            for b in DType::ALL {
                assert_eq!(a.promote(b), b.promote(a), "{a} with {b}");
            }
        }
    }

    #[test]
    fn weak_literals_defer_to_strong_operands() {
        let f32s = Ty::strong(DType::Float32);
        let i32s = Ty::strong(DType::Int32);
        let float = Ty::weak(Weak::Float);
        let int = Ty::weak(Weak::Int);
        assert_eq!(promote(&[f32s, float]), f32s);
        assert_eq!(promote(&[i32s, int]), i32s);
        assert_eq!(promote(&[i32s, float]), Ty::strong(DType::Float64));
        assert_eq!(promote(&[int, float]), Ty::weak(Weak::Float));
        assert_eq!(
            promote(&[Ty::strong(DType::Bool), int]),
            Ty::strong(DType::Int64)
        );
        let complex = Ty::weak(Weak::Complex);
        assert_eq!(promote(&[i32s, complex]), Ty::strong(DType::Complex128));
        assert_eq!(promote(&[float, complex]), complex);
        assert_eq!(
            promote(&[Ty::strong(DType::Complex128), float]),
            Ty::strong(DType::Complex128)
        );
    }

    #[test]
    fn casts_are_c_casts() {
        assert_eq!(Scalar::Float64(-2.7).cast(DType::Int64), Scalar::Int64(-2));
        assert_eq!(Scalar::Int64(3).cast(DType::Bool), Scalar::Bool(true));
        assert_eq!(
            Scalar::Int64((1 << 24) + 1).cast(DType::Float32),
            Scalar::Float32(16777216.0)
        );
    }
}
