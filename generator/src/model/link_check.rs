//! Every relative link of every page, checked: targets that exist only when case is
//! ignored, and targets that do not exist at all.

use super::links::{Links, Resolved};
use crate::diagnostics::{par_map, Code, Diagnostics, Loc};
use crate::pages::{Block, DocsTree, Inline};
use std::collections::BTreeSet;

pub fn check_links(tree: &DocsTree, diags: &mut Diagnostics) {
    let links = Links::new(tree.pages.iter().map(|p| p.path.as_str()));
    // Links into folders the tree does not hold (docfx `includes/`, `concepts/` of a
    // partial checkout) are outside what can be checked here.
    let folders: BTreeSet<&str> = tree.pages.iter().filter_map(|p| p.path.split_once('/').map(|(f, _)| f)).collect();
    par_map(&tree.pages, diags, |page, diags| {
        let check = |inline: &Inline, line: u32, diags: &mut Diagnostics| check(&links, &folders, &page.path, inline, line, diags);
        for b in &page.blocks {
            match b {
                Block::Para(p) => check(&p.text, p.line, diags),
                Block::Heading(h) => check(&h.text, h.line, diags),
                Block::Table(t) => {
                    for row in &t.rows {
                        for cell in &row.cells {
                            check(cell, row.line, diags);
                        }
                    }
                }
                _ => {}
            }
        }
    });
}

fn check(links: &Links, folders: &BTreeSet<&str>, page: &str, inline: &Inline, line: u32, diags: &mut Diagnostics) {
    let loc = || Loc::new(page, line);
    for l in &inline.links {
        match links.resolve(page, &l.target) {
            Resolved::CaseMismatch(p, _) => diags.push(Code::LinkCaseMismatch, loc(), format!("link `{}` matches `{p}` only when case is ignored", l.target)),
            Resolved::Missing(p) => {
                // Page files are named in lowercase; a link that is not points at the right
                // page with the wrong case even when that page is missing from this tree.
                let file = p.rsplit('/').next().unwrap_or(&p);
                if file.chars().any(|c| c.is_ascii_uppercase()) {
                    diags.push(Code::LinkCaseMismatch, loc(), format!("link `{}` is not lowercase like the page files", l.target));
                }
                let known_folder = p.split_once('/').is_none_or(|(f, _)| folders.contains(f));
                if known_folder {
                    diags.push(Code::LinkUnresolved, loc(), format!("link `{}` points at `{p}`, which does not exist", l.target));
                }
            }
            _ => {}
        }
    }
}
