//! A small docs tree from arbitrary bytes, through every phase in memory: pages, model,
//! emit. See `graphgen::fuzzing::tree_of` for how the bytes become pages.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (_, files, _) = graphgen::fuzzing::run_tree(data);
    // Code that does not parse is a generator bug, and so is a path leaving the crate.
    if let Err(e) = graphgen::fuzzing::check_files(&files) {
        panic!("{e}");
    }
});
