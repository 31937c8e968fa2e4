//! The compiler, as small named passes over a typed graph:
//!
//! 1. [`resolve`]: names and types (NEP 50 promotion, explicit casts)
//! 2. [`fold`]: IEEE-safe constant folding
//! 3. [`strength`]: `**` with constant exponents to multiplications and roots
//! 4. [`scale`]: `x / 2` to `x * 0.5`, `-x * c` to `x * -c`, with the same results
//! 5. [`cse`]: common-subexpression elimination
//! 6. [`fuse`]: `x*y + z`, `x*y + z*w` and `x*y*z` to one instruction, rounded as the ops are
//! 7. [`lower`]: instructions and register allocation
//!
//! The eager engine runs the graph after pass 3; the VM runs the program.

pub mod cse;
pub mod fold;
pub mod fuse;
pub mod graph;
pub mod lower;
pub mod resolve;
pub mod scale;
pub mod strength;

use crate::bytecode::Program;
use crate::error::Result;
use crate::syntax;
use graph::{Graph, Variable};

/// A pass: a graph in, a new graph out, or an error at a span. Passes
/// never edit their input, so every stage stays inspectable.
pub type Pass = fn(&Graph) -> Result<Graph>;

/// From the resolved graph to what the eager engine runs.
const OPTIMIZE: &[Pass] = &[fold::fold, strength::reduce];
/// From there to the graph the VM's program is lowered from.
const PREPARE: &[Pass] = &[scale::by_constants, cse::eliminate, fuse::mul_add];

/// Runs `passes` in order, dropping the nodes each leaves dead.
fn run(passes: &[Pass], graph: &Graph) -> Result<Graph> {
    passes
        .iter()
        .try_fold(graph.clone(), |graph, pass| Ok(pass(&graph)?.compact()))
}

/// A program compiled for given input types, in all its stages.
#[derive(Clone, Debug)]
pub struct Compiled {
    /// After name and type resolution: the program's meaning, unoptimised.
    pub resolved: Graph,
    /// After folding and strength reduction: what the eager engine runs.
    pub optimized: Graph,
    /// What the VM runs.
    pub program: Program,
}

/// Compiles `source` for `variables` (the inputs it may read).
pub fn compile(source: &str, variables: &[Variable]) -> Result<Compiled> {
    let ast = syntax::parse(source)?;
    let resolved = resolve::resolve(source, &ast, variables)?.compact();
    let optimized = run(OPTIMIZE, &resolved)?;
    let program = lower::lower(&run(PREPARE, &optimized)?);
    Ok(Compiled {
        resolved,
        optimized,
        program,
    })
}
