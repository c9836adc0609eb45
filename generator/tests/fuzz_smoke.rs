//! The fuzz targets' bounded twin for `cargo test` (libFuzzer runs them in `.ci/fuzz`):
//! docs-input pages mutated at random, and text from a markdown-ish alphabet, through
//! `graphgen::fuzzing` exactly as `generator/fuzz/fuzz_targets/pipeline.rs` runs them.

mod common;

use common::workspace;
use graphgen::fuzzing::{run_tree, SEPARATOR};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::sync::OnceLock;

/// docs-input pages, each led by its path line as `generator/fuzz/seed.sh` writes them.
fn seeds() -> &'static [Vec<u8>] {
    static SEEDS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let root = workspace().join("docs-input");
        let mut out = Vec::new();
        for dir in ["api", "resources"] {
            let mut names: Vec<String> = std::fs::read_dir(root.join(dir)).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
            names.sort();
            for name in names {
                let mut page = format!("{dir}/{name}\n").into_bytes();
                page.extend(std::fs::read(root.join(dir).join(&name)).unwrap());
                out.push(page);
            }
        }
        out
    })
}

/// What the pipeline fuzz target asserts.
fn check(data: &[u8]) -> Result<(), TestCaseError> {
    let (_, files, _) = run_tree(data);
    graphgen::fuzzing::check_files(&files).map_err(TestCaseError::fail)
}

#[derive(Clone, Debug)]
enum Edit {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    /// Copies a stretch of the input elsewhere (libFuzzer's CopyPart).
    Copy(usize, usize, usize),
}

fn edit(data: &mut Vec<u8>, e: &Edit) {
    let n = data.len().max(1);
    match e {
        Edit::Flip(at, bits) => {
            if let Some(b) = data.get_mut(at % n) {
                *b ^= bits;
            }
        }
        Edit::Insert(at, bytes) => {
            let at = at % (data.len() + 1);
            data.splice(at..at, bytes.iter().copied());
        }
        Edit::Delete(at, len) => {
            let at = at % (data.len() + 1);
            let end = (at + len % 512).min(data.len());
            data.drain(at..end);
        }
        Edit::Copy(from, len, to) => {
            let from = from % (data.len() + 1);
            let end = (from + len % 2048).min(data.len());
            let part = data[from..end].to_vec();
            let to = to % (data.len() + 1);
            data.splice(to..to, part);
        }
    }
}

/// Fragments that matter to the parser, for insertions.
const TOKENS: &[&str] = &["|", "\n", "```", "<!--", "-->", "{", "}", "[", "](", ")", "#", "---", "\"", "\\", "\u{feff}", "\r\n", "*", "`", "\u{0}", "é", "%%%%", "@odata.type", "microsoft.graph."];

fn edit_strategy() -> impl Strategy<Value = Edit> {
    let at = any::<usize>();
    prop_oneof![
        (at, 1u8..=255).prop_map(|(a, b)| Edit::Flip(a, b)),
        (at, prop::sample::select(TOKENS)).prop_map(|(a, t)| Edit::Insert(a, t.as_bytes().to_vec())),
        (at, prop::collection::vec(any::<u8>(), 1..16)).prop_map(|(a, b)| Edit::Insert(a, b)),
        (at, any::<usize>()).prop_map(|(a, l)| Edit::Delete(a, l)),
        (at, any::<usize>(), any::<usize>()).prop_map(|(f, l, t)| Edit::Copy(f, l, t)),
    ]
}

/// One to three seed pages joined into a tree, then mutated.
#[test]
fn mutated_seed_trees() {
    let mut runner = TestRunner::new(Config { cases: 120, failure_persistence: None, ..Config::default() });
    let input = (prop::collection::vec(any::<usize>(), 1..4), prop::collection::vec(edit_strategy(), 0..24));
    runner
        .run(&input, |(picks, edits)| {
            let mut data = Vec::new();
            for (i, p) in picks.iter().enumerate() {
                if i > 0 {
                    data.extend_from_slice(SEPARATOR.as_bytes());
                }
                data.extend_from_slice(&seeds()[p % seeds().len()]);
            }
            for e in &edits {
                edit(&mut data, e);
            }
            check(&data)
        })
        .unwrap();
}

/// Text made only of the parser's tokens: deep nesting and odd mixes the seeds lack.
#[test]
fn token_soup() {
    let mut runner = TestRunner::new(Config { cases: 200, failure_persistence: None, ..Config::default() });
    let soup = prop::collection::vec(prop::sample::select(TOKENS), 0..400).prop_map(|t| t.concat());
    runner
        .run(&soup, |text| {
            let mut diags = graphgen::diagnostics::Diagnostics::new();
            graphgen::pages::parse_page("api/soup.md", &text, &mut diags);
            check(text.as_bytes())
        })
        .unwrap();
}

/// Every seed alone and the whole of docs-input as one tree run clean.
#[test]
fn seeds_run_clean() {
    for s in seeds() {
        check(s).unwrap();
    }
    let all: Vec<u8> = seeds().join(SEPARATOR.as_bytes());
    check(&all).unwrap();
}
