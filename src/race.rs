//! A race: the contenders an experiment runs, and how each is timed, as
//! Python's `timeit` does. The page's race (through the wasm bindings), the
//! JS API's `time`, the benchmark's page and `exprlab bench` all time with
//! [`timeit`] and list contenders with [`contenders`]; [`crate::Session::race`]
//! runs them in rounds.
//!
//! The clock is `web_time::Instant`: `std::time::Instant` natively,
//! `performance.now()` in a browser (where std's clock panics).

use crate::{Engine, Error, Kernels, Options, Result};
use web_time::Instant;

/// What an experiment races: the NumPy-style eager engine, the VM with its
/// scalar kernels (one thread), or the VM with its SIMD kernels in high or
/// low accuracy (each once per thread count). The names are the link's
/// `engines=` and `exprlab bench --engines`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entrant {
    Eager,
    Scalar,
    Simd,
    SimdLow,
}

impl Entrant {
    pub const ALL: [Entrant; 4] = [
        Entrant::Eager,
        Entrant::Scalar,
        Entrant::Simd,
        Entrant::SimdLow,
    ];

    /// What a race runs when none are named: all but the low accuracy.
    pub const DEFAULT: [Entrant; 3] = [Entrant::Eager, Entrant::Scalar, Entrant::Simd];

    pub fn name(self) -> &'static str {
        match self {
            Entrant::Eager => "eager",
            Entrant::Scalar => "scalar",
            Entrant::Simd => "simd",
            Entrant::SimdLow => "simd-low",
        }
    }

    pub fn parse(name: &str) -> Result<Entrant> {
        Entrant::ALL
            .into_iter()
            .find(|e| e.name() == name)
            .ok_or_else(|| {
                let all: Vec<&str> = Entrant::ALL.iter().map(|e| e.name()).collect();
                Error::input(format!(
                    "`{name}` is not an engine of a race: use {}",
                    all.join(", ")
                ))
            })
    }
}

/// A thread count asked for: a number, or `max`, every thread there is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Threads {
    Count(usize),
    Max,
}

impl Threads {
    /// `max` or a whole number from 1.
    pub fn parse(text: &str) -> Result<Threads> {
        match text.trim() {
            "max" => Ok(Threads::Max),
            t => t
                .parse::<usize>()
                .ok()
                .filter(|&n| n >= 1)
                .map(Threads::Count)
                .ok_or_else(|| {
                    Error::input(format!(
                        "a thread count is `max` or a whole number from 1, not `{text}`"
                    ))
                }),
        }
    }

    /// The count on a machine of `available` threads: `max` and counts
    /// above `available` are `available`.
    pub fn on(self, available: usize) -> usize {
        match self {
            Threads::Count(n) => n.min(available).max(1),
            Threads::Max => available.max(1),
        }
    }

    /// The counts raced when none are asked for: the powers of two below
    /// `available`, and `available`.
    pub fn default_counts(available: usize) -> Vec<Threads> {
        let mut counts: Vec<Threads> = std::iter::successors(Some(1), |&n| Some(n * 2))
            .take_while(|&n| n < available)
            .map(Threads::Count)
            .collect();
        counts.push(Threads::Max);
        counts
    }
}

/// One contender of a race: how it evaluates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Contender {
    pub options: Options,
}

impl Contender {
    /// `eager`, `vm scalar` or `vm SIMD`.
    pub fn engine(&self) -> &'static str {
        match (self.options.engine, self.options.kernels) {
            (Engine::Eager, _) => "eager",
            (Engine::Vm, Kernels::Scalar) => "vm scalar",
            (Engine::Vm, Kernels::Simd) => "vm SIMD",
            (Engine::Vm, Kernels::SimdLow) => "vm SIMD low",
        }
    }

    /// The engine, and its threads when more than one: `vm SIMD ×2`.
    pub fn label(&self) -> String {
        match self.options.threads {
            1 => self.engine().to_string(),
            n => format!("{} ×{n}", self.engine()),
        }
    }
}

/// The contenders of a race, in order: eager, the scalar VM, then the SIMD
/// VM on each thread count, then the low-accuracy SIMD VM on each (`None`: [`Threads::default_counts`]), each
/// count once, on a machine of `available` threads.
pub fn contenders(
    entrants: &[Entrant],
    threads: Option<&[Threads]>,
    available: usize,
) -> Vec<Contender> {
    let one = |engine, kernels, threads| Contender {
        options: Options {
            engine,
            threads,
            kernels,
            ..Options::default()
        },
    };
    let mut list = Vec::new();
    if entrants.contains(&Entrant::Eager) {
        list.push(one(Engine::Eager, Kernels::Scalar, 1));
    }
    if entrants.contains(&Entrant::Scalar) {
        list.push(one(Engine::Vm, Kernels::Scalar, 1));
    }
    let asked = threads.map_or_else(|| Threads::default_counts(available), <[_]>::to_vec);
    let mut counts: Vec<usize> = asked.iter().map(|t| t.on(available)).collect();
    counts.sort_unstable();
    counts.dedup();
    for (entrant, kernels) in [
        (Entrant::Simd, Kernels::Simd),
        (Entrant::SimdLow, Kernels::SimdLow),
    ] {
        if entrants.contains(&entrant) {
            list.extend(counts.iter().map(|&t| one(Engine::Vm, kernels, t)));
        }
    }
    list
}

/// How to time, as Python's timeit: `loops` per batch (`None`: grown 1, 2,
/// 5, 10, 20, 50, ... until a batch takes `min_time` seconds), then
/// `repeats` batches.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Timeit {
    pub loops: Option<usize>,
    pub repeats: usize,
    pub min_time: f64,
}

impl Default for Timeit {
    fn default() -> Timeit {
        Timeit {
            loops: None,
            repeats: 5,
            min_time: 0.2,
        }
    }
}

/// The most loops a batch grows to.
const MAX_LOOPS: usize = 1_000_000;

/// Seconds per loop of each repeat, and the loops per batch.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Times {
    pub per_loop: Vec<f64>,
    pub loops: usize,
}

impl Times {
    /// The best repeat's seconds per loop.
    pub fn best(&self) -> f64 {
        self.per_loop.iter().copied().fold(f64::INFINITY, f64::min)
    }

    /// The mean of the repeats' seconds per loop.
    pub fn mean(&self) -> f64 {
        self.per_loop.iter().sum::<f64>() / self.per_loop.len() as f64
    }

    /// Their standard deviation (of the population, as `%timeit` reports it).
    pub fn std(&self) -> f64 {
        let mean = self.mean();
        let var = self
            .per_loop
            .iter()
            .map(|t| (t - mean).powi(2))
            .sum::<f64>()
            / self.per_loop.len() as f64;
        var.sqrt()
    }
}

/// Times `run` as [`Timeit`] says; `on_repeat(done, total)` hears of each
/// finished repeat. The first error of `run` stops it.
pub fn timeit<E>(
    mut run: impl FnMut() -> std::result::Result<(), E>,
    plan: &Timeit,
    mut on_repeat: impl FnMut(usize, usize),
) -> std::result::Result<Times, E> {
    let mut batch = |n: usize| -> std::result::Result<f64, E> {
        let start = Instant::now();
        for _ in 0..n {
            run()?;
        }
        Ok(start.elapsed().as_secs_f64())
    };
    let loops = match plan.loops {
        Some(n) => n.max(1),
        None => {
            let mut steps = [1, 2, 5].into_iter().cycle();
            let mut scale = 1;
            loop {
                let step = steps.next().unwrap_or(1);
                let n = step * scale;
                if batch(n)? >= plan.min_time || n >= MAX_LOOPS {
                    break n;
                }
                if step == 5 {
                    scale *= 10;
                }
            }
        }
    };
    let repeats = plan.repeats.max(1);
    let mut per_loop = Vec::with_capacity(repeats);
    for done in 1..=repeats {
        per_loop.push(batch(loops)? / loops as f64);
        on_repeat(done, repeats);
    }
    Ok(Times { per_loop, loops })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(list: &[Contender]) -> Vec<String> {
        list.iter().map(Contender::label).collect()
    }

    #[test]
    fn contenders_follow_the_entrants_and_thread_counts() {
        let all = contenders(&Entrant::DEFAULT, None, 4);
        assert_eq!(
            labels(&all),
            ["eager", "vm scalar", "vm SIMD", "vm SIMD ×2", "vm SIMD ×4"]
        );
        assert_eq!(
            labels(&contenders(&Entrant::DEFAULT, None, 12))
                .last()
                .unwrap(),
            "vm SIMD ×12"
        );
        // `max` and counts above what the machine has become what it has, once.
        let asked = [Threads::Count(1), Threads::Count(8), Threads::Max];
        let threads = |available| -> Vec<usize> {
            contenders(&Entrant::DEFAULT, Some(&asked), available)
                .iter()
                .map(|c| c.options.threads)
                .collect()
        };
        assert_eq!(threads(2), [1, 1, 1, 2]);
        assert_eq!(
            labels(&contenders(&Entrant::DEFAULT, Some(&asked), 1)),
            ["eager", "vm scalar", "vm SIMD"]
        );
        assert_eq!(
            labels(&contenders(&[Entrant::Simd, Entrant::Eager], None, 1)),
            ["eager", "vm SIMD"]
        );
        // The low accuracy after the high, on the same thread counts.
        assert_eq!(
            labels(&contenders(&Entrant::ALL, None, 2)),
            [
                "eager",
                "vm scalar",
                "vm SIMD",
                "vm SIMD ×2",
                "vm SIMD low",
                "vm SIMD low ×2"
            ]
        );
        assert_eq!(Entrant::parse("simd-low").unwrap(), Entrant::SimdLow);
        let error = Entrant::parse("fast").unwrap_err().message();
        assert!(error.contains("eager, scalar, simd, simd-low"), "{error}");
    }

    #[test]
    fn names_and_counts_parse_with_messages() {
        assert_eq!(Entrant::parse("scalar").unwrap(), Entrant::Scalar);
        let error = Entrant::parse("numba").unwrap_err();
        assert!(
            error
                .message()
                .contains("`numba` is not an engine of a race: use eager, scalar, simd"),
            "{}",
            error.message()
        );
        assert_eq!(Threads::parse(" max").unwrap(), Threads::Max);
        assert_eq!(Threads::parse("3").unwrap(), Threads::Count(3));
        for bad in ["0", "-1", "two", ""] {
            assert!(Threads::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn timeit_grows_loops_1_2_5_until_a_batch_takes_min_time() {
        let count = |min_time: f64| {
            let mut calls = 0usize;
            let mut heard = Vec::new();
            let plan = Timeit {
                loops: None,
                repeats: 3,
                min_time,
            };
            let times = timeit(
                || -> std::result::Result<(), ()> {
                    calls += 1;
                    Ok(())
                },
                &plan,
                |done, total| heard.push((done, total)),
            )
            .unwrap();
            assert_eq!(heard, [(1, 3), (2, 3), (3, 3)]);
            assert_eq!(times.per_loop.len(), 3);
            (times.loops, calls)
        };
        // Any batch takes 0 s: one loop.
        assert_eq!(count(0.0), (1, 1 + 3));
        // None takes a day: the batches grow 1, 2, 5, 10, ... to a million.
        let grown: usize = (0..=6)
            .flat_map(|e| [1, 2, 5].map(|s| s * 10usize.pow(e)))
            .take_while(|&n| n <= MAX_LOOPS)
            .sum();
        assert_eq!(count(86_400.0), (MAX_LOOPS, grown + 3 * MAX_LOOPS));
    }

    #[test]
    fn timeit_with_loops_runs_them_and_stops_at_an_error() {
        let mut calls = 0;
        let plan = Timeit {
            loops: Some(4),
            repeats: 2,
            min_time: 10.0,
        };
        let times = timeit(
            || -> std::result::Result<(), ()> {
                calls += 1;
                Ok(())
            },
            &plan,
            |_, _| {},
        )
        .unwrap();
        assert_eq!((times.loops, calls), (4, 8));
        let failed = timeit(|| Err("no"), &plan, |_, _| {});
        assert_eq!(failed, Err("no"));
    }

    #[test]
    fn spread_is_the_populations() {
        let times = Times {
            per_loop: vec![1.0, 2.0, 3.0, 4.0],
            loops: 1,
        };
        assert_eq!(times.best(), 1.0);
        assert_eq!(times.mean(), 2.5);
        assert!((times.std() - 1.25f64.sqrt()).abs() < 1e-15);
    }
}
