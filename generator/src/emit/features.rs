//! Cargo features, one per area, with the dependency closure written out: an area's feature
//! enables every area whose types its requests name, so any combination compiles. Models
//! are not dependencies: a struct field of another area's type sits behind that area's
//! feature (its member is kept as unknown without it), and so do `Any*` variants of derived
//! types in other areas (unknown tags fall back to the base).

use super::names::Names;
use crate::model::Model;
use std::collections::{BTreeMap, BTreeSet};

/// Area module → the area modules it needs (itself excluded): those of the types and enums
/// its operations name.
pub fn area_dependencies(model: &Model, names: &Names) -> BTreeMap<String, BTreeSet<String>> {
    let mut deps: BTreeMap<String, BTreeSet<String>> = names.areas.values().map(|m| (m.clone(), BTreeSet::new())).collect();
    for op in &model.operations {
        let from = &names.areas[&op.area];
        for q in op.referenced() {
            if let Some(to) = model.area_of(q).and_then(|a| names.areas.get(a)).filter(|to| *to != from) {
                deps.entry(from.clone()).or_default().insert(to.clone());
            }
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
