//! Inputs and results: an array of any shape, or a scalar.

use super::{Array, C128, DType, Element, Scalar, Shape, Strings};
use crate::error::{Error, Result};
use std::ops::Deref;

/// An input or a result: an array, or a scalar (a 0-d array), of numbers;
/// or byte strings of any shape.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Scalar(Scalar),
    Array(NdArray),
    Bytes(Strings),
}

/// An array of a shape: its elements in C order (the last index varies
/// fastest), as NumPy lays them out by default. It reads as its elements
/// ([`Array`]) where the shape does not matter.
#[derive(Clone, Debug, PartialEq)]
pub struct NdArray {
    data: Array,
    shape: Shape,
}

impl NdArray {
    /// `data` as an array of `shape`, which must have as many elements.
    pub fn new(data: Array, shape: Shape) -> Result<NdArray> {
        if shape.len() != data.len() {
            return Err(Error::input(format!(
                "{} elements do not make an array of shape {shape}",
                data.len()
            )));
        }
        Ok(NdArray { data, shape })
    }

    /// `data` as a 1-D array.
    pub fn vector(data: Array) -> NdArray {
        let shape = Shape::vector(data.len());
        NdArray { data, shape }
    }

    pub fn shape(&self) -> &Shape {
        &self.shape
    }

    /// The elements, in C order.
    pub fn into_data(self) -> Array {
        self.data
    }
}

impl Deref for NdArray {
    type Target = Array;

    fn deref(&self) -> &Array {
        &self.data
    }
}

impl Value {
    /// `data` as a value of `shape`: a scalar for the 0-d shape `()`, as
    /// NumPy's reductions give one.
    pub fn shaped(data: Array, shape: Shape) -> Result<Value> {
        if shape.ndim() == 0 {
            return data
                .get(0)
                .map(Value::Scalar)
                .ok_or_else(|| Error::input("no element for a 0-d value"));
        }
        Ok(Value::Array(NdArray::new(data, shape)?))
    }

    pub fn dtype(&self) -> DType {
        match self {
            Value::Scalar(s) => s.dtype(),
            Value::Array(a) => a.dtype(),
            Value::Bytes(_) => DType::Bytes,
        }
    }

    /// The shape: `()` for a scalar.
    pub fn shape(&self) -> Shape {
        match self {
            Value::Scalar(_) => Shape::default(),
            Value::Array(a) => a.shape().clone(),
            Value::Bytes(s) => s.shape().clone(),
        }
    }

    /// A number, or one byte string (a 0-d array of them): what a
    /// program reads as one value standing for every element.
    pub fn is_scalar(&self) -> bool {
        match self {
            Value::Scalar(_) => true,
            Value::Array(_) => false,
            Value::Bytes(s) => s.shape().ndim() == 0,
        }
    }

    /// The element count: 1 for a scalar.
    pub fn len(&self) -> usize {
        match self {
            Value::Scalar(_) => 1,
            Value::Array(a) => a.len(),
            Value::Bytes(s) => s.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Element `i`, a scalar standing for every element; `None` for byte
    /// strings, which are no numbers.
    pub fn get(&self, i: usize) -> Option<Scalar> {
        match self {
            Value::Scalar(s) => Some(*s),
            Value::Array(a) => a.get(i),
            Value::Bytes(_) => None,
        }
    }
}

impl From<Array> for Value {
    /// A 1-D array.
    fn from(a: Array) -> Value {
        Value::Array(NdArray::vector(a))
    }
}

impl From<NdArray> for Value {
    fn from(a: NdArray) -> Value {
        Value::Array(a)
    }
}

impl From<Strings> for Value {
    fn from(s: Strings) -> Value {
        Value::Bytes(s)
    }
}

impl From<Scalar> for Value {
    fn from(s: Scalar) -> Value {
        Value::Scalar(s)
    }
}

macro_rules! value_from {
    ($($variant:ident $t:ident $name:literal $short:literal $kind:ident,)*) => {$(
        impl From<Vec<$t>> for Value {
            fn from(v: Vec<$t>) -> Value {
                Value::from(<$t as Element>::into_array(v))
            }
        }
        impl From<$t> for Value {
            fn from(v: $t) -> Value {
                Value::Scalar(v.scalar())
            }
        }
    )*};
}
super::for_each_dtype!(value_from);
