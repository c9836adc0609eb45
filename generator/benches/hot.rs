//! Micro-benchmarks of the hot parts of generation (divan): page parsing, lenient JSON,
//! type cells, naming, and lowering and emitting docs-input whole. `cargo bench -p graphgen`.
//! The whole-run figures with their floor come from `cargo xtask bench --docs DIR`.

use graphgen::pages::{parse_page, Inline};
use std::path::PathBuf;

fn main() {
    divan::main();
}

/// The largest real page if `../shared` is beside the workspace, else a docs-input page.
fn big_page() -> (String, String) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let real = root.join("../shared/graph-docs/v1.0/resources/enums.md");
    let fallback = root.join("docs-input/resources/widget.md");
    let path = if real.exists() { real } else { fallback };
    (path.display().to_string(), std::fs::read_to_string(&path).unwrap_or_default())
}

#[divan::bench]
fn parse_big_page(b: divan::Bencher) {
    let (name, text) = big_page();
    b.bench(|| {
        let mut d = graphgen::diagnostics::Diagnostics::new();
        divan::black_box(parse_page(&name, &text, &mut d))
    });
}

#[divan::bench]
fn lenient_json_repair(b: divan::Bencher) {
    let text = "{\n  \"value\": [\n    {\"id\": \"1\", \"name\": \u{201C}x\u{201D},},\n    /* more */\n  ],\n  \"note\": \"a\nb\"\n}";
    b.bench(|| divan::black_box(graphgen::pages::lenient_json::parse(text)));
}

#[divan::bench]
fn type_cells(b: divan::Bencher) {
    let cells: Vec<Inline> = ["String", "Int64", "String collection", "collection(Edm.Int32)", "microsoft.graph.callRecords.session", "String or Int32", "String, maximum size 20", "[identitySet][]"]
        .iter()
        .map(|t| Inline::plain(*t))
        .collect();
    b.bench(|| cells.iter().for_each(|c| {
        divan::black_box(graphgen::model::type_cell::parse(c));
    }));
}

/// Snake-case names are remembered per thread, so after the first round this measures the
/// lookups the emitter mostly makes; type names are converted every time.
#[divan::bench]
fn identifiers(b: divan::Bencher) {
    let names = ["userPrincipalName", "@odata.type", "JIS B4", "type", "3dModel", "x-ms-client-request-id", "microsoft.graph.callRecords.session"];
    b.bench(|| names.iter().map(|n| graphgen::naming::snake_name(n).len() + graphgen::naming::type_name(n).len()).sum::<usize>());
}

/// The model of docs-input (small and complete: every construct the generator knows).
fn docs_input_model() -> graphgen::model::Model {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs-input");
    let mut d = graphgen::diagnostics::Diagnostics::new();
    graphgen::pipeline::load(&root, &mut d).expect("docs-input loads").0
}

#[divan::bench]
fn lower_docs_input(b: divan::Bencher) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs-input");
    let mut d = graphgen::diagnostics::Diagnostics::new();
    let tree = graphgen::pages::read_tree(&root, &mut d).expect("docs-input reads");
    b.bench(|| {
        let mut d = graphgen::diagnostics::Diagnostics::new();
        divan::black_box(graphgen::model::lower(&tree, &mut d))
    });
}

#[divan::bench]
fn emit_docs_input(b: divan::Bencher) {
    let model = docs_input_model();
    b.bench(|| {
        let mut d = graphgen::diagnostics::Diagnostics::new();
        divan::black_box(graphgen::emit::emit(&model, "bench-sdk", "bench", &mut d))
    });
}
