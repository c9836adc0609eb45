//! Conformance tests from the docs' own examples (`tests/examples.rs`): per operation with
//! examples, a builder that calls the path function a matched template names with the values
//! found in the URL; per example, a test handing the example's text to the shared checks in
//! `tests/conformance/mod.rs` (request rebuilt, response decoded, pair replayed).

use super::names::Names;
use super::requests::{json_body_type, path_fn_names, typed_arg};
use super::rust_types::{ident, prim};
use crate::model::paths::ParamKind;
use crate::model::{ExampleRequest, ExampleResponse, Model, Operation, RequestBody};
use proc_macro2::TokenStream;
use quote::quote;

/// The shared checks, copied next to the tests.
pub const SUPPORT: &str = include_str!("../../testkit/conformance.rs");

/// The head of `tests/examples.rs`: the crate under test and the shared checks.
pub fn preamble(crate_ident: &str) -> TokenStream {
    let krate = ident(crate_ident);
    quote! {
        //! Every example of the docs, checked by `conformance::run` (see that module).
        extern crate #krate as crate_under_test;
        mod conformance;
        // Unused when the features enabled leave out every area with examples.
        #[allow(unused_imports)]
        use conformance as c;
    }
}

/// One operation's builder and a test per example, or `None` when it has no example.
/// (Rendered per operation so the file formats in parallel, piece by piece.)
pub fn op_tests(model: &Model, names: &Names, op: &Operation, crate_ident: &str) -> Option<TokenStream> {
    let krate = ident(crate_ident);
    let examples: Vec<_> = op.examples.iter().filter(|e| e.request.is_some() || e.response.is_some()).collect();
    if examples.is_empty() {
        return None;
    }
    let gate = super::feature_gate(names, &names.areas[&op.area]);
    let module = ident(&names.ops[&op.id]);
    let builder = ident(&format!("build_{}", names.ops[&op.id]));
    let mut items = replace_crate(builder_fn(model, names, op, &builder, &gate), &krate);
    let count = if super::requests::answers_collection(op) { quote!(Some(#krate::runtime::Request::count_only)) } else { quote!(None) };
    for (n, ex) in examples.iter().enumerate() {
        let name = ident(&format!("{}_example_{}", names.ops[&op.id], n + 1));
        let request = ex.request.as_ref().map_or(quote!(None), |r| {
            let r = request(r);
            quote!(Some(#r))
        });
        let response = ex.response.as_ref().map_or(quote!(None), |r| {
            let r = response(r);
            quote!(Some(#r))
        });
        items.extend(quote! {
            #gate
            #[test]
            fn #name() {
                c::run(&c::Example { request: #request, response: #response }, #krate::requests::#module::PATHS, #builder, #count);
            }
        });
    }
    Some(items)
}

/// `fn build_op(m: &c::Match) -> c::Built<R>`: the path function of the matched template.
fn builder_fn(model: &Model, names: &Names, op: &Operation, builder: &proc_macro2::Ident, gate: &TokenStream) -> TokenStream {
    let module = ident(&names.ops[&op.id]);
    let response = super::requests::response_type(model, names, op);
    let (body_let, body_arg) = match (&op.request_body, json_body_type(model, names, op)) {
        (Some(RequestBody::Bytes), _) => (quote!(), quote!(m.bytes())),
        (_, Some(ty)) => (quote!(let body: #ty = m.json()?;), quote!(&body)),
        _ => (quote!(), quote!()),
    };
    let mut arms = TokenStream::new();
    for (i, (path, fname)) in op.paths.iter().zip(path_fn_names(op)).enumerate() {
        let f = ident(&fname);
        let args = path.params.iter().enumerate().map(|(j, p)| match typed_arg(op, p) {
            Some(ty) if p.kind == ParamKind::Function => {
                let ty = prim(ty);
                quote!(m.arg::<#ty>(#j)?)
            }
            _ => quote!(m.s(#j)?),
        });
        arms.extend(quote!(#i => crate::requests::#module::#f(#(#args,)* #body_arg),));
    }
    let body = if op.paths.is_empty() {
        quote!(Err(m.unmatched()))
    } else {
        quote! {
            #body_let
            Ok(match m.index() {
                #arms
                _ => return Err(m.unmatched()),
            })
        }
    };
    quote! {
        #gate
        fn #builder(m: &c::Match) -> c::Built<#response> {
            #body
        }
    }
}

fn headers(h: &[(String, String)]) -> TokenStream {
    let (k, v): (Vec<&str>, Vec<&str>) = h.iter().map(|(k, v)| (k.as_str(), v.as_str())).unzip();
    quote!(&[#((#k, #v)),*])
}

/// The body as JSON text when it parsed (repairs reported upstream), else the raw text.
fn body(json: Option<&serde_json::Value>, text: &str) -> (TokenStream, bool) {
    match json.and_then(|v| serde_json::to_string(v).ok()) {
        Some(t) => (quote!(Some(#t)), true),
        None if text.trim().is_empty() => (quote!(None), false),
        None => (quote!(Some(#text)), false),
    }
}

fn request(r: &ExampleRequest) -> TokenStream {
    // The request line follows the opening fence.
    let at = format!("{}:{}", r.loc.file, r.loc.line + 1);
    let (method, url, h) = (&r.method, &r.url, headers(&r.headers));
    let (body, json) = body(r.body.as_ref(), &r.body_text);
    quote!(c::Req { at: #at, method: #method, url: #url, headers: #h, body: #body, json: #json })
}

fn response(r: &ExampleResponse) -> TokenStream {
    let at = r.loc.to_string();
    let (status, h) = (r.status, headers(&r.headers));
    let (body, json) = body(r.body.as_ref(), &r.body_text);
    quote!(c::Resp { at: #at, status: #status, headers: #h, body: #body, json: #json })
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
