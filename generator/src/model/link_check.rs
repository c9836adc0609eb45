//! Every relative link of every page, checked: targets that exist only when case is
//! ignored, and targets that do not exist at all.

use super::links::{Links, Resolved};
use crate::diagnostics::{par_map_init, Code, Diagnostics, Loc};
use crate::pages::{Block, DocsTree, Inline, Page};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::borrow::Borrow;
use std::collections::BTreeSet;

/// Checks every relative link of the tree's pages.
pub fn check_links(tree: &DocsTree, diags: &mut Diagnostics) {
    let links = Links::new(tree.pages.iter().map(|p| p.path.as_str()));
    LinkCheck::new(&links, tree.pages.iter().map(|p| p.path.as_str())).pages(&tree.pages, diags);
}

/// The link check of one tree, run page by page (lowering checks each API page as it lowers
/// it, so that the page can be freed at once, and the other pages while it settles).
pub(super) struct LinkCheck<'l> {
    links: &'l Links,
    /// The top folders the tree holds: links into others (docfx `includes/`, `concepts/` of
    /// a partial checkout) are outside what can be checked here.
    folders: BTreeSet<String>,
}

impl<'l> LinkCheck<'l> {
    pub fn new<'a>(links: &'l Links, paths: impl Iterator<Item = &'a str>) -> Self {
        LinkCheck { links, folders: paths.filter_map(|p| p.split_once('/').map(|(f, _)| f.to_string())).collect() }
    }

    /// Checks pages in parallel, each worker remembering the verdicts it reached.
    pub fn pages<P: Borrow<Page> + Sync>(&self, pages: &[P], diags: &mut Diagnostics) {
        par_map_init(pages.par_iter(), diags, Seen::default, |seen, page, d| self.page(seen, page.borrow(), d));
    }

    /// Checks one page with the verdicts its worker has reached so far.
    pub fn page(&self, seen: &mut Seen, page: &Page, diags: &mut Diagnostics) {
        let folder = folder_of(&page.path);
        // The verdicts for this page's folder, found once a page.
        let verdicts = seen.by_folder.entry(folder.to_string()).or_default();
        let mut check = |inline, line| self.check(verdicts, &page.path, inline, line, diags);
        for b in &page.blocks {
            match b {
                Block::Para(p) => check(&p.text, p.line),
                Block::Heading(h) => check(&h.text, h.line),
                Block::Table(t) => {
                    for row in &t.rows {
                        for cell in &row.cells {
                            check(cell, row.line);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// Checks the links of one text of `page`, with the verdicts reached for its folder.
    fn check(&self, verdicts: &mut FxHashMap<String, Verdict>, page: &str, inline: &Inline, line: u32, diags: &mut Diagnostics) {
        for l in &inline.links {
            if let Some(verdict) = verdicts.get(l.target.as_str()) {
                report(verdict, page, line, &l.target, diags);
                continue;
            }
            let verdict = judge(self.links, &self.folders, page, &l.target);
            report(&verdict, page, line, &l.target, diags);
            verdicts.insert(l.target.clone(), verdict);
        }
    }
}

/// What a link target comes to. It depends only on the folder of the page it is on, and
/// targets repeat across pages (33,315 links on v1.0), so verdicts are remembered by folder
/// and target.
enum Verdict {
    Fine,
    CaseMismatch(String),
    Missing { path: String, wrong_case: bool, known_folder: bool },
}

/// The verdicts a worker has reached, by folder, then target. The keys are owned: a worker
/// outlives the pages it checks, which lowering frees as it goes.
#[derive(Default)]
pub(super) struct Seen {
    by_folder: FxHashMap<String, FxHashMap<String, Verdict>>,
}

/// `api/x.md` → `api`; a page at the root → ``.
fn folder_of(page: &str) -> &str {
    memchr::memrchr(b'/', page.as_bytes()).map_or("", |i| &page[..i])
}

fn judge(links: &Links, folders: &BTreeSet<String>, page: &str, target: &str) -> Verdict {
    match links.resolve(page, target) {
        Resolved::CaseMismatch(p, _) => Verdict::CaseMismatch(p),
        Resolved::Missing(p) => {
            // Page files are named in lowercase; a link that is not points at the right
            // page with the wrong case even when that page is missing from this tree.
            let file = crate::pages::after_last_byte(&p, b'/');
            let wrong_case = file.chars().any(|c| c.is_ascii_uppercase());
            let known_folder = p.split_once('/').is_none_or(|(f, _)| folders.contains(f));
            Verdict::Missing { path: p, wrong_case, known_folder }
        }
        _ => Verdict::Fine,
    }
}

fn report(verdict: &Verdict, page: &str, line: u32, target: &str, diags: &mut Diagnostics) {
    let loc = || Loc::new(page, line);
    match verdict {
        Verdict::Fine => {}
        Verdict::CaseMismatch(p) => diags.push(Code::LinkCaseMismatch, loc(), format!("link `{target}` matches `{p}` only when case is ignored")),
        Verdict::Missing { path, wrong_case, known_folder } => {
            if *wrong_case {
                diags.push(Code::LinkCaseMismatch, loc(), format!("link `{target}` is not lowercase like the page files"));
            }
            if *known_folder {
                diags.push(Code::LinkUnresolved, loc(), format!("link `{target}` points at `{path}`, which does not exist"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::parse_page;

    #[test]
    fn one_target_resolves_by_the_folder_of_each_page() {
        // `b.md` is there from `resources/`, missing from `api/`. One worker remembering
        // verdicts for pages of both folders must not give one folder's to the other.
        let texts = [("resources/b.md", "[x](b.md)\n"), ("api/a.md", "[x](b.md)\n"), ("resources/c.md", "[x](b.md) [y](B.md)\n"), ("api/z.md", "[x](b.md)\n")];
        let mut d = Diagnostics::new();
        let pages: Vec<_> = texts.iter().map(|(path, text)| parse_page(path, text, &mut d)).collect();
        let links = Links::new(pages.iter().map(|p| p.path.as_str()));
        let folders: BTreeSet<String> = ["api".to_string(), "resources".to_string()].into();
        let link_check = LinkCheck { links: &links, folders };
        let mut seen = Seen::default();
        let mut diags = Diagnostics::new();
        for page in &pages {
            link_check.page(&mut seen, page, &mut diags);
        }
        let found: Vec<(String, Code)> = diags.sorted().into_iter().map(|d| (d.loc.file, d.code)).collect();
        assert_eq!(
            found,
            [("api/a.md".to_string(), Code::LinkUnresolved), ("api/z.md".to_string(), Code::LinkUnresolved), ("resources/c.md".to_string(), Code::LinkCaseMismatch)]
        );
    }
}
