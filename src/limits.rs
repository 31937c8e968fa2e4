//! The limits that keep any input from exhausting the stack, the memory or
//! the patience of the engine. Each is checked where it can be exceeded and
//! reported as an [`ErrorKind::Limit`](crate::ErrorKind::Limit) error.

/// The longest source text, in bytes.
pub const MAX_SOURCE_LEN: usize = 64 * 1024;

/// The deepest nesting of parentheses, calls and operators. It bounds the
/// recursion of the parser and of name resolution (every later pass is
/// iterative), so it keeps the stack small even inside a wasm worker.
pub const MAX_DEPTH: usize = 256;

/// The most nodes a program may have after its names are substituted. Names
/// share nodes, so `t = t + t` repeated stays linear in the source.
pub const MAX_NODES: usize = 20_000;

/// The longest array, in elements: 2^31 - 1, the longest typed array a
/// browser makes. Allocations below it can still fail; they are made with
/// `try_reserve` and reported as memory errors.
pub const MAX_ARRAY_LEN: usize = (1 << 31) - 1;

/// The most dimensions an array may have: NumPy 1's `NPY_MAXDIMS` (NumPy 2
/// allows 64), far more than any grid needs.
pub const MAX_DIMS: usize = 32;
