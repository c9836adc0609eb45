//! The page the project was founded on: a machine-made stub placed alone in a docs tree.

mod common;

use common::{cargo_check, docs_tree, locs, model_of, shared};
use graphgen::model::{Method, Prim, RequestBody, TypeRef};

fn seed_tree() -> tempfile::TempDir {
    let text = std::fs::read_to_string(shared().join("seeds/000_05a03a8cd151c5b6.txt")).expect("the seed is in ../shared/seeds");
    docs_tree(&[("api/credentialusagesummary-update.md", &text)])
}

#[test]
fn seed_gives_its_type_enums_operation_and_diagnostics() {
    let tree = seed_tree();
    let (model, diags) = model_of(tree.path());

    let t = model.type_by_name("microsoft.graph.credentialUsageSummary").expect("type built from the request-body table");
    let ty = |name: &str| &t.properties.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("property {name}")).ty;
    assert_eq!(ty("successfulActivityCount"), &TypeRef::Prim(Prim::Int64));
    assert_eq!(ty("failureActivityCount"), &TypeRef::Prim(Prim::Int64));

    let feature = match ty("feature") {
        TypeRef::Enum(q) => model.enum_by_name(q).unwrap(),
        other => panic!("feature is {other:?}"),
    };
    let members: Vec<_> = feature.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(members, ["registration", "reset", "unknownFutureValue"]);
    assert!(feature.derived_name);
    let auth = match ty("authMethod") {
        TypeRef::Enum(q) => model.enum_by_name(q).unwrap(),
        other => panic!("authMethod is {other:?}"),
    };
    assert_eq!(auth.members.len(), 11);
    assert_eq!(auth.members[10].name, "unknownFutureValue");
    assert_eq!(locs(&diags, "enum-name-derived").len(), 2, "both names are reported");

    assert_eq!(model.operations.len(), 1);
    let op = &model.operations[0];
    assert_eq!(op.method, Method::Patch);
    assert!(op.paths.is_empty(), "the page gives no usable path");
    assert!(matches!(&op.request_body, Some(RequestBody::Type { ty: TypeRef::Type(q), .. }) if q == "microsoft.graph.credentialUsageSummary"));
    assert!(op.permissions.delegated_work.is_empty() && op.permissions.application.is_empty());
    assert_eq!(op.response.status, 200);
    assert_eq!(op.response.ty, Some(TypeRef::Type("microsoft.graph.credentialUsageSummary".into())), "the response names the type the body defines");
    assert!(locs(&diags, "response-type-unresolved").is_empty());

    let page = "api/credentialusagesummary-update.md";
    assert_eq!(locs(&diags, "path-unresolvable"), [format!("{page}:29")]);
    assert_eq!(locs(&diags, "example-url-unresolvable"), [format!("{page}:65")]);
    assert_eq!(locs(&diags, "permission-todo"), [format!("{page}:19"), format!("{page}:21")]);
    let text = std::fs::read_to_string(shared().join("seeds/000_05a03a8cd151c5b6.txt")).unwrap();
    let mixed_case_line = 1 + text.lines().position(|l| l.contains("credentialUsageSummary.md")).unwrap();
    assert_eq!(locs(&diags, "link-case-mismatch"), [format!("{page}:{mixed_case_line}")]);
    assert!(locs(&diags, "link-unresolved").is_empty(), "resources/ is not part of this tree: its pages are not checked");
}

#[test]
fn seed_crate_compiles() {
    let tree = seed_tree();
    let out = tempfile::tempdir().unwrap();
    let crate_dir = out.path().join("seed-sdk");
    let mut opts = graphgen::Options::new(tree.path());
    opts.out = Some(crate_dir.clone());
    opts.crate_name = "seed-sdk".into();
    graphgen::run(&opts).expect("generates");
    cargo_check(&crate_dir).unwrap_or_else(|e| panic!("the seed's crate does not compile cleanly:\n{e}"));
}
