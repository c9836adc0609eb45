//! Sections of a page: the blocks under a heading, up to the next heading of the same or a
//! higher level. Tab markers do not end sections.

use crate::pages::{Block, Heading, Page};

pub use crate::pages::normalize_title;

pub struct Section<'p> {
    pub heading: &'p Heading,
    pub blocks: &'p [Block],
}

impl<'p> Section<'p> {
    /// The heading's normalized title.
    pub fn title(&self) -> &'p str {
        &self.heading.title
    }
}

/// Every section of the page, in order, nested ones included.
pub fn all(page: &Page) -> Vec<Section<'_>> {
    headings(page).map(|(i, h)| section_at(page, i, h)).collect()
}

/// The first section whose normalized title satisfies `pred`.
pub fn find<'p>(page: &'p Page, pred: impl Fn(&str) -> bool) -> Option<Section<'p>> {
    headings(page).find(|(_, h)| pred(&h.title)).map(|(i, h)| section_at(page, i, h))
}

fn headings(page: &Page) -> impl Iterator<Item = (usize, &Heading)> {
    page.blocks.iter().enumerate().filter_map(|(i, b)| match b {
        Block::Heading(h) => Some((i, h)),
        _ => None,
    })
}

/// The section of the heading at `blocks[i]`.
fn section_at<'p>(page: &'p Page, i: usize, heading: &'p Heading) -> Section<'p> {
    let rest = &page.blocks[i + 1..];
    let end = rest.iter().position(|b| matches!(b, Block::Heading(h) if h.level <= heading.level)).unwrap_or(rest.len());
    Section { heading, blocks: &rest[..end] }
}

/// The page's first H1 heading text.
pub fn title(page: &Page) -> Option<&Heading> {
    page.blocks.iter().find_map(|b| match b {
        Block::Heading(h) if h.level == 1 => Some(h),
        _ => None,
    })
}
