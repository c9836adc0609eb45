//! Rust names for everything the model defines, assigned once, with collisions resolved
//! and reported (through [`crate::naming`]).

use crate::diagnostics::{Code, Diagnostics, Loc};
use crate::model::{Model, TypeRef};
use crate::naming::{self, Scope};
use std::collections::{BTreeMap, BTreeSet};

pub struct Names {
    /// Whether areas sit behind Cargo features (off when the code is `include!`d by a build
    /// script, whose crate has no such features).
    pub gated: bool,
    /// Qualified type name → struct ident.
    pub types: BTreeMap<String, String>,
    /// Qualified enum name → enum ident.
    pub enums: BTreeMap<String, String>,
    /// Qualified base type name → its `Any*` polymorphic wrapper ident.
    pub poly: BTreeMap<String, String>,
    /// Qualified base type name → every type derived from it, transitively, sorted.
    pub descendants: BTreeMap<String, Vec<String>>,
    /// Area → module ident.
    pub areas: BTreeMap<String, String>,
    /// Operation id → module ident.
    pub ops: BTreeMap<String, String>,
    /// (owner type, property) pairs whose field must be boxed to break a cycle.
    pub boxed: BTreeSet<(String, String)>,
}

/// The namespace whose types get plain names; others are prefixed when they collide.
const DEFAULT_NAMESPACE: &str = "microsoft.graph";

pub fn assign(model: &Model, diags: &mut Diagnostics) -> Names {
    let mut scope = Scope::new();
    // Items the generated modules define besides types, and the std prelude's types, which
    // generated code names unqualified (`Option<String>`).
    for reserved in ["runtime", "models", "requests", "Option", "Some", "None", "String", "Vec", "Box", "Result", "Ok", "Err"] {
        scope.reserve(reserved);
    }
    let mut types = BTreeMap::new();
    let mut enums = BTreeMap::new();
    let default_first = |ns: &str| if ns == DEFAULT_NAMESPACE { 0 } else { 1 };
    let mut items: Vec<(u8, &str, &str, &str, &Loc, bool)> = Vec::new();
    for t in &model.types {
        items.push((default_first(&t.namespace), &t.qname, &t.namespace, &t.name, &t.loc, true));
    }
    for e in &model.enums {
        items.push((default_first(&e.namespace), &e.qname, &e.namespace, &e.name, &e.loc, false));
    }
    items.sort();
    for (rank, qname, ns, name, loc, is_type) in items {
        let mut wanted = naming::type_name(name);
        if rank > 0 && scope.is_taken(&wanted) {
            let last_ns = ns.rsplit('.').next().unwrap_or(ns);
            wanted = naming::type_name(&format!("{last_ns} {name}"));
        }
        let (got, renamed) = scope.claim(wanted);
        if let Some(r) = renamed {
            diags.push(Code::NameCollision, loc.clone(), format!("`{qname}` would be `{}`, which is taken; named `{}`", r.wanted, r.got));
        }
        if is_type {
            types.insert(qname.to_string(), got);
        } else {
            enums.insert(qname.to_string(), got);
        }
    }

    let descendants = descendants(model);
    let mut poly = BTreeMap::new();
    for base in descendants.keys() {
        if let Some(t) = model.type_by_name(base) {
            let (got, renamed) = scope.claim(format!("Any{}", types[base]));
            if let Some(r) = renamed {
                diags.push(Code::NameCollision, t.loc.clone(), format!("`{}` is taken; the polymorphic wrapper of `{base}` is `{}`", r.wanted, r.got));
            }
            poly.insert(base.clone(), got);
        }
    }

    let mut area_scope = Scope::new();
    // Area modules double as Cargo feature names.
    for reserved in ["client", "full", "default", "runtime", "models", "requests"] {
        area_scope.reserve(reserved);
    }
    let mut areas = BTreeMap::new();
    let all_areas: BTreeSet<&str> = model.types.iter().map(|t| t.area.as_str()).chain(model.enums.iter().map(|e| e.area.as_str())).chain(model.operations.iter().map(|o| o.area.as_str())).collect();
    for a in all_areas {
        areas.insert(a.to_string(), area_scope.claim(naming::module_name(if a.is_empty() { "misc" } else { a })).0);
    }

    let mut op_scope = Scope::new();
    let mut ops = BTreeMap::new();
    for o in &model.operations {
        let (got, renamed) = op_scope.claim(naming::module_name(&o.id));
        if let Some(r) = renamed {
            diags.push(Code::NameCollision, o.loc.clone(), format!("operation `{}` would be module `{}`, which is taken; named `{}`", o.id, r.wanted, r.got));
        }
        ops.insert(o.id.clone(), got);
    }

    let boxed = boxed_fields(model, &descendants);
    Names { gated: true, types, enums, poly, descendants, areas, ops, boxed }
}

/// Every base type with the types derived from it, transitively.
fn descendants(model: &Model) -> BTreeMap<String, Vec<String>> {
    let mut children: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for t in &model.types {
        if let Some(b) = &t.base {
            children.entry(b.as_str()).or_default().push(&t.qname);
        }
    }
    let mut out = BTreeMap::new();
    for base in children.keys() {
        let mut all = BTreeSet::new();
        let mut stack = vec![*base];
        while let Some(cur) = stack.pop() {
            for c in children.get(cur).into_iter().flatten() {
                if all.insert(c.to_string()) {
                    stack.push(c);
                }
            }
        }
        all.remove(*base);
        if !all.is_empty() {
            out.insert(base.to_string(), all.into_iter().collect());
        }
    }
    out
}

/// The properties of a type including its bases', base first, each name once.
pub fn all_properties<'m>(model: &'m Model, qname: &str) -> Vec<&'m crate::model::Property> {
    let mut chain = Vec::new();
    let mut seen = BTreeSet::new();
    let mut cur = model.type_by_name(qname);
    while let Some(t) = cur {
        if !seen.insert(t.qname.as_str()) {
            break;
        }
        chain.push(t);
        cur = t.base.as_deref().and_then(|b| model.type_by_name(b));
    }
    let mut out: Vec<&crate::model::Property> = Vec::new();
    for t in chain.iter().rev() {
        for p in &t.properties {
            match out.iter().position(|q| q.name == p.name) {
                Some(i) => out[i] = p,
                None => out.push(p),
            }
        }
    }
    out
}

/// Single-valued struct fields inside a cycle of struct containment must be boxed.
fn boxed_fields(model: &Model, descendants: &BTreeMap<String, Vec<String>>) -> BTreeSet<(String, String)> {
    let mut edges: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for t in &model.types {
        for p in all_properties(model, &t.qname) {
            if let TypeRef::Type(target) = &p.ty {
                // Polymorphic fields hold boxed variants already.
                if !p.collection && !descendants.contains_key(target) && model.type_by_name(target).is_some() {
                    edges.entry(t.qname.as_str()).or_default().push((target.as_str(), p.name.as_str()));
                }
            }
        }
    }
    let scc = super::scc::components(model.types.iter().map(|t| t.qname.as_str()), &edges);
    let mut out = BTreeSet::new();
    for (owner, list) in &edges {
        for (target, prop) in list {
            if scc.get(owner) == scc.get(target) {
                out.insert((owner.to_string(), prop.to_string()));
            }
        }
    }
    out
}
