//! Tests from the docs' own examples: every response example with a JSON body must
//! deserialize into the operation's declared response type.

use super::names::Names;
use super::rust_types::{ident, value_type};
use crate::model::{Model, Operation, Prim, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

/// The tokens of `tests/examples.rs`, or `None` when no example can be checked.
pub fn tests(model: &Model, names: &Names, crate_ident: &str) -> Option<TokenStream> {
    let krate = ident(crate_ident);
    let mut tests = TokenStream::new();
    let mut count = 0;
    for op in &model.operations {
        let Some(target) = target_type(model, names, op) else { continue };
        let target = replace_crate(target, &krate);
        for (n, ex) in op.examples.iter().enumerate() {
            let Some(resp) = &ex.response else { continue };
            // The parsed body: lenient JSON in the docs is repaired (and reported) upstream.
            let Some(body) = resp.body.as_ref().and_then(|b| ::serde_json::to_string_pretty(b).ok()) else { continue };
            let name = ident(&format!("{}_example_{}", names.ops[&op.id], n + 1));
            let at = resp.loc.to_string();
            let gate = super::feature_gate(names, &names.areas[&op.area]);
            tests.extend(quote! {
                #gate
                #[test]
                fn #name() {
                    let parsed = ::serde_json::from_str::<#target>(#body);
                    assert!(parsed.is_ok(), "{}: {}", #at, parsed.err().map(|e| e.to_string()).unwrap_or_default());
                }
            });
            count += 1;
        }
    }
    (count > 0).then_some(tests)
}

/// The type a response body deserializes into: `T` or `Collection<T>`.
fn target_type(model: &Model, names: &Names, op: &Operation) -> Option<TokenStream> {
    let ty = op.response.ty.as_ref()?;
    if matches!(ty, TypeRef::Prim(Prim::Stream)) {
        return None;
    }
    let t = value_type(ty, names, |q| model.enum_by_name(q).is_some_and(|e| e.flags));
    // Single primitives and enums come wrapped in `{"value": ...}`.
    Some(if op.response.collection || matches!(ty, TypeRef::Prim(_) | TypeRef::Enum(_)) {
        quote!(crate::runtime::Collection<#t>)
    } else {
        t
    })
}

/// Tests are an integration test: `crate::` paths become paths through the crate's name.
fn replace_crate(tokens: TokenStream, krate: &proc_macro2::Ident) -> TokenStream {
    tokens
        .into_iter()
        .map(|tt| match tt {
            proc_macro2::TokenTree::Ident(i) if i == "crate" => proc_macro2::TokenTree::Ident(krate.clone()),
            proc_macro2::TokenTree::Group(g) => {
                let mut ng = proc_macro2::Group::new(g.delimiter(), replace_crate(g.stream(), krate));
                ng.set_span(g.span());
                proc_macro2::TokenTree::Group(ng)
            }
            other => other,
        })
        .collect()
}
