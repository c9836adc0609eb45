//! HTTP request lines → path templates: methods, placeholders (`{id | userPrincipalName}`,
//! `<id>`, repeated names), `/me`, `root:/{item-path}:`, function segments `f(a='{a}')`,
//! query strings, whitespace, absolute URLs and missing leading slashes.

use super::Method;
use crate::pages::TrimFast;

#[derive(Clone, Debug, PartialEq)]
pub struct PathTemplate {
    /// The path with a leading `/`, placeholders as written with names made unique.
    pub text: String,
    pub parts: Vec<PathPart>,
    pub params: Vec<PathParam>,
    /// A query string written on the line (`?$filter=...`), without the `?`.
    pub query: Option<String>,
    /// For a form the page does not list but the service accepts (`/me/x` for
    /// `/users/{id}/x`), the listed template it stands for.
    pub alias_of: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum PathPart {
    Lit(String),
    /// Index into `params`.
    Param(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    /// A whole or partial path segment: percent-encoded.
    Segment,
    /// An argument of a function segment: `f(a='{a}')`.
    Function,
    /// A path below a drive root: `root:/{item-path}:`; slashes are kept.
    ItemPath,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PathParam {
    /// Unique within the path.
    pub name: String,
    /// Other names the docs accept for the same value (`userPrincipalName`).
    pub alternatives: Vec<String>,
    pub kind: ParamKind,
    /// Written inside single quotes (`'{a}'`).
    pub quoted: bool,
    /// For a function argument, the argument's name (`deltaRows` in `f(deltaRows={n})`).
    pub arg: Option<String>,
}

/// What a request line gave.
#[derive(Debug, PartialEq)]
pub struct ParsedLine {
    pub method: Method,
    pub path: PathTemplate,
    pub notes: Vec<LineNote>,
}

#[derive(Debug, PartialEq, Eq, Clone)]
pub enum LineNote {
    AbsoluteUrl,
    Whitespace,
    /// Placeholder names written more than once in one path, each once, in path order.
    RepeatedPlaceholder(Vec<String>),
    MissingLeadingSlash,
    /// Function arguments written as values (`f(on='parameterValue')`), taken as
    /// placeholders; their names.
    ArgumentValue(Vec<String>),
    /// Segments written as a concrete GUID, taken as placeholders.
    LiteralId,
}

#[derive(Debug, PartialEq)]
pub enum LineError {
    /// Not a request line at all (blank, prose, a header).
    NotRequest,
    /// Starts with a method but holds no usable path.
    Unresolvable(String),
    UnknownMethod(String),
}

const BASE_PREFIXES: &[&str] = &["/v1.0", "/beta"];

/// Parses one line of an HTTP request block. `prev_method` applies to lines that hold only a
/// path (some blocks list the method once).
pub fn parse_line(line: &str, prev_method: Option<Method>) -> Result<ParsedLine, LineError> {
    let mut notes = Vec::new();
    let (method, rest, path, query) = line_path(line, prev_method, &mut notes)?;
    let template = template(&path, query, &mut notes).map_err(|_| LineError::Unresolvable(rest.to_string()))?;
    Ok(ParsedLine { method, path: template, notes })
}

/// What [`parse_line`] would say of `line` (with no method before it), without building the
/// template: an example's URL is only checked, and about 3,600 of them on v1.0 were parsed
/// into templates nothing read.
pub fn check_line(line: &str) -> Result<(), LineError> {
    let (_, rest, path, _) = line_path(line, None, &mut Vec::new())?;
    if placeholders_close(&path) {
        Ok(())
    } else {
        Err(LineError::Unresolvable(rest.to_string()))
    }
}

/// A request line's method, the text after it (for errors), its path with values made
/// placeholders, and its query.
fn line_path<'l>(line: &'l str, prev_method: Option<Method>, notes: &mut Vec<LineNote>) -> Result<(Method, &'l str, String, Option<String>), LineError> {
    let line = line.trim_fast();
    if line.is_empty() || line.starts_with("//") || line.starts_with('#') {
        return Err(LineError::NotRequest);
    }
    let (first, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    let (method, rest) = match Method::parse(first) {
        Some(m) => (m, rest.trim_fast()),
        None if first.starts_with('/') || first.starts_with("http") => match prev_method {
            Some(m) => (m, line),
            None => return Err(LineError::NotRequest),
        },
        None if first.chars().all(|c| c.is_ascii_uppercase()) && rest.trim_start().starts_with(['/', 'h']) => {
            return Err(LineError::UnknownMethod(first.to_string()))
        }
        None => return Err(LineError::NotRequest),
    };
    let raw = take_path(rest, notes);
    let mut path = raw.as_str();
    if let Some(idx) = crate::pages::scheme_at(path) {
        notes.push(LineNote::AbsoluteUrl);
        let after = &path[idx + 3..];
        path = after.find('/').map_or("", |i| &after[i..]);
    }
    for prefix in BASE_PREFIXES {
        if let Some(p) = path.strip_prefix(prefix) {
            if p.is_empty() || p.starts_with('/') {
                path = p;
                break;
            }
        }
    }
    let (path, query) = split_query(path);
    let mut path = path.to_string();
    if !path.starts_with('/') {
        if path.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
            notes.push(LineNote::MissingLeadingSlash);
            path.insert(0, '/');
        } else {
            return Err(LineError::Unresolvable(rest.to_string()));
        }
    }
    if path.len() < 2 && path != "/" || !is_path_text(&path) {
        return Err(LineError::Unresolvable(rest.to_string()));
    }
    let path = placeholders_for_values(&path, notes);
    Ok((method, rest, path, query))
}

/// Every character may stand in a path (a byte test for ASCII text, which most paths are).
fn is_path_text(path: &str) -> bool {
    if path.is_ascii() {
        // A table made from `path_char` at compile time, folded without an early exit.
        const ASCII: [bool; 128] = {
            let mut table = [false; 128];
            let mut b = 0;
            while b < 128 {
                table[b] = (b as u8).is_ascii_alphanumeric() || path_punctuation(b as u8 as char);
                b += 1;
            }
            table
        };
        path.bytes().fold(true, |ok, b| ok & ASCII[usize::from(b & 0x7f)])
    } else {
        path.chars().all(path_char)
    }
}

fn path_char(c: char) -> bool {
    c.is_alphanumeric() || path_punctuation(c)
}

const fn path_punctuation(c: char) -> bool {
    matches!(c, '/' | '{' | '}' | '<' | '>' | '|' | '_' | '-' | '.' | '$' | ':' | '\'' | '(' | ')' | '=' | ',' | '@' | '!' | '~' | '+' | ' ' | '%' | '&' | ';' | '*')
}

/// The path token: whitespace inside braces belongs to the placeholder, whitespace
/// elsewhere splits the path from trailing text unless the text continues the path.
fn take_path(rest: &str, notes: &mut Vec<LineNote>) -> String {
    // Nearly every path is ASCII without whitespace: it is then kept whole, as the loop below
    // would keep it (a vectorized test instead of a walk through the characters).
    let splits = |b: u8| (b == b' ') | (b'\t'..=b'\r').contains(&b) | (b >= 0x80);
    if !rest.bytes().fold(false, |any, b| any | splits(b)) {
        return rest.to_string();
    }
    take_path_by_char(rest, notes)
}

fn take_path_by_char(rest: &str, notes: &mut Vec<LineNote>) -> String {
    let mut out = String::with_capacity(rest.len());
    let mut depth = 0i32;
    let mut pending_space = false;
    // Kept characters are copied a run at a time: `run` is where the current one starts.
    let mut run: Option<usize> = None;
    let flush = |out: &mut String, run: &mut Option<usize>, to: usize| {
        if let Some(from) = run.take() {
            out.push_str(&rest[from..to]);
        }
    };
    for (i, c) in rest.char_indices() {
        if c == '?' && depth <= 0 {
            flush(&mut out, &mut run, i);
            if !out.contains('?') {
                // A query string is an OData expression: its spaces belong to it (`$filter=a eq 'b'`).
                let query = rest[i..].split(" HTTP/").next().unwrap_or("").trim_end();
                if !out.is_empty() || !pending_space {
                    out.push_str(query);
                    return out;
                }
            }
        }
        match c {
            '{' | '<' => {
                depth += 1;
            }
            '}' | '>' => depth -= 1,
            _ => {}
        }
        if c.is_whitespace() && depth <= 0 {
            flush(&mut out, &mut run, i);
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() {
            let continues = matches!(c, '/' | '?' | '&' | ')' | '$' | '=' | '\'' | ':')
                || c == '(' && is_argument_list(&rest[i..])
                || out.ends_with(['/', '(', '=', ',', ':', '?', '&']);
            if !continues {
                return out;
            }
            notes.push(LineNote::Whitespace);
        }
        pending_space = false;
        run.get_or_insert(i);
    }
    flush(&mut out, &mut run, rest.len());
    out
}

/// `(a='{a}')`, `()`, `({id})` continue a path after a space; `(for the signed-in user)` is
/// prose.
fn is_argument_list(from_paren: &str) -> bool {
    let Some(end) = from_paren.find(')') else { return false };
    let inner = from_paren[1..end].trim_fast();
    inner.is_empty() || inner.contains('=') || inner.starts_with('{') || inner.starts_with('\'') || !inner.contains(' ')
}

fn split_query(path: &str) -> (&str, Option<String>) {
    // Most paths have no query: a byte search settles them.
    if memchr::memchr(b'?', path.as_bytes()).is_none() {
        return (path, None);
    }
    let mut depth = 0;
    for (i, c) in path.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            '?' if depth == 0 => return (&path[..i], Some(path[i + 1..].to_string())),
            _ => {}
        }
    }
    (path, None)
}

/// Whether every placeholder of `path` closes and names something: [`template`] fails
/// exactly when one does not (both read the placeholders the same way).
fn placeholders_close(path: &str) -> bool {
    placeholders(path).all(|span| span.is_ok_and(|(open, close)| alternatives(&path[open + 1..close]).next().is_some()))
}

/// Where each placeholder of `path` (`{x}`, `{x | y}`, `<x>`) opens and closes, in order; an
/// error for one that never closes, and nothing after it. The path is scanned by bytes:
/// every delimiter is ASCII.
fn placeholders(path: &str) -> impl Iterator<Item = Result<(usize, usize), ()>> + '_ {
    let bytes = path.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        let open = from + bytes.get(from..)?.iter().position(|&b| b == b'{' || b == b'<')?;
        let closer = if bytes[open] == b'{' { b'}' } else { b'>' };
        match bytes[open + 1..].iter().position(|&b| b == closer) {
            Some(len) => {
                from = open + 1 + len + 1;
                Some(Ok((open, open + 1 + len)))
            }
            None => {
                from = bytes.len();
                Some(Err(()))
            }
        }
    })
}

/// The names a placeholder's text gives (`x | y`), trimmed, empty ones left out.
fn alternatives(inner: &str) -> impl Iterator<Item = &str> {
    inner.split('|').map(str::trim_fast).filter(|s| !s.is_empty())
}

/// Splits a path into literal parts and placeholders, making names unique. Literal runs are
/// copied as slices: this runs for every request line and every form derived from one.
fn template(path: &str, query: Option<String>, notes: &mut Vec<LineNote>) -> Result<PathTemplate, ()> {
    let mut parts = Vec::new();
    let mut params: Vec<PathParam> = Vec::new();
    let mut text = String::with_capacity(path.len() + 8);
    // The literal run being read starts here (just after the last placeholder).
    let mut lit_start = 0;
    // Open parentheses in the literal text so far: a placeholder inside is an argument.
    let mut paren = 0i32;
    let mut repeated: Vec<String> = Vec::new();
    for span in placeholders(path) {
        let (open, end) = span?;
        let lit = &path[lit_start..open];
        paren += lit.bytes().map(|b| i32::from(b == b'(') - i32::from(b == b')')).sum::<i32>();
        let mut alts: Vec<String> = alternatives(&path[open + 1..end]).map(str::to_string).collect();
        if alts.is_empty() {
            return Err(());
        }
        let written = alts.remove(0);
        let quoted = lit.ends_with('\'');
        let kind = if paren > 0 {
            ParamKind::Function
        } else if lit.ends_with(":/") || lit.ends_with(':') && !lit.ends_with("':") {
            ParamKind::ItemPath
        } else {
            ParamKind::Segment
        };
        let arg = if kind == ParamKind::Function { argument_name(lit) } else { None };
        let name = unique_name(&written, || lit_before(&parts, lit), arg.as_deref(), &params);
        if name != written && !repeated.contains(&written) {
            repeated.push(written.clone());
        }
        text.push_str(lit);
        if !lit.is_empty() {
            parts.push(PathPart::Lit(lit.to_string()));
        }
        text.push('{');
        text.push_str(&name);
        for a in &alts {
            text.push_str(" | ");
            text.push_str(a);
        }
        text.push('}');
        parts.push(PathPart::Param(params.len()));
        params.push(PathParam { name, alternatives: alts, kind, quoted, arg });
        lit_start = end + 1;
    }
    let lit = &path[lit_start..];
    text.push_str(lit);
    if !lit.is_empty() {
        parts.push(PathPart::Lit(lit.to_string()));
    }
    if !repeated.is_empty() {
        notes.push(LineNote::RepeatedPlaceholder(repeated));
    }
    Ok(PathTemplate { text, parts, params, query, alias_of: None })
}

/// A form of `of` the page does not list (`/me/x`, `f(a='{a}')`), parsed from `text`; it keeps
/// `of`'s query and names the listed template it stands for.
pub fn derived(text: &str, of: &PathTemplate) -> Option<PathTemplate> {
    let parsed = parse_line(&["GET ", text].concat(), None).ok()?;
    let alias_of = Some(of.alias_of.clone().unwrap_or_else(|| of.text.clone()));
    Some(PathTemplate { alias_of, query: of.query.clone(), ..parsed.path })
}

/// The path with placeholder names erased, case folded (`/users/{}/events`): two templates
/// of one shape address the same thing.
pub fn shape(p: &PathTemplate) -> String {
    let text: String = p.parts.iter().map(|part| if let PathPart::Lit(l) = part { l.to_ascii_lowercase() } else { "{}".to_string() }).collect();
    text.trim_end_matches('/').to_string()
}

/// An OData identifier: a function argument's or parameter's name.
pub fn is_identifier(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A path as the request section should have written it: function arguments given as values
/// (`f(on='parameterValue')`, `f(count=n)`) and GUID segments become placeholders, since an
/// SDK takes them from the caller.
fn placeholders_for_values(path: &str, notes: &mut Vec<LineNote>) -> String {
    let mut out = String::with_capacity(path.len());
    let mut args = Vec::new();
    let mut rest = path;
    while let Some(open) = memchr::memchr(b'(', rest.as_bytes()) {
        let Some(len) = rest[open..].find(')') else { break };
        out.push_str(&rest[..=open]);
        out.push_str(&argument_placeholders(&rest[open + 1..open + len], &mut args));
        out.push(')');
        rest = &rest[open + len + 1..];
    }
    out.push_str(rest);
    if !args.is_empty() {
        notes.push(LineNote::ArgumentValue(args));
    }
    // Segments cut by bytes: a character search per segment cost more than the test.
    if !out.as_bytes().split(|&b| b == b'/').any(is_guid) {
        return out;
    }
    let segments: Vec<&str> = out.split('/').collect();
    notes.push(LineNote::LiteralId);
    let named: Vec<String> = segments.iter().enumerate().map(|(i, s)| if is_guid(s.as_bytes()) && i > 0 { ["{", segments[i - 1], "-id}"].concat() } else { s.to_string() }).collect();
    named.join("/")
}

/// `a='x',b=2` → `a='{a}',b={b}`; arguments that already hold a placeholder, and lists that
/// are no `name=value` pairs (`({id})`, `(team-id)`), stay as written.
fn argument_placeholders(inner: &str, names: &mut Vec<String>) -> String {
    let pairs: Vec<Option<(&str, &str)>> = inner.split(',').map(|a| a.split_once('=').map(|(k, v)| (k.trim_fast(), v.trim_fast()))).collect();
    let all_pairs = !inner.trim_fast().is_empty() && pairs.iter().all(|p| p.is_some_and(|(k, v)| !v.is_empty() && is_identifier(k)));
    if !all_pairs {
        return inner.to_string();
    }
    let mut out = Vec::new();
    for (k, v) in pairs.into_iter().flatten() {
        if v.contains(['{', '<']) {
            out.push([k, "=", v].concat());
        } else {
            names.push(k.to_string());
            out.push(if v.starts_with('\'') { [k, "='{", k, "}'"].concat() } else { [k, "={", k, "}"].concat() });
        }
    }
    out.join(",")
}

/// `acdefc6b-2dc6-4e71-b1e9-6d9810ab1793`.
fn is_guid(s: &[u8]) -> bool {
    s.len() == 36 && s.split(|&b| b == b'-').map(<[u8]>::len).eq([8, 4, 4, 4, 12]) && s.iter().all(|&b| b == b'-' || b.is_ascii_hexdigit())
}

/// The literal path text before a placeholder (for naming repeated placeholders).
fn lit_before(parts: &[PathPart], lit: &str) -> String {
    let mut all = String::new();
    for p in parts {
        if let PathPart::Lit(l) = p {
            all.push_str(l);
        }
    }
    all.push_str(lit);
    all
}

/// The argument a function placeholder fills: `deltaRows` in `f(a=1,deltaRows=` or
/// `f(deltaRows='`.
fn argument_name(lit: &str) -> Option<String> {
    let before = lit.trim_end_matches('\'').trim_end().strip_suffix('=')?;
    let name: String = before.trim_end().chars().rev().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect::<Vec<_>>().into_iter().rev().collect();
    (!name.is_empty()).then_some(name)
}

/// `id` stays `id` the first time; a repeat takes the name of the function argument it fills
/// (`f(deltaRows={n},deltaColumns={n})` → `deltaColumns`), else the name of the segment
/// before it (`/events/{id}` → `events-id`, plural as written), then a number.
fn unique_name(written: &str, before: impl FnOnce() -> String, arg: Option<&str>, params: &[PathParam]) -> String {
    let taken = |n: &str| params.iter().any(|p| p.name.eq_ignore_ascii_case(n));
    if !taken(written) {
        return written.to_string();
    }
    if let Some(a) = arg.filter(|a| !taken(a)) {
        return a.to_string();
    }
    let segment: String = before()
        .trim_end_matches(['/', '(', '\'', '=', ':'])
        .rsplit(['/', '(', ','])
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    if !segment.is_empty() {
        let candidate = format!("{segment}-{written}");
        if !taken(&candidate) {
            return candidate;
        }
    }
    (2..).map(|n| format!("{written}{n}")).find(|c| !taken(c)).unwrap_or_else(|| written.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(line: &str) -> ParsedLine {
        parse_line(line, None).unwrap_or_else(|e| panic!("{line}: {e:?}"))
    }

    #[test]
    fn plain_and_alternatives() {
        let p = ok("GET /users/{id | userPrincipalName}/events");
        assert_eq!(p.method, Method::Get);
        assert_eq!(p.path.text, "/users/{id | userPrincipalName}/events");
        assert_eq!(p.path.params[0].name, "id");
        assert_eq!(p.path.params[0].alternatives, vec!["userPrincipalName".to_string()]);
        assert_eq!(p.path.parts, vec![PathPart::Lit("/users/".into()), PathPart::Param(0), PathPart::Lit("/events".into())]);
    }

    #[test]
    fn me_and_refs() {
        assert_eq!(ok("GET /me").path.text, "/me");
        assert_eq!(ok("POST /groups/{id}/members/$ref").path.text, "/groups/{id}/members/$ref");
        assert_eq!(ok("GET /me/photo/$value").path.parts, vec![PathPart::Lit("/me/photo/$value".into())]);
    }

    #[test]
    fn repeated_placeholders_are_made_unique() {
        let p = ok("GET /users/{id}/calendars/{id}/events/{id}");
        let names: Vec<_> = p.path.params.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["id", "calendars-id", "events-id"]);
        assert_eq!(p.notes, vec![LineNote::RepeatedPlaceholder(vec!["id".into()])]);
        assert_eq!(p.path.text, "/users/{id}/calendars/{calendars-id}/events/{events-id}");
    }

    #[test]
    fn repeated_function_arguments_take_the_argument_name() {
        let p = ok("GET /workbook/worksheets/{id}/range/resizedRange(deltaRows={n}, deltaColumns={n})");
        let names: Vec<_> = p.path.params.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["id", "n", "deltaColumns"]);
        assert_eq!(p.path.params[1].arg.as_deref(), Some("deltaRows"));
        assert_eq!(p.path.params[2].arg.as_deref(), Some("deltaColumns"));
        assert_eq!(p.notes, vec![LineNote::Whitespace, LineNote::RepeatedPlaceholder(vec!["n".into()])]);
        assert_eq!(argument_name("f(period='"), Some("period".into()));
        assert_eq!(argument_name("/users/"), None);
    }

    #[test]
    fn functions_and_item_paths() {
        let p = ok("GET /reports/getEmailActivityUserDetail(period='{period_value}')");
        assert_eq!(p.path.params[0].kind, ParamKind::Function);
        assert!(p.path.params[0].quoted);
        let p = ok("GET /drives/{drive-id}/root:/{item-path}:/content");
        assert_eq!(p.path.params[1].kind, ParamKind::ItemPath);
        assert_eq!(p.path.params[0].kind, ParamKind::Segment);
    }

    #[test]
    fn urls_queries_and_whitespace() {
        let p = ok("GET https://graph.microsoft.com/v1.0/users?$select=id");
        assert_eq!(p.path.text, "/users");
        assert_eq!(p.path.query.as_deref(), Some("$select=id"));
        assert!(p.notes.contains(&LineNote::AbsoluteUrl));
        let p = ok("GET /users/{id} /events");
        assert_eq!(p.path.text, "/users/{id}/events");
        assert!(p.notes.contains(&LineNote::Whitespace));
        let p = ok("GET users/{id}");
        assert_eq!(p.path.text, "/users/{id}");
        assert!(p.notes.contains(&LineNote::MissingLeadingSlash));
        assert_eq!(ok("GET /me/events (for the signed-in user)").path.text, "/me/events");
        let p = ok("GET /me/messages?$filter=singleValueExtendedProperties/Any(ep: ep/id eq '{id_value}')");
        assert_eq!(p.path.text, "/me/messages");
        assert_eq!(p.path.query.as_deref(), Some("$filter=singleValueExtendedProperties/Any(ep: ep/id eq '{id_value}')"));
        assert!(p.notes.is_empty());
        assert_eq!(ok("GET /users/<id>/photo").path.params[0].name, "id");
    }

    #[test]
    fn argument_values_and_guids_become_placeholders() {
        let p = ok("GET /appConsentRequests/filterByCurrentUser(on='parameterValue')");
        assert_eq!(p.path.text, "/appConsentRequests/filterByCurrentUser(on='{on}')");
        assert!(p.path.params[0].quoted);
        assert_eq!(p.notes, vec![LineNote::ArgumentValue(vec!["on".into()])]);
        let p = ok("GET /range/columnsAfter(count=n)");
        assert_eq!(p.path.text, "/range/columnsAfter(count={count})");
        assert_eq!(p.path.params[0].arg.as_deref(), Some("count"));
        // Placeholders, and parentheses that hold no arguments, stay as written.
        assert_eq!(ok("GET /worksheets({id})/range(address='{address}')").path.text, "/worksheets({id})/range(address='{address}')");
        assert_eq!(ok("GET /teams/(team-id)/channels").path.text, "/teams/(team-id)/channels");
        let p = ok("GET /education/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/assignments/cf6005fc-9e13-44a2-a6ac-a53322006454");
        assert_eq!(p.path.text, "/education/classes/{classes-id}/assignments/{assignments-id}");
        assert_eq!(p.notes, vec![LineNote::LiteralId]);
    }

    #[test]
    fn path_only_lines_take_the_previous_method() {
        let p = parse_line("/me/events", Some(Method::Post)).unwrap();
        assert_eq!(p.method, Method::Post);
        assert_eq!(parse_line("/me/events", None), Err(LineError::NotRequest));
    }

    #[test]
    fn unresolvable_lines() {
        assert!(matches!(parse_line("PATCH ** Entity URI for microsoft.graph.x not found", None), Err(LineError::Unresolvable(_))));
        assert_eq!(parse_line("Content-Type: application/json", None), Err(LineError::NotRequest));
        assert!(matches!(parse_line("PATCH /a/{unclosed", None), Err(LineError::Unresolvable(_))));
    }

    #[test]
    fn checking_a_line_says_what_parsing_it_says() {
        for line in ["GET /a/{ | }/b", "GET /a/<x>/{", "GET /f(a='{x')/b", "GET /f(a='{')", "POST /x/{|y}", "GET https://graph.microsoft.com/v1.0/me", "PATCH ** x", "GET /a/b<c", "GET /users/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/x{", "GET /users/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/f(a=1)"] {
            assert_eq!(check_line(line), parse_line(line, None).map(|_| ()), "{line}");
        }
    }

    #[test]
    fn the_ascii_table_is_path_char() {
        for b in 0u8..128 {
            let c = char::from(b);
            assert_eq!(is_path_text(&c.to_string()), path_char(c), "{c:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn a_path_without_whitespace_is_kept_whole(path in "[!-~]{0,60}") {
            let mut notes = Vec::new();
            proptest::prop_assert_eq!(take_path_by_char(&path, &mut notes), path);
            proptest::prop_assert!(notes.is_empty());
        }

        #[test]
        fn checking_any_line_says_what_parsing_it_says(line in "(GET|POST|x) [/a-z{}<>|()=',: ?0-9-]{0,40}") {
            proptest::prop_assert_eq!(check_line(&line), parse_line(&line, None).map(|_| ()));
        }
    }
}
