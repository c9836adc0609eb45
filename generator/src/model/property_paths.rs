//! Paths that read one property of what an operation returns: `GET /me/mailboxSettings/timeZone`
//! listed beside `GET /me/mailboxSettings`. Such a path answers with the property's type, not
//! the operation's, so each property read this way becomes an operation of its own (id
//! `{operation}-{property}`), taking its paths and the examples that call them.

use super::paths::{PathPart, PathTemplate};
use super::{Method, Model, Operation, Property, Response, TypeRef};

/// Splits property paths off their operations, looking properties up in `model`'s types
/// (bases included).
pub fn split(operations: Vec<Operation>, model: &Model) -> Vec<Operation> {
    let mut out = Vec::with_capacity(operations.len());
    for op in operations {
        split_one(op, model, &mut out);
    }
    out
}

/// Adds the operation to `out`, then one operation per property its paths read.
fn split_one(mut op: Operation, model: &Model, out: &mut Vec<Operation>) {
    let ty = match (&op.response.ty, op.method) {
        (Some(TypeRef::Type(q)), Method::Get) if !op.response.collection => q,
        _ => return out.push(op),
    };
    // Few paths read a property: the type's properties (bases included) are gathered only
    // for an operation that has one.
    if !op.paths.iter().any(|p| property_read(p, &op.paths).is_some()) {
        return out.push(op);
    }
    let properties = model.all_properties(ty);
    // What each path reads, decided on the paths as they stand: (segment before, property).
    let reads: Vec<Option<(String, &Property)>> = op
        .paths
        .iter()
        .map(|p| {
            let (before, name) = property_read(p, &op.paths)?;
            Some((before.to_string(), *properties.iter().find(|q| q.name.eq_ignore_ascii_case(name))?))
        })
        .collect();
    if reads.iter().all(Option::is_none) {
        return out.push(op);
    }
    // Each property read, the segment before it, and its paths, in path order.
    let mut groups: Vec<(&Property, String, Vec<PathTemplate>)> = Vec::new();
    let mut kept = Vec::new();
    for (path, read) in std::mem::take(&mut op.paths).into_iter().zip(reads) {
        match read {
            Some((before, p)) => match groups.iter_mut().find(|(q, _, _)| std::ptr::eq(*q, p)) {
                Some((_, _, paths)) => paths.push(path),
                None => groups.push((p, before, vec![path])),
            },
            None => kept.push(path),
        }
    }
    op.paths = kept;
    let mut split = Vec::with_capacity(groups.len());
    for (property, before, paths) in groups {
        let (examples, rest) = std::mem::take(&mut op.examples).into_iter().partition(|e| e.request.as_ref().is_some_and(|r| url_reads(&r.url, &before, &property.name)));
        op.examples = rest;
        split.push(Operation {
            id: format!("{}-{}", op.id, property.name.to_ascii_lowercase()),
            name: format!("{}: {}", op.name, property.name),
            paths,
            response: Response { status: op.response.status, ty: Some(property.ty.clone()), collection: property.collection },
            examples,
            ..op.clone()
        });
    }
    out.push(op);
    out.extend(split);
}

/// The last segment of `path` when it is a literal name and the rest of the path is another
/// path of the same operation: (the segment before it, the name).
fn property_read<'p>(path: &'p PathTemplate, all: &[PathTemplate]) -> Option<(&'p str, &'p str)> {
    let Some(PathPart::Lit(last)) = path.parts.last() else { return None };
    let name = last.rsplit('/').next().filter(|n| is_name(n))?;
    let parent = path.text.strip_suffix(name)?.strip_suffix('/')?;
    let before = parent.rsplit('/').next().unwrap_or("");
    all.iter().any(|t| t.text == parent).then_some((before, name))
}

fn is_name(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && s.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Whether an example's URL ends in the property's segment after the one before it in the
/// path (any value where that one is a placeholder; query aside, any case).
fn url_reads(url: &str, before: &str, property: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or(url).trim_end_matches('/');
    let mut segments = path.rsplit('/');
    let last_matches = segments.next().is_some_and(|last| last.eq_ignore_ascii_case(property));
    let before_matches = before.starts_with('{') || segments.next().is_some_and(|s| s.eq_ignore_ascii_case(before));
    last_matches && before_matches
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Loc;
    use crate::model::{paths, Example, ExampleRequest, Kind, Prim, TypeDef};

    fn prop(name: &str, ty: TypeRef) -> Property {
        Property { name: name.into(), ty, collection: false, navigation: false, nullable: true, description: String::new(), loc: Loc::new("r.md", 1) }
    }

    fn ty(qname: &str, base: Option<&str>, props: Vec<Property>) -> TypeDef {
        TypeDef {
            qname: qname.into(),
            namespace: "ns".into(),
            name: qname.rsplit('.').next().unwrap_or(qname).into(),
            kind: Kind::Complex,
            base: base.map(str::to_string),
            is_abstract: false,
            open: false,
            key: None,
            properties: props,
            description: String::new(),
            area: String::new(),
            loc: Loc::new("r.md", 1),
        }
    }

    /// `ns.settings` (derived from `ns.base`, which has `name`) with `hours`.
    fn model() -> Model {
        let types = vec![
            ty("ns.base", None, vec![prop("name", TypeRef::Prim(Prim::String))]),
            ty("ns.settings", Some("ns.base"), vec![prop("hours", TypeRef::Type("ns.hours".into()))]),
        ];
        Model { types, enums: Vec::new(), operations: Vec::new(), pages: 0 }
    }

    fn example(url: &str) -> Example {
        Example {
            name: url.into(),
            request: Some(ExampleRequest { method: "GET".into(), url: url.into(), headers: Vec::new(), json: None, body_text: String::new(), loc: Loc::new("a.md", 9) }),
            response: None,
        }
    }

    /// A GET of one `ns.settings` through `paths`.
    fn get_settings(paths: &[&str], examples: Vec<Example>) -> Operation {
        Operation {
            id: "get-settings".into(),
            name: "Get settings".into(),
            description: String::new(),
            method: Method::Get,
            paths: paths.iter().map(|p| paths::parse_line(&format!("GET {p}"), None).expect("a path").path).collect(),
            parameters: Vec::new(),
            query_options: Vec::new(),
            request_body: None,
            response: Response { status: 200, ty: Some(TypeRef::Type("ns.settings".into())), collection: false },
            permissions: Default::default(),
            examples,
            area: String::new(),
            loc: Loc::new("a.md", 1),
        }
    }

    #[test]
    fn a_property_path_gets_its_own_operation_with_the_property_type() {
        let examples = vec![
            example("https://graph.microsoft.com/v1.0/me/settings"),
            example("https://graph.microsoft.com/v1.0/me/settings/Hours?$select=x"),
            // Ends in the property's name, but not after `settings`: not a read of it.
            example("https://graph.microsoft.com/v1.0/me/other/hours"),
        ];
        let op = get_settings(&["/me/settings", "/users/{id}/settings", "/me/settings/hours", "/users/{id}/settings/hours", "/me/settings/name", "/me/other/hours"], examples);
        let ops = split(vec![op], &model());
        let ids: Vec<&str> = ops.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, ["get-settings", "get-settings-hours", "get-settings-name"]);
        let texts = |o: &Operation| o.paths.iter().map(|p| p.text.clone()).collect::<Vec<_>>();
        // A path whose parent is not a path of the operation stays.
        assert_eq!(texts(&ops[0]), ["/me/settings", "/users/{id}/settings", "/me/other/hours"]);
        assert_eq!(texts(&ops[1]), ["/me/settings/hours", "/users/{id}/settings/hours"]);
        assert_eq!(ops[1].response.ty, Some(TypeRef::Type("ns.hours".into())));
        // Found on the base type.
        assert_eq!(ops[2].response.ty, Some(TypeRef::Prim(Prim::String)));
        assert_eq!((ops[0].examples.len(), ops[1].examples.len(), ops[2].examples.len()), (2, 1, 0));
    }

    #[test]
    fn only_single_gets_are_split() {
        let mut op = get_settings(&["/me/settings", "/me/settings/hours"], Vec::new());
        op.method = Method::Patch;
        assert_eq!(split(vec![op.clone()], &model()).len(), 1);
        op.method = Method::Get;
        op.response.collection = true;
        assert_eq!(split(vec![op.clone()], &model()).len(), 1);
        op.response.collection = false;
        assert_eq!(split(vec![op], &model()).len(), 2);
    }
}
