//! Selective generation: keep the operations and types a user asks for, plus every type
//! and enum they reference (base types and property types, transitively), so the result
//! always compiles.
//!
//! A pattern starting with `/` matches operation paths; any other pattern matches operation
//! ids and type or enum names (simple or qualified). `*` matches any run of characters, `?`
//! any one; matching ignores case. Exclusions apply to what was selected; a type still referenced
//! by a kept item is kept (the closure wins, so the crate stays whole).

use super::{Model, TypeRef};
use std::collections::BTreeSet;
use wildmatch::WildMatch;

pub fn select(mut model: Model, include: &[String], exclude: &[String]) -> Model {
    if include.is_empty() && exclude.is_empty() {
        return model;
    }
    let (inc_paths, inc_names) = split(include);
    let (exc_paths, exc_names) = split(exclude);
    let everything = include.is_empty();

    let mut operations = Vec::new();
    for mut op in std::mem::take(&mut model.operations) {
        let id_in = inc_names.iter().any(|p| p.matches(&op.id));
        let id_out = exc_names.iter().any(|p| p.matches(&op.id));
        op.paths.retain(|p| {
            let wanted = everything || id_in || inc_paths.iter().any(|g| g.matches(&p.text));
            wanted && !exc_paths.iter().any(|g| g.matches(&p.text))
        });
        if !op.paths.is_empty() && !id_out {
            operations.push(op);
        }
    }

    let named = |name: &str, pats: &[WildMatch]| {
        let simple = name.rsplit('.').next().unwrap_or(name);
        pats.iter().any(|p| p.matches(name) || p.matches(simple))
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
        roots.extend(op.referenced().map(str::to_string));
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

/// Path patterns and name patterns, compiled: `*` matches any run of characters, `?` any
/// one, case ignored.
fn split(patterns: &[String]) -> (Vec<WildMatch>, Vec<WildMatch>) {
    let (paths, names): (Vec<&String>, Vec<&String>) = patterns.iter().partition(|p| p.starts_with('/'));
    let compile = |ps: Vec<&String>| ps.into_iter().map(|p| WildMatch::new_case_insensitive(p)).collect();
    (compile(paths), compile(names))
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn patterns_split_into_paths_and_names_and_ignore_case() {
        let (paths, names) = split(&["/me/*".to_string(), "/users/*/events".to_string(), "microsoft.graph.*".to_string(), "USER".to_string()]);
        assert!(paths[0].matches("/me/events/{id}"));
        assert!(paths[1].matches("/users/{id | userPrincipalName}/events"));
        assert!(!paths[1].matches("/users/{id}/events/{events-id}"));
        assert!(names[0].matches("microsoft.graph.user"));
        assert!(names[1].matches("user"));
        assert!(!names[1].matches("users"));
    }
}
