//! A workload too large for one Cargo feature is split by path root, and its types follow
//! the operations that use them.

mod common;

use common::model_of_pages;

fn api_page(prod: &str, path: &str, returns: &str) -> String {
    format!(
        "---\ntitle: t\nms.prod: {prod}\ndoc_type: apiPageType\n---\n\n# Get it\n\nNamespace: microsoft.graph\n\nGet it.\n\n\
## HTTP request\n\n```http\nGET {path}\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a [{returns}](../resources/{returns}.md) object in the response body.\n"
    )
}

fn resource_page(prod: &str, name: &str, props: &str) -> String {
    format!("---\ntitle: t\nms.prod: {prod}\ndoc_type: resourcePageType\n---\n\n# {name} resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|id|String|Key.|\n{props}")
}

#[test]
fn a_large_area_splits_by_path_root_and_types_follow_their_users() {
    let mut pages: Vec<(String, String)> = Vec::new();
    for i in 0..60 {
        pages.push((format!("api/alpha-get{i}.md"), api_page("big", &format!("/alpha/things{i}"), "gizmo")));
    }
    for i in 0..250 {
        pages.push((format!("api/bravo-get{i}.md"), api_page("big", &format!("/bravo/items{i}"), "sprocket")));
    }
    for i in 0..5 {
        pages.push((format!("api/gamma-get{i}.md"), api_page("big", &format!("/gamma/x{i}"), "shared")));
    }
    pages.push(("api/small-get.md".into(), api_page("small", "/small", "shared")));
    pages.push(("resources/gizmo.md".into(), resource_page("big", "gizmo", "|part|[part](part.md)|A part.|\n")));
    pages.push(("resources/part.md".into(), resource_page("big", "part", "")));
    pages.push(("resources/sprocket.md".into(), resource_page("big", "sprocket", "")));
    pages.push(("resources/shared.md".into(), resource_page("big", "shared", "")));
    let refs: Vec<(&str, &str)> = pages.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let (model, _) = model_of_pages(&refs);

    let op_area = |path: &str| model.operations.iter().find(|o| o.paths.iter().any(|p| p.text == path)).map(|o| o.area.as_str()).unwrap_or("none");
    assert_eq!(op_area("/alpha/things0"), "big-alpha");
    assert_eq!(op_area("/bravo/items7"), "big-bravo");
    assert_eq!(op_area("/gamma/x1"), "big", "a root with few operations stays in the area");
    assert_eq!(op_area("/small"), "small");
    let type_area = |q: &str| model.type_by_name(&format!("microsoft.graph.{q}")).map(|t| t.area.as_str()).unwrap_or("none");
    assert_eq!(type_area("gizmo"), "big-alpha");
    assert_eq!(type_area("part"), "big-alpha", "used only by a type that moved");
    assert_eq!(type_area("sprocket"), "big-bravo");
    assert_eq!(type_area("shared"), "big", "used from the area itself (and from another area)");
}

#[test]
fn a_type_lives_on_the_page_named_after_it() {
    // Read first (sorted), but only a page that mentions the type in passing.
    let passing = resource_page("intune", "user", "|deviceCount|Int32|Devices.|\n");
    let home = resource_page("users", "user", "|displayName|String|Name.|\n");
    let (model, diags) = model_of_pages(&[("resources/intune-devices-user.md", &passing), ("resources/user.md", &home)]);
    let user = model.type_by_name("microsoft.graph.user").expect("user");
    assert_eq!(user.area, "users");
    assert!(user.loc.to_string().starts_with("resources/user.md"), "{}", user.loc);
    let names: Vec<&str> = user.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["id", "displayName", "deviceCount"], "the home page leads, the other fills gaps");
    assert_eq!(common::locs(&diags, "type-duplicate").len(), 1);
}
