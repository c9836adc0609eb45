//! Phase 1, pages: a docs tree → one [`Page`] per markdown file, keeping file and line.
//!
//! Nothing here knows about types or Rust: a page is front matter, annotations and a flat
//! list of blocks (headings, paragraphs, tables, code fences) in document order.

mod annotation;
mod front_matter;
pub mod lenient_json;
mod lines;
mod markdown;
mod pipe_table;
mod walk;

pub use front_matter::Front;
pub use walk::{read_tree, read_tree_with, DocsTree};

use crate::diagnostics::Loc;
use std::sync::Arc;

/// One markdown file of the docs tree.
#[derive(Clone, Debug, Default)]
pub struct Page {
    /// Path relative to the docs root, with `/` separators (e.g. `api/user-get.md`).
    pub path: String,
    pub front: Front,
    pub blocks: Vec<Block>,
}

impl Page {
    pub fn loc(&self, line: u32) -> Loc {
        Loc::new(self.path.clone(), line)
    }

    /// The `doc_type` of the front matter, trimmed of decorations like a trailing `_`.
    pub fn doc_type(&self) -> &str {
        self.front.get("doc_type").map(|s| s.trim_end_matches('_')).unwrap_or("")
    }

    /// The file name without directory and `.md`.
    pub fn stem(&self) -> &str {
        file_stem(&self.path)
    }
}

/// `api/user-get.md` → `user-get`: the file name without directory (`/` or `\\`) and `.md`.
pub fn file_stem(path: &str) -> &str {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    name.strip_suffix(".md").unwrap_or(name)
}

/// A block of a page, in document order.
#[derive(Clone, Debug)]
pub enum Block {
    Heading(Heading),
    /// A docfx tab marker such as `# [HTTP](#tab/http)`, or the `---` that closes tabs.
    Tab { label: String, line: u32 },
    Para(Para),
    Table(Table),
    Code(CodeBlock),
    /// A `<!-- { ... } -->` annotation; also attached to the code block it precedes (shared,
    /// not copied: annotations are large and most of them are attached).
    Annotation(Arc<Annotation>),
}

/// Inline text: plain text (code spans kept in backticks), with the links it contains.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Inline {
    pub text: String,
    pub links: Vec<Link>,
}

impl Inline {
    pub fn plain(text: impl Into<String>) -> Self {
        Inline { text: text.into(), links: Vec::new() }
    }

    /// The link alone, as a cell holding nothing else would read.
    pub fn of_link(link: &Link) -> Self {
        Inline { text: link.text.clone(), links: vec![link.clone()] }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub text: String,
    pub target: String,
}

#[derive(Clone, Debug)]
pub struct Heading {
    pub level: u8,
    pub text: Inline,
    /// The text as sections are looked up by it, see [`normalize_title`] (made once here:
    /// lowering looks up many sections on every page).
    pub title: String,
    pub line: u32,
}

/// `str::trim`, told at once when neither end is whitespace, as with most cells, names and
/// lines: `str::trim` decodes a character at each end and tests it for Unicode whitespace
/// through its general pattern search, about 50 instructions a call, and a v1.0 run makes
/// some 600,000 calls. Every trim of the phases goes through it.
pub trait TrimFast {
    fn trim_fast(&self) -> &str;
}

impl TrimFast for str {
    #[inline]
    fn trim_fast(&self) -> &str {
        // Printable ASCII is no whitespace; any other byte may begin some.
        let plain = |b: &u8| (0x21..0x80).contains(b);
        let bytes = self.as_bytes();
        if bytes.first().is_some_and(plain) && bytes.last().is_some_and(plain) {
            self
        } else {
            self.trim()
        }
    }
}

/// A phrase looked for in many short texts (section titles, labels, paragraphs): memchr's
/// searcher, made on first use and kept. `str::contains` prepares its search anew on every
/// call, which costs more than the short texts take to scan.
pub struct Phrase {
    text: &'static str,
    finder: std::sync::OnceLock<memchr::memmem::Finder<'static>>,
}

impl Phrase {
    pub const fn new(text: &'static str) -> Self {
        Phrase { text, finder: std::sync::OnceLock::new() }
    }

    /// Whether `text` holds the phrase (`text.contains(phrase)`).
    pub fn is_in(&self, text: &str) -> bool {
        self.find(text).is_some()
    }

    /// Where the phrase first starts in `text` (`text.find(phrase)`).
    pub fn find(&self, text: &str) -> Option<usize> {
        self.finder.get_or_init(|| memchr::memmem::Finder::new(self.text)).find(text.as_bytes())
    }
}

/// `text.split(sep)` for an ASCII separator, found by a vector search: `str::split` starts
/// a character search for every piece, which costs more than the short pieces of paths and
/// lines take to scan.
pub fn split_at_byte(text: &str, sep: u8) -> impl Iterator<Item = &str> + '_ {
    debug_assert!(sep.is_ascii());
    let mut from = 0;
    // An ASCII separator is a character boundary on both sides.
    memchr::memchr_iter(sep, text.as_bytes()).chain(std::iter::once(text.len())).map(move |end| {
        let piece = &text[from..end];
        from = end + 1;
        piece
    })
}

/// `text.split_inclusive(sep)` for an ASCII separator (each piece keeps the separator that
/// ends it), found by a vector search as in [`split_at_byte`].
pub fn split_inclusive_at_byte(text: &str, sep: u8) -> impl Iterator<Item = &str> + '_ {
    debug_assert!(sep.is_ascii());
    let mut from = 0;
    // The end of the text closes a last piece that has no separator; an empty one is none.
    memchr::memchr_iter(sep, text.as_bytes()).map(|at| at + 1).chain(std::iter::once(text.len())).filter_map(move |end| {
        let piece = (end > from).then(|| &text[from..end]);
        from = end;
        piece
    })
}

/// `text.split_once(sep)` for an ASCII separator, found by a byte search (see
/// [`split_at_byte`]).
pub fn split_once_at_byte(text: &str, sep: u8) -> Option<(&str, &str)> {
    memchr::memchr(sep, text.as_bytes()).map(|at| (&text[..at], &text[at + 1..]))
}

/// What follows the last `sep`, all of `text` when it has none (`text.rsplit(sep).next()`),
/// found by a byte search from the end.
pub fn after_last_byte(text: &str, sep: u8) -> &str {
    memchr::memrchr(sep, text.as_bytes()).map_or(text, |at| &text[at + 1..])
}

/// Whether the text holds `://` (an absolute URL): a byte search for the colon, which most
/// links and paths lack, before the substring search.
pub fn has_scheme(text: &str) -> bool {
    scheme_at(text).is_some()
}

/// Where the first `://` starts (`text.find("://")`), found as in [`has_scheme`].
pub fn scheme_at(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b':', bytes).find(|&at| bytes[at + 1..].starts_with(b"//"))
}

/// Non-breaking spaces (which some pages type in headings and cells) as plain spaces; the
/// text itself when it has none, as nearly all has.
pub fn plain_spaces(text: &str) -> std::borrow::Cow<'_, str> {
    // U+00A0 is the bytes C2 A0: a byte search for the second, which other text rarely has.
    let bytes = text.as_bytes();
    if memchr::memchr_iter(0xa0, bytes).any(|at| at > 0 && bytes[at - 1] == 0xc2) {
        text.replace('\u{a0}', " ").into()
    } else {
        text.into()
    }
}

/// Headings compared loosely: trimmed, lowercase, runs of whitespace (non-breaking spaces
/// too) as one space.
pub fn normalize_title(t: &str) -> String {
    let t = t.trim_fast();
    // Nearly every heading is printable ASCII with single spaces: only lowercased. Both
    // tests are folds without an early exit, which the compiler makes vector code of.
    let bytes = t.as_bytes();
    let odd = bytes.iter().fold(false, |any, &b| any | !(b.is_ascii_graphic() | (b == b' ')));
    let double_space = bytes.iter().zip(bytes.get(1..).unwrap_or_default()).fold(false, |any, (&a, &b)| any | ((a == b' ') & (b == b' ')));
    if !odd && !double_space {
        return t.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(t.len());
    for word in t.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.make_ascii_lowercase();
    out
}

#[derive(Clone, Debug)]
pub struct Para {
    pub text: Inline,
    pub line: u32,
}

#[derive(Clone, Debug)]
pub struct Table {
    pub header: Vec<Inline>,
    pub rows: Vec<Row>,
    pub line: u32,
}

#[derive(Clone, Debug)]
pub struct Row {
    pub cells: Vec<Inline>,
    pub line: u32,
}

#[derive(Clone, Debug)]
pub struct CodeBlock {
    /// The fence's info string, trimmed and lowercased (`http`, `json`, ...).
    pub info: String,
    pub text: String,
    /// Line of the opening fence.
    pub line: u32,
    pub annotation: Option<Arc<Annotation>>,
}

#[derive(Clone, Debug)]
pub struct Annotation {
    /// The object's members in written order; only text and booleans are ever read, so
    /// other values are kept as [`Scalar::Other`] (no JSON tree per annotation).
    pub fields: Vec<(String, Scalar)>,
    pub line: u32,
}

/// An annotation member's value, as far as anything reads it.
#[derive(Clone, Debug, PartialEq)]
pub enum Scalar {
    Str(String),
    Bool(bool),
    Other,
}

impl Annotation {
    /// A member's value; of a member written twice, the last (as JSON readers take it).
    fn get(&self, key: &str) -> Option<&Scalar> {
        self.fields.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    pub fn str(&self, key: &str) -> Option<&str> {
        match self.get(key)? {
            Scalar::Str(s) => Some(s),
            _ => None,
        }
    }
    pub fn bool(&self, key: &str) -> Option<bool> {
        match self.get(key)? {
            Scalar::Bool(b) => Some(*b),
            Scalar::Str(s) => s.trim_fast().parse().ok(),
            Scalar::Other => None,
        }
    }
    /// The block type (`request`, `response`, `resource`, `ignored`, ...), lowercased.
    pub fn block_type(&self) -> String {
        self.str("blockType").unwrap_or("").to_ascii_lowercase()
    }
    /// Whether the block type is `kind` (lowercase), without making a string.
    pub fn is_block_type(&self, kind: &str) -> bool {
        self.str("blockType").unwrap_or("").eq_ignore_ascii_case(kind)
    }
    /// `@odata.type`, also spelled `@type`, without a leading `#`.
    pub fn odata_type(&self) -> Option<&str> {
        self.str("@odata.type").or_else(|| self.str("@type")).map(|s| s.trim_fast().trim_start_matches('#'))
    }
}

pub use markdown::parse_page;

#[cfg(test)]
mod tests {
    proptest::proptest! {
        #[test]
        fn splits_at_a_byte_as_str_split_does(text in "[a/é\n]{0,16}") {
            for sep in [b'/', b'\n'] {
                let got: Vec<&str> = super::split_at_byte(&text, sep).collect();
                proptest::prop_assert_eq!(got, text.split(sep as char).collect::<Vec<_>>());
            }
        }

        #[test]
        fn splits_inclusive_at_a_byte_as_str_does(text in "[a\né]{0,12}") {
            let got: Vec<&str> = super::split_inclusive_at_byte(&text, b'\n').collect();
            proptest::prop_assert_eq!(got, text.split_inclusive('\n').collect::<Vec<_>>());
        }

        #[test]
        fn phrases_are_found_as_str_finds_them(text in "[ab é]{0,12}") {
            static PHRASE: super::Phrase = super::Phrase::new("a b");
            proptest::prop_assert_eq!(PHRASE.is_in(&text), text.contains("a b"));
            proptest::prop_assert_eq!(PHRASE.find(&text), text.find("a b"));
        }

        #[test]
        fn cuts_at_a_byte_as_str_does(text in "[a.:é]{0,12}") {
            for sep in [b'.', b':'] {
                proptest::prop_assert_eq!(super::split_once_at_byte(&text, sep), text.split_once(sep as char));
                proptest::prop_assert_eq!(super::after_last_byte(&text, sep), text.rsplit(sep as char).next().unwrap_or(""));
            }
        }

        #[test]
        fn trims_as_str_trims(text in "[a \t\n\u{a0}\u{2003}\u{1f}é]{0,8}") {
            proptest::prop_assert_eq!(super::TrimFast::trim_fast(text.as_str()), text.trim());
        }

        #[test]
        fn a_scheme_is_found_as_str_finds_it(text in "[a:/.]{0,12}") {
            proptest::prop_assert_eq!(super::has_scheme(&text), text.contains("://"));
            proptest::prop_assert_eq!(super::scheme_at(&text), text.find("://"));
        }

        #[test]
        fn non_breaking_spaces_are_found_by_their_bytes(text in "[a \u{a0}\u{120}\u{2a0}é]{0,12}") {
            proptest::prop_assert_eq!(super::plain_spaces(&text), text.replace('\u{a0}', " "));
        }
    }

    #[test]
    fn titles_compare_loosely() {
        assert_eq!(super::normalize_title("  HTTP\u{a0}Request \t body \n"), "http request body");
        assert_eq!(super::normalize_title(""), "");
        assert_eq!(super::normalize_title(" Request  Body "), "request body");
        assert_eq!(super::normalize_title("Réponse HTTP"), "réponse http");
        assert_eq!(super::normalize_title("Response"), "response");
    }
}
