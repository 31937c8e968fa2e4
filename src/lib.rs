//! ExprLab: numexpr's idea, in Rust and in a browser tab.
//!
//! An expression such as `sin(2*pi*x)` is parsed, compiled to a small typed
//! register program, and evaluated over arrays of any shape (broadcast as
//! NumPy's are) block by block, so no full-size temporary is ever made, on
//! as many threads as asked for.
//! A NumPy-style eager engine evaluates the same expression one operation at
//! a time, to race against.
//!
//! ```
//! use exprlab::{Inputs, Options, evaluate, Value, Array};
//! # fn main() -> Result<(), exprlab::Error> {
//! let mut inputs = Inputs::new();
//! inputs.insert("x", vec![0.0, 0.25, 0.5]);
//! let y = evaluate("sin(2*pi*x)", &inputs, &Options::default())?;
//! assert!(matches!(y, Value::Array(ref y) if matches!(**y, Array::Float64(ref y) if (y[1] - 1.0).abs() < 1e-15)));
//! # Ok(())
//! # }
//! ```
//!
//! The pipeline, one module a stage: [`syntax`] (lexer, Pratt parser),
//! [`compile`] (resolution, folding, strength reduction, CSE, lowering),
//! [`bytecode`] (the op table, the program, its disassembly), [`vm`] (block
//! interpreter and parallel driver), [`eager`], [`kernels`] and [`data`];
//! [`session`] is what the front ends (the wasm bindings, the command line)
//! keep between requests.

pub mod bench;
pub mod bytecode;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod compile;
pub mod data;
pub mod eager;
pub mod error;
pub mod functions;
pub mod inspect;
pub mod kernels;
pub mod limits;
pub mod race;
pub mod session;
pub mod syntax;
pub mod types;
pub mod vm;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use compile::graph::Variable;
pub use compile::{Compiled, compile};
pub use error::{Error, ErrorKind, Result, Span};
pub use kernels::Kernels;
pub use session::Session;
pub use types::{Array, DType, Kind, NdArray, Scalar, Shape, Value};
pub use vm::parallel::ThreadUse;

/// Which engine evaluates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Engine {
    /// The compiled program, block by block.
    #[default]
    Vm,
    /// One operation at a time over whole arrays (NumPy-style).
    Eager,
}

impl Engine {
    pub fn parse(name: &str) -> Option<Engine> {
        match name {
            "vm" => Some(Engine::Vm),
            "eager" => Some(Engine::Eager),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Engine::Vm => "vm",
            Engine::Eager => "eager",
        }
    }
}

/// How to evaluate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    pub engine: Engine,
    /// The most threads for the VM: it uses as many as pay for the work
    /// ([`vm::parallel::ThreadUse`]); the eager engine uses one, as NumPy
    /// does.
    pub threads: usize,
    /// Run the VM on exactly `threads` threads, even where fewer would pay:
    /// for tests that every thread count gives the same bits, and for
    /// measuring what a thread costs.
    pub every_thread: bool,
    /// The VM's kernel flavour (the eager engine always calls the scalar
    /// libm, as NumPy-style evaluation means here).
    pub kernels: Kernels,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            engine: Engine::Vm,
            threads: 1,
            every_thread: false,
            kernels: Kernels::Simd,
        }
    }
}

/// Named input values: arrays and scalars.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Inputs {
    entries: Vec<(String, Value)>,
}

impl Inputs {
    pub fn new() -> Inputs {
        Inputs::default()
    }

    /// Adds or replaces the input `name`.
    pub fn insert(&mut self, name: &str, value: impl Into<Value>) {
        let value = value.into();
        match self.entries.iter_mut().find(|(n, _)| n == name) {
            Some(entry) => entry.1 = value,
            None => self.entries.push((name.to_string(), value)),
        }
    }

    /// Removes the input `name`, if there is one, and returns it.
    pub fn remove(&mut self, name: &str) -> Option<Value> {
        let at = self.entries.iter().position(|(n, _)| n == name)?;
        Some(self.entries.remove(at).1)
    }

    pub fn get(&self, name: &str) -> Option<&Value> {
        self.entries.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// The variables to compile for: each input's name, dtype and shape.
    pub fn variables(&self) -> Vec<Variable> {
        self.entries
            .iter()
            .map(|(name, v)| Variable {
                name: name.clone(),
                dtype: v.dtype(),
                scalar: v.is_scalar(),
            })
            .collect()
    }

    /// The values for `variables`, in their order.
    pub fn bind(&self, variables: &[Variable]) -> Result<Vec<&Value>> {
        variables
            .iter()
            .map(|v| {
                self.get(&v.name)
                    .ok_or_else(|| Error::input(format!("no value for the input `{}`", v.name)))
            })
            .collect()
    }
}

impl Compiled {
    /// Evaluates the compiled program on `inputs`.
    pub fn evaluate(&self, inputs: &Inputs, options: &Options) -> Result<Value> {
        match options.engine {
            Engine::Vm => {
                let values = inputs.bind(&self.program.inputs)?;
                vm::evaluate(
                    &self.program,
                    &values,
                    options.threads,
                    options.every_thread,
                    options.kernels,
                )
                .map_err(|e| self.placed(inputs, e))
            }
            Engine::Eager => {
                let values = inputs.bind(&self.optimized.inputs)?;
                eager::evaluate(&self.optimized, &values)
            }
        }
    }

    /// How many threads the VM uses for `inputs` under `options`, and why
    /// (the eager engine uses one).
    pub fn thread_use(&self, inputs: &Inputs, options: &Options) -> Result<ThreadUse> {
        let (_, shape) = self.bind(inputs)?;
        let len = shape.len();
        Ok(match options.engine {
            Engine::Vm => ThreadUse::new(&self.program, len, options.threads, options.every_thread),
            Engine::Eager => ThreadUse::exactly(1, len),
        })
    }

    /// The memory an evaluation on `inputs` must move, whatever the engine:
    /// its array inputs read once and its output written once (nothing for
    /// a scalar: a reduction over all elements).
    pub fn traffic(&self, inputs: &Inputs) -> Result<Traffic> {
        let (values, shape) = self.bind(inputs)?;
        self.traffic_of(&values, &shape)
    }

    /// [`Compiled::traffic`] of bound `values` whose result has `shape`.
    fn traffic_of(&self, values: &[&Value], shape: &Shape) -> Result<Traffic> {
        let elements = shape.len();
        let read = arrays(values).map(<[u8]>::len).sum();
        let size = self.program.dtype.size();
        let written = match self.program.reduction {
            None if self.program.array => elements * size,
            None => 0,
            Some(reduce) => reduce.along(shape)?.map_or(0, |a| a.len() * size),
        };
        Ok(Traffic {
            elements,
            read,
            written,
        })
    }

    /// The stream bound of an evaluation on `inputs` on `threads` threads:
    /// copies the array inputs through `scratch` (kept between calls), and
    /// as much of `scratch` again as a result larger than them (broadcast)
    /// adds, and returns the bytes copied; the time of the copy scaled by
    /// [`Traffic::bytes`] over those is the fastest the evaluation could run.
    pub fn copy_inputs(
        &self,
        inputs: &Inputs,
        threads: usize,
        scratch: &mut Vec<u8>,
    ) -> Result<usize> {
        vm::parallel::check_threads(threads)?;
        let (values, shape) = self.bind(inputs)?;
        let bytes = self.traffic_of(&values, &shape)?.bytes();
        let sources: Vec<&[u8]> = arrays(&values).collect();
        vm::stream::copy(&sources, bytes, scratch, threads)
    }

    /// The VM program's values among `inputs`, checked against it, and the
    /// shape of its elementwise result.
    fn bind<'i>(&self, inputs: &'i Inputs) -> Result<(Vec<&'i Value>, Shape)> {
        let values = inputs.bind(&self.program.inputs)?;
        let shape = vm::check_inputs(&self.program.inputs, self.program.array, &values)
            .map_err(|e| self.placed(inputs, e))?;
        Ok((values, shape))
    }

    /// `error` at the operation where the inputs' shapes do not broadcast,
    /// with its span, when that is what went wrong: the VM checks the
    /// inputs' shapes together, and only a failure walks the expression to
    /// find the place.
    fn placed(&self, inputs: &Inputs, error: Error) -> Error {
        if error.span.is_some() {
            return error;
        }
        match inputs
            .bind(&self.optimized.inputs)
            .and_then(|values| self.optimized.shapes(&values))
        {
            Err(placed) => placed,
            Ok(_) => error,
        }
    }

    /// The program's text form.
    pub fn disassemble(&self) -> String {
        self.program.to_string()
    }
}

/// The memory of the arrays among `values` (the scalars left out).
fn arrays<'v>(values: &[&'v Value]) -> impl Iterator<Item = &'v [u8]> {
    values.iter().filter_map(|v| match v {
        Value::Array(a) => Some(a.bytes()),
        Value::Bytes(s) => Some(s.bytes()),
        Value::Scalar(_) => None,
    })
}

/// What an evaluation moves: the elements of its result (or reduced), and
/// the bytes it reads and writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Traffic {
    pub elements: usize,
    pub read: usize,
    pub written: usize,
}

impl Traffic {
    /// Bytes read and written.
    pub fn bytes(&self) -> usize {
        self.read + self.written
    }
}

/// Compiles `source` for the inputs' types and evaluates it.
pub fn evaluate(source: &str, inputs: &Inputs, options: &Options) -> Result<Value> {
    compile(source, &inputs.variables())?.evaluate(inputs, options)
}
