//! Base types: from the `baseType` annotation, "Inherits from" prose, or the links of
//! "Inherited from [x]" rows, in that order; cycles cut; rows that repeat a base's property
//! dropped; entity versus complex decided by a key anywhere in the base chain.

use super::index::{Index, Resolution};
use super::links::Links;
use super::type_cell;
use super::{Kind, Property, TypeDef, TypeRef};
use crate::diagnostics::{Code, Diagnostics};
use crate::pages::Inline;
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
}

impl TypeBuild {
    pub fn empty(def: TypeDef) -> Self {
        let page = def.loc.file.clone();
        TypeBuild { def, page, base_annotation: None, base_prose: None, key_hint: None, inherited: Vec::new() }
    }

    /// A second page defining the same type: its properties and hints fill the gaps.
    pub fn merge(&mut self, other: TypeBuild) {
        for p in other.def.properties {
            if !self.def.properties.iter().any(|q| q.name == p.name) {
                self.def.properties.push(p);
            }
        }
        self.inherited.extend(other.inherited);
        self.base_annotation = self.base_annotation.take().or(other.base_annotation);
        self.base_prose = self.base_prose.take().or(other.base_prose);
        self.key_hint = self.key_hint.take().or(other.key_hint);
        self.def.is_abstract |= other.def.is_abstract;
        self.def.open |= other.def.open;
    }
}

pub fn settle(types: &mut BTreeMap<String, TypeBuild>, index: &Index, links: &Links, diags: &mut Diagnostics) {
    let keys: Vec<String> = types.keys().cloned().collect();
    for k in &keys {
        let b = &types[k];
        let base = choose_base(b, index, links, diags).filter(|q| !q.eq_ignore_ascii_case(&b.def.qname));
        let base = base.and_then(|q| types.get(&q.to_ascii_lowercase()).map(|t| t.def.qname.clone()));
        if let Some(t) = types.get_mut(k) {
            t.def.base = base;
        }
    }
    cut_cycles(types, diags);
    for k in &keys {
        let chain_props = inherited_names(types, k);
        let chain_has_key = chain(types, k).iter().skip(1).any(|c| types[c].key_hint.is_some());
        let Some(t) = types.get_mut(k) else { continue };
        for (p, _) in std::mem::take(&mut t.inherited) {
            if !chain_props.contains(&p.name) && !t.def.properties.iter().any(|q| q.name == p.name) {
                t.def.properties.push(p);
            }
        }
        if !chain_has_key {
            t.def.key = t.key_hint.clone();
        }
    }
    for k in &keys {
        let entity = chain(types, k).iter().any(|c| types[c].key_hint.is_some());
        if let Some(t) = types.get_mut(k) {
            t.def.kind = if entity { Kind::Entity } else { Kind::Complex };
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
    let from_inline = |inline: &Inline, diags: &mut Diagnostics| -> Option<String> {
        let cell = type_cell::parse(inline);
        match index.resolve_cell(links, &b.page, ns, &cell, &b.def.loc, diags) {
            Resolution::Ref(TypeRef::Type(q)) => Some(q),
            _ => None,
        }
    };
    let from_prose = b.base_prose.as_ref().and_then(|p| from_inline(p, diags));
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
            let inline = Inline { text: link.text.clone(), links: vec![link.clone()] };
            if let Some(q) = from_inline(&inline, &mut Diagnostics::new()) {
                *counts.entry(q).or_default() += 1;
            }
        }
        counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map(|(q, _)| q)
    })
}

/// The type and its bases, nearest first (stops at a repeat).
fn chain(types: &BTreeMap<String, TypeBuild>, key: &str) -> Vec<String> {
    let mut out = vec![key.to_string()];
    let mut seen = BTreeSet::from([key.to_string()]);
    let mut cur = key.to_string();
    while let Some(base) = types.get(&cur).and_then(|t| t.def.base.as_ref()) {
        let b = base.to_ascii_lowercase();
        if !seen.insert(b.clone()) {
            break;
        }
        out.push(b.clone());
        cur = b;
    }
    out
}

fn inherited_names(types: &BTreeMap<String, TypeBuild>, key: &str) -> BTreeSet<String> {
    chain(types, key).iter().skip(1).flat_map(|c| types[c].def.properties.iter().map(|p| p.name.clone())).collect()
}

fn cut_cycles(types: &mut BTreeMap<String, TypeBuild>, diags: &mut Diagnostics) {
    let keys: Vec<String> = types.keys().cloned().collect();
    for k in keys {
        let mut seen = BTreeSet::from([k.clone()]);
        let mut cur = k.clone();
        while let Some(base) = types.get(&cur).and_then(|t| t.def.base.clone()) {
            let b = base.to_ascii_lowercase();
            if !seen.insert(b.clone()) {
                if let Some(t) = types.get_mut(&cur) {
                    diags.push(Code::InheritanceCycle, t.def.loc.clone(), format!("`{}` closes a cycle of base types through `{base}`", t.def.qname));
                    t.def.base = None;
                }
                break;
            }
            cur = b;
        }
    }
}
