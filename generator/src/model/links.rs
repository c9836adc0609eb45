//! Resolving relative links between pages, ignoring case where the docs got it wrong.

use std::collections::BTreeMap;

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

pub struct Links {
    /// Lowercased path → real path.
    lower: BTreeMap<String, String>,
    exact: std::collections::BTreeSet<String>,
}

impl Links {
    pub fn new<'a>(paths: impl Iterator<Item = &'a str>) -> Self {
        let mut lower = BTreeMap::new();
        let mut exact = std::collections::BTreeSet::new();
        for p in paths {
            lower.entry(p.to_ascii_lowercase()).or_insert_with(|| p.to_string());
            exact.insert(p.to_string());
        }
        Links { lower, exact }
    }

    /// Resolves `target` as written on page `from`.
    pub fn resolve(&self, from: &str, target: &str) -> Resolved {
        let target = target.trim().trim_start_matches('<').trim_end_matches('>');
        if let Some(anchor) = target.strip_prefix('#') {
            return Resolved::Anchor(anchor.to_ascii_lowercase());
        }
        if target.contains("://") || target.starts_with('/') || target.starts_with("mailto:") {
            return Resolved::External;
        }
        let (file, anchor) = match target.split_once('#') {
            Some((f, a)) => (f, Some(a.to_ascii_lowercase())),
            None => (target, None),
        };
        let file = file.split('?').next().unwrap_or(file);
        if !file.get(file.len().saturating_sub(3)..).is_some_and(|ext| ext.eq_ignore_ascii_case(".md")) {
            return Resolved::External;
        }
        let joined = join(from, &file.replace('\\', "/"));
        if self.exact.contains(&joined) {
            return Resolved::Exact(joined, anchor);
        }
        match self.lower.get(&joined.to_ascii_lowercase()) {
            Some(real) => Resolved::CaseMismatch(real.clone(), anchor),
            None => Resolved::Missing(joined),
        }
    }
}

/// Joins a relative link to the directory of `from`, resolving `.` and `..`.
fn join(from: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
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
}
