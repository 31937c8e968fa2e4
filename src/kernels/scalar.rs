//! One element of every op: the scalar reference that the block kernels map
//! over arrays, that constant folding evaluates, and that the SIMD kernels
//! will be measured against.
//!
//! Semantics follow NumPy's scalar loops (`npy_divmod`, `npy_lshift`, the
//! NaN-propagating `maximum`); the transcendental functions are the
//! platform's libm, as NumPy's eager evaluation uses.

use crate::types::{C128, Element};

/// Ops defined on ints, floats and complex numbers.
pub trait Arith: Element {
    fn neg(self) -> Self;
    fn add(self, b: Self) -> Self;
    fn sub(self, b: Self) -> Self;
    fn mul(self, b: Self) -> Self;
    fn pow(self, b: Self) -> Self;
    /// `self * b + c` with the multiply rounded first, exactly as the two
    /// ops give it (never a fused multiply-add).
    #[inline(always)]
    fn mul_then_add(self, b: Self, c: Self) -> Self {
        self.mul(b).add(c)
    }
    /// `self * b * c`, each product rounded, exactly as the two ops give it.
    #[inline(always)]
    fn mul_then_mul(self, b: Self, c: Self) -> Self {
        self.mul(b).mul(c)
    }
    /// `self * b + c * d`, each product rounded and then the sum, exactly
    /// as the three ops give it.
    #[inline(always)]
    fn mul_mul_add(self, b: Self, c: Self, d: Self) -> Self {
        self.mul(b).add(c.mul(d))
    }
}

/// Ops defined on ints and floats: the ordered numbers.
pub trait Numeric: Arith + Real {
    fn abs(self) -> Self;
    fn sign(self) -> Self;
    fn ceil(self) -> Self;
    fn floor(self) -> Self;
    fn trunc(self) -> Self;
    fn round(self) -> Self;
    fn floordiv(self, b: Self) -> Self;
    fn modulo(self, b: Self) -> Self;
    fn fmod(self, b: Self) -> Self;
    fn maximum(self, b: Self) -> Self;
    fn minimum(self, b: Self) -> Self;
}

/// The math functions of floats and complex numbers.
pub trait Math: Arith {
    fn sqrt(self) -> Self;
    fn sin(self) -> Self;
    fn cos(self) -> Self;
    fn tan(self) -> Self;
    fn arcsin(self) -> Self;
    fn arccos(self) -> Self;
    fn arctan(self) -> Self;
    fn sinh(self) -> Self;
    fn cosh(self) -> Self;
    fn tanh(self) -> Self;
    fn arcsinh(self) -> Self;
    fn arccosh(self) -> Self;
    fn arctanh(self) -> Self;
    fn exp(self) -> Self;
    fn expm1(self) -> Self;
    fn log(self) -> Self;
    fn log1p(self) -> Self;
    fn log2(self) -> Self;
    fn log10(self) -> Self;
    fn div(self, b: Self) -> Self;
}

/// Ops defined on floats only.
pub trait Float: Math + Numeric {
    fn cbrt(self) -> Self;
    fn arctan2(self, b: Self) -> Self;
    fn hypot(self, b: Self) -> Self;
    fn nextafter(self, b: Self) -> Self;
    fn copysign(self, b: Self) -> Self;
}

/// Complex numbers: the conjugate, and the parts that are float64.
pub trait Complex: Math {
    fn conj(self) -> Self;
    fn reciprocal(self) -> Self;
    fn real(self) -> f64;
    fn imag(self) -> f64;
    fn magnitude(self) -> f64;
    fn angle(self) -> f64;
}

/// The complex number of two float64s: `complex(a, b)`.
pub fn complex(re: f64, im: f64) -> C128 {
    C128::new(re, im)
}

/// Logical ops on bool, bitwise ops on ints.
pub trait Bits: Element {
    fn invert(self) -> Self;
    fn bitand(self, b: Self) -> Self;
    fn bitor(self, b: Self) -> Self;
    fn bitxor(self, b: Self) -> Self;
}

/// Shifts, on ints.
pub trait Shift: Element {
    fn shl(self, b: Self) -> Self;
    fn shr(self, b: Self) -> Self;
}

/// Ops defined on every dtype.
pub trait Any: Element {
    fn isnan(self) -> bool;
    fn isinf(self) -> bool;
    fn isfinite(self) -> bool;

    fn copy(self) -> Self {
        self
    }
    fn eq(self, b: Self) -> bool {
        self == b
    }
    fn ne(self, b: Self) -> bool {
        self != b
    }
}

/// Ops of the ordered dtypes: every one but complex.
pub trait Real: Any + PartialOrd {
    fn signbit(self) -> bool;

    fn lt(self, b: Self) -> bool {
        self < b
    }
    fn le(self, b: Self) -> bool {
        self <= b
    }
    fn ge(self, b: Self) -> bool {
        self >= b
    }
    fn gt(self, b: Self) -> bool {
        self > b
    }
}

/// The integer kernels, signed and unsigned (`$sign`), which differ only
/// where a value may be negative: see [`signed!`]. Signs are tested with
/// `x < Self::ZERO`, which an unsigned type answers false without a
/// comparison against a literal that the compiler would call useless.
macro_rules! int_kernels {
    ($t:ty, $sign:ident) => {
        impl Arith for $t {
            fn neg(self) -> Self {
                self.wrapping_neg()
            }
            fn add(self, b: Self) -> Self {
                self.wrapping_add(b)
            }
            fn sub(self, b: Self) -> Self {
                self.wrapping_sub(b)
            }
            fn mul(self, b: Self) -> Self {
                self.wrapping_mul(b)
            }
            /// Wrapping, by squaring. NumPy refuses negative exponents; here
            /// they give the integer part of 1/a**|b| (0 unless a is 1 or -1).
            fn pow(self, b: Self) -> Self {
                if b < Self::ZERO {
                    return signed!(
                        $sign,
                        match self {
                            1 => 1,
                            -1 if b % 2 == 0 => 1,
                            -1 => -1,
                            _ => 0,
                        },
                        0
                    );
                }
                let (mut base, mut exp, mut acc) = (self, b, 1 as $t);
                while exp > 0 {
                    if exp & 1 == 1 {
                        acc = acc.wrapping_mul(base);
                    }
                    base = base.wrapping_mul(base);
                    exp >>= 1;
                }
                acc
            }
        }

        impl Numeric for $t {
            fn abs(self) -> Self {
                signed!($sign, self.wrapping_abs(), self)
            }
            fn sign(self) -> Self {
                signed!($sign, self.signum(), Self::from(self != 0))
            }
            fn ceil(self) -> Self {
                self
            }
            fn floor(self) -> Self {
                self
            }
            fn trunc(self) -> Self {
                self
            }
            fn round(self) -> Self {
                self
            }
            /// NumPy: division by zero gives 0; MIN // -1 wraps to MIN.
            fn floordiv(self, b: Self) -> Self {
                if b == 0 {
                    return 0;
                }
                let q = self.wrapping_div(b);
                if self.wrapping_rem(b) != 0 && ((self < Self::ZERO) != (b < Self::ZERO)) {
                    q - 1
                } else {
                    q
                }
            }
            /// NumPy: the remainder has the sign of `b`; modulus by zero gives 0.
            fn modulo(self, b: Self) -> Self {
                if b == 0 {
                    return 0;
                }
                let r = self.wrapping_rem(b);
                if r != 0 && ((r < Self::ZERO) != (b < Self::ZERO)) {
                    r + b
                } else {
                    r
                }
            }
            /// C's `%`: the sign of `self`; NumPy gives 0 for a zero divisor.
            fn fmod(self, b: Self) -> Self {
                if b == 0 { 0 } else { self.wrapping_rem(b) }
            }
            fn maximum(self, b: Self) -> Self {
                Ord::max(self, b)
            }
            fn minimum(self, b: Self) -> Self {
                Ord::min(self, b)
            }
        }

        impl Bits for $t {
            fn invert(self) -> Self {
                !self
            }
            fn bitand(self, b: Self) -> Self {
                self & b
            }
            fn bitor(self, b: Self) -> Self {
                self | b
            }
            fn bitxor(self, b: Self) -> Self {
                self ^ b
            }
        }

        impl Shift for $t {
            /// NumPy's `npy_lshift`: a shift by the width or more (or a
            /// negative one) gives 0.
            fn shl(self, b: Self) -> Self {
                if (b as u64) < u64::from(<$t>::BITS) {
                    self << b
                } else {
                    0
                }
            }
            /// NumPy's `npy_rshift`: an out-of-range shift fills with the sign.
            fn shr(self, b: Self) -> Self {
                if (b as u64) < u64::from(<$t>::BITS) {
                    self >> b
                } else {
                    signed!($sign, self >> (<$t>::BITS - 1), 0)
                }
            }
        }

        impl Any for $t {
            fn isnan(self) -> bool {
                false
            }
            fn isinf(self) -> bool {
                false
            }
            fn isfinite(self) -> bool {
                true
            }
        }

        impl Real for $t {
            fn signbit(self) -> bool {
                self < Self::ZERO
            }
        }
    };
}

/// `$signed` for a signed integer type, `$unsigned` for an unsigned one.
macro_rules! signed {
    (signed, $signed:expr, $unsigned:expr) => {
        $signed
    };
    (unsigned, $signed:expr, $unsigned:expr) => {
        $unsigned
    };
}

int_kernels!(i8, signed);
int_kernels!(i16, signed);
int_kernels!(i32, signed);
int_kernels!(i64, signed);
int_kernels!(u8, unsigned);
int_kernels!(u16, unsigned);
int_kernels!(u32, unsigned);
int_kernels!(u64, unsigned);

macro_rules! float_kernels {
    ($t:ty) => {
        impl Arith for $t {
            fn neg(self) -> Self {
                -self
            }
            fn add(self, b: Self) -> Self {
                self + b
            }
            fn sub(self, b: Self) -> Self {
                self - b
            }
            fn mul(self, b: Self) -> Self {
                self * b
            }
            fn pow(self, b: Self) -> Self {
                self.powf(b)
            }
        }

        impl Numeric for $t {
            fn abs(self) -> Self {
                <$t>::abs(self)
            }
            /// NumPy's sign: 0.0 for both zeros, NaN for NaN.
            fn sign(self) -> Self {
                if self > 0.0 {
                    1.0
                } else if self < 0.0 {
                    -1.0
                } else if self == 0.0 {
                    0.0
                } else {
                    self
                }
            }
            fn ceil(self) -> Self {
                <$t>::ceil(self)
            }
            fn floor(self) -> Self {
                <$t>::floor(self)
            }
            fn trunc(self) -> Self {
                <$t>::trunc(self)
            }
            fn round(self) -> Self {
                <$t>::round_ties_even(self)
            }
            /// NumPy's `npy_floor_divide` (from `npy_divmod`).
            fn floordiv(self, b: Self) -> Self {
                if b == 0.0 {
                    return self / b;
                }
                let m = self % b;
                let mut div = (self - m) / b;
                if m != 0.0 && ((b < 0.0) != (m < 0.0)) {
                    div -= 1.0;
                }
                if div == 0.0 {
                    return (0.0 as $t).copysign(self / b);
                }
                let floor = <$t>::floor(div);
                if div - floor > 0.5 {
                    floor + 1.0
                } else {
                    floor
                }
            }
            /// NumPy's `npy_remainder`: the sign of the divisor.
            fn modulo(self, b: Self) -> Self {
                let m = self % b;
                if b == 0.0 {
                    return m;
                }
                if m == 0.0 {
                    (0.0 as $t).copysign(b)
                } else if (b < 0.0) != (m < 0.0) {
                    m + b
                } else {
                    m
                }
            }
            fn fmod(self, b: Self) -> Self {
                self % b
            }
            /// NumPy's maximum: NaN wins.
            fn maximum(self, b: Self) -> Self {
                if self >= b || self.is_nan() { self } else { b }
            }
            fn minimum(self, b: Self) -> Self {
                if self <= b || self.is_nan() { self } else { b }
            }
        }

        impl Math for $t {
            fn sqrt(self) -> Self {
                <$t>::sqrt(self)
            }
            fn sin(self) -> Self {
                <$t>::sin(self)
            }
            fn cos(self) -> Self {
                <$t>::cos(self)
            }
            fn tan(self) -> Self {
                <$t>::tan(self)
            }
            fn arcsin(self) -> Self {
                self.asin()
            }
            fn arccos(self) -> Self {
                self.acos()
            }
            fn arctan(self) -> Self {
                self.atan()
            }
            fn sinh(self) -> Self {
                <$t>::sinh(self)
            }
            fn cosh(self) -> Self {
                <$t>::cosh(self)
            }
            fn tanh(self) -> Self {
                <$t>::tanh(self)
            }
            fn arcsinh(self) -> Self {
                self.asinh()
            }
            fn arccosh(self) -> Self {
                self.acosh()
            }
            fn arctanh(self) -> Self {
                self.atanh()
            }
            fn exp(self) -> Self {
                <$t>::exp(self)
            }
            fn expm1(self) -> Self {
                self.exp_m1()
            }
            fn log(self) -> Self {
                self.ln()
            }
            fn log1p(self) -> Self {
                self.ln_1p()
            }
            fn log2(self) -> Self {
                <$t>::log2(self)
            }
            fn log10(self) -> Self {
                <$t>::log10(self)
            }
            fn div(self, b: Self) -> Self {
                self / b
            }
        }

        impl Float for $t {
            fn cbrt(self) -> Self {
                <$t>::cbrt(self)
            }
            fn arctan2(self, b: Self) -> Self {
                self.atan2(b)
            }
            fn hypot(self, b: Self) -> Self {
                <$t>::hypot(self, b)
            }
            fn nextafter(self, b: Self) -> Self {
                if self.is_nan() || b.is_nan() {
                    self + b
                } else if self == b {
                    b
                } else if self < b {
                    self.next_up()
                } else {
                    self.next_down()
                }
            }
            fn copysign(self, b: Self) -> Self {
                <$t>::copysign(self, b)
            }
        }

        impl Any for $t {
            fn isnan(self) -> bool {
                self.is_nan()
            }
            fn isinf(self) -> bool {
                self.is_infinite()
            }
            fn isfinite(self) -> bool {
                self.is_finite()
            }
        }

        impl Real for $t {
            fn signbit(self) -> bool {
                self.is_sign_negative()
            }
        }
    };
}

float_kernels!(f32);
float_kernels!(f64);

impl Bits for bool {
    fn invert(self) -> Self {
        !self
    }
    fn bitand(self, b: Self) -> Self {
        self & b
    }
    fn bitor(self, b: Self) -> Self {
        self | b
    }
    fn bitxor(self, b: Self) -> Self {
        self ^ b
    }
}

impl Any for bool {
    fn isnan(self) -> bool {
        false
    }
    fn isinf(self) -> bool {
        false
    }
    fn isfinite(self) -> bool {
        true
    }
}

impl Real for bool {
    fn signbit(self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_division_follows_numpy() {
        assert_eq!(Numeric::floordiv(-7i64, 2), -4);
        assert_eq!(Numeric::modulo(-7i64, 2), 1);
        assert_eq!(Numeric::modulo(7i64, -2), -1);
        assert_eq!(Numeric::floordiv(7i64, 0), 0);
        assert_eq!(Numeric::modulo(7i64, 0), 0);
        assert_eq!(Numeric::floordiv(i64::MIN, -1), i64::MIN);
    }

    #[test]
    fn float_division_follows_numpy() {
        assert_eq!(Numeric::floordiv(-7.0f64, 2.0), -4.0);
        assert_eq!(Numeric::modulo(-7.0f64, 2.0), 1.0);
        assert!(Numeric::modulo(1.0f64, 0.0).is_nan());
        assert_eq!(Numeric::floordiv(1.0f64, 0.0), f64::INFINITY);
        assert!(Numeric::modulo(-0.0f64, 3.0).is_sign_positive());
        assert!(Numeric::floordiv(-0.5f64, 3.0) == -1.0);
    }

    #[test]
    fn shifts_saturate_as_numpy() {
        assert_eq!(Shift::shl(1i64, 64), 0);
        assert_eq!(Shift::shr(-8i64, 70), -1);
        assert_eq!(Shift::shl(1i32, -1), 0);
        assert_eq!(Shift::shl(1i32, 3), 8);
    }

    #[test]
    fn maximum_propagates_nan() {
        assert!(Numeric::maximum(f64::NAN, 1.0).is_nan());
        assert!(Numeric::maximum(1.0, f64::NAN).is_nan());
        assert!(Numeric::minimum(1.0f32, f32::NAN).is_nan());
    }

    #[test]
    fn integer_powers() {
        assert_eq!(Arith::pow(3i64, 4), 81);
        assert_eq!(Arith::pow(-1i64, -3), -1);
        assert_eq!(Arith::pow(2i32, -1), 0);
        assert_eq!(Arith::pow(2i32, 31), i32::MIN);
    }
}
