//! Areas (workloads) for items whose page names none: the area most of their users are in.
//! Areas group the output into modules and Cargo features, so an item used only by
//! Outlook types lands in `outlook`, not in a feature of its own.

use super::{Model, TypeRef};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// The area of items that could not be placed at all.
const FALLBACK: &str = "misc";

pub fn settle_areas(model: &mut Model) {
    let uses = Uses::of(model);
    // Items whose page names no area take the area most of their users are in.
    follow_users(model, &uses, str::is_empty, |_| true);
    // Operations follow the type they return or take.
    let type_area: FxHashMap<&str, &str> = model.types.iter().map(|t| (t.qname.as_str(), t.area.as_str())).collect();
    for o in model.operations.iter_mut().filter(|o| o.area.is_empty()) {
        let area = o.referenced().find_map(|q| type_area.get(q).filter(|a| !a.is_empty()));
        o.area = area.map(|a| a.to_string()).unwrap_or_default();
    }
    for t in &mut model.types {
        fill(&mut t.area);
    }
    for e in &mut model.enums {
        fill(&mut e.area);
    }
    for o in &mut model.operations {
        fill(&mut o.area);
    }
    split_large_areas(model, &uses);
}

/// An area with more operations than this is split by path root.
const LARGE_AREA: usize = 300;
/// A path root with at least this many of a large area's operations becomes an area.
const SUB_AREA: usize = 50;

/// A workload as large as a third of Graph (Intune: `/deviceManagement`,
/// `/deviceAppManagement`, ...) is one feature too many users pay for whole: its operations
/// split by the first segment of their path, and its types and enums follow the operations
/// and types that use them. Roots with few operations stay in the area itself.
fn split_large_areas(model: &mut Model, uses: &Uses) {
    let mut ops_per_area: BTreeMap<&str, usize> = BTreeMap::new();
    for o in &model.operations {
        *ops_per_area.entry(o.area.as_str()).or_default() += 1;
    }
    let large: Vec<String> = ops_per_area.into_iter().filter(|(_, n)| *n > LARGE_AREA).map(|(a, _)| a.to_string()).collect();
    for area in large {
        let root_of = |o: &super::Operation| o.paths.first().and_then(|p| p.text.split('/').nth(1)).map(|r| r.split('(').next().unwrap_or(r).to_string());
        let mut per_root: BTreeMap<String, usize> = BTreeMap::new();
        for o in model.operations.iter().filter(|o| o.area == area) {
            if let Some(r) = root_of(o) {
                *per_root.entry(r).or_default() += 1;
            }
        }
        for o in model.operations.iter_mut().filter(|o| o.area == area) {
            if let Some(r) = root_of(o).filter(|r| per_root.get(r).is_some_and(|n| *n >= SUB_AREA) && super::paths::is_identifier(r)) {
                o.area = format!("{area}-{r}");
            }
        }
        // Types and enums follow the sub-areas that use them; those mostly used from the
        // area itself stay.
        let prefix = format!("{area}-");
        follow_users(model, uses, |a| a == area, |a| a == area || a.starts_with(&prefix));
    }
}

/// Moves the types and enums whose area is `movable` to the area most of their users are
/// in, counting the users whose area is `counted`. Rounds until nothing moves (a few at
/// most): a type used only by types that move waits for them.
fn follow_users(model: &mut Model, uses: &Uses, movable: impl Fn(&str) -> bool, counted: impl Fn(&str) -> bool) {
    for _ in 0..4 {
        // Votes borrow the model; the moves they decide are applied after.
        let (types, enums) = {
            let votes = uses.votes(model, &counted);
            let vote = |name: Option<usize>, area: &str| name.and_then(|n| majority(&votes[n])).filter(|a| *a != area).map(str::to_string);
            let types: Vec<(usize, String)> = model.types.iter().enumerate().filter(|(_, t)| movable(&t.area)).filter_map(|(i, t)| Some((i, vote(uses.type_name[i], &t.area)?))).collect();
            let enums: Vec<(usize, String)> = model.enums.iter().enumerate().filter(|(_, e)| movable(&e.area)).filter_map(|(i, e)| Some((i, vote(uses.enum_name[i], &e.area)?))).collect();
            (types, enums)
        };
        if types.is_empty() && enums.is_empty() {
            break;
        }
        for (i, area) in types {
            model.types[i].area = area;
        }
        for (i, area) in enums {
            model.enums[i].area = area;
        }
    }
}

/// A type or an operation, by its place in the model.
enum User {
    Type(usize),
    Op(usize),
}

/// Which type (as base or through a property) or operation uses which name, found once:
/// areas change from round to round, uses do not. Names are numbered; a type and an enum of
/// one name share its votes.
struct Uses {
    /// (user, used name).
    uses: Vec<(User, usize)>,
    names: usize,
    /// The number of each type's and enum's name, if anything uses it.
    type_name: Vec<Option<usize>>,
    enum_name: Vec<Option<usize>>,
}

impl Uses {
    fn of<'m>(model: &'m Model) -> Self {
        // Only looked up, never iterated: hashed, with no effect on output order.
        let mut numbers: FxHashMap<&str, usize> = FxHashMap::default();
        let mut number = |q: &'m str| {
            let next = numbers.len();
            *numbers.entry(q).or_insert(next)
        };
        let mut uses = Vec::new();
        for (i, t) in model.types.iter().enumerate() {
            let used = t.base.iter().chain(t.properties.iter().filter_map(|p| match &p.ty {
                TypeRef::Type(q) | TypeRef::Enum(q) => Some(q),
                TypeRef::Prim(_) => None,
            }));
            for q in used {
                uses.push((User::Type(i), number(q)));
            }
        }
        for (i, o) in model.operations.iter().enumerate() {
            for q in o.referenced() {
                uses.push((User::Op(i), number(q)));
            }
        }
        let type_name = model.types.iter().map(|t| numbers.get(t.qname.as_str()).copied()).collect();
        let enum_name = model.enums.iter().map(|e| numbers.get(e.qname.as_str()).copied()).collect();
        Uses { uses, names: numbers.len(), type_name, enum_name }
    }

    /// Each name's users' areas, those whose area is `counted`.
    fn votes<'m>(&self, model: &'m Model, counted: impl Fn(&str) -> bool) -> Vec<Vec<&'m str>> {
        let mut votes = vec![Vec::new(); self.names];
        for (user, name) in &self.uses {
            let area = match user {
                User::Type(i) => model.types[*i].area.as_str(),
                User::Op(i) => model.operations[*i].area.as_str(),
            };
            if counted(area) {
                votes[*name].push(area);
            }
        }
        votes
    }
}

/// The most frequent non-empty area (ties: the first by name).
fn majority<'a>(areas: &[&'a str]) -> Option<&'a str> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for a in areas.iter().filter(|a| !a.is_empty()) {
        *counts.entry(a).or_default() += 1;
    }
    counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0))).map(|(a, _)| a)
}

fn fill(area: &mut String) {
    if area.is_empty() {
        *area = FALLBACK.to_string();
    }
}
