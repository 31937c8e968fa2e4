//! The stream bound: how fast this machine moves the bytes an expression
//! must move, measured by copying them with the VM's parallel driver on the
//! same threads. An expression that reads `k` arrays and writes one can be
//! no faster than copying those bytes; the lab and `./run bench` show each
//! engine's time against it, so a user sees whether an expression is bound
//! by memory or by arithmetic.

use super::parallel;
use crate::error::Result;

/// Bytes copied per block: 4 KiB, a VM block of float64.
const BLOCK_BYTES: usize = 4096;

/// Copies each of `sources` into `scratch` (grown as needed, and kept for
/// the next call) on `threads` threads, and returns the bytes moved: each
/// source read once and written once. When that is less than `bytes` (a
/// broadcast result larger than its inputs), a part of `scratch` is copied
/// too, so that about `bytes` are moved.
pub fn copy(
    sources: &[&[u8]],
    bytes: usize,
    scratch: &mut Vec<u8>,
    threads: usize,
) -> Result<usize> {
    let read: usize = sources.iter().map(|s| s.len()).sum();
    let filler = bytes.saturating_sub(2 * read) / 2;
    let longest = sources.iter().map(|s| s.len()).max().unwrap_or(0);
    let len = longest.max(filler);
    crate::types::try_grow(scratch, len + filler)?;
    let (target, rest) = scratch.split_at_mut(len);
    let mut sources = sources.to_vec();
    if filler > 0 {
        sources.push(&rest[..filler]);
    }
    let sources = &sources;
    parallel::for_each_task(
        target,
        BLOCK_BYTES,
        threads,
        || Ok(()),
        |_, first, chunk| {
            for source in sources {
                let end = (first + chunk.len()).min(source.len());
                if first < end {
                    chunk[..end - first].copy_from_slice(&source[first..end]);
                }
            }
            Ok(())
        },
    )?;
    Ok(2 * (read + filler))
}
