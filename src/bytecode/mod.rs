//! The compiled form: the one op table and the register program.

pub mod ops;
pub mod program;

pub use ops::{Op, Signature};
pub use program::{Dest, Instruction, Operand, Program};
