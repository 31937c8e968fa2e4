//! A session: what a front end keeps between requests. Named inputs (from
//! values, or from the engine's constructors with their dtype apart), the
//! compiled program of the last expression (kept while the inputs' types
//! stay), the last result with its summary and plot, and a reference result
//! to compare later ones with in ULPs. The wasm bindings ([`crate::wasm`])
//! and the command line ([`crate::cli`]) are adapters over it: they turn
//! their arguments into its calls and its answers into theirs.
//!
//! The summary has one NaN policy, the lab's: NaNs are counted and left out
//! of min, max and mean ([`crate::inspect::summarize`]).
//!
//! A session also times ([`Session::time`]) and races ([`Session::race`]):
//! the contenders of [`crate::race::contenders`], in rounds.

use crate::data::ArraySpec;
use crate::inspect::{self, Summary};
use crate::race::{Contender, Timeit, Times, timeit};
use crate::types::{NdArray, Shape};
use crate::{Compiled, DType, Error, Inputs, Options, Result, ThreadUse, Traffic, Value, compile};

/// One contender's figures in a race.
#[derive(Clone, Debug)]
pub struct Entry {
    pub contender: Contender,
    /// Seconds per loop of every repeat so far.
    pub times: Times,
    /// The largest difference of its result from the first contender's, in
    /// ULPs (0 for the first; infinity for a different class or length).
    pub ulps: f64,
    /// The threads it used, and why fewer than asked for.
    pub threads: ThreadUse,
    /// What its expression moved.
    pub traffic: Traffic,
}

/// The stream bound of an expression: the seconds per loop that moving
/// `bytes` (its array inputs read, its output written) takes on `threads`
/// threads, measured by copying its inputs as the VM's driver runs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bound {
    pub threads: usize,
    pub best: f64,
    pub bytes: usize,
}

/// Where a race is: the contender `index` starts its repeat of `round`
/// (counted from 0), or has finished it and `entries` holds the figures so
/// far (one entry per contender that has run).
pub enum Progress<'a> {
    Starting {
        round: usize,
        index: usize,
    },
    Finished {
        round: usize,
        index: usize,
        entries: &'a [Entry],
    },
}

/// The inputs, the kept program, the last result and the reference.
#[derive(Default)]
pub struct Session {
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

impl Session {
    pub fn new() -> Session {
        Session::default()
    }

    pub fn inputs(&self) -> &Inputs {
        &self.inputs
    }

    /// Sets the input `name`; what depended on the inputs goes.
    pub fn set(&mut self, name: &str, value: impl Into<Value>) {
        self.inputs.insert(name, value);
        self.forget();
    }

    /// Sets the input `name` with a constructor (`linspace(-1, 1, 1e6)`,
    /// `random(1e6, 7, float32)`, ...), as an array of `dtype` when given
    /// (and then the text may name no other). Errors have spans in
    /// `constructor`.
    pub fn define(&mut self, name: &str, constructor: &str, dtype: Option<DType>) -> Result<()> {
        // The old value goes first, so that its memory can serve the new one.
        self.remove(name);
        let value = ArraySpec::parse_as(constructor, dtype)?.value()?;
        self.set(name, value);
        Ok(())
    }

    /// Gives the array input `name` the shape `dims`, which must hold as
    /// many elements as it has (read in C order: the last index varies
    /// fastest).
    pub fn reshape(&mut self, name: &str, dims: Vec<usize>) -> Result<()> {
        let shape = Shape::new(dims)?;
        let missing = || Error::input(format!("no input `{name}` to give a shape"));
        let len = self.inputs.get(name).ok_or_else(missing)?.len();
        if len != shape.len() {
            return Err(Error::input(format!(
                "`{name}` has {len} elements, but shape {shape} holds {}",
                shape.len()
            )));
        }
        let data = match self.inputs.remove(name) {
            Some(Value::Array(a)) => a.into_data(),
            Some(Value::Scalar(s)) => crate::eager::broadcast(s, 1)?,
            Some(Value::Bytes(s)) => {
                self.set(name, s.reshaped(shape)?);
                return Ok(());
            }
            None => return Err(missing()),
        };
        self.set(name, NdArray::new(data, shape)?);
        Ok(())
    }

    /// Forgets the input `name`.
    pub fn remove(&mut self, name: &str) {
        self.inputs.remove(name);
        self.forget();
    }

    /// Forgets every input, the last result and the reference.
    pub fn clear(&mut self) {
        *self = Session::default();
    }

    /// Evaluates `source` with `options` and keeps the result. Compiles
    /// only when `source` or the inputs' types changed since the last run.
    /// Errors have spans in `source`.
    pub fn run(&mut self, source: &str, options: &Options) -> Result<&Value> {
        // The last result's memory is free for this one.
        self.result = None;
        self.last_run = None;
        let value = kept_program(&mut self.compiled, &self.inputs, source)?
            .evaluate(&self.inputs, options)?;
        self.last_run = Some(*options);
        Ok(self.result.insert(value))
    }

    /// Times `source` with `options` as [`Timeit`] says, after one untimed
    /// run (it compiles and warms up) when `warm_up`; `on_repeat(done,
    /// total)` hears of each repeat. The last run's result is kept.
    pub fn time(
        &mut self,
        source: &str,
        options: &Options,
        plan: &Timeit,
        warm_up: bool,
        on_repeat: impl FnMut(usize, usize),
    ) -> Result<Times> {
        if warm_up {
            self.run(source, options)?;
        }
        timeit(|| self.run(source, options).map(drop), plan, on_repeat)
    }

    /// Races `contenders` on `source` in `plan.repeats` rounds, each round
    /// one repeat of every contender in turn, so that a slow spell of the
    /// machine slows every contender alike instead of one. In the first
    /// round each contender warms up first, and its result is compared
    /// with the first contender's (kept as the reference). The loops per
    /// batch are `plan.loops`, or grown in a contender's first repeat and
    /// kept. `progress` hears of each step.
    pub fn race(
        &mut self,
        source: &str,
        contenders: &[Contender],
        plan: &Timeit,
        mut progress: impl FnMut(Progress<'_>),
    ) -> Result<Vec<Entry>> {
        let mut entries: Vec<Entry> = Vec::with_capacity(contenders.len());
        for round in 0..plan.repeats.max(1) {
            for (index, contender) in contenders.iter().enumerate() {
                progress(Progress::Starting { round, index });
                let first = round == 0;
                let once = Timeit {
                    loops: entries
                        .get(index)
                        .map_or(plan.loops, |e| Some(e.times.loops)),
                    repeats: 1,
                    ..*plan
                };
                let options = &contender.options;
                let times = self.time(source, options, &once, first, |_, _| {})?;
                if first {
                    let ulps = if index == 0 {
                        self.keep_reference();
                        0.0
                    } else {
                        self.ulps_from_reference().unwrap_or(f64::INFINITY)
                    };
                    entries.push(Entry {
                        contender: *contender,
                        times,
                        ulps,
                        threads: self.thread_use().ok_or_else(no_program)?,
                        traffic: self.traffic().ok_or_else(no_program)?,
                    });
                } else {
                    entries[index].times.per_loop.extend(times.per_loop);
                }
                progress(Progress::Finished {
                    round,
                    index,
                    entries: &entries,
                });
            }
        }
        Ok(entries)
    }

    /// The last result, if there is one.
    pub fn result(&self) -> Option<&Value> {
        self.result.as_ref()
    }

    /// The last result's dtype, length, min, max, mean and NaNs.
    pub fn summary(&self) -> Option<Summary> {
        self.result().map(inspect::summarize)
    }

    /// `part` of the last result decimated for a plot `columns` pixels
    /// wide; `None` without a result.
    pub fn plot(&self, columns: usize, part: inspect::Part) -> Option<Result<Vec<f64>>> {
        self.result().map(|r| inspect::decimate(r, columns, part))
    }

    /// `part` of the last result as a picture of at most `width` x `height` pixels
    /// (`Ok(None)` when it has fewer than two dimensions); `None` without a
    /// result.
    pub fn picture(
        &self,
        width: usize,
        height: usize,
        part: inspect::Part,
    ) -> Option<Result<Option<inspect::Picture>>> {
        self.result()
            .map(|r| inspect::picture(r, width, height, part))
    }

    /// Keeps the last result as the reference of [`Session::ulps_from_reference`];
    /// false when there is no result.
    pub fn keep_reference(&mut self) -> bool {
        self.reference = None;
        self.reference = self.result.clone();
        self.reference.is_some()
    }

    /// The largest difference of the last result from the reference, in
    /// ULPs of its dtype (0 for the same bits, infinity for a different
    /// dtype, length or class); `None` without both.
    pub fn ulps_from_reference(&self) -> Option<f64> {
        Some(inspect::max_ulp_difference(
            self.result()?,
            self.reference.as_ref()?,
        ))
    }

    /// The threads the last run used and why, while its program is kept.
    pub fn thread_use(&self) -> Option<ThreadUse> {
        let (compiled, options) = self.last_program()?;
        compiled.thread_use(&self.inputs, options).ok()
    }

    /// What the last run's expression moved, while its program is kept.
    pub fn traffic(&self) -> Option<Traffic> {
        self.last_program()?.0.traffic(&self.inputs).ok()
    }

    /// The bytes `source` must move on the inputs (its array inputs read,
    /// its output written), without running it.
    pub fn bytes_for(&mut self, source: &str) -> Result<usize> {
        self.replacing_program(source);
        let compiled = kept_program(&mut self.compiled, &self.inputs, source)?;
        Ok(compiled.traffic(&self.inputs)?.bytes())
    }

    /// The stream bound's work for `source`: copies its array inputs on
    /// `threads` threads, as the VM's driver runs, and returns the bytes
    /// copied (0 when it reads no arrays); the last result stays.
    pub fn copy_inputs(&mut self, source: &str, threads: usize) -> Result<usize> {
        self.replacing_program(source);
        kept_program(&mut self.compiled, &self.inputs, source)?.copy_inputs(
            &self.inputs,
            threads.max(1),
            &mut self.scratch,
        )
    }

    /// The stream bound of `source` on `threads` threads, timed as `plan`
    /// says (the best repeat): `None` when it reads no arrays. The last
    /// result stays.
    pub fn stream_bound(
        &mut self,
        source: &str,
        threads: usize,
        plan: &Timeit,
    ) -> Result<Option<Bound>> {
        let bytes = self.bytes_for(source)?;
        let copied = self.copy_inputs(source, threads)?;
        if copied == 0 {
            return Ok(None);
        }
        let times = timeit(
            || self.copy_inputs(source, threads).map(drop),
            plan,
            |_, _| {},
        )?;
        Ok(Some(Bound {
            threads,
            best: times.best() * bytes as f64 / copied as f64,
            bytes,
        }))
    }

    /// The compiled program of `source` over the inputs, as text.
    pub fn disassemble(&self, source: &str) -> Result<String> {
        Ok(compile(source, &self.inputs.variables())?.disassemble())
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

    /// Drops what depended on the inputs: the compiled program (its types)
    /// and the results (they are stale).
    fn forget(&mut self) {
        self.compiled = None;
        self.result = None;
        self.last_run = None;
        self.scratch = Vec::new();
        self.reference = None;
    }
}

/// A run that left no program: cannot happen after a successful run.
fn no_program() -> crate::Error {
    crate::Error::new(
        crate::ErrorKind::Eval("the race's run kept no program".into()),
        None,
    )
}

/// The compiled program of `source`, kept in `kept`: the one there when
/// `source` is the last expression compiled (the inputs' types have not
/// changed since, or it would have been dropped), else a new one. A function
/// of the fields it needs, so that callers borrow the others beside it.
fn kept_program<'k>(
    kept: &'k mut Option<(String, Compiled)>,
    inputs: &Inputs,
    source: &str,
) -> Result<&'k Compiled> {
    let program = match kept.take() {
        Some((kept_source, compiled)) if kept_source == source => (kept_source, compiled),
        _ => (source.to_string(), compile(source, &inputs.variables())?),
    };
    Ok(&kept.insert(program).1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Scalar;

    #[test]
    fn the_stream_bound_moves_the_bytes_of_a_broadcast_result_too() {
        let mut s = Session::new();
        s.set("a", vec![1.0f64; 1000]);
        s.set("b", vec![2.0f64; 1000]);
        // Two inputs read, one output written: the copy moves each input
        // twice (read and written), more than the expression must.
        assert_eq!(s.bytes_for("2*a + 3*b").unwrap(), 24_000);
        assert_eq!(s.copy_inputs("2*a + 3*b", 2).unwrap(), 32_000);
        // A row and a column make a grid 500 times larger than both: the
        // copy moves as much as the expression, not just its inputs.
        s.reshape("a", vec![1, 1000]).unwrap();
        s.reshape("b", vec![1000, 1]).unwrap();
        assert_eq!(s.bytes_for("a + b").unwrap(), 16_000 + 8_000_000);
        assert_eq!(s.copy_inputs("a + b", 2).unwrap(), 16_000 + 8_000_000);
    }

    #[test]
    fn inputs_take_a_shape_of_as_many_elements() {
        let mut s = Session::new();
        s.set("x", vec![0.0f64, 10.0]);
        s.set("y", vec![1.0f64, 2.0, 3.0]);
        let e = s.run("x + y", &Options::default()).unwrap_err();
        assert_eq!(e.span.map(|s| (s.start, s.end)), Some((0, 5)));
        s.reshape("x", vec![2, 1]).unwrap();
        let Ok(Value::Array(grid)) = s.run("x + y", &Options::default()) else {
            panic!("not an array")
        };
        assert_eq!(grid.shape().dims(), [2, 3]);
        assert_eq!(grid.to_f64_vec(), [1.0, 2.0, 3.0, 11.0, 12.0, 13.0]);
        let message = |r: Result<()>| r.unwrap_err().message();
        assert_eq!(
            message(s.reshape("x", vec![3])),
            "`x` has 2 elements, but shape (3,) holds 3"
        );
        assert_eq!(
            message(s.reshape("z", vec![3])),
            "no input `z` to give a shape"
        );
        assert!(message(s.reshape("y", vec![1; 40])).contains("40 dimensions"));
        // A refused shape leaves the input as it was.
        assert_eq!(
            s.inputs().get("x").map(Value::shape),
            Some(Shape::new(vec![2, 1]).unwrap())
        );
    }

    #[test]
    fn the_program_is_kept_while_the_inputs_types_stay() {
        let mut s = Session::new();
        s.set("x", vec![1.0f64, 2.0]);
        s.run("x + 1", &Options::default()).unwrap();
        let kept = s.compiled.as_ref().map(|(_, c)| c.disassemble());
        s.run("x + 1", &Options::default()).unwrap();
        assert_eq!(s.compiled.as_ref().map(|(_, c)| c.disassemble()), kept);
        // New types: the program is compiled again, for float32.
        s.set("x", vec![1.0f32, 2.0]);
        assert!(s.result().is_none(), "a stale result is dropped");
        let value = s.run("x + 1", &Options::default()).unwrap();
        assert_eq!(value.dtype(), DType::Float32);
    }

    #[test]
    fn the_summary_leaves_nans_out_and_counts_them() {
        let mut s = Session::new();
        s.set("x", vec![1.0f64, f64::NAN, 3.0]);
        s.run("x * 2", &Options::default()).unwrap();
        let summary = s.summary().unwrap();
        assert_eq!(
            (summary.min, summary.max, summary.mean, summary.nans),
            (2.0, 6.0, 4.0, 1)
        );
    }

    #[test]
    fn the_reference_compares_later_results() {
        let mut s = Session::new();
        assert!(!s.keep_reference(), "no result yet");
        s.set("x", vec![1.0f64, 2.0]);
        s.run("x / 3", &Options::default()).unwrap();
        assert!(s.keep_reference());
        s.run("x * (1/3)", &Options::default()).unwrap();
        assert!(s.ulps_from_reference().unwrap() <= 1.0);
        s.run("x", &Options::default()).unwrap();
        assert!(s.ulps_from_reference().unwrap() > 1e12);
    }

    #[test]
    fn constructors_take_their_dtype_apart_and_errors_have_spans() {
        let mut s = Session::new();
        s.define("a", "arange(4)", Some(DType::Int32)).unwrap();
        assert_eq!(s.inputs().get("a").map(Value::dtype), Some(DType::Int32));
        let error = s.define("b", "linspace(0, 1, x)", None).unwrap_err();
        assert!(error.span.is_some(), "{error:?}");
        assert!(s.inputs().get("b").is_none());
        s.set("k", Scalar::Float64(2.0));
        assert_eq!(
            s.run("sum(a * k)", &Options::default()).unwrap().get(0),
            Some(Scalar::Float64(12.0))
        );
    }

    #[test]
    fn figures_of_other_expressions_leave_the_last_run_alone_only_when_it_is_theirs() {
        let mut s = Session::new();
        s.set("a", vec![1.0f64; 1000]);
        s.run("a + 1", &Options::default()).unwrap();
        assert_eq!(s.bytes_for("a + 1").unwrap(), 16_000);
        assert!(
            s.traffic().is_some(),
            "the same program: the last run's figures stay"
        );
        assert_eq!(s.bytes_for("a").unwrap(), 16_000);
        assert!(s.traffic().is_none(), "another program: they went with it");
        assert!(s.result().is_some(), "the result stays");
        // Read and written: the copy moves what the expression would.
        assert_eq!(s.copy_inputs("a * 2", 1).unwrap(), 16_000);
        let plan = Timeit {
            loops: Some(1),
            repeats: 2,
            min_time: 0.0,
        };
        let bound = s.stream_bound("sum(a)", 1, &plan).unwrap().unwrap();
        assert_eq!(
            (bound.threads, bound.bytes),
            (1, 8_000),
            "a reduction writes no array"
        );
        assert!(bound.best > 0.0);
        assert_eq!(
            s.stream_bound("2 * 3", 1, &plan).unwrap(),
            None,
            "no arrays read"
        );
    }

    #[test]
    fn a_race_runs_every_contender_in_rounds_against_the_first() {
        use crate::race::{Entrant, Threads, contenders};
        let mut s = Session::new();
        s.set("x", (0..1000).map(|i| i as f64 / 999.0).collect::<Vec<_>>());
        let list = contenders(
            &Entrant::DEFAULT,
            Some(&[Threads::Count(1), Threads::Max]),
            2,
        );
        let plan = Timeit {
            loops: Some(2),
            repeats: 3,
            min_time: 0.0,
        };
        let mut steps = Vec::new();
        let entries = s
            .race("sin(2*pi*x)", &list, &plan, |p| match p {
                Progress::Starting { round, index } => steps.push((round, index, false)),
                Progress::Finished {
                    round,
                    index,
                    entries,
                } => {
                    assert_eq!(
                        entries.len(),
                        if round == 0 { index + 1 } else { list.len() }
                    );
                    steps.push((round, index, true));
                }
            })
            .unwrap();
        let expected: Vec<_> = (0..3)
            .flat_map(|r| (0..list.len()).flat_map(move |i| [(r, i, false), (r, i, true)]))
            .collect();
        assert_eq!(steps, expected, "round by round, each contender in turn");
        assert_eq!(entries.len(), 4);
        for e in &entries {
            assert_eq!((e.times.per_loop.len(), e.times.loops), (3, 2));
            assert_eq!(e.traffic.elements, 1000);
        }
        assert_eq!(entries[0].ulps, 0.0, "eager is the reference");
        assert_eq!(entries[1].ulps, 0.0, "the scalar VM gives eager's bits");
        assert!(entries[2].ulps <= 4.0, "SIMD sin within its bound");
        assert_eq!(
            entries[3].ulps, entries[2].ulps,
            "2 threads give 1 thread's bits"
        );
        // 1,000 elements do not pay for a second thread.
        assert_eq!((entries[3].threads.asked, entries[3].threads.used), (2, 1));
    }

    #[test]
    fn a_failing_contender_stops_the_race_with_its_error() {
        use crate::race::{Entrant, contenders};
        let mut s = Session::new();
        s.set("x", vec![1.0f64]);
        let list = contenders(&Entrant::DEFAULT, None, 1);
        let error = s
            .race("x + y", &list, &Timeit::default(), |_| {})
            .unwrap_err();
        assert!(error.message().contains("y"), "{}", error.message());
    }
}
