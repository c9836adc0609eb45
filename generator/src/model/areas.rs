//! Areas (workloads) for items whose page names none: the area most of their users are in.
//! Areas group the output into modules and Cargo features, so an item used only by
//! Outlook types lands in `outlook`, not in a feature of its own.

use super::{Model, TypeRef};
use std::collections::BTreeMap;

/// The area of items that could not be placed at all.
const FALLBACK: &str = "misc";

pub fn settle_areas(model: &mut Model) {
    // Who uses whom: (user's area is read at each round, as areas get settled).
    let mut users: BTreeMap<String, Vec<Ref>> = BTreeMap::new();
    for (i, t) in model.types.iter().enumerate() {
        if let Some(b) = &t.base {
            users.entry(b.clone()).or_default().push(Ref::Type(i));
        }
        for p in &t.properties {
            if let TypeRef::Type(q) | TypeRef::Enum(q) = &p.ty {
                users.entry(q.clone()).or_default().push(Ref::Type(i));
            }
        }
    }
    for (i, o) in model.operations.iter().enumerate() {
        for q in o.referenced() {
            users.entry(q.to_string()).or_default().push(Ref::Op(i));
        }
    }
    // Propagate a few rounds: an unplaced type used only by unplaced types waits for them.
    for _ in 0..4 {
        let area = |r: &Ref, m: &Model| match r {
            Ref::Type(i) => m.types[*i].area.clone(),
            Ref::Op(i) => m.operations[*i].area.clone(),
        };
        let mut updates = Vec::new();
        for (i, t) in model.types.iter().enumerate().filter(|(_, t)| t.area.is_empty()) {
            if let Some(a) = majority(users.get(&t.qname).into_iter().flatten().map(|r| area(r, model))) {
                updates.push((true, i, a));
            }
        }
        for (i, e) in model.enums.iter().enumerate().filter(|(_, e)| e.area.is_empty()) {
            if let Some(a) = majority(users.get(&e.qname).into_iter().flatten().map(|r| area(r, model))) {
                updates.push((false, i, a));
            }
        }
        if updates.is_empty() {
            break;
        }
        for (is_type, i, a) in updates {
            if is_type {
                model.types[i].area = a;
            } else {
                model.enums[i].area = a;
            }
        }
    }
    // Operations follow the type they return or take.
    let type_area: BTreeMap<String, String> = model.types.iter().map(|t| (t.qname.clone(), t.area.clone())).collect();
    for o in model.operations.iter_mut().filter(|o| o.area.is_empty()) {
        o.area = o.referenced().into_iter().find_map(|q| type_area.get(q).filter(|a| !a.is_empty()).cloned()).unwrap_or_default();
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
    split_large_areas(model);
}

/// An area with more operations than this is split by path root.
const LARGE_AREA: usize = 300;
/// A path root with at least this many of a large area's operations becomes an area.
const SUB_AREA: usize = 50;

/// A workload as large as a third of Graph (Intune: `/deviceManagement`,
/// `/deviceAppManagement`, ...) is one feature too many users pay for whole: its operations
/// split by the first segment of their path, and its types and enums follow the operations
/// and types that use them. Roots with few operations stay in the area itself.
fn split_large_areas(model: &mut Model) {
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
        follow_users(model, &area);
    }
}

/// Moves the types and enums of `area` to the sub-area most of their users are in; those
/// mostly used from the area itself stay (users first settled: a type used only by types
/// waits for them).
fn follow_users(model: &mut Model, area: &str) {
    let prefix = format!("{area}-");
    let within = |a: &str| a == area || a.starts_with(&prefix);
    for _ in 0..4 {
        let mut votes: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for o in model.operations.iter().filter(|o| within(&o.area)) {
            for q in o.referenced() {
                votes.entry(q.to_string()).or_default().push(o.area.clone());
            }
        }
        for t in model.types.iter().filter(|t| within(&t.area)) {
            for p in &t.properties {
                if let TypeRef::Type(q) | TypeRef::Enum(q) = &p.ty {
                    votes.entry(q.clone()).or_default().push(t.area.clone());
                }
            }
            if let Some(b) = &t.base {
                votes.entry(b.clone()).or_default().push(t.area.clone());
            }
        }
        let mut moved = false;
        for t in model.types.iter_mut().filter(|t| t.area == area) {
            if let Some(a) = votes.remove(&t.qname).and_then(|v| majority(v.into_iter())).filter(|a| a != area) {
                t.area = a;
                moved = true;
            }
        }
        for e in model.enums.iter_mut().filter(|e| e.area == area) {
            if let Some(a) = votes.remove(&e.qname).and_then(|v| majority(v.into_iter())).filter(|a| a != area) {
                e.area = a;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
}

enum Ref {
    Type(usize),
    Op(usize),
}

/// The most frequent non-empty area (ties: the first by name).
fn majority(areas: impl Iterator<Item = String>) -> Option<String> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for a in areas.filter(|a| !a.is_empty()) {
        *counts.entry(a).or_default() += 1;
    }
    counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map(|(a, _)| a)
}

fn fill(area: &mut String) {
    if area.is_empty() {
        *area = FALLBACK.to_string();
    }
}
