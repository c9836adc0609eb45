//! Functions listed without their argument list (`GET /reports/getUserArchivedPrintJobs`)
//! while the page's parameters table names the arguments and its examples call
//! `getUserArchivedPrintJobs(userId='…',…)`: the path gets the arguments as placeholders, so
//! the SDK takes them from the caller and sends them where the service reads them.

use super::paths::{self, PathPart, PathTemplate};
use super::{Parameter, Prim, TypeRef};

/// Adds, after the listed paths, the argument-taking form of each path whose last segment the
/// examples call as a function, unless the page lists such a form itself. The bare form stays:
/// arguments may be optional. Returns whether any path was added.
pub fn complete(paths: &mut Vec<PathTemplate>, params: &[Parameter], example_urls: &[&str]) -> bool {
    let mut added = Vec::new();
    for path in paths.iter() {
        let Some(PathPart::Lit(last)) = path.parts.last() else { continue };
        let segment = last.rsplit('/').next().unwrap_or("");
        if segment.is_empty() || segment.contains(['(', ')', '$', ':', '\'', '=']) {
            continue;
        }
        let called = format!("/{}(", segment.to_ascii_lowercase());
        if !example_urls.iter().any(|u| u.to_ascii_lowercase().contains(&called)) {
            continue;
        }
        let listed_with_args = format!("{}(", path.text.to_ascii_lowercase());
        if paths.iter().any(|p| p.text.to_ascii_lowercase().starts_with(&listed_with_args)) {
            continue;
        }
        let args: Vec<String> = params
            .iter()
            .filter(|q| paths::is_identifier(&q.name) && !path.params.iter().any(|p| p.name.eq_ignore_ascii_case(&q.name)))
            .map(|q| if quoted(&q.ty) { format!("{0}='{{{0}}}'", q.name) } else { format!("{0}={{{0}}}", q.name) })
            .collect();
        if args.is_empty() {
            continue;
        }
        added.extend(paths::derived(&format!("{}({})", path.text, args.join(",")), path));
    }
    let any = !added.is_empty();
    paths.extend(added);
    any
}

/// OData writes strings and enum members in quotes, numbers, booleans and dates without.
fn quoted(ty: &TypeRef) -> bool {
    !matches!(
        ty,
        TypeRef::Prim(
            Prim::Boolean
                | Prim::Byte
                | Prim::Int16
                | Prim::Int32
                | Prim::Int64
                | Prim::Single
                | Prim::Double
                | Prim::Decimal
                | Prim::Date
                | Prim::DateTimeOffset
                | Prim::TimeOfDay
                | Prim::Duration
                | Prim::Guid
        )
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ParamIn;

    fn param(name: &str, ty: Prim) -> Parameter {
        Parameter { name: name.into(), param_in: ParamIn::Function, ty: TypeRef::Prim(ty), collection: false, required: true, description: String::new() }
    }

    fn path(line: &str) -> PathTemplate {
        paths::parse_line(line, None).unwrap().path
    }

    #[test]
    fn arguments_come_from_the_table_when_examples_call_the_function() {
        let params = [param("row", Prim::Int32), param("label", Prim::String)];
        let mut paths = vec![path("GET /names/{name}/range/cell"), path("GET /names/{name}/range")];
        assert!(complete(&mut paths, &params, &["https://graph.microsoft.com/v1.0/names/x/range/cell(row=5,label='a')"]));
        let texts: Vec<&str> = paths.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["/names/{name}/range/cell", "/names/{name}/range", "/names/{name}/range/cell(row={row},label='{label}')"]);
        assert_eq!(paths[2].params.len(), 3);
        assert_eq!(paths[2].alias_of.as_deref(), Some("/names/{name}/range/cell"));
    }

    #[test]
    fn nothing_changes_without_evidence_or_arguments() {
        let params = [param("row", Prim::Int32)];
        let mut paths = vec![path("GET /range/cell")];
        assert!(!complete(&mut paths, &params, &["/range/cell"]));
        assert!(!complete(&mut paths, &[], &["/range/cell(row=1)"]));
        // A parameter that is already a placeholder of the path is no argument.
        let mut paths = vec![path("GET /users/{id}/cell")];
        assert!(!complete(&mut paths, &[param("id", Prim::String)], &["/users/1/cell(id='x')"]));
        assert_eq!(paths[0].text, "/users/{id}/cell");
        // The page lists the function with arguments already.
        let mut paths = vec![path("GET /tz"), path("GET /tz(standard='{s}')")];
        assert!(!complete(&mut paths, &[param("standard", Prim::String)], &["/tz(standard='x')"]));
    }
}
