//! Tokens → formatted Rust source, once, at the edge: `syn` parses, `prettyplease` prints.

use proc_macro2::TokenStream;

/// Formats a file; `header` becomes its first lines.
pub fn file(header: &str, tokens: TokenStream) -> Result<String, String> {
    let parsed: syn::File = syn::parse2(tokens).map_err(|e| format!("generated tokens do not parse: {e}"))?;
    let mut out = String::from(header);
    out.push('\n');
    out.push_str(&prettyplease::unparse(&parsed));
    Ok(out)
}

/// Formats items without a header (to be joined into a file).
pub fn items(tokens: TokenStream) -> Result<String, String> {
    let parsed: syn::File = syn::parse2(tokens).map_err(|e| format!("generated tokens do not parse: {e}"))?;
    Ok(prettyplease::unparse(&parsed))
}
