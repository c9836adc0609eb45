//! Every Cargo feature of the checked-in generated crate compiles on its own, without
//! warnings (the features carry their dependency closure).

mod common;

#[test]
fn each_area_feature_compiles_alone() {
    let crate_dir = common::workspace().join("generated");
    let manifest = std::fs::read_to_string(crate_dir.join("Cargo.toml")).unwrap();
    let table = manifest.split("[features]").nth(1).expect("a [features] table").split("\n[").next().unwrap();
    let areas: Vec<&str> = table
        .lines()
        .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim()))
        .filter(|k| !matches!(*k, "default" | "client" | "full"))
        .collect();
    assert!(areas.len() >= 5, "docs-input spans several areas: {areas:?}");
    for area in areas {
        common::cargo_check_with(&crate_dir, &["--no-default-features", "--features", area]).unwrap_or_else(|e| panic!("feature `{area}` alone:\n{e}"));
    }
}
