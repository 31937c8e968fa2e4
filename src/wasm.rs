//! The JavaScript bindings of the wasm builds (wasm-bindgen). A [`Lab`]
//! holds named inputs, set from typed arrays, numbers or the engine's
//! constructors, and evaluates and disassembles expressions over them.
//! The ES module in `www/` builds the page's API on these.

use crate::data::ArraySpec;
use crate::kernels::Kernels;
use crate::{Array, DType, Engine, Error, Inputs, Options, Scalar, Value, compile};
use wasm_bindgen::prelude::*;

/// An error as JavaScript sees it: the message, with the source line and a
/// caret under the span when there is one.
fn js_error(error: &Error, source: &str) -> JsError {
    JsError::new(&error.render(source))
}

/// The inputs of a session, and the expressions evaluated over them.
#[wasm_bindgen]
#[derive(Default)]
pub struct Lab {
    inputs: Inputs,
}

#[wasm_bindgen]
impl Lab {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Lab {
        Lab::default()
    }

    /// Sets `name` to a copy of a Float64Array.
    #[wasm_bindgen(js_name = setFloat64)]
    pub fn set_float64(&mut self, name: &str, values: Vec<f64>) {
        self.inputs.insert(name, values);
    }

    /// Sets `name` to a copy of a Float32Array.
    #[wasm_bindgen(js_name = setFloat32)]
    pub fn set_float32(&mut self, name: &str, values: Vec<f32>) {
        self.inputs.insert(name, values);
    }

    /// Sets `name` to a copy of an Int32Array.
    #[wasm_bindgen(js_name = setInt32)]
    pub fn set_int32(&mut self, name: &str, values: Vec<i32>) {
        self.inputs.insert(name, values);
    }

    /// Sets `name` to a copy of a BigInt64Array.
    #[wasm_bindgen(js_name = setInt64)]
    pub fn set_int64(&mut self, name: &str, values: Vec<i64>) {
        self.inputs.insert(name, values);
    }

    /// Sets `name` to bools from a Uint8Array (nonzero is true).
    #[wasm_bindgen(js_name = setBool)]
    pub fn set_bool(&mut self, name: &str, values: Vec<u8>) {
        let values: Vec<bool> = values.into_iter().map(|v| v != 0).collect();
        self.inputs.insert(name, values);
    }

    /// Sets `name` to a 0-d value of `dtype` ("float64" unless given).
    #[wasm_bindgen(js_name = setScalar)]
    pub fn set_scalar(
        &mut self,
        name: &str,
        value: f64,
        dtype: Option<String>,
    ) -> Result<(), JsError> {
        let dtype = match dtype.as_deref() {
            None => DType::Float64,
            Some(name) => DType::parse(name)
                .ok_or_else(|| JsError::new(&format!("unknown dtype `{name}`")))?,
        };
        self.inputs.insert(name, Scalar::Float64(value).cast(dtype));
        Ok(())
    }

    /// Sets `name` with a constructor, as the command line's NAME=VALUE:
    /// `linspace(-1, 1, 1e6)`, `random(1e6, 7, float32)`, ...
    pub fn define(&mut self, name: &str, constructor: &str) -> Result<(), JsError> {
        let array = ArraySpec::parse(constructor)
            .and_then(|spec| spec.build())
            .map_err(|e| js_error(&e, constructor))?;
        self.inputs.insert(name, array);
        Ok(())
    }

    /// Evaluates `source` on `engine` ("vm" or "eager"), with SIMD kernels
    /// or scalar ones, on `threads` threads of the pool: a typed array of
    /// the result's dtype (a Uint8Array for bools), or a number for a
    /// reduction (a BigInt for int64).
    pub fn evaluate(
        &self,
        source: &str,
        engine: &str,
        simd: bool,
        threads: usize,
    ) -> Result<JsValue, JsError> {
        let engine = Engine::parse(engine)
            .ok_or_else(|| JsError::new(&format!("unknown engine `{engine}`: vm or eager")))?;
        let options = Options {
            engine,
            threads,
            kernels: if simd { Kernels::Simd } else { Kernels::Scalar },
        };
        let value = compile(source, &self.inputs.variables())
            .and_then(|compiled| compiled.evaluate(&self.inputs, &options))
            .map_err(|e| js_error(&e, source))?;
        Ok(to_js(value))
    }

    /// The compiled program of `source`, as text.
    pub fn disassemble(&self, source: &str) -> Result<String, JsError> {
        compile(source, &self.inputs.variables())
            .map(|compiled| compiled.disassemble())
            .map_err(|e| js_error(&e, source))
    }
}

fn to_js(value: Value) -> JsValue {
    match value {
        Value::Array(Array::Float64(v)) => js_sys::Float64Array::from(&v[..]).into(),
        Value::Array(Array::Float32(v)) => js_sys::Float32Array::from(&v[..]).into(),
        Value::Array(Array::Int32(v)) => js_sys::Int32Array::from(&v[..]).into(),
        Value::Array(Array::Int64(v)) => js_sys::BigInt64Array::from(&v[..]).into(),
        Value::Array(Array::Bool(v)) => {
            let bytes: Vec<u8> = v.into_iter().map(u8::from).collect();
            js_sys::Uint8Array::from(&bytes[..]).into()
        }
        Value::Scalar(Scalar::Int64(v)) => js_sys::BigInt::from(v).into(),
        Value::Scalar(s) => JsValue::from_f64(s.to_f64()),
    }
}
