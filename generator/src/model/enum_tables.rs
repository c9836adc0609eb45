//! Enums from tables: `### x values` sections (enums pages and local sections of resource
//! pages) and `# x enum type` pages with a `## Members` table, in every table shape the docs
//! use: `Member|Value|Description`, `Member`, `Member|Description`, `Value|Description`,
//! `Member|Value`, `Name|Value|Description`.

use super::sections::{self, normalize_title};
use super::{EnumDef, EnumMember};
use crate::diagnostics::{Code, Diagnostics};
use crate::pages::{Block, Page, Table, TrimFast};

/// An enum found on a page, before namespaces and duplicates are settled.
pub struct Found {
    pub def: EnumDef,
    /// The anchor a `[x](#x-values)` link uses to point at it.
    pub anchor: String,
}

/// Every enum table on the page.
pub fn find(page: &Page, namespace: &str, area: &str, diags: &mut Diagnostics) -> Vec<Found> {
    let mut out = Vec::new();
    for s in sections::all(page) {
        let title = s.title();
        let raw = crate::pages::plain_spaces(&s.heading.text.text);
        let name = if let Some(n) = strip_suffix_ci(raw.trim_fast(), " values") {
            n
        } else if let Some(n) = strip_suffix_ci(raw.trim_fast(), " enum type") {
            n
        } else if let Some(n) = strip_suffix_ci(raw.trim_fast(), " enumeration") {
            n
        } else {
            continue;
        };
        let name = name.trim_fast().trim_matches(|c: char| c == '`' || c == '*').trim_fast();
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.') {
            continue;
        }
        let Some(table) = s.blocks.iter().find_map(|b| match b {
            Block::Table(t) if member_column(t).is_some() => Some(t),
            _ => None,
        }) else {
            continue;
        };
        let prose: String = s
            .blocks
            .iter()
            .take_while(|b| !matches!(b, Block::Table(_)))
            .filter_map(|b| if let Block::Para(p) = b { Some(p.text.text.to_ascii_lowercase()) } else { None })
            .collect::<Vec<_>>()
            .join(" ");
        let members = members(page, table, diags);
        if members.is_empty() {
            diags.push(Code::EnumEmpty, page.loc(s.heading.line), format!("enum `{name}` lists no members"));
            continue;
        }
        let (namespace, simple) = match name.rsplit_once('.') {
            Some((ns, n)) => (ns.to_string(), n.to_string()),
            None => (namespace.to_string(), name.to_string()),
        };
        let flags = prose.contains("flag") || looks_like_flags(&members);
        let description = prose_of(s.blocks);
        out.push(Found {
            anchor: anchor_of(title),
            def: EnumDef {
                qname: format!("{namespace}.{simple}"),
                namespace,
                name: simple,
                flags,
                members,
                description,
                derived_name: false,
                area: area.to_string(),
                loc: page.loc(s.heading.line),
            },
        });
    }
    out
}

fn strip_suffix_ci<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let n = s.len().checked_sub(suffix.len())?;
    (s.is_char_boundary(n) && s[n..].eq_ignore_ascii_case(suffix)).then(|| &s[..n])
}

/// The anchor GitHub/docfx give a heading: lowercase, spaces to `-`, punctuation dropped.
pub fn anchor_of(title: &str) -> String {
    title
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

fn prose_of(blocks: &[Block]) -> String {
    blocks
        .iter()
        .take_while(|b| !matches!(b, Block::Table(_) | Block::Heading(_)))
        .filter_map(|b| if let Block::Para(p) = b { Some(p.text.text.trim_fast().to_string()) } else { None })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The column that holds member names, if the table is a member table at all.
fn member_column(t: &Table) -> Option<usize> {
    let h: Vec<String> = t.header.iter().map(|c| normalize_title(&c.text)).collect();
    if let Some(i) = h.iter().position(|c| c == "member" || c == "members" || c == "name" || c == "member name" || c == "enum value") {
        return Some(i);
    }
    // `Value|Description`: the values are the names unless they are numbers.
    if h.first().is_some_and(|c| c == "value") {
        let numeric = t.rows.iter().all(|r| r.cells.first().is_some_and(|c| c.text.trim_fast().parse::<i64>().is_ok()));
        return (!numeric).then_some(0);
    }
    None
}

fn members(page: &Page, t: &Table, diags: &mut Diagnostics) -> Vec<EnumMember> {
    let Some(name_col) = member_column(t) else { return Vec::new() };
    let h: Vec<String> = t.header.iter().map(|c| normalize_title(&c.text)).collect();
    let value_col = h.iter().enumerate().position(|(i, c)| i != name_col && c == "value");
    let desc_col = h.iter().position(|c| c.contains("description"));
    let mut out: Vec<EnumMember> = Vec::new();
    for row in &t.rows {
        let Some(cell) = row.cells.get(name_col) else { continue };
        let name = cell.text.trim_fast().trim_matches(|c: char| c == '`' || c == '*' || c == '"').trim_fast().to_string();
        if name.is_empty() || name.chars().all(|c| c == '-') {
            continue;
        }
        if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            diags.push(Code::EnumMemberNotIdentifier, page.loc(row.line), format!("enum member `{name}` is not an identifier"));
        }
        if out.iter().any(|m| m.name == name) {
            continue;
        }
        let value = value_col.and_then(|i| row.cells.get(i)).and_then(|c| c.text.trim_fast().trim_matches('`').parse::<i64>().ok());
        let description = desc_col.and_then(|i| row.cells.get(i)).map(|c| c.text.trim_fast().to_string()).unwrap_or_default();
        out.push(EnumMember { name, value, description });
    }
    out
}

/// Values 1, 2, 4, 8, ... (0 allowed): a flags enum even when the prose does not say so.
fn looks_like_flags(members: &[EnumMember]) -> bool {
    let values: Vec<i64> = members.iter().filter_map(|m| m.value).collect();
    values.len() == members.len()
        && values.iter().filter(|&&v| v > 0).count() >= 3
        && values.iter().all(|&v| v == 0 || (v > 0 && (v & (v - 1)) == 0))
        && values.iter().any(|&v| v >= 4)
}
