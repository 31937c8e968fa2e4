//! Names: bound names first, then inputs, then the constants; an unknown
//! name or function suggests the closest known one.

use super::super::graph::{NodeId, NodeKind};
use super::Resolver;
use crate::error::{Error, ErrorKind, Result, Span};
use crate::functions::Function;
use crate::types::{Scalar, Ty};

const CONSTANTS: [(&str, f64); 4] = [
    ("pi", std::f64::consts::PI),
    ("e", std::f64::consts::E),
    ("inf", f64::INFINITY),
    ("nan", f64::NAN),
];

impl Resolver<'_> {
    pub(super) fn name(&mut self, name: &str, span: Span) -> Result<NodeId> {
        if let Some(&id) = self.bound.get(name) {
            return Ok(id);
        }
        if let Some(&id) = self.input_nodes.get(name) {
            return Ok(id);
        }
        if let Some(var) = self.variables.iter().find(|v| v.name == name) {
            let (ty, array) = (Ty::strong(var.dtype), !var.scalar);
            let index = self.graph.inputs.len();
            self.graph.inputs.push(var.clone());
            let id = self.add(NodeKind::Input(index), ty, array, span)?;
            self.input_nodes.insert(name.to_string(), id);
            return Ok(id);
        }
        if let Some((_, v)) = CONSTANTS.iter().find(|(n, _)| *n == name) {
            return self.constant(Scalar::Float64(*v), true, false, span);
        }
        if Function::find(name).is_some() {
            return Err(Error::syntax(
                format!("`{name}` is a function; call it, as in `{name}(x)`"),
                span,
            ));
        }
        let known = self
            .bound
            .keys()
            .map(String::as_str)
            .chain(self.variables.iter().map(|v| v.name.as_str()))
            .chain(CONSTANTS.iter().map(|(n, _)| *n));
        Err(Error::at(
            ErrorKind::UnknownName {
                name: name.into(),
                suggestion: closest(name, known),
            },
            span,
        ))
    }

    pub(super) fn unknown_function(&self, name: &str, span: Span) -> Error {
        let suggestion = closest(name, Function::all().map(Function::name));
        if self.bound.contains_key(name) || self.variables.iter().any(|v| v.name == name) {
            return Error::syntax(format!("`{name}` is a variable, not a function"), span);
        }
        Error::at(
            ErrorKind::UnknownName {
                name: name.into(),
                suggestion,
            },
            span,
        )
    }
}

/// The known name closest to `name`, if one is close enough to be a typo.
fn closest<'a>(name: &str, known: impl Iterator<Item = &'a str>) -> Option<String> {
    // Ties go to a name that shares the typed prefix, then to the nearest
    // length, then to the first offered (the user's own names come first).
    known
        .enumerate()
        .map(|(order, k)| {
            let distance = strsim::damerau_levenshtein(name, k);
            let prefix = !(name.starts_with(k) || k.starts_with(name));
            ((distance, prefix, k.len().abs_diff(name.len()), order), k)
        })
        .filter(|&((d, ..), k)| d <= (k.len().max(name.len()) / 3).max(1))
        .min()
        .map(|(_, k)| k.to_string())
}
