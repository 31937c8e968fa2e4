//! The dtypes: their names, sizes and NumPy's strong promotion.

use super::C128;
use std::fmt;

/// What a dtype's elements are: it decides the promotion and which ops
/// take them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Bool,
    Signed,
    Unsigned,
    Float,
    Complex,
    /// NumPy's `S` dtype: byte strings, compared and searched but never
    /// computed with.
    Bytes,
}

macro_rules! define_dtype {
    ($($variant:ident $t:ident $name:literal $short:literal $kind:ident,)*) => {
        /// The element types of the language: the table's numbers, and
        /// byte strings, which are not a row of it: their width is the
        /// array's ([`Strings`](super::Strings)), and no register or
        /// kernel holds them.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum DType {
            $($variant,)*
            Bytes,
        }

        /// How many numeric dtypes there are.
        const COUNT: usize = [$(stringify!($variant)),*].len();

        impl DType {
            /// The numeric dtypes (every one but [`DType::Bytes`]).
            pub const ALL: [DType; COUNT] = [$(DType::$variant),*];

            /// NumPy's name: `bool`, `int8` ... `uint64`, `float32`,
            /// `float64`, `complex128`; `bytes` for NumPy's `S` dtypes of
            /// every width.
            pub fn name(self) -> &'static str {
                match self {
                    $(DType::$variant => $name,)*
                    DType::Bytes => "bytes",
                }
            }

            /// The short form used in the disassembly.
            pub fn short(self) -> &'static str {
                match self {
                    $(DType::$variant => $short,)*
                    DType::Bytes => "S",
                }
            }

            /// Bytes per element; per character of a byte string.
            pub fn size(self) -> usize {
                match self {
                    $(DType::$variant => size_of::<$t>(),)*
                    DType::Bytes => 1,
                }
            }

            /// Bool, signed or unsigned integer, float, complex or bytes.
            pub fn kind(self) -> Kind {
                match self {
                    $(DType::$variant => Kind::$kind,)*
                    DType::Bytes => Kind::Bytes,
                }
            }
        }
    };
}
super::for_each_dtype!(define_dtype);

impl DType {
    /// The dtype of a name: NumPy's (`float64`), the disassembly's (`f64`),
    /// C's (`double`, `float`, `int`) or a NumPy type code (`f8`, `i4`,
    /// `u2`); `bytes`, `S` or NumPy's `S5` (`|S5`) for byte strings, of any
    /// width. `i8` and `u8` are refused: the disassembly's int8 and uint8,
    /// they are NumPy's codes of int64 and uint64.
    pub fn parse(name: &str) -> Option<DType> {
        if matches!(name, "i8" | "u8") {
            return None;
        }
        if DType::bytes_width(name).is_some() {
            return Some(DType::Bytes);
        }
        DType::ALL
            .into_iter()
            .find(|d| d.name() == name || d.short() == name)
            .or(match name {
                "f8" | "double" | "float" => Some(DType::Float64),
                "c16" | "complex" => Some(DType::Complex128),
                "f4" | "single" => Some(DType::Float32),
                "int" => Some(DType::Int64),
                "i4" => Some(DType::Int32),
                "i2" => Some(DType::Int16),
                "i1" => Some(DType::Int8),
                "u4" => Some(DType::UInt32),
                "u2" => Some(DType::UInt16),
                "u1" => Some(DType::UInt8),
                "bytes" | "S" => Some(DType::Bytes),
                _ => None,
            })
    }

    /// The width NumPy's name of a byte-string dtype gives: 5 for `S5` or
    /// `|S5`; `None` for any other name (`bytes` and `S` give none).
    pub fn bytes_width(name: &str) -> Option<usize> {
        let digits = name.trim_start_matches('|').strip_prefix('S')?;
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse().ok()
    }

    /// Every dtype's name, for messages: "bool, int8, ... or float64".
    pub fn names() -> String {
        let names: Vec<&str> = DType::ALL.iter().map(|d| d.name()).collect();
        match names.split_last() {
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        }
    }

    pub fn is_float(self) -> bool {
        self.kind() == Kind::Float
    }

    pub fn is_complex(self) -> bool {
        self.kind() == Kind::Complex
    }

    /// A signed or unsigned integer (not bool).
    pub fn is_int(self) -> bool {
        matches!(self.kind(), Kind::Signed | Kind::Unsigned)
    }

    /// The `.npy` header's name of a numeric dtype, little-endian: `<f8`,
    /// `|u1` (a byte string's, `|S5`, has its array's width).
    pub fn descr(self) -> String {
        let code = match self.kind() {
            Kind::Bool => 'b',
            Kind::Signed => 'i',
            Kind::Unsigned => 'u',
            Kind::Float => 'f',
            Kind::Complex => 'c',
            Kind::Bytes => 'S',
        };
        let order = if self.size() == 1 { '|' } else { '<' };
        format!("{order}{code}{}", self.size())
    }

    /// The least and greatest values of an integer dtype.
    pub fn int_range(self) -> Option<(i128, i128)> {
        let bits = self.bits() as u32;
        match self.kind() {
            Kind::Signed => Some((-(1 << (bits - 1)), (1 << (bits - 1)) - 1)),
            Kind::Unsigned => Some((0, (1 << bits) - 1)),
            Kind::Bool | Kind::Float | Kind::Complex | Kind::Bytes => None,
        }
    }

    pub fn bits(self) -> usize {
        8 * self.size()
    }

    /// The integer dtype of `bits` bits, signed or not.
    fn int(bits: usize, signed: bool) -> DType {
        DType::ALL
            .into_iter()
            .find(|d| {
                d.bits() == bits && d.kind() == if signed { Kind::Signed } else { Kind::Unsigned }
            })
            .unwrap_or(DType::Float64)
    }

    /// NumPy's promotion of two strong dtypes (`np.promote_types`): the
    /// smallest dtype that holds every value of both, float64 where no
    /// integer does (int64 with uint64), float32 for the integers of 16
    /// bits or fewer with float32; complex128 with anything is complex128
    /// (NumPy's complex64, for float32 with complex, ExprLab lacks).
    pub fn promote(self, other: DType) -> DType {
        use Kind::*;
        let (a, b) = (self, other);
        match (a.kind(), b.kind()) {
            _ if a == b => a,
            // Typing refuses byte strings with numbers before it promotes.
            (Bytes, _) | (_, Bytes) => DType::Bytes,
            (Bool, _) => b,
            (_, Bool) => a,
            (Complex, _) => a,
            (_, Complex) => b,
            (Float, Float) => a.max_size(b),
            (Float, _) if a.bits() >= 2 * b.bits() => a,
            (_, Float) if b.bits() >= 2 * a.bits() => b,
            (Float, _) | (_, Float) => DType::Float64,
            (Signed, Signed) | (Unsigned, Unsigned) => a.max_size(b),
            (Signed, Unsigned) => signed_with_unsigned(a, b),
            (Unsigned, Signed) => signed_with_unsigned(b, a),
        }
    }

    fn max_size(self, other: DType) -> DType {
        if other.size() > self.size() {
            other
        } else {
            self
        }
    }
}

/// A signed integer that holds every value of the unsigned one, or float64.
fn signed_with_unsigned(signed: DType, unsigned: DType) -> DType {
    if signed.bits() > unsigned.bits() {
        signed
    } else {
        DType::int(2 * unsigned.bits(), true)
    }
}

impl fmt::Display for DType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
