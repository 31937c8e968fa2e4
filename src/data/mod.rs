//! Data in and out: the array constructors and `.npy` files.

pub mod constructors;
#[cfg(not(target_arch = "wasm32"))]
pub mod npy;

pub use constructors::{ArraySpec, Constructor, DEFAULT_WORD_WIDTH};
