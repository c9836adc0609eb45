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
///
/// Each folder at the top of the tree is walked by a task of its own, which then reads its
/// pages in parallel: a folder's pages are read while the others are still being listed
/// (listing v1.0 took 4 ms, with nothing else running).
pub fn read_tree_with<T: Send>(root: &Path, diags: &mut Diagnostics, with: impl Fn(&Page, &mut Diagnostics) -> T + Sync) -> Result<(DocsTree, Vec<T>), String> {
    use rayon::prelude::*;
    let meta = std::fs::metadata(root).map_err(|e| format!("cannot read docs root `{}`: {e}", root.display()))?;
    if !meta.is_dir() {
        return Err(format!("docs root `{}` is not a directory", root.display()));
    }
    let mut groups = top_level(root, diags);
    // Each group is a run of the whole tree's path order: a folder's paths all start with
    // its name and a separator, which sorts below every other byte.
    groups.sort_by(|a, b| path_order(a.top(), b.top()));
    let read: Vec<GroupRead<T>> = groups
        .into_par_iter()
        .map(|group| {
            let mut d = Diagnostics::new();
            let mut files = group.pages(root, &mut d);
            files.sort_unstable_by(|a, b| path_order(a, b));
            let read = par_map(&files, &mut d, |file, d| read_page(root, file, d).map(|page| {
                let found = with(&page, d);
                (page, found)
            }));
            (files, read, d)
        })
        .collect();
    let total: usize = read.iter().map(|(files, ..)| files.len()).sum();
    if total == 0 {
        // The problems met while looking (an unreadable folder) come with the error.
        return Err(format!("docs root `{}` holds no markdown pages", root.display()));
    }
    // Sized once: a page is large, and each doubling of an unsized vector copied them all.
    let (mut files, mut pages, mut found) = (Vec::with_capacity(total), Vec::with_capacity(total), Vec::with_capacity(total));
    for (group_files, group_read, d) in read {
        diags.extend(d);
        files.extend(group_files);
        for (page, f) in group_read.into_iter().flatten() {
            pages.push(page);
            found.push(f);
        }
    }
    Ok((DocsTree { root: root.to_path_buf(), pages, files }, found))
}

/// A group's pages in path order, what was read of each (nothing when unreadable) and what
/// was found wrong on the way.
type GroupRead<T> = (Vec<PathBuf>, Vec<Option<(Page, T)>>, Diagnostics);

/// What one task walks: a folder at the top of the tree, or a page beside them.
enum Group {
    Folder(PathBuf),
    Page(PathBuf),
}

impl Group {
    fn top(&self) -> &Path {
        match self {
            Group::Folder(p) | Group::Page(p) => p,
        }
    }

    /// The group's pages, unsorted.
    fn pages(self, root: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
        let folder = match self {
            Group::Page(p) => return vec![p],
            Group::Folder(f) => f,
        };
        let mut files = Vec::new();
        // Unsorted: sorting every directory by name costs more than the walk.
        let walker = walkdir::WalkDir::new(folder).follow_links(false).into_iter();
        for entry in walker.filter_entry(|e| e.depth() == 0 || !skip_dir(e)) {
            match entry {
                Ok(e) if e.file_type().is_file() && is_page(e.path()) => files.push(e.into_path()),
                Ok(_) => {}
                Err(e) => unreadable(root, e, diags),
            }
        }
        files
    }
}

/// The folders (not skipped) and pages at the top of the tree.
fn top_level(root: &Path, diags: &mut Diagnostics) -> Vec<Group> {
    let mut groups = Vec::new();
    for entry in walkdir::WalkDir::new(root).follow_links(false).min_depth(1).max_depth(1) {
        match entry {
            Ok(e) if e.file_type().is_dir() && !skip_dir(&e) => groups.push(Group::Folder(e.into_path())),
            Ok(e) if e.file_type().is_file() && is_page(e.path()) => groups.push(Group::Page(e.into_path())),
            Ok(_) => {}
            Err(e) => unreadable(root, e, diags),
        }
    }
    groups
}

fn unreadable(root: &Path, e: walkdir::Error, diags: &mut Diagnostics) {
    let path = e.path().map(|p| rel(root, p)).unwrap_or_default();
    diags.push(Code::PageUnreadable, Loc::new(path, 0), e.to_string());
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

/// `Path`'s own order (component by component) without parsing components: with `/` taken
/// as below every other byte, the first byte that differs decides (paths hold no NUL).
fn path_order(a: &Path, b: &Path) -> std::cmp::Ordering {
    let (a, b) = (a.as_os_str().as_encoded_bytes(), b.as_os_str().as_encoded_bytes());
    let rank = |byte: u8| if byte == b'/' { 0 } else { byte };
    match a.iter().zip(b).position(|(x, y)| x != y) {
        Some(i) => rank(a[i]).cmp(&rank(b[i])),
        None => a.len().cmp(&b.len()),
    }
}

fn skip_dir(e: &walkdir::DirEntry) -> bool {
    let name = e.file_name().to_string_lossy();
    e.file_type().is_dir() && (name.starts_with('.') || FOLDERS_TO_SKIP.iter().any(|s| name.eq_ignore_ascii_case(s)))
}

fn is_page(p: &Path) -> bool {
    let name = p.file_name().map(|n| n.as_encoded_bytes()).unwrap_or_default();
    let md = name.len() >= 3 && name[name.len() - 3..].eq_ignore_ascii_case(b".md");
    md && !FILES_TO_SKIP.iter().any(|skip| name.eq_ignore_ascii_case(skip.as_bytes()))
}

/// A path relative to the root with `/` separators.
fn rel(root: &Path, p: &Path) -> String {
    // A walked path is the root's bytes, a `/`, then plain names: taken as it is (the walk
    // over components below was 0.7% of a v1.0 run).
    let (root_bytes, bytes) = (root.as_os_str().as_encoded_bytes(), p.as_os_str().as_encoded_bytes());
    let after_root = bytes.strip_prefix(root_bytes).and_then(|rest| if root_bytes.ends_with(b"/") { Some(rest) } else { rest.strip_prefix(b"/") });
    if let Some(rest) = after_root.filter(|rest| cfg!(unix) && plain_names(rest)) {
        if let Ok(text) = std::str::from_utf8(rest) {
            return text.to_owned();
        }
    }
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

/// `a/b.md`: names separated by single `/`, none of them `.` or `..`.
fn plain_names(rest: &[u8]) -> bool {
    rest.split(|&b| b == b'/').all(|name| !name.is_empty() && name != b"." && name != b"..")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_sort_as_path_does() {
        let mut paths: Vec<PathBuf> = ["r/api/a-b.md", "r/api/a/b.md", "r/api/a.md", "r/b.md", "r/api/ab.md", "r/api/a/a.md", "r/api.md", "r/api", "r/a"].iter().map(PathBuf::from).collect();
        let mut expected = paths.clone();
        expected.sort();
        paths.sort_by(|a, b| path_order(a, b));
        assert_eq!(paths, expected);
    }

    #[test]
    fn relative_paths_read_as_their_components() {
        let by_components = |root: &str, p: &str| {
            let r = Path::new(p).strip_prefix(root).unwrap_or(Path::new(p));
            r.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
        };
        for (root, p) in [("docs", "docs/api/a.md"), ("docs/", "docs/api/a.md"), ("/r/v1.0", "/r/v1.0/b.md"), ("docs", "docs/./api//a.md"), ("docs", "docs/api/../a.md"), ("docs", "other/a.md"), ("docs", "docsx/a.md"), (".", "./api/a.md")] {
            assert_eq!(rel(Path::new(root), Path::new(p)), by_components(root, p), "{root} {p}");
        }
    }

    #[test]
    fn pages_come_in_path_order_whatever_folder_read_them() {
        // Pages beside folders, folders whose names extend each other, skipped folders and
        // files: one task per top folder must still give the order of the whole tree.
        let dir = tempfile::tempdir().unwrap();
        let pages = ["a.md", "a/x.md", "a/b/y.md", "a-b/z.md", "ab.md", "b/c/d.md", "b.md", "z.md"];
        for p in pages.iter().chain(&["includes/skip.md", "a/readme.md", "a/notes.txt"]) {
            let path = dir.path().join(p);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "# Title\n").unwrap();
        }
        let tree = read_tree(dir.path(), &mut Diagnostics::new()).unwrap();
        let mut expected: Vec<PathBuf> = pages.iter().map(|p| dir.path().join(p)).collect();
        expected.sort();
        assert_eq!(tree.files, expected);
        let read: Vec<&str> = tree.pages.iter().map(|p| p.path.as_str()).collect();
        let expected: Vec<String> = expected.iter().map(|p| rel(dir.path(), p)).collect();
        assert_eq!(read, expected);
    }
}
