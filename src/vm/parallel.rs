//! The parallel driver: the calling thread and `threads - 1` pool threads
//! take chunks of blocks from a shared counter until none are left. Each
//! element is computed by the same kernels whichever thread runs its block,
//! so results are bitwise identical for every thread count; reductions
//! combine per-block partials in block order, never per-thread sums.
//!
//! Why this shape (measured in Chromium on the 2-core development machine,
//! `docs/threads.md`): a pool thread starts 35-140 µs after it is woken, so
//! the caller starts at once instead of waiting (and blocking a core) while
//! the pool works; chunks are small, so a late thread still finds work; and
//! taking a chunk is one atomic add, never a lock two threads wait on.

use crate::bytecode::Program;
#[cfg(doc)]
use crate::bytecode::ops::Op;
use crate::error::{Error, ErrorKind, Result};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Chunks per thread: enough that a thread woken late, or slowed by another
/// process, still finds work; each costs one atomic add and one uncontended
/// lock.
pub const CHUNKS_PER_THREAD: usize = 16;

/// The work, in adds of one float32 element (see [`Op::cost`]), that each
/// thread needs for one more thread to pay: in Chromium on the 2-core
/// development machine a second thread adds 15-40 µs (waking it, joining
/// it), so it pays once each thread gets about 50 µs of work, which is
/// about this much (0.15 ns a unit; `docs/threads.md`).
pub const WORK_PER_THREAD: usize = 320_000;

/// How many threads an evaluation of `len` elements uses when `asked` are
/// allowed, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThreadUse {
    pub asked: usize,
    pub used: usize,
    /// Elements in the result.
    pub len: usize,
    /// The elements from which `used + 1` threads would pay.
    pub more_pay_from: usize,
}

impl ThreadUse {
    /// The threads worth using for `len` elements of `program`: one more
    /// thread for each [`WORK_PER_THREAD`] of work, at most `asked`, at most
    /// one per block, at least one.
    pub fn plan(program: &Program, len: usize, asked: usize) -> ThreadUse {
        let per_element = work_per_element(program);
        let work = len.saturating_mul(per_element);
        let blocks = len.div_ceil(super::BLOCK_LEN);
        let used = asked.min(work / WORK_PER_THREAD).min(blocks).max(1);
        let more_pay_from = ((used + 1) * WORK_PER_THREAD).div_ceil(per_element);
        ThreadUse {
            asked: asked.max(1),
            used,
            len,
            more_pay_from,
        }
    }

    /// [`ThreadUse::exactly`] `asked` when `every_thread`, else
    /// [`ThreadUse::plan`]: the one decision of the VM and its reports.
    pub fn new(program: &Program, len: usize, asked: usize, every_thread: bool) -> ThreadUse {
        if every_thread {
            ThreadUse::exactly(asked, len)
        } else {
            ThreadUse::plan(program, len, asked)
        }
    }

    /// `threads` asked for and used (`more_pay_from` is then moot: every
    /// thread asked for runs).
    pub fn exactly(threads: usize, len: usize) -> ThreadUse {
        let threads = threads.max(1);
        ThreadUse {
            asked: threads,
            used: threads,
            len,
            more_pay_from: len,
        }
    }

    /// Why fewer threads were used than asked for, or `None` when as many
    /// were: "2 asked, 1 used: 10,000 elements (2 pay from 106,667 of this
    /// program)".
    pub fn why(&self) -> Option<String> {
        (self.used < self.asked).then(|| {
            format!(
                "{} asked, {} used: {} element{} ({} pay from {} of this program)",
                self.asked,
                self.used,
                grouped(self.len),
                if self.len == 1 { "" } else { "s" },
                self.used + 1,
                grouped(self.more_pay_from)
            )
        })
    }
}

/// The work of one element of `program`, in adds of a float32 element: each
/// instruction's [`Op::cost`], doubled for 64-bit dtypes (a vector holds
/// half as many).
pub fn work_per_element(program: &Program) -> usize {
    let work: usize = program
        .instructions
        .iter()
        .map(|ins| ins.op.cost() * if ins.dtype.size() == 8 { 2 } else { 1 })
        .sum();
    work.max(1)
}

/// `n` with its thousands separated by commas: 106,667.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// Calls `f(workspace, first, chunk)` over chunks of `items` that cover
/// whole blocks, where a block is `per_block` items; `first` is the index of
/// the chunk's first item, and each thread makes its `workspace` once.
/// Runs on the calling thread alone when `threads` is 1 or there is a
/// single block.
///
/// Exactly `threads` threads work (the caller and `threads - 1` of the
/// pool, even when the pool has more: in wasm there is one pool, started by
/// the page with every core).
pub fn for_each_task<T, W, F>(
    items: &mut [T],
    per_block: usize,
    threads: usize,
    workspace: impl Fn() -> Result<W> + Sync,
    f: F,
) -> Result<()>
where
    T: Send,
    F: Fn(&mut W, usize, &mut [T]) -> Result<()> + Sync,
{
    let blocks = items.len().div_ceil(per_block.max(1));
    let threads = threads.min(blocks);
    if threads <= 1 {
        return f(&mut workspace()?, 0, items);
    }
    let chunk = blocks.div_ceil(threads * CHUNKS_PER_THREAD).max(1) * per_block;
    // One slot per chunk; the counter hands each index to one thread, so
    // every lock below is taken once and never waited on.
    let chunks: Vec<Mutex<Option<&mut [T]>>> = items
        .chunks_mut(chunk)
        .map(|c| Mutex::new(Some(c)))
        .collect();
    let next = AtomicUsize::new(0);
    let failure = Mutex::new(None);
    let job = || {
        let result = workspace().and_then(|mut ws| {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(slot) = chunks.get(i) else {
                    return Ok(());
                };
                if let Some(part) = lock(slot).take() {
                    f(&mut ws, i * chunk, part)?;
                }
            }
        });
        if let Err(e) = result {
            // The first error wins; the other threads stop at their next chunk.
            lock(&failure).get_or_insert(e);
            next.store(chunks.len(), Ordering::Relaxed);
        }
    };
    on_threads(threads, &job)?;
    match failure.into_inner().unwrap_or_else(|p| p.into_inner()) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Locks `m`; a job that panicked cannot leave a chunk or the error
/// half-written, so a poisoned lock is still good to use.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Runs `job` on the calling thread and on `threads - 1` threads of a pool
/// of that size (built once per count), and returns when all are done.
#[cfg(not(target_arch = "wasm32"))]
fn on_threads(threads: usize, job: &(impl Fn() + Sync)) -> Result<()> {
    use std::collections::HashMap;
    use std::sync::{Arc, OnceLock};
    static POOLS: OnceLock<Mutex<HashMap<usize, Arc<rayon::ThreadPool>>>> = OnceLock::new();
    let helpers = threads - 1;
    let pool = {
        let mut pools = lock(POOLS.get_or_init(Default::default));
        match pools.get(&helpers) {
            Some(p) => p.clone(),
            None => {
                let p = rayon::ThreadPoolBuilder::new()
                    .num_threads(helpers)
                    .build()
                    .map_err(|e| {
                        Error::new(
                            ErrorKind::Eval(format!("cannot start {threads} threads: {e}")),
                            None,
                        )
                    })?;
                let p = Arc::new(p);
                pools.insert(helpers, p.clone());
                p
            }
        }
    };
    pool.in_place_scope(|s| {
        for _ in 0..helpers {
            s.spawn(|_| job());
        }
        job();
    });
    Ok(())
}

/// In wasm the pool is the one the page started (wasm-bindgen-rayon) and
/// the caller is the lab's worker.
#[cfg(target_arch = "wasm32")]
fn on_threads(threads: usize, job: &(impl Fn() + Sync)) -> Result<()> {
    rayon::in_place_scope(|s| {
        for _ in 1..threads {
            s.spawn(|_| job());
        }
        job();
    });
    Ok(())
}

/// Checks that `threads` may be asked for: in wasm the pool is the one the
/// page started (wasm-bindgen-rayon), and asking for more threads than it
/// has is an error rather than a silent slowdown, whether or not that many
/// would pay.
pub fn check_threads(threads: usize) -> Result<()> {
    #[cfg(target_arch = "wasm32")]
    {
        let available = rayon::current_num_threads();
        if threads > available {
            return Err(Error::new(
                ErrorKind::Input(format!(
                    "{threads} threads asked for, but the thread pool has {available}"
                )),
                None,
            ));
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = threads;
    Ok(())
}

/// The number of threads this machine runs at once.
pub fn available_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Keeps freed arrays in the process for reuse, natively on glibc.
///
/// By default glibc returns a freed block of more than a few MiB to the OS,
/// and the next evaluation page-faults it back in, one fault per 4 KiB: on
/// 1e6 float64 that costs the eager engine more than its arithmetic. A
/// long-running NumPy process, and any wasm instance (whose memory never
/// shrinks), reuse freed memory instead; so the CLI and the benches ask glibc
/// to do the same, and the engines are raced on their work, not the kernel's.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn retain_freed_memory() {
    const KEEP: libc::c_int = 1 << 30;
    // SAFETY: mallopt only sets allocator parameters; it is called before
    // any large allocation and has no memory-safety preconditions.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, KEEP);
        libc::mallopt(libc::M_TRIM_THRESHOLD, KEEP);
    }
}

/// Other platforms' allocators need no tuning here.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn retain_freed_memory() {}
