//! Output stays inside --out, is whole or absent, survives a run killed halfway, refuses
//! directories graphgen did not write, and a no-op run touches nothing.

mod common;

use common::{docs_tree, model_of};
use graphgen::output::{write_crate, MANIFEST};
use std::collections::BTreeMap;
use std::path::Path;

fn files(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect()
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

#[test]
fn paths_leaving_the_output_are_refused_before_anything_is_written() {
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("sdk");
    for bad in ["../escape.rs", "/abs.rs", "src/../../x.rs", "src/.hidden/x.rs", "a\\..\\b.rs", ""] {
        let err = write_crate(&out, &files(&[("src/lib.rs", "ok"), (bad, "evil")]), false, false).unwrap_err();
        assert!(err.contains("refusing"), "{bad}: {err}");
    }
    assert!(names_in(parent.path()).is_empty(), "nothing written: {:?}", names_in(parent.path()));
}

#[test]
fn names_shaped_like_paths_become_plain_module_files() {
    let page = |title: &str, prod: &str, odata: &str| {
        format!("---\ntitle: \"{title}\"\nms.prod: \"{prod}\"\ndoc_type: resourcePageType\n---\n\n# {title}\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n|id|String|The key.|\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"{odata}\" }} -->\n\n```json\n{{ \"id\": \"String\" }}\n```\n")
    };
    let docs = docs_tree(&[
        ("resources/a.md", &page("a resource type", "../../etc", "microsoft.graph.../../etc/passwd")),
        ("resources/b.md", &page("b resource type", "/abs", "/abs/path")),
        ("resources/c.md", &page("c resource type", "a/b", "https://evil.example.com/x")),
        ("resources/d.md", &page("d resource type", "..", "microsoft.graph.../..")),
    ]);
    let (model, _) = model_of(docs.path());
    assert_eq!(model.types.len(), 4, "{:?}", model.types.iter().map(|t| &t.qname).collect::<Vec<_>>());
    let mut diags = graphgen::diagnostics::Diagnostics::new();
    let files = graphgen::emit::emit(&model, "paths", "test", &mut diags);
    for path in files.keys() {
        graphgen::output::safe_relative(path).unwrap();
        let name = path.rsplit('/').next().unwrap();
        assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-'), "{path}");
    }
    let parent = tempfile::tempdir().unwrap();
    write_crate(&parent.path().join("sdk"), &files, false, false).unwrap();
    assert_eq!(names_in(parent.path()), ["sdk"]);
}

#[test]
fn module_names_are_plain_file_names() {
    for name in ["../../etc", "/abs", "a/b", ".", "..", "", "con", "mod", "self", "crate", "https://x/y", "C:\\x", "naïve", "\u{0}"] {
        let m = graphgen::naming::module_name(name);
        assert!(!m.is_empty() && m.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'), "{name:?} → {m:?}");
        assert!(m.starts_with(|c: char| c.is_ascii_lowercase()), "{name:?} → {m:?}");
    }
}

#[test]
fn a_symlink_in_the_output_does_not_carry_files_elsewhere() {
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("sdk");
    let elsewhere = parent.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    write_crate(&out, &files(&[("Cargo.toml", "v1")]), false, false).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join("src")).unwrap();
    let err = write_crate(&out, &files(&[("Cargo.toml", "v2"), ("src/lib.rs", "evil")]), false, false).unwrap_err();
    assert!(err.contains("symbolic link"), "{err}");
    assert!(names_in(&elsewhere).is_empty(), "nothing written through the link");
    assert_eq!(std::fs::read_to_string(out.join("Cargo.toml")).unwrap(), "v1", "the previous output is intact");
    assert_eq!(names_in(parent.path()), ["elsewhere", "sdk"], "no stage left behind");
}

#[test]
fn directories_graphgen_did_not_write_need_force() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mine.txt"), "mine").unwrap();
    let err = write_crate(dir.path(), &files(&[("src/lib.rs", "x")]), false, false).unwrap_err();
    assert!(err.contains("--force"), "{err}");
    assert!(!dir.path().join("src").exists());
    write_crate(dir.path(), &files(&[("src/lib.rs", "x")]), false, true).unwrap();
    assert_eq!(std::fs::read_to_string(dir.path().join("mine.txt")).unwrap(), "mine");
    assert!(dir.path().join(MANIFEST).exists());
    // Once it carries the manifest it is graphgen's: no --force needed.
    write_crate(dir.path(), &files(&[("src/lib.rs", "y")]), false, false).unwrap();
}

#[test]
fn an_empty_directory_and_a_missing_one_are_fine() {
    let parent = tempfile::tempdir().unwrap();
    std::fs::create_dir(parent.path().join("empty")).unwrap();
    write_crate(&parent.path().join("empty"), &files(&[("a.rs", "a")]), false, false).unwrap();
    write_crate(&parent.path().join("new/deeper"), &files(&[("a.rs", "a")]), false, false).unwrap();
    assert_eq!(std::fs::read_to_string(parent.path().join("new/deeper/a.rs")).unwrap(), "a");
}

/// The states a run killed at any point leaves behind, and what the next run must see.
#[test]
fn a_run_killed_halfway_leaves_the_previous_output() {
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("sdk");
    let stage = parent.path().join(".sdk.graphgen-new");
    let backup = parent.path().join(".sdk.graphgen-old");
    write_crate(&out, &files(&[("a.rs", "v1"), ("b.rs", "v1")]), false, false).unwrap();

    // Killed while staging: a half-written stage beside the intact output.
    std::fs::create_dir_all(&stage).unwrap();
    std::fs::write(stage.join("a.rs"), "v2, half").unwrap();
    assert_eq!(std::fs::read_to_string(out.join("a.rs")).unwrap(), "v1");
    write_crate(&out, &files(&[("a.rs", "v2"), ("b.rs", "v1")]), false, false).unwrap();
    assert_eq!(std::fs::read_to_string(out.join("a.rs")).unwrap(), "v2");
    assert!(!stage.exists());

    // Killed between the two renames: the output is only in the backup.
    std::fs::rename(&out, &backup).unwrap();
    std::fs::create_dir_all(&stage).unwrap();
    let stale = write_crate(&out, &files(&[("a.rs", "v2"), ("b.rs", "v1")]), true, false).unwrap();
    assert!(!stale.is_empty() && backup.exists(), "--check reports and moves nothing");
    write_crate(&out, &files(&[("a.rs", "v2"), ("b.rs", "v1")]), false, false).unwrap();
    assert_eq!(std::fs::read_to_string(out.join("b.rs")).unwrap(), "v1", "restored from the backup");

    // Killed after the swap, before the backup was removed.
    std::fs::create_dir_all(backup.join("junk")).unwrap();
    write_crate(&out, &files(&[("a.rs", "v3"), ("b.rs", "v1")]), false, false).unwrap();
    assert!(!backup.exists());
    assert_eq!(names_in(parent.path()), ["sdk"]);
    assert_eq!(std::fs::read_to_string(out.join("a.rs")).unwrap(), "v3");
}

#[test]
fn a_no_op_run_keeps_every_mtime_and_changes_keep_the_others() {
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("sdk");
    let v1 = files(&[("src/a.rs", "a"), ("src/b.rs", "b")]);
    write_crate(&out, &v1, false, false).unwrap();
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
    for f in ["src/a.rs", "src/b.rs", MANIFEST] {
        std::fs::File::options().write(true).open(out.join(f)).unwrap().set_modified(old).unwrap();
    }
    let mtime = |f: &str| std::fs::metadata(out.join(f)).unwrap().modified().unwrap();
    assert!(write_crate(&out, &v1, false, false).unwrap().is_empty(), "nothing changed");
    for f in ["src/a.rs", "src/b.rs", MANIFEST] {
        assert_eq!(mtime(f), old, "{f} was touched by a no-op run");
    }
    let changed = write_crate(&out, &files(&[("src/a.rs", "a2"), ("src/b.rs", "b")]), false, false).unwrap();
    assert_eq!(changed, [out.join("src/a.rs")]);
    assert_eq!(mtime("src/b.rs"), old, "an unchanged file keeps its mtime");
    assert_ne!(mtime("src/a.rs"), old);
}

#[test]
fn stale_generated_files_go_and_user_files_stay() {
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("sdk");
    write_crate(&out, &files(&[("src/a.rs", "a"), ("src/old.rs", "old")]), false, false).unwrap();
    std::fs::create_dir_all(out.join("tests")).unwrap();
    std::fs::write(out.join("tests/mine.rs"), "mine").unwrap();
    let changed = write_crate(&out, &files(&[("src/a.rs", "a")]), false, false).unwrap();
    assert_eq!(changed, [out.join("src/old.rs")]);
    assert!(!out.join("src/old.rs").exists());
    assert_eq!(std::fs::read_to_string(out.join("tests/mine.rs")).unwrap(), "mine");
}

#[test]
fn dot_as_the_output_directory() {
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("sdk");
    write_crate(&out, &files(&[("a.rs", "v1")]), false, false).unwrap();
    write_crate(&out.join("."), &files(&[("a.rs", "v2")]), false, false).unwrap();
    assert_eq!(std::fs::read_to_string(out.join("a.rs")).unwrap(), "v2");
    assert_eq!(names_in(parent.path()), ["sdk"]);
}
