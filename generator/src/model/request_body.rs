//! An API page's request body section: a table of properties or parameters, a type its
//! prose names (linked or not, one or an array), raw bytes, a reference, or nothing.

use super::index::{Index, Resolution};
use super::links::Links;
use super::property_table::{self, RawProperty};
use super::{sections, type_cell, Method, Response, TypeRef};
use crate::diagnostics::Diagnostics;
use crate::pages::{Block, Inline, Page};

pub enum BodyProse {
    None,
    Bytes,
    Ref,
    Some,
}

/// Rows, the type the prose names (resolved, or only its name), the kind, and whether the
/// prose sends an array of that type.
pub type BodyParts = (Vec<RawProperty>, Option<Resolution>, Option<String>, BodyProse, bool);

/// The request body section: nothing, raw bytes, a type named in prose, or a table. Only
/// prose before the first table names the body's type: links after a parameter table
/// explain its rows ("the following resources are supported: [chat](chat.md)").
pub fn read(page: &Page, namespace: &str, index: &Index, links: &Links, diags: &mut Diagnostics) -> BodyParts {
    let Some(s) = sections::find(page, |t| t.starts_with("request body")) else { return (Vec::new(), None, None, BodyProse::None, false) };
    let mut rows = Vec::new();
    let mut named = None;
    let mut named_text = None;
    let mut collection = false;
    let mut prose = String::new();
    for b in s.blocks {
        match b {
            Block::Heading(_) => break,
            Block::Table(t) => {
                if let Some(cols) = property_table::columns(t) {
                    rows.extend(property_table::read(page, namespace, t, &cols, false, index, links, diags));
                }
            }
            Block::Para(p) => {
                prose.push_str(&p.text.text.to_ascii_lowercase());
                prose.push(' ');
                if named.is_none() && rows.is_empty() {
                    for l in &p.text.links {
                        let cell = type_cell::parse(&Inline::of_link(l));
                        match index.resolve_cell(links, &page.path, namespace, &cell) {
                            Resolution::Ref(r @ TypeRef::Type(_)) => {
                                named = Some(Resolution::Ref(r));
                                collection = names_an_array(&p.text.text, &l.text);
                                break;
                            }
                            Resolution::Unknown(n) if named_text.is_none() && l.target.to_ascii_lowercase().contains("resources/") => named_text = Some(n),
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }
    }
    if named.is_none() && named_text.is_none() {
        named = prose_type(&prose, namespace, index).map(Resolution::Ref);
    }
    let none = prose.contains("do not supply") || prose.contains("don't supply") || prose.contains("no request body") || prose.contains("not supply a request body");
    if none && rows.is_empty() {
        return (rows, None, None, BodyProse::None, false);
    }
    if (prose.contains("binary") || prose.contains("byte stream") || prose.contains("contents of the file") || prose.contains("content of the file"))
        && rows.is_empty() && named.is_none() {
            return (rows, None, None, BodyProse::Bytes, false);
        }
    if rows.is_empty() && named.is_none() && named_text.is_none() {
        let is_ref = page.stem().contains("ref") || prose.contains("@odata.id");
        return (rows, None, None, if is_ref { BodyProse::Ref } else { BodyProse::None }, false);
    }
    (rows, named, named_text, BodyProse::Some, collection)
}

/// Whether the sentence holding `link` sends several: "an array of [x] objects", "a
/// collection of [x]", "a list of [x]", "[x] collection" (not "for the list of properties,
/// see [x]": the words must touch the link).
fn names_an_array(text: &str, link: &str) -> bool {
    let Some(at) = text.find(link).filter(|_| !link.is_empty()) else { return false };
    let before: Vec<String> = text[..at].split_whitespace().rev().take(3).map(|w| w.trim_matches(|c: char| !c.is_ascii_alphanumeric()).to_ascii_lowercase()).collect();
    let before: Vec<&str> = before.iter().map(String::as_str).filter(|w| !matches!(*w, "" | "the")).collect();
    let after = text[at + link.len()..].split_whitespace().next().map(|w| w.trim_matches(|c: char| !c.is_ascii_alphanumeric()).to_ascii_lowercase()).unwrap_or_default();
    matches!(before.as_slice(), ["of", "array" | "collection" | "list", ..]) || matches!(after.as_str(), "collection" | "array")
}


/// "supply a JSON representation for the androidLobApp object": a type the body prose names
/// without a link, when a page defines it.
fn prose_type(prose: &str, namespace: &str, index: &Index) -> Option<TypeRef> {
    let words: Vec<&str> = prose.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        if !matches!(*w, "for" | "of") || words.get(i.wrapping_sub(1)).is_none_or(|p| *p != "representation") {
            continue;
        }
        let mut j = i + 1;
        if words.get(j).is_some_and(|a| matches!(*a, "the" | "a" | "an")) {
            j += 1;
        }
        let (Some(name), Some(next)) = (words.get(j), words.get(j + 1)) else { continue };
        if !next.starts_with("object") && !next.starts_with("resource") && !next.starts_with("entity") {
            continue;
        }
        let name = name.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '.');
        if let Some(t @ TypeRef::Type(_)) = index.by_name(name, namespace) {
            return Some(t);
        }
    }
    None
}

/// An update (PATCH or PUT) whose body is a table of the resource's properties and whose
/// prose names no type: the type it returns, else the type the title names ("Update
/// plannerTask", "Update user").
#[allow(clippy::too_many_arguments)]
pub fn update_type(method: Method, rows: &[RawProperty], unknown: &Option<String>, response: &Response, title: &str, namespace: &str, index: &Index) -> Option<Resolution> {
    if !matches!(method, Method::Patch | Method::Put) || rows.is_empty() || unknown.is_some() {
        return None;
    }
    if let Some(t @ TypeRef::Type(_)) = &response.ty {
        if !response.collection {
            return Some(Resolution::Ref(t.clone()));
        }
    }
    let words: Vec<&str> = title.split(|c: char| !c.is_ascii_alphanumeric() && c != '.').filter(|w| !w.is_empty()).collect();
    let verb = words.first().map(|w| w.to_ascii_lowercase());
    if !matches!(verb.as_deref(), Some("update" | "replace" | "patch")) {
        return None;
    }
    // Runs of title words, longest first: "Update a group setting" names groupSetting, not group.
    let rest = &words[1..];
    let mut runs: Vec<String> = (1..=rest.len()).flat_map(|len| rest.windows(len).map(|r| r.concat())).collect();
    runs.sort_by_key(|r| std::cmp::Reverse(r.len()));
    runs.iter().find_map(|r| match index.by_name(r, namespace) {
        Some(t @ TypeRef::Type(_)) => Some(Resolution::Ref(t)),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::api_page::tests::{index, page};

    #[test]
    fn body_prose_after_a_parameter_table_names_no_type() {
        let ix = index();
        let links = Links::new(["api/x.md", "resources/group.md"].into_iter());
        let p = page("# Notify\n\n## Request body\n\n| Parameter | Type | Description |\n|:--|:--|:--|\n| topic | String | The topic. |\n\nThe following resources are supported:\n\n- [group](../resources/group.md)\n");
        let (rows, named, _, _, _) = read(&p, "microsoft.graph", &ix, &links, &mut Diagnostics::new());
        assert_eq!(rows.len(), 1);
        assert_eq!(named, None);
        let p = page("# Update\n\n## Request body\n\nIn the request body, supply an array of [group](../resources/group.md) objects.\n");
        let (_, named, _, _, collection) = read(&p, "microsoft.graph", &ix, &links, &mut Diagnostics::new());
        assert_eq!(named, Some(Resolution::Ref(TypeRef::Type("microsoft.graph.group".into()))));
        assert!(collection);
    }

    #[test]
    fn arrays_named_around_a_link() {
        assert!(names_an_array("In the request body, supply an array of patchContentCommand objects.", "patchContentCommand"));
        assert!(names_an_array("Supply a collection of the group objects.", "group"));
        assert!(names_an_array("Supply a group collection.", "group"));
        assert!(!names_an_array("For the list of properties, see group.", "group"));
        assert!(!names_an_array("Supply a JSON representation of a group object.", "group"));
    }

    #[test]
    fn body_type_named_in_prose_without_a_link() {
        let ix = index();
        let t = prose_type("in the request body, supply a json representation for the androidlobapp object. ", "microsoft.graph", &ix);
        assert_eq!(t, Some(TypeRef::Type("microsoft.graph.androidLobApp".into())));
        assert_eq!(prose_type("supply a json representation of the parameters.", "microsoft.graph", &ix), None);
    }

    #[test]
    fn update_bodies_take_the_type_the_title_names() {
        let ix = index();
        let row = RawProperty { name: "displayName".into(), resolution: Resolution::Empty, collection: false, navigation: false, nullable: true, required: false, description: String::new(), inherited_from: None, loc: crate::diagnostics::Loc::new("api/x.md", 1) };
        let none = Response { status: 204, ty: None, collection: false };
        let got = |title: &str, method| match update_type(method, std::slice::from_ref(&row), &None, &none, title, "microsoft.graph", &ix) {
            Some(Resolution::Ref(TypeRef::Type(t))) => Some(t),
            _ => None,
        };
        assert_eq!(got("Update a group setting", Method::Patch).as_deref(), Some("microsoft.graph.groupSetting"));
        assert_eq!(got("Update a delegated permission grant (oAuth2PermissionGrant)", Method::Patch).as_deref(), Some("microsoft.graph.oAuth2PermissionGrant"));
        assert_eq!(got("Update group", Method::Post), None);
        assert_eq!(got("Add a group setting", Method::Patch), None);
        let typed = Response { status: 200, ty: Some(TypeRef::Type("microsoft.graph.group".into())), collection: false };
        assert!(matches!(update_type(Method::Patch, std::slice::from_ref(&row), &None, &typed, "Update x", "microsoft.graph", &ix), Some(Resolution::Ref(TypeRef::Type(t))) if t == "microsoft.graph.group"));
    }
}
