//! The typed graph every pass works on: nodes in an arena, each node after
//! its operands, so a pass is a loop over ids in order and never recursion.
//! Names share nodes, so `t = t + t` repeated stays linear.

use crate::bytecode::ops::Op;
use crate::error::{Error, ErrorKind, Result, Span};
use crate::kernels::reduce::Reduce;
use crate::limits::MAX_NODES;
use crate::types::{Broadcast, DType, Scalar, Shape, Value};
use std::fmt;

pub type NodeId = usize;

/// An input the program reads: a 1-D array or a scalar of a dtype.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variable {
    pub name: String,
    pub dtype: DType,
    pub scalar: bool,
}

impl Variable {
    pub fn array(name: &str, dtype: DType) -> Variable {
        Variable {
            name: name.into(),
            dtype,
            scalar: false,
        }
    }

    pub fn scalar(name: &str, dtype: DType) -> Variable {
        Variable {
            name: name.into(),
            dtype,
            scalar: true,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    /// The input with this index in [`Graph::inputs`].
    Input(usize),
    /// A constant; broadcast to the array length when the node is an array
    /// (as `ones_like(x)` is).
    Const(Scalar),
    /// A bytes literal, `b'ab'`: only the operand of a comparison or of
    /// `contains`, or the result itself.
    Bytes(Vec<u8>),
    /// An op over earlier nodes; `Cast` converts to the node's dtype.
    Op(Op, Vec<NodeId>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    pub dtype: DType,
    /// A Python-literal (weak) value: only constants and ops on them are.
    pub weak: bool,
    /// An array rather than a scalar.
    pub array: bool,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Graph {
    pub inputs: Vec<Variable>,
    pub nodes: Vec<Node>,
    /// The node whose value is the result (the reduction's operand, if any).
    pub root: NodeId,
    pub reduction: Option<Reduce>,
}

impl Graph {
    pub fn new(inputs: Vec<Variable>) -> Graph {
        Graph {
            inputs,
            nodes: Vec::new(),
            root: 0,
            reduction: None,
        }
    }

    pub fn add(&mut self, node: Node) -> Result<NodeId> {
        if self.nodes.len() >= MAX_NODES {
            return Err(Error::at(
                ErrorKind::Limit(format!("the program grows beyond {MAX_NODES} operations")),
                node.span,
            ));
        }
        self.nodes.push(node);
        Ok(self.nodes.len() - 1)
    }

    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id]
    }

    pub fn operands(&self, id: NodeId) -> &[NodeId] {
        match &self.nodes[id].kind {
            NodeKind::Op(_, args) => args,
            _ => &[],
        }
    }

    /// The dtype of the result (after the reduction, if any).
    pub fn result_dtype(&self) -> DType {
        let dtype = self.nodes[self.root].dtype;
        self.reduction
            .map_or(dtype, |r| r.reduction.accumulator(dtype))
    }

    /// Each node's shape on `inputs` (in the order of [`Graph::inputs`]): an
    /// op's is its operands' broadcast by NumPy's rule, a constant's `()`.
    /// Operands that do not broadcast are an error at their operation,
    /// naming the inputs their shapes come from.
    pub fn shapes(&self, inputs: &[&Value]) -> Result<Vec<Shape>> {
        let mut shapes: Vec<Broadcast> = Vec::with_capacity(self.nodes.len());
        for node in &self.nodes {
            let entry = match &node.kind {
                NodeKind::Input(i) => Broadcast {
                    shape: inputs.get(*i).map_or_else(Shape::default, |v| v.shape()),
                    from: Some(self.inputs[*i].name.as_str()),
                },
                NodeKind::Const(_) | NodeKind::Bytes(_) => Broadcast::default(),
                NodeKind::Op(_, args) => args.iter().try_fold(Broadcast::default(), |b, &a| {
                    b.with(&shapes[a].shape, shapes[a].from)
                        .map_err(|m| Error::at(ErrorKind::Input(m), node.span))
                })?,
            };
            shapes.push(entry);
        }
        Ok(shapes.into_iter().map(|b| b.shape).collect())
    }

    /// Marks the nodes the root depends on; the rest is dead.
    pub fn live(&self) -> Vec<bool> {
        let mut live = vec![false; self.nodes.len()];
        if let Some(l) = live.get_mut(self.root) {
            *l = true;
        }
        for id in (0..self.nodes.len()).rev() {
            if live[id] {
                for &a in self.operands(id) {
                    live[a] = true;
                }
            }
        }
        live
    }

    /// A new graph made node by node, operands first, as a pass rewrites:
    /// `each` gets the new graph and a node whose operands already name
    /// the new graph's nodes, and returns the id that stands for it there
    /// (the node added, one already there, or the last of several added).
    /// The inputs, the reduction and the root carry over.
    pub fn rebuild(
        &self,
        mut each: impl FnMut(&mut Graph, Node) -> Result<NodeId>,
    ) -> Result<Graph> {
        let mut out = Graph::new(self.inputs.clone());
        out.reduction = self.reduction;
        let mut map: Vec<NodeId> = Vec::with_capacity(self.nodes.len());
        for node in &self.nodes {
            let mut node = node.clone();
            if let NodeKind::Op(_, args) = &mut node.kind {
                for a in args.iter_mut() {
                    *a = map[*a];
                }
            }
            map.push(each(&mut out, node)?);
        }
        out.root = map.get(self.root).copied().unwrap_or(0);
        Ok(out)
    }

    /// Copies the live nodes into a new graph, keeping their order.
    pub fn compact(&self) -> Graph {
        let live = self.live();
        let mut map = vec![0; self.nodes.len()];
        let mut out = Graph::new(self.inputs.clone());
        out.reduction = self.reduction;
        for (id, node) in self.nodes.iter().enumerate() {
            if !live[id] {
                continue;
            }
            let mut node = node.clone();
            if let NodeKind::Op(_, args) = &mut node.kind {
                for a in args.iter_mut() {
                    *a = map[*a];
                }
            }
            map[id] = out.nodes.len();
            out.nodes.push(node);
        }
        out.root = map[self.root];
        out
    }
}

/// One line per live node: `%3 = add.f64 %1, %2`, for tests and debugging.
impl fmt::Display for Graph {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let live = self.live();
        for (id, node) in self.nodes.iter().enumerate().filter(|(i, _)| live[*i]) {
            let shape = if node.array { "" } else { " scalar" };
            write!(f, "%{id} = ")?;
            match &node.kind {
                NodeKind::Input(i) => write!(f, "input {}", self.inputs[*i].name)?,
                NodeKind::Const(v) => write!(f, "const {v}")?,
                NodeKind::Bytes(v) => write!(f, "const {}", crate::types::Repr(v))?,
                NodeKind::Op(op, args) => {
                    write!(f, "{}", op.name())?;
                    for (k, a) in args.iter().enumerate() {
                        write!(f, "{} %{a}", if k == 0 { "" } else { "," })?;
                    }
                }
            }
            writeln!(f, " : {}{shape}", node.dtype)?;
        }
        match self.reduction {
            Some(r) => write!(f, "{} %{}{}", r.reduction.name(), self.root, r.axis_text()),
            None => write!(f, "result %{}", self.root),
        }
    }
}
