//! A small docs tree from arbitrary bytes, through every phase in memory: pages, model,
//! emit. See `graphgen::fuzzing::tree_of` for how the bytes become pages.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (_, files, diags) = graphgen::fuzzing::run_tree(data);
    // Code that does not format is a generator bug, and so is a path leaving the crate.
    assert!(!diags.iter().any(|d| d.code.as_str() == "emit-failed"), "{:?}", diags.sorted());
    for path in files.keys() {
        assert!(graphgen::output::safe_relative(path).is_ok(), "{path}");
    }
});
