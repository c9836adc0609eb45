//! Helpers shared by the integration tests: docs trees written to temporary directories,
//! and runs of the whole pipeline over them.

#![allow(dead_code)]

use graphgen::diagnostics::Diagnostic;
use graphgen::model::Model;
use std::path::{Path, PathBuf};

/// The workspace root (tests run with the package directory as cwd).
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// `../shared` beside the workspace, where the real docs and the seed live.
pub fn shared() -> PathBuf {
    workspace().parent().unwrap().join("shared")
}

/// Writes `pages` (relative path, text) into a fresh temporary docs root.
pub fn docs_tree(pages: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (rel, text) in pages {
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

/// Reads and lowers a docs tree.
pub fn model_of(root: &Path) -> (Model, Vec<Diagnostic>) {
    let mut diags = graphgen::diagnostics::Diagnostics::new();
    let (model, _) = graphgen::pipeline::load(root, &mut diags).expect("docs tree loads");
    (model, diags.sorted())
}

/// Reads and lowers pages given as text.
pub fn model_of_pages(pages: &[(&str, &str)]) -> (Model, Vec<Diagnostic>) {
    let dir = docs_tree(pages);
    model_of(dir.path())
}

/// Diagnostics with the given code, as `file:line`.
pub fn locs(diags: &[Diagnostic], code: &str) -> Vec<String> {
    diags.iter().filter(|d| d.code.as_str() == code).map(|d| d.loc.to_string()).collect()
}

/// Runs `cargo check` on a crate directory, sharing one target directory between tests so
/// the dependencies build once. Returns cargo's stderr on failure or warnings.
pub fn cargo_check(dir: &Path) -> Result<(), String> {
    cargo_check_with(dir, &["--all-features"])
}

/// [`cargo_check`] with extra arguments (features).
pub fn cargo_check_with(dir: &Path, extra: &[&str]) -> Result<(), String> {
    let target = workspace().join("target").join("graphgen-tests");
    let out = std::process::Command::new(env!("CARGO"))
        .args(["check", "--quiet", "--all-targets", "--message-format=short"])
        .args(extra)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", &target)
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}
