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
