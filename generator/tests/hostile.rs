//! The hostile fixture (`fixtures/hostile`): text written to become code, names shaped like
//! keywords and paths, cycles and a 5,000-row table. The crate must compile cleanly, stay in
//! its directory and define only what the docs define; the docs' text must stay in literals.

mod common;

use common::{cargo_check, locs, workspace};
use graphgen::model::Model;
use proc_macro2::{TokenStream, TokenTree};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The data an operation module carries besides its functions (the generator's names).
const OP_STATICS: &[&str] = &["PERMISSIONS", "PATHS"];

/// Words in the fixture's hostile text that no identifier may contain.
const MARKERS: &[&str] = &["pwned", "injected"];

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).min_depth(1) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The fixture, with `big`: plus a resource page with a 5,000-row property table (written
/// here, not checked in).
fn hostile_tree(big: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&workspace().join("generator/tests/fixtures/hostile"), dir.path());
    if !big {
        return dir;
    }
    let mut page = String::from("---\ntitle: \"bigTable resource type\"\ndoc_type: resourcePageType\n---\n\n# bigTable resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n");
    for i in 0..5000 {
        let ty = ["String", "Int32", "Boolean", "DateTimeOffset"][i % 4];
        page.push_str(&format!("|prop{i}|{ty}|Row {i}. */ pub fn pwned{i}() {{}} /*|\n"));
    }
    page.push_str("\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.bigTable\" } -->\n\n```json\n{ \"prop0\": \"String\" }\n```\n");
    std::fs::write(dir.path().join("resources/bigtable.md"), page).unwrap();
    dir
}

/// Generates the tree into `hostile-sdk` in a fresh directory (returned to keep it alive).
fn generate(big: bool) -> (tempfile::TempDir, PathBuf, graphgen::Outcome) {
    let docs = hostile_tree(big);
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("hostile-sdk");
    let mut opts = graphgen::Options::new(docs.path());
    opts.out = Some(out.clone());
    opts.crate_name = "hostile-sdk".into();
    let outcome = graphgen::run(&opts).expect("generates");
    (parent, out, outcome)
}

#[test]
fn hostile_pages_give_diagnostics_and_a_crate_with_only_their_items() {
    let (parent, out, outcome) = generate(true);
    let d = &outcome.diagnostics;
    for code in [
        "inheritance-cycle",
        "property-duplicate",
        "property-name-invalid",
        "name-collision",
        "enum-member-not-identifier",
        "path-absolute-url",
        "path-unresolvable",
        "path-placeholder-repeated",
        "link-unresolved",
    ] {
        assert!(!locs(d, code).is_empty(), "no `{code}` diagnostic");
    }
    let big = outcome.model.type_by_name("microsoft.graph.bigTable").expect("the big table's type");
    assert_eq!(big.properties.len(), 5000);

    // Confined: the parent holds the crate and nothing else (no staging left either).
    let siblings: Vec<String> = std::fs::read_dir(parent.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(siblings, ["hostile-sdk"]);

    let files = generated_rust(&out);
    check_items(&files, &outcome.model);
    check_tokens(&files);
}

/// The crate compiles without warnings. Without the 5,000-row table here: its struct alone
/// takes a minute to check, so it has its own test, which CI runs (`--ignored`).
#[test]
fn hostile_crate_compiles() {
    let (_parent, out, _) = generate(false);
    cargo_check(&out).unwrap_or_else(|e| panic!("the hostile crate does not compile cleanly:\n{e}"));
}

#[test]
#[ignore = "a minute or more; CI runs it"]
fn hostile_crate_with_the_5000_row_table_compiles() {
    let (_parent, out, _) = generate(true);
    cargo_check(&out).unwrap_or_else(|e| panic!("the hostile crate does not compile cleanly:\n{e}"));
}

/// Hand-written files copied into every crate as they are (nothing from the docs).
const COPIED: &[&str] = &["src/runtime/", "tests/conformance/"];

/// Every generated `.rs` file but the copied ones: (path relative to the crate, text).
fn generated_rust(out: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(out).sort_by_file_name() {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(out).unwrap().to_string_lossy().replace('\\', "/");
        if rel.ends_with(".rs") && !COPIED.iter().any(|c| rel.starts_with(c)) {
            files.push((rel, std::fs::read_to_string(entry.path()).unwrap()));
        }
    }
    assert!(files.len() >= 5, "{files:?}");
    files
}

fn macro_name(m: &syn::Macro) -> String {
    m.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default()
}

/// Items by kind: a struct and its `object!` per type, an `open_enum!` per enum, a
/// `polymorphic!` per type with derived types, a module per operation holding its constants,
/// an optional `Body` with its `object!` and one function per path; functions only in tests;
/// nothing else anywhere.
fn check_items(files: &[(String, String)], model: &Model) {
    let (mut structs, mut objects, mut enums, mut polys, mut ops, mut fns) = (0, 0, 0, 0, 0, 0);
    for (path, text) in files {
        let file: syn::File = syn::parse_file(text).unwrap_or_else(|e| panic!("{path}: {e}"));
        for item in &file.items {
            match (path.as_str(), item) {
                ("src/lib.rs", syn::Item::Mod(m)) if m.content.is_none() => {}
                (p, syn::Item::Mod(m)) if p.ends_with("/mod.rs") && m.content.is_none() => {}
                (p, syn::Item::Use(_)) if p.ends_with("/mod.rs") => {}
                (p, syn::Item::Struct(_)) if p.starts_with("src/models/") => structs += 1,
                (p, syn::Item::Macro(m)) if p.starts_with("src/models/") && macro_name(&m.mac) == "object" => objects += 1,
                (p, syn::Item::Macro(m)) if p.starts_with("src/models/") && macro_name(&m.mac) == "open_enum" => enums += 1,
                (p, syn::Item::Macro(m)) if p.starts_with("src/models/") && macro_name(&m.mac) == "polymorphic" => polys += 1,
                (p, syn::Item::Mod(m)) if p.starts_with("src/requests/") => {
                    ops += 1;
                    let (mut bodies, mut body_objects) = (0, 0);
                    for inner in &m.content.as_ref().expect("inline module").1 {
                        match inner {
                            syn::Item::Static(s) => assert!(OP_STATICS.contains(&s.ident.to_string().as_str()), "{path}: static {}", s.ident),
                            syn::Item::Struct(s) => {
                                assert_eq!(s.ident, "Body", "{path}");
                                bodies += 1;
                            }
                            syn::Item::Macro(b) if macro_name(&b.mac) == "object" => body_objects += 1,
                            syn::Item::Fn(_) => fns += 1,
                            other => panic!("{path}: unexpected item in an operation module: {}", quote::quote!(#other)),
                        }
                    }
                    assert_eq!(bodies, body_objects, "{path}: an `object!` per `Body`");
                }
                // The example tests: their functions (tests and helpers, named from operations),
                // the support module and the crate under test.
                ("tests/examples.rs", syn::Item::Fn(_) | syn::Item::ExternCrate(_) | syn::Item::Use(_)) => {}
                ("tests/examples.rs", syn::Item::Mod(m)) if m.content.is_none() => {}
                (_, other) => panic!("{path}: an item the docs did not define: {}", quote::quote!(#other)),
            }
        }
    }
    assert_eq!(structs, model.types.len(), "one struct per type");
    assert_eq!(objects, model.types.len(), "one `object!` per type");
    assert_eq!(enums, model.enums.len(), "one open enum per enum");
    let bases: std::collections::BTreeSet<&str> = model.types.iter().filter_map(|t| t.base.as_deref()).filter(|b| model.type_by_name(b).is_some()).collect();
    assert_eq!(polys, bases.len(), "one wrapper per type with derived types");
    assert_eq!(ops, model.operations.len(), "one module per operation");
    assert_eq!(fns, model.operations.iter().map(|o| o.paths.len()).sum::<usize>(), "one function per path");
}

/// The hostile text reaches the files only as literals (doc attributes, strings).
fn check_tokens(files: &[(String, String)]) {
    let mut literals = String::new();
    for (path, text) in files {
        let tokens = TokenStream::from_str(text).unwrap_or_else(|e| panic!("{path}: {e}"));
        walk(tokens, &mut |tt| match tt {
            TokenTree::Ident(i) => {
                let s = i.to_string().to_ascii_lowercase();
                assert!(!MARKERS.iter().any(|m| s.contains(m)), "{path}: identifier `{i}` comes from docs text");
            }
            TokenTree::Literal(l) => literals.push_str(&l.to_string()),
            _ => {}
        });
    }
    for needle in ["PWNED", "pub fn x() {}", "pub fn pwned_json()", "member_code"] {
        assert!(literals.contains(needle), "the hostile text `{needle}` is missing from the literals: the check proves nothing");
    }
}

fn walk(tokens: TokenStream, f: &mut impl FnMut(&TokenTree)) {
    for tt in tokens {
        f(&tt);
        if let TokenTree::Group(g) = &tt {
            walk(g.stream(), f);
        }
    }
}
