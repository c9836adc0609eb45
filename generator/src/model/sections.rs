//! Sections of a page: the blocks under a heading, up to the next heading of the same or a
//! higher level. Tab markers do not end sections.

use crate::pages::{Block, Heading, Page};

pub struct Section<'p> {
    pub heading: &'p Heading,
    pub blocks: &'p [Block],
}

impl<'p> Section<'p> {
    pub fn title(&self) -> String {
        normalize_title(&self.heading.text.text)
    }
}

/// Headings compared loosely: trimmed, lowercase, non-breaking spaces as spaces.
pub fn normalize_title(t: &str) -> String {
    t.replace('\u{a0}', " ").split_whitespace().collect::<Vec<_>>().join(" ").to_ascii_lowercase()
}

/// Every section of the page, in order, nested ones included.
pub fn all(page: &Page) -> Vec<Section<'_>> {
    let mut out = Vec::new();
    for (i, b) in page.blocks.iter().enumerate() {
        if let Block::Heading(h) = b {
            let end = page.blocks[i + 1..]
                .iter()
                .position(|b| matches!(b, Block::Heading(h2) if h2.level <= h.level))
                .map_or(page.blocks.len(), |p| i + 1 + p);
            out.push(Section { heading: h, blocks: &page.blocks[i + 1..end] });
        }
    }
    out
}

/// The first section whose normalized title satisfies `pred`.
pub fn find<'p>(page: &'p Page, pred: impl Fn(&str) -> bool) -> Option<Section<'p>> {
    all(page).into_iter().find(|s| pred(&s.title()))
}

/// The page's first H1 heading text.
pub fn title(page: &Page) -> Option<&Heading> {
    page.blocks.iter().find_map(|b| match b {
        Block::Heading(h) if h.level == 1 => Some(h),
        _ => None,
    })
}
