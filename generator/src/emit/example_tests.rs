//! Conformance tests from the docs' own examples (`tests/examples.rs`): per operation with
//! examples, a builder that calls the path function a matched template names with the values
//! found in the URL; per example, a test handing the example's text to the shared checks in
//! `tests/conformance/mod.rs` (request rebuilt, response decoded, pair replayed).

use super::names::Names;
use super::requests::{answers_collection, json_body_type, response_type, typed_arg};
use super::rust_types::prim;
use super::source::{close, comma, loc_text, open, out, put, Lit, Piece, Source, TextLit};
use crate::model::paths::ParamKind;
use crate::model::{ExampleRequest, ExampleResponse, Model, Operation, RequestBody};
use crate::pages::TrimFast;

/// The shared checks, copied next to the tests.
pub const SUPPORT: &str = include_str!("../../testkit/conformance.rs");

/// The head of `tests/examples.rs`: the crate under test and the shared checks.
pub fn preamble(src: &mut Source, krate: &str) {
    src.inner_doc("Every example of the docs, checked by `conformance::run` (see that module).");
    out!(src, "extern crate {krate} as crate_under_test;");
    out!(src, "mod conformance;");
    out!(src, "// Unused when the features enabled leave out every area with examples.");
    out!(src, "#[allow(unused_imports)]");
    out!(src, "use conformance as c;");
}

/// One operation's builder and a test per example; nothing when it has no example.
/// (Written per operation so the file is written in parallel, piece by piece.)
pub fn op_tests(src: &mut Source, model: &Model, names: &Names, op: &Operation, krate: &str) {
    let examples: Vec<_> = op.examples.iter().filter(|e| e.request.is_some() || e.response.is_some()).collect();
    if examples.is_empty() {
        return;
    }
    let module = &names.ops[&op.id];
    let builder = ["build_", module].concat();
    src.blank();
    builder_fn(src, model, names, op, &builder, krate);
    let count = if answers_collection(op) { ["Some(", krate, "::runtime::Request::count_only)"].concat() } else { "None".into() };
    for (n, ex) in examples.iter().enumerate() {
        super::feature_gate(src, names, &names.areas[&op.area]);
        put!(src, "#[test]");
        put!(src, "fn ", module, "_example_", n + 1, "() {");
        src.indent_more();
        put!(src, "c::run(");
        src.indent_more();
        put!(src, "&c::Example {");
        src.indent_more();
        match &ex.request {
            Some(r) => request(src, r),
            None => put!(src, "request: None,"),
        }
        match &ex.response {
            Some(r) => response(src, r),
            None => put!(src, "response: None,"),
        }
        close!(src, "}},");
        put!(src, krate, "::requests::", module, "::PATHS,");
        put!(src, builder, ",");
        put!(src, count, ",");
        close!(src, ");");
        close!(src, "}}");
    }
}

/// `fn build_op(m: &c::Match) -> c::Built<R>`: the path function of the matched template.
fn builder_fn(src: &mut Source, model: &Model, names: &Names, op: &Operation, builder: &str, krate: &str) {
    let module = &names.ops[&op.id];
    // Tests are an integration test: `crate::` paths go through the crate's name.
    let in_crate = |path: String| path.replace("crate::", &[krate, "::"].concat());
    super::feature_gate(src, names, &names.areas[&op.area]);
    open!(src, "fn {builder}(m: &c::Match) -> c::Built<{}> {{", in_crate(response_type(model, names, op)));
    if op.paths.is_empty() {
        out!(src, "Err(m.unmatched())");
        close!(src, "}}");
        return;
    }
    let body_arg = match (&op.request_body, json_body_type(model, names, op)) {
        (Some(RequestBody::Bytes), _) => Some("m.bytes()"),
        (_, Some(ty)) => {
            out!(src, "let body: {} = m.json()?;", in_crate(ty));
            Some("&body")
        }
        _ => None,
    };
    open!(src, "Ok(match m.index() {{");
    for (i, (path, fname)) in op.paths.iter().zip(&names.path_fns[&op.id]).enumerate() {
        // The arguments, comma-separated, written straight into their text.
        let mut args = String::new();
        for (j, p) in path.params.iter().enumerate() {
            comma(&mut args);
            match typed_arg(op, p) {
                Some(ty) if p.kind == ParamKind::Function => {
                    args.push_str("m.arg::<");
                    args.push_str(prim(ty));
                    args.push_str(">(");
                    j.put_into(&mut args);
                    args.push_str(")?");
                }
                _ => {
                    args.push_str("m.s(");
                    j.put_into(&mut args);
                    args.push_str(")?");
                }
            }
        }
        if let Some(b) = body_arg {
            comma(&mut args);
            args.push_str(b);
        }
        put!(src, i, " => ", krate, "::requests::", module, "::", fname, "(", args, "),");
    }
    out!(src, "_ => return Err(m.unmatched()),");
    close!(src, "}})");
    close!(src, "}}");
}

/// `&[("Name", "value"), ...]`, written straight into the output.
struct Headers<'a>(&'a [(String, String)]);

impl Piece for Headers<'_> {
    fn put_into(&self, out: &mut String) {
        out.push_str("&[");
        for (i, (k, v)) in self.0.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push('(');
            Lit(k).put_into(out);
            out.push_str(", ");
            Lit(v).put_into(out);
            out.push(')');
        }
        out.push(']');
    }
}

/// The body as JSON text when it parsed (repairs reported upstream), else the raw text.
enum Body<'a> {
    Json(&'a str),
    Text(&'a str),
    None,
}

impl<'a> Body<'a> {
    fn of(json: Option<&'a str>, text: &'a str) -> Self {
        match json {
            Some(t) => Body::Json(t),
            None if text.trim_fast().is_empty() => Body::None,
            None => Body::Text(text),
        }
    }
}

impl Piece for Body<'_> {
    fn put_into(&self, out: &mut String) {
        match self {
            Body::Json(t) | Body::Text(t) => {
                out.push_str("Some(");
                TextLit(t).put_into(out);
                out.push(')');
            }
            Body::None => out.push_str("None"),
        }
    }
}

fn request(src: &mut Source, r: &ExampleRequest) {
    // The request line follows the opening fence.
    let at = loc_text(&r.loc.file, r.loc.line + 1);
    let body = Body::of(r.json.as_deref(), &r.body_text);
    put!(src, "request: Some(c::Req {");
    src.indent_more();
    put!(src, "at: ", Lit(&at), ",");
    put!(src, "method: ", Lit(&r.method), ",");
    put!(src, "url: ", Lit(&r.url), ",");
    put!(src, "headers: ", Headers(&r.headers), ",");
    put!(src, "body: ", body, ",");
    put!(src, "json: ", matches!(body, Body::Json(_)), ",");
    close!(src, "}}),");
}

fn response(src: &mut Source, r: &ExampleResponse) {
    let body = Body::of(r.json.as_deref(), &r.body_text);
    put!(src, "response: Some(c::Resp {");
    src.indent_more();
    put!(src, "at: ", Lit(&loc_text(&r.loc.file, r.loc.line)), ",");
    put!(src, "status: ", r.status, ",");
    put!(src, "headers: ", Headers(&r.headers), ",");
    put!(src, "body: ", body, ",");
    put!(src, "json: ", matches!(body, Body::Json(_)), ",");
    close!(src, "}}),");
}
