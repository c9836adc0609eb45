//! Cargo features, one per area, with the dependency closure written out: an area's feature
//! enables every area whose types its requests name, so any combination compiles. Models
//! are not dependencies: a struct field of another area's type sits behind that area's
//! feature (its member is kept as unknown without it), and so do `Any*` variants of derived
//! types in other areas (unknown tags fall back to the base).

use super::names::Names;
use crate::model::{Model, RequestBody, TypeRef};
use std::collections::{BTreeMap, BTreeSet};

/// Area module → the area modules it needs (itself excluded).
pub fn area_dependencies(model: &Model, names: &Names) -> BTreeMap<String, BTreeSet<String>> {
    let mut area_of: BTreeMap<&str, &str> = BTreeMap::new();
    for t in &model.types {
        area_of.insert(&t.qname, &names.areas[&t.area]);
    }
    for e in &model.enums {
        area_of.insert(&e.qname, &names.areas[&e.area]);
    }
    let mut deps: BTreeMap<String, BTreeSet<String>> = names.areas.values().map(|m| (m.clone(), BTreeSet::new())).collect();
    let mut need = |from: &str, ty: &TypeRef| {
        if let TypeRef::Type(q) | TypeRef::Enum(q) = ty {
            if let (Some(to), Some(set)) = (area_of.get(q.as_str()), deps.get_mut(from)) {
                if *to != from {
                    set.insert(to.to_string());
                }
            }
        }
    };
    for op in &model.operations {
        let area = &names.areas[&op.area];
        if let Some(ty) = &op.response.ty {
            need(area, ty);
        }
        match &op.request_body {
            Some(RequestBody::Type { ty, .. }) => need(area, ty),
            Some(RequestBody::Parameters(ps)) => ps.iter().for_each(|p| need(area, &p.ty)),
            _ => {}
        }
        for p in &op.parameters {
            need(area, &p.ty);
        }
    }
    deps
}

/// The `[features]` table: `default`, `client`, `full` and one line per area.
pub fn table(deps: &BTreeMap<String, BTreeSet<String>>, areas_with_code: &BTreeSet<String>) -> String {
    let quoted = |s: &BTreeSet<String>| s.iter().filter(|a| areas_with_code.contains(*a)).map(|a| format!("\"{a}\"")).collect::<Vec<_>>().join(", ");
    let mut out = String::from("[features]\n# Nothing by default: enable the areas you call, or `full` for all of them.\ndefault = []\n");
    out.push_str("# The async HTTP client (reqwest with rustls); without it the crate is sans-IO.\n");
    out.push_str("client = [\"dep:reqwest\", \"dep:tokio\", \"dep:futures-util\"]\n");
    out.push_str(&format!("full = [{}]\n", quoted(areas_with_code)));
    for (area, needs) in deps {
        if areas_with_code.contains(area) {
            out.push_str(&format!("{area} = [{}]\n", quoted(needs)));
        }
    }
    out
}
