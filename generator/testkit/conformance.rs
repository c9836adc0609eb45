//! Conformance checks for the docs' own examples, shared by every generated example test
//! (copied into the generated crate as `tests/conformance/mod.rs`). Per example, three checks:
//!
//! - `request`: the example URL is matched against the operation's path templates, the path
//!   function is called with the values found there, the query and headers go through the
//!   typed setters, the body through the body type; the built request must equal the example
//!   (method, path and query decoded, body compared as JSON);
//! - `response`: the example response decodes into the operation's response type;
//! - `replay` (feature `client`): the built request goes through `runtime::Client` to a mock
//!   server on loopback answering with the example response.
//!
//! Each check prints one line `conformance[check=C result=pass|fail|skip cause=K fault=F] at:
//! detail` (and appends it to `$CONFORMANCE_LOG` when set). A test fails only for faults of
//! the generator: docs faults are findings about the docs, reported but not failing.

// Which helpers a test binary uses depends on the features it is built with.
#![allow(dead_code)]

use percent_encoding::percent_decode_str;
use serde_json::Value;

/// The base URL requests are built against (stripped again when comparing).
pub const BASE: &str = "https://graph.microsoft.com/v1.0";

/// One documented example.
pub struct Example {
    pub request: Option<Req>,
    pub response: Option<Resp>,
}

pub struct Req {
    /// `page:line` of the request block.
    pub at: &'static str,
    pub method: &'static str,
    pub url: &'static str,
    pub headers: &'static [(&'static str, &'static str)],
    pub body: Option<&'static str>,
    /// Whether `body` is JSON (it is raw text otherwise).
    pub json: bool,
}

pub struct Resp {
    pub at: &'static str,
    pub status: u16,
    pub headers: &'static [(&'static str, &'static str)],
    pub body: Option<&'static str>,
    pub json: bool,
}

/// Who is to blame for a failed check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    Docs,
    Generator,
    /// The check had nothing to work on.
    Skip,
}

/// A failed check: a cause (a short kebab-case key), the fault and a detail.
#[derive(Debug)]
pub struct Failure {
    pub cause: &'static str,
    pub fault: Fault,
    pub detail: String,
}

pub fn docs(cause: &'static str, detail: impl Into<String>) -> Failure {
    Failure { cause, fault: Fault::Docs, detail: detail.into() }
}

/// Not a failure: nothing to check.
pub fn skip(cause: &'static str) -> Failure {
    Failure { cause, fault: Fault::Skip, detail: String::new() }
}

pub fn generator(cause: &'static str, detail: impl Into<String>) -> Failure {
    Failure { cause, fault: Fault::Generator, detail: detail.into() }
}

/// An operation's `Request` for an example, or why it cannot be built.
pub type Built<R> = Result<runtime::Request<R>, Failure>;

/// A request rebuilt through its path function, with the HTTP request it makes.
type Rebuilt<R> = Result<(runtime::Request<R>, http::Request<Vec<u8>>), Failure>;

use crate_under_test::runtime;

/// The example URL matched against one of the operation's path templates.
pub struct Match {
    index: usize,
    values: Vec<String>,
    body: Option<&'static str>,
    json: bool,
    /// The example sends a non-JSON body with its own content type (MIME mail, a package):
    /// the typed body stays empty and the raw one goes through `Request::bytes_body`.
    raw: Option<&'static str>,
    at: &'static str,
}

impl Match {
    /// Which template matched (the path function to call).
    pub fn index(&self) -> usize {
        self.index
    }

    /// Placeholder `i` as a string.
    pub fn s(&self, i: usize) -> Result<&str, Failure> {
        self.values.get(i).map(String::as_str).ok_or_else(|| generator("placeholder-missing", format!("no value for placeholder {i}")))
    }

    /// Placeholder `i` as a typed function argument.
    pub fn arg<T: std::str::FromStr>(&self, i: usize) -> Result<T, Failure> {
        let s = self.s(i)?;
        s.trim().parse().map_err(|_| docs("function-argument-type", format!("`{s}` is not a {}", std::any::type_name::<T>())))
    }

    /// The example body deserialized into the operation's body type; an absent body is `{}`
    /// (or `[]` for collections).
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> Result<T, Failure> {
        let body = if self.raw.is_some() { None } else { self.body };
        let value = match body {
            Some(text) if self.json => serde_json::from_str::<Value>(text).map_err(|e| docs("request-body-not-json", e.to_string()))?,
            Some(text) if looks_like_json(text) => return Err(docs("request-body-not-json", "the example body looks like JSON but does not parse")),
            Some(_) => return Err(docs("request-body-not-json", "the example body is not JSON")),
            None => return serde_json::from_value(Value::Object(Default::default())).or_else(|_| serde_json::from_value(Value::Array(Vec::new()))).map_err(|e| generator("request-body-type", e.to_string())),
        };
        serde_json::from_value(value).map_err(|e| {
            let detail = format!("{}: {e}", std::any::type_name::<T>());
            if invalid_example_value(&detail) {
                docs("example-value-invalid", detail)
            } else {
                generator("request-body-type", detail)
            }
        })
    }

    /// The example body as raw bytes.
    pub fn bytes(&self) -> Vec<u8> {
        self.body.unwrap_or_default().as_bytes().to_vec()
    }

    pub fn unmatched(&self) -> Failure {
        generator("path-function-missing", format!("template {} has no path function ({})", self.index, self.at))
    }
}

/// Counts a collection operation's items (`Request::count_only`).
pub type CountOnly<R> = fn(runtime::Request<R>) -> runtime::Request<runtime::Count>;

/// Runs the checks of one example and fails the test on generator faults. `count` is given
/// for operations answering with a collection, whose examples may ask for `.../$count`.
pub fn run<R: runtime::FromResponse>(ex: &Example, templates: &[&str], build: fn(&Match) -> Built<R>, count: Option<CountOnly<R>>) {
    if let (Some(req), Some(count)) = (&ex.request, count) {
        let (path, _) = split_url(req.url);
        let stem = path.trim_end_matches('/').strip_suffix("/$count").map(str::to_owned);
        if let Some(stem) = stem.filter(|_| match_templates(templates, &path).is_none()) {
            return checks(ex, |req| {
                let (r, _) = rebuild(req, &stem, templates, build)?;
                let r = count(r);
                let built = r.build(BASE).map_err(|e| generator("build-error", e.to_string()))?;
                Ok((r, built))
            });
        }
    }
    checks(ex, |req| rebuild(req, &split_url(req.url).0, templates, build))
}

fn checks<R: runtime::FromResponse>(ex: &Example, rebuild: impl Fn(&Req) -> Rebuilt<R>) {
    let mut log = Log::default();
    // Callbacks and uploads the docs show go to the app's or a storage host, not to Graph.
    let graph_request = ex.request.as_ref().filter(|r| !foreign_host(r.url));
    let request = graph_request.map(rebuild);
    match (&ex.request, &request) {
        (None, _) => log.skip("request", ex.response.as_ref().map_or("", |r| r.at), "no-request-example"),
        (Some(req), None) => log.skip("request", req.at, "not-a-graph-request"),
        (Some(req), Some(Err(f))) => log.fail("request", req.at, f),
        (Some(req), Some(Ok((_, built)))) => {
            // Placeholders (`{id}`) are the example's own values: sent as given, but noted.
            let note = has_placeholder(req.url).then_some("placeholder-values");
            log.result_noted("request", req.at, compare(req, built), note)
        }
    }
    let response_ok = match &ex.response {
        None => {
            log.skip("response", ex.request.as_ref().map_or("", |r| r.at), "no-response-example");
            false
        }
        Some(resp) => {
            let r = decode_response::<R>(resp);
            let ok = r.is_ok();
            log.result("response", resp.at, r);
            ok
        }
    };
    replay_check(ex, request.filter(|_| response_ok), &mut log);
    log.finish();
}

/// Replays only pairs whose request was rebuilt and whose response decoded: the other
/// failures are counted once, by their own check.
#[cfg(feature = "client")]
fn replay_check<R: runtime::FromResponse>(ex: &Example, request: Option<Rebuilt<R>>, log: &mut Log) {
    match (request, &ex.response) {
        (Some(Ok((req, built))), Some(resp)) => log.result("replay", resp.at, replay::replay(req, &built, resp)),
        (_, resp) => log.skip("replay", resp.as_ref().map_or("", |r| r.at), "no-usable-pair"),
    }
}

#[cfg(not(feature = "client"))]
fn replay_check<R>(_: &Example, _: Option<R>, _: &mut Log) {}

/// Matches `path` (the example URL's, or a part of it), builds the request through the
/// generated function and the typed setters.
fn rebuild<R>(req: &Req, path: &str, templates: &[&str], build: fn(&Match) -> Built<R>) -> Rebuilt<R> {
    let (_, query) = split_url(req.url);
    if templates.is_empty() {
        return Err(docs("no-path-template", "the page lists no usable path"));
    }
    // A trailing cast segment (`.../microsoft.graph.user`) goes through `Request::cast`.
    let (matched, cast) = match match_templates(templates, path) {
        Some(m) => (Some(m), None),
        None => match path.rsplit_once('/').filter(|(_, last)| last.starts_with("microsoft.graph.")) {
            Some((stem, type_name)) => (match_templates(templates, stem), Some(type_name)),
            None => (None, None),
        },
    };
    let Some((index, values)) = matched else {
        return Err(docs("path-unmatched", format!("`{path}` matches none of {templates:?}")));
    };
    let raw = raw_content_type(req);
    let m = Match { index, values, body: req.body, json: req.json, raw, at: req.at };
    let mut request = build(&m)?;
    if let (Some(content_type), Some(body)) = (raw, req.body) {
        request = request.bytes_body(body.as_bytes().to_vec(), content_type);
    }
    if let Some(type_name) = cast {
        request = request.cast(type_name);
    }
    for (k, v) in query_pairs(&query) {
        request = apply_query(request, &k, &v);
    }
    for (k, v) in req.headers {
        request = match k.to_ascii_lowercase().as_str() {
            "authorization" | "content-type" | "content-length" | "host" => request,
            "consistencylevel" if v.trim().eq_ignore_ascii_case("eventual") => request.consistency_level_eventual(),
            "prefer" => request.prefer(v.trim()),
            _ => request.header(k, v.trim()),
        };
    }
    let built = request.build(BASE).map_err(|e| generator("build-error", e.to_string()))?;
    Ok((request, built))
}

/// The content type of a body that is not JSON and says what it is instead
/// (`Content-type: text/plain` before base64 MIME).
fn raw_content_type(req: &Req) -> Option<&'static str> {
    let body = req.body?;
    if req.json || body.trim().is_empty() || looks_like_json(body) {
        return None;
    }
    let (_, ct) = req.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("content-type"))?;
    (!ct.to_ascii_lowercase().contains("json")).then_some(ct.trim())
}

/// Query options go through their typed setters; others through `query`.
fn apply_query<R>(r: runtime::Request<R>, k: &str, v: &str) -> runtime::Request<R> {
    let list: Vec<&str> = v.split(',').collect();
    match k {
        "$select" => r.select(&list),
        "$expand" => r.expand(&list),
        "$orderby" => r.orderby(&list),
        "$filter" => r.filter(v),
        "$search" => r.search(v),
        "$top" if v.parse::<u32>().is_ok() => r.top(v.parse().unwrap_or_default()),
        "$skip" if v.parse::<u32>().is_ok() => r.skip(v.parse().unwrap_or_default()),
        "$count" if v == "true" || v == "false" => r.count(v == "true"),
        _ => r.query(k, v),
    }
}

/// An absolute URL whose host is not Graph's.
fn foreign_host(url: &str) -> bool {
    let Some((_, rest)) = url.trim().split_once("://") else { return false };
    let host = rest.split(['/', '?']).next().unwrap_or_default().to_ascii_lowercase();
    !host.starts_with("graph.microsoft.") && !host.contains("{")
}

/// `(path, query)` of an example URL: host and API version stripped, the path starting with `/`.
pub fn split_url(url: &str) -> (String, String) {
    let mut rest = url.trim();
    if let Some(i) = rest.find("://") {
        let after = &rest[i + 3..];
        rest = after.find('/').map_or("", |j| &after[j..]);
    } else if rest.starts_with("graph.microsoft.com") {
        rest = rest.find('/').map_or("", |j| &rest[j..]);
    }
    for version in ["/v1.0", "/beta"] {
        let n = version.len();
        if rest.get(..n).is_some_and(|p| p.eq_ignore_ascii_case(version)) && (rest.len() == n || rest[n..].starts_with(['/', '?'])) {
            rest = &rest[n..];
        }
    }
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let path = if path.starts_with('/') { path.to_owned() } else { format!("/{path}") };
    (path, query.to_owned())
}

/// `k=v` pairs, percent-decoded, split on `&` outside quotes and parentheses.
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let (mut depth, mut quoted, mut start) = (0i32, false, 0);
    let bytes = query.as_bytes();
    for i in 0..=bytes.len() {
        let c = bytes.get(i).copied();
        match c {
            Some(b'\'') => quoted = !quoted,
            Some(b'(') if !quoted => depth += 1,
            Some(b')') if !quoted => depth -= 1,
            Some(b'&') | None if depth <= 0 && !quoted || c.is_none() => {
                let pair = &query[start..i];
                start = i + 1;
                if pair.trim().is_empty() {
                    continue;
                }
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                out.push((decode(k.trim()), decode(v)));
            }
            _ => {}
        }
    }
    out
}

pub fn decode(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// `{id}` or `<id>` left in an example URL's path.
fn has_placeholder(url: &str) -> bool {
    let (path, _) = split_url(url);
    path.contains('{') && path.contains('}') || path.contains('<') && path.contains('>')
}

/// The most specific template (most literal text) matching `path`, with its values decoded.
pub fn match_templates(templates: &[&str], path: &str) -> Option<(usize, Vec<String>)> {
    let path = path.trim_end_matches('/');
    let mut best: Option<(usize, usize, Vec<String>)> = None;
    for (i, t) in templates.iter().enumerate() {
        let parts = parse_template(t);
        let literal: usize = parts.iter().map(|p| if let Part::Lit(l) = p { l.len() } else { 0 }).sum();
        let mut values = Vec::new();
        if match_parts(&parts, path.as_bytes(), &mut values) && best.as_ref().is_none_or(|b| literal > b.1) {
            best = Some((i, literal, values));
        }
    }
    best.map(|(i, _, values)| (i, values))
}

#[derive(Debug, PartialEq)]
enum Part {
    Lit(String),
    /// May the value span `/`? Is it quoted (`'{a}'`, `''` escapes)?
    Param { slashes: bool, quoted: bool },
}

/// `/users/{id | userPrincipalName}/f(a='{a}')` → literals and placeholders.
fn parse_template(t: &str) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut lit = String::new();
    let mut paren = 0;
    let mut chars = t.chars();
    while let Some(c) = chars.next() {
        match c {
            '{' => {
                for d in chars.by_ref() {
                    if d == '}' {
                        break;
                    }
                }
                let item_path = lit.ends_with(":/") || lit.ends_with(':') && !lit.ends_with("':");
                let quoted = lit.ends_with('\'');
                parts.push(Part::Lit(std::mem::take(&mut lit)));
                parts.push(Part::Param { slashes: paren > 0 || item_path, quoted });
            }
            '(' => {
                paren += 1;
                lit.push(c);
            }
            ')' => {
                paren -= 1;
                lit.push(c);
            }
            _ => lit.push(c),
        }
    }
    parts.push(Part::Lit(lit.trim_end_matches('/').to_owned()));
    parts.retain(|p| !matches!(p, Part::Lit(l) if l.is_empty()));
    parts
}

/// Backtracking match; literals compare case-insensitively, a placeholder takes at least one
/// character.
fn match_parts(parts: &[Part], s: &[u8], values: &mut Vec<String>) -> bool {
    match parts.first() {
        None => s.is_empty(),
        Some(Part::Lit(l)) => s.len() >= l.len() && s[..l.len()].eq_ignore_ascii_case(l.as_bytes()) && match_parts(&parts[1..], &s[l.len()..], values),
        Some(Part::Param { slashes, quoted }) => {
            for end in 1..=s.len() {
                if !slashes && s[end - 1] == b'/' {
                    break;
                }
                let raw = String::from_utf8_lossy(&s[..end]);
                let mut value = decode(&raw);
                if *quoted {
                    value = value.replace("''", "'");
                }
                values.push(value);
                if match_parts(&parts[1..], &s[end..], values) {
                    return true;
                }
                values.pop();
            }
            false
        }
    }
}

/// The built request against the example: method, path, query, headers and body.
fn compare(req: &Req, built: &http::Request<Vec<u8>>) -> Result<(), Failure> {
    if !built.method().as_str().eq_ignore_ascii_case(req.method) {
        return Err(docs("method-mismatch", format!("the example sends {}, the operation is {}", req.method, built.method())));
    }
    let (want_path, want_query) = split_url(req.url);
    let uri = built.uri();
    let got_path = uri.path().strip_prefix("/v1.0").unwrap_or(uri.path());
    let (a, b) = (decode(got_path.trim_end_matches('/')), decode(want_path.trim_end_matches('/')));
    if !a.eq_ignore_ascii_case(&b) {
        return Err(generator("path-mismatch", format!("built `{a}`, example `{b}`")));
    }
    let mut got_q = query_pairs(uri.query().unwrap_or_default());
    let mut want_q = query_pairs(&want_query);
    got_q.sort();
    want_q.sort();
    if got_q != want_q {
        return Err(generator("query-mismatch", format!("built {got_q:?}, example {want_q:?}")));
    }
    for (k, v) in req.headers {
        if matches!(k.to_ascii_lowercase().as_str(), "authorization" | "content-type" | "content-length" | "host") {
            continue;
        }
        let sent = built.headers().get_all(*k).iter().filter_map(|h| h.to_str().ok()).collect::<Vec<_>>().join(", ");
        if !sent.to_ascii_lowercase().contains(&v.trim().to_ascii_lowercase()) {
            return Err(generator("header-mismatch", format!("`{k}: {v}` was sent as `{sent}`")));
        }
    }
    compare_body(req, built.body())
}

fn compare_body(req: &Req, got: &[u8]) -> Result<(), Failure> {
    let want = req.body.unwrap_or_default();
    if !req.json {
        if is_request_line(want) {
            return Err(docs("example-two-requests", "the example's block holds a second request, read as the first one's body"));
        }
        // Raw bodies (uploads, text) are sent as given; an empty JSON object counts as none.
        let got = if got == b"{}" { &[][..] } else { got };
        return if got == want.as_bytes() || req.body.is_none() && got.is_empty() {
            Ok(())
        } else {
            Err(generator("request-body-mismatch", format!("sent {} bytes, the example has {}", got.len(), want.len())))
        };
    }
    if got.is_empty() && !want.trim().is_empty() && want.trim() != "{}" {
        return Err(generator("request-body-undeclared", "the example sends a body the operation does not take"));
    }
    let want: Value = serde_json::from_str(want).map_err(|e| docs("request-body-not-json", e.to_string()))?;
    let got: Value = if got.is_empty() { Value::Null } else { serde_json::from_slice(got).map_err(|e| generator("request-body-mismatch", e.to_string()))? };
    match json_diff(&normalize(want), &normalize(got), "$") {
        None => Ok(()),
        Some(d) => Err(generator("request-body-mismatch", d)),
    }
}

/// Whether a body's first line is a request line (`GET https://...`, `POST /me/...`).
fn is_request_line(body: &str) -> bool {
    let line = body.trim_start().lines().next().unwrap_or_default();
    let mut words = line.split_whitespace();
    let (Some(method), Some(url)) = (words.next(), words.next()) else { return false };
    matches!(method, "GET" | "POST" | "PATCH" | "PUT" | "DELETE") && (url.starts_with('/') || url.starts_with("https://") || url.starts_with("http://"))
}

/// Nulls dropped from objects (absent and null are equal), an empty body equal to `{}`,
/// numbers as f64, date-times as instants, `#` dropped from `@odata.type`.
pub fn normalize(v: Value) -> Value {
    match v {
        Value::Null => Value::Object(Default::default()),
        v => norm(v),
    }
}

fn norm(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| match (k.as_str(), v) {
                    (key, Value::String(s)) if key.ends_with("@odata.type") => (k, Value::String(s.trim_start_matches('#').to_owned())),
                    (_, v) => (k, norm(v)),
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(norm).collect()),
        Value::Number(n) => n.as_f64().and_then(serde_json::Number::from_f64).map_or(Value::Number(n), Value::Number),
        Value::String(s) => match chrono::DateTime::parse_from_rfc3339(&s) {
            Ok(t) => Value::String(t.with_timezone(&chrono::Utc).to_rfc3339()),
            // Enum members are matched case-insensitively and written in the declared case.
            Err(_) => Value::String(time_of_day(&s).unwrap_or(s).to_lowercase()),
        },
        v => v,
    }
}

/// `11:59:00.8990000` → `11:59:00.899`: fractions of a time of day compared by value.
fn time_of_day(s: &str) -> Option<String> {
    let t = chrono::NaiveTime::parse_from_str(s, "%H:%M:%S%.f").ok()?;
    Some(t.format("%H:%M:%S%.f").to_string())
}

/// The first difference between two JSON values, as `path: want vs got`.
pub fn json_diff(want: &Value, got: &Value, at: &str) -> Option<String> {
    match (want, got) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, va) in a {
                match b.get(k) {
                    Some(vb) => {
                        if let Some(d) = json_diff(va, vb, &format!("{at}.{k}")) {
                            return Some(d);
                        }
                    }
                    None => return Some(format!("{at}.{k}: dropped (the example has {})", short(va))),
                }
            }
            b.keys().find(|k| !a.contains_key(*k)).map(|k| format!("{at}.{k}: added ({})", short(&b[k])))
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a.iter().zip(b).enumerate().find_map(|(i, (x, y))| json_diff(x, y, &format!("{at}[{i}]"))),
        _ if want == got => None,
        _ => Some(format!("{at}: the example has {}, sent {}", short(want), short(got))),
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    match s.char_indices().nth(80) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

fn header_map(headers: &[(&str, &str)], json: bool, has_body: bool) -> http::HeaderMap {
    let mut map = http::HeaderMap::new();
    for (k, v) in headers {
        if let (Ok(k), Ok(v)) = (http::HeaderName::try_from(*k), http::HeaderValue::try_from(v.trim())) {
            map.append(k, v);
        }
    }
    if json && has_body && !map.contains_key(http::header::CONTENT_TYPE) {
        map.insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static("application/json"));
    }
    map
}

/// The example response through the operation's response type (non-2xx: Graph's error).
fn decode_response<R: runtime::FromResponse>(resp: &Resp) -> Result<(), Failure> {
    if !resp.json && resp.body.is_some_and(looks_like_json) {
        return Err(docs("response-body-not-json", "the example body looks like JSON but does not parse"));
    }
    let status = http::StatusCode::from_u16(resp.status).map_err(|e| docs("response-status", e.to_string()))?;
    let headers = header_map(resp.headers, resp.json, resp.body.is_some());
    let body = resp.body.unwrap_or_default().as_bytes();
    let got = R::from_response(status, &headers, body).map(drop);
    if let (Err(e), true) = (&got, status.is_success()) {
        let text = e.to_string();
        let content_type = resp.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("content-type")).map(|(_, v)| v.to_ascii_lowercase());
        if resp.body.is_none() {
            return Err(skip("no-response-body"));
        } else if !resp.json {
            return Err(docs("response-body-not-json", "the example body is not JSON"));
        } else if text.contains("expected a JSON response") && content_type.as_ref().is_some_and(|c| !c.contains("json")) {
            return Err(docs("response-content-type", format!("a JSON body sent as {}", content_type.unwrap_or_default())));
        } else if invalid_example_value(&text) {
            return Err(docs("example-value-invalid", text));
        } else if text.contains("invalid type: map") && decodes_without_empty_objects::<R>(status, &headers, body) {
            return Err(docs("example-value-invalid", format!("an empty object `{{}}` stands where a value is declared: {text}")));
        }
    }
    expect_outcome(status, got, body)
}

/// Whether the body decodes once the empty objects (`"color": {}`) inside it are taken as
/// absent: a placeholder where a string, enum or number is declared, left by the tool that
/// wrote the early examples. Other values are kept, so a type the generator got wrong still
/// fails.
fn decodes_without_empty_objects<R: runtime::FromResponse>(status: http::StatusCode, headers: &http::HeaderMap, body: &[u8]) -> bool {
    fn strip(v: &mut Value) -> bool {
        let mut changed = false;
        match v {
            Value::Object(m) => {
                for x in m.values_mut() {
                    if x.as_object().is_some_and(|o| o.is_empty()) {
                        *x = Value::Null;
                        changed = true;
                    } else {
                        changed |= strip(x);
                    }
                }
            }
            Value::Array(a) => a.iter_mut().for_each(|x| changed |= strip(x)),
            _ => {}
        }
        changed
    }
    let Ok(mut value) = serde_json::from_slice::<Value>(body) else { return false };
    strip(&mut value) && serde_json::to_vec(&value).is_ok_and(|b| R::from_response(status, headers, &b).is_ok())
}

/// A serde error about a value no service would send: a placeholder (`datetime-value`,
/// `"Boolean"`) where a date, number, boolean, GUID or binary is declared.
fn invalid_example_value(error: &str) -> bool {
    error.contains("invalid Edm.")
        || error.contains("UUID parsing failed")
        || error.contains("invalid type: string") && ["expected a boolean", "expected f", "expected i", "expected u"].iter().any(|x| error.contains(x))
}

fn looks_like_json(text: &str) -> bool {
    text.trim_start().starts_with(['{', '['])
}

/// 2xx (and 3xx: redirects the client follows) must decode; others must give a Graph error
/// with the documented status and code.
fn expect_outcome(status: http::StatusCode, got: Result<(), runtime::Error>, body: &[u8]) -> Result<(), Failure> {
    match got {
        Ok(()) if status.is_success() || status.is_redirection() => Ok(()),
        Ok(()) => Err(generator("error-not-reported", format!("status {status} decoded as success"))),
        Err(runtime::Error::Graph(e)) if !status.is_success() => {
            let code = serde_json::from_slice::<Value>(body).ok().and_then(|v| v.pointer("/error/code").and_then(Value::as_str).map(str::to_owned));
            match code {
                Some(c) if c != e.code => Err(generator("error-code", format!("code `{}`, the example has `{c}`", e.code))),
                _ if e.status != status => Err(generator("error-status", format!("status {}, the example has {status}", e.status))),
                _ => Ok(()),
            }
        }
        Err(e) if status.is_redirection() => Err(generator("response-redirect", e.to_string())),
        Err(e) => Err(generator("response-decode", e.to_string())),
    }
}

/// The example pair through `runtime::Client` against a local mock server.
#[cfg(feature = "client")]
mod replay {
    use super::*;
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    pub fn replay<R: runtime::FromResponse>(req: runtime::Request<R>, built: &http::Request<Vec<u8>>, resp: &Resp) -> Result<(), Failure> {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| generator("replay-setup", e.to_string()))?;
        let status = http::StatusCode::from_u16(resp.status).map_err(|e| docs("response-status", e.to_string()))?;
        let body = resp.body.unwrap_or_default().as_bytes();
        rt.block_on(async {
            let server = MockServer::start().await;
            let mut template = ResponseTemplate::new(resp.status);
            let headers = header_map(resp.headers, resp.json, resp.body.is_some());
            for (k, v) in &headers {
                // The mock serves its own framing; a redirect goes back to the mock.
                if !matches!(k.as_str(), "content-length" | "transfer-encoding" | "location" | "content-encoding" | "connection") {
                    template = template.append_header(k.as_str(), v.to_str().unwrap_or_default());
                }
            }
            if status.is_redirection() {
                template = template.append_header("location", format!("{}/redirected", server.uri()).as_str());
                Mock::given(path("/redirected")).respond_with(ResponseTemplate::new(200).set_body_bytes(Vec::new())).mount(&server).await;
            }
            template = match headers.get(http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()) {
                Some(ct) => template.set_body_raw(body.to_vec(), ct),
                None if body.is_empty() => template,
                None => template.set_body_bytes(body.to_vec()),
            };
            Mock::given(method(built.method().as_str())).and(path(built.uri().path())).respond_with(template).mount(&server).await;
            let client = runtime::Client::new(runtime::StaticToken("conformance".into()))
                .with_base_url(format!("{}/v1.0", server.uri()))
                .with_retry(runtime::RetryPolicy { max_retries: 0, ..Default::default() });
            let got = client.send(req).await.map(drop);
            let received = server.received_requests().await.unwrap_or_default();
            let Some(first) = received.first() else {
                return Err(generator("replay-not-sent", format!("{got:?}")));
            };
            let auth = first.headers.get("authorization").and_then(|v| v.to_str().ok());
            if auth != Some("Bearer conformance") {
                return Err(generator("replay-auth", format!("authorization header {auth:?}")));
            }
            if first.method.as_str() != built.method().as_str() || first.url.path() != built.uri().path() || first.body != *built.body() {
                return Err(generator("replay-mismatch", format!("the mock received {} {}", first.method, first.url)));
            }
            expect_outcome(status, got, body)
        })
    }
}

/// Collects the check lines of one example.
#[derive(Default)]
struct Log {
    lines: Vec<String>,
    generator_faults: usize,
}

impl Log {
    fn skip(&mut self, check: &str, at: &str, cause: &str) {
        self.lines.push(format!("conformance[check={check} result=skip cause={cause}] {at}"));
    }

    fn fail(&mut self, check: &str, at: &str, f: &Failure) {
        let fault = match f.fault {
            Fault::Skip => return self.skip(check, at, f.cause),
            Fault::Docs => "docs",
            Fault::Generator => {
                self.generator_faults += 1;
                "generator"
            }
        };
        let detail = f.detail.replace('\n', " ");
        self.lines.push(format!("conformance[check={check} result=fail cause={} fault={fault}] {at}: {detail}", f.cause));
    }

    fn result(&mut self, check: &str, at: &str, r: Result<(), Failure>) {
        self.result_noted(check, at, r, None)
    }

    fn result_noted(&mut self, check: &str, at: &str, r: Result<(), Failure>, note: Option<&str>) {
        match (r, note) {
            (Ok(()), Some(note)) => self.lines.push(format!("conformance[check={check} result=pass note={note}] {at}")),
            (Ok(()), None) => self.lines.push(format!("conformance[check={check} result=pass] {at}")),
            (Err(f), _) => self.fail(check, at, &f),
        }
    }

    fn finish(mut self) {
        let failed = self.lines.iter().any(|l| l.contains("result=fail"));
        let name = std::thread::current().name().unwrap_or("?").to_owned();
        let result = match (failed, self.generator_faults) {
            (false, _) => "pass",
            (true, 0) => "fail fault=docs",
            (true, _) => "fail fault=generator",
        };
        self.lines.push(format!("conformance[example result={result}] {name}"));
        let text: String = self.lines.iter().map(|l| format!("{l}\n")).collect();
        print!("{text}");
        if let Ok(file) = std::env::var("CONFORMANCE_LOG") {
            use std::io::Write;
            // One append per example: whole lines even with tests in parallel.
            if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(file) {
                let _ = f.write_all(text.as_bytes());
            }
        }
        assert!(self.generator_faults == 0, "{text}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_match_the_most_specific() {
        let t = ["/users/{id | userPrincipalName}", "/users/delta", "/drives/{d}/root:/{item-path}:/content", "/r/f(period='{p}',n={n})"];
        assert_eq!(match_templates(&t, "/users/delta"), Some((1, vec![])));
        assert_eq!(match_templates(&t, "/Users/a%40b.com"), Some((0, vec!["a@b.com".into()])));
        assert_eq!(match_templates(&t, "/users/a/b"), None);
        assert_eq!(match_templates(&t, "/drives/x/root:/A/B c.txt:/content"), Some((2, vec!["x".into(), "A/B c.txt".into()])));
        assert_eq!(match_templates(&t, "/r/f(period='O''N',n=5)"), Some((3, vec!["O'N".into(), "5".into()])));
        assert!(has_placeholder("/users/{id}") && has_placeholder("/users/<id>/x") && !has_placeholder("/users/1?$filter={x}"));
    }

    #[test]
    fn raw_bodies_need_a_content_type_that_is_not_json() {
        let req = |body: &'static str, json: bool, headers: &'static [(&'static str, &'static str)]| Req { at: "p.md:1", method: "POST", url: "/me/sendMail", headers, body: Some(body), json };
        assert_eq!(raw_content_type(&req("TUlNRQ==", false, &[("Content-Type", " text/plain")])), Some("text/plain"));
        assert_eq!(raw_content_type(&req("TUlNRQ==", false, &[])), None);
        assert_eq!(raw_content_type(&req("{\"a\": 1}", true, &[("Content-Type", "application/json")])), None);
        assert_eq!(raw_content_type(&req("{\"a\": 1,}", false, &[("Content-Type", "application/json")])), None);
    }

    #[test]
    fn urls_and_queries() {
        assert_eq!(split_url("https://graph.microsoft.com/v1.0/me?$top=1"), ("/me".into(), "$top=1".into()));
        assert_eq!(split_url("/beta/me"), ("/me".into(), String::new()));
        assert_eq!(split_url("https://graph.microsoft.com/V1.0/me"), ("/me".into(), String::new()));
        assert!(foreign_host("https://bot.contoso.com/api/calls") && !foreign_host("https://graph.microsoft.com/v1.0/me") && !foreign_host("/me"));
        let q = query_pairs("$filter=a eq 'x&y'&$select=id,name&$search=%22a%22");
        assert_eq!(q, vec![("$filter".into(), "a eq 'x&y'".into()), ("$select".into(), "id,name".into()), ("$search".into(), "\"a\"".into())]);
    }

    #[test]
    fn json_is_compared_structurally() {
        let a = normalize(serde_json::json!({"a": 1, "b": null, "t": "2020-01-01T00:00:00Z", "@odata.type": "#x"}));
        let b = normalize(serde_json::json!({"a": 1.0, "t": "2020-01-01T00:00:00.0000000Z", "@odata.type": "x"}));
        assert_eq!(normalize(serde_json::json!(["11:59:00.8990000", "HTML"])), normalize(serde_json::json!(["11:59:00.899", "html"])));
        assert_eq!(json_diff(&a, &b, "$"), None);
        let c = normalize(serde_json::json!({"a": 2}));
        assert_eq!(json_diff(&normalize(serde_json::json!({"a": 1})), &c, "$").as_deref(), Some("$.a: the example has 1.0, sent 2.0"));
        assert!(json_diff(&a, &c, "$").is_some());
        assert_eq!(normalize(Value::Null), serde_json::json!({}));
    }

    /// Retries: 429 with `Retry-After`, then 503, then success; paging follows nextLink.
    #[cfg(feature = "client")]
    #[test]
    fn client_retries_and_pages_against_a_server() {
        use wiremock::matchers::{header, method, path, query_param};
        use wiremock::{Mock, MockServer, ResponseTemplate};
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let server = MockServer::start().await;
            let json = |v: Value| ResponseTemplate::new(200).set_body_json(v);
            Mock::given(path("/v1.0/items")).respond_with(ResponseTemplate::new(429).append_header("Retry-After", "0")).up_to_n_times(1).mount(&server).await;
            Mock::given(path("/v1.0/items")).respond_with(ResponseTemplate::new(503)).up_to_n_times(1).mount(&server).await;
            let next = format!("{}/v1.0/items?$skiptoken=2", server.uri());
            Mock::given(method("GET")).and(path("/v1.0/items")).and(query_param("$skiptoken", "2")).and(header("authorization", "Bearer t")).respond_with(json(serde_json::json!({"value": [3]}))).mount(&server).await;
            Mock::given(method("GET")).and(path("/v1.0/items")).respond_with(json(serde_json::json!({"value": [1, 2], "@odata.nextLink": next}))).mount(&server).await;
            let client = runtime::Client::new(runtime::StaticToken("t".into()))
                .with_base_url(format!("{}/v1.0", server.uri()))
                .with_retry(runtime::RetryPolicy { max_retries: 2, base_delay: std::time::Duration::from_millis(1), max_delay: std::time::Duration::from_millis(5) });
            static P: runtime::Permissions = runtime::Permissions::NONE;
            let req: runtime::Request<runtime::Collection<i64>> = runtime::Request::new(http::Method::GET, "/items".into(), &P);
            use futures_util::StreamExt;
            let items: Vec<i64> = client.pages(req.clone()).map(|r| r.unwrap()).collect().await;
            assert_eq!(items, [1, 2, 3]);
            // Bounded: a server that keeps failing yields its error after the retries.
            let down = MockServer::start().await;
            Mock::given(path("/v1.0/items")).respond_with(ResponseTemplate::new(504)).expect(3).mount(&down).await;
            let client = client.with_base_url(format!("{}/v1.0", down.uri()));
            let e = client.send(req).await.unwrap_err();
            assert_eq!(e.status(), Some(http::StatusCode::GATEWAY_TIMEOUT));
        });
    }

    #[test]
    fn outcomes_follow_the_status() {
        let ok = http::StatusCode::OK;
        assert!(expect_outcome(ok, Ok(()), b"").is_ok());
        assert!(expect_outcome(http::StatusCode::NOT_FOUND, Ok(()), b"").is_err());
    }

    #[test]
    fn empty_objects_standing_for_values_are_the_docs_fault() {
        #[derive(serde::Deserialize)]
        #[allow(dead_code)]
        struct Thing {
            color: Option<String>,
            size: Option<std::collections::BTreeMap<String, i64>>,
        }
        type R = runtime::Single<Thing>;
        let resp = |body: &'static str| Resp { at: "x.md:1", status: 200, headers: &[("Content-Type", "application/json")], body: Some(body), json: true };
        let placeholder = decode_response::<R>(&resp(r#"{"color": {}, "size": {}}"#)).unwrap_err();
        assert_eq!((placeholder.cause, placeholder.fault), ("example-value-invalid", Fault::Docs));
        // An object with content where a string is declared stays the generator's fault.
        let wrong = decode_response::<R>(&resp(r#"{"color": {"r": 1}}"#)).unwrap_err();
        assert_eq!(wrong.fault, Fault::Generator);
    }

    #[test]
    fn a_second_request_in_the_block_is_the_docs_fault() {
        let req = Req { at: "x.md:1", method: "GET", url: "/me/x", headers: &[], body: Some("GET https://graph.microsoft.com/v1.0/users/1/x"), json: false };
        assert_eq!(compare_body(&req, b"").unwrap_err().fault, Fault::Docs);
        let upload = Req { body: Some("[Zip file containing a package]"), ..req };
        assert_eq!(compare_body(&upload, b"").unwrap_err().fault, Fault::Generator);
    }
}
