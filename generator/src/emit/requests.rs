//! Requests: per operation a module with its permission scopes as data and one function per
//! documented path, taking typed path and function parameters and the body, returning a
//! sans-IO `crate::runtime::Request` typed by its response.

use super::models::{object, Field};
use super::names::Names;
use super::source::{close, comma, loc_text, open, put, Lit, Lits, Piece, Source};
use super::rust_types::{prim, value_type};
use crate::diagnostics::{Code, Diagnostics};
use crate::model::paths::{ParamKind, PathParam, PathPart, PathTemplate};
use crate::model::{Model, Operation, ParamIn, Prim, Property, RequestBody, TypeRef};
use crate::naming::{self, Scope};

fn is_flags(model: &Model) -> impl Fn(&str) -> bool + '_ {
    move |q| model.enum_by_name(q).is_some_and(|e| e.flags)
}

pub fn operation_module(src: &mut Source, model: &Model, names: &Names, op: &Operation, diags: &mut Diagnostics) {
    let mut doc = op.name.clone();
    if !op.description.is_empty() && op.description != op.name {
        doc.push_str("\n\n");
        doc.push_str(&op.description);
    }
    doc.extend(["\n\nDocumented at `", &loc_text(&op.loc.file, op.loc.line), "`."]);
    src.doc(&doc);
    put!(src, "pub mod ", names.ops[&op.id], " {");
    src.indent_more();
    // The per-operation data are statics, not consts: as two thousand consts they cost
    // `cargo check` of the v1.0 crate about three quarters of a second more.
    permissions(src, op);
    src.doc("The paths, one function each, in this order: those the page lists, then other\nforms of them the service accepts.");
    open!(src, "pub static PATHS: &[&str] = &[");
    for p in &op.paths {
        put!(src, Lit(&p.text), ",");
    }
    close!(src, "];");
    let response = response_type(model, names, op);
    let body = body(src, model, names, op, diags);
    for (path, fname) in op.paths.iter().zip(&names.path_fns[&op.id]) {
        path_fn(src, op, path, fname, &response, &body);
    }
    close!(src, "}}");
}

/// The Rust type of a function-argument placeholder declared with a number or boolean type;
/// `None` for strings and everything passed as `&str`.
pub fn typed_arg(op: &Operation, p: &PathParam) -> Option<Prim> {
    let declared = op.parameters.iter().find(|q| q.name == p.name && q.param_in == ParamIn::Function)?;
    match declared.ty {
        TypeRef::Prim(pr @ (Prim::Int16 | Prim::Int32 | Prim::Int64 | Prim::Boolean | Prim::Double | Prim::Single | Prim::Byte)) if !declared.collection => Some(pr),
        _ => None,
    }
}

/// The owned Rust type of a JSON request body (`T`, or `Vec<T>` for collections); `None`
/// for no body and raw bytes.
pub fn json_body_type(model: &Model, names: &Names, op: &Operation) -> Option<String> {
    match &op.request_body {
        None | Some(RequestBody::Bytes) => None,
        Some(RequestBody::Parameters(_)) => Some(["crate::requests::", &names.ops[&op.id], "::Body"].concat()),
        Some(RequestBody::Type { ty, collection }) => {
            let t = body_value_type(model, names, ty);
            Some(if *collection { ["Vec<", &t, ">"].concat() } else { t })
        }
    }
}

/// A body names its type itself, not its polymorphic wrapper: the client sends what it built.
fn body_value_type(model: &Model, names: &Names, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Type(q) if names.types.contains_key(q) => ["crate::models::", &names.types[q]].concat(),
        ty => value_type(ty, names, is_flags(model)),
    }
}

fn permissions(src: &mut Source, op: &Operation) {
    let p = &op.permissions;
    src.doc("Permission scopes for this operation, least privileged first.");
    open!(src, "pub static PERMISSIONS: crate::runtime::Permissions = crate::runtime::Permissions {{");
    put!(src, "delegated_work: &[", Lits(&p.delegated_work), "],");
    put!(src, "delegated_personal: &[", Lits(&p.delegated_personal), "],");
    put!(src, "application: &[", Lits(&p.application), "],");
    close!(src, "}};");
}

/// Whether the operation answers with a page of a collection (`Collection<T>`).
pub fn answers_collection(op: &Operation) -> bool {
    op.response.collection && !matches!(op.response.ty, None | Some(TypeRef::Prim(Prim::Stream)))
}

/// `crate::runtime::Single<T>`, `Scalar<T>`, `Collection<T>`, `NoContent` or `Bytes`.
pub fn response_type(model: &Model, names: &Names, op: &Operation) -> String {
    let raw_bytes = op.paths.iter().any(|p| p.text.ends_with("$value") || p.text.ends_with("/content"));
    match &op.response.ty {
        Some(TypeRef::Prim(Prim::Stream)) => "crate::runtime::Bytes".into(),
        Some(ty) => {
            let t = value_type(ty, names, is_flags(model));
            if answers_collection(op) {
                ["crate::runtime::Collection<", &t, ">"].concat()
            } else if matches!(ty, TypeRef::Enum(_)) || matches!(ty, TypeRef::Prim(p) if *p != Prim::Untyped) {
                // OData wraps a single primitive or enum result: `{"value": ...}`.
                ["crate::runtime::Scalar<", &t, ">"].concat()
            } else {
                ["crate::runtime::Single<", &t, ">"].concat()
            }
        }
        None if raw_bytes && op.method == crate::model::Method::Get => "crate::runtime::Bytes".into(),
        None => "crate::runtime::NoContent".into(),
    }
}

/// How a path function takes and attaches the request body.
struct BodyArg {
    /// The parameter (`body: &T`).
    param: String,
    /// The builder call that attaches it (`.json_body(body)`).
    call: &'static str,
}

/// The body parameter of the path functions; an action's parameters become a `Body` struct,
/// written here.
fn body(src: &mut Source, model: &Model, names: &Names, op: &Operation, diags: &mut Diagnostics) -> Option<BodyArg> {
    let json = |ty: String| Some(BodyArg { param: ["body: &", &ty].concat(), call: ".json_body(body)" });
    match &op.request_body {
        None => None,
        Some(RequestBody::Bytes) => Some(BodyArg { param: "body: ::std::vec::Vec<u8>".into(), call: ".bytes_body(body, \"application/octet-stream\")" }),
        Some(RequestBody::Type { ty, collection }) => {
            let t = body_value_type(model, names, ty);
            json(if *collection { ["[", &t, "]"].concat() } else { t })
        }
        Some(RequestBody::Parameters(props)) => {
            body_struct(src, model, names, op, props, diags);
            json("Body".into())
        }
    }
}

fn body_struct(src: &mut Source, model: &Model, names: &Names, op: &Operation, props: &[Property], diags: &mut Diagnostics) {
    let mut scope = Scope::with_capacity(props.len() + 1);
    scope.reserve("additional_properties");
    let mut fields = Vec::new();
    for p in props {
        let (fname, renamed) = scope.claim(naming::snake_name(&p.name));
        if let Some(r) = renamed {
            diags.push(Code::NameCollision, p.loc.clone(), format!("body parameter `{}` of `{}` would be `{}`; named `{}`", p.name, op.id, r.wanted, r.got));
        }
        let mut ty = value_type(&p.ty, names, is_flags(model));
        if p.collection {
            ty = ["Vec<", &ty, ">"].concat();
        }
        fields.push(Field { name: fname, wire: &p.name, ty, doc: &p.description, gate: None });
    }
    src.doc("The request body: the operation's parameters.");
    object(src, names, "Body", &fields, "Members the docs do not list.");
}

fn path_fn(src: &mut Source, op: &Operation, path: &PathTemplate, fname: &str, response: &str, body: &Option<BodyArg>) {
    match &path.alias_of {
        None => src.doc(&["`", op.method.as_str(), " ", &path.text, "`"].concat()),
        Some(of) => src.doc(&["`", op.method.as_str(), " ", &path.text, "`\n\nA form of `", of, "` that the service accepts and the page does not list."].concat()),
    }
    let mut scope = Scope::with_capacity(path.params.len() + 1);
    scope.reserve("body");
    let param_names: Vec<String> = path.params.iter().map(|p| scope.claim(naming::snake_name(&p.name)).0).collect();
    // The parameters, and the path as pieces to join: literal text, and each value encoded
    // as its place needs (both written comma-separated, straight into their text).
    // Room for the literal text and, per parameter, its name, type and encoding call.
    let (mut params, mut pieces) = (String::with_capacity(32 * path.params.len() + 32), String::with_capacity(path.text.len() + 48 * path.params.len()));
    for (i, part) in path.parts.iter().enumerate() {
        match part {
            PathPart::Lit(l) => {
                let mut l = l.as_str();
                // Quoted function arguments are quoted (and escaped) by `runtime::quoted`.
                if matches!(path.parts.get(i + 1), Some(PathPart::Param(n)) if path.params[*n].quoted) {
                    l = l.strip_suffix('\'').unwrap_or(l);
                }
                if i > 0 && matches!(path.parts.get(i - 1), Some(PathPart::Param(n)) if path.params[*n].quoted) {
                    l = l.strip_prefix('\'').unwrap_or(l);
                }
                if !l.is_empty() {
                    comma(&mut pieces);
                    Lit(l).put_into(&mut pieces);
                }
            }
            PathPart::Param(n) => {
                let p = &path.params[*n];
                let id = &param_names[*n];
                // A typed argument is written as text; strings are encoded by the runtime.
                let (ty, encode) = match (p.kind, typed_arg(op, p)) {
                    (_, Some(ty)) => (prim(ty), None),
                    (ParamKind::ItemPath, None) => ("&str", Some("path_segments")),
                    (_, None) if p.quoted => ("&str", Some("quoted")),
                    (_, None) => ("&str", Some("segment")),
                };
                comma(&mut params);
                params.push_str(id);
                params.push_str(": ");
                params.push_str(ty);
                comma(&mut pieces);
                match encode {
                    Some(f) => {
                        pieces.push_str("&crate::runtime::");
                        pieces.push_str(f);
                        pieces.push('(');
                        pieces.push_str(id);
                        pieces.push(')');
                    }
                    None => {
                        pieces.push('&');
                        pieces.push_str(id);
                        pieces.push_str(".to_string()");
                    }
                }
            }
        }
    }
    if let Some(b) = body {
        comma(&mut params);
        params.push_str(&b.param);
    }
    let method = op.method.lowercase();
    put!(src, "pub fn ", fname, "(", params, ") -> crate::runtime::Request<", response, "> {");
    src.indent_more();
    put!(src, "crate::runtime::Request::", method, "(&[", pieces, "], &PERMISSIONS)", body.as_ref().map_or("", |b| b.call));
    close!(src, "}}");
}
