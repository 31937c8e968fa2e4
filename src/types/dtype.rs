//! The dtypes: their names, sizes and NumPy's strong promotion.

use std::fmt;

macro_rules! define_dtype {
    ($($variant:ident $t:ident $name:literal $short:literal,)*) => {
        /// The element types of the language.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum DType {
            $($variant,)*
        }

        /// How many dtypes there are.
        const COUNT: usize = [$(stringify!($variant)),*].len();

        impl DType {
            pub const ALL: [DType; COUNT] = [$(DType::$variant),*];

            /// NumPy's name: `bool`, `int32`, `int64`, `float32`, `float64`.
            pub fn name(self) -> &'static str {
                match self {
                    $(DType::$variant => $name,)*
                }
            }

            /// The short form used in the disassembly.
            pub fn short(self) -> &'static str {
                match self {
                    $(DType::$variant => $short,)*
                }
            }

            /// Bytes per element.
            pub fn size(self) -> usize {
                match self {
                    $(DType::$variant => size_of::<$t>(),)*
                }
            }
        }
    };
}
super::for_each_dtype!(define_dtype);

impl DType {
    pub fn parse(name: &str) -> Option<DType> {
        DType::ALL
            .into_iter()
            .find(|d| d.name() == name || d.short() == name)
            .or(match name {
                "f8" | "double" | "float" => Some(DType::Float64),
                "f4" | "single" => Some(DType::Float32),
                "i8" | "int" => Some(DType::Int64),
                "i4" => Some(DType::Int32),
                _ => None,
            })
    }

    pub fn is_float(self) -> bool {
        matches!(self, DType::Float32 | DType::Float64)
    }

    pub fn is_int(self) -> bool {
        matches!(self, DType::Int32 | DType::Int64)
    }

    /// NumPy's promotion of two strong dtypes.
    pub fn promote(self, other: DType) -> DType {
        use DType::*;
        match (self.min(other), self.max(other)) {
            (a, b) if a == b => a,
            (Bool, b) => b,
            (Int32, Int64) => Int64,
            // int32 and int64 do not fit in float32: NumPy gives float64.
            (Int32 | Int64, Float32) => Float64,
            (_, _) => Float64,
        }
    }
}

impl fmt::Display for DType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
