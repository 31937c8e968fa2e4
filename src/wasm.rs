//! The JavaScript bindings of the wasm builds (wasm-bindgen). A [`Lab`]
//! holds named inputs, set from typed arrays, numbers or the engine's
//! constructors, evaluates expressions over them and keeps the last result
//! in wasm memory for the page to summarise, plot and compare; [`check`]
//! and [`disassemble`] compile for declared types alone. The ES module
//! `www/exprlab.js` builds the page's API on these, in a worker.

use crate::data::ArraySpec;
use crate::inspect;
use crate::kernels::Kernels;
use crate::{
    Array, Compiled, DType, Engine, Error, Inputs, Options, Scalar, ThreadUse, Traffic, Value,
    Variable,
};
use crate::{Span, compile};
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

/// The threaded build's pool: `await initThreadPool(n)` once, from the
/// worker that evaluates, before asking for more than one thread.
#[cfg(target_feature = "atomics")]
pub use wasm_bindgen_rayon::init_thread_pool;

/// Whether this build has threads (atomics and shared memory).
#[wasm_bindgen]
pub fn threaded() -> bool {
    cfg!(target_feature = "atomics")
}

/// The compiled program of `source`, kept in `kept`: the one there when
/// `source` is the last expression compiled (the inputs' types have not
/// changed since, or it would have been dropped), else a new one. A function
/// of the fields it needs, so that callers borrow the others beside it.
fn kept_program<'k>(
    kept: &'k mut Option<(String, Compiled)>,
    inputs: &Inputs,
    source: &str,
) -> Result<&'k Compiled, JsError> {
    if kept.as_ref().is_none_or(|(s, _)| s != source) {
        let compiled = compile(source, &inputs.variables()).map_err(|e| js_error(&e, source))?;
        *kept = Some((source.to_string(), compiled));
    }
    kept.as_ref()
        .map(|(_, c)| c)
        .ok_or_else(|| JsError::new("internal error, please report it: no compiled program"))
}

/// An error as JavaScript sees it: the message, with the source line and a
/// caret under the span when there is one.
fn js_error(error: &Error, source: &str) -> JsError {
    JsError::new(&error.render(source))
}

/// The inputs of a session, the expressions evaluated over them, and the
/// last result.
#[wasm_bindgen]
#[derive(Default)]
pub struct Lab {
    inputs: Inputs,
    /// The last expression compiled, kept while the inputs' types stay.
    compiled: Option<(String, Compiled)>,
    result: Option<Value>,
    /// How the last run was asked to run (its program is `compiled`): what
    /// it moved and the threads it used are derived from them on request,
    /// outside the timed runs.
    last_run: Option<Options>,
    /// The stream bound's copy target, kept between its runs.
    scratch: Vec<u8>,
    reference: Option<Value>,
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
        self.set(name, values);
    }

    /// Sets `name` to a copy of a Float32Array.
    #[wasm_bindgen(js_name = setFloat32)]
    pub fn set_float32(&mut self, name: &str, values: Vec<f32>) {
        self.set(name, values);
    }

    /// Sets `name` to a copy of an Int32Array.
    #[wasm_bindgen(js_name = setInt32)]
    pub fn set_int32(&mut self, name: &str, values: Vec<i32>) {
        self.set(name, values);
    }

    /// Sets `name` to a copy of a BigInt64Array.
    #[wasm_bindgen(js_name = setInt64)]
    pub fn set_int64(&mut self, name: &str, values: Vec<i64>) {
        self.set(name, values);
    }

    /// Sets `name` to bools from a Uint8Array (nonzero is true).
    #[wasm_bindgen(js_name = setBool)]
    pub fn set_bool(&mut self, name: &str, values: Vec<u8>) {
        let values: Vec<bool> = values.into_iter().map(|v| v != 0).collect();
        self.set(name, values);
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
            Some(name) => parse_dtype(name)?,
        };
        self.set(name, Scalar::Float64(value).cast(dtype));
        Ok(())
    }

    /// Sets `name` to a 0-d int64 from a BigInt (exact, unlike a number).
    #[wasm_bindgen(js_name = setInt64Scalar)]
    pub fn set_int64_scalar(&mut self, name: &str, value: i64) {
        self.set(name, Scalar::Int64(value));
    }

    /// Sets `name` with a constructor, as the command line's NAME=VALUE:
    /// `linspace(-1, 1, 1e6)`, `random(1e6, 7, float32)`, ...; with
    /// `dtype`, the array has that dtype (and the text may name no other).
    pub fn define(
        &mut self,
        name: &str,
        constructor: &str,
        dtype: Option<String>,
    ) -> Result<(), JsError> {
        let declared = dtype.as_deref().map(parse_dtype).transpose()?;
        // The old value goes first, so that its memory can serve the new one.
        self.remove(name);
        let array = ArraySpec::parse_as(constructor, declared)
            .and_then(|spec| spec.build())
            .map_err(|e| js_error(&e, constructor))?;
        self.set(name, array);
        Ok(())
    }

    /// Forgets the input `name`.
    pub fn remove(&mut self, name: &str) {
        self.inputs.remove(name);
        self.forget();
    }

    /// Forgets every input, the last result and the reference.
    pub fn clear(&mut self) {
        *self = Lab::default();
    }

    /// The inputs, as an array of `{name, dtype, length}` (`length` is
    /// undefined for a scalar).
    pub fn inputs(&self) -> js_sys::Array {
        self.inputs
            .variables()
            .iter()
            .map(|v| {
                let length = match self.inputs.get(&v.name) {
                    Some(Value::Array(a)) => JsValue::from(a.len()),
                    _ => JsValue::UNDEFINED,
                };
                object(&[
                    ("name", v.name.as_str().into()),
                    ("dtype", v.dtype.name().into()),
                    ("length", length),
                ])
            })
            .collect()
    }

    /// Evaluates `source` on `engine` ("vm" or "eager"), with SIMD kernels
    /// or scalar ones, on `threads` threads of the pool, and keeps the
    /// result for [`Lab::result`], [`Lab::summary`], [`Lab::plot`] and
    /// [`Lab::ulps_from_reference`]. Compiles only when `source` or the
    /// inputs' types changed since the last run.
    pub fn run(
        &mut self,
        source: &str,
        engine: &str,
        simd: bool,
        threads: usize,
    ) -> Result<(), JsError> {
        let engine = Engine::parse(engine)
            .ok_or_else(|| JsError::new(&format!("unknown engine `{engine}`: vm or eager")))?;
        let options = Options {
            engine,
            threads: threads.max(1),
            kernels: if simd { Kernels::Simd } else { Kernels::Scalar },
            every_thread: false,
        };
        // The last result's memory is free for this one.
        self.result = None;
        self.last_run = None;
        let compiled = kept_program(&mut self.compiled, &self.inputs, source)?;
        let value = compiled
            .evaluate(&self.inputs, &options)
            .map_err(|e| js_error(&e, source))?;
        self.result = Some(value);
        self.last_run = Some(options);
        Ok(())
    }

    /// The threads the last run used: at most the threads asked for, as
    /// many as pay for its work.
    #[wasm_bindgen(js_name = threadsUsed)]
    pub fn threads_used(&self) -> usize {
        self.last_thread_use().map_or(1, |t| t.used)
    }

    /// The elements of the last run's result (or of what it reduced).
    pub fn elements(&self) -> f64 {
        self.last_traffic().map_or(0.0, |t| t.elements as f64)
    }

    /// The bytes the last run's expression must move: its array inputs
    /// read and its output written, whatever the engine.
    #[wasm_bindgen(js_name = bytesMoved)]
    pub fn bytes_moved(&self) -> f64 {
        self.last_traffic().map_or(0.0, |t| t.bytes() as f64)
    }

    /// The bytes `source` must move on the inputs (its array inputs read,
    /// its output written), without running it.
    #[wasm_bindgen(js_name = bytesFor)]
    pub fn bytes_for(&mut self, source: &str) -> Result<f64, JsError> {
        self.replacing_program(source);
        let traffic = kept_program(&mut self.compiled, &self.inputs, source)?
            .traffic(&self.inputs)
            .map_err(|e| js_error(&e, source))?;
        Ok(traffic.bytes() as f64)
    }

    /// The stream bound's work for `source`: copies its array inputs on
    /// `threads` threads, as the VM's driver runs, and returns the bytes
    /// copied (0 when it reads no arrays); the last result stays. Its time,
    /// scaled by `bytesFor(source)` over these bytes, is the fastest the
    /// expression could run.
    #[wasm_bindgen(js_name = copyInputs)]
    pub fn copy_inputs(&mut self, source: &str, threads: usize) -> Result<f64, JsError> {
        self.replacing_program(source);
        kept_program(&mut self.compiled, &self.inputs, source)?
            .copy_inputs(&self.inputs, threads.max(1), &mut self.scratch)
            .map(|bytes| bytes as f64)
            .map_err(|e| js_error(&e, source))
    }

    /// Why the last run used fewer threads than asked for ("2 asked, 1
    /// used: 10,000 elements (2 pay from 106,667 of this program)"), or
    /// undefined when it used them all.
    #[wasm_bindgen(js_name = threadsWhy)]
    pub fn threads_why(&self) -> Option<String> {
        self.last_thread_use().and_then(|t| t.why())
    }

    /// [`Lab::run`], then the result as [`Lab::result`] gives it.
    pub fn evaluate(
        &mut self,
        source: &str,
        engine: &str,
        simd: bool,
        threads: usize,
    ) -> Result<JsValue, JsError> {
        self.run(source, engine, simd, threads)?;
        self.result()
    }

    /// The last result: a typed array of its dtype (a Uint8Array for
    /// bools), or a number for a reduction (a BigInt for int64).
    pub fn result(&self) -> Result<JsValue, JsError> {
        Ok(to_js(self.last()?))
    }

    /// The last result's `{dtype, length, min, max, mean, nans}`, NaNs left
    /// out of min, max and mean; `length` is undefined for a reduction.
    pub fn summary(&self) -> Result<JsValue, JsError> {
        let s = inspect::summarize(self.last()?);
        Ok(object(&[
            ("dtype", s.dtype.name().into()),
            ("length", s.len.map_or(JsValue::UNDEFINED, JsValue::from)),
            ("min", s.min.into()),
            ("max", s.max.into()),
            ("mean", s.mean.into()),
            ("nans", s.nans.into()),
        ]))
    }

    /// The last result decimated for a plot `columns` pixels wide: each
    /// column's min and max, interleaved.
    pub fn plot(&self, columns: usize) -> Result<Vec<f64>, JsError> {
        Ok(inspect::decimate(self.last()?, columns))
    }

    /// Keeps the last result as the reference of [`Lab::ulps_from_reference`].
    #[wasm_bindgen(js_name = keepReference)]
    pub fn keep_reference(&mut self) -> Result<(), JsError> {
        self.reference = None;
        self.reference = Some(self.last()?.clone());
        Ok(())
    }

    /// The largest difference of the last result from the reference, in
    /// ULPs of its dtype: 0 for the same bits, Infinity for a different
    /// dtype, length or class (NaN against a number).
    #[wasm_bindgen(js_name = ulpsFromReference)]
    pub fn ulps_from_reference(&self) -> Result<f64, JsError> {
        let reference = self
            .reference
            .as_ref()
            .ok_or_else(|| JsError::new("no reference result kept"))?;
        Ok(inspect::max_ulp_difference(self.last()?, reference))
    }

    /// The compiled program of `source` over the inputs, as text.
    pub fn disassemble(&self, source: &str) -> Result<String, JsError> {
        compile(source, &self.inputs.variables())
            .map(|compiled| compiled.disassemble())
            .map_err(|e| js_error(&e, source))
    }
}

impl Lab {
    fn set(&mut self, name: &str, value: impl Into<Value>) {
        self.inputs.insert(name, value);
        self.forget();
    }

    /// Before `source` is compiled outside a run: when it is not the kept
    /// program, that program goes, and with it what the last run's
    /// figures are derived from.
    fn replacing_program(&mut self, source: &str) {
        if self
            .compiled
            .as_ref()
            .is_none_or(|(kept, _)| kept != source)
        {
            self.last_run = None;
        }
    }

    /// The last run's program and options, while its program is kept.
    fn last_program(&self) -> Option<(&Compiled, &Options)> {
        Some((&self.compiled.as_ref()?.1, self.last_run.as_ref()?))
    }

    fn last_thread_use(&self) -> Option<ThreadUse> {
        let (compiled, options) = self.last_program()?;
        compiled.thread_use(&self.inputs, options).ok()
    }

    fn last_traffic(&self) -> Option<Traffic> {
        self.last_program()?.0.traffic(&self.inputs).ok()
    }

    /// Drops what depended on the inputs: the compiled program (its types)
    /// and the results (they are stale).
    fn forget(&mut self) {
        self.compiled = None;
        self.result = None;
        self.last_run = None;
        self.scratch = Vec::new();
        self.reference = None;
    }

    fn last(&self) -> Result<&Value, JsError> {
        self.result
            .as_ref()
            .ok_or_else(|| JsError::new("no result: run an expression first"))
    }
}

/// The language's functions (`exprlab::functions`), for the page's
/// reference: `{name, params, kind, dtypes, kernel, doc}` each, in the
/// catalogue's order.
#[wasm_bindgen]
pub fn functions() -> js_sys::Array {
    crate::functions::Function::all()
        .map(|f| {
            object(&[
                ("name", f.name().into()),
                ("params", f.params().into()),
                ("kind", f.kind().into()),
                ("dtypes", f.dtypes().into()),
                ("kernel", f.kernel().into()),
                ("doc", f.doc().into()),
            ])
        })
        .collect()
}

/// Compiles `source` for the variables `names[i]` of dtype `dtypes[i]`,
/// arrays unless `scalars[i]` is nonzero: `undefined` when it compiles,
/// else its error as `{message, start, end, text}`, where `start..end` is
/// the span in UTF-16 code units (JavaScript string indices; both
/// undefined when the error has no place) and `text` the message under the
/// source line with a caret.
#[wasm_bindgen]
pub fn check(
    source: &str,
    names: Vec<String>,
    dtypes: Vec<String>,
    scalars: Vec<u8>,
) -> Result<JsValue, JsError> {
    let variables = variables(names, dtypes, scalars)?;
    Ok(match compile(source, &variables) {
        Ok(_) => JsValue::UNDEFINED,
        Err(e) => {
            let (start, end) = match e.span {
                Some(Span { start, end }) => (
                    JsValue::from(utf16_index(source, start)),
                    JsValue::from(utf16_index(source, end)),
                ),
                None => (JsValue::UNDEFINED, JsValue::UNDEFINED),
            };
            object(&[
                ("message", e.message().into()),
                ("start", start),
                ("end", end),
                ("text", e.render(source).into()),
            ])
        }
    })
}

/// The compiled program of `source` for declared variables, as [`check`]
/// takes them.
#[wasm_bindgen(js_name = disassemble)]
pub fn disassemble_for(
    source: &str,
    names: Vec<String>,
    dtypes: Vec<String>,
    scalars: Vec<u8>,
) -> Result<String, JsError> {
    let variables = variables(names, dtypes, scalars)?;
    compile(source, &variables)
        .map(|compiled| compiled.disassemble())
        .map_err(|e| js_error(&e, source))
}

fn variables(
    names: Vec<String>,
    dtypes: Vec<String>,
    scalars: Vec<u8>,
) -> Result<Vec<Variable>, JsError> {
    if names.len() != dtypes.len() || names.len() != scalars.len() {
        return Err(JsError::new("names, dtypes and scalars differ in length"));
    }
    names
        .iter()
        .zip(&dtypes)
        .zip(&scalars)
        .map(|((name, dtype), &scalar)| {
            let dtype = parse_dtype(dtype)?;
            Ok(if scalar != 0 {
                Variable::scalar(name, dtype)
            } else {
                Variable::array(name, dtype)
            })
        })
        .collect()
}

fn parse_dtype(name: &str) -> Result<DType, JsError> {
    DType::parse(name).ok_or_else(|| {
        JsError::new(&format!(
            "unknown dtype `{name}`: bool, int32, int64, float32 or float64"
        ))
    })
}

/// The JavaScript string index of byte offset `byte` of `source`.
fn utf16_index(source: &str, byte: usize) -> usize {
    let byte = byte.min(source.len());
    // Spans start and end on char boundaries; a stray one rounds down.
    let byte = (0..=byte)
        .rev()
        .find(|&b| source.is_char_boundary(b))
        .unwrap_or(0);
    source[..byte].encode_utf16().count()
}

/// A plain object with the given properties.
fn object(properties: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (key, value) in properties {
        // Setting a property of a fresh plain object cannot fail.
        let _ = Reflect::set(&o, &JsValue::from_str(key), value);
    }
    o.into()
}

fn to_js(value: &Value) -> JsValue {
    match value {
        Value::Array(Array::Float64(v)) => js_sys::Float64Array::from(&v[..]).into(),
        Value::Array(Array::Float32(v)) => js_sys::Float32Array::from(&v[..]).into(),
        Value::Array(Array::Int32(v)) => js_sys::Int32Array::from(&v[..]).into(),
        Value::Array(Array::Int64(v)) => js_sys::BigInt64Array::from(&v[..]).into(),
        Value::Array(Array::Bool(v)) => {
            let bytes: Vec<u8> = v.iter().map(|&b| u8::from(b)).collect();
            js_sys::Uint8Array::from(&bytes[..]).into()
        }
        Value::Scalar(Scalar::Int64(v)) => js_sys::BigInt::from(*v).into(),
        Value::Scalar(s) => JsValue::from_f64(s.to_f64()),
    }
}
