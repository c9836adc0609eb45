//! Walking a docs tree: every `.md` page, sorted, read and parsed (in parallel, merged in
//! path order so output does not depend on thread count).

use super::{parse_page, Page};
use crate::diagnostics::{par_map, Code, Diagnostics, Loc};
use std::path::{Path, PathBuf};

/// Folders and files the docs team's own tooling skips (`config/schema-config.json`).
const FOLDERS_TO_SKIP: &[&str] = &["templates", "includes", "config", "snippets"];
const FILES_TO_SKIP: &[&str] = &["changelog.md", "contributing.md", "issue_template.md", "readme.md", "license.md", "index.md"];

/// All pages of a docs tree.
#[derive(Debug, Default)]
pub struct DocsTree {
    /// The root as given.
    pub root: PathBuf,
    /// Pages sorted by relative path.
    pub pages: Vec<Page>,
    /// Every file read, for `cargo:rerun-if-changed`.
    pub files: Vec<PathBuf>,
}

/// Reads every page under `root`. A missing root or a tree without pages is a usage error;
/// problems inside pages are diagnostics.
pub fn read_tree(root: &Path, diags: &mut Diagnostics) -> Result<DocsTree, String> {
    read_tree_with(root, diags, |_, _| ()).map(|(tree, _)| tree)
}

/// [`read_tree`], with what `with` finds in each page as it is read (in the same parallel
/// task, while the page is still in the cache), in page order.
pub fn read_tree_with<T: Send>(root: &Path, diags: &mut Diagnostics, with: impl Fn(&Page, &mut Diagnostics) -> T + Sync) -> Result<(DocsTree, Vec<T>), String> {
    let meta = std::fs::metadata(root).map_err(|e| format!("cannot read docs root `{}`: {e}", root.display()))?;
    if !meta.is_dir() {
        return Err(format!("docs root `{}` is not a directory", root.display()));
    }
    let mut files = Vec::new();
    // Unsorted: `files` is sorted below (sorting every directory by name costs more than the walk).
    let walker = walkdir::WalkDir::new(root).follow_links(false).into_iter();
    for entry in walker.filter_entry(|e| e.depth() == 0 || !skip_dir(e)) {
        match entry {
            Ok(e) if e.file_type().is_file() && is_page(e.path()) => files.push(e.into_path()),
            Ok(_) => {}
            Err(e) => {
                let path = e.path().map(|p| rel(root, p)).unwrap_or_default();
                diags.push(Code::PageUnreadable, Loc::new(path, 0), e.to_string());
            }
        }
    }
    sort_paths(&mut files);
    if files.is_empty() {
        return Err(format!("docs root `{}` holds no markdown pages", root.display()));
    }
    let read = par_map(&files, diags, |file, d| read_page(root, file, d).map(|page| {
        let found = with(&page, d);
        (page, found)
    }));
    // Sized once: a page is large, and each doubling of an unsized vector copied them all.
    let (mut pages, mut found) = (Vec::with_capacity(read.len()), Vec::with_capacity(read.len()));
    for (page, f) in read.into_iter().flatten() {
        pages.push(page);
        found.push(f);
    }
    Ok((DocsTree { root: root.to_path_buf(), pages, files }, found))
}

fn read_page(root: &Path, file: &Path, diags: &mut Diagnostics) -> Option<Page> {
    let path = rel(root, file);
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            diags.push(Code::PageUnreadable, Loc::new(path, 0), e.to_string());
            return None;
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()].iter().filter(|&&b| b == b'\n').count() as u32;
            diags.push(Code::PageNotUtf8, Loc::new(path.clone(), line), "invalid UTF-8 byte sequence");
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    Some(parse_page(&path, &text, diags))
}

/// Sorts paths in `Path`'s own order (component by component) without parsing components
/// at every comparison: with `/` mapped below every other byte, comparing the bytes compares
/// the components.
fn sort_paths(files: &mut [PathBuf]) {
    files.sort_by_cached_key(|p| p.as_os_str().as_encoded_bytes().iter().map(|&b| if b == b'/' { 0 } else { b }).collect::<Vec<u8>>());
}

fn skip_dir(e: &walkdir::DirEntry) -> bool {
    let name = e.file_name().to_string_lossy();
    e.file_type().is_dir() && (name.starts_with('.') || FOLDERS_TO_SKIP.iter().any(|s| name.eq_ignore_ascii_case(s)))
}

fn is_page(p: &Path) -> bool {
    let name = p.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    name.ends_with(".md") && !FILES_TO_SKIP.contains(&name.as_str())
}

/// A path relative to the root with `/` separators.
fn rel(root: &Path, p: &Path) -> String {
    let r = p.strip_prefix(root).unwrap_or(p);
    let mut out = String::with_capacity(r.as_os_str().len());
    for c in r.components() {
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str(&c.as_os_str().to_string_lossy());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_sort_as_path_does() {
        let mut paths: Vec<PathBuf> = ["r/api/a-b.md", "r/api/a/b.md", "r/api/a.md", "r/b.md", "r/api/ab.md", "r/api/a/a.md", "r/api.md"].iter().map(PathBuf::from).collect();
        let mut expected = paths.clone();
        expected.sort();
        sort_paths(&mut paths);
        assert_eq!(paths, expected);
    }
}
