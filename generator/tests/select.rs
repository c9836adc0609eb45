//! Selective generation: only what the user calls, with the types it needs, still compiling.

mod common;

#[test]
fn include_keeps_matching_operations_and_their_type_closure() {
    let docs = common::workspace().join("docs-input");
    let out = tempfile::tempdir().unwrap();
    let crate_dir = out.path().join("sdk");
    let mut opts = graphgen::Options::new(&docs);
    opts.out = Some(crate_dir.clone());
    opts.include = vec!["/widgets/{id}/reorder".into(), "widget-get".into()];
    let outcome = graphgen::run(&opts).expect("generates");
    let m = &outcome.model;
    let ids: Vec<&str> = m.operations.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, ["widget-get", "widget-reorder"]);
    let has = |q: &str| m.type_by_name(q).is_some();
    assert!(has("microsoft.graph.widget") && has("microsoft.graph.reorderReceipt"), "response types are kept");
    assert!(has("microsoft.graph.entity"), "base types of kept types are kept");
    assert!(!has("microsoft.graph.gadgetUsageSummary"), "unrelated types are left out");
    common::cargo_check(&crate_dir).unwrap_or_else(|e| panic!("the selected crate does not compile:\n{e}"));
}

#[test]
fn exclude_removes_paths_and_operations() {
    let docs = common::workspace().join("docs-input");
    let (model, _) = common::model_of(&docs);
    let expected = model.operations.iter().filter(|o| o.id != "widget-delete" && o.paths.iter().any(|p| !p.text.starts_with("/me"))).count();
    assert!(model.operations.iter().any(|o| o.id == "widget-delete"));
    let selected = graphgen::model::select::select(model, &[], &["/me*".into(), "widget-delete".into()]);
    assert_eq!(selected.operations.len(), expected);
    assert!(selected.operations.iter().all(|o| o.id != "widget-delete"));
    assert!(selected.operations.iter().all(|o| o.paths.iter().all(|p| !p.text.starts_with("/me"))));
}
