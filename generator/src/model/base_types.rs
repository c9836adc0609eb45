//! Base types: from the `baseType` annotation, "Inherits from" prose, the links of
//! "Inherited from [x]" rows, or the base page's list of derived types, in that order; else,
//! for a keyed type, the root entity type. Cycles cut; rows that repeat a base's property
//! dropped; entity versus complex decided by a key anywhere in the base chain.

use super::index::{Index, Resolution};
use super::links::Links;
use super::methods_table::MethodRow;
use super::type_cell;
use super::{Kind, Property, TypeDef, TypeRef};
use crate::diagnostics::{par_map, Code, Diagnostics};
use crate::pages::{Inline, Link, TrimFast};
use std::collections::{BTreeMap, BTreeSet};

/// A type being built, with what its base and key are decided from.
pub struct TypeBuild {
    pub def: TypeDef,
    pub page: String,
    pub base_annotation: Option<String>,
    pub base_prose: Option<Inline>,
    pub key_hint: Option<String>,
    /// Rows described as inherited, with the description that says from where.
    pub inherited: Vec<(Property, Inline)>,
    /// Links to the types the page says derive from this one.
    pub derived: Vec<Link>,
    /// The rows of its page's Methods table (see `methods_table`), read with the page.
    pub methods: Vec<MethodRow>,
}

impl TypeBuild {
    pub fn empty(def: TypeDef) -> Self {
        let page = def.loc.file.clone();
        TypeBuild { def, page, base_annotation: None, base_prose: None, key_hint: None, inherited: Vec::new(), derived: Vec::new(), methods: Vec::new() }
    }

    /// A second page defining the same type: its properties and hints fill the gaps (its
    /// Methods table does not: the type's home page lists its methods).
    pub fn merge(&mut self, other: TypeBuild) {
        for p in other.def.properties {
            if !self.def.properties.iter().any(|q| q.name == p.name) {
                self.def.properties.push(p);
            }
        }
        self.inherited.extend(other.inherited);
        self.derived.extend(other.derived);
        self.base_annotation = self.base_annotation.take().or(other.base_annotation);
        self.base_prose = self.base_prose.take().or(other.base_prose);
        self.key_hint = self.key_hint.take().or(other.key_hint);
        self.def.is_abstract |= other.def.is_abstract;
        self.def.open |= other.def.open;
    }
}

/// `addressed`: types (lowercased names) that an operation reads or writes by key
/// (`GET /things/{id}` returning one), which makes them entities whatever their page says.
pub fn settle(types: &mut BTreeMap<String, TypeBuild>, addressed: &BTreeSet<String>, index: &Index, links: &Links, diags: &mut Diagnostics) {
    let keys: Vec<String> = types.keys().cloned().collect();
    let listed = listed_bases(types, index, links);
    // What each type's own page says, read in parallel (only `def.base` changes below).
    let chosen = par_map(&keys, diags, |k, d| choose_base(&types[k], index, links, d));
    for (k, chosen) in keys.iter().zip(chosen) {
        let b = &types[k];
        let base = chosen.or_else(|| {
            let base = listed.get(k)?;
            diags.push(Code::BaseFromDerivedList, b.def.loc.clone(), format!("`{}` states no base; `{base}` lists it among its derived types", b.def.qname));
            Some(base.clone())
        });
        let base = base.filter(|q| !q.eq_ignore_ascii_case(&b.def.qname));
        let base = base.and_then(|q| types.get(&q.to_ascii_lowercase()).map(|t| t.def.qname.clone()));
        if let Some(t) = types.get_mut(k) {
            t.def.base = base;
        }
    }
    cut_cycles(types, diags);
    if let Some(root) = root_entity(types) {
        keys_from_navigation(types, addressed, &root, diags);
        assume_root_base(types, &root, diags);
    }
    // Key hints are settled: each type's chain decides its rows, key and kind at once (what
    // changes here, properties and keys, no chain reads).
    for k in &keys {
        let chain = chain(types, k);
        let chain_has_key = chain.iter().skip(1).any(|c| types[c].key_hint.is_some());
        let entity = chain_has_key || types[k].key_hint.is_some();
        // Only rows described as inherited are checked against the chain's names.
        let chain_props: BTreeSet<String> = if types[k].inherited.is_empty() { BTreeSet::new() } else { inherited_names(types, &chain) };
        let Some(t) = types.get_mut(k) else { continue };
        for (p, _) in std::mem::take(&mut t.inherited) {
            if !chain_props.contains(&p.name) && !t.def.properties.iter().any(|q| q.name == p.name) {
                t.def.properties.push(p);
            }
        }
        if !chain_has_key {
            t.def.key = t.key_hint.clone();
        }
        t.def.kind = if entity { Kind::Entity } else { Kind::Complex };
    }
}

/// Derived type (lowercased) → the base whose page lists it among its derived types; the
/// first base (by name) wins when two pages list the same type.
fn listed_bases(types: &BTreeMap<String, TypeBuild>, index: &Index, links: &Links) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for b in types.values() {
        for link in &b.derived {
            let found = index.resolve_link(links, &b.page, &link.target, &type_cell_name(&link.text), &b.def.namespace);
            if let Some(TypeRef::Type(q)) = found {
                if !q.eq_ignore_ascii_case(&b.def.qname) {
                    out.entry(q.to_ascii_lowercase()).or_insert_with(|| b.def.qname.clone());
                }
            }
        }
    }
    out
}

fn type_cell_name(text: &str) -> String {
    text.trim_fast().trim_matches(|c: char| matches!(c, '`' | '*' | '_')).to_string()
}

/// The root entity type: the one abstract, keyed type without a base that declares nothing
/// but its key (`entity`). `None` when there is no such type, or several.
fn root_entity(types: &BTreeMap<String, TypeBuild>) -> Option<String> {
    let mut roots = types.iter().filter(|(_, t)| {
        let key = t.key_hint.as_deref();
        t.def.is_abstract && key.is_some() && t.def.base.is_none() && t.inherited.is_empty() && t.def.properties.iter().all(|p| Some(p.name.as_str()) == key)
    });
    let (first, _) = roots.next()?;
    roots.next().is_none().then(|| first.clone())
}

/// A type a relationship points at, one that has relationships of its own, or one an
/// operation addresses by key is an entity: when it has no key in its chain but declares
/// the root's key property, that property is its key.
fn keys_from_navigation(types: &mut BTreeMap<String, TypeBuild>, addressed: &BTreeSet<String>, root: &str, diags: &mut Diagnostics) {
    let Some(root_key) = types[root].key_hint.clone() else { return };
    let mut targets: BTreeSet<String> = types
        .values()
        .flat_map(|t| t.def.properties.iter().chain(t.inherited.iter().map(|(p, _)| p)))
        .filter(|p| p.navigation)
        .filter_map(|p| match &p.ty {
            TypeRef::Type(q) => Some(q.to_ascii_lowercase()),
            _ => None,
        })
        .collect();
    targets.extend(types.iter().filter(|(_, t)| t.def.properties.iter().any(|p| p.navigation)).map(|(k, _)| k.clone()));
    targets.extend(addressed.iter().cloned());
    for k in targets {
        let keyless = chain(types, &k).iter().all(|c| types[c].key_hint.is_none());
        let Some(t) = types.get_mut(&k) else { continue };
        if keyless && t.def.base.is_none() && t.def.properties.iter().any(|p| p.name == root_key) {
            diags.push(Code::KeyFromNavigation, t.def.loc.clone(), format!("`{}` is the target of a relationship; `{root_key}` taken as its key", t.def.qname));
            t.key_hint = Some(root_key.clone());
        }
    }
}

/// A keyed type whose page states no base derives from the root entity type (the docs'
/// convention: every entity type does).
fn assume_root_base(types: &mut BTreeMap<String, TypeBuild>, root: &str, diags: &mut Diagnostics) {
    let root_name = types[root].def.qname.clone();
    let root_key = types[root].key_hint.clone();
    for (k, t) in types.iter_mut() {
        if k != root && t.def.base.is_none() && t.key_hint.is_some() && t.key_hint == root_key {
            diags.push(Code::BaseAssumedRoot, t.def.loc.clone(), format!("`{}` states no base type; `{root_name}` assumed", t.def.qname));
            t.def.base = Some(root_name.clone());
        }
    }
}

fn choose_base(b: &TypeBuild, index: &Index, links: &Links, diags: &mut Diagnostics) -> Option<String> {
    let ns = &b.def.namespace;
    let from_annotation = b.base_annotation.as_ref().and_then(|name| match index.by_name(name, ns) {
        Some(TypeRef::Type(q)) => Some(q),
        _ => {
            diags.push(Code::BaseUnresolved, b.def.loc.clone(), format!("base type `{name}` of `{}` is defined nowhere", b.def.qname));
            None
        }
    });
    let from_inline = |inline: &Inline| -> Option<String> {
        let cell = type_cell::parse(inline);
        match index.resolve_cell(links, &b.page, ns, &cell) {
            Resolution::Ref(TypeRef::Type(q)) => Some(q),
            _ => None,
        }
    };
    let from_prose = b.base_prose.as_ref().and_then(&from_inline);
    if let (Some(a), Some(p)) = (&from_annotation, &from_prose) {
        if !a.eq_ignore_ascii_case(p) {
            diags.push(Code::BaseConflict, b.def.loc.clone(), format!("annotation says `{a}`, prose says `{p}`"));
        }
    }
    from_annotation.or(from_prose).or_else(|| {
        // "Inherited from [x](x.md)" rows: the link that most rows name.
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for (_, desc) in &b.inherited {
            let Some(link) = desc.links.last() else { continue };
            let inline = Inline::of_link(link);
            if let Some(q) = from_inline(&inline) {
                *counts.entry(q).or_default() += 1;
            }
        }
        counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map(|(q, _)| q)
    })
}

/// The type and its bases, nearest first (stops at a repeat).
/// Chains are a few types long: the chain itself is the set of types seen.
fn chain(types: &BTreeMap<String, TypeBuild>, key: &str) -> Vec<String> {
    let mut out = vec![key.to_string()];
    while let Some(base) = out.last().and_then(|cur| types.get(cur)).and_then(|t| t.def.base.as_ref()) {
        let b = base.to_ascii_lowercase();
        if out.contains(&b) {
            break;
        }
        out.push(b);
    }
    out
}

/// The property names of a chain's bases (the chain without its first type).
fn inherited_names(types: &BTreeMap<String, TypeBuild>, chain: &[String]) -> BTreeSet<String> {
    chain.iter().skip(1).flat_map(|c| types[c].def.properties.iter().map(|p| p.name.clone())).collect()
}

fn cut_cycles(types: &mut BTreeMap<String, TypeBuild>, diags: &mut Diagnostics) {
    let keys: Vec<String> = types.keys().cloned().collect();
    for k in keys {
        let mut seen = vec![k.clone()];
        let mut cur = k.clone();
        while let Some(base) = types.get(&cur).and_then(|t| t.def.base.clone()) {
            let b = base.to_ascii_lowercase();
            if seen.contains(&b) {
                if let Some(t) = types.get_mut(&cur) {
                    diags.push(Code::InheritanceCycle, t.def.loc.clone(), format!("`{}` closes a cycle of base types through `{base}`", t.def.qname));
                    t.def.base = None;
                }
                break;
            }
            seen.push(b.clone());
            cur = b;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Loc;
    use crate::model::Prim;

    fn prop(name: &str, ty: TypeRef, navigation: bool) -> Property {
        Property { name: name.into(), ty, collection: false, navigation, nullable: true, description: String::new(), loc: Loc::new("x.md", 1) }
    }
    fn build(name: &str, key: Option<&str>, is_abstract: bool, props: Vec<Property>) -> TypeBuild {
        let mut b = TypeBuild::empty(TypeDef {
            qname: format!("ns.{name}"),
            namespace: "ns".into(),
            name: name.into(),
            kind: Kind::Complex,
            base: None,
            is_abstract,
            open: false,
            key: None,
            properties: props,
            description: String::new(),
            area: String::new(),
            loc: Loc::new(format!("resources/{name}.md"), 1),
        });
        b.key_hint = key.map(Into::into);
        b
    }
    fn id() -> Property {
        prop("id", TypeRef::Prim(Prim::String), false)
    }
    fn settled(list: Vec<TypeBuild>) -> (BTreeMap<String, TypeBuild>, Diagnostics) {
        let mut types: BTreeMap<String, TypeBuild> = list.into_iter().map(|b| (b.def.qname.to_ascii_lowercase(), b)).collect();
        let mut diags = Diagnostics::new();
        let links = Links::new(std::iter::empty());
        settle(&mut types, &BTreeSet::new(), &Index::default(), &links, &mut diags);
        (types, diags)
    }

    #[test]
    fn keyed_types_without_a_stated_base_derive_from_the_root() {
        let (types, _) = settled(vec![
            build("entity", Some("id"), true, vec![id()]),
            build("agreement", Some("id"), false, vec![id(), prop("name", TypeRef::Prim(Prim::String), false)]),
            build("address", None, false, vec![prop("city", TypeRef::Prim(Prim::String), false)]),
        ]);
        assert_eq!(types["ns.agreement"].def.base.as_deref(), Some("ns.entity"));
        assert_eq!(types["ns.agreement"].def.key, None, "the key is declared on the root");
        assert_eq!(types["ns.agreement"].def.kind, Kind::Entity);
        assert_eq!(types["ns.address"].def.base, None);
        assert_eq!(types["ns.entity"].def.base, None);
    }

    #[test]
    fn no_root_without_a_single_abstract_key_only_type() {
        // Not abstract: no root, nothing assumed.
        let (types, _) = settled(vec![build("entity", Some("id"), false, vec![id()]), build("agreement", Some("id"), false, vec![id()])]);
        assert_eq!(types["ns.agreement"].def.base, None);
    }

    #[test]
    fn navigation_targets_with_the_root_key_are_entities() {
        let target = TypeRef::Type("ns.alert".into());
        let (types, diags) = settled(vec![
            build("entity", Some("id"), true, vec![id()]),
            build("security", Some("id"), false, vec![id(), prop("alerts", target, true)]),
            build("alert", None, false, vec![id()]),
            build("phone", None, false, vec![id()]),
        ]);
        assert_eq!(types["ns.alert"].def.base.as_deref(), Some("ns.entity"));
        assert_eq!(types["ns.alert"].def.kind, Kind::Entity);
        assert_eq!(types["ns.phone"].def.base, None, "not a relationship's target");
        assert_eq!(diags.iter().filter(|d| d.code == Code::KeyFromNavigation).count(), 1);
    }

    #[test]
    fn types_addressed_by_key_or_with_relationships_are_entities() {
        let mut types: BTreeMap<String, TypeBuild> = vec![
            build("entity", Some("id"), true, vec![id()]),
            build("presence", None, false, vec![id()]),
            build("team", None, false, vec![id(), prop("members", TypeRef::Type("ns.phone".into()), true)]),
            build("phone", None, false, vec![prop("number", TypeRef::Prim(Prim::String), false)]),
        ]
        .into_iter()
        .map(|b| (b.def.qname.to_ascii_lowercase(), b))
        .collect();
        let mut diags = Diagnostics::new();
        let addressed = BTreeSet::from(["ns.presence".to_string()]);
        settle(&mut types, &addressed, &Index::default(), &Links::new(std::iter::empty()), &mut diags);
        assert_eq!(types["ns.presence"].def.kind, Kind::Entity, "GET /presences/{{id}} addresses it by key");
        assert_eq!(types["ns.team"].def.kind, Kind::Entity, "it has relationships");
        assert_eq!(types["ns.phone"].def.kind, Kind::Complex, "a relationship target without the key property stays complex");
    }

    #[test]
    fn a_base_pages_derived_list_gives_the_base() {
        let mut base = build("meetinginfo", None, false, vec![]);
        base.derived = ["tokenMeetingInfo", "organizerMeetingInfo"].iter().map(|n| Link { text: n.to_string(), target: format!("{}.md", n.to_ascii_lowercase()) }).collect();
        let mut stated = build("organizerMeetingInfo", None, false, vec![]);
        stated.base_annotation = Some("ns.other".into());
        let list = vec![base, build("tokenMeetingInfo", None, false, vec![]), build("other", None, false, vec![]), stated];
        let mut index = Index::default();
        for b in &list {
            index.add_type(&b.page, &b.def.qname);
        }
        let mut types: BTreeMap<String, TypeBuild> = list.into_iter().map(|b| (b.def.qname.to_ascii_lowercase(), b)).collect();
        let links = Links::new(types.values().map(|b| b.page.as_str()).collect::<Vec<_>>().into_iter());
        let mut diags = Diagnostics::new();
        settle(&mut types, &BTreeSet::new(), &index, &links, &mut diags);
        assert_eq!(types["ns.tokenmeetinginfo"].def.base.as_deref(), Some("ns.meetinginfo"));
        assert_eq!(types["ns.organizermeetinginfo"].def.base.as_deref(), Some("ns.other"), "the page's own statement wins");
    }
}
