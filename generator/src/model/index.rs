//! The name index: which page declares which type or enum, and how a type cell or link
//! resolves against it (qualified names, simple names case-insensitively, link targets,
//! `#x-values` anchors).

use super::links::{Links, Resolved};
use super::type_cell::{Cell, CellKind};
use super::{Prim, TypeRef};
use rustc_hash::FxHashMap;
use crate::pages::TrimFast;

/// Only looked up, never iterated: hashed (Fx: the keys are the tree's own names), which
/// also spares the string comparisons of a tree search, each a likely cache miss in a map of
/// a thousand keys.
#[derive(Default)]
pub struct Index {
    /// Page path → qualified names of the types it declares.
    pub page_types: FxHashMap<String, Vec<String>>,
    /// Page path → qualified names of the enums it declares.
    pub page_enums: FxHashMap<String, Vec<String>>,
    types_by_qname: FxHashMap<String, String>,
    types_by_simple: FxHashMap<String, Vec<String>>,
    enums_by_qname: FxHashMap<String, String>,
    enums_by_simple: FxHashMap<String, Vec<String>>,
    /// Page → anchor → enum, for `[x](#x-values)`.
    enum_anchors: FxHashMap<String, FxHashMap<String, String>>,
}

/// What a type cell resolved to.
#[derive(Clone, Debug, PartialEq)]
pub enum Resolution {
    Ref(TypeRef),
    /// A name the docs give that nothing defines.
    Unknown(String),
    /// "Enumeration" without a name.
    Enumeration,
    Union(Vec<String>),
    Empty,
}

impl Index {
    pub fn add_type(&mut self, page: &str, qname: &str) {
        self.page_types.entry(page.to_string()).or_default().push(qname.to_string());
        self.types_by_qname.insert(qname.to_ascii_lowercase(), qname.to_string());
        let simple = simple_of(qname).to_ascii_lowercase();
        let list = self.types_by_simple.entry(simple).or_default();
        if !list.iter().any(|q| q == qname) {
            list.push(qname.to_string());
        }
    }

    pub fn add_enum(&mut self, page: &str, qname: &str, anchor: &str) {
        self.page_enums.entry(page.to_string()).or_default().push(qname.to_string());
        self.enums_by_qname.insert(qname.to_ascii_lowercase(), qname.to_string());
        let list = self.enums_by_simple.entry(simple_of(qname).to_ascii_lowercase()).or_default();
        if !list.iter().any(|q| q == qname) {
            list.push(qname.to_string());
        }
        self.enum_anchors.entry(page.to_string()).or_default().insert(anchor.to_string(), qname.to_string());
    }

    /// A name as the docs write it (simple or qualified) → a type or enum. Among several
    /// types of one simple name, the one in `namespace` wins.
    pub fn by_name(&self, name: &str, namespace: &str) -> Option<TypeRef> {
        let name = name.trim_fast().trim_start_matches('#');
        let lower = name.to_ascii_lowercase();
        if let Some(q) = self.types_by_qname.get(&lower) {
            return Some(TypeRef::Type(q.clone()));
        }
        if let Some(q) = self.enums_by_qname.get(&lower) {
            return Some(TypeRef::Enum(q.clone()));
        }
        if lower.contains('.') {
            // `graph.user`, `callRecords.session`: try the known namespaces' suffixes.
            let simple = simple_of(&lower);
            let fits = |q: &&String| q.to_ascii_lowercase().ends_with(&lower);
            if let Some(q) = self.types_by_simple.get(simple).and_then(|l| l.iter().find(fits)) {
                return Some(TypeRef::Type(q.clone()));
            }
            if let Some(q) = self.enums_by_simple.get(simple).and_then(|l| l.iter().find(fits)) {
                return Some(TypeRef::Enum(q.clone()));
            }
            return None;
        }
        let pick = |list: &Vec<String>| {
            list.iter().find(|q| q.rsplit_once('.').is_some_and(|(ns, _)| ns.eq_ignore_ascii_case(namespace))).or(list.first()).cloned()
        };
        if let Some(q) = self.types_by_simple.get(&lower).and_then(pick) {
            return Some(TypeRef::Type(q));
        }
        self.enums_by_simple.get(&lower).and_then(pick).map(TypeRef::Enum)
    }

    /// What the page at `path` declares that matches `name` (or its only declaration).
    fn on_page(&self, path: &str, name: &str, anchor: Option<&str>) -> Option<TypeRef> {
        if let Some(a) = anchor {
            if let Some(q) = self.enum_anchors.get(path).and_then(|anchors| anchors.get(a)) {
                return Some(TypeRef::Enum(q.clone()));
            }
        }
        let types = self.page_types.get(path);
        let enums = self.page_enums.get(path);
        let named = |l: Option<&Vec<String>>| l.and_then(|l| l.iter().find(|q| simple_of(q).eq_ignore_ascii_case(name)).cloned());
        if let Some(q) = named(types) {
            return Some(TypeRef::Type(q));
        }
        if let Some(q) = named(enums) {
            return Some(TypeRef::Enum(q));
        }
        match (types.map_or(0, Vec::len), enums.map_or(0, Vec::len)) {
            (1, _) if anchor.is_none() => types.map(|l| TypeRef::Type(l[0].clone())),
            (0, 1) => enums.map(|l| TypeRef::Enum(l[0].clone())),
            _ => None,
        }
    }

    /// Resolves a link to the type or enum its target page declares. Broken links are
    /// reported once, for every link of every page, by `link_check`.
    pub fn resolve_link(&self, links: &Links, page: &str, target: &str, name: &str, namespace: &str) -> Option<TypeRef> {
        match links.resolve(page, target) {
            Resolved::Exact(p, anchor) | Resolved::CaseMismatch(p, anchor) => self.on_page(&p, name, anchor.as_deref()),
            Resolved::Anchor(a) => self.on_page(page, name, Some(&a)).or_else(|| self.by_name(name, namespace)),
            Resolved::Missing(_) | Resolved::External => None,
        }
    }

    /// Resolves a parsed type cell.
    pub fn resolve_cell(&self, links: &Links, page: &str, namespace: &str, cell: &Cell) -> Resolution {
        match &cell.kind {
            CellKind::Prim(p) => Resolution::Ref(TypeRef::Prim(*p)),
            CellKind::Enumeration => Resolution::Enumeration,
            CellKind::Empty => Resolution::Empty,
            CellKind::Union(names) => Resolution::Union(names.clone()),
            CellKind::Named { name, target } => {
                let by_link = target.as_ref().and_then(|t| self.resolve_link(links, page, t, name, namespace));
                match by_link.or_else(|| self.by_name(name, namespace)) {
                    Some(r) => Resolution::Ref(r),
                    None if name.eq_ignore_ascii_case("none") => Resolution::Empty,
                    None => Resolution::Unknown(name.clone()),
                }
            }
        }
    }
}

/// `microsoft.graph.user` → `user`.
pub fn simple_of(qname: &str) -> &str {
    crate::pages::after_last_byte(qname, b'.')
}

/// A fallback type for what could not be resolved: free-form JSON keeps every value.
pub fn untyped() -> TypeRef {
    TypeRef::Prim(Prim::Untyped)
}
