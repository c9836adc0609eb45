//! The build-time path: a crate whose build.rs calls `graphgen::build::generate`.

mod common;

#[test]
fn a_build_script_generates_the_sdk_into_out_dir() {
    let fixture = common::workspace().join("generator/tests/fixtures/build-user");
    common::cargo_check_with(&fixture, &[]).unwrap_or_else(|e| panic!("the build-script crate does not compile cleanly:\n{e}"));
}

#[test]
fn rerun_if_changed_names_every_page() {
    let out = tempfile::tempdir().unwrap();
    let docs = common::workspace().join("docs-input");
    let include = graphgen::build::generate_into(&docs, out.path()).expect("generates");
    let text = std::fs::read_to_string(include).unwrap();
    assert!(text.contains("pub mod models;") && text.contains("pub mod runtime;"));
    let pages = walkdir::WalkDir::new(&docs).into_iter().filter_map(Result::ok).filter(|e| e.path().extension().is_some_and(|x| x == "md")).count();
    let mut diags = graphgen::diagnostics::Diagnostics::new();
    let (_, inputs) = graphgen::pipeline::load(&docs, &mut diags).unwrap();
    // README.md is not a page; every other markdown file is read (and so watched).
    assert_eq!(inputs.len(), pages - 1);
}
