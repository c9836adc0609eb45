//! Diagnostics: every problem found in the docs, with a code, a severity, page:line and help.
//!
//! Phases push into a [`Diagnostics`] sink and carry on; nothing in the pipeline aborts on
//! bad input. The codes live in [`codes`] so a lint report reads the same across runs.

pub mod codes;
mod render;

pub use codes::Code;
pub use render::{render_human, render_json, render_summary, summary_by_code};

use std::fmt;

/// How bad a problem is. Errors make the command exit with 1 after it has written output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth fixing in the docs; the generator worked around it.
    Warning,
    /// The generator could not produce what the docs meant.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// A place in the docs tree: page path relative to the docs root, and a 1-based line.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Loc {
    pub file: String,
    pub line: u32,
}

impl Loc {
    pub fn new(file: impl Into<String>, line: u32) -> Self {
        Loc { file: file.into(), line }
    }
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One problem found in the input.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub loc: Loc,
    pub code: Code,
    pub message: String,
}

impl Diagnostic {
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }
    pub fn help(&self) -> &'static str {
        self.code.help()
    }
}

/// The sink every phase writes into.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, code: Code, loc: Loc, message: impl Into<String>) {
        self.items.push(Diagnostic { loc, code, message: message.into() });
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// All diagnostics in a stable order (page, line, code, message), duplicates removed.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut v = self.items.clone();
        v.sort();
        v.dedup();
        v
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity() == Severity::Error)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

/// Runs `f` on every item on the rayon pool. The results keep the items' order and each
/// item's diagnostics are appended in that order, so nothing depends on the thread count.
pub fn par_map<'a, T: Sync, R: Send>(items: &'a [T], diags: &mut Diagnostics, f: impl Fn(&'a T, &mut Diagnostics) -> R + Sync) -> Vec<R> {
    use rayon::prelude::*;
    par_map_init(items.par_iter(), diags, || (), |_, item, d| f(item, d))
}

/// [`par_map`] over owned items, each tagged with the pool thread that made it: each
/// worker takes its own items first (front to back), then helps with the others' (back to
/// front), keeping state made by `init` throughout. An item freed by `f` is then mostly
/// freed by the thread that allocated it, which mimalloc does without atomics (a block
/// freed by another thread goes through a shared list). The results keep the items' order,
/// as with [`par_map`].
pub fn par_map_by_maker<T: Send, S, R: Send>(
    items: Vec<(usize, T)>,
    diags: &mut Diagnostics,
    init: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, T, &mut Diagnostics) -> R + Sync,
) -> Vec<R> {
    use std::collections::VecDeque;
    use std::sync::Mutex;
    let threads = rayon::current_num_threads().max(1);
    let count = items.len();
    let mut queues: Vec<VecDeque<(usize, T)>> = (0..threads).map(|_| VecDeque::new()).collect();
    for (at, (maker, item)) in items.into_iter().enumerate() {
        queues[maker % threads].push_back((at, item));
    }
    let queues: Vec<Mutex<VecDeque<(usize, T)>>> = queues.into_iter().map(Mutex::new).collect();
    // A poisoned queue (a panic in `f` elsewhere) is still a queue: rayon passes the panic on.
    let take = |q: usize, own: bool| {
        let mut queue = queues[q].lock().unwrap_or_else(|e| e.into_inner());
        if own { queue.pop_front() } else { queue.pop_back() }
    };
    let done: Vec<Vec<(usize, R, Diagnostics)>> = rayon::broadcast(|ctx| {
        let me = ctx.index() % threads;
        let mut state = init();
        let mut out = Vec::new();
        for q in (0..threads).map(|k| (me + k) % threads) {
            while let Some((at, item)) = take(q, q == me) {
                let mut d = Diagnostics::new();
                let r = f(&mut state, item, &mut d);
                out.push((at, r, d));
            }
        }
        out
    });
    let mut slots: Vec<Option<(R, Diagnostics)>> = (0..count).map(|_| None).collect();
    for (at, r, d) in done.into_iter().flatten() {
        slots[at] = Some((r, d));
    }
    slots
        .into_iter()
        .flatten()
        .map(|(r, d)| {
            diags.extend(d);
            r
        })
        .collect()
}

/// [`par_map`] over any indexed parallel iterator (owned items too), each worker keeping
/// state made by `init` from item to item (rayon's `map_init`).
pub fn par_map_init<I: rayon::iter::IndexedParallelIterator, S, R: Send>(
    items: I,
    diags: &mut Diagnostics,
    init: impl Fn() -> S + Sync + Send,
    f: impl Fn(&mut S, I::Item, &mut Diagnostics) -> R + Sync + Send,
) -> Vec<R> {
    use rayon::prelude::*;
    let done: Vec<(R, Diagnostics)> = items
        .map_init(init, |state, item| {
            let mut d = Diagnostics::new();
            let r = f(state, item, &mut d);
            (r, d)
        })
        .collect();
    done.into_iter()
        .map(|(r, d)| {
            diags.extend(d);
            r
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_by_maker_keeps_the_items_order() {
        // Makers beyond the pool's size, all items on one maker, and an empty list.
        let cases: Vec<Vec<usize>> = vec![(0..200).map(|i| (i * 7) % 5).collect(), vec![1; 50], vec![9, 0, 3], Vec::new()];
        let pool = rayon::ThreadPoolBuilder::new().num_threads(3).build().expect("a pool");
        for makers in cases {
            let items: Vec<(usize, String)> = makers.iter().enumerate().map(|(i, &m)| (m, format!("item {i}"))).collect();
            let mut diags = Diagnostics::new();
            let out = pool.install(|| {
                par_map_by_maker(items, &mut diags, || (), |_, item, d| {
                    d.push(Code::NameCollision, Loc::new(item.clone(), 1), "x");
                    item
                })
            });
            let expected: Vec<String> = (0..makers.len()).map(|i| format!("item {i}")).collect();
            assert_eq!(out, expected);
            let files: Vec<String> = diags.iter().map(|d| d.loc.file.clone()).collect();
            assert_eq!(files, expected, "diagnostics in item order");
        }
    }
}
