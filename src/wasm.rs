//! The JavaScript bindings of the wasm builds (wasm-bindgen). A [`Lab`] is
//! a [`Session`] for JavaScript: named inputs, set from typed arrays,
//! numbers or the engine's constructors, expressions evaluated, timed and
//! raced over them, and the last result in wasm memory for the page to
//! summarise, plot and compare; it converts arguments, answers and errors,
//! nothing more. [`check`] and [`disassemble`] compile for declared types
//! alone; [`contenders`] lists a race's and [`timeit`] times JavaScript as
//! the engine is timed. The ES module `www/exprlab.js` builds the page's
//! API on these, in a worker.

use crate::inspect::Part;
use crate::kernels::Kernels;
use crate::race::{Contender, Entrant, Threads, Timeit, Times};
use crate::session::{Entry, Progress};
use crate::types::{C128, Repr, Shape, Strings};
use crate::{Array, DType, Engine, Error, Options, Scalar, Session, Value, Variable};
use crate::{Span, compile};
use crate::{ThreadUse, Traffic};
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

/// An error as JavaScript sees it: the message, with the source line and a
/// caret under the span when there is one.
fn js_error(error: &Error, source: &str) -> JsError {
    JsError::new(&error.render(source))
}

/// A [`Session`] for JavaScript: its inputs, the expressions evaluated
/// over them, and the last result.
#[wasm_bindgen]
#[derive(Default)]
pub struct Lab {
    session: Session,
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
        self.session.set(name, values);
    }

    /// Sets `name` to a copy of a Float32Array.
    #[wasm_bindgen(js_name = setFloat32)]
    pub fn set_float32(&mut self, name: &str, values: Vec<f32>) {
        self.session.set(name, values);
    }

    /// Sets `name` to a copy of an Int32Array.
    #[wasm_bindgen(js_name = setInt32)]
    pub fn set_int32(&mut self, name: &str, values: Vec<i32>) {
        self.session.set(name, values);
    }

    /// Sets `name` to a copy of a BigInt64Array.
    #[wasm_bindgen(js_name = setInt64)]
    pub fn set_int64(&mut self, name: &str, values: Vec<i64>) {
        self.session.set(name, values);
    }

    /// Sets `name` to a copy of an Int8Array.
    #[wasm_bindgen(js_name = setInt8)]
    pub fn set_int8(&mut self, name: &str, values: Vec<i8>) {
        self.session.set(name, values);
    }

    /// Sets `name` to a copy of an Int16Array.
    #[wasm_bindgen(js_name = setInt16)]
    pub fn set_int16(&mut self, name: &str, values: Vec<i16>) {
        self.session.set(name, values);
    }

    /// Sets `name` to a copy of a Uint8Array, as uint8 (a plain Uint8Array
    /// is bool: [`Lab::set_bool`]).
    #[wasm_bindgen(js_name = setUint8)]
    pub fn set_uint8(&mut self, name: &str, values: Vec<u8>) {
        self.session.set(name, values);
    }

    /// Sets `name` to a copy of a Uint16Array.
    #[wasm_bindgen(js_name = setUint16)]
    pub fn set_uint16(&mut self, name: &str, values: Vec<u16>) {
        self.session.set(name, values);
    }

    /// Sets `name` to a copy of a Uint32Array.
    #[wasm_bindgen(js_name = setUint32)]
    pub fn set_uint32(&mut self, name: &str, values: Vec<u32>) {
        self.session.set(name, values);
    }

    /// Sets `name` to a copy of a BigUint64Array.
    #[wasm_bindgen(js_name = setUint64)]
    pub fn set_uint64(&mut self, name: &str, values: Vec<u64>) {
        self.session.set(name, values);
    }

    /// Sets `name` to complex128 from a Float64Array of interleaved parts
    /// (real, imaginary, real, ...), as NumPy lays them out.
    #[wasm_bindgen(js_name = setComplex128)]
    pub fn set_complex128(&mut self, name: &str, parts: Vec<f64>) -> Result<(), JsError> {
        if !parts.len().is_multiple_of(2) {
            return Err(JsError::new(&format!(
                "the data of `{name}` holds {} numbers: a complex128 array is real and imaginary parts in pairs, an even count",
                parts.len()
            )));
        }
        let values: Vec<C128> = parts
            .chunks_exact(2)
            .map(|p| C128::new(p[0], p[1]))
            .collect();
        self.session.set(name, values);
        Ok(())
    }

    /// Sets `name` to byte strings of `width` bytes each from a Uint8Array
    /// of them back to back, each padded with NULs (NumPy's `S<width>`).
    #[wasm_bindgen(js_name = setBytes)]
    pub fn set_bytes(&mut self, name: &str, width: usize, data: Vec<u8>) -> Result<(), JsError> {
        if width == 0 || !data.len().is_multiple_of(width) {
            return Err(JsError::new(&format!(
                "the data of `{name}` holds {} bytes, which are no byte strings of {width} bytes each: the width is 1 or more and the data as many whole strings",
                data.len()
            )));
        }
        let shape = Shape::vector(data.len() / width);
        let strings = Strings::new(width, data, shape).map_err(|e| JsError::new(&e.message()))?;
        self.session.set(name, strings);
        Ok(())
    }

    /// Sets `name` to bools from a Uint8Array (nonzero is true).
    #[wasm_bindgen(js_name = setBool)]
    pub fn set_bool(&mut self, name: &str, values: Vec<u8>) {
        let values: Vec<bool> = values.into_iter().map(|v| v != 0).collect();
        self.session.set(name, values);
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
        if dtype == DType::Bytes {
            return Err(JsError::new(&format!(
                "`{name}` is a number, which is no byte string: give byte strings as a list of strings or {{data: Uint8Array, dtype: 'S5'}}"
            )));
        }
        self.session.set(name, Scalar::Float64(value).cast(dtype));
        Ok(())
    }

    /// Sets `name` to a 0-d int64 from a BigInt (exact, unlike a number).
    #[wasm_bindgen(js_name = setInt64Scalar)]
    pub fn set_int64_scalar(&mut self, name: &str, value: i64) {
        self.session.set(name, Scalar::Int64(value));
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
        self.session
            .define(name, constructor, declared)
            .map_err(|e| js_error(&e, constructor))
    }

    /// Gives the array input `name` the shape `shape` (as many elements,
    /// in C order).
    pub fn reshape(&mut self, name: &str, shape: Vec<usize>) -> Result<(), JsError> {
        self.session
            .reshape(name, shape)
            .map_err(|e| JsError::new(&e.message()))
    }

    /// Forgets the input `name`.
    pub fn remove(&mut self, name: &str) {
        self.session.remove(name);
    }

    /// Forgets every input, the last result and the reference.
    pub fn clear(&mut self) {
        self.session.clear();
    }

    /// The inputs, as an array of `{name, dtype, length, shape}` (`length`
    /// and `shape` are undefined for a scalar).
    pub fn inputs(&self) -> js_sys::Array {
        let inputs = self.session.inputs();
        inputs
            .variables()
            .iter()
            .map(|v| {
                let (length, shape) = match inputs.get(&v.name) {
                    Some(value) if !value.is_scalar() => {
                        (JsValue::from(value.len()), js_shape(&value.shape()))
                    }
                    _ => (JsValue::UNDEFINED, JsValue::UNDEFINED),
                };
                object(&[
                    ("name", v.name.as_str().into()),
                    ("dtype", v.dtype.name().into()),
                    ("length", length),
                    ("shape", shape),
                ])
            })
            .collect()
    }

    /// Evaluates `source` on `engine` ("vm" or "eager"), with SIMD kernels
    /// of `accuracy` ("high" or "low") or scalar ones, on `threads` threads
    /// of the pool, and keeps the
    /// result for [`Lab::result`], [`Lab::summary`], [`Lab::plot`] and
    /// [`Lab::ulps_from_reference`]. Compiles only when `source` or the
    /// inputs' types changed since the last run.
    pub fn run(
        &mut self,
        source: &str,
        engine: &str,
        simd: bool,
        accuracy: &str,
        threads: usize,
    ) -> Result<(), JsError> {
        let options = run_options(engine, simd, accuracy, threads)?;
        self.session
            .run(source, &options)
            .map_err(|e| js_error(&e, source))?;
        Ok(())
    }

    /// Times `source` as Python's timeit does ([`crate::race::timeit`]:
    /// `loops` per batch, grown until a batch takes `min_time` seconds when
    /// undefined, then `repeats` batches), after one untimed run when
    /// `warm_up`. With `reference` the result becomes the reference of later
    /// timings' `ulps`. `on_repeat(done, total)` hears of each repeat.
    /// Returns the figures: `{best, mean, std, loops, repeats, perLoop,
    /// ulps, threadsUsed, threadsWhy, elements, bytes}`.
    #[allow(clippy::too_many_arguments)]
    pub fn time(
        &mut self,
        source: &str,
        engine: &str,
        simd: bool,
        accuracy: &str,
        threads: usize,
        loops: Option<usize>,
        repeats: usize,
        min_time: f64,
        warm_up: bool,
        reference: bool,
        on_repeat: Option<js_sys::Function>,
    ) -> Result<JsValue, JsError> {
        let options = run_options(engine, simd, accuracy, threads)?;
        let plan = Timeit {
            loops,
            repeats,
            min_time,
        };
        let report = |done: usize, total: usize| {
            if let Some(f) = &on_repeat {
                // A throwing listener does not stop the timing.
                let _ = f.call2(&JsValue::NULL, &done.into(), &total.into());
            }
        };
        let times = self
            .session
            .time(source, &options, &plan, warm_up, report)
            .map_err(|e| js_error(&e, source))?;
        let ulps = if reference {
            self.session.keep_reference();
            Some(0.0)
        } else {
            self.session.ulps_from_reference()
        };
        let (threads, traffic) = (self.session.thread_use(), self.session.traffic());
        Ok(object(&figures(&times, ulps, threads, traffic, &[])))
    }

    /// Races the contenders of `engines` (`eager`, `scalar`, `simd`,
    /// `simd-low`;
    /// undefined: eager, scalar, simd) and
    /// `threads` (counts or `max`; undefined: the powers of two and
    /// `available`) on `source`, in `repeats` rounds of one repeat each
    /// ([`Session::race`]). `progress({step, round, index, of, label,
    /// rows})` hears of each step: contender `index` of `of` (`label`)
    /// `starting` its repeat of round `round` (from 0), or `finished` it,
    /// with the rows so far. Returns the rows: a contender's `{label, engine,
    /// simd, kernels, threads}` and its figures, as [`Lab::time`] gives them.
    #[allow(clippy::too_many_arguments)]
    pub fn race(
        &mut self,
        source: &str,
        engines: Option<Vec<String>>,
        threads: Option<Vec<String>>,
        available: usize,
        loops: Option<usize>,
        repeats: usize,
        min_time: f64,
        progress: Option<js_sys::Function>,
    ) -> Result<js_sys::Array, JsError> {
        let list = race_contenders(engines.as_deref(), threads.as_deref(), available)?;
        let plan = Timeit {
            loops,
            repeats,
            min_time,
        };
        let entries = self
            .session
            .race(source, &list, &plan, |p| {
                let Some(f) = &progress else { return };
                let (step, round, index, rows) = match p {
                    Progress::Starting { round, index } => ("starting", round, index, None),
                    Progress::Finished {
                        round,
                        index,
                        entries,
                    } => ("finished", round, index, Some(rows(entries))),
                };
                let label = list.get(index).map(Contender::label);
                let step = object(&[
                    ("step", step.into()),
                    ("round", round.into()),
                    ("index", index.into()),
                    ("of", list.len().into()),
                    ("label", label.into()),
                    ("rows", rows.map_or(JsValue::UNDEFINED, JsValue::from)),
                ]);
                // A throwing listener does not stop the race.
                let _ = f.call1(&JsValue::NULL, &step);
            })
            .map_err(|e| js_error(&e, source))?;
        Ok(rows(&entries))
    }

    /// The stream bound of `source` on `threads` threads: `{threads, best,
    /// bytes}`, the seconds per loop that moving the bytes it must move
    /// takes (a copy of its array inputs, the best of `repeats` batches as
    /// [`Lab::time`] times), or null when it reads no arrays. The last
    /// result stays.
    #[wasm_bindgen(js_name = streamBound)]
    pub fn stream_bound(
        &mut self,
        source: &str,
        threads: usize,
        repeats: usize,
        min_time: f64,
    ) -> Result<JsValue, JsError> {
        let plan = Timeit {
            loops: None,
            repeats,
            min_time,
        };
        let bound = self
            .session
            .stream_bound(source, threads.max(1), &plan)
            .map_err(|e| js_error(&e, source))?;
        Ok(bound.map_or(JsValue::NULL, |b| {
            object(&[
                ("threads", b.threads.into()),
                ("best", b.best.into()),
                ("bytes", (b.bytes as f64).into()),
            ])
        }))
    }

    /// [`Lab::run`], then the result as [`Lab::result`] gives it.
    pub fn evaluate(
        &mut self,
        source: &str,
        engine: &str,
        simd: bool,
        accuracy: &str,
        threads: usize,
    ) -> Result<JsValue, JsError> {
        self.run(source, engine, simd, accuracy, threads)?;
        self.result()
    }

    /// The last result: a typed array of its dtype (a Uint8Array for
    /// bools), or a number for a reduction (a BigInt for int64).
    pub fn result(&self) -> Result<JsValue, JsError> {
        self.session.result().map(to_js).ok_or_else(no_result)
    }

    /// The last result's `{dtype, length, shape, min, max, mean, nans}`, NaNs
    /// left out of min, max and mean; `length` and `shape` are undefined for
    /// a reduction.
    pub fn summary(&self) -> Result<JsValue, JsError> {
        let s = self.session.summary().ok_or_else(no_result)?;
        let (shape, value) = match self.session.result() {
            Some(Value::Bytes(s)) if s.shape().ndim() == 0 => {
                (JsValue::UNDEFINED, Repr(s.get(0)).to_string().into())
            }
            Some(Value::Array(a)) => (js_shape(a.shape()), JsValue::UNDEFINED),
            Some(Value::Bytes(s)) => (js_shape(s.shape()), JsValue::UNDEFINED),
            Some(Value::Scalar(v)) => (JsValue::UNDEFINED, v.to_string().into()),
            None => (JsValue::UNDEFINED, JsValue::UNDEFINED),
        };
        Ok(object(&[
            ("dtype", s.dtype.name().into()),
            ("length", s.len.map_or(JsValue::UNDEFINED, JsValue::from)),
            ("shape", shape),
            ("value", value),
            ("magnitudes", s.dtype.is_complex().into()),
            ("min", s.min.into()),
            ("max", s.max.into()),
            ("mean", s.mean.into()),
            ("nans", s.nans.into()),
        ]))
    }

    /// The last result decimated for a plot `columns` pixels wide: each
    /// column's min and max, interleaved (of bools, each column's share of
    /// true, twice); of `part` ("value", the default: a complex's
    /// magnitude; "real" or "imag").
    pub fn plot(&self, columns: usize, part: Option<String>) -> Result<Vec<f64>, JsError> {
        self.session
            .plot(columns, parse_part(part)?)
            .ok_or_else(no_result)?
            .map_err(|e| JsError::new(&e.message()))
    }

    /// The last result as a picture of at most `width` x `height` pixels
    /// (its last dimension across, the others down, each pixel the mean of
    /// its elements, NaN where all are NaN): `{width, height, pixels}`
    /// with `pixels` a Float64Array row by row; null for a result of fewer
    /// than two dimensions; of `part`, as [`Lab::plot`] takes it.
    pub fn picture(
        &self,
        width: usize,
        height: usize,
        part: Option<String>,
    ) -> Result<JsValue, JsError> {
        let picture = self
            .session
            .picture(width, height, parse_part(part)?)
            .ok_or_else(no_result)?;
        Ok(match picture.map_err(|e| JsError::new(&e.message()))? {
            Some(p) => object(&[
                ("width", p.width.into()),
                ("height", p.height.into()),
                ("pixels", js_sys::Float64Array::from(&p.pixels[..]).into()),
            ]),
            None => JsValue::NULL,
        })
    }

    /// Keeps the last result as the reference of [`Lab::ulps_from_reference`].
    #[wasm_bindgen(js_name = keepReference)]
    pub fn keep_reference(&mut self) -> Result<(), JsError> {
        if self.session.keep_reference() {
            Ok(())
        } else {
            Err(no_result())
        }
    }

    /// The largest difference of the last result from the reference, in
    /// ULPs of its dtype: 0 for the same bits, Infinity for a different
    /// dtype, length or class (NaN against a number).
    #[wasm_bindgen(js_name = ulpsFromReference)]
    pub fn ulps_from_reference(&self) -> Result<f64, JsError> {
        self.session.result().ok_or_else(no_result)?;
        self.session
            .ulps_from_reference()
            .ok_or_else(|| JsError::new("no reference result kept"))
    }

    /// The compiled program of `source` over the inputs, as text.
    pub fn disassemble(&self, source: &str) -> Result<String, JsError> {
        self.session
            .disassemble(source)
            .map_err(|e| js_error(&e, source))
    }
}

/// How [`Lab::run`] and [`Lab::time`] evaluate: `engine` is `vm` or
/// `eager`, `accuracy` (of the SIMD kernels) `high` or `low`.
fn run_options(
    engine: &str,
    simd: bool,
    accuracy: &str,
    threads: usize,
) -> Result<Options, JsError> {
    let engine = Engine::parse(engine)
        .ok_or_else(|| JsError::new(&format!("unknown engine `{engine}`: vm or eager")))?;
    let kernels = match (simd, Kernels::simd_of(accuracy)) {
        (_, Err(e)) => return Err(JsError::new(&e.message())),
        (true, Ok(kernels)) => kernels,
        (false, Ok(Kernels::Simd)) => Kernels::Scalar,
        (false, Ok(_)) => {
            return Err(JsError::new(
                "accuracy chooses among the SIMD kernels: leave out simd: false",
            ));
        }
    };
    Ok(Options {
        engine,
        threads: threads.max(1),
        kernels,
        every_thread: false,
    })
}

/// Times as [`timeit`] gives them: `{best, mean, std, loops, repeats, perLoop}`.
fn timing(times: &Times) -> Vec<(&'static str, JsValue)> {
    let per_loop: js_sys::Array = times.per_loop.iter().map(|&t| JsValue::from(t)).collect();
    vec![
        ("best", times.best().into()),
        ("mean", times.mean().into()),
        ("std", times.std().into()),
        ("loops", times.loops.into()),
        ("repeats", times.per_loop.len().into()),
        ("perLoop", per_loop.into()),
    ]
}

/// A timing's figures as [`Lab::time`] gives them, after `first`.
fn figures<'a>(
    times: &Times,
    ulps: Option<f64>,
    threads: Option<ThreadUse>,
    traffic: Option<Traffic>,
    first: &[(&'a str, JsValue)],
) -> Vec<(&'a str, JsValue)> {
    let mut out = first.to_vec();
    out.extend(timing(times));
    out.extend([
        ("ulps", ulps.map_or(JsValue::UNDEFINED, JsValue::from)),
        ("threadsUsed", threads.map_or(1, |t| t.used).into()),
        (
            "threadsWhy",
            threads
                .and_then(|t| t.why())
                .map_or(JsValue::UNDEFINED, JsValue::from),
        ),
        (
            "elements",
            traffic.map_or(0.0, |t| t.elements as f64).into(),
        ),
        ("bytes", traffic.map_or(0.0, |t| t.bytes() as f64).into()),
    ]);
    out
}

/// A contender as the page shows it: `{label, engine, simd, kernels,
/// threads}` (`kernels`: `scalar`, `simd` or `simd-low`).
fn contender(c: &Contender) -> Vec<(&'static str, JsValue)> {
    vec![
        ("label", c.label().into()),
        ("engine", c.options.engine.name().into()),
        ("simd", c.options.kernels.simd().into()),
        ("kernels", c.options.kernels.name().into()),
        ("threads", c.options.threads.into()),
    ]
}

/// A race's rows: each contender with its figures.
fn rows(entries: &[Entry]) -> js_sys::Array {
    entries
        .iter()
        .map(|e| {
            let first = contender(&e.contender);
            object(&figures(
                &e.times,
                Some(e.ulps),
                Some(e.threads),
                Some(e.traffic),
                &first,
            ))
        })
        .collect()
}

/// The contenders of `engines` and `threads` as [`crate::race::contenders`]
/// lists them on a machine of `available` threads.
fn race_contenders(
    engines: Option<&[String]>,
    threads: Option<&[String]>,
    available: usize,
) -> Result<Vec<Contender>, JsError> {
    let to_js = |e: Error| JsError::new(&e.message());
    let entrants: Vec<Entrant> = match engines {
        Some(names) => names
            .iter()
            .map(|e| Entrant::parse(e))
            .collect::<Result<_, _>>()
            .map_err(to_js)?,
        None => Entrant::DEFAULT.to_vec(),
    };
    let threads: Option<Vec<Threads>> = threads
        .map(|ts| ts.iter().map(|t| Threads::parse(t)).collect())
        .transpose()
        .map_err(to_js)?;
    Ok(crate::race::contenders(
        &entrants,
        threads.as_deref(),
        available.max(1),
    ))
}

/// The contenders a race of `engines` and `threads` runs on a machine of
/// `available` threads, in order: `{label, engine, simd, kernels, threads}` each
/// (see [`Lab::race`]).
#[wasm_bindgen]
pub fn contenders(
    engines: Option<Vec<String>>,
    threads: Option<Vec<String>>,
    available: usize,
) -> Result<js_sys::Array, JsError> {
    Ok(
        race_contenders(engines.as_deref(), threads.as_deref(), available)?
            .iter()
            .map(|c| object(&contender(c)))
            .collect(),
    )
}

/// Times calls of `run` as Python's timeit does ([`Lab::time`]'s clock
/// and loops): `{best, mean, std, loops, repeats, perLoop}`. For timing
/// JavaScript beside the engine with the same rule; an exception of `run`
/// stops it.
#[wasm_bindgen]
pub fn timeit(
    run: &js_sys::Function,
    loops: Option<usize>,
    repeats: usize,
    min_time: f64,
) -> Result<JsValue, JsValue> {
    let plan = Timeit {
        loops,
        repeats,
        min_time,
    };
    let times = crate::race::timeit(|| run.call0(&JsValue::NULL).map(drop), &plan, |_, _| {})?;
    Ok(object(&timing(&times)))
}

/// The error of asking for the last result before there is one.
fn no_result() -> JsError {
    JsError::new("no result: run an expression first")
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

/// A part of a result to plot: "value" (the default), "real" or "imag".
fn parse_part(name: Option<String>) -> Result<Part, JsError> {
    match name.as_deref() {
        None => Ok(Part::Value),
        Some(name) => Part::parse(name).ok_or_else(|| {
            JsError::new(&format!(
                "unknown part `{name}`: \"value\", \"real\" or \"imag\""
            ))
        }),
    }
}

fn parse_dtype(name: &str) -> Result<DType, JsError> {
    DType::parse(name)
        .ok_or_else(|| JsError::new(&format!("unknown dtype `{name}`: {}", DType::names())))
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

/// A result in JavaScript: a 1-D array as a typed array, an array of
/// another shape as `{data, shape, dtype}` (its elements in C order), a
/// scalar as a number (a BigInt for int64 and uint64). A complex result,
/// array or scalar, is always `{data, shape, dtype}`, its data the parts
/// interleaved in a Float64Array (a plain one would read as float64). Byte
/// strings, of any shape, are `{data, shape, dtype}` too: their bytes in a
/// Uint8Array, each string padded with NULs to the width that the dtype
/// names (`S5`, NumPy's).
fn to_js(value: &Value) -> JsValue {
    match value {
        Value::Bytes(s) => object(&[
            ("data", js_sys::Uint8Array::from(s.bytes()).into()),
            ("shape", js_shape(s.shape())),
            ("dtype", JsValue::from_str(&format!("S{}", s.width()))),
        ]),
        Value::Array(a) if a.shape().ndim() == 1 && !a.dtype().is_complex() => typed_array(a),
        Value::Scalar(Scalar::Complex128(z)) => object(&[
            ("data", js_sys::Float64Array::from(&[z.re, z.im][..]).into()),
            ("shape", js_sys::Array::new().into()),
            ("dtype", JsValue::from_str(DType::Complex128.name())),
        ]),
        Value::Array(a) => object(&[
            ("data", typed_array(a)),
            ("shape", js_shape(a.shape())),
            ("dtype", JsValue::from_str(a.dtype().name())),
        ]),
        Value::Scalar(Scalar::Int64(v)) => js_sys::BigInt::from(*v).into(),
        Value::Scalar(Scalar::UInt64(v)) => js_sys::BigInt::from(*v).into(),
        Value::Scalar(s) => JsValue::from_f64(s.to_f64()),
    }
}

/// A shape as an array of numbers.
fn js_shape(shape: &crate::Shape) -> JsValue {
    let dims: js_sys::Array = shape.dims().iter().map(|&d| JsValue::from(d)).collect();
    dims.into()
}

/// The elements of `a` as a typed array (bool as 0 and 1 in a `Uint8Array`).
fn typed_array(a: &Array) -> JsValue {
    use Array as A;
    match a {
        A::Float64(v) => js_sys::Float64Array::from(&v[..]).into(),
        A::Float32(v) => js_sys::Float32Array::from(&v[..]).into(),
        A::Int32(v) => js_sys::Int32Array::from(&v[..]).into(),
        A::Int64(v) => js_sys::BigInt64Array::from(&v[..]).into(),
        A::Int8(v) => js_sys::Int8Array::from(&v[..]).into(),
        A::Int16(v) => js_sys::Int16Array::from(&v[..]).into(),
        A::UInt8(v) => js_sys::Uint8Array::from(&v[..]).into(),
        A::UInt16(v) => js_sys::Uint16Array::from(&v[..]).into(),
        A::UInt32(v) => js_sys::Uint32Array::from(&v[..]).into(),
        A::UInt64(v) => js_sys::BigUint64Array::from(&v[..]).into(),
        A::Complex128(v) => {
            let parts: Vec<f64> = v.iter().flat_map(|z| [z.re, z.im]).collect();
            js_sys::Float64Array::from(&parts[..]).into()
        }
        A::Bool(v) => {
            let bytes: Vec<u8> = v.iter().map(|&b| u8::from(b)).collect();
            js_sys::Uint8Array::from(&bytes[..]).into()
        }
    }
}
