//! Pass 7, lowering and register allocation: the graph becomes a list of
//! instructions. Inputs and constants are operands, not instructions; the
//! last instruction writes straight into the output; every other op gets a
//! register of its dtype, which is handed back after the op's last reader
//! and reused by a later op of the same dtype, as numexpr's
//! `optimizeTemporariesAllocation` does.
//!
//! A destination never shares a register with one of its own operands: the
//! VM borrows the operands while it writes the destination.

use super::graph::{Graph, NodeId, NodeKind};
use crate::bytecode::{Dest, Instruction, Op, Operand, Program};
use crate::types::DType;

pub fn lower(graph: &Graph) -> Program {
    let graph = graph.compact();
    let root = graph.root;
    let mut program = Program {
        inputs: graph.inputs.clone(),
        registers: Vec::new(),
        instructions: Vec::new(),
        dtype: graph.nodes[root].dtype,
        array: graph.nodes[root].array,
        reduction: graph.reduction,
        bytes: Vec::new(),
    };
    // The root is an input or a constant: copy it into the output.
    if !matches!(graph.nodes[root].kind, NodeKind::Op(..)) {
        program.instructions.push(Instruction {
            op: Op::Copy,
            dtype: program.dtype,
            dest: Dest::Output,
            args: vec![operand(&graph, &[], &mut program.bytes, root)],
        });
        return program;
    }
    let last_use = last_uses(&graph);
    let mut register_of: Vec<usize> = vec![usize::MAX; graph.nodes.len()];
    let mut free: Vec<(DType, usize)> = Vec::new();
    for id in 0..graph.nodes.len() {
        let NodeKind::Op(op, args) = &graph.nodes[id].kind else {
            continue;
        };
        let dtype = graph.nodes[id].dtype;
        let operands = args
            .iter()
            .map(|&a| operand(&graph, &register_of, &mut program.bytes, a))
            .collect();
        let dest = if id == root {
            Dest::Output
        } else {
            let r = match free.iter().position(|&(d, _)| d == dtype) {
                Some(i) => free.swap_remove(i).1,
                None => {
                    program.registers.push(dtype);
                    program.registers.len() - 1
                }
            };
            register_of[id] = r;
            Dest::Register(r)
        };
        // Hand back the registers whose last reader this was (once each).
        let mut done: Vec<NodeId> = args
            .iter()
            .copied()
            .filter(|&a| last_use[a] == id)
            .collect();
        done.dedup();
        done.sort_unstable();
        done.dedup();
        for a in done {
            if register_of[a] != usize::MAX {
                free.push((graph.nodes[a].dtype, register_of[a]));
            }
        }
        program.instructions.push(Instruction {
            op: *op,
            dtype,
            dest,
            args: operands,
        });
    }
    program
}

/// Where an instruction reads node `id`; a bytes literal is added to
/// `bytes` (once).
fn operand(graph: &Graph, register_of: &[usize], bytes: &mut Vec<Vec<u8>>, id: NodeId) -> Operand {
    match &graph.nodes[id].kind {
        NodeKind::Input(i) => Operand::Input(*i),
        NodeKind::Const(v) => Operand::Const(*v),
        NodeKind::Bytes(v) => Operand::Bytes(match bytes.iter().position(|b| b == v) {
            Some(k) => k,
            None => {
                bytes.push(v.clone());
                bytes.len() - 1
            }
        }),
        NodeKind::Op(..) => Operand::Register(register_of[id]),
    }
}

/// For each node, the last node that reads it.
fn last_uses(graph: &Graph) -> Vec<NodeId> {
    let mut last = vec![0; graph.nodes.len()];
    for id in 0..graph.nodes.len() {
        for &a in graph.operands(id) {
            last[a] = id;
        }
    }
    last
}
