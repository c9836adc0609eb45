//! Resource pages → type declarations and their property rows.

use super::index::{Index, Resolution};
use super::{prose_enums, Prim, TypeRef};
use crate::pages::lenient_json;
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock};
use memchr::memmem::FinderRev;
use super::links::Links;
use super::property_table::{self, RawProperty};
use super::sections;
use crate::diagnostics::{Code, Diagnostics};
use crate::pages::{Annotation, Block, Inline, Link, Page, Phrase, TrimFast};

/// What a resource page declares before its properties are read.
#[derive(Clone, Debug)]
pub struct Decl {
    pub qname: String,
    pub namespace: String,
    pub name: String,
    pub annotation: Option<Arc<Annotation>>,
    /// "Inherits from [x](x.md)" prose.
    pub base_prose: Option<Inline>,
    /// Links to the types this page says derive from it ("## Derived types").
    pub derived: Vec<Link>,
    pub description: String,
    pub line: u32,
}

/// The namespace a page states (`Namespace: microsoft.graph`), if any.
pub fn page_namespace(page: &Page) -> Option<String> {
    page.blocks.iter().take(12).find_map(|b| match b {
        Block::Para(p) => {
            let t = p.text.text.trim_fast();
            let rest = t.strip_prefix("Namespace:").or_else(|| t.strip_prefix("Namespace :"))?;
            let ns = rest.trim_fast().trim_matches('`').split_whitespace().next()?.trim_end_matches('.');
            (!ns.is_empty()).then(|| ns.to_string())
        }
        _ => None,
    })
}

/// The resource annotation of the page (`blockType: resource`).
fn resource_annotation(page: &Page) -> Option<&Arc<Annotation>> {
    page.blocks.iter().find_map(|b| match b {
        Block::Annotation(a) if a.is_block_type("resource") => Some(a),
        _ => None,
    })
}

/// `# user resource type` → `user`.
fn title_name(page: &Page) -> Option<(String, u32)> {
    let h = sections::title(page)?;
    let t = crate::pages::plain_spaces(&h.text.text);
    let lower = t.to_ascii_lowercase();
    // Searchers made once (memchr's memmem): every page's title is searched for every suffix.
    static SUFFIXES: LazyLock<Vec<FinderRev<'static>>> = LazyLock::new(|| [" resource type", " complex type", " entity type", " resource"].iter().map(FinderRev::new).collect());
    for suffix in SUFFIXES.iter() {
        if let Some(i) = suffix.rfind(lower.as_bytes()) {
            let name = t[..i].trim_fast().trim_matches('`').trim_fast();
            if !name.is_empty() && !name.contains(' ') {
                return Some((name.to_string(), h.line));
            }
        }
    }
    None
}

/// Whether a page reads as a resource page (by content, whatever its front matter says).
pub fn is_resource_page(page: &Page) -> bool {
    resource_annotation(page).is_some() || title_name(page).is_some()
}

pub fn declare(page: &Page, default_ns: &str, diags: &mut Diagnostics) -> Option<Decl> {
    let ns = page_namespace(page).unwrap_or_else(|| default_ns.to_string());
    let ann = resource_annotation(page).cloned();
    let from_title = title_name(page);
    let (qname, line) = match (ann.as_ref().and_then(|a| a.odata_type().map(str::to_string)), &from_title) {
        (Some(t), _) if t.contains('.') => (t, ann.as_ref().map_or(1, |a| a.line)),
        (Some(t), _) if !t.is_empty() => (format!("{ns}.{t}"), ann.as_ref().map_or(1, |a| a.line)),
        (_, Some((name, line))) => (format!("{ns}.{name}"), *line),
        _ => {
            diags.push(Code::TypeNameMissing, page.loc(1), "resource page declares no type");
            return None;
        }
    };
    let (namespace, name) = qname.rsplit_once('.').map(|(a, b)| (a.to_string(), b.to_string()))?;
    let line = from_title.as_ref().map_or(line, |(_, l)| *l);
    Some(Decl { qname, namespace, name, annotation: ann, base_prose: base_prose(page), derived: derived_types(page), description: description(page), line })
}

/// The first paragraph after the title that is not the namespace line or a note.
fn description(page: &Page) -> String {
    let mut seen_title = false;
    for b in &page.blocks {
        match b {
            Block::Heading(h) if h.level == 1 => seen_title = true,
            Block::Heading(_) if seen_title => break,
            Block::Para(p) if seen_title => {
                let t = p.text.text.trim_fast();
                if !t.starts_with("Namespace") && !t.starts_with("[!") && !t.starts_with("**Note") && !t.starts_with("> ") {
                    return t.to_string();
                }
            }
            _ => {}
        }
    }
    String::new()
}

/// "Inherits from [entity](entity.md)." in the page's prose (before the property tables).
fn base_prose(page: &Page) -> Option<Inline> {
    for b in &page.blocks {
        match b {
            Block::Para(p) => {
                let lower = p.text.text.to_ascii_lowercase();
                // Searchers made once: every paragraph before a page's first table is searched.
                static PHRASES: [Phrase; 3] = [Phrase::new("inherits from"), Phrase::new("derives from"), Phrase::new("derived from")];
                if let Some(i) = PHRASES.iter().find_map(|phrase| phrase.find(&lower)) {
                    let after = &p.text.text[i..];
                    // The first link after the phrase (not one whose text merely recurs there).
                    let link = link_positions(&p.text).into_iter().find(|(at, l)| *at >= i && !l.text.is_empty()).map(|(_, l)| l);
                    let text = match link {
                        Some(l) => l.text.clone(),
                        None => after.split_whitespace().nth(2).unwrap_or("").trim_matches(|c: char| !c.is_alphanumeric() && c != '.').to_string(),
                    };
                    return Some(Inline { text, links: link.cloned().into_iter().collect() });
                }
            }
            Block::Table(_) => return None,
            _ => {}
        }
    }
    None
}

/// Phrases with which a base type's page introduces its derived types: the links after the
/// phrase, in its sentence or in the list the sentence opens, name them.
const DERIVED_AFTER: &[&str] = &[
    "derived types are",
    "derived types include",
    "supported derived types",
    "following derived types",
    "base type for",
    "base class for",
    "base resource for",
    "is inherited by",
];
/// "The [a] and [b] types inherit from this type.": the links before the phrase.
const DERIVED_BEFORE: &[&str] = &["inherit from this type", "inherits from this type", "derive from this type"];
/// Every phrase above holds one of these: a paragraph without them is passed over at once.
static DERIVED_WORDS: [Phrase; 3] = [Phrase::new("derive"), Phrase::new("inherit"), Phrase::new("base ")];

/// The types the page says derive from its type: a "Derived types" section, or the intro's
/// prose (before the first table).
pub fn derived_types(page: &Page) -> Vec<Link> {
    let mut out: Vec<Link> = Vec::new();
    for s in sections::all(page) {
        let title = s.title();
        static DERIVED_TYPE: Phrase = Phrase::new("derived type");
        static SUBTYPE: Phrase = Phrase::new("subtype");
        if DERIVED_TYPE.is_in(title) || SUBTYPE.is_in(title) {
            out.extend(first_links(s.blocks));
        }
    }
    let intro_end = page.blocks.iter().position(|b| matches!(b, Block::Table(_))).unwrap_or(page.blocks.len());
    for (i, b) in page.blocks[..intro_end].iter().enumerate() {
        if let Block::Para(p) = b {
            out.extend(derived_in_para(&p.text, &page.blocks[i + 1..intro_end]));
        }
    }
    let mut seen = Vec::new();
    out.retain(|l| {
        let key = l.target.to_ascii_lowercase();
        let new = !seen.contains(&key);
        seen.push(key);
        new
    });
    out
}

/// The first link of each table row and paragraph (list item), up to the next heading.
fn first_links(blocks: &[Block]) -> Vec<Link> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Heading(_) => break,
            Block::Table(t) => out.extend(t.rows.iter().filter_map(|r| r.cells.first()?.links.first().cloned())),
            Block::Para(p) => out.extend(p.text.links.first().cloned()),
            _ => {}
        }
    }
    out
}

/// Where each link's text sits in the paragraph's text (links are in text order).
fn link_positions(text: &Inline) -> Vec<(usize, &Link)> {
    let mut cursor = 0;
    let mut out = Vec::new();
    for l in &text.links {
        if l.text.is_empty() {
            continue;
        }
        let found = text.text[cursor..].match_indices(l.text.as_str()).map(|(i, _)| cursor + i).find(|&at| is_word_at(&text.text, at, l.text.len()));
        if let Some(at) = found {
            out.push((at, l));
            cursor = at + l.text.len();
        }
    }
    out
}

/// Whether `text[at..at + len]` is a whole word (no letter or digit glued to either side).
fn is_word_at(text: &str, at: usize, len: usize) -> bool {
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    !glued(text[..at].chars().next_back()) && !glued(text[at + len..].chars().next())
}

/// Derived-type links a paragraph states; `after` holds the blocks that follow it, for the
/// list a sentence ending in `:` opens.
fn derived_in_para(text: &Inline, after: &[Block]) -> Vec<Link> {
    let lower = text.text.to_ascii_lowercase();
    if !DERIVED_WORDS.iter().any(|w| w.is_in(&lower)) {
        return Vec::new();
    }
    let positions = link_positions(text);
    let mut out = Vec::new();
    for phrase in DERIVED_BEFORE {
        for (at, _) in lower.match_indices(phrase) {
            let start = lower[..at].rfind(". ").map_or(0, |i| i + 2);
            out.extend(positions.iter().filter(|(p, _)| (start..at).contains(p)).map(|(_, l)| (*l).clone()));
        }
    }
    for phrase in DERIVED_AFTER {
        for (at, _) in lower.match_indices(phrase) {
            let from = at + phrase.len();
            let end = lower[from..].find(". ").map_or(lower.len(), |i| from + i);
            let inside: Vec<&(usize, &Link)> = positions.iter().filter(|(p, _)| (from..end).contains(p)).collect();
            match inside.first() {
                // "base class for actions in the [x]": a preposition before the first link
                // means the link is not what the phrase introduces.
                Some((first, _)) if !points_elsewhere(&lower[from..*first]) => out.extend(inside.iter().map(|(_, l)| (*l).clone())),
                None if lower[from..end].trim_end().ends_with(':') => {
                    out.extend(list_items(after).filter_map(|p| p.text.links.first().cloned()));
                }
                _ => {}
            }
        }
    }
    out
}

/// The items of a tight list at the start of `blocks`: paragraphs on consecutive lines.
fn list_items(blocks: &[Block]) -> impl Iterator<Item = &crate::pages::Para> {
    let mut prev: Option<u32> = None;
    blocks.iter().map_while(move |b| match b {
        Block::Para(p) if prev.is_none_or(|l| p.line == l + 1) => {
            prev = Some(p.line);
            Some(p)
        }
        _ => None,
    })
}

fn points_elsewhere(gap: &str) -> bool {
    [" in ", " on ", " of ", " by ", " with ", " from "].iter().any(|w| format!(" {gap} ").contains(w))
}

/// Type names the page's JSON representation gives its properties: `{"@odata.type":
/// "#microsoft.graph.x"}`, `"microsoft.graph.x"`, `"@odata.type: microsoft.graph.x"`, or a
/// one-element array of those. Property name → qualified type name.
#[cfg(test)]
fn json_type_hints(page: &Page) -> BTreeMap<String, String> {
    hints_in(&json_representation(page))
}

fn hints_in(shown: &serde_json::Map<String, Value>) -> BTreeMap<String, String> {
    shown.iter().filter_map(|(k, v)| Some((k.clone(), hinted_type(v)?))).collect()
}

/// The members of the page's JSON representation (the `resource` block), if it parses.
fn json_representation(page: &Page) -> serde_json::Map<String, Value> {
    let block = page.blocks.iter().find_map(|b| match b {
        Block::Code(c) if c.annotation.as_ref().is_some_and(|a| a.is_block_type("resource")) => Some(c),
        _ => None,
    });
    match block.and_then(|c| lenient_json::parse(&c.text).ok()).map(|p| p.value()) {
        Some(Value::Object(o)) => o,
        _ => serde_json::Map::new(),
    }
}

/// A primitive collection the JSON representation shows as a single scalar placeholder
/// (`"availability": "string"` for a `String collection` row) is single: the table's
/// "collection" is the slip. A named type's placeholder is often an object even for a
/// collection (`{"@odata.type": "Collection(x)"}`), so only primitives are corrected.
fn apply_json_shape(row: &mut RawProperty, shown: &Value, diags: &mut Diagnostics) {
    let scalar = match shown {
        Value::String(s) => !s.to_ascii_lowercase().contains("collection"),
        Value::Bool(_) | Value::Number(_) => true,
        _ => false,
    };
    if row.collection && scalar && matches!(row.resolution, Resolution::Ref(TypeRef::Prim(_))) {
        diags.push(Code::TypeFromJsonRepresentation, row.loc.clone(), format!("the table gives `{}` as a {} collection; the JSON representation shows one value", row.name, describe(&row.resolution)));
        row.collection = false;
    }
}

fn hinted_type(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => qualified_name(s.trim_fast().strip_prefix("@odata.type:").unwrap_or(s)),
        Value::Object(o) => qualified_name(o.get("@odata.type")?.as_str()?),
        Value::Array(a) if a.len() == 1 => hinted_type(&a[0]),
        _ => None,
    }
}

/// `#microsoft.graph.x` → `microsoft.graph.x`; anything not a dotted identifier → `None`.
fn qualified_name(s: &str) -> Option<String> {
    let s = s.trim_fast().trim_start_matches('#');
    let parts: Vec<&str> = s.split('.').collect();
    let ident = |p: &&str| p.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    (parts.len() >= 3 && parts.iter().all(ident)).then(|| s.to_string())
}

/// A row's type, corrected by the JSON representation where the table gives none, several,
/// an unknown name, or `String` for a named enum: the JSON names the type the table lacks.
fn apply_json_hint(row: &mut RawProperty, hint: &str, index: &Index, diags: &mut Diagnostics) {
    let found = index.by_name(hint, "");
    let new = match (&row.resolution, found) {
        (Resolution::Union(_) | Resolution::Empty | Resolution::Unknown(_) | Resolution::Enumeration, Some(t)) => Resolution::Ref(t),
        (Resolution::Ref(TypeRef::Prim(Prim::String)), Some(t @ TypeRef::Enum(_))) => Resolution::Ref(t),
        // An enum the docs name only here, its values in the row's prose.
        (Resolution::Ref(TypeRef::Prim(Prim::String)) | Resolution::Enumeration, None) if prose_enums::values(&row.description).is_some() => Resolution::Unknown(hint.to_string()),
        _ => return,
    };
    diags.push(Code::TypeFromJsonRepresentation, row.loc.clone(), format!("the table's type for `{}` is {}; the JSON representation says `{hint}`", row.name, describe(&row.resolution)));
    row.resolution = new;
}

fn describe(r: &Resolution) -> String {
    match r {
        Resolution::Ref(t) => format!("`{}`", t.odata_name()),
        Resolution::Unknown(n) => format!("`{n}`, defined nowhere"),
        Resolution::Union(names) => format!("several ({})", names.join(", ")),
        Resolution::Enumeration => "an unnamed enumeration".into(),
        Resolution::Empty => "missing".into(),
    }
}

/// Property and relationship rows of the page.
pub fn properties(page: &Page, decl: &Decl, index: &Index, links: &Links, diags: &mut Diagnostics) -> Vec<RawProperty> {
    let mut out: Vec<RawProperty> = Vec::new();
    let shown = json_representation(page);
    let hints = hints_in(&shown);
    for s in sections::all(page) {
        let title = s.title();
        static RELATIONSHIP: Phrase = Phrase::new("relationship");
        static NAVIGATION: Phrase = Phrase::new("navigation");
        static PROPERT: Phrase = Phrase::new("propert");
        static VALUES: Phrase = Phrase::new("values");
        let navigation = RELATIONSHIP.is_in(title) || NAVIGATION.is_in(title);
        if !(navigation || PROPERT.is_in(title)) || VALUES.is_in(title) {
            continue;
        }
        // Only the section's own tables: nested sections are visited on their own.
        for b in s.blocks {
            match b {
                Block::Heading(_) => break,
                Block::Table(t) => {
                    if let Some(cols) = property_table::columns(t) {
                        for mut p in property_table::read(page, &decl.namespace, t, &cols, navigation, index, links, diags) {
                            if let Some(hint) = hints.get(&p.name) {
                                apply_json_hint(&mut p, hint, index, diags);
                            }
                            if let Some(v) = shown.get(&p.name) {
                                apply_json_shape(&mut p, v, diags);
                            }
                            if out.iter().any(|o| o.name == p.name) {
                                diags.push(Code::PropertyDuplicate, p.loc.clone(), format!("property `{}` is listed twice", p.name));
                            } else {
                                out.push(p);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::parse_page;

    fn page(body: &str) -> Page {
        parse_page("resources/x.md", &format!("# x resource type\n\nNamespace: microsoft.graph\n\n{body}"), &mut Diagnostics::new())
    }
    fn targets(p: &Page) -> Vec<String> {
        derived_types(p).into_iter().map(|l| l.target).collect()
    }

    #[test]
    fn derived_types_section_and_prose() {
        let section = page("## Derived types\n\n| Type | Description |\n|:--|:--|\n| [a](./a.md) | The [b](b.md) kind. |\n\n## Properties\n");
        assert_eq!(targets(&section), ["./a.md"]);
        let prose = page("This is a base class; the derived types are [alpha](a.md), [beta](b.md), and [gamma](c.md).\n\n|p|t|\n|-|-|\n|x|y|\n");
        assert_eq!(targets(&prose), ["a.md", "b.md", "c.md"]);
        let before = page("An endpoint. The [a](a.md) and\n[b](b.md) types inherit from this type.\n");
        assert_eq!(targets(&before), ["a.md", "b.md"]);
    }

    #[test]
    fn derived_types_from_an_opened_list() {
        let p = page("A base class for actions in the [s](s.md) of a [d](d.md). Supported derived types:\n\n- [a](a.md) does one thing.\n- [b](b.md) does another.\n\nUnrelated [z](z.md).\n\n## Properties\n");
        // The links after "base class for ... in the" are not derived types.
        assert_eq!(targets(&p), ["a.md", "b.md"]);
    }

    #[test]
    fn every_derived_phrase_holds_a_derived_word() {
        assert!(DERIVED_AFTER.iter().chain(DERIVED_BEFORE).all(|p| DERIVED_WORDS.iter().any(|w| w.is_in(p))));
    }

    #[test]
    fn no_derived_types_in_plain_intro() {
        assert!(targets(&page("Represents a [user](user.md). Inherits from [entity](entity.md).\n")).is_empty());
        assert!(targets(&page("The base type for many other directory entity types.\n")).is_empty());
    }

    #[test]
    fn base_prose_takes_the_link_after_the_phrase() {
        let p = page("Represents a [teamsApp](teamsapp.md) installed for a user.\nThis type inherits from [teamsAppInstallation](teamsappinstallation.md).\n");
        let b = base_prose(&p).unwrap();
        assert_eq!(b.links[0].target, "teamsappinstallation.md");
    }

    #[test]
    fn json_representation_names_types() {
        let p = page("## JSON representation\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.x\" } -->\n```json\n{\n  \"a\": {\"@odata.type\": \"#microsoft.graph.mediaConfig\"},\n  \"b\": \"microsoft.graph.meetingMessageType\",\n  \"c\": \"@odata.type: microsoft.graph.alertFeedback\",\n  \"d\": [{\"@odata.type\": \"microsoft.graph.item\"}],\n  \"e\": \"String\",\n  \"f\": \"String (identifier)\"\n}\n```\n");
        let hints = json_type_hints(&p);
        assert_eq!(hints.get("a").map(String::as_str), Some("microsoft.graph.mediaConfig"));
        assert_eq!(hints.get("b").map(String::as_str), Some("microsoft.graph.meetingMessageType"));
        assert_eq!(hints.get("c").map(String::as_str), Some("microsoft.graph.alertFeedback"));
        assert_eq!(hints.get("d").map(String::as_str), Some("microsoft.graph.item"));
        assert_eq!(hints.len(), 4);
    }

    fn row(resolution: Resolution, description: &str) -> RawProperty {
        RawProperty {
            name: "p".into(),
            resolution,
            collection: false,
            navigation: false,
            nullable: true,
            required: false,
            description: description.into(),
            inherited_from: None,
            loc: crate::diagnostics::Loc::new("x.md", 1),
        }
    }

    #[test]
    fn json_shows_a_single_value_for_a_primitive_collection() {
        let mut diags = Diagnostics::new();
        let string = || Resolution::Ref(TypeRef::Prim(Prim::String));
        let shape = |r: Resolution, v: Value, diags: &mut Diagnostics| {
            let mut p = row(r, "");
            p.collection = true;
            apply_json_shape(&mut p, &v, diags);
            p.collection
        };
        assert!(!shape(string(), Value::from("string"), &mut diags));
        assert!(shape(string(), serde_json::json!(["string"]), &mut diags));
        assert!(shape(string(), Value::from("String collection"), &mut diags));
        // A named type's placeholder object says nothing about how many.
        assert!(shape(Resolution::Ref(TypeRef::Type("microsoft.graph.x".into())), serde_json::json!({"@odata.type": "microsoft.graph.x"}), &mut diags));
        assert!(shape(Resolution::Ref(TypeRef::Type("microsoft.graph.x".into())), Value::from("microsoft.graph.x"), &mut diags));
        assert_eq!(diags.iter().filter(|d| d.code == Code::TypeFromJsonRepresentation).count(), 1);
    }

    #[test]
    fn json_hints_fill_what_the_table_lacks() {
        let mut index = Index::default();
        index.add_type("resources/m.md", "microsoft.graph.mediaConfig");
        index.add_enum("resources/enums.md", "microsoft.graph.status", "status-values");
        let mut diags = Diagnostics::new();
        let apply = |r: Resolution, d: &str, hint: &str, diags: &mut Diagnostics| {
            let mut p = row(r, d);
            apply_json_hint(&mut p, hint, &index, diags);
            p.resolution
        };
        let union = Resolution::Union(vec!["a".into(), "b".into()]);
        assert_eq!(apply(union, "", "microsoft.graph.mediaConfig", &mut diags), Resolution::Ref(TypeRef::Type("microsoft.graph.mediaConfig".into())));
        let string = || Resolution::Ref(TypeRef::Prim(Prim::String));
        assert_eq!(apply(string(), "", "microsoft.graph.status", &mut diags), Resolution::Ref(TypeRef::Enum("microsoft.graph.status".into())));
        // A complex type does not override a primitive the table states.
        assert_eq!(apply(string(), "", "microsoft.graph.mediaConfig", &mut diags), string());
        // An enum named only in the JSON, its values in the prose.
        assert_eq!(apply(string(), "Possible values are: `a`, `b`.", "microsoft.graph.newEnum", &mut diags), Resolution::Unknown("microsoft.graph.newEnum".into()));
        assert_eq!(apply(string(), "The name.", "microsoft.graph.newEnum", &mut diags), string());
        assert_eq!(diags.iter().filter(|d| d.code == Code::TypeFromJsonRepresentation).count(), 3);
    }
}
