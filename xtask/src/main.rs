//! Project tasks: `cargo xtask codegen [--check]` regenerates `generated/` from
//! `docs-input/`; `cargo xtask generate ...` runs the generator on any docs tree.

// The same allocator as the `graphgen` binary, so benches measure what users run.
#[global_allocator]
static ALLOCATOR: graphgen::allocator::Allocator = graphgen::allocator::Allocator;

mod bench;
mod bench_compile;
mod conformance;
mod rounds;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

fn usage() -> ExitCode {
    eprintln!(
        "usage: cargo xtask codegen [--check]\n       cargo xtask generate --docs DIR --out DIR [--model-json FILE] [--crate-name NAME] [--diagnostics-json FILE]\n       cargo xtask bench --docs DIR [--scale N]\n       cargo xtask bench-compile --docs DIR [--area NAME]\n       cargo xtask conformance --docs DIR --out DIR [--target-dir DIR] [--deny-warnings] [--quiet]"
    );
    ExitCode::from(1)
}

fn main() -> ExitCode {
    graphgen::allocator::keep_freed_memory();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(task) = args.first() else { return usage() };
    let rest = &args[1..];
    let code = match task.as_str() {
        "codegen" => codegen(rest),
        "generate" => {
            let mut argv = vec!["graphgen".to_string()];
            argv.extend(rest.iter().cloned());
            graphgen::cli::main_with(argv, &format!("cargo xtask generate {}", rest.join(" ")))
        }
        "bench" => report(bench::run(rest)),
        "bench-compile" => report(bench_compile::run(rest)),
        "conformance" => report(conformance::run(rest)),
        _ => return usage(),
    };
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

fn report(result: Result<(), String>) -> i32 {
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("error: {e}");
            1
        }
    }
}

/// Regenerates (or checks) the checked-in crate. The docs-input pages carry deliberate
/// flaws, so errors in them are expected and reported, not fatal.
fn codegen(rest: &[String]) -> i32 {
    let check = rest.iter().any(|a| a == "--check");
    if rest.iter().any(|a| a != "--check") {
        return i32::from(usage() != ExitCode::SUCCESS);
    }
    match xtask_codegen(check) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("error: {e}");
            1
        }
    }
}

fn xtask_codegen(check: bool) -> Result<(), String> {
    let root = workspace_root();
    let mut opts = graphgen::Options::new(root.join("docs-input"));
    opts.out = Some(root.join("generated"));
    opts.crate_name = "graph-sdk".into();
    opts.command = "cargo xtask codegen".into();
    opts.check = check;
    let outcome = graphgen::run(&opts).map_err(|e| e.to_string())?;
    eprint!("{}", graphgen::diagnostics::render_summary(&outcome.diagnostics));
    if check && !outcome.changed.is_empty() {
        let list: Vec<String> = outcome.changed.iter().map(|p| format!("  {}", p.display())).collect();
        return Err(format!("generated/ is stale; these files differ:\n{}\nrun `cargo xtask codegen` and commit the result", list.join("\n")));
    }
    let verb = if check { "up to date" } else if outcome.changed.is_empty() { "unchanged" } else { "written" };
    eprintln!("generated/: {verb} ({} files changed)", outcome.changed.len());
    Ok(())
}

#[cfg(test)]
mod tests {
    /// The checked-in crate is what the generator makes of docs-input today: a stale
    /// `generated/` fails `cargo test` (the snapshot of the generated code for docs-input).
    #[test]
    fn generated_crate_is_up_to_date() {
        if let Err(e) = super::xtask_codegen(true) {
            panic!("{e}");
        }
    }
}
