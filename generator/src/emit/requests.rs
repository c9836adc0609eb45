//! Requests: per operation a module with its permission scopes as data and one function per
//! documented path, taking typed path and function parameters and the body, returning a
//! sans-IO `crate::runtime::Request` typed by its response.

use super::docs::doc_attrs;
use super::names::Names;
use super::rust_types::{ident, prim, value_type};
use crate::diagnostics::{Code, Diagnostics};
use crate::model::paths::{self, ParamKind, PathParam, PathPart, PathTemplate};
use crate::model::{Model, Operation, ParamIn, Prim, Property, RequestBody, TypeRef};
use crate::naming::{self, Scope};
use proc_macro2::TokenStream;
use quote::quote;

fn is_flags(model: &Model) -> impl Fn(&str) -> bool + '_ {
    move |q| model.enum_by_name(q).is_some_and(|e| e.flags)
}

pub fn operation_module(model: &Model, names: &Names, op: &Operation, diags: &mut Diagnostics) -> TokenStream {
    let module = ident(&names.ops[&op.id]);
    let mut doc = op.name.clone();
    if !op.description.is_empty() && op.description != op.name {
        doc.push_str("\n\n");
        doc.push_str(&op.description);
    }
    doc.push_str(&format!("\n\nDocumented at `{}`.", op.loc));
    let doc = doc_attrs(&doc);
    let perms = permissions(op);
    let response = response_type(model, names, op);
    let (body_param, body_call, body_item) = body(model, names, op, diags);
    let mut fns = TokenStream::new();
    for (path, fname) in op.paths.iter().zip(path_fn_names(op)) {
        fns.extend(path_fn(op, path, &fname, &response, &body_param, &body_call));
    }
    let paths = op.paths.iter().map(|p| p.text.as_str());
    quote! {
        #doc
        pub mod #module {
            /// Permission scopes for this operation, least privileged first.
            pub const PERMISSIONS: crate::runtime::Permissions = #perms;
            /// The paths, one function each, in this order: those the page lists, then other
            /// forms of them the service accepts.
            pub const PATHS: &[&str] = &[#(#paths),*];
            #body_item
            #fns
        }
    }
}

/// The names of an operation's path functions, one per path, in path order.
pub fn path_fn_names(op: &Operation) -> Vec<String> {
    let mut scope = Scope::new();
    for reserved in ["PERMISSIONS", "PATHS", "Body"] {
        scope.reserve(reserved);
    }
    // A function listed bare and with arguments: the arguments tell the two apart. Paths that
    // still reduce to one name (`/me/x` listed twice with different placeholders) are
    // numbered: expected, not a docs problem.
    let plain: Vec<String> = op.paths.iter().map(|p| path_fn_name(p, false)).collect();
    op.paths
        .iter()
        .zip(&plain)
        .map(|(p, name)| {
            let shared = plain.iter().filter(|n| *n == name).count() > 1;
            scope.claim(if shared { path_fn_name(p, true) } else { name.clone() }).0
        })
        .collect()
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
pub fn json_body_type(model: &Model, names: &Names, op: &Operation) -> Option<TokenStream> {
    match &op.request_body {
        None | Some(RequestBody::Bytes) => None,
        Some(RequestBody::Parameters(_)) => {
            let m = ident(&names.ops[&op.id]);
            Some(quote!(crate::requests::#m::Body))
        }
        Some(RequestBody::Type { ty, collection }) => {
            let t = match ty {
                TypeRef::Type(q) if names.types.contains_key(q) => {
                    let t = ident(&names.types[q]);
                    quote!(crate::models::#t)
                }
                ty => value_type(ty, names, is_flags(model)),
            };
            Some(if *collection { quote!(Vec<#t>) } else { t })
        }
    }
}

fn permissions(op: &Operation) -> TokenStream {
    let (w, p, a) = (&op.permissions.delegated_work, &op.permissions.delegated_personal, &op.permissions.application);
    quote! {
        crate::runtime::Permissions { delegated_work: &[#(#w),*], delegated_personal: &[#(#p),*], application: &[#(#a),*] }
    }
}

/// Whether the operation answers with a page of a collection (`Collection<T>`).
pub fn answers_collection(op: &Operation) -> bool {
    op.response.collection && !matches!(op.response.ty, None | Some(TypeRef::Prim(Prim::Stream)))
}

/// `crate::runtime::Single<T>`, `Scalar<T>`, `Collection<T>`, `NoContent` or `Bytes`.
pub fn response_type(model: &Model, names: &Names, op: &Operation) -> TokenStream {
    let raw_bytes = op.paths.iter().any(|p| p.text.ends_with("$value") || p.text.ends_with("/content"));
    match &op.response.ty {
        Some(TypeRef::Prim(Prim::Stream)) => quote!(crate::runtime::Bytes),
        Some(ty) => {
            let t = value_type(ty, names, is_flags(model));
            if answers_collection(op) {
                quote!(crate::runtime::Collection<#t>)
            } else if matches!(ty, TypeRef::Enum(_)) || matches!(ty, TypeRef::Prim(p) if *p != Prim::Untyped) {
                // OData wraps a single primitive or enum result: `{"value": ...}`.
                quote!(crate::runtime::Scalar<#t>)
            } else {
                quote!(crate::runtime::Single<#t>)
            }
        }
        None if raw_bytes && op.method == crate::model::Method::Get => quote!(crate::runtime::Bytes),
        None => quote!(crate::runtime::NoContent),
    }
}

/// The body parameter, the builder call that attaches it, and an item for an action's body.
fn body(model: &Model, names: &Names, op: &Operation, diags: &mut Diagnostics) -> (TokenStream, TokenStream, TokenStream) {
    match &op.request_body {
        None => (quote!(), quote!(), quote!()),
        Some(RequestBody::Bytes) => (quote!(body: ::std::vec::Vec<u8>,), quote!(.bytes_body(body, "application/octet-stream")), quote!()),
        Some(RequestBody::Type { ty: TypeRef::Type(q), collection }) if names.types.contains_key(q) => {
            let t = ident(&names.types[q]);
            let ty = if *collection { quote!([crate::models::#t]) } else { quote!(crate::models::#t) };
            (quote!(body: &#ty,), quote!(.json_body(body)), quote!())
        }
        Some(RequestBody::Type { ty, collection }) => {
            let t = value_type(ty, names, is_flags(model));
            let ty = if *collection { quote!([#t]) } else { t };
            (quote!(body: &#ty,), quote!(.json_body(body)), quote!())
        }
        Some(RequestBody::Parameters(props)) => (quote!(body: &Body,), quote!(.json_body(body)), body_struct(model, names, op, props, diags)),
    }
}

fn body_struct(model: &Model, names: &Names, op: &Operation, props: &[Property], diags: &mut Diagnostics) -> TokenStream {
    let mut scope = Scope::new();
    scope.reserve("additional_properties");
    let mut fields = TokenStream::new();
    let mut wire = Vec::new();
    for p in props {
        let (fname, renamed) = scope.claim(naming::snake_name(&p.name));
        if let Some(r) = renamed {
            diags.push(Code::NameCollision, p.loc.clone(), format!("body parameter `{}` of `{}` would be `{}`; named `{}`", p.name, op.id, r.wanted, r.got));
        }
        let f = ident(&fname);
        let mut ty = value_type(&p.ty, names, is_flags(model));
        if p.collection {
            ty = quote!(Vec<#ty>);
        }
        let d = doc_attrs(&p.description);
        fields.extend(quote! {
            #d
            pub #f: Option<#ty>,
        });
        wire.push((f, p.name.clone()));
    }
    let serde = super::models::object_impl(&ident("Body"), &wire);
    quote! {
        /// The request body: the operation's parameters.
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct Body {
            #fields
            /// Members the docs do not list.
            pub additional_properties: crate::runtime::Extra,
        }
        #serde
    }
}

/// `/users/{id}/events` → `users_events`; function segments by their name.
/// The words of a path as a snake-case name: literal segments, a cast's type name, `root path`
/// for `root:`; with `with_args`, a function's argument names after `with`.
fn path_fn_name(path: &PathTemplate, with_args: bool) -> String {
    // Placeholders as blanks: only the literal text names anything.
    let skeleton: String = path.parts.iter().map(|p| if let PathPart::Lit(l) = p { l.as_str() } else { " " }).collect();
    let mut words = Vec::new();
    for seg in skeleton.split('/') {
        let (head, args) = seg.split_once('(').unwrap_or((seg, ""));
        let head = head.rsplit('.').next().unwrap_or(head);
        let word = head.trim_matches(|c: char| !c.is_ascii_alphanumeric());
        if !word.is_empty() {
            words.push(word.to_string());
        }
        // `root:` opens a path below a drive root: `root path`, apart from `root`.
        if head == "root:" {
            words.push("path".into());
        }
        let arg_names: Vec<&str> = args.split(',').filter_map(|a| a.split_once('=')).map(|(k, _)| k.trim()).filter(|k| paths::is_identifier(k)).collect();
        if with_args && !arg_names.is_empty() {
            words.push("with".into());
            words.extend(arg_names.iter().map(|a| a.to_string()));
        }
    }
    if words.is_empty() {
        return "root".into();
    }
    naming::snake_name(&words.join(" "))
}

fn path_fn(op: &Operation, path: &PathTemplate, fname: &str, response: &TokenStream, body_param: &TokenStream, body_call: &TokenStream) -> TokenStream {
    let f = ident(fname);
    let method = ident(op.method.as_str());
    let doc = match &path.alias_of {
        None => format!("`{} {}`", op.method.as_str(), path.text),
        Some(of) => format!("`{} {}`\n\nA form of `{of}` that the service accepts and the page does not list.", op.method.as_str(), path.text),
    };
    let doc = doc_attrs(&doc);
    let mut scope = Scope::new();
    scope.reserve("body");
    let mut params = TokenStream::new();
    let mut fmt = String::new();
    let mut args = Vec::new();
    let mut param_idents = Vec::new();
    for p in &path.params {
        let (pname, _) = scope.claim(naming::snake_name(&p.name));
        param_idents.push(ident(&pname));
    }
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
                fmt.push_str(&l.replace('{', "{{").replace('}', "}}"));
            }
            PathPart::Param(n) => {
                let p = &path.params[*n];
                let id = &param_idents[*n];
                fmt.push_str("{}");
                let typed = typed_arg(op, p).map(prim);
                match (p.kind, typed) {
                    (_, Some(ty)) => {
                        params.extend(quote!(#id: #ty,));
                        args.push(quote!(#id));
                    }
                    (ParamKind::ItemPath, None) => {
                        params.extend(quote!(#id: &str,));
                        args.push(quote!(crate::runtime::path_segments(#id)));
                    }
                    (_, None) if p.quoted => {
                        params.extend(quote!(#id: &str,));
                        args.push(quote!(crate::runtime::quoted(#id)));
                    }
                    (_, None) => {
                        params.extend(quote!(#id: &str,));
                        args.push(quote!(crate::runtime::segment(#id)));
                    }
                }
            }
        }
    }
    let path_expr = if args.is_empty() { quote!(::std::string::String::from(#fmt)) } else { quote!(::std::format!(#fmt, #(#args),*)) };
    quote! {
        #doc
        pub fn #f(#params #body_param) -> crate::runtime::Request<#response> {
            crate::runtime::Request::new(::http::Method::#method, #path_expr, &PERMISSIONS) #body_call
        }
    }
}

#[cfg(test)]
mod tests {
    use super::path_fn_name;
    use crate::model::paths::parse_line;

    fn name(line: &str, with_args: bool) -> String {
        path_fn_name(&parse_line(line, None).unwrap().path, with_args)
    }

    #[test]
    fn drive_item_forms_have_distinct_names() {
        assert_eq!(name("GET /me/drive/items/{id}/children", false), "me_drive_items_children");
        assert_eq!(name("GET /me/drive/root/children", false), "me_drive_root_children");
        assert_eq!(name("GET /me/drive/root:/{item-path}:/children", false), "me_drive_root_path_children");
        assert_eq!(name("GET /sites/root", false), "sites_root");
        assert_eq!(name("GET /", false), "root");
    }

    #[test]
    fn function_arguments_name_only_when_asked() {
        let line = "GET /reports/getPrintJobs(groupId='{id}',startDateTime={s})";
        assert_eq!(name(line, false), "reports_get_print_jobs");
        assert_eq!(name(line, true), "reports_get_print_jobs_with_group_id_start_date_time");
        assert_eq!(name("GET /widgets/{id}/microsoft.graph.smartWidget", true), "widgets_smart_widget");
        assert_eq!(name("GET /worksheets({id})/range", true), "worksheets_range");
        assert_eq!(name("GET /thumbnails/{id}/c{w}x{h}", false), "thumbnails_c_x");
    }
}
