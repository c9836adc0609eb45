//! Strongly connected components of the struct-containment graph, through petgraph's
//! Kosaraju: it is iterative, so a chain of containment as long as the docs care to make it
//! cannot overflow the stack (petgraph's Tarjan recurses, and does on 100,000 types).

use petgraph::graphmap::DiGraphMap;
use std::collections::BTreeMap;

/// Edges: node → (target, label). Returns a component number per node; only equality of
/// numbers means anything.
pub fn components<'a>(nodes: impl IntoIterator<Item = &'a str>, edges: &BTreeMap<&'a str, Vec<(&'a str, &'a str)>>) -> BTreeMap<&'a str, usize> {
    let mut graph: DiGraphMap<&str, ()> = DiGraphMap::new();
    for n in nodes {
        graph.add_node(n);
    }
    for (&from, out) in edges {
        for &(to, _) in out {
            graph.add_edge(from, to, ());
        }
    }
    petgraph::algo::kosaraju_scc(&graph).into_iter().enumerate().flat_map(|(i, comp)| comp.into_iter().map(move |n| (n, i))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

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
