//! Selective generation: keep the operations and types a user asks for, plus every type
//! and enum they reference (base types and property types, transitively), so the result
//! always compiles.
//!
//! A pattern starting with `/` matches operation paths; any other pattern matches operation
//! ids and type or enum names (simple or qualified). `*` matches any run of characters;
//! matching ignores case. Exclusions apply to what was selected; a type still referenced
//! by a kept item is kept (the closure wins, so the crate stays whole).

use super::{Model, RequestBody, TypeRef};
use std::collections::BTreeSet;

pub fn select(mut model: Model, include: &[String], exclude: &[String]) -> Model {
    if include.is_empty() && exclude.is_empty() {
        return model;
    }
    let (inc_paths, inc_names) = split(include);
    let (exc_paths, exc_names) = split(exclude);
    let everything = include.is_empty();

    let mut operations = Vec::new();
    for mut op in std::mem::take(&mut model.operations) {
        let id_in = inc_names.iter().any(|p| glob(p, &op.id));
        let id_out = exc_names.iter().any(|p| glob(p, &op.id));
        op.paths.retain(|p| {
            let wanted = everything || id_in || inc_paths.iter().any(|g| glob(g, &p.text));
            wanted && !exc_paths.iter().any(|g| glob(g, &p.text))
        });
        if !op.paths.is_empty() && !id_out {
            operations.push(op);
        }
    }

    let named = |name: &str, pats: &[&str]| {
        let simple = name.rsplit('.').next().unwrap_or(name);
        pats.iter().any(|p| glob(p, name) || glob(p, simple))
    };
    let mut roots: BTreeSet<String> = BTreeSet::new();
    for t in &model.types {
        if (everything && inc_paths.is_empty() || named(&t.qname, &inc_names)) && !named(&t.qname, &exc_names) {
            roots.insert(t.qname.clone());
        }
    }
    for e in &model.enums {
        if (everything && inc_paths.is_empty() || named(&e.qname, &inc_names)) && !named(&e.qname, &exc_names) {
            roots.insert(e.qname.clone());
        }
    }
    for op in &operations {
        let mut refs = Vec::new();
        refs.extend(op.response.ty.iter());
        match &op.request_body {
            Some(RequestBody::Type { ty, .. }) => refs.push(ty),
            Some(RequestBody::Parameters(ps)) => refs.extend(ps.iter().map(|p| &p.ty)),
            _ => {}
        }
        refs.extend(op.parameters.iter().map(|p| &p.ty));
        for r in refs {
            if let TypeRef::Type(q) | TypeRef::Enum(q) = r {
                roots.insert(q.clone());
            }
        }
    }

    let keep = closure(&model, roots);
    Model {
        types: model.types.into_iter().filter(|t| keep.contains(&t.qname)).collect(),
        enums: model.enums.into_iter().filter(|e| keep.contains(&e.qname)).collect(),
        operations,
        pages: model.pages,
    }
}

/// The names reachable from `roots` through base types and property types.
fn closure(model: &Model, roots: BTreeSet<String>) -> BTreeSet<String> {
    let mut keep = BTreeSet::new();
    let mut stack: Vec<String> = roots.into_iter().collect();
    while let Some(q) = stack.pop() {
        if !keep.insert(q.clone()) {
            continue;
        }
        if let Some(t) = model.type_by_name(&q) {
            stack.extend(t.base.iter().cloned());
            for p in &t.properties {
                if let TypeRef::Type(r) | TypeRef::Enum(r) = &p.ty {
                    stack.push(r.clone());
                }
            }
        }
    }
    keep
}

fn split(patterns: &[String]) -> (Vec<&str>, Vec<&str>) {
    patterns.iter().map(String::as_str).partition(|p| p.starts_with('/'))
}

/// `*` matches any run of characters; everything else matches itself, ignoring ASCII case.
pub fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.to_ascii_lowercase().chars().collect();
    let t: Vec<char> = text.to_ascii_lowercase().chars().collect();
    // Iterative matching with one backtrack point (the last `*`): linear in practice.
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if pi < p.len() && p[pi] == t[ti] {
            pi += 1;
            ti += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::glob;

    #[test]
    fn globs() {
        assert!(glob("/me/*", "/me/events/{id}"));
        assert!(glob("/users/*/events", "/users/{id | userPrincipalName}/events"));
        assert!(!glob("/users/*/events", "/users/{id}/events/{events-id}"));
        assert!(glob("user", "User"));
        assert!(glob("microsoft.graph.*", "microsoft.graph.user"));
        assert!(glob("*", ""));
        assert!(!glob("a", ""));
    }
}
