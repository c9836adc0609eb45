//! API pages → operations: HTTP request block, permissions, query options, headers and
//! examples; the request body is read in `request_body.rs`, the response in
//! `response_type.rs`.

use super::index::{Index, Resolution};
use super::links::Links;
use super::paths::{self, LineError, LineNote, PathTemplate};
use super::property_table::{self, RawProperty};
use super::request_body::{self, BodyProse};
use super::sections;
use super::{examples, function_paths, path_aliases, permissions, response, response_type, Method, Operation, ParamIn, Parameter, Prim, RequestBody, TypeRef};
use crate::diagnostics::{Code, Diagnostics};
use crate::pages::{Block, CodeBlock, Page, Phrase, TrimFast};

/// An operation before its request-body properties are turned into model properties.
pub struct RawOperation {
    pub op: Operation,
    /// Body rows from a table, resolved later (they may define a type or an action body).
    pub body_rows: Vec<RawProperty>,
    /// The type the body prose names, when it names one.
    pub body_type: Option<Resolution>,
    /// The body prose names a type no page defines (`credentialUsageSummary`): its name.
    pub body_type_name: Option<String>,
    /// The prose sends an array of the type it names ("supply an array of [x] objects").
    pub body_collection: bool,
    pub namespace: String,
}

/// Whether the page reads as an API page: it has an HTTP request section with a fence, or
/// it says it is one and lists request lines before its examples.
pub fn is_api_page(page: &Page) -> bool {
    !request_blocks(page).blocks.is_empty()
}

/// The code blocks that list the page's requests.
struct RequestBlocks<'p> {
    blocks: Vec<&'p CodeBlock>,
    /// The line of the (first) HTTP request heading, or of the first block.
    line: u32,
    /// True when no "HTTP request" heading holds them.
    unheaded: bool,
}

/// Every code block under an "HTTP request" heading (a page may have several: "HTTP request
/// (to replace an existing item)", one per scenario) that is not inside an example. Failing
/// that, on a page whose `doc_type` is `apiPageType`, the code blocks before the examples
/// whose every line is a request line.
fn request_blocks(page: &Page) -> RequestBlocks<'_> {
    let mut stack: Vec<(u8, &str, u32)> = Vec::new();
    let mut out = RequestBlocks { blocks: Vec::new(), line: 0, unheaded: false };
    let mut before_examples = Vec::new();
    let mut seen_example = false;
    for b in &page.blocks {
        match b {
            Block::Heading(h) => {
                while stack.last().is_some_and(|(l, _, _)| *l >= h.level) {
                    stack.pop();
                }
                let title = h.title.as_str();
                seen_example |= title.starts_with("example");
                stack.push((h.level, title, h.line));
            }
            Block::Code(code) => {
                let in_example = stack.iter().any(|(_, t, _)| t.starts_with("example"));
                match stack.iter().find(|(_, t, _)| t.starts_with("http request")) {
                    Some((_, _, line)) if !in_example => {
                        if out.blocks.is_empty() {
                            out.line = *line;
                        }
                        out.blocks.push(code);
                    }
                    _ if !seen_example && !in_example => before_examples.push(code),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    if out.blocks.is_empty() && page.doc_type() == "apiPageType" {
        out.blocks = before_examples.into_iter().filter(|c| only_request_lines(&c.text)).collect();
        out.line = out.blocks.first().map_or(0, |c| c.line);
        out.unheaded = true;
    }
    out
}

/// A block of request lines only (`GET /sites/root`), no headers, bodies or prose.
fn only_request_lines(text: &str) -> bool {
    let mut any = false;
    for line in text.lines().filter(|l| !l.trim_fast().is_empty()) {
        match paths::parse_line(line, None) {
            Ok(_) => any = true,
            Err(_) => return false,
        }
    }
    any
}

pub fn lower(page: &Page, namespace: &str, area: &str, index: &Index, links: &Links, diags: &mut Diagnostics) -> Vec<RawOperation> {
    let requests = request_blocks(page);
    if requests.blocks.is_empty() {
        diags.push(Code::HttpBlockMissing, page.loc(1), "no HTTP request section with a code block");
        return Vec::new();
    }
    if requests.unheaded {
        diags.push(Code::HttpHeadingMissing, page.loc(requests.line), "the request lines stand under no \"HTTP request\" heading");
    }
    let http_line = requests.line;
    // Paths per method, in the order the block lists them.
    let mut by_method: Vec<(Method, Vec<PathTemplate>, u32)> = Vec::new();
    let mut prev = None;
    let mut any_line = false;
    let mut notes: Vec<(u32, LineNote)> = Vec::new();
    for code in &requests.blocks {
        for (i, line) in code.text.lines().enumerate() {
            let line_no = code.line + 1 + i as u32;
            match paths::parse_line(line, prev) {
                Ok(parsed) => {
                    any_line = true;
                    prev = Some(parsed.method);
                    notes.extend(parsed.notes.iter().map(|n| (line_no, n.clone())));
                    match by_method.iter_mut().find(|(m, _, _)| *m == parsed.method) {
                        Some((_, list, _)) => {
                            if !list.iter().any(|p| p.text == parsed.path.text) {
                                list.push(parsed.path);
                            }
                        }
                        None => by_method.push((parsed.method, vec![parsed.path], line_no)),
                    }
                }
                Err(LineError::NotRequest) => {}
                Err(LineError::UnknownMethod(m)) => diags.push(Code::MethodUnknown, page.loc(line_no), format!("unknown HTTP method `{m}`")),
                Err(LineError::Unresolvable(text)) => {
                    any_line = true;
                    let method = line.split_whitespace().next().and_then(Method::parse);
                    diags.push(Code::PathUnresolvable, page.loc(line_no), format!("no usable path in `{}`", text.trim_fast()));
                    if let Some(m) = method {
                        prev = Some(m);
                        if !by_method.iter().any(|(mm, _, _)| *mm == m) {
                            by_method.push((m, Vec::new(), line_no));
                        }
                    }
                }
            }
        }
    }
    report_notes(page, &notes, diags);
    if !any_line {
        diags.push(Code::HttpBlockMissing, page.loc(http_line), "the HTTP request block lists no request line");
        return Vec::new();
    }

    let title = sections::title(page).map(|h| h.text.text.trim_fast().to_string()).unwrap_or_else(|| page.stem().to_string());
    let description = page.front.get("description").map(str::to_string).unwrap_or_default();
    let perms = match sections::find(page, is_permissions_title) {
        Some(s) => {
            let (p, notes) = permissions::read(s.blocks);
            for (line, note) in notes {
                match note {
                    permissions::Note::Todo(t) => diags.push(Code::PermissionTodo, page.loc(line), format!("scope left as a TODO: `{t}`")),
                    permissions::Note::UnknownKind(k) => diags.push(Code::PermissionKindUnknown, page.loc(line), format!("unknown permission type `{k}`")),
                    permissions::Note::PerResource(n) => diags.push(Code::PermissionPerResource, page.loc(line), format!("permissions given per resource in {n} rows; merged per permission type")),
                }
            }
            p
        }
        None => {
            diags.push(Code::PermissionsMissing, page.loc(1), "no permissions section");
            Default::default()
        }
    };
    let query_options = query_options(page);
    let headers = header_params(page);
    let function_params = function_params(page, namespace, index, links, diags);
    let (body_rows, body_type, body_type_name, body_prose, body_collection) = request_body::read(page, namespace, index, links, diags);
    let stated = sections::find(page, |t| t.starts_with("response")).map(|s| response::read(s.blocks)).unwrap_or_default();
    let request_lines: Vec<u32> = requests.blocks.iter().map(|c| c.line).collect();
    let mut examples = examples::collect(page, &request_lines, diags);

    let multi = by_method.len() > 1;
    by_method
        .into_iter()
        .map(|(method, paths, line)| {
            let id = if multi { [page.stem(), "-", method.lowercase()].concat() } else { page.stem().to_string() };
            let mut paths = paths;
            // A GET sends no body: a body table there (the Intune template) lists the
            // arguments of a function.
            let body_args = method == Method::Get && function_params.is_empty() && matches!(body_prose, BodyProse::Some) && !body_rows.is_empty();
            let args = if body_args { as_parameters(&body_rows) } else { function_params.clone() };
            let urls: Vec<&str> = examples.iter().filter_map(|e| e.request.as_ref()).map(|r| r.url.as_str()).collect();
            let completed = function_paths::complete(&mut paths, &args, &urls);
            if completed {
                diags.push(Code::PathFunctionArguments, page.loc(line), "the function is listed without its arguments; they were taken from the parameters table");
            }
            let body_prose = if body_args && completed { &BodyProse::None } else { &body_prose };
            let paths = path_aliases::with_aliases(paths);
            let mut parameters = path_parameters(&paths, &args);
            parameters.extend(headers.iter().cloned());

            // A page of one method gives that method all its examples (moved, not copied).
            let examples: Vec<_> = if multi {
                examples.iter().filter(|e| e.request.as_ref().is_none_or(|r| Method::parse(&r.method) == Some(method))).cloned().collect()
            } else {
                std::mem::take(&mut examples)
            };
            let example_body = examples.iter().find_map(|e| e.request.as_ref().filter(|r| r.json.as_ref().is_some_and(|j| j.starts_with('{'))));
            let raw_body = if method == Method::Get { None } else { raw_example_body(&examples) };
            let body = match body_prose {
                // The example is the only description of the body: a free-form object keeps the
                // operation callable with what the docs show.
                BodyProse::None if method != Method::Get && example_body.is_some() => {
                    let at = example_body.map_or_else(|| page.loc(line), |r| r.loc.clone());
                    diags.push(Code::BodyFromExample, at, format!("`{}` sends a JSON body the page does not describe", method.as_str()));
                    Some(RequestBody::Parameters(Vec::new()))
                }
                // Raw content (a zip package, an image) the example sends under a content type
                // that is not JSON: the operation takes bytes.
                BodyProse::None if raw_body.is_some() => raw_body.map(|(r, content_type)| {
                    diags.push(Code::BodyFromExample, r.loc.clone(), format!("`{}` sends a `{content_type}` body the page does not describe", method.as_str()));
                    RequestBody::Bytes
                }),
                BodyProse::None => None,
                BodyProse::Bytes => Some(RequestBody::Bytes),
                BodyProse::Ref => Some(RequestBody::Parameters(Vec::new())),
                BodyProse::Some => None, // settled in `lower::settle_body` once types are known
            };
            let response = response_type::response_of(page, method, &stated, &examples, namespace, body_type_name.as_deref(), index, links, diags);
            let update = if matches!(body_prose, BodyProse::Some) && body_type.is_none() { request_body::update_type(method, &body_rows, &body_type_name, &response, &title, namespace, index) } else { None };
            RawOperation {
                op: Operation {
                    id,
                    name: title.clone(),
                    description: description.clone(),
                    method,
                    paths,
                    parameters,
                    query_options: query_options.clone(),
                    request_body: body,
                    response,
                    permissions: perms.clone(),
                    examples,
                    area: area.to_string(),
                    loc: page.loc(line),
                },
                body_rows: if matches!(body_prose, BodyProse::Some) { body_rows.clone() } else { Vec::new() },
                body_type: if matches!(body_prose, BodyProse::Some) {
                    body_type.clone().or(update)
                } else {
                    None
                },
                body_type_name: body_type_name.clone(),
                body_collection,
                namespace: namespace.to_string(),
            }
        })
        .collect()
}

/// The first example request sending a non-JSON body under a non-JSON `Content-Type`, with
/// that content type.
fn raw_example_body(examples: &[super::Example]) -> Option<(&super::ExampleRequest, &str)> {
    examples.iter().filter_map(|e| e.request.as_ref()).find_map(|r| {
        let content_type = r.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("content-type")).map(|(_, v)| v.trim_fast())?;
        let raw = r.json.is_none() && !r.body_text.trim_fast().is_empty() && !content_type.is_empty() && !content_type.to_ascii_lowercase().contains("json");
        raw.then_some((r, content_type))
    })
}

/// Path notes, one diagnostic per kind and page (at the first line, with the number of
/// lines): a page's request block is fixed as a whole, and one line per path buries the rest.
fn report_notes(page: &Page, notes: &[(u32, LineNote)], diags: &mut Diagnostics) {
    let lines = |want: fn(&LineNote) -> bool| -> Vec<u32> {
        let mut l: Vec<u32> = notes.iter().filter(|(_, n)| want(n)).map(|(l, _)| *l).collect();
        l.dedup();
        l
    };
    let more = |l: &[u32]| if l.len() > 1 { format!(" (on {} lines)", l.len()) } else { String::new() };
    let absolute = lines(|n| matches!(n, LineNote::AbsoluteUrl));
    if let Some(&first) = absolute.first() {
        diags.push(Code::PathAbsoluteUrl, page.loc(first), format!("path written as an absolute URL{}", more(&absolute)));
    }
    let space = lines(|n| matches!(n, LineNote::Whitespace));
    if let Some(&first) = space.first() {
        diags.push(Code::PathWhitespace, page.loc(first), format!("whitespace inside the path{}", more(&space)));
    }
    let literal = lines(|n| matches!(n, LineNote::LiteralId));
    if let Some(&first) = literal.first() {
        diags.push(Code::PathLiteralId, page.loc(first), format!("a GUID written where a placeholder belongs{}", more(&literal)));
    }
    let values = lines(|n| matches!(n, LineNote::ArgumentValue(_)));
    if let Some(&first) = values.first() {
        let names = distinct_names(notes, |n| if let LineNote::ArgumentValue(l) = n { Some(l) } else { None });
        let list: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
        diags.push(Code::PathArgumentValue, page.loc(first), format!("function argument {} written as a value{}", list.join(", "), more(&values)));
    }
    let repeated = lines(|n| matches!(n, LineNote::RepeatedPlaceholder(_)));
    if let Some(&first) = repeated.first() {
        let names = distinct_names(notes, |n| if let LineNote::RepeatedPlaceholder(l) = n { Some(l) } else { None });
        let list: Vec<String> = names.iter().map(|n| format!("`{{{n}}}`")).collect();
        diags.push(Code::PathPlaceholderRepeated, page.loc(first), format!("placeholder {} repeated within one path{}", list.join(", "), more(&repeated)));
    }
}

/// The names the notes of one kind carry, each once, in order of appearance.
fn distinct_names<'a>(notes: &'a [(u32, LineNote)], names_of: impl Fn(&'a LineNote) -> Option<&'a Vec<String>>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for name in notes.iter().filter_map(|(_, n)| names_of(n)).flatten() {
        if !out.contains(&name.as_str()) {
            out.push(name);
        }
    }
    out
}

/// One parameter per distinct placeholder name across the paths.
fn path_parameters(paths: &[PathTemplate], function_params: &[Parameter]) -> Vec<Parameter> {
    let mut out: Vec<Parameter> = Vec::new();
    for p in paths {
        for param in &p.params {
            if out.iter().any(|o| o.name == param.name) {
                continue;
            }
            let (param_in, declared) = match param.kind {
                paths::ParamKind::Function => {
                    let arg = param.arg.as_deref().unwrap_or(&param.name);
                    (ParamIn::Function, function_params.iter().find(|f| f.name.eq_ignore_ascii_case(arg) || f.name.eq_ignore_ascii_case(&param.name)))
                }
                _ => (ParamIn::Path, None),
            };
            out.push(Parameter {
                name: param.name.clone(),
                param_in,
                ty: declared.map_or(TypeRef::Prim(Prim::String), |d| d.ty.clone()),
                collection: declared.is_some_and(|d| d.collection),
                required: true,
                description: declared.map(|d| d.description.clone()).unwrap_or_default(),
            });
        }
    }
    out
}

/// "Permissions", "Permissions for chat", "Prerequisites" (the Intune template); not a page
/// title that merely starts with the word (`# permission: grant`).
fn is_permissions_title(t: &str) -> bool {
    t == "permissions" || t == "permission" || t.starts_with("permissions ") || t == "prerequisites"
}

/// `$select`, `$filter`, ... named in the optional query parameters section.
fn query_options(page: &Page) -> Vec<String> {
    const OPTIONS: &[&str] = &["$count", "$expand", "$filter", "$orderby", "$search", "$select", "$skip", "$top", "$skiptoken", "$format"];
    static QUERY_PARAMETER: Phrase = Phrase::new("query parameter");
    let Some(s) = sections::find(page, |t| QUERY_PARAMETER.is_in(t)) else { return Vec::new() };
    let mut text = String::new();
    for b in s.blocks {
        match b {
            Block::Para(p) => text.push_str(&p.text.text),
            Block::Table(t) => t.rows.iter().flat_map(|r| &r.cells).for_each(|c| text.push_str(&c.text)),
            _ => {}
        }
        text.push(' ');
    }
    let lower = text.to_ascii_lowercase();
    let mentions_odata = lower.contains("odata query parameters") || lower.contains("odata query");
    OPTIONS
        .iter()
        .filter(|o| lower.contains(*o) || (mentions_odata && matches!(**o, "$select" | "$expand" | "$filter" | "$orderby" | "$top")))
        .map(|o| o.to_string())
        .collect()
}

/// Documented request headers other than Authorization and Content-Type.
fn header_params(page: &Page) -> Vec<Parameter> {
    static REQUEST_HEADER: Phrase = Phrase::new("request header");
    let Some(s) = sections::find(page, |t| REQUEST_HEADER.is_in(t)) else { return Vec::new() };
    let mut out = Vec::new();
    for b in s.blocks {
        let Block::Table(t) = b else { continue };
        for row in &t.rows {
            let Some(name) = row.cells.first().map(|c| c.text.trim_fast().trim_matches(['`', '*']).to_string()) else { continue };
            let lower = name.to_ascii_lowercase();
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') || matches!(lower.as_str(), "authorization" | "content-type" | "content-length") {
                continue;
            }
            let desc = row.cells.get(1).map(|c| c.text.clone()).unwrap_or_default();
            let required = desc.to_ascii_lowercase().contains("required") && !desc.to_ascii_lowercase().contains("optional");
            out.push(Parameter { name, param_in: ParamIn::Header, ty: TypeRef::Prim(Prim::String), collection: false, required, description: desc });
        }
    }
    out
}

/// Function parameter tables ("Function parameters", "Parameters").
fn function_params(page: &Page, namespace: &str, index: &Index, links: &Links, diags: &mut Diagnostics) -> Vec<Parameter> {
    let Some(s) = sections::find(page, |t| t == "function parameters" || t == "parameters" || t == "path parameters") else { return Vec::new() };
    let mut out = Vec::new();
    for b in s.blocks {
        let Block::Table(t) = b else { continue };
        let Some(cols) = property_table::columns(t) else { continue };
        out.extend(as_parameters(&property_table::read(page, namespace, t, &cols, false, index, links, diags)));
    }
    out
}

/// Table rows as function arguments.
fn as_parameters(rows: &[RawProperty]) -> Vec<Parameter> {
    rows.iter()
        .map(|p| {
            let ty = match &p.resolution {
                Resolution::Ref(t) => t.clone(),
                _ => TypeRef::Prim(Prim::String),
            };
            Parameter { name: p.name.clone(), param_in: ParamIn::Function, ty, collection: p.collection, required: p.required, description: p.description.clone() }
        })
        .collect()
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    #[test]
    fn permission_titles() {
        assert!(is_permissions_title("permissions"));
        assert!(is_permissions_title("prerequisites"));
        assert!(is_permissions_title("permissions for chat"));
        assert!(!is_permissions_title("permission: grant"));
    }

    #[test]
    fn request_lines_only() {
        assert!(only_request_lines("GET /sites/root\nGET /groups/{group-id}/sites/root\n"));
        assert!(!only_request_lines("POST /chats/{id}/members\nContent-type: application/json\n"));
        assert!(!only_request_lines("HTTP/1.1 200 OK"));
        assert!(!only_request_lines(""));
    }

    pub(in crate::model) fn page(text: &str) -> Page {
        crate::pages::parse_page("api/x.md", text, &mut Diagnostics::new())
    }

    #[test]
    fn every_http_request_section_outside_examples() {
        let p = page("# Put content\n\n## HTTP request (to replace)\n\n```http\nPUT /a/{id}/content\n```\n\n## HTTP request (to upload)\n\n```http\nPUT /a/{id}:/{name}:/content\n```\n\n## Example\n\n### HTTP request\n\n```http\nPUT /a/123/content\n```\n");
        let r = request_blocks(&p);
        assert_eq!(r.blocks.len(), 2);
        assert!(!r.unheaded);
        assert_eq!(r.line, 3);
    }

    #[test]
    fn request_lines_without_heading_on_api_pages_only() {
        let body = "# Get a site\n\n## Get the root site\n\n```http\nGET /sites/root\n```\n\n## Example\n\n```http\nGET /sites/{id}\n```\n";
        let api = page(&format!("---\ndoc_type: apiPageType\n---\n{body}"));
        let r = request_blocks(&api);
        assert_eq!(r.blocks.len(), 1);
        assert!(r.unheaded);
        assert!(request_blocks(&page(body)).blocks.is_empty());
    }

    pub(in crate::model) fn index() -> Index {
        let mut ix = Index::default();
        for (page, q) in [("resources/group.md", "microsoft.graph.group"), ("resources/groupsetting.md", "microsoft.graph.groupSetting"), ("resources/lob.md", "microsoft.graph.androidLobApp"), ("resources/o.md", "microsoft.graph.oAuth2PermissionGrant"), ("resources/p.md", "microsoft.graph.permission")] {
            ix.add_type(page, q);
        }
        ix
    }

    #[test]
    fn raw_bodies_under_a_content_type_that_is_not_json() {
        let ex = |ct: &str, text: &str, json: Option<String>| super::super::Example {
            name: String::new(),
            request: Some(super::super::ExampleRequest { method: "POST".into(), url: "/a".into(), headers: vec![("Content-type".into(), ct.into())], json, body_text: text.into(), loc: crate::diagnostics::Loc::new("api/x.md", 1) }),
            response: None,
        };
        assert_eq!(raw_example_body(&[ex("application/zip", "[Zip file]", None)]).map(|(_, c)| c), Some("application/zip"));
        assert!(raw_example_body(&[ex("application/json", "{\"a\": 1}", Some("{\"a\":1}".into()))]).is_none());
        // Text that is not JSON under a JSON content type is a broken example, not bytes.
        assert!(raw_example_body(&[ex("application/json", "{a: ", None)]).is_none());
        assert!(raw_example_body(&[ex("text/plain", "", None)]).is_none());
    }
}
