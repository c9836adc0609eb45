//! An operation's response: the status and type its response section states, completed and
//! checked against the example's annotation.

use super::index::{Index, Resolution};
use super::links::Links;
use super::{response, type_cell, Example, Method, Response, TypeRef};
use crate::diagnostics::{Code, Diagnostics};
use crate::pages::{Block, Inline, Page, TrimFast};

/// Whether the code block at `line` starts with an HTTP status line (an example response
/// may hold only a body, its status then being unknown).
fn has_status_line(page: &Page, line: u32) -> bool {
    page.blocks.iter().any(|b| matches!(b, Block::Code(c) if c.line == line && c.text.trim_start().starts_with("HTTP/")))
}

/// An annotation's `@odata.type`: `Collection(microsoft.graph.driveItem)` (any case) is the
/// element type and a collection.
fn annotation_type(t: &str) -> (&str, bool) {
    let t = t.trim_fast();
    match t.get(..11) {
        Some(head) if head.eq_ignore_ascii_case("collection(") && t.ends_with(')') => (t[11..t.len() - 1].trim_fast(), true),
        _ => (t, false),
    }
}


/// The response: status and type from the prose, completed from the example annotation.
#[allow(clippy::too_many_arguments)]
pub fn response_of(
    page: &Page,
    method: Method,
    stated: &response::Stated,
    examples: &[Example],
    namespace: &str,
    body_type_name: Option<&str>,
    index: &Index,
    links: &Links,
    diags: &mut Diagnostics,
) -> Response {
    let example = examples.iter().filter_map(|e| e.response.as_ref()).next();
    if let (Some(said), Some(e)) = (stated.status, example) {
        if e.status != said && !stated.mentioned.contains(&e.status) && has_status_line(page, e.loc.line) {
            diags.push(Code::ResponseStatusConflict, e.loc.clone(), format!("the response section states {said}, the example shows {}", e.status));
        }
    }
    let status = stated.status.or_else(|| example.map(|e| e.status).filter(|s| (200..400).contains(s))).unwrap_or_else(|| {
        diags.push(Code::ResponseUnrecognized, page.loc(1), "no success status stated");
        match method {
            Method::Post => 201,
            Method::Get => 200,
            _ => 204,
        }
    });
    if status == 204 || (300..400).contains(&status) {
        return Response { status, ty: None, collection: false };
    }
    let loc = page.loc(1);
    let mut ty = None;
    if let Some(link) = &stated.type_link {
        let cell = type_cell::parse(&Inline::of_link(link));
        if let Resolution::Ref(r) = index.resolve_cell(links, &page.path, namespace, &cell) {
            ty = Some(r);
        }
    }
    if ty.is_none() {
        if let Some(w) = &stated.type_word {
            ty = type_cell::primitive(w).map(TypeRef::Prim);
        }
    }
    let mut annotated_collection = false;
    let annotated = example.and_then(|e| Some((e, e.odata_type.as_deref()?))).map(|(e, t)| (e, annotation_type(t)));
    // A primitive the prose names in passing ("a string collection object") yields to the
    // structured type the example's annotation names.
    if let (Some(TypeRef::Prim(p)), None, Some((e, (name, coll)))) = (&ty, &stated.type_link, annotated) {
        if let Some(t @ TypeRef::Type(_)) = index.by_name(name, namespace) {
            diags.push(Code::ResponseTypeConflict, e.loc.clone(), format!("the response section names `{}`, the example's annotation `{}`", TypeRef::Prim(*p).odata_name(), t.odata_name()));
            ty = Some(t);
            annotated_collection = coll;
        }
    }
    if ty.is_none() {
        if let Some((_, (name, coll))) = annotated {
            ty = type_cell::primitive(name).map(TypeRef::Prim).or_else(|| index.by_name(name, namespace));
            annotated_collection = coll && ty.is_some();
        }
    }
    if ty.is_none() {
        if let Some(link) = &stated.type_link {
            match body_type_name.filter(|n| n.eq_ignore_ascii_case(link.text.trim_fast())) {
                // The type the request body defines (no page does): `lower::settle_body`
                // builds it under this name, or reports the response if it cannot.
                Some(name) if !name.contains('.') => ty = Some(TypeRef::Type(format!("{namespace}.{name}"))),
                Some(name) => ty = Some(TypeRef::Type(name.to_string())),
                None => diags.push(Code::ResponseTypeUnresolved, loc, format!("response names `{}`, which no page defines", link.text)),
            }
        }
    }
    let collection = stated.collection || annotated_collection || example.and_then(|e| e.is_collection).unwrap_or(false);
    Response { status, ty, collection }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::api_page::tests::{index, page};
    use crate::model::Prim;

    #[test]
    fn annotation_collections_are_unwrapped() {
        assert_eq!(annotation_type("Collection(microsoft.graph.driveItem)"), ("microsoft.graph.driveItem", true));
        assert_eq!(annotation_type("collection(microsoft.graph.riskyUser)"), ("microsoft.graph.riskyUser", true));
        assert_eq!(annotation_type("microsoft.graph.user"), ("microsoft.graph.user", false));
        assert_eq!(annotation_type("Collection("), ("Collection(", false));
    }

    #[test]
    fn an_annotated_type_wins_over_a_primitive_named_in_passing() {
        let ix = index();
        let links = Links::new(["api/x.md"].into_iter());
        let p = page("# Get by ids\n");
        let example = |t: &str| super::super::Example {
            name: String::new(),
            request: None,
            response: Some(super::super::ExampleResponse { status: 200, headers: Vec::new(), json: None, body_text: String::new(), odata_type: Some(t.into()), is_collection: Some(true), truncated: true, loc: crate::diagnostics::Loc::new("api/x.md", 9) }),
        };
        let stated = response::Stated { status: Some(200), type_word: Some("string".into()), collection: true, ..Default::default() };
        let mut diags = Diagnostics::new();
        let r = response_of(&p, Method::Post, &stated, &[example("microsoft.graph.group")], "microsoft.graph", None, &ix, &links, &mut diags);
        assert_eq!((r.ty, r.collection), (Some(TypeRef::Type("microsoft.graph.group".into())), true));
        assert_eq!(diags.iter().filter(|d| d.code == Code::ResponseTypeConflict).count(), 1);
        // An annotation naming a primitive, or none, leaves the prose's type.
        let r = response_of(&p, Method::Post, &stated, &[example("Collection(Edm.String)")], "microsoft.graph", None, &ix, &links, &mut diags);
        assert_eq!(r.ty, Some(TypeRef::Prim(Prim::String)));
    }
}
