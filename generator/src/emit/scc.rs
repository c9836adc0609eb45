//! Strongly connected components (Tarjan), without recursion: a chain of containment as
//! long as the docs care to make it must not overflow the stack.

use std::collections::{BTreeMap, BTreeSet};

/// Edges: node → (target, label). Returns a component number per node reached from `nodes`.
pub fn components<'a>(nodes: impl IntoIterator<Item = &'a str>, edges: &BTreeMap<&'a str, Vec<(&'a str, &'a str)>>) -> BTreeMap<&'a str, usize> {
    let mut s = State::default();
    for root in nodes {
        if s.index.contains_key(root) {
            continue;
        }
        // The recursion's frames: a node and the position of its next edge.
        let mut calls: Vec<(&'a str, usize)> = vec![(root, 0)];
        s.enter(root);
        while let Some(&(v, pos)) = calls.last() {
            match edges.get(v).and_then(|out| out.get(pos)) {
                Some(&(w, _)) => {
                    if let Some(top) = calls.last_mut() {
                        top.1 += 1;
                    }
                    if !s.index.contains_key(w) {
                        s.enter(w);
                        calls.push((w, 0));
                    } else if s.on_stack.contains(w) {
                        s.lower(v, s.index[w]);
                    }
                }
                None => {
                    calls.pop();
                    s.leave(v);
                    if let Some(&(parent, _)) = calls.last() {
                        s.lower(parent, s.low[v]);
                    }
                }
            }
        }
    }
    s.comp
}

#[derive(Default)]
struct State<'a> {
    index: BTreeMap<&'a str, usize>,
    low: BTreeMap<&'a str, usize>,
    stack: Vec<&'a str>,
    on_stack: BTreeSet<&'a str>,
    comp: BTreeMap<&'a str, usize>,
    next_comp: usize,
}

impl<'a> State<'a> {
    fn enter(&mut self, v: &'a str) {
        let n = self.index.len();
        self.index.insert(v, n);
        self.low.insert(v, n);
        self.stack.push(v);
        self.on_stack.insert(v);
    }

    fn lower(&mut self, v: &'a str, to: usize) {
        if let Some(l) = self.low.get_mut(v) {
            *l = (*l).min(to);
        }
    }

    /// A node whose low link is its own index closes a component.
    fn leave(&mut self, v: &'a str) {
        if self.low[v] != self.index[v] {
            return;
        }
        while let Some(w) = self.stack.pop() {
            self.on_stack.remove(w);
            self.comp.insert(w, self.next_comp);
            if w == v {
                break;
            }
        }
        self.next_comp += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph<'a>(pairs: &[(&'a str, &'a str)]) -> BTreeMap<&'a str, Vec<(&'a str, &'a str)>> {
        let mut m: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
        for (a, b) in pairs {
            m.entry(*a).or_default().push((*b, "p"));
        }
        m
    }

    #[test]
    fn cycles_share_a_component_and_chains_do_not() {
        let g = graph(&[("a", "b"), ("b", "a"), ("b", "c"), ("c", "d"), ("d", "d"), ("e", "a")]);
        let c = components(["a", "b", "c", "d", "e"], &g);
        assert_eq!(c["a"], c["b"]);
        assert_ne!(c["b"], c["c"]);
        assert_ne!(c["c"], c["d"]);
        assert_ne!(c["e"], c["a"]);
        assert_eq!(c.len(), 5);
    }

    #[test]
    fn a_chain_of_100_000_does_not_overflow() {
        let names: Vec<String> = (0..100_000).map(|i| format!("t{i}")).collect();
        let mut g: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
        for w in names.windows(2) {
            g.insert(&w[0], vec![(&w[1], "next")]);
        }
        g.insert(&names[names.len() - 1], vec![(&names[0], "back")]);
        let c = components(names.iter().map(String::as_str), &g);
        assert_eq!(c.values().collect::<BTreeSet<_>>().len(), 1, "one cycle, one component");
    }
}
