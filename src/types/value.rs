//! Inputs and results: an array or a scalar.

use super::{Array, DType, Element, Scalar};

/// An input or a result: a 1-D array or a scalar (a 0-d array).
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Scalar(Scalar),
    Array(Array),
}

impl Value {
    pub fn dtype(&self) -> DType {
        match self {
            Value::Scalar(s) => s.dtype(),
            Value::Array(a) => a.dtype(),
        }
    }

    pub fn is_scalar(&self) -> bool {
        matches!(self, Value::Scalar(_))
    }

    /// The element count: 1 for a scalar.
    pub fn len(&self) -> usize {
        match self {
            Value::Scalar(_) => 1,
            Value::Array(a) => a.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Element `i`, a scalar standing for every element.
    pub fn get(&self, i: usize) -> Option<Scalar> {
        match self {
            Value::Scalar(s) => Some(*s),
            Value::Array(a) => a.get(i),
        }
    }
}

impl From<Array> for Value {
    fn from(a: Array) -> Value {
        Value::Array(a)
    }
}

impl From<Scalar> for Value {
    fn from(s: Scalar) -> Value {
        Value::Scalar(s)
    }
}

macro_rules! value_from {
    ($($t:ty),*) => {$(
        impl From<Vec<$t>> for Value {
            fn from(v: Vec<$t>) -> Value {
                Value::Array(<$t as Element>::into_array(v))
            }
        }
        impl From<$t> for Value {
            fn from(v: $t) -> Value {
                Value::Scalar(v.scalar())
            }
        }
    )*};
}
value_from!(bool, i32, i64, f32, f64);
