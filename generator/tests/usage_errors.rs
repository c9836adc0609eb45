//! Usage errors from the `graphgen` binary: one clear line each and exit code 1 (never a
//! panic's 101); a page that is not UTF-8 is a diagnostic and the run goes on.

mod common;

use common::docs_tree;
use std::path::Path;
use std::process::Command;

const PAGE: &str = "---\ntitle: \"thing resource type\"\ndoc_type: resourcePageType\n---\n\n# thing resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n|id|String|The key.|\n";

/// Runs graphgen; returns (exit code, stderr).
fn graphgen(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_graphgen")).args(args).output().unwrap();
    (out.status.code().expect("exited, not killed"), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Exit code 1 and exactly one line, an `error:` that names `what`.
fn assert_one_line(args: &[&str], what: &str) {
    let (code, stderr) = graphgen(args);
    assert_eq!(code, 1, "{args:?}: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "{args:?}: one line, got:\n{stderr}");
    assert!(stderr.starts_with("error: ") && stderr.contains(what), "{args:?}: {stderr}");
}

#[test]
fn missing_docs_root() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope");
    assert_one_line(&["--docs", p(&missing)], "cannot read docs root");
}

#[test]
fn unreadable_docs_root() {
    // A symlink loop cannot be read, even by root.
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("loop");
    std::os::unix::fs::symlink(&link, &link).unwrap();
    assert_one_line(&["--docs", p(&link)], "cannot read docs root");
}

#[test]
fn docs_root_that_is_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("page.md");
    std::fs::write(&file, PAGE).unwrap();
    assert_one_line(&["--docs", p(&file)], "is not a directory");
}

#[test]
fn tree_without_pages() {
    let docs = docs_tree(&[("api/notes.txt", "not a page"), ("README.md", "skipped")]);
    assert_one_line(&["--docs", p(docs.path())], "holds no markdown pages");
}

#[test]
fn output_path_that_is_a_file() {
    let docs = docs_tree(&[("resources/thing.md", PAGE)]);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::write(&out, "a file").unwrap();
    assert_one_line(&["--docs", p(docs.path()), "--out", p(&out)], "is not a directory");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "a file", "left alone");
}

#[test]
fn output_under_a_file() {
    let docs = docs_tree(&[("resources/thing.md", PAGE)]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("file"), "a file").unwrap();
    assert_one_line(&["--docs", p(docs.path()), "--out", p(&dir.path().join("file/sdk"))], "file");
}

#[test]
fn output_directory_not_written_by_graphgen() {
    let docs = docs_tree(&[("resources/thing.md", PAGE)]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    assert_one_line(&["--docs", p(docs.path()), "--out", p(dir.path())], "--force");
    let (code, stderr) = graphgen(&["--docs", p(docs.path()), "--out", p(dir.path()), "--force"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(), "mine", "the user's file survives --force");
}

#[test]
fn bad_flag() {
    let (code, stderr) = graphgen(&["--docs"]);
    assert_eq!(code, 1, "{stderr}");
    let (code, stderr) = graphgen(&["--no-such-flag"]);
    assert_eq!(code, 1, "{stderr}");
}

#[test]
fn non_utf8_page_is_a_diagnostic_and_the_run_goes_on() {
    let docs = docs_tree(&[("resources/thing.md", PAGE)]);
    let mut bytes = PAGE.replace("thing", "other").into_bytes();
    bytes.extend_from_slice(b"|name|String|Bad \xff\xfe bytes.|\n");
    std::fs::write(docs.path().join("resources/other.md"), bytes).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sdk");
    let (code, stderr) = graphgen(&["--docs", p(docs.path()), "--out", p(&out)]);
    assert_eq!(code, 1, "an error diagnostic: {stderr}");
    assert!(stderr.contains("page-not-utf8") && stderr.contains("resources/other.md:15"), "{stderr}");
    let models: String = std::fs::read_dir(out.join("src/models")).unwrap().map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap()).collect();
    assert!(models.contains("pub struct Other") && models.contains("pub name:"), "the page was still read:\n{models}");
    assert!(models.contains("pub struct Thing"));
}
