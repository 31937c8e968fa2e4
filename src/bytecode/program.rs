//! The compiled program: typed instructions over registers, and its text form.

use super::ops::Op;
use crate::compile::graph::Variable;
use crate::kernels::reduce::Reduce;
use crate::types::{DType, Scalar};
use std::fmt;

/// Where an instruction reads an operand from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Operand {
    /// A scratch register: one block of its dtype.
    Register(usize),
    /// An input by index: a window of the array, or a 0-d scalar.
    Input(usize),
    /// A constant, kept scalar rather than broadcast into a block.
    Const(Scalar),
    /// A bytes literal, by index in [`Program::bytes`].
    Bytes(usize),
}

/// Where an instruction writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dest {
    Register(usize),
    /// The output array's window for this block (or, for a reduction, the
    /// block that the reduction consumes).
    Output,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Instruction {
    pub op: Op,
    /// The dtype written.
    pub dtype: DType,
    pub dest: Dest,
    pub args: Vec<Operand>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Program {
    pub inputs: Vec<Variable>,
    /// The dtype of each register.
    pub registers: Vec<DType>,
    pub instructions: Vec<Instruction>,
    /// The dtype of the elementwise result, before any reduction.
    pub dtype: DType,
    /// Whether the elementwise result is an array (else all inputs were scalars).
    pub array: bool,
    pub reduction: Option<Reduce>,
    /// The bytes literals the instructions read.
    pub bytes: Vec<Vec<u8>>,
}

impl Program {
    /// True when `ins` reads byte strings (an input or a literal):
    /// `kernels::bytes` computes it, never a register.
    pub fn reads_bytes(&self, ins: &Instruction) -> bool {
        ins.args.iter().any(|a| match a {
            Operand::Bytes(_) => true,
            Operand::Input(i) => self.inputs.get(*i).is_some_and(|v| v.dtype == DType::Bytes),
            Operand::Register(_) | Operand::Const(_) => false,
        })
    }

    /// The dtype of the final result.
    pub fn result_dtype(&self) -> DType {
        self.reduction
            .map_or(self.dtype, |r| r.reduction.accumulator(self.dtype))
    }
}

impl fmt::Display for Operand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Operand::Register(r) => write!(f, "r{r}"),
            Operand::Input(i) => write!(f, "in{i}"),
            Operand::Const(v) => write!(f, "{v}"),
            Operand::Bytes(k) => write!(f, "bytes{k}"),
        }
    }
}

/// numexpr-style text: one instruction a line, inputs by name.
impl fmt::Display for Program {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inputs: Vec<String> = self
            .inputs
            .iter()
            .map(|v| {
                format!(
                    "{}: {}{}",
                    v.name,
                    v.dtype,
                    if v.scalar { "" } else { "[]" }
                )
            })
            .collect();
        writeln!(
            f,
            "; inputs    {}",
            if inputs.is_empty() {
                "none".into()
            } else {
                inputs.join(", ")
            }
        )?;
        let regs: Vec<String> = self
            .registers
            .iter()
            .enumerate()
            .map(|(i, d)| format!("r{i}: {}", d.short()))
            .collect();
        writeln!(
            f,
            "; registers {}",
            if regs.is_empty() {
                "none".into()
            } else {
                regs.join(", ")
            }
        )?;
        for (n, ins) in self.instructions.iter().enumerate() {
            let name = format!("{}.{}", ins.op.name(), ins.dtype.short());
            let dest = match ins.dest {
                Dest::Register(r) => format!("r{r}"),
                Dest::Output => "out".into(),
            };
            let args: Vec<String> = ins
                .args
                .iter()
                .map(|a| match a {
                    Operand::Input(i) => self
                        .inputs
                        .get(*i)
                        .map_or(a.to_string(), |v| v.name.clone()),
                    Operand::Bytes(k) => self
                        .bytes
                        .get(*k)
                        .map_or(a.to_string(), |v| crate::types::Repr(v).to_string()),
                    _ => a.to_string(),
                })
                .collect();
            writeln!(f, "{n:>4}  {name:<14} {dest:<4} <- {}", args.join(", "))?;
        }
        let shape = if self.array { "array" } else { "scalar" };
        match self.reduction {
            Some(r) => write!(
                f,
                "; result    {} of out{}, {}",
                r.reduction.name(),
                r.axis_text(),
                self.result_dtype()
            ),
            None => write!(f, "; result    out, {} {shape}", self.dtype),
        }
    }
}
