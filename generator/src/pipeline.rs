//! The whole run: read pages, lower, emit, write. Front ends (CLI, xtask, build.rs) call
//! [`run`] and only deliver its output.

use crate::diagnostics::{self, Diagnostic, Diagnostics};
use crate::model::{self, Model};
use crate::pages;
use std::path::{Path, PathBuf};

/// What to generate and where.
#[derive(Clone, Debug)]
pub struct Options {
    pub docs: PathBuf,
    /// The crate directory to write; `None` runs the phases without writing a crate.
    pub out: Option<PathBuf>,
    pub crate_name: String,
    /// The command line that wrote the output, for the header of every file.
    pub command: String,
    pub model_json: Option<PathBuf>,
    pub diagnostics_json: Option<PathBuf>,
    /// Compare instead of writing: report files that would change.
    pub check: bool,
    /// Overwrite an output directory that graphgen did not write.
    pub force: bool,
    /// Put each area behind a Cargo feature (off for code `include!`d by a build script).
    pub area_features: bool,
    /// Generate only these operations and types (path patterns start with `/`), with the
    /// closure of the types they reference; empty means everything.
    pub include: Vec<String>,
    /// Leave these out (same patterns).
    pub exclude: Vec<String>,
}

impl Options {
    pub fn new(docs: impl Into<PathBuf>) -> Self {
        Options {
            docs: docs.into(),
            out: None,
            crate_name: "graph-sdk".into(),
            command: "graphgen".into(),
            model_json: None,
            diagnostics_json: None,
            check: false,
            force: false,
            area_features: true,
            include: Vec::new(),
            exclude: Vec::new(),
        }
    }
}

/// What a run produced.
pub struct Outcome {
    pub model: Model,
    pub diagnostics: Vec<Diagnostic>,
    /// Every page read (for `cargo:rerun-if-changed`).
    pub inputs: Vec<PathBuf>,
    /// In check mode: the files that are stale; otherwise the files written.
    pub changed: Vec<PathBuf>,
}

/// A problem with how the generator was called (not with the docs).
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// Reads and lowers a docs tree.
pub fn load(docs: &Path, diags: &mut Diagnostics) -> Result<(Model, Vec<PathBuf>), UsageError> {
    // Each page's facts are found as it is read, while it is in the cache.
    let (mut tree, facts) = pages::read_tree_with(docs, diags, model::page_facts).map_err(UsageError)?;
    let files = std::mem::take(&mut tree.files);
    // Lowering frees each page as soon as it is done with it: the model reuses their memory.
    let model = model::lower_and_free(tree, facts, diags);
    Ok((model, files))
}

/// Runs the pipeline.
pub fn run(opts: &Options) -> Result<Outcome, UsageError> {
    let mut diags = Diagnostics::new();
    let (model, inputs) = load(&opts.docs, &mut diags)?;
    let model = model::select::select(model, &opts.include, &opts.exclude);
    let mut changed = Vec::new();
    if let Some(out) = &opts.out {
        let files = crate::emit::emit_with(&model, &opts.crate_name, &opts.command, opts.area_features, &mut diags);
        changed = crate::output::write_crate(out, &files, opts.check, opts.force).map_err(UsageError)?;
    }
    let sorted = diags.sorted();
    if let Some(path) = &opts.model_json {
        let text = model::model_json::render(&model, &opts.docs.to_string_lossy(), &diagnostics::summary_by_code(&sorted));
        crate::output::write_file(path, &text).map_err(UsageError)?;
    }
    if let Some(path) = &opts.diagnostics_json {
        crate::output::write_file(path, &diagnostics::render_json(&sorted)).map_err(UsageError)?;
    }
    Ok(Outcome { model, diagnostics: sorted, inputs, changed })
}
