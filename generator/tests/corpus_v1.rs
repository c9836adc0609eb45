//! The whole real reference (../shared/graph-docs/v1.0) through every phase, in memory:
//! no panic, no error, and a model of the expected size.

mod common;

use common::shared;
use graphgen::diagnostics::{Diagnostics, Severity};

#[test]
fn the_whole_v1_reference_runs_clean() {
    let docs = shared().join("graph-docs/v1.0");
    let mut diags = Diagnostics::new();
    let (model, inputs) = graphgen::pipeline::load(&docs, &mut diags).expect("the v1.0 tree loads");
    let files = graphgen::emit::emit(&model, "graph-v1", "test", &mut diags);
    assert!(inputs.len() > 3000, "{} pages", inputs.len());
    assert!(model.types.len() > 900 && model.enums.len() > 300 && model.operations.len() > 2000);
    assert!(files.len() > 50);
    let errors: Vec<String> = diags.sorted().iter().filter(|d| d.severity() == Severity::Error).map(|d| format!("{}: {} {}", d.loc, d.code.as_str(), d.message)).collect();
    assert!(errors.is_empty(), "errors on the real reference:\n{}", errors.join("\n"));
}
