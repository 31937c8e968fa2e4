//! The README against the op table: its list of functions, of reductions
//! and its accuracy table name what the table holds, no more, no less.
#![cfg(not(target_arch = "wasm32"))] // native-only: reads files

use exprlab::bytecode::Op;
use exprlab::functions::Function;
use std::collections::BTreeSet;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

/// The words between the backticks that follow `start` in the README.
fn listed(readme: &str, start: &str) -> BTreeSet<String> {
    let at = readme
        .find(start)
        .unwrap_or_else(|| panic!("no `{start}` in README.md"));
    let rest = &readme[at + start.len()..];
    let end = rest.find('`').unwrap();
    rest[..end].split_whitespace().map(str::to_string).collect()
}

#[test]
fn the_readme_lists_every_function_of_the_table() {
    let readme = readme();
    let names = |reductions: bool| -> BTreeSet<String> {
        Function::all()
            .filter(|f| matches!(f, Function::Reduction(_)) == reductions)
            .map(|f| f.name().to_string())
            .collect()
    };
    assert_eq!(listed(&readme, "- functions `"), names(false));
    assert_eq!(
        listed(&readme, "- reductions as the outermost call: `"),
        names(true)
    );
}

#[test]
fn the_readme_accuracy_table_has_every_measured_function() {
    let readme = readme();
    let at = readme
        .find("| function | float64 | float32 | bound |")
        .unwrap();
    let mut rows = BTreeSet::new();
    for line in readme[at..]
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with('|'))
    {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let Some(op) = Op::ALL.iter().find(|op| op.name() == cells[0]) else {
            continue;
        };
        let bound: f64 = cells[3].split_whitespace().next().unwrap().parse().unwrap();
        assert_eq!(Some(bound), op.ulps(), "the bound of {}", cells[0]);
        rows.insert(op.name());
    }
    let measured: BTreeSet<&str> = Op::ALL
        .iter()
        .filter(|op| op.ulps().is_some())
        .map(|op| op.name())
        .collect();
    assert_eq!(rows, measured);
}
