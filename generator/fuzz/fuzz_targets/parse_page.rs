//! One page of arbitrary text through the page parser.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut diags = graphgen::diagnostics::Diagnostics::new();
    let _ = graphgen::pages::parse_page("api/fuzz.md", text, &mut diags);
});
