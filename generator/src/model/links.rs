//! Resolving relative links between pages, ignoring case where the docs got it wrong.

use rustc_hash::{FxHashMap, FxHashSet};
use crate::pages::TrimFast;

/// How a link target was found.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// The page path (relative to the root) and the anchor, if any.
    Exact(String, Option<String>),
    /// Found only when case is ignored.
    CaseMismatch(String, Option<String>),
    /// An in-page anchor (`#x-values`).
    Anchor(String),
    /// Outside the tree (absolute URL, site path): not ours to check.
    External,
    Missing(String),
}

/// Only looked up, never iterated: hashed for speed (Fx: the keys are the tree's own paths,
/// not attacker-chosen), with no effect on output order.
pub struct Links {
    /// Lowercased path → real path.
    lower: FxHashMap<String, String>,
    exact: FxHashSet<String>,
}

impl Links {
    pub fn new<'a>(paths: impl Iterator<Item = &'a str>) -> Self {
        let mut lower = FxHashMap::default();
        let mut exact = FxHashSet::default();
        for p in paths {
            lower.entry(p.to_ascii_lowercase()).or_insert_with(|| p.to_string());
            exact.insert(p.to_string());
        }
        Links { lower, exact }
    }

    /// Resolves `target` as written on page `from`.
    pub fn resolve(&self, from: &str, target: &str) -> Resolved {
        let target = target.trim_fast().trim_start_matches('<').trim_end_matches('>');
        if let Some(anchor) = target.strip_prefix('#') {
            return Resolved::Anchor(anchor.to_ascii_lowercase());
        }
        if crate::pages::has_scheme(target) || target.starts_with('/') || target.starts_with("mailto:") {
            return Resolved::External;
        }
        // Byte searches: set up for nothing, unlike `str`'s character search (17,000 links a
        // v1.0 run resolves).
        let (file, anchor) = match memchr::memchr(b'#', target.as_bytes()) {
            Some(at) => (&target[..at], Some(target[at + 1..].to_ascii_lowercase())),
            None => (target, None),
        };
        let file = memchr::memchr(b'?', file.as_bytes()).map_or(file, |at| &file[..at]);
        if !file.get(file.len().saturating_sub(3)..).is_some_and(|ext| ext.eq_ignore_ascii_case(".md")) {
            return Resolved::External;
        }
        let joined = join(from, file);
        if self.exact.contains(&joined) {
            return Resolved::Exact(joined, anchor);
        }
        match self.lower.get(&joined.to_ascii_lowercase()) {
            Some(real) => Resolved::CaseMismatch(real.clone(), anchor),
            None => Resolved::Missing(joined),
        }
    }
}

/// Joins a relative link (`/` or `\\` separated) to the directory of `from`, resolving `.`
/// and `..`.
fn join(from: &str, rel: &str) -> String {
    // The segments so far, joined by `/` as they are pushed; `count` tells an empty first
    // segment (`from` = `/x.md`) from none.
    let (dir, mut count) = match memchr::memrchr(b'/', from.as_bytes()) {
        Some(i) => (&from[..i], from.bytes().filter(|&b| b == b'/').count()),
        None => ("", 0),
    };
    let mut out = String::with_capacity(from.len() + rel.len());
    out.push_str(dir);
    // One search for both separators: a character search per segment cost more in setting
    // up than in searching.
    let mut start = 0;
    for end in memchr::memchr2_iter(b'/', b'\\', rel.as_bytes()).chain(std::iter::once(rel.len())) {
        // Both separators are ASCII: the segment's bounds are character boundaries.
        let seg = &rel[start..end];
        start = end + 1;
        match seg {
            "" | "." => {}
            ".." => {
                count = count.saturating_sub(1);
                out.truncate(memchr::memrchr(b'/', out.as_bytes()).filter(|_| count > 0).unwrap_or(0));
            }
            s => {
                if count > 0 {
                    out.push('/');
                }
                out.push_str(s);
                count += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links() -> Links {
        Links::new(["api/user-get.md", "resources/user.md", "resources/identityset.md"].into_iter())
    }

    #[test]
    fn relative_and_case() {
        let l = links();
        assert_eq!(l.resolve("api/user-get.md", "../resources/user.md"), Resolved::Exact("resources/user.md".into(), None));
        assert_eq!(l.resolve("resources/user.md", "IdentitySet.md#x"), Resolved::CaseMismatch("resources/identityset.md".into(), Some("x".into())));
        assert_eq!(l.resolve("resources/user.md", "..\\resources\\user.md"), Resolved::Exact("resources/user.md".into(), None));
        assert_eq!(l.resolve("resources/user.md", "#agegroup-values"), Resolved::Anchor("agegroup-values".into()));
        assert_eq!(l.resolve("resources/user.md", "/graph/overview"), Resolved::External);
        assert_eq!(l.resolve("resources/user.md", "nothere.md"), Resolved::Missing("resources/nothere.md".into()));
    }

    #[test]
    fn joins_like_a_stack_of_segments() {
        assert_eq!(join("api/x.md", "../resources/./user.md"), "resources/user.md");
        assert_eq!(join("api/x.md", "..\\..\\..\\a.md"), "a.md");
        assert_eq!(join("x.md", "a//b.md"), "a/b.md");
        assert_eq!(join("/x.md", "a.md"), "/a.md");
        assert_eq!(join("/x.md", "../a.md"), "a.md");
        assert_eq!(join("a//x.md", "b.md"), "a//b.md");
        assert_eq!(join("a//x.md", "../b.md"), "a/b.md");
        assert_eq!(join("a/b/x.md", "../../c.md"), "c.md");
    }
}
