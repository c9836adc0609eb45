//! The lowering pass: pages → [`Model`]. Order matters: enums and type names are indexed
//! first so that every type cell can be resolved against the whole tree.

use super::api_page::{self, RawOperation};
use super::base_types::{self, TypeBuild};
use super::enum_tables;
use super::index::{untyped, Index, Resolution};
use super::example_urls::ExampleUrl;
use super::link_check::{LinkCheck, Seen};
use super::links::Links;
use super::property_table::RawProperty;
use super::resource_page;
use super::{prose_enums, EnumDef, EnumMember, Kind, Model, Property, RequestBody, TypeDef, TypeRef};
use crate::diagnostics::{par_map, par_map_by_maker, Code, Diagnostics, Loc};
use crate::pages::{DocsTree, Page, TrimFast};
use heck::ToUpperCamelCase;
use std::borrow::Borrow;
use std::collections::BTreeMap;

/// The namespace of pages that state none.
const DEFAULT_NAMESPACE: &str = "microsoft.graph";

/// What a page gives on its own, before any name is resolved against the tree: found while
/// the page is read (see [`crate::pages::read_tree_with`]), when it is still in the cache.
pub struct PageFacts {
    namespace: String,
    area: String,
    api: bool,
    enums: Vec<enum_tables::Found>,
    decl: Option<resource_page::Decl>,
    /// The pool thread that read the page (and allocated its memory): an API page is
    /// lowered and freed on it where it can (see [`par_map_by_maker`]).
    maker: usize,
}

/// The facts of one page, for [`lower_and_free`].
pub fn page_facts(page: &Page, diags: &mut Diagnostics) -> PageFacts {
    let namespace = resource_page::page_namespace(page).unwrap_or_else(|| DEFAULT_NAMESPACE.to_string());
    let area = area_of(page);
    let enums = enum_tables::find(page, &namespace, &area, diags);
    let api = api_page::is_api_page(page);
    let resource = resource_page::is_resource_page(page);
    check_kind(page, api, resource, diags);
    let decl = if resource && !api { resource_page::declare(page, &namespace, diags) } else { None };
    PageFacts { namespace, area, api, enums, decl, maker: rayon::current_thread_index().unwrap_or(0) }
}

/// Lowers a docs tree into the model. The work of each page runs in parallel; what joins
/// pages (the name index, enums, types, merges) is done in page order, so the model does not
/// depend on the thread count.
pub fn lower(tree: &DocsTree, diags: &mut Diagnostics) -> Model {
    let facts = par_map(&tree.pages, diags, page_facts);
    lower_pages(tree.pages.iter().collect(), facts, diags)
}

/// [`lower`] with each page's [`page_facts`] found as it was read, in page order, freeing
/// each page as soon as nothing reads it any more: an API page once its operations are
/// lowered and its links checked, the others while the model settles (which needs no page).
/// Peak memory is then the pages plus a little, not the pages plus the model.
pub fn lower_and_free(tree: DocsTree, facts: Vec<PageFacts>, diags: &mut Diagnostics) -> Model {
    lower_pages(tree.pages, facts, diags)
}

/// Lowering, with pages owned (freed as they are done with) or borrowed (kept): `P` is
/// `Page` or `&Page`.
fn lower_pages<P: Borrow<Page> + Send + Sync>(pages: Vec<P>, facts: Vec<PageFacts>, diags: &mut Diagnostics) -> Model {
    let count = pages.len();
    let mut index = Index::default();
    let mut enums = Enums::default();

    // The link index and the name index are built (each serially) side by side; the names
    // come with what lowering needs of each page's facts, so that the pages can be split up.
    let mut roles: Vec<Role> = Vec::with_capacity(count);
    let paths = || pages.iter().map(|p| p.borrow().path.as_str());
    let (links, ()) = rayon::join(
        || Links::new(paths()),
        || {
            for (path, f) in paths().zip(facts) {
                for found in f.enums {
                    index.add_enum(path, &found.def.qname, &found.anchor);
                    enums.add_table(found.def, diags);
                }
                // Only a page that is no API page declares a type (see `page_facts`).
                roles.push(if f.api {
                    Role::Api { namespace: f.namespace, area: f.area, maker: f.maker }
                } else {
                    Role::Other(f.decl.map(|decl| {
                        index.add_type(path, &decl.qname);
                        (f.area, decl)
                    }))
                });
            }
        },
    );
    let link_check = LinkCheck::new(&links, paths());

    // API pages go to be lowered (and, when owned, freed one by one); the others, which
    // declare the types, stay until the model has settled.
    // Sized once: a page is large, and each doubling would move them all.
    let mut api_pages = Vec::with_capacity(count);
    let mut others = Vec::with_capacity(count);
    let mut declared: Vec<(usize, String, resource_page::Decl)> = Vec::new();
    for (page, role) in pages.into_iter().zip(roles) {
        match role {
            Role::Api { namespace, area, maker } => api_pages.push((maker, (page, namespace, area))),
            Role::Other(decl) => {
                if let Some((area, decl)) = decl {
                    declared.push((others.len(), area, decl));
                }
                others.push(page);
            }
        }
    }
    let decls: Vec<(&Page, String, resource_page::Decl)> = declared.into_iter().map(|(at, area, decl)| (others[at].borrow(), area, decl)).collect();

    // Operations need only the index: they are lowered while the types are joined, which is
    // serial, so that the second core has work meanwhile.
    let (mut type_diags, mut op_diags) = (Diagnostics::new(), Diagnostics::new());
    let (types, lowered) = rayon::join(
        || build_types(&decls, &index, &links, &mut enums, &mut type_diags),
        || lower_api_pages(api_pages, &index, &links, &link_check, &mut op_diags),
    );
    drop(decls);
    diags.extend(type_diags);
    diags.extend(op_diags);
    let (raw_ops, example_urls): (Vec<_>, Vec<_>) = lowered.into_iter().unzip();

    // Settling is serial and needs no page: the second core checks the other pages' links,
    // frees them, and checks the examples' URLs meanwhile.
    let settling = Settling { raw_ops, types, enums, index, pages: count };
    let mut side_diags = Diagnostics::new();
    let ((), model) = rayon::join(
        || {
            link_check.pages(&others, &mut side_diags);
            drop(others);
            for url in example_urls.into_iter().flatten() {
                url.check(&mut side_diags);
            }
        },
        || settling.finish(&links, diags),
    );
    diags.extend(side_diags);
    model
}

/// Each API page's operations and the URLs of their request examples (checked while the
/// model settles, when a core is free), the page's links checked; an owned page is freed as
/// soon as it is done with, so that what lowering builds reuses its memory.
fn lower_api_pages<P: Borrow<Page> + Send>(pages: Vec<(usize, (P, String, String))>, index: &Index, links: &Links, link_check: &LinkCheck, diags: &mut Diagnostics) -> Vec<(Vec<RawOperation>, Vec<ExampleUrl>)> {
    par_map_by_maker(pages, diags, Seen::default, |seen, (page, namespace, area), d| {
        let ops = api_page::lower(page.borrow(), &namespace, &area, index, links, d);
        let urls = ops.iter().flat_map(|raw| ExampleUrl::all(&raw.op)).collect();
        link_check.page(seen, page.borrow(), d);
        (ops, urls)
    })
}

/// What lowering does with a page: lower its operations, or keep it (with the type it
/// declares, if any) until the model has settled.
enum Role {
    Api { namespace: String, area: String, maker: usize },
    Other(Option<(String, resource_page::Decl)>),
}

/// Lowering once every page has been read: what is left needs no page.
struct Settling {
    raw_ops: Vec<Vec<RawOperation>>,
    types: BTreeMap<String, TypeBuild>,
    enums: Enums,
    index: Index,
    pages: usize,
}

impl Settling {
    /// Joins the operations to the types (request bodies, Methods tables), settles base
    /// types, orders the model and settles areas.
    fn finish(self, links: &Links, diags: &mut Diagnostics) -> Model {
        let Settling { raw_ops, mut types, mut enums, index, pages } = self;
        // Sized once: an operation is large, and each doubling would copy all of them.
        let mut operations = Vec::with_capacity(raw_ops.iter().map(Vec::len).sum());
        for raw in raw_ops.into_iter().flatten() {
            operations.push(settle_body(raw, &mut types, &mut enums, diags));
        }
        super::methods_table::settle(&mut types, &operations, diags);

        base_types::settle(&mut types, &addressed_by_key(&operations), &index, links, diags);
        // Keyed by lowercased name, no two share a name: an unstable sort orders them alike.
        let mut types: Vec<TypeDef> = types.into_values().map(|b| b.def).collect();
        types.sort_unstable_by(|a, b| a.qname.cmp(&b.qname));
        let mut enums: Vec<EnumDef> = enums.by_name.into_values().collect();
        enums.sort_unstable_by(|a, b| a.qname.cmp(&b.qname));
        let mut model = Model { types, enums, operations: Vec::new(), pages };
        // Paths that read one property of the response answer with that property's type.
        operations = super::property_paths::split(operations, &model);
        operations.sort_by(|a, b| a.id.cmp(&b.id));
        dedupe_ids(operations.iter_mut().map(|o| &mut o.id));
        model.operations = operations;
        super::areas::settle_areas(&mut model);
        model
    }
}

/// Each resource page's type, its property rows settled (creating the enums their prose
/// states); a type defined on several pages is merged into one.
fn build_types(decls: &[(&Page, String, resource_page::Decl)], index: &Index, links: &Links, enums: &mut Enums, diags: &mut Diagnostics) -> BTreeMap<String, TypeBuild> {
    let read = par_map(decls, diags, |(page, _, decl), d| (resource_page::properties(page, decl, index, links, d), super::methods_table::rows(page, links)));
    let mut types: BTreeMap<String, TypeBuild> = BTreeMap::new();
    for ((page, area, decl), (rows, methods)) in decls.iter().zip(read) {
        let ann = decl.annotation.as_ref();
        let mut build = TypeBuild {
            def: TypeDef {
                qname: decl.qname.clone(),
                namespace: decl.namespace.clone(),
                name: decl.name.clone(),
                kind: Kind::Complex,
                base: None,
                is_abstract: ann.and_then(|a| a.bool("abstract")).unwrap_or(false),
                open: ann.and_then(|a| a.bool("openType")).unwrap_or(false),
                key: None,
                properties: Vec::new(),
                description: decl.description.clone(),
                area: area.clone(),
                loc: page.loc(decl.line),
            },
            page: page.path.clone(),
            base_annotation: ann.and_then(|a| a.str("baseType")).map(|s| s.trim_fast().trim_start_matches('#').to_string()).filter(|s| !s.is_empty()),
            base_prose: decl.base_prose.clone(),
            key_hint: ann.and_then(|a| a.str("keyProperty")).map(str::to_string).filter(|s| !s.is_empty()),
            inherited: Vec::new(),
            derived: decl.derived.clone(),
            methods,
        };
        for row in rows {
            let inherited = row.inherited_from.clone();
            let prop = settle_property(&decl.qname, &decl.namespace, row, enums, diags);
            match inherited {
                Some(from) => build.inherited.push((prop, from)),
                None => build.def.properties.push(prop),
            }
        }
        match types.get_mut(&decl.qname.to_ascii_lowercase()) {
            Some(existing) => {
                // The page named after the type (`user.md`) is its home and leads; a page that
                // defines it in passing (`intune-devices-user.md`, read first) fills gaps.
                let mut build = build;
                if is_home(&build) && !is_home(existing) {
                    std::mem::swap(existing, &mut build);
                }
                diags.push(Code::TypeDuplicate, build.def.loc.clone(), format!("`{}` is also defined at {}", decl.qname, existing.def.loc));
                existing.merge(build);
            }
            None => {
                types.insert(decl.qname.to_ascii_lowercase(), build);
            }
        }
    }

    types
}

/// The workload a page belongs to: its `ms.prod`, or empty when the page names none (the
/// area is then settled from the items that use it, see `areas.rs`).
fn area_of(page: &Page) -> String {
    let prod = page.front.get("ms.prod").map(|s| s.trim_fast().to_ascii_lowercase()).unwrap_or_default();
    if prod == "non-product-specific" {
        return String::new();
    }
    let clean: String = prod.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    clean.trim_matches('-').to_string()
}

fn check_kind(page: &Page, api: bool, resource: bool, diags: &mut Diagnostics) {
    let dt = page.doc_type();
    let mismatch = match dt {
        "apiPageType" => !api && resource,
        "resourcePageType" => api && !resource,
        "" => {
            diags.push(Code::PageKindUnknown, page.loc(1), "the page has no doc_type");
            false
        }
        _ => false,
    };
    if mismatch {
        let is = if api { "an API page" } else { "a resource page" };
        diags.push(Code::PageKindMismatch, page.loc(1), format!("doc_type is `{dt}` but the page reads as {is}"));
    }
}

/// Types an operation reads or updates one at a time through a path ending in a key
/// placeholder (`GET /things/{id}`): those are entities.
fn addressed_by_key(ops: &[super::Operation]) -> std::collections::BTreeSet<String> {
    use super::paths::{ParamKind, PathPart};
    let mut out = std::collections::BTreeSet::new();
    for op in ops.iter().filter(|o| matches!(o.method, super::Method::Get | super::Method::Patch | super::Method::Put)) {
        let by_key = op.paths.iter().any(|p| matches!(p.parts.last(), Some(PathPart::Param(i)) if p.params[*i].kind == ParamKind::Segment));
        let ty = match (&op.response.ty, &op.request_body) {
            (Some(TypeRef::Type(q)), _) if !op.response.collection => Some(q),
            (_, Some(RequestBody::Type { ty: TypeRef::Type(q), collection: false })) => Some(q),
            _ => None,
        };
        if let (true, Some(q)) = (by_key, ty) {
            out.insert(q.to_ascii_lowercase());
        }
    }
    out
}

/// Operation ids are unique: a page documenting one method twice gets numbered ids (`x`,
/// `x-2`, `x-3`, ...). The ids come sorted, so repeats are neighbours.
fn dedupe_ids<'a>(ids: impl Iterator<Item = &'a mut String>) {
    let mut ids: Vec<&mut String> = ids.collect();
    let mut taken: std::collections::BTreeSet<String> = ids.iter().map(|id| id.to_string()).collect();
    let mut previous: Option<String> = None;
    for id in ids.iter_mut() {
        let written = id.to_string();
        if previous.as_ref() == Some(&written) {
            if let Some(free) = (2..).map(|n| format!("{written}-{n}")).find(|c| !taken.contains(c)) {
                taken.insert(free.clone());
                **id = free;
            }
        }
        previous = Some(written);
    }
}

/// Enums by lowercased qualified name.
#[derive(Default)]
pub struct Enums {
    by_name: BTreeMap<String, EnumDef>,
}

impl Enums {
    /// An enum from a table: a second definition with other members is merged and reported.
    fn add_table(&mut self, def: EnumDef, diags: &mut Diagnostics) {
        match self.by_name.get_mut(&def.qname.to_ascii_lowercase()) {
            Some(existing) => {
                let same = existing.members.len() == def.members.len() && existing.members.iter().all(|m| def.members.iter().any(|d| d.name == m.name));
                if !same {
                    diags.push(Code::EnumDuplicate, def.loc.clone(), format!("enum `{}` is also defined at {} with other members", def.qname, existing.loc));
                    merge_members(&mut existing.members, def.members);
                }
                existing.flags |= def.flags;
            }
            None => {
                self.by_name.insert(def.qname.to_ascii_lowercase(), def);
            }
        }
    }

    /// An enum from prose: merged quietly with others of the same name, never overriding a
    /// table definition.
    fn add_prose(&mut self, def: EnumDef) -> String {
        let key = def.qname.to_ascii_lowercase();
        match self.by_name.get_mut(&key) {
            Some(existing) => {
                if existing.derived_name || existing.loc.file.is_empty() {
                    merge_members(&mut existing.members, def.members);
                }
                existing.qname.clone()
            }
            None => {
                let q = def.qname.clone();
                self.by_name.insert(key, def);
                q
            }
        }
    }
}

impl Enums {
    /// Values a property's description lists for its enum that the enum's table lacks are
    /// reported, not added: the table is the definition, and such prose is as often a typo
    /// or a value of another enum as a member the table left out. Prose that shares less
    /// than half its values with the table is about something else and is ignored.
    fn check_stated_members(&self, qname: &str, vals: &[String], property: &str, loc: &Loc, diags: &mut Diagnostics) {
        let Some(existing) = self.by_name.get(&qname.to_ascii_lowercase()) else { return };
        let known = |v: &String| existing.members.iter().any(|m| m.name.eq_ignore_ascii_case(v));
        let missing: Vec<String> = vals.iter().filter(|v| !known(v)).cloned().collect();
        if missing.is_empty() || (vals.len() - missing.len()) * 2 < vals.len() {
            return;
        }
        diags.push(Code::EnumProseDisagrees, loc.clone(), format!("property `{property}` lists {} that enum `{}` (at {}) lacks", quoted(&missing), existing.qname, existing.loc));
    }
}

fn quoted(names: &[String]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

/// Whether the type is defined on the page named after it.
fn is_home(b: &TypeBuild) -> bool {
    crate::pages::file_stem(&b.page).eq_ignore_ascii_case(&b.def.name)
}

fn merge_members(into: &mut Vec<EnumMember>, from: Vec<EnumMember>) {
    for m in from {
        if !into.iter().any(|e| e.name == m.name) {
            into.push(m);
        }
    }
}

/// A raw property row → a model property, creating enums the prose states.
fn settle_property(owner: &str, namespace: &str, row: RawProperty, enums: &mut Enums, diags: &mut Diagnostics) -> Property {
    let values = || prose_enums::values(&row.description);
    let prose_enum = |qname: String, derived: bool, vals: Vec<String>| EnumDef {
        namespace: qname.rsplit_once('.').map_or(namespace.to_string(), |(ns, _)| ns.to_string()),
        name: qname.rsplit('.').next().unwrap_or(&qname).to_string(),
        qname,
        flags: false,
        members: vals.into_iter().map(|name| EnumMember { name, value: None, description: String::new() }).collect(),
        description: String::new(),
        derived_name: derived,
        area: String::new(),
        loc: row.loc.clone(),
    };
    let ty = match &row.resolution {
        Resolution::Ref(TypeRef::Enum(q)) => {
            if let Some(vals) = values() {
                enums.check_stated_members(q, &vals, &row.name, &row.loc, diags);
            }
            TypeRef::Enum(q.clone())
        }
        Resolution::Ref(t) => t.clone(),
        Resolution::Enumeration => match values() {
            Some(vals) => {
                let owner_simple = owner.rsplit('.').next().unwrap_or(owner);
                let name = format!("{namespace}.{owner_simple}{}", row.name.to_upper_camel_case());
                diags.push(Code::EnumNameDerived, row.loc.clone(), format!("property `{}` is an enumeration without a name; named `{name}`", row.name));
                TypeRef::Enum(enums.add_prose(prose_enum(name, true, vals)))
            }
            None => {
                diags.push(Code::TypeUnresolved, row.loc.clone(), format!("property `{}` is an enumeration that lists no values", row.name));
                untyped()
            }
        },
        Resolution::Unknown(name) => match values() {
            Some(vals) if is_identifier(name.as_str()) => {
                let qname = if name.contains('.') { name.clone() } else { format!("{namespace}.{name}") };
                TypeRef::Enum(enums.add_prose(prose_enum(qname, false, vals)))
            }
            _ => {
                diags.push(Code::TypeUnresolved, row.loc.clone(), format!("type `{name}` of property `{}` is defined nowhere", row.name));
                untyped()
            }
        },
        Resolution::Union(names) => {
            diags.push(Code::TypeUnion, row.loc.clone(), format!("property `{}` has several types: {}", row.name, names.join(", ")));
            untyped()
        }
        Resolution::Empty => {
            diags.push(Code::TypeUnresolved, row.loc.clone(), format!("property `{}` has no type", row.name));
            untyped()
        }
    };
    Property { name: row.name, ty, collection: row.collection, navigation: row.navigation, nullable: row.nullable, description: row.description, loc: row.loc }
}

fn is_identifier(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

/// Settles a request body once every type is known: a named type, a type built from the
/// body table when no page defines it, or an action's parameters.
fn settle_body(raw: RawOperation, types: &mut BTreeMap<String, TypeBuild>, enums: &mut Enums, diags: &mut Diagnostics) -> super::Operation {
    let mut op = settle_request_body(raw, types, enums, diags);
    // A response naming the type its request body defines is only known now.
    if let Some(TypeRef::Type(q)) = &op.response.ty {
        if !types.contains_key(&q.to_ascii_lowercase()) {
            diags.push(Code::ResponseTypeUnresolved, op.loc.clone(), format!("response names `{q}`, which no page defines"));
            op.response.ty = None;
        }
    }
    op
}

fn settle_request_body(raw: RawOperation, types: &mut BTreeMap<String, TypeBuild>, enums: &mut Enums, diags: &mut Diagnostics) -> super::Operation {
    let mut op = raw.op;
    if op.request_body.is_some() {
        return op;
    }
    let rows = raw.body_rows;
    match (raw.body_type, raw.body_type_name) {
        (Some(Resolution::Ref(ty @ TypeRef::Type(_))), _) => {
            op.request_body = Some(RequestBody::Type { ty, collection: raw.body_collection });
        }
        (_, Some(name)) if !rows.is_empty() && is_identifier(&name) => {
            let qname = if name.contains('.') { name.clone() } else { format!("{}.{name}", raw.namespace) };
            let key = qname.to_ascii_lowercase();
            if let std::collections::btree_map::Entry::Vacant(e) = types.entry(key) {
                diags.push(Code::TypeFromRequestBody, op.loc.clone(), format!("type `{qname}` built from the request body of `{}`", op.id));
                let (namespace, simple) = qname.rsplit_once('.').map(|(a, b)| (a.to_string(), b.to_string())).unwrap_or_default();
                let mut build = TypeBuild::empty(TypeDef {
                    qname: qname.clone(),
                    namespace: namespace.clone(),
                    name: simple,
                    kind: Kind::Complex,
                    base: None,
                    is_abstract: false,
                    open: false,
                    key: None,
                    properties: Vec::new(),
                    description: String::new(),
                    area: op.area.clone(),
                    loc: op.loc.clone(),
                });
                for row in rows {
                    let inherited = row.inherited_from.clone();
                    let p = settle_property(&qname, &namespace, row, enums, diags);
                    match inherited {
                        Some(from) => build.inherited.push((p, from)),
                        None => build.def.properties.push(p),
                    }
                }
                e.insert(build);
            }
            op.request_body = Some(RequestBody::Type { ty: TypeRef::Type(qname), collection: false });
        }
        _ if !rows.is_empty() => {
            let owner = format!("{}.{}", raw.namespace, op.id);
            let props = rows.into_iter().map(|r| settle_property(&owner, &raw.namespace, r, enums, diags)).collect();
            op.request_body = Some(RequestBody::Parameters(props));
        }
        (Some(Resolution::Unknown(n)), _) => {
            diags.push(Code::RequestBodyUnresolved, op.loc.clone(), format!("request body names `{n}`, which no page defines"));
        }
        _ => {}
    }
    op
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_ids_are_numbered_past_taken_ones() {
        let mut ids: Vec<String> = ["a", "a", "a", "a-2", "b", "b"].iter().map(|s| s.to_string()).collect();
        dedupe_ids(ids.iter_mut());
        assert_eq!(ids, ["a", "a-3", "a-4", "a-2", "b", "b-2"]);
    }

    fn member(name: &str) -> EnumMember {
        EnumMember { name: name.into(), value: None, description: String::new() }
    }

    #[test]
    fn prose_values_a_table_lacks_are_reported_not_added() {
        let mut enums = Enums::default();
        let def = EnumDef {
            qname: "ns.color".into(),
            namespace: "ns".into(),
            name: "color".into(),
            flags: false,
            members: vec![member("red"), member("green")],
            description: String::new(),
            derived_name: false,
            area: String::new(),
            loc: Loc::new("resources/enums.md", 3),
        };
        enums.add_table(def, &mut Diagnostics::new());
        let mut diags = Diagnostics::new();
        let vals = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        enums.check_stated_members("ns.color", &vals(&["red", "green", "unknownFutureValue"]), "hue", &Loc::new("x.md", 1), &mut diags);
        // Mostly other values: prose about something else.
        enums.check_stated_members("ns.color", &vals(&["red", "big", "small"]), "size", &Loc::new("x.md", 2), &mut diags);
        assert_eq!(diags.iter().filter(|d| d.code == Code::EnumProseDisagrees).count(), 1);
        assert_eq!(enums.by_name["ns.color"].members.len(), 2);
    }

    #[test]
    fn facts_found_while_reading_and_pages_freed_early_change_nothing() {
        // The pipeline's way (facts found as pages are read, pages freed as lowering goes)
        // against the plain one, diagnostics of reading included.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input");
        let (mut borrowed, mut owned) = (Diagnostics::new(), Diagnostics::new());
        let tree = crate::pages::read_tree(&root, &mut borrowed).expect("docs-input reads");
        let a = lower(&tree, &mut borrowed);
        let (tree, facts) = crate::pages::read_tree_with(&root, &mut owned, page_facts).expect("docs-input reads");
        let b = lower_and_free(tree, facts, &mut owned);
        assert!(!a.types.is_empty() && !a.operations.is_empty());
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
        assert_eq!(borrowed.sorted(), owned.sorted());
    }
}
