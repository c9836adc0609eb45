//! Same input, same bytes: the output does not depend on the number of threads or on the
//! order in which the docs files were created.

mod common;

use common::{shared, workspace};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Every page file under `root` (relative path, bytes), every `every`-th of each folder.
fn pages(root: &Path, every: usize) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for dir in ["api", "resources"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(dir)).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
        files.sort();
        for f in files.into_iter().filter(|f| f.extension().is_some_and(|e| e == "md")).step_by(every) {
            let rel = f.strip_prefix(root).unwrap().to_path_buf();
            out.push((rel, std::fs::read(&f).unwrap()));
        }
    }
    out
}

/// A docs tree with the files created in the given order.
fn tree(files: &[(PathBuf, Vec<u8>)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (rel, bytes) in files {
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    dir
}

/// Generates `docs` with a pool of `threads`; returns every file and the diagnostics.
fn generate(docs: &Path, threads: usize) -> (BTreeMap<String, Vec<u8>>, String) {
    let out = tempfile::tempdir().unwrap();
    let mut opts = graphgen::Options::new(docs);
    opts.out = Some(out.path().join("sdk"));
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
    let outcome = pool.install(|| graphgen::run(&opts)).expect("generates");
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(out.path()).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(out.path()).unwrap().to_string_lossy().into_owned();
            files.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    (files, format!("{:?}", outcome.diagnostics))
}

fn assert_same_bytes(files: Vec<(PathBuf, Vec<u8>)>) {
    assert!(files.len() > 10, "too few pages to prove anything");
    let forward = tree(&files);
    let mut reversed = files.clone();
    reversed.reverse();
    let backward = tree(&reversed);
    let (a, da) = generate(forward.path(), 1);
    let (b, db) = generate(backward.path(), 2);
    assert!(a.len() > 5);
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>(), "the same files");
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between 1 thread in order and 2 threads in reverse order");
    }
    assert_eq!(da, db, "the same diagnostics");
}

#[test]
fn docs_input_gives_the_same_bytes_whatever_the_threads_and_file_order() {
    assert_same_bytes(pages(&workspace().join("docs-input"), 1));
}

#[test]
fn a_sample_of_v1_gives_the_same_bytes_whatever_the_threads_and_file_order() {
    assert_same_bytes(pages(&shared().join("graph-docs/v1.0"), 15));
}
