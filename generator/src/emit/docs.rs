//! Doc attributes from the docs' own text. The text only ever becomes string literals in
//! `#[doc = "..."]` attributes, one per line, so nothing in it can turn into code; lines are
//! trimmed so rustdoc never reads them as indented code blocks (which would be doctests).

use proc_macro2::TokenStream;
use quote::quote;

pub fn doc_attrs(text: &str) -> TokenStream {
    let mut out = TokenStream::new();
    for line in lines(text) {
        let line = format!(" {line}");
        out.extend(quote! { #[doc = #line] });
    }
    out
}

/// The text as doc lines: trimmed, no fences, no empty runs, no control characters.
fn lines(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for raw in text.lines() {
        let clean: String = raw.chars().filter(|c| !c.is_control()).collect::<String>().replace("```", "``").trim().to_string();
        if clean.is_empty() && out.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        out.push(clean);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_stays_in_a_string() {
        let t = doc_attrs("*/ } pub fn x() {} /* \"quoted\"\n    indented code\n```rust\nfn y(){}\n```");
        let file: syn::File = syn::parse2(quote! { #t pub struct S; }).unwrap();
        assert_eq!(file.items.len(), 1, "only the struct is an item");
        let text = prettyplease::unparse(&file);
        assert!(!text.contains("```"));
        assert!(text.contains("///  indented code") || text.contains("/// indented code"));
    }
}
