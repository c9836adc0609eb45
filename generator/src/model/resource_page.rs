//! Resource pages → type declarations and their property rows.

use super::index::Index;
use super::links::Links;
use super::property_table::{self, RawProperty};
use super::sections;
use crate::diagnostics::{Code, Diagnostics};
use crate::pages::{Annotation, Block, Inline, Page};

/// What a resource page declares before its properties are read.
#[derive(Clone, Debug)]
pub struct Decl {
    pub qname: String,
    pub namespace: String,
    pub name: String,
    pub annotation: Option<Annotation>,
    /// "Inherits from [x](x.md)" prose.
    pub base_prose: Option<Inline>,
    pub description: String,
    pub line: u32,
}

/// The namespace a page states (`Namespace: microsoft.graph`), if any.
pub fn page_namespace(page: &Page) -> Option<String> {
    page.blocks.iter().take(12).find_map(|b| match b {
        Block::Para(p) => {
            let t = p.text.text.trim();
            let rest = t.strip_prefix("Namespace:").or_else(|| t.strip_prefix("Namespace :"))?;
            let ns = rest.trim().trim_matches('`').split_whitespace().next()?.trim_end_matches('.');
            (!ns.is_empty()).then(|| ns.to_string())
        }
        _ => None,
    })
}

/// The resource annotation of the page (`blockType: resource`).
fn resource_annotation(page: &Page) -> Option<&Annotation> {
    page.blocks.iter().find_map(|b| match b {
        Block::Annotation(a) if a.block_type() == "resource" => Some(a),
        _ => None,
    })
}

/// `# user resource type` → `user`.
fn title_name(page: &Page) -> Option<(String, u32)> {
    let h = sections::title(page)?;
    let t = h.text.text.replace('\u{a0}', " ");
    let lower = t.to_ascii_lowercase();
    for suffix in [" resource type", " complex type", " entity type", " resource"] {
        if let Some(i) = lower.rfind(suffix) {
            let name = t[..i].trim().trim_matches('`').trim();
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
    Some(Decl { qname, namespace, name, annotation: ann, base_prose: base_prose(page), description: description(page), line })
}

/// The first paragraph after the title that is not the namespace line or a note.
fn description(page: &Page) -> String {
    let mut seen_title = false;
    for b in &page.blocks {
        match b {
            Block::Heading(h) if h.level == 1 => seen_title = true,
            Block::Heading(_) if seen_title => break,
            Block::Para(p) if seen_title => {
                let t = p.text.text.trim();
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
                if let Some(i) = lower.find("inherits from").or_else(|| lower.find("derives from")).or_else(|| lower.find("derived from")) {
                    let after = &p.text.text[i..];
                    let link = p.text.links.iter().find(|l| after.contains(&l.text) && !l.text.is_empty());
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

/// Property and relationship rows of the page.
pub fn properties(page: &Page, decl: &Decl, index: &Index, links: &Links, diags: &mut Diagnostics) -> Vec<RawProperty> {
    let mut out: Vec<RawProperty> = Vec::new();
    for s in sections::all(page) {
        let title = s.title();
        let navigation = title.contains("relationship") || title.contains("navigation");
        if !(navigation || title.contains("propert")) || title.contains("values") {
            continue;
        }
        // Only the section's own tables: nested sections are visited on their own.
        for b in s.blocks {
            match b {
                Block::Heading(_) => break,
                Block::Table(t) => {
                    if let Some(cols) = property_table::columns(t) {
                        for p in property_table::read(page, &decl.namespace, t, &cols, navigation, index, links, diags) {
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
