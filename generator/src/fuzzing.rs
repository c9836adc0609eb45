//! Docs trees made in memory from arbitrary bytes: the fuzz targets (`generator/fuzz`) and
//! their bounded twin in `cargo test` run every phase on them without touching files.

use crate::diagnostics::Diagnostics;
use crate::emit::{self, Files};
use crate::model::Model;
use crate::pages::{parse_page, DocsTree};

/// A line of its own that separates pages.
pub const SEPARATOR: &str = "\n%%%%\n";
/// More pages add nothing a fuzzer can use; fewer keep each run fast.
const MAX_PAGES: usize = 8;

/// Splits `data` into pages at [`SEPARATOR`]; a first line ending in `.md` names its page.
pub fn tree_of(data: &[u8], diags: &mut Diagnostics) -> DocsTree {
    let text = String::from_utf8_lossy(data);
    let mut pages = Vec::new();
    for (i, chunk) in text.split(SEPARATOR).take(MAX_PAGES).enumerate() {
        let (path, body) = match chunk.split_once('\n') {
            Some((first, rest)) if first.ends_with(".md") && first.len() < 120 => (first.trim().to_string(), rest),
            _ => (format!("{}/page{i}.md", if i % 2 == 0 { "api" } else { "resources" }), chunk),
        };
        pages.push(parse_page(&path, body, diags));
    }
    // As `read_tree` delivers them: sorted, one page per path.
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    pages.dedup_by(|a, b| a.path == b.path);
    DocsTree { root: "fuzz".into(), pages, files: Vec::new() }
}

/// Every phase on the tree of `data`.
pub fn run_tree(data: &[u8]) -> (Model, Files, Diagnostics) {
    let mut diags = Diagnostics::new();
    let tree = tree_of(data, &mut diags);
    let model = crate::model::lower(&tree, &mut diags);
    let files = emit::emit(&model, "fuzz-sdk", "fuzz", &mut diags);
    (model, files, diags)
}

/// What every run must give, whatever the input: each file a path inside the crate and each
/// Rust file valid Rust (the emitter writes text, so this is where a slip would show).
pub fn check_files(files: &Files) -> Result<(), String> {
    for (path, text) in files {
        crate::output::safe_relative(path).map_err(|e| format!("{path}: {e}"))?;
        if path.ends_with(".rs") {
            syn::parse_file(text).map_err(|e| format!("{path} is not valid Rust: {e}\n{text}"))?;
        }
    }
    Ok(())
}
