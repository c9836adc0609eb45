//! Real pages, damaged: every damage gives diagnostics (where one is due), never a panic.
//!
//! Pages come from docs-input and a sample of ../shared/graph-docs/v1.0 (read in place).
//! Each damaged page is written alone into a temporary docs tree and run through reading,
//! lowering and emitting.

mod common;

use common::{shared, workspace};
use graphgen::diagnostics::{Diagnostic, Diagnostics};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::path::Path;
use std::sync::OnceLock;

/// (path relative to the docs root, bytes).
type Source = (String, Vec<u8>);

fn pages_under(root: &Path, every: usize) -> Vec<Source> {
    let mut out = Vec::new();
    for dir in ["api", "resources"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else { continue };
        let mut names: Vec<_> = entries.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).filter(|n| n.ends_with(".md")).collect();
        names.sort();
        for name in names.into_iter().step_by(every) {
            out.push((format!("{dir}/{name}"), std::fs::read(root.join(dir).join(&name)).unwrap()));
        }
    }
    out
}

/// Every docs-input page and every 60th page of the real reference.
fn sources() -> &'static [Source] {
    static PAGES: OnceLock<Vec<Source>> = OnceLock::new();
    PAGES.get_or_init(|| {
        let mut pages = pages_under(&workspace().join("docs-input"), 1);
        assert!(pages.len() > 30, "docs-input pages");
        pages.extend(pages_under(&shared().join("graph-docs/v1.0"), 60));
        pages
    })
}

/// Runs reading, lowering and emitting on a tree holding only `page`; returns the codes.
fn run(path: &str, bytes: &[u8]) -> Vec<Diagnostic> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(path);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, bytes).unwrap();
    let mut diags = Diagnostics::new();
    let (model, _) = graphgen::pipeline::load(dir.path(), &mut diags).expect("a tree with one page loads");
    let files = graphgen::emit::emit(&model, "damaged", "test", &mut diags);
    assert!(files.contains_key("src/lib.rs"));
    if let Err(e) = graphgen::fuzzing::check_files(&files) {
        panic!("{path}: {e}");
    }
    diags.sorted()
}

fn has(diags: &[Diagnostic], code: &str) -> bool {
    diags.iter().any(|d| d.code.as_str() == code)
}

#[derive(Clone, Debug)]
enum Damage {
    /// Cut the page inside a multi-byte UTF-8 sequence (one is added when the page has none).
    TruncateInChar(usize),
    Truncate(usize),
    DropLine(usize),
    DoubleLine(usize),
    ControlChars(usize, Vec<u8>),
    BomCrlf,
    /// A 200 KB line of one of a few shapes, inserted before a line.
    LongLine(usize, usize),
    UnclosedComment(usize),
    UnclosedFence(usize),
    /// Removes a cell from a table's delimiter row.
    ShortDelimiter(usize),
    /// Other table breakage: no delimiter row, an extra cell, no pipes, a lone pipe.
    BreakTable(usize, u8),
    /// Removes the last `}` of an annotation.
    BreakAnnotation(usize),
    DropFrontMatterEnd,
}

/// The code a damage must produce, when it applied (`None`: no diagnostic is promised).
fn expected(d: &Damage) -> Option<&'static str> {
    match d {
        Damage::TruncateInChar(_) => Some("page-not-utf8"),
        Damage::UnclosedComment(_) => Some("annotation-invalid"),
        Damage::UnclosedFence(_) => Some("code-fence-unclosed"),
        Damage::ShortDelimiter(_) => Some("table-shape"),
        Damage::BreakAnnotation(_) => Some("annotation-invalid"),
        Damage::DropFrontMatterEnd => Some("front-matter-malformed"),
        _ => None,
    }
}

fn lines(bytes: &[u8]) -> Vec<Vec<u8>> {
    bytes.split_inclusive(|&b| b == b'\n').map(<[u8]>::to_vec).collect()
}

fn pick<T>(items: &[T], seed: usize) -> Option<&T> {
    (!items.is_empty()).then(|| &items[seed % items.len()])
}

/// Lines where a new block can start: after a blank line, outside fences, comments and the
/// front matter.
fn block_starts(ls: &[Vec<u8>]) -> Vec<usize> {
    let mut out = Vec::new();
    let (mut fence, mut comment, mut front) = (false, false, ls.first().is_some_and(|l| l.trim_ascii() == b"---"));
    for (i, l) in ls.iter().enumerate() {
        let t = l.trim_ascii();
        let prev_blank = i == 0 || ls[i - 1].trim_ascii().is_empty();
        if !fence && !comment && !front && prev_blank && i > 0 {
            out.push(i);
        }
        if front && i > 0 && t == b"---" {
            front = false;
        } else if t.starts_with(b"```") || t.starts_with(b"~~~") {
            fence = !fence;
        } else if !fence && t.starts_with(b"<!--") && !contains(t, b"-->") {
            comment = true;
        } else if comment && contains(t, b"-->") {
            comment = false;
        }
    }
    out.push(ls.len());
    out
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn is_delimiter(l: &[u8]) -> bool {
    let t = l.trim_ascii();
    t.contains(&b'|') && t.contains(&b'-') && t.iter().all(|c| b"|-: \t".contains(c))
}

fn insert_line(ls: &mut Vec<Vec<u8>>, at: usize, text: &[u8]) {
    ls.insert(at.min(ls.len()), text.to_vec());
}

/// The damaged page, or `None` when the page has nothing the damage needs.
fn apply(bytes: &[u8], d: &Damage) -> Option<Vec<u8>> {
    let mut ls = lines(bytes);
    if ls.last().is_some_and(|l| !l.ends_with(b"\n")) {
        ls.last_mut().unwrap().push(b'\n');
    }
    let n = ls.len().max(1);
    match d {
        Damage::TruncateInChar(seed) => {
            let mut b = bytes.to_vec();
            let starts: Vec<usize> = (0..b.len()).filter(|&i| b[i] >= 0xC0).collect();
            let at = match pick(&starts, *seed) {
                Some(&i) => i,
                None => {
                    let i = seed % (b.len() + 1);
                    let i = (0..=i).rev().find(|&j| std::str::from_utf8(&b[..j]).is_ok()).unwrap_or(0);
                    b.splice(i..i, "é".bytes());
                    i
                }
            };
            b.truncate(at + 1);
            Some(b)
        }
        Damage::Truncate(seed) => Some(bytes[..seed % (bytes.len() + 1)].to_vec()),
        Damage::DropLine(i) => {
            if ls.is_empty() {
                return None;
            }
            ls.remove(i % ls.len());
            Some(ls.concat())
        }
        Damage::DoubleLine(i) => {
            let l = ls.get(i % n)?.clone();
            ls.insert(i % n, l);
            Some(ls.concat())
        }
        Damage::ControlChars(at, chars) => {
            let mut b = bytes.to_vec();
            let at = at % (b.len() + 1);
            let at = (0..=at).rev().find(|&j| std::str::from_utf8(&b[..j]).is_ok()).unwrap_or(0);
            b.splice(at..at, chars.iter().copied());
            Some(b)
        }
        Damage::BomCrlf => {
            let mut b = vec![0xEF, 0xBB, 0xBF];
            for l in ls {
                b.extend_from_slice(l.strip_suffix(b"\n").unwrap_or(&l));
                b.extend_from_slice(b"\r\n");
            }
            Some(b)
        }
        Damage::LongLine(at, shape) => {
            let line = long_line(*shape);
            // Even seeds start a block (where an annotation is read), odd ones go anywhere.
            let at = if at % 2 == 0 { *pick(&block_starts(&ls), at / 2)? } else { at % (n + 1) };
            insert_line(&mut ls, at, line.as_bytes());
            Some(ls.concat())
        }
        Damage::UnclosedComment(at) => {
            let at = *pick(&block_starts(&ls), *at)?;
            insert_line(&mut ls, at, b"<!-- { \"blockType\": \"resource\",\n\n");
            Some(ls.concat())
        }
        Damage::UnclosedFence(at) => {
            let at = *pick(&block_starts(&ls), *at)?;
            // Fences later on the page would pair up with this one; make them indented code.
            for l in ls.iter_mut().skip(at) {
                if l.trim_ascii_start().starts_with(b"```") || l.trim_ascii_start().starts_with(b"~~~") {
                    l.retain(|&c| c != b'`' && c != b'~');
                }
            }
            insert_line(&mut ls, at, b"```json\n{ \"unclosed\": true\n");
            Some(ls.concat())
        }
        Damage::ShortDelimiter(seed) => {
            let rows: Vec<usize> = (1..ls.len()).filter(|&i| is_delimiter(&ls[i]) && ls[i].iter().filter(|&&c| c == b'-').count() > 0 && cells(&ls[i]) >= 2 && ls[i - 1].contains(&b'|')).collect();
            let &i = pick(&rows, *seed)?;
            ls[i] = format!("|{}|\n", vec!["---"; cells(&ls[i]) - 1].join("|")).into_bytes();
            Some(ls.concat())
        }
        Damage::BreakTable(seed, how) => {
            let rows: Vec<usize> = (0..ls.len()).filter(|&i| ls[i].trim_ascii_start().starts_with(b"|")).collect();
            let &i = pick(&rows, *seed)?;
            match how % 4 {
                0 => drop(ls.remove(i)),
                1 => ls[i] = [ls[i].trim_ascii_end(), b" extra | cell |\n"].concat(),
                2 => ls[i].retain(|&c| c != b'|'),
                _ => ls[i] = b"|\n".to_vec(),
            }
            Some(ls.concat())
        }
        Damage::BreakAnnotation(seed) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let ends: Vec<usize> = annotation_closes(&text);
            let &at = pick(&ends, *seed)?;
            let mut b = bytes.to_vec();
            b.remove(at);
            Some(b)
        }
        Damage::DropFrontMatterEnd => {
            if ls.first()?.trim_ascii() != b"---" {
                return None;
            }
            let close = (1..ls.len().min(60)).find(|&i| ls[i].trim_ascii() == b"---")?;
            ls.remove(close);
            // The body must not close the front matter by accident with a later `---`.
            if ls.iter().take(63).skip(1).any(|l| l.trim_ascii() == b"---") {
                return None;
            }
            Some(ls.concat())
        }
    }
}

fn cells(row: &[u8]) -> usize {
    let t = row.trim_ascii();
    let t = t.strip_prefix(b"|").unwrap_or(t);
    let t = t.strip_suffix(b"|").unwrap_or(t);
    t.split(|&c| c == b'|').count()
}

/// Byte offsets of the last `}` of each `<!-- { ... } -->` annotation outside code fences.
fn annotation_closes(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(s) = text[from..].find("<!--") {
        let s = from + s;
        let Some(e) = text[s..].find("-->") else { break };
        let e = s + e;
        let inner = &text[s + 4..e];
        let fenced = text[..s].matches("```").count() % 2 == 1;
        if inner.trim_start().starts_with('{') && !fenced {
            if let Some(close) = inner.rfind('}') {
                out.push(s + 4 + close);
            }
        }
        from = e + 3;
    }
    out
}

/// 200 KB lines: prose, a table row, backticks, brackets, JSON nested 100,000 deep in an
/// annotation (unclosed), and 1,000 deep (closed: past the strict reader to the lenient one).
fn long_line(shape: usize) -> String {
    const SIZE: usize = 200 * 1024;
    if shape % 9 == 8 {
        // Closed, so the lenient JSON reader gets past the strict one's depth limit.
        let depth = 1000;
        return format!("<!-- {{ 'x': {}{}, 'pad': '{}', }} -->\n", "[".repeat(depth), "]".repeat(depth), "p".repeat(SIZE));
    }
    let unit = ["word ", "| cell ", "`", "[", "{\"a\":[", "*_", "<!-- { \"x\": [", "\u{1F600}"][shape % 9];
    let mut s = String::with_capacity(SIZE + 16);
    while s.len() < SIZE {
        s.push_str(unit);
    }
    if shape % 9 == 6 {
        s.push_str(" -->");
    }
    s.push('\n');
    s
}

fn damage() -> impl Strategy<Value = Damage> {
    let seed = any::<usize>();
    prop_oneof![
        seed.prop_map(Damage::TruncateInChar),
        seed.prop_map(Damage::Truncate),
        seed.prop_map(Damage::DropLine),
        seed.prop_map(Damage::DoubleLine),
        (seed, prop::collection::vec(prop_oneof![0u8..0x20, Just(0x7f)], 1..8)).prop_map(|(a, c)| Damage::ControlChars(a, c)),
        Just(Damage::BomCrlf),
        (seed, 0usize..9).prop_map(|(a, s)| Damage::LongLine(a, s)),
        seed.prop_map(Damage::UnclosedComment),
        seed.prop_map(Damage::UnclosedFence),
        seed.prop_map(Damage::ShortDelimiter),
        (seed, any::<u8>()).prop_map(|(a, h)| Damage::BreakTable(a, h)),
        seed.prop_map(Damage::BreakAnnotation),
        Just(Damage::DropFrontMatterEnd),
    ]
}

fn check(page: usize, d: &Damage) -> Result<(), TestCaseError> {
    let (path, bytes) = &sources()[page % sources().len()];
    let Some(damaged) = apply(bytes, d) else { return Ok(()) };
    let diags = run(path, &damaged);
    if let Some(code) = expected(d) {
        prop_assert!(has(&diags, code), "{path} with {d:?}: no `{code}` among {:?}", diags.iter().map(|d| d.code.as_str()).collect::<Vec<_>>());
    }
    Ok(())
}

/// Random damages on random pages (bounded so `cargo test` stays quick).
#[test]
fn random_damage_gives_diagnostics_not_panics() {
    let mut runner = TestRunner::new(Config { cases: 160, failure_persistence: None, ..Config::default() });
    runner.run(&(any::<usize>(), damage()), |(page, d)| check(page, &d)).unwrap();
}

/// Every damage kind on every docs-input page, at a fixed place.
#[test]
fn every_damage_on_every_docs_input_page() {
    let count = pages_under(&workspace().join("docs-input"), 1).len();
    let kinds = |s: usize| {
        vec![
            Damage::TruncateInChar(s),
            Damage::DropLine(s),
            Damage::DoubleLine(s),
            Damage::ControlChars(s, vec![0, 7, 0x1b, 0x7f]),
            Damage::UnclosedComment(s),
            Damage::UnclosedFence(s),
            Damage::ShortDelimiter(s),
            Damage::BreakTable(s, s as u8),
            Damage::BreakAnnotation(s),
            Damage::DropFrontMatterEnd,
        ]
    };
    for page in 0..count {
        for d in kinds(page * 7 + 3) {
            check(page, &d).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}

/// A BOM and CRLF line ends change nothing in the model.
#[test]
fn bom_and_crlf_read_like_the_clean_page() {
    for (path, bytes) in sources().iter().take(40) {
        let clean = model_debug(path, bytes);
        let damaged = model_debug(path, &apply(bytes, &Damage::BomCrlf).unwrap());
        assert!(clean == damaged, "{path}: a BOM and CRLF change the model");
    }
}

fn model_debug(path: &str, bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(path);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, bytes).unwrap();
    let mut diags = Diagnostics::new();
    let (model, _) = graphgen::pipeline::load(dir.path(), &mut diags).unwrap();
    format!("{model:?}")
}

/// Each long-line shape, on one real page, within a time bound (no quadratic blow-up).
#[test]
fn long_lines_of_every_shape() {
    let (path, bytes) = &sources()[0];
    for shape in 0..9 {
        let started = std::time::Instant::now();
        run(path, &apply(bytes, &Damage::LongLine(4, shape)).unwrap());
        assert!(started.elapsed().as_secs() < 20, "shape {shape} took {:?}", started.elapsed());
    }
}
