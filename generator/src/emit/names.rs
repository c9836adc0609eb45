//! Rust names for everything the model defines, assigned once, with collisions resolved
//! and reported (through [`crate::naming`]).

use crate::diagnostics::{Code, Diagnostics, Loc};
use crate::model::paths::{self, PathPart, PathTemplate};
use crate::model::{Model, Operation, TypeRef};
use rayon::prelude::*;
use crate::naming::{self, Scope};
use std::collections::{BTreeMap, BTreeSet};
use crate::pages::TrimFast;

pub struct Names {
    /// Whether areas sit behind Cargo features (off when the code is `include!`d by a build
    /// script, whose crate has no such features).
    pub gated: bool,
    /// Qualified type name → struct ident.
    pub types: Lookup<String>,
    /// Qualified enum name → enum ident.
    pub enums: Lookup<String>,
    /// Qualified base type name → its `Any*` polymorphic wrapper ident.
    pub poly: Lookup<String>,
    /// Qualified base type name → every type derived from it, transitively, sorted.
    pub descendants: BTreeMap<String, Vec<String>>,
    /// Area → module ident.
    pub areas: BTreeMap<String, String>,
    /// Operation id → module ident.
    pub ops: Lookup<String>,
    /// Operation id → the names of its path functions, in path order.
    pub path_fns: Lookup<Vec<String>>,
    /// Owner type → its properties whose field must be boxed to break a cycle.
    pub boxed: Lookup<BTreeSet<String>>,
}

/// A name table only looked up, never iterated (so its order cannot reach the output):
/// hashed, since every field and path written looks names up, and a B-tree search compares
/// a string per level (Fx: the keys are the docs' own names).
pub type Lookup<V> = rustc_hash::FxHashMap<String, V>;

/// The namespace whose types get plain names; others are prefixed when they collide.
const DEFAULT_NAMESPACE: &str = "microsoft.graph";

pub fn assign(model: &Model, diags: &mut Diagnostics) -> Names {
    let descendants = descendants(model);
    // Claiming is serial (first come, first served); what does not depend on it runs beside it.
    let (claimed, (boxed, path_fns)) = rayon::join(
        || claim_items(model, &descendants, diags),
        || rayon::join(|| boxed_fields(model, &descendants), || model.operations.par_iter().map(|o| (o.id.clone(), path_fn_names(o))).collect()),
    );
    let Claimed { types, enums, poly, areas, ops } = claimed;
    Names { gated: true, types, enums, poly, descendants, areas, ops, path_fns, boxed }
}

/// The names claimed in the crate's scopes, in the order that settles collisions.
struct Claimed {
    types: Lookup<String>,
    enums: Lookup<String>,
    poly: Lookup<String>,
    areas: BTreeMap<String, String>,
    ops: Lookup<String>,
}

fn claim_items(model: &Model, descendants: &BTreeMap<String, Vec<String>>, diags: &mut Diagnostics) -> Claimed {
    // Room for the reserved names, the types and enums, and the polymorphic wrappers.
    let mut scope = Scope::with_capacity(12 + model.types.len() + model.enums.len() + descendants.len());
    // Items the generated modules define besides types, and the std prelude's types, which
    // generated code names unqualified (`Option<String>`).
    for reserved in ["runtime", "models", "requests", "Option", "Some", "None", "String", "Vec", "Box", "Result", "Ok", "Err"] {
        scope.reserve(reserved);
    }
    let mut types = Lookup::with_capacity_and_hasher(model.types.len(), Default::default());
    let mut enums = Lookup::with_capacity_and_hasher(model.enums.len(), Default::default());
    let default_first = |ns: &str| if ns == DEFAULT_NAMESPACE { 0 } else { 1 };
    let mut items: Vec<(u8, &str, &str, &str, &Loc, bool)> = Vec::new();
    for t in &model.types {
        items.push((default_first(&t.namespace), &t.qname, &t.namespace, &t.name, &t.loc, true));
    }
    for e in &model.enums {
        items.push((default_first(&e.namespace), &e.qname, &e.namespace, &e.name, &e.loc, false));
    }
    items.sort();
    // The wanted names are made in parallel (case conversion is the costly part); only the
    // claims, which depend on each other, run in order.
    let wanted: Vec<String> = items.par_iter().map(|(_, _, _, name, _, _)| naming::type_name(name)).collect();
    for ((rank, qname, ns, name, loc, is_type), mut wanted) in items.into_iter().zip(wanted) {
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

    let mut poly = Lookup::with_capacity_and_hasher(descendants.len(), Default::default());
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

    let mut op_scope = Scope::with_capacity(model.operations.len());
    let mut ops = Lookup::with_capacity_and_hasher(model.operations.len(), Default::default());
    let wanted: Vec<String> = model.operations.par_iter().map(|o| naming::module_name(&o.id)).collect();
    for (o, wanted) in model.operations.iter().zip(wanted) {
        let (got, renamed) = op_scope.claim(wanted);
        if let Some(r) = renamed {
            diags.push(Code::NameCollision, o.loc.clone(), format!("operation `{}` would be module `{}`, which is taken; named `{}`", o.id, r.wanted, r.got));
        }
        ops.insert(o.id.clone(), got);
    }
    Claimed { types, enums, poly, areas, ops }
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

/// Single-valued struct fields inside a cycle of struct containment must be boxed.
fn boxed_fields(model: &Model, descendants: &BTreeMap<String, Vec<String>>) -> Lookup<BTreeSet<String>> {
    let mut edges: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for t in &model.types {
        for p in model.all_properties(&t.qname) {
            if let TypeRef::Type(target) = &p.ty {
                // Polymorphic fields hold boxed variants already.
                if !p.collection && !descendants.contains_key(target) && model.type_by_name(target).is_some() {
                    edges.entry(t.qname.as_str()).or_default().push((target.as_str(), p.name.as_str()));
                }
            }
        }
    }
    let scc = super::scc::components(model.types.iter().map(|t| t.qname.as_str()), &edges);
    let mut out: Lookup<BTreeSet<String>> = Lookup::default();
    for (owner, list) in &edges {
        for (target, prop) in list {
            if scc.get(owner) == scc.get(target) {
                out.entry(owner.to_string()).or_default().insert(prop.to_string());
            }
        }
    }
    out
}

/// The names of an operation's path functions, one per path, in path order.
pub fn path_fn_names(op: &Operation) -> Vec<String> {
    let mut scope = Scope::with_capacity(3 + op.paths.len());
    for reserved in ["PERMISSIONS", "PATHS", "Body"] {
        scope.reserve(reserved);
    }
    // A function listed bare and with arguments: the arguments tell the two apart. Paths that
    // still reduce to one name (`/me/x` listed twice with different placeholders) are
    // numbered: expected, not a docs problem.
    let plain: Vec<String> = op.paths.iter().map(|p| path_fn_name(p, false)).collect();
    op.paths
        .iter()
        .zip(&plain)
        .map(|(p, name)| {
            let shared = plain.iter().filter(|n| *n == name).count() > 1;
            scope.claim(if shared { path_fn_name(p, true) } else { name.clone() }).0
        })
        .collect()
}

/// `/users/{id}/events` → `users_events`: the words of a path as a snake-case name (literal
/// segments, a cast's type name, `root path` for `root:`; with `with_args`, a function's
/// argument names after `with`).
fn path_fn_name(path: &PathTemplate, with_args: bool) -> String {
    // Placeholders as blanks: only the literal text names anything.
    let mut skeleton = String::with_capacity(path.text.len());
    for part in &path.parts {
        skeleton.push_str(if let PathPart::Lit(l) = part { l } else { " " });
    }
    // The words, space-separated, as the naming module takes a phrase.
    let mut phrase = String::with_capacity(skeleton.len() + 8);
    let mut add = |word: &str| {
        if !phrase.is_empty() {
            phrase.push(' ');
        }
        phrase.push_str(word);
    };
    for seg in crate::pages::split_at_byte(&skeleton, b'/') {
        let (head, args) = crate::pages::split_once_at_byte(seg, b'(').unwrap_or((seg, ""));
        let head = crate::pages::after_last_byte(head, b'.');
        let word = head.trim_matches(|c: char| !c.is_ascii_alphanumeric());
        if !word.is_empty() {
            add(word);
        }
        // `root:` opens a path below a drive root: `root path`, apart from `root`.
        if head == "root:" {
            add("path");
        }
        if with_args {
            let mut arg_names = args.split(',').filter_map(|a| a.split_once('=')).map(|(k, _)| k.trim_fast()).filter(|k| paths::is_identifier(k)).peekable();
            if arg_names.peek().is_some() {
                add("with");
                arg_names.for_each(&mut add);
            }
        }
    }
    if phrase.is_empty() {
        return "root".into();
    }
    naming::snake_name(&phrase)
}

#[cfg(test)]
mod tests {
    use super::path_fn_name;
    use crate::model::paths::parse_line;

    fn name(line: &str, with_args: bool) -> String {
        path_fn_name(&parse_line(line, None).unwrap().path, with_args)
    }

    #[test]
    fn drive_item_forms_have_distinct_names() {
        assert_eq!(name("GET /me/drive/items/{id}/children", false), "me_drive_items_children");
        assert_eq!(name("GET /me/drive/root/children", false), "me_drive_root_children");
        assert_eq!(name("GET /me/drive/root:/{item-path}:/children", false), "me_drive_root_path_children");
        assert_eq!(name("GET /sites/root", false), "sites_root");
        assert_eq!(name("GET /", false), "root");
    }

    #[test]
    fn function_arguments_name_only_when_asked() {
        let line = "GET /reports/getPrintJobs(groupId='{id}',startDateTime={s})";
        assert_eq!(name(line, false), "reports_get_print_jobs");
        assert_eq!(name(line, true), "reports_get_print_jobs_with_group_id_start_date_time");
        assert_eq!(name("GET /widgets/{id}/microsoft.graph.smartWidget", true), "widgets_smart_widget");
        assert_eq!(name("GET /worksheets({id})/range", true), "worksheets_range");
        assert_eq!(name("GET /thumbnails/{id}/c{w}x{h}", false), "thumbnails_c_x");
    }
}
