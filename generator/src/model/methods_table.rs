//! A resource page's Methods table read against the operations: a relationship the property
//! table gives as single is a collection when the page lists a method that returns a
//! collection of its type through it (`List replies` → `GET .../messages/{id}/replies`).

use super::base_types::TypeBuild;
use super::links::{Links, Resolved};
use super::{sections, type_cell, Method, Operation, TypeRef};
use crate::diagnostics::{Code, Diagnostics};
use crate::pages::{Block, Page};
use std::collections::BTreeMap;

/// A row of a Methods table: the API page its method links to, and whether its return type
/// says "collection".
pub type MethodRow = (String, bool);

/// Every row of a resource page's Methods tables (read with the page's properties, so that
/// the pages can be freed before the operations are joined to the types).
pub fn rows(page: &Page, links: &Links) -> Vec<MethodRow> {
    let Some(s) = sections::find(page, |t| t == "methods" || t.starts_with("methods ")) else { return Vec::new() };
    let mut out = Vec::new();
    for b in s.blocks {
        let Block::Table(t) = b else { continue };
        let ret = t.header.iter().position(|h| h.text.to_ascii_lowercase().contains("return")).unwrap_or(1);
        for row in &t.rows {
            let (Some(method), Some(returns)) = (row.cells.first(), row.cells.get(ret)) else { continue };
            let Some(link) = method.links.first() else { continue };
            let path = match links.resolve(&page.path, &link.target) {
                Resolved::Exact(p, _) | Resolved::CaseMismatch(p, _) => p,
                _ => continue,
            };
            out.push((path, type_cell::parse(returns).collection));
        }
    }
    out
}

/// The last literal segment of a path (`/chats/{id}/messages/{id}/replies` → `replies`).
fn last_segment(path: &str) -> Option<&str> {
    let last = path.trim_end_matches('/').rsplit('/').next()?;
    (!last.is_empty() && !last.contains(['{', '(', ':', '$'])).then_some(last)
}

/// Makes collections of the single-valued properties a page's methods list as collections.
pub fn settle(types: &mut BTreeMap<String, TypeBuild>, ops: &[Operation], diags: &mut Diagnostics) {
    let mut by_page: BTreeMap<&str, Vec<&Operation>> = BTreeMap::new();
    for op in ops {
        by_page.entry(op.loc.file.as_str()).or_default().push(op);
    }
    for build in types.values_mut() {
        for (api, collection) in std::mem::take(&mut build.methods) {
            if !collection {
                continue;
            }
            for op in by_page.get(api.as_str()).into_iter().flatten() {
                let Some(TypeRef::Type(returned)) = op.response.ty.as_ref().filter(|_| op.method == Method::Get && op.response.collection) else { continue };
                for segment in op.paths.iter().filter_map(|p| last_segment(&p.text)) {
                    let found = build.def.properties.iter_mut().find(|p| {
                        p.name.eq_ignore_ascii_case(segment) && !p.collection && matches!(&p.ty, TypeRef::Type(q) if q.eq_ignore_ascii_case(returned))
                    });
                    if let Some(p) = found {
                        diags.push(Code::CollectionFromMethods, p.loc.clone(), format!("`{}` is given as one `{returned}`, but the page's method `{}` lists a collection of them", p.name, op.name));
                        p.collection = true;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_rows_with_their_return_kind() {
        let text = "# chatMessage resource type\n\n## Methods\n\n| Method | Return type | Description |\n|:--|:--|:--|\n| [List replies](../api/chatmessage-list-replies.md) | [chatMessage](chatmessage.md) collection | Replies. |\n| [Get reply](../api/chatmessage-get.md) | [chatMessage](chatmessage.md) | One. |\n| [Gone](../api/missing.md) | [chatMessage](chatmessage.md) collection | Missing. |\n\n## Properties\n";
        let page = crate::pages::parse_page("resources/chatmessage.md", text, &mut Diagnostics::new());
        let links = Links::new(["resources/chatmessage.md", "api/chatmessage-list-replies.md", "api/chatmessage-get.md"].into_iter());
        assert_eq!(rows(&page, &links), [("api/chatmessage-list-replies.md".to_string(), true), ("api/chatmessage-get.md".to_string(), false)]);
    }

    #[test]
    fn last_literal_segments() {
        assert_eq!(last_segment("/chats/{id}/messages/{id}/replies"), Some("replies"));
        assert_eq!(last_segment("/chats/{id}/messages/{id}/"), None);
        assert_eq!(last_segment("/me/drive/root:/{path}:"), None);
        assert_eq!(last_segment("/me/messages/$count"), None);
    }
}
