//! The parallel driver: rayon over chunks of blocks, a few tasks per thread
//! (numexpr aims at about 16 per thread; fewer, larger tasks suffice for
//! rayon's work stealing). Each element is computed by the same kernels
//! whichever thread runs its block, so results are bitwise identical for
//! every thread count; reductions combine per-block partials in block
//! order, never per-thread sums.

use super::Workspace;
use crate::bytecode::Program;
use crate::error::{Error, ErrorKind, Result};
use std::sync::Mutex;

/// Tasks per thread: enough for load balance, few enough that the per-task
/// registers and scheduling cost nothing.
pub const TASKS_PER_THREAD: usize = 4;

/// Calls `f(workspace, first, chunk)` over chunks of `items` that cover
/// whole blocks, where a block is `per_block` items; `first` is the index of
/// the chunk's first item. Runs on the calling thread when `threads` is 1.
///
/// Exactly `threads` jobs take chunks from a shared queue, so no more than
/// `threads` threads work even when the pool has more (in wasm there is one
/// pool, started by the page with every core), and each job allocates its
/// registers once.
pub fn for_each_task<T, F>(
    items: &mut [T],
    per_block: usize,
    threads: usize,
    program: &Program,
    f: F,
) -> Result<()>
where
    T: Send,
    F: Fn(&mut Workspace, usize, &mut [T]) -> Result<()> + Sync,
{
    let blocks = items.len().div_ceil(per_block.max(1));
    if threads <= 1 || blocks <= 1 {
        return f(&mut Workspace::new(program)?, 0, items);
    }
    let blocks_per_task = blocks.div_ceil(threads * TASKS_PER_THREAD).max(1);
    let chunk = blocks_per_task * per_block;
    let queue = Mutex::new(items.chunks_mut(chunk).enumerate());
    let failure = Mutex::new(None);
    let job = || {
        let result = Workspace::new(program).and_then(|mut ws| {
            loop {
                // A statement of its own, so the lock is let go before `f`.
                let next = lock(&queue).next();
                let Some((i, part)) = next else { return Ok(()) };
                f(&mut ws, i * chunk, part)?;
            }
        });
        if let Err(e) = result {
            // The first error wins; the other jobs stop at their next chunk.
            lock(&failure).get_or_insert(e);
            lock(&queue).by_ref().for_each(drop);
        }
    };
    with_threads(threads, || {
        rayon::scope(|s| {
            for _ in 0..threads {
                s.spawn(|_| job());
            }
        })
    })?;
    match failure.into_inner().unwrap_or_else(|p| p.into_inner()) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Locks `m`; a job that panicked cannot leave the queue or the error
/// half-written, so a poisoned lock is still good to use.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Runs `job` on a pool of `threads` threads (built once per count).
#[cfg(not(target_arch = "wasm32"))]
pub fn with_threads<R: Send>(threads: usize, job: impl FnOnce() -> R + Send) -> Result<R> {
    use std::collections::HashMap;
    use std::sync::{Arc, OnceLock};
    static POOLS: OnceLock<Mutex<HashMap<usize, Arc<rayon::ThreadPool>>>> = OnceLock::new();
    let pool = {
        let mut pools = lock(POOLS.get_or_init(Default::default));
        match pools.get(&threads) {
            Some(p) => p.clone(),
            None => {
                let p = rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .build()
                    .map_err(|e| {
                        Error::new(
                            ErrorKind::Eval(format!("cannot start {threads} threads: {e}")),
                            None,
                        )
                    })?;
                let p = Arc::new(p);
                pools.insert(threads, p.clone());
                p
            }
        }
    };
    Ok(pool.install(job))
}

/// In wasm the pool is the one the page started (wasm-bindgen-rayon); asking
/// for more threads than it has is an error rather than a silent slowdown.
#[cfg(target_arch = "wasm32")]
pub fn with_threads<R: Send>(threads: usize, job: impl FnOnce() -> R + Send) -> Result<R> {
    let available = rayon::current_num_threads();
    if threads > available {
        return Err(Error::new(
            ErrorKind::Input(format!(
                "{threads} threads asked for, but the thread pool has {available}"
            )),
            None,
        ));
    }
    Ok(job())
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
