//! The block VM: the program runs over [`BLOCK_LEN`] elements at a time, so
//! its temporaries live in cache-sized registers instead of full arrays.
//!
//! Registers are allocated once per task (a run of blocks on one thread);
//! constants and scalar inputs stay scalar operands; the last instruction
//! writes straight into the output window. [`parallel`] shares the blocks
//! among threads.

mod along;
pub mod parallel;
pub mod stream;

use crate::bytecode::ops::Op;
use crate::bytecode::{Dest, Instruction, Operand, Program};
use crate::compile::graph::Variable;
use crate::error::{Error, ErrorKind, Result};
use crate::kernels::bytes::{self, Text};
use crate::kernels::reduce::Reduction;
use crate::kernels::{Kernels, Src};
use crate::types::{
    Array, Block, Broadcast, DType, Element, NdArray, Scalar, Shape, Slice, SliceMut, Strided,
    Strings, Value, with_slice_mut,
};
use std::mem::MaybeUninit;

/// Elements per block, chosen with `exprlab bench --threads 1` over 1e6
/// float64 on the 2-core development machine (best of 9 repeats, two runs
/// each): `2*a+3*b` took 0.73/0.84 ms with 256, 0.65/0.71 ms with 512,
/// 0.99/0.92 ms with 1024 and 1.29 ms with 2048, while `sin(2*pi*x)` took
/// 8.8-9.5 ms with every size (the libm call dominates). 512 float64 are
/// 4 KiB a register, so a program's registers and input windows stay in L1.
pub const BLOCK_LEN: usize = 512;

/// The scratch memory of one task: the registers, for a reduction the
/// block the last instruction writes into and a block of results (along an
/// axis), and for each input read by strides (broadcast) a block to gather
/// it into and where the current block lies in it.
pub struct Workspace {
    registers: Vec<Array>,
    reduce_block: Option<Array>,
    acc: Option<Array>,
    gathered: Vec<Option<Array>>,
    blocks: Vec<Block>,
}

impl Workspace {
    /// One block per register and per broadcast input, allocated fallibly.
    pub fn new(run: &Run<'_>) -> Result<Workspace> {
        let program = run.program;
        let block = |dtype| Array::zeros(dtype, BLOCK_LEN);
        Ok(Workspace {
            registers: program
                .registers
                .iter()
                .map(|&d| block(d))
                .collect::<Result<_>>()?,
            reduce_block: program
                .reduction
                .map(|_| block(program.dtype))
                .transpose()?,
            acc: program
                .reduction
                .and_then(|r| r.axis)
                .map(|_| Array::zeros(program.dtype, along::RESULTS))
                .transpose()?,
            gathered: (run.strided.iter().zip(run.inputs))
                .map(|(s, v)| match (s, v) {
                    (Some(_), Value::Array(a)) => block(a.dtype()).map(Some),
                    // Byte strings are read where they lie (`kernels::bytes`).
                    _ => Ok(None),
                })
                .collect::<Result<_>>()?,
            blocks: vec![Block::Window(0); run.inputs.len()],
        })
    }
}

/// A program bound to its inputs, ready to run blocks.
pub struct Run<'a> {
    program: &'a Program,
    inputs: &'a [&'a Value],
    kernels: Kernels,
    /// The shape of the result (`()` when it is not an array).
    pub shape: Shape,
    /// Elements in the result (1 when it is not an array).
    pub len: usize,
    /// For each input of another shape than the result's, how to read it
    /// as the result's shape.
    strided: Vec<Option<Strided>>,
    /// Whether any input is read by strides (when none is, each block is
    /// the same window of every input, as before shapes).
    broadcast: bool,
    /// Whether the program reads byte strings, so that only such a program
    /// asks of each instruction whether it does.
    strings: bool,
}

impl<'a> Run<'a> {
    /// Binds `inputs` (in the order of `program.inputs`), checking dtypes and
    /// shapes: they broadcast as NumPy's arrays do.
    pub fn new(program: &'a Program, inputs: &'a [&'a Value], kernels: Kernels) -> Result<Run<'a>> {
        let shape = check_inputs(&program.inputs, program.array, inputs)?;
        let strided = inputs
            .iter()
            .map(|v| match v {
                Value::Array(a) if a.shape() != &shape => Some(Strided::new(a.shape(), &shape)),
                Value::Bytes(s) if s.shape() != &shape => Some(Strided::new(s.shape(), &shape)),
                _ => None,
            })
            .collect::<Vec<_>>();
        Ok(Run {
            program,
            inputs,
            kernels,
            len: shape.len(),
            shape,
            broadcast: strided.iter().any(Option::is_some),
            strided,
            strings: program
                .instructions
                .iter()
                .any(|ins| program.reads_bytes(ins)),
        })
    }

    /// Finds where elements `start..start + len` lie in each input read by
    /// strides, gathering those whose elements are not consecutive.
    fn locate(&self, ws: &mut Workspace, start: usize, len: usize) -> Result<()> {
        for (i, strided) in self.strided.iter().enumerate() {
            let (Some(strided), Value::Array(array)) = (strided, self.inputs[i]) else {
                continue;
            };
            ws.blocks[i] = strided.block(start, len);
            if ws.blocks[i] == Block::Gather {
                let into = ws.gathered[i]
                    .as_mut()
                    .ok_or_else(|| internal("a broadcast input without its block".into()))?;
                strided
                    .gather(array.as_slice(), start, into.as_slice_mut().prefix(len))
                    .ok_or_else(|| internal("a broadcast input of another dtype".into()))?;
            }
        }
        Ok(())
    }

    /// Runs `instructions` for elements `start..start + len` (one block at
    /// most), the one of them that writes the output writing into `out`.
    fn block(
        &self,
        ws: &mut Workspace,
        instructions: &[Instruction],
        start: usize,
        len: usize,
        out: &mut SliceMut<'_>,
    ) -> Result<()> {
        if self.broadcast {
            self.locate(ws, start, len)?;
        }
        for ins in instructions {
            if self.strings && self.program.reads_bytes(ins) {
                self.strings(ws, ins, start, len, out)?;
                continue;
            }
            // Take the destination out, so that reading the operands (which
            // never include it) borrows the rest.
            let mut taken = match ins.dest {
                Dest::Register(r) => Some(std::mem::replace(
                    &mut ws.registers[r],
                    Array::Bool(Vec::new()),
                )),
                Dest::Output => None,
            };
            // On the stack: a heap allocation per instruction and block
            // would cost more than a cheap kernel, and lock the allocator.
            let mut args = [Src::scalar(Scalar::Bool(false)); Op::MAX_ARITY];
            for (arg, a) in args.iter_mut().zip(&ins.args) {
                *arg = self.operand(ws, a, start, len);
            }
            let args = &args[..ins.args.len().min(Op::MAX_ARITY)];
            let dest = match &mut taken {
                Some(block) => block.as_slice_mut().prefix(len),
                None => reborrow(out),
            };
            let result = self.kernels.execute(ins.op, dest, args);
            if let (Dest::Register(r), Some(block)) = (ins.dest, taken) {
                ws.registers[r] = block;
            }
            result
                .map_err(|m| internal(format!("{} got operands of the wrong dtype", m.0.name())))?;
        }
        Ok(())
    }

    /// Runs `ins`, an op of byte strings, for elements `start..start +
    /// len`: its operands are read where they lie, its bools written into
    /// its register or `out`.
    fn strings(
        &self,
        ws: &mut Workspace,
        ins: &Instruction,
        start: usize,
        len: usize,
        out: &mut SliceMut<'_>,
    ) -> Result<()> {
        let text = |a: &Operand| match a {
            Operand::Bytes(k) => self.program.bytes.get(*k).map(|b| Text::One(b)),
            Operand::Input(i) => match self.inputs.get(*i) {
                Some(Value::Bytes(s)) => Some(Text::Array(s, self.strided[*i].as_ref())),
                _ => None,
            },
            Operand::Register(_) | Operand::Const(_) => None,
        };
        let mistyped = || internal(format!("{} got operands that are not bytes", ins.op.name()));
        let [a, b] = ins.args.as_slice() else {
            return Err(mistyped());
        };
        let (a, b) = text(a).zip(text(b)).ok_or_else(mistyped)?;
        let dest = match ins.dest {
            Dest::Register(r) => ws.registers[r].as_slice_mut().prefix(len),
            Dest::Output => reborrow(out),
        };
        let SliceMut::Bool(dest) = dest else {
            return Err(mistyped());
        };
        bytes::execute(ins.op, dest, a, b, start).map_err(|_| mistyped())
    }

    // Inlined into the loop over a block's instructions: it runs for each
    // operand of each instruction of each block.
    #[inline(always)]
    fn operand<'w>(&'w self, ws: &'w Workspace, a: &Operand, start: usize, len: usize) -> Src<'w> {
        match a {
            Operand::Register(r) => Src::slice(ws.registers[*r].as_slice().window(0, len)),
            Operand::Const(v) => Src::scalar(*v),
            Operand::Input(i) => match self.inputs[*i] {
                Value::Scalar(s) => Src::scalar(*s),
                Value::Array(arr) if !self.broadcast => {
                    Src::slice(arr.as_slice().window(start, len))
                }
                Value::Array(arr) => match (&ws.gathered[*i], ws.blocks[*i]) {
                    (Some(gathered), Block::Gather) => {
                        Src::slice(gathered.as_slice().window(0, len))
                    }
                    (Some(_), Block::Window(at)) => Src::slice(arr.as_slice().window(at, len)),
                    (None, _) => Src::slice(arr.as_slice().window(start, len)),
                },
                // Never read here: an instruction that reads byte strings
                // runs in `strings`, and `check_inputs` made every input
                // the dtype of its variable. A bool fits no kernel that
                // could get here, so it would be a mismatch, not a result.
                Value::Bytes(_) => Src::scalar(Scalar::Bool(false)),
            },
            Operand::Bytes(_) => Src::scalar(Scalar::Bool(false)),
        }
    }

    /// Writes every element of `out` (elements `offset..offset + out.len()`
    /// of the result), a block at a time.
    pub fn fill<T: Element>(
        &self,
        ws: &mut Workspace,
        offset: usize,
        out: &mut [MaybeUninit<T>],
    ) -> Result<()> {
        for (k, chunk) in out.chunks_mut(BLOCK_LEN).enumerate() {
            let len = chunk.len();
            let instructions = &self.program.instructions;
            self.block(
                ws,
                instructions,
                offset + k * BLOCK_LEN,
                len,
                &mut T::wrap_mut(chunk),
            )?;
        }
        Ok(())
    }

    /// [`Run::block`] with the output written into (the start of) `scratch`.
    fn block_into(
        &self,
        ws: &mut Workspace,
        instructions: &[Instruction],
        start: usize,
        len: usize,
        scratch: &mut Array,
    ) -> Result<()> {
        let out = &mut scratch.as_slice_mut().prefix(len);
        self.block(ws, instructions, start, len, out)
    }

    /// Runs the program for elements `start..start + len` (a block at
    /// most) and returns their values, for a reduction: where the last
    /// instruction copies a slice into the output (`sum(x)`: `copy out <-
    /// x`), that slice read in place, else the block written into `scratch`.
    fn values<'s>(
        &'s self,
        ws: &'s mut Workspace,
        scratch: &'s mut Array,
        start: usize,
        len: usize,
    ) -> Result<Slice<'s>> {
        let all = &self.program.instructions[..];
        if let Some((last, body)) = all.split_last()
            && last.op == Op::Copy
            && last.dest == Dest::Output
            && let [arg] = last.args.as_slice()
            && match arg {
                Operand::Register(_) => true,
                Operand::Input(i) => matches!(self.inputs[*i], Value::Array(_)),
                Operand::Const(_) | Operand::Bytes(_) => false,
            }
        {
            // The body writes no output: `scratch` is only its place.
            self.block_into(ws, body, start, len, scratch)?;
            let ws: &'s Workspace = ws;
            return self
                .operand(ws, arg, start, len)
                .as_slice()
                .ok_or_else(|| internal("a copied slice that is a scalar".into()));
        }
        self.block_into(ws, all, start, len, scratch)?;
        Ok(scratch.as_slice().window(0, len))
    }

    /// The reduction partials of blocks `first_block..first_block + partials.len()`.
    /// A sum or mean of a product (`sum(a*b)`) takes each block's partial
    /// of the products as they are computed
    /// ([`Reduction::partial_of_products`]: the same bits), instead of
    /// writing them into the block and reading them back; a reduction of
    /// an input (`sum(x)`) reads it in place ([`Run::values`]).
    pub fn partials(
        &self,
        ws: &mut Workspace,
        reduction: Reduction,
        first_block: usize,
        partials: &mut [Scalar],
    ) -> Result<()> {
        let mut scratch = ws
            .reduce_block
            .take()
            .ok_or_else(|| internal("a reduction without its block".into()))?;
        let all = &self.program.instructions[..];
        let product = match all.split_last() {
            Some((last, body)) if last.op == Op::Mul && last.dest == Dest::Output => {
                Some((body, last))
            }
            _ => None,
        };
        let outcome = partials.iter_mut().enumerate().try_for_each(|(k, slot)| {
            let start = (first_block + k) * BLOCK_LEN;
            let len = BLOCK_LEN.min(self.len - start);
            if let Some((body, mul)) = product {
                self.block_into(ws, body, start, len, &mut scratch)?;
                let operand = |i: usize| self.operand(ws, &mul.args[i], start, len);
                if let Some(p) = reduction.partial_of_products(operand(0), operand(1), self.kernels)
                {
                    *slot = p;
                    return Ok(());
                }
                // Not fused after all: the product is written, as any last instruction.
                self.block_into(ws, std::slice::from_ref(mul), start, len, &mut scratch)?;
            }
            let values = match product {
                Some(_) => scratch.as_slice().window(0, len),
                None => self.values(ws, &mut scratch, start, len)?,
            };
            *slot = reduction
                .partial(values, self.kernels)
                .ok_or_else(|| internal("a partial of an empty block".into()))?;
            Ok(())
        });
        ws.reduce_block = Some(scratch);
        outcome
    }
}

/// A result of byte strings: no op makes them, so the program copies an
/// input or a literal.
fn copied_strings(program: &Program, inputs: &[&Value]) -> Result<Value> {
    let copied = match program.instructions.as_slice() {
        [ins] if ins.op == Op::Copy => match ins.args.as_slice() {
            [Operand::Input(i)] => inputs.get(*i).map(|&v| Ok(v.clone())),
            [Operand::Bytes(k)] => program
                .bytes
                .get(*k)
                .map(|b| Strings::scalar(b).map(Value::Bytes)),
            _ => None,
        },
        _ => None,
    };
    copied.unwrap_or_else(|| Err(internal("a result of bytes that is not a copy".into())))
}

fn reborrow<'s>(out: &'s mut SliceMut<'_>) -> SliceMut<'s> {
    with_slice_mut!(out, v => Element::wrap_mut(v))
}

pub(crate) fn internal(message: String) -> Error {
    Error::new(
        ErrorKind::Eval(format!("internal error, please report it: {message}")),
        None,
    )
}

/// Checks the inputs against the variables a program was compiled for, and
/// returns the result's shape: the array inputs' shapes broadcast (`()`
/// unless the result is an array).
pub fn check_inputs(variables: &[Variable], array: bool, inputs: &[&Value]) -> Result<Shape> {
    if inputs.len() != variables.len() {
        return Err(internal(format!(
            "{} inputs for a program of {}",
            inputs.len(),
            variables.len()
        )));
    }
    let mut shape = Broadcast::default();
    for (var, value) in variables.iter().zip(inputs) {
        if value.dtype() != var.dtype {
            return Err(Error::input(format!(
                "`{}` was compiled as {} but is given as {}",
                var.name,
                var.dtype,
                value.dtype()
            )));
        }
        if value.is_scalar() {
            continue;
        }
        if var.scalar {
            return Err(Error::input(format!(
                "`{}` was compiled as a scalar but is given as an array",
                var.name
            )));
        }
        shape = shape
            .with(&value.shape(), Some(&var.name))
            .map_err(Error::input)?;
    }
    shape.shape.check()?;
    Ok(if array { shape.shape } else { Shape::default() })
}

/// Evaluates the program with the given kernels on at most `threads`
/// threads, as many as pay ([`parallel::ThreadUse`]), or on exactly
/// `threads` when `every_thread` is set.
pub fn evaluate(
    program: &Program,
    inputs: &[&Value],
    threads: usize,
    every_thread: bool,
    kernels: Kernels,
) -> Result<Value> {
    parallel::check_threads(threads)?;
    let run = Run::new(program, inputs, kernels)?;
    if program.dtype == DType::Bytes {
        return copied_strings(program, inputs);
    }
    let threads = parallel::ThreadUse::new(program, run.len, threads, every_thread).used;
    if let Some(reduce) = program.reduction {
        let reduction = reduce.reduction;
        if let Some(along) = reduce.along(&run.shape)? {
            let out = Array::written(program.dtype, along.len(), |room| {
                with_slice_mut!(room, room => {
                    let workspace = || Workspace::new(&run);
                    let unit = Run::along_unit(&along, threads);
                    parallel::for_each_task(room, unit, threads, workspace, |ws, first, chunk| {
                        run.along(ws, reduction, &along, first, chunk)
                    })
                })
            })?;
            return Value::shaped(out, along.shape);
        }
        let blocks = run.len.div_ceil(BLOCK_LEN);
        let mut partials = crate::types::try_with_capacity(blocks)?;
        partials.resize(blocks, Scalar::Bool(false));
        let workspace = || Workspace::new(&run);
        parallel::for_each_task(&mut partials, 1, threads, workspace, |ws, first, chunk| {
            run.partials(ws, reduction, first, chunk)
        })?;
        let total = reduction.total(&partials, run.len, program.result_dtype())?;
        return Ok(Value::Scalar(total));
    }
    // Never zeroed: each thread writes its blocks once.
    let out = Array::written(program.dtype, run.len, |room| {
        with_slice_mut!(room, room => {
            let workspace = || Workspace::new(&run);
            parallel::for_each_task(room, BLOCK_LEN, threads, workspace, |ws, first, chunk| {
                run.fill(ws, first, chunk)
            })
        })
    })?;
    if !program.array {
        return out
            .get(0)
            .map(Value::Scalar)
            .ok_or_else(|| internal("an empty scalar result".into()));
    }
    Ok(Value::Array(NdArray::new(out, run.shape)?))
}
