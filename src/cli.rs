//! The `exprlab` command line: evaluate, disassemble and time expressions
//! over `.npy` files, numbers and the lab's array constructors.
//! `src/bin/exprlab.rs` calls [`main`].

use crate::data::{ArraySpec, npy};
use crate::functions::Function;
use crate::race::{Entrant, Threads, Timeit, contenders};
use crate::session::{Entry, Progress};
use crate::types::{Repr, Value};
use crate::vm::parallel::available_threads;
use crate::{
    DType, Engine, Error, ErrorKind, Kernels, Options, Scalar, Session, Variable, inspect,
};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage:
  exprlab help                  this text
  exprlab functions [--json]    the language's functions: their dtypes, kernels and docs
  exprlab eval EXPR [NAME=FILE.npy | NAME=NUMBER | NAME=CONSTRUCTOR]...
               [-o OUT.npy] [--threads N] [--engine vm|eager] [--kernels simd|scalar]
               [--accuracy high|low]
  exprlab disasm EXPR [NAME=DTYPE]...
  exprlab bench EXPR [NAME=CONSTRUCTOR | NAME=FILE.npy | NAME=NUMBER]...
               [--loops L] [--repeats R] [--min-time SECONDS] [--threads N,M,...|max]
               [--engines eager,scalar,simd,simd-low] [--accuracy high|low] [--json]

CONSTRUCTOR is one of linspace(a, b, n), arange(n), arange(a, b, step),
zeros(n), ones(n), full(n, v), random(n, seed), normal(n, seed), each with an
optional dtype last: linspace(-1, 1, 1e6, float32), and an optional shape:
shape=(2, 3), or axis=1 for a row (1, n) and axis=0 for a column (n, 1).
DTYPE is bool, int8, int16, int32, int64, uint8, uint16, uint32, uint64, float32,
float64, complex128 or bytes (byte strings of any width).
EXPR may start with `-`, as in `exprlab eval '-a' a=3`, unless it is `-o` or
`-h`; `--` ends the options: `exprlab eval -- -o o=3`.

examples:
  exprlab eval 'sin(2*pi*x)' x='linspace(-1, 1, 1e6)'
  exprlab eval 'sum(a*b)' a=a.npy b=b.npy -o dot.npy
  exprlab disasm 'where(a > 0, sqrt(a), 0)' a=float32
  exprlab bench 'sin(2*pi*x)' x='linspace(-1, 1, 1e6)'

--accuracy low runs the SIMD kernels of sin, cos, exp and log that stay
within 4 ULP, faster (numexpr's VML 'low' mode); bench races them as the
engine simd-low in place of simd.";

/// A failure and the text its span points into.
struct Failure {
    error: Error,
    source: Option<String>,
}

impl Failure {
    fn usage(message: impl Into<String>) -> Failure {
        Failure {
            error: Error::new(ErrorKind::Usage(message.into()), None),
            source: None,
        }
    }

    fn in_source(source: &str) -> impl Fn(Error) -> Failure + '_ {
        move |error| Failure {
            error,
            source: Some(source.to_string()),
        }
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Failure {
        Failure {
            error,
            source: None,
        }
    }
}

impl From<lexopt::Error> for Failure {
    fn from(e: lexopt::Error) -> Failure {
        Failure::usage(e.to_string())
    }
}

/// Output closed before it is all written (`exprlab functions | head`)
/// ends the process quietly, as it ends other Unix tools, instead of a
/// panic in `println!` (Rust ignores SIGPIPE by default).
#[cfg(unix)]
fn quiet_on_closed_output() {
    // SAFETY: restores the default action of one signal, before any
    // thread starts; no handler runs Rust code.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn quiet_on_closed_output() {}

/// Runs the command line on the process's arguments.
pub fn main() -> ExitCode {
    quiet_on_closed_output();
    crate::vm::parallel::retain_freed_memory();
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            match (&f.source, f.error.span) {
                (Some(source), Some(_)) => eprintln!("{}", f.error.render(source)),
                _ => eprintln!("error: {}", f.error.message()),
            }
            if matches!(f.error.kind, ErrorKind::Usage(_)) {
                eprintln!("\n{USAGE}");
            }
            ExitCode::from(2)
        }
    }
}

/// What the command line asked for.
struct Args {
    command: String,
    expr: String,
    bindings: Vec<(String, String)>,
    output: Option<PathBuf>,
    /// Thread counts: eval uses the first, bench races each.
    threads: Vec<Threads>,
    engine: Engine,
    kernels: Kernels,
    /// --accuracy: the SIMD flavour of eval, and the one bench races.
    accuracy: Option<Kernels>,
    /// What bench races.
    engines: Vec<Entrant>,
    /// How bench times: --loops, --repeats (its rounds), --min-time.
    timeit: Timeit,
    /// bench prints JSON rather than a table.
    json: bool,
}

fn parse_args() -> Result<Args, Failure> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_env();
    let mut positional: Vec<String> = Vec::new();
    let mut args = Args {
        command: String::new(),
        expr: String::new(),
        bindings: Vec::new(),
        output: None,
        threads: Vec::new(),
        engine: Engine::Vm,
        kernels: Kernels::Simd,
        accuracy: None,
        engines: Entrant::DEFAULT.to_vec(),
        timeit: Timeit::default(),
        json: false,
    };
    loop {
        // The argument after the command is the expression even when it
        // starts with `-`, as numexpr's `-a` does (lexopt would read it as
        // the options `-a`), unless it is an option of its own.
        if positional.len() == 1 {
            let mut raw = parser.raw_args()?;
            if let Some(expr) = raw
                .peek()
                .and_then(|a| a.to_str())
                .filter(|a| is_expression(a))
            {
                positional.push(expr.to_string());
                raw.next();
                continue;
            }
        }
        let Some(arg) = parser.next()? else { break };
        match arg {
            Short('h') | Long("help") => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            Short('o') | Long("output") => args.output = Some(parser.value()?.into()),
            Long("threads") => {
                let text: String = parser.value()?.string()?;
                args.threads = text
                    .split(',')
                    .map(Threads::parse)
                    .collect::<Result<_, _>>()
                    .map_err(|_| {
                        Failure::usage(format!(
                            "--threads takes positive counts or `max`, such as 2 or 1,2,max, not `{text}`"
                        ))
                    })?;
            }
            Long("engines") => {
                let text: String = parser.value()?.string()?;
                args.engines = text
                    .split(',')
                    .map(|e| Entrant::parse(e.trim()))
                    .collect::<Result<_, _>>()
                    .map_err(|e| Failure::usage(format!("--engines: {}", e.message())))?;
            }
            Long("engine") => {
                let text: String = parser.value()?.string()?;
                args.engine = Engine::parse(&text).ok_or_else(|| {
                    Failure::usage(format!("--engine is vm or eager, not `{text}`"))
                })?;
            }
            Long("kernels") => {
                let text: String = parser.value()?.string()?;
                args.kernels = match text.as_str() {
                    "simd" => Kernels::Simd,
                    "scalar" => Kernels::Scalar,
                    _ => {
                        return Err(Failure::usage(format!(
                            "--kernels is simd or scalar, not `{text}`"
                        )));
                    }
                };
            }
            Long("accuracy") => {
                let text: String = parser.value()?.string()?;
                args.accuracy = Some(Kernels::simd_of(&text).map_err(|_| {
                    Failure::usage(format!("--accuracy is high or low, not `{text}`"))
                })?);
            }
            Long("loops") => {
                args.timeit.loops = Some(count(parser.value()?.parse()?, "--loops")?);
            }
            Long("repeats") => {
                args.timeit.repeats = count(parser.value()?.parse()?, "--repeats")?;
            }
            Long("min-time") => {
                let text: String = parser.value()?.string()?;
                args.timeit.min_time = text
                    .parse::<f64>()
                    .ok()
                    .filter(|t| (0.0..=60.0).contains(t))
                    .ok_or_else(|| {
                        Failure::usage(format!(
                            "--min-time takes seconds from 0 to 60, such as 0.05, not `{text}`"
                        ))
                    })?;
            }
            Long("json") => args.json = true,
            Value(v) => positional.push(v.string()?),
            _ => return Err(arg.unexpected().into()),
        }
    }
    if let Some(simd) = args.accuracy {
        if args.kernels == Kernels::Scalar {
            return Err(Failure::usage(
                "--accuracy chooses among the SIMD kernels: leave out --kernels scalar",
            ));
        }
        args.kernels = simd;
        if simd == Kernels::SimdLow {
            for e in &mut args.engines {
                if *e == Entrant::Simd {
                    *e = Entrant::SimdLow;
                }
            }
        }
    }
    let mut positional = positional.into_iter();
    args.command = positional
        .next()
        .ok_or_else(|| Failure::usage("a command is missing"))?;
    if matches!(args.command.as_str(), "help" | "functions") {
        return match positional.next() {
            Some(extra) => Err(Failure::usage(format!(
                "`{}` takes no arguments, not `{extra}`",
                args.command
            ))),
            None => Ok(args),
        };
    }
    args.expr = positional
        .next()
        .ok_or_else(|| Failure::usage("the expression is missing"))?;
    for binding in positional {
        let Some((name, value)) = binding.split_once('=') else {
            return Err(Failure::usage(format!(
                "expected NAME=VALUE, not `{binding}`"
            )));
        };
        args.bindings
            .push((name.trim().to_string(), value.trim().to_string()));
    }
    Ok(args)
}

/// The language's functions, grouped by the dtypes they take, each with
/// its float kernel (SIMD or scalar, and the SIMD kernel's bound in ULPs
/// where it is an approximation) and what it computes; or as JSON.
fn functions(json: bool) -> String {
    if json {
        let all: Vec<serde_json::Value> = Function::all()
            .map(|f| {
                serde_json::json!({
                    "name": f.name(),
                    "params": f.params(),
                    "arity": f.arity(),
                    "kind": f.kind(),
                    "dtypes": f.dtypes(),
                    "kernel": f.kernel(),
                    "ulps": f.ulps(),
                    "doc": f.doc(),
                })
            })
            .collect();
        return format!("{}\n", serde_json::Value::Array(all));
    }
    let mut groups: Vec<(&str, Vec<Function>)> = Vec::new();
    for f in Function::all() {
        match groups.iter_mut().find(|(d, _)| *d == f.dtypes()) {
            Some((_, fs)) => fs.push(f),
            None => groups.push((f.dtypes(), vec![f])),
        }
    }
    let call = |f: Function| format!("{}({})", f.name(), f.params());
    let width = Function::all().map(|f| call(f).len()).max().unwrap_or(0);
    let kernel = Function::all().map(|f| f.kernel().len()).max().unwrap_or(0);
    let mut out = String::new();
    for (dtypes, fs) in groups {
        out += &format!("{dtypes}:\n");
        for f in fs {
            out += &format!(
                "  {:<width$}  {:<kernel$}  {}\n",
                call(f),
                f.kernel(),
                f.doc()
            );
        }
    }
    out
}

/// An argument that starts with `-` but is an expression, not an option:
/// one dash (`--` ends the options, `--name` is a long option), and not one
/// of the short options `-o` and `-h`.
fn is_expression(arg: &str) -> bool {
    arg.starts_with('-') && !arg.starts_with("--") && !matches!(arg, "-" | "-o" | "-h")
}

fn count(n: usize, flag: &str) -> Result<usize, Failure> {
    if n == 0 {
        return Err(Failure::usage(format!("{flag} must be at least 1")));
    }
    Ok(n)
}

fn run() -> Result<(), Failure> {
    let args = parse_args()?;
    match args.command.as_str() {
        "eval" => eval(&args),
        "disasm" => disasm(&args),
        "bench" => bench(&args),
        "functions" => {
            print!("{}", functions(args.json));
            Ok(())
        }
        "help" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(Failure::usage(format!(
            "unknown command `{other}`: use eval, disasm, bench, functions or help"
        ))),
    }
}

/// A number, a `.npy` file, or a constructor.
fn load(value: &str) -> Result<Value, Failure> {
    if let Some(scalar) = number(value) {
        return Ok(Value::Scalar(scalar));
    }
    if value.ends_with(".npy") {
        return Ok(npy::read(std::path::Path::new(value))?);
    }
    let spec = ArraySpec::parse(value).map_err(Failure::in_source(value))?;
    spec.value().map_err(Failure::in_source(value))
}

/// Python's spelling of a number: `3` is int64, `2.5` and `1e6` float64.
fn number(text: &str) -> Option<Scalar> {
    match text {
        "True" => return Some(Scalar::Bool(true)),
        "False" => return Some(Scalar::Bool(false)),
        _ => {}
    }
    if let Ok(v) = text.parse::<i64>() {
        return Some(Scalar::Int64(v));
    }
    let lower = text.to_ascii_lowercase();
    let finite = lower.trim_start_matches(['-', '+']);
    if matches!(finite, "inf" | "nan")
        || text.starts_with(|c: char| c.is_ascii_digit() || "-+.".contains(c))
    {
        return text.parse::<f64>().ok().map(Scalar::Float64);
    }
    None
}

/// A session holding the command line's NAME=VALUE inputs.
fn session(args: &Args) -> Result<Session, Failure> {
    let mut session = Session::new();
    for (name, value) in &args.bindings {
        session.set(name, load(value)?);
    }
    Ok(session)
}

fn eval(args: &Args) -> Result<(), Failure> {
    let mut session = session(args)?;
    let available = available_threads();
    let threads = args.threads.first().map_or(available, |t| t.on(available));
    let options = Options {
        engine: args.engine,
        threads,
        kernels: args.kernels,
        ..Options::default()
    };
    let result = session
        .run(&args.expr, &options)
        .map_err(Failure::in_source(&args.expr))?;
    if let Some(path) = &args.output {
        npy::write(path, result)?;
        return Ok(());
    }
    print!("{}", summary(result));
    Ok(())
}

/// dtype, length (or shape), the first and last values, and the lab's summary: min,
/// max and mean with NaNs left out, and how many NaNs there were
/// ([`inspect::summarize`], the page's policy too).
fn summary(result: &Value) -> String {
    // Element `i` as Python prints it.
    let item = |i: usize| match result {
        Value::Scalar(v) => Some(v.to_string()),
        Value::Array(a) => a.get(i).map(|v| v.to_string()),
        Value::Bytes(s) => (i < s.len()).then(|| Repr(s.get(i)).to_string()),
    };
    let dtype = match result {
        Value::Bytes(s) => format!("bytes (S{})", s.width()),
        _ => result.dtype().to_string(),
    };
    if result.is_scalar() {
        return item(0).map_or_else(String::new, |v| format!("dtype  {dtype}\nvalue  {v}\n"));
    }
    let n = result.len();
    let shown: Vec<String> = if n <= 6 {
        (0..n).filter_map(item).collect()
    } else {
        let head = (0..3).filter_map(item);
        let tail = (n - 3..n).filter_map(item);
        head.chain(["...".to_string()]).chain(tail).collect()
    };
    // A 1-D result by its length, any other by its shape, its values in C order.
    let shape = result.shape();
    let size = match shape.ndim() {
        1 => format!("length  {n}"),
        _ => format!("shape   {shape}"),
    };
    let mut out = format!("dtype   {dtype}\n{size}\nvalues  [{}]\n", shown.join(", "));
    if n > 0 && matches!(result, Value::Array(_)) {
        let s = inspect::summarize(result);
        // min and max are elements, shown in the result's dtype; the mean
        // in the result's float dtype, or float64.
        let element = |v: f64| Scalar::Float64(v).cast(s.dtype);
        let mean_dtype = if s.dtype.is_float() {
            s.dtype
        } else {
            DType::Float64
        };
        out += &if s.dtype.is_complex() {
            format!(
                "min |z|  {}\nmax |z|  {}\nmean |z| {}\n",
                Scalar::Float64(s.min),
                Scalar::Float64(s.max),
                Scalar::Float64(s.mean)
            )
        } else {
            format!(
                "min     {}\nmax     {}\nmean    {}\n",
                element(s.min),
                element(s.max),
                Scalar::Float64(s.mean).cast(mean_dtype)
            )
        };
        if s.nans > 0 {
            out += &format!("NaNs    {} (left out of min, max and mean)\n", s.nans);
        }
    }
    out
}

fn disasm(args: &Args) -> Result<(), Failure> {
    let mut variables = Vec::new();
    for (name, dtype) in &args.bindings {
        let d = DType::parse(dtype).ok_or_else(|| {
            Failure::usage(format!("`{dtype}` is not a dtype: use {}", DType::names()))
        })?;
        variables.push(Variable::array(name, d));
    }
    let compiled =
        crate::compile(&args.expr, &variables).map_err(Failure::in_source(&args.expr))?;
    println!("{}", compiled.disassemble());
    Ok(())
}

/// Races the contenders in rounds ([`Session::race`]) and prints their
/// times as a table or JSON.
fn bench(args: &Args) -> Result<(), Failure> {
    let mut session = session(args)?;
    let threads = (!args.threads.is_empty()).then_some(args.threads.as_slice());
    let list = contenders(&args.engines, threads, available_threads());
    if !args.json {
        let described: Vec<String> = session
            .inputs()
            .variables()
            .iter()
            .map(|v| match session.inputs().get(&v.name) {
                Some(value @ (Value::Array(_) | Value::Bytes(_))) => {
                    let shape = value.shape();
                    let dims: Vec<String> = shape.dims().iter().map(usize::to_string).collect();
                    format!("{}: {}[{}]", v.name, v.dtype, dims.join(", "))
                }
                _ => format!("{}: {}", v.name, v.dtype),
            })
            .collect();
        println!("expression  {}", args.expr);
        println!(
            "inputs      {}",
            if described.is_empty() {
                "none".into()
            } else {
                described.join(", ")
            }
        );
        println!("SIMD        {}", crate::kernels::simd::backend());
    }
    // Where the race is, on a terminal.
    let show = !args.json && std::io::stderr().is_terminal();
    let entries = session
        .race(&args.expr, &list, &args.timeit, |p| {
            if let (Progress::Starting { round, index }, true) = (p, show) {
                eprint!(
                    "\rround {} of {}: {:<16}",
                    round + 1,
                    args.timeit.repeats,
                    list[index].label()
                );
            }
        })
        .map_err(Failure::in_source(&args.expr))?;
    if show {
        eprint!("\r{:<40}\r", "");
    }
    if args.json {
        print_json(&entries);
    } else {
        print_table(&entries);
    }
    Ok(())
}

fn print_table(entries: &[Entry]) {
    let best = |pred: &dyn Fn(&Options) -> bool| {
        entries
            .iter()
            .find(|e| pred(&e.contender.options))
            .map(|e| e.times.best())
    };
    let eager = best(&|o| o.engine == Engine::Eager);
    println!();
    println!("| engine | threads | best | mean ± std | vs eager | vs 1 thread | ULPs |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for e in entries {
        let o = e.contender.options;
        let one = best(&|p| p.engine == o.engine && p.kernels == o.kernels && p.threads == 1);
        let ratio = |base: Option<f64>| {
            base.map_or(String::new(), |b| format!("{:.2}x", b / e.times.best()))
        };
        let threads = match e.threads.used {
            used if used < o.threads => format!("{} ({used} used)", o.threads),
            _ => o.threads.to_string(),
        };
        println!(
            "| {} | {} | {} | {} ± {} | {} | {} | {} |",
            e.contender.engine(),
            threads,
            duration(e.times.best()),
            duration(e.times.mean()),
            duration(e.times.std()),
            ratio(eager),
            ratio(one),
            e.ulps,
        );
    }
    if let Some(first) = entries.first() {
        println!(
            "\nULPs: the largest difference from {}'s result in units in the last place.",
            first.contender.label()
        );
    }
    // Each reason once: every VM row of a thread count gives the same.
    let mut whys: Vec<String> = entries.iter().filter_map(|e| e.threads.why()).collect();
    whys.dedup();
    for why in whys {
        println!("\nthreads: {why}");
    }
}

/// The race as a JSON array, one object per contender, in seconds.
fn print_json(entries: &[Entry]) {
    let rows: Vec<serde_json::Value> = entries
        .iter()
        .map(|e| {
            let o = e.contender.options;
            serde_json::json!({
                "label": e.contender.label(),
                "engine": o.engine.name(),
                "kernels": o.kernels.name(),
                "threads": o.threads,
                "threads_used": e.threads.used,
                "best": e.times.best(),
                "mean": e.times.mean(),
                "std": e.times.std(),
                "loops": e.times.loops,
                "repeats": e.times.per_loop.len(),
                "ulps": e.ulps,
                "elements": e.traffic.elements,
                "bytes": e.traffic.bytes(),
            })
        })
        .collect();
    println!("{}", serde_json::Value::Array(rows));
}

fn duration(seconds: f64) -> String {
    match seconds {
        s if s >= 1.0 => format!("{s:.3} s"),
        s if s >= 1e-3 => format!("{:.3} ms", s * 1e3),
        s => format!("{:.1} µs", s * 1e6),
    }
}
