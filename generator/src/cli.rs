//! The command line shared by the `graphgen` binary and `cargo xtask generate`.

use crate::diagnostics::{render_human, render_summary, Severity};
use crate::pipeline::{run, Options};
use clap::Parser;
use std::path::PathBuf;

/// Generate a Rust SDK crate from Microsoft Graph-style reference docs.
#[derive(Parser, Debug)]
#[command(name = "graphgen", version)]
pub struct Args {
    /// The docs root (holding `api/` and `resources/`).
    #[arg(long)]
    pub docs: PathBuf,
    /// The crate directory to write.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Also write the docs model as JSON (docs-model/1).
    #[arg(long)]
    pub model_json: Option<PathBuf>,
    /// Also write every diagnostic as JSON.
    #[arg(long)]
    pub diagnostics_json: Option<PathBuf>,
    /// The generated crate's package name.
    #[arg(long, default_value = "graph-sdk")]
    pub crate_name: String,
    /// Write nothing; fail if the output is stale.
    #[arg(long)]
    pub check: bool,
    /// Overwrite an output directory that graphgen did not write.
    #[arg(long)]
    pub force: bool,
    /// Generate only matching operations and types, with the types they reference.
    /// `/me/*` matches paths; other patterns match operation ids and type names (`*` wildcard).
    #[arg(long, value_name = "PATTERN")]
    pub include: Vec<String>,
    /// Leave out matching operations and types (same patterns as --include).
    #[arg(long, value_name = "PATTERN")]
    pub exclude: Vec<String>,
    /// Print only the summary of diagnostics, not each one.
    #[arg(long)]
    pub summary_only: bool,
}

/// Parses `argv` (program name first) and runs. Returns the process exit code: 0 when
/// generated (warnings allowed), 1 for errors in the input or the usage. Never panics out.
pub fn main_with(argv: Vec<String>, command: &str) -> i32 {
    main_keeping(argv, command).0
}

/// [`main_with`], also returning what the run produced: a process about to exit can leave it
/// unfreed (freeing a whole model piece by piece takes milliseconds on v1.0, tens of them on a
/// tree three times its size).
pub fn main_keeping(argv: Vec<String>, command: &str) -> (i32, Option<crate::pipeline::Outcome>) {
    let args = match Args::try_parse_from(&argv) {
        Ok(a) => a,
        Err(e) => {
            let code = if e.use_stderr() { 1 } else { 0 };
            let _ = e.print();
            return (code, None);
        }
    };
    let opts = Options {
        docs: args.docs.clone(),
        out: args.out.clone(),
        crate_name: args.crate_name.clone(),
        command: command.to_string(),
        model_json: args.model_json.clone(),
        diagnostics_json: args.diagnostics_json.clone(),
        check: args.check,
        force: args.force,
        area_features: true,
        include: args.include.clone(),
        exclude: args.exclude.clone(),
    };
    let result = std::panic::catch_unwind(|| run(&opts));
    match result {
        Err(_) => {
            eprintln!("error: graphgen hit an internal error (a bug in the generator, not in the docs); please report it");
            (1, None)
        }
        Ok(Err(usage)) => {
            eprintln!("error: {usage}");
            (1, None)
        }
        Ok(Ok(outcome)) => {
            if args.summary_only {
                eprint!("{}", render_summary(&outcome.diagnostics));
            } else {
                eprint!("{}", render_human(&outcome.diagnostics));
            }
            let m = &outcome.model;
            eprintln!("{} pages: {} types, {} enums, {} operations", m.pages, m.types.len(), m.enums.len(), m.operations.len());
            let errors = outcome.diagnostics.iter().any(|d| d.severity() == Severity::Error);
            if args.check && !outcome.changed.is_empty() {
                eprintln!("error: generated output is stale; these files differ:");
                for f in &outcome.changed {
                    eprintln!("  {}", f.display());
                }
                eprintln!("run `{command}` without --check and commit the result");
                return (1, Some(outcome));
            }
            (i32::from(errors), Some(outcome))
        }
    }
}
