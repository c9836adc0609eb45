//! Sans-IO description of one Graph call: generated operation functions
//! return a `Request<R>`, and any HTTP stack (or the optional `Client`)
//! sends it and decodes the answer into `R`.

use std::fmt;
use std::marker::PhantomData;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use super::error::Error;
use super::response::{Collection, Count, FromResponse};

/// Graph's v1.0 endpoint, used when no other base URL is given.
pub const DEFAULT_BASE_URL: &str = "https://graph.microsoft.com/v1.0";

/// The permissions the docs list for an operation, least privileged first.
/// Informational: lets callers check or request scopes up front.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Permissions {
    /// Delegated permissions for work or school accounts.
    pub delegated_work: &'static [&'static str],
    /// Delegated permissions for personal Microsoft accounts.
    pub delegated_personal: &'static [&'static str],
    /// Application permissions.
    pub application: &'static [&'static str],
}

impl Permissions {
    /// No documented permissions.
    pub const NONE: Permissions = Permissions {
        delegated_work: &[],
        delegated_personal: &[],
        application: &[],
    };
}

/// A request body.
#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    /// A JSON document, sent as `application/json`.
    Json(serde_json::Value),
    /// Raw bytes with their content type (uploads, `$value` PUTs).
    Bytes(Vec<u8>, String),
}

/// One Graph call whose successful response decodes into `R`.
#[must_use = "a Request does nothing until it is built or sent"]
pub struct Request<R> {
    method: http::Method,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Option<Body>,
    /// A body serialization failure, reported by `build` rather than panicking.
    body_error: Option<String>,
    permissions: &'static Permissions,
    _response: PhantomData<fn() -> R>,
}

// Manual impls: derives would needlessly require `R: Clone` / `R: Debug`.
impl<R> Clone for Request<R> {
    fn clone(&self) -> Self {
        Request {
            method: self.method.clone(),
            path: self.path.clone(),
            query: self.query.clone(),
            headers: self.headers.clone(),
            body: self.body.clone(),
            body_error: self.body_error.clone(),
            permissions: self.permissions,
            _response: PhantomData,
        }
    }
}

impl<R> fmt::Debug for Request<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &self.headers)
            .field("body", &self.body)
            .field("body_error", &self.body_error)
            .field("response", &std::any::type_name::<R>())
            .finish()
    }
}

/// The constructors the generated path functions call: the path is given as its pieces
/// (literal text and encoded values, joined), so that each function is one short call.
macro_rules! method_constructors {
    ($( $(#[$doc:meta])* $name:ident => $method:ident ),*) => {
        impl<R> Request<R> {
            $(
                $(#[$doc])*
                pub fn $name(pieces: &[&str], permissions: &'static Permissions) -> Self {
                    Request::new(http::Method::$method, pieces.concat(), permissions)
                }
            )*
        }
    };
}

method_constructors! {
    /// `GET` the path joined from `pieces`.
    get => GET,
    /// `POST` to the path joined from `pieces`.
    post => POST,
    /// `PATCH` the path joined from `pieces`.
    patch => PATCH,
    /// `PUT` to the path joined from `pieces`.
    put => PUT,
    /// `DELETE` the path joined from `pieces`.
    delete => DELETE
}

impl<R> Request<R> {
    /// A request for `path` (relative to the base URL, e.g. `/users/{id}`,
    /// or an absolute `https://` URL such as an `@odata.nextLink`).
    pub fn new(method: http::Method, path: String, permissions: &'static Permissions) -> Self {
        Request {
            method,
            path,
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            body_error: None,
            permissions,
            _response: PhantomData,
        }
    }

    /// Sets a JSON body; a serialization failure surfaces from `build`.
    pub fn json_body<T: serde::Serialize + ?Sized>(mut self, body: &T) -> Self {
        match serde_json::to_value(body) {
            Ok(v) => {
                self.body = Some(Body::Json(v));
                self.body_error = None;
            }
            Err(e) => {
                self.body = None;
                self.body_error = Some(e.to_string());
            }
        }
        self
    }

    /// Sets a raw body with its content type.
    pub fn bytes_body(mut self, bytes: Vec<u8>, content_type: &str) -> Self {
        self.body = Some(Body::Bytes(bytes, content_type.to_owned()));
        self.body_error = None;
        self
    }

    /// Narrows the result to one derived type with an OData cast segment
    /// (`/groups/{id}/members/microsoft.graph.user`); `type_name` is the qualified name.
    /// The response type stays that of the operation, whose `Any*` wrapper decodes the
    /// derived type.
    pub fn cast(mut self, type_name: &str) -> Self {
        self.path = format!("{}/{}", self.path.trim_end_matches('/'), segment(type_name));
        self
    }

    /// Adds a header (validated by `build`).
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Adds a query parameter (the value is percent-encoded by `build`).
    pub fn query(mut self, name: &str, value: &str) -> Self {
        self.query.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Sets a query parameter, replacing earlier values of the same name.
    fn set_query(mut self, name: &str, value: String) -> Self {
        self.query.retain(|(k, _)| k != name);
        self.query.push((name.to_owned(), value));
        self
    }

    /// `$select`: only these properties.
    pub fn select(self, fields: &[&str]) -> Self {
        self.set_query("$select", fields.join(","))
    }

    /// `$expand`: include these relationships (items may carry options,
    /// e.g. `members($select=id)`).
    pub fn expand(self, relations: &[&str]) -> Self {
        self.set_query("$expand", relations.join(","))
    }

    /// `$filter` with an OData expression, e.g. `startswith(displayName,'A')`.
    pub fn filter(self, expr: &str) -> Self {
        self.set_query("$filter", expr.to_owned())
    }

    /// `$orderby`, e.g. `["displayName desc"]`.
    pub fn orderby(self, keys: &[&str]) -> Self {
        self.set_query("$orderby", keys.join(","))
    }

    /// `$search`, passed as is: Graph usually wants it double-quoted, e.g.
    /// `"displayName:room"` (and `ConsistencyLevel: eventual` on directory objects).
    pub fn search(self, expr: &str) -> Self {
        self.set_query("$search", expr.to_owned())
    }

    /// `$top`: page size.
    pub fn top(self, n: u32) -> Self {
        self.set_query("$top", n.to_string())
    }

    /// `$skip`.
    pub fn skip(self, n: u32) -> Self {
        self.set_query("$skip", n.to_string())
    }

    /// `$count`: ask for `@odata.count`.
    pub fn count(self, yes: bool) -> Self {
        self.set_query("$count", yes.to_string())
    }

    /// `ConsistencyLevel: eventual`, required by advanced directory queries.
    pub fn consistency_level_eventual(mut self) -> Self {
        self.headers
            .retain(|(k, _)| !k.eq_ignore_ascii_case("ConsistencyLevel"));
        self.header("ConsistencyLevel", "eventual")
    }

    /// Adds a `Prefer` preference, merged with earlier ones (comma-separated).
    pub fn prefer(mut self, preference: &str) -> Self {
        match self
            .headers
            .iter_mut()
            .find(|(k, _)| k.eq_ignore_ascii_case("Prefer"))
        {
            Some((_, v)) => {
                v.push_str(", ");
                v.push_str(preference);
                self
            }
            None => self.header("Prefer", preference),
        }
    }

    /// The request for the page at `next_link` (an `@odata.nextLink`): same
    /// method, headers and permissions; the link carries its own query.
    pub fn with_next_link(&self, next_link: &str) -> Self {
        let mut next = Request::new(self.method.clone(), next_link.to_owned(), self.permissions);
        next.headers = self.headers.clone();
        next
    }

    /// The HTTP method.
    pub fn method(&self) -> &http::Method {
        &self.method
    }

    /// The path (or absolute URL) as given, without the query string.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Query parameters, unencoded, in order.
    pub fn query_pairs(&self) -> &[(String, String)] {
        &self.query
    }

    /// Extra headers, in order.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The body, if any.
    pub fn body(&self) -> Option<&Body> {
        self.body.as_ref()
    }

    /// The JSON body, if the body is JSON.
    pub fn body_json(&self) -> Option<&serde_json::Value> {
        match &self.body {
            Some(Body::Json(v)) => Some(v),
            _ => None,
        }
    }

    /// The permissions the docs list for this operation.
    pub fn permissions(&self) -> &'static Permissions {
        self.permissions
    }

    /// The full URL: absolute paths are kept, others are joined to `base_url`
    /// (or [`DEFAULT_BASE_URL`] when empty); the query is appended encoded.
    pub fn url(&self, base_url: &str) -> String {
        let mut url = if is_absolute(&self.path) {
            self.path.clone()
        } else {
            let base = if base_url.is_empty() {
                DEFAULT_BASE_URL
            } else {
                base_url
            };
            let base = base.trim_end_matches('/');
            let sep = if self.path.starts_with('/') || self.path.is_empty() {
                ""
            } else {
                "/"
            };
            format!("{base}{sep}{}", self.path)
        };
        for (k, v) in &self.query {
            url.push(if url.contains('?') { '&' } else { '?' });
            url.extend(utf8_percent_encode(k, QUERY_KEY));
            url.push('=');
            url.extend(utf8_percent_encode(v, QUERY_VALUE));
        }
        url
    }

    /// Builds the HTTP request against `base_url` (no auth header: that is
    /// the transport's job).
    pub fn build(&self, base_url: &str) -> Result<http::Request<Vec<u8>>, Error> {
        if let Some(e) = &self.body_error {
            return Err(Error::Encode(e.clone()));
        }
        let url = self.url(base_url);
        let uri = http::Uri::try_from(url.as_str())
            .map_err(|e| Error::InvalidRequest(format!("bad URL `{url}`: {e}")))?;
        let mut builder = http::Request::builder()
            .method(self.method.clone())
            .uri(uri);
        let body = match &self.body {
            None => Vec::new(),
            Some(Body::Json(v)) => {
                builder = builder.header(http::header::CONTENT_TYPE, "application/json");
                serde_json::to_vec(v).map_err(|e| Error::Encode(e.to_string()))?
            }
            Some(Body::Bytes(bytes, content_type)) => {
                builder = builder.header(http::header::CONTENT_TYPE, content_type.as_str());
                bytes.clone()
            }
        };
        for (name, value) in &self.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        builder
            .body(body)
            .map_err(|e| Error::InvalidRequest(e.to_string()))
    }

    /// Decodes a response to this request (non-2xx gives `Error::Graph`).
    pub fn parse_response(
        &self,
        status: http::StatusCode,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<R, Error>
    where
        R: FromResponse,
    {
        R::from_response(status, headers, body)
    }
}

impl<T> Request<Collection<T>> {
    /// `.../$count`: only the number of items (`$filter` and `$search` still apply; directory
    /// objects also want [`Request::consistency_level_eventual`]).
    pub fn count_only(self) -> Request<Count> {
        Request {
            method: self.method,
            path: format!("{}/$count", self.path.trim_end_matches('/')),
            query: self.query,
            headers: self.headers,
            body: None,
            body_error: None,
            permissions: self.permissions,
            _response: PhantomData,
        }
    }
}

fn is_absolute(path: &str) -> bool {
    let lower = path.get(..8).unwrap_or(path).to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// Kept literal in path segments: RFC 3986 unreserved plus sub-delims and
/// `@` `:` that Graph keys use (`user@contoso.com`, `('id')`). `+` and `&`
/// are encoded because some front ends read them specially.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'@')
    .remove(b':')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b',')
    .remove(b'=')
    .remove(b'!')
    .remove(b'$')
    .remove(b'*')
    .remove(b';');

/// Query keys: `$select` and friends stay literal.
const QUERY_KEY: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'$')
    .remove(b'@');

/// Query values: OData punctuation stays readable; `&`, `=`, `+`, `#`, `%`,
/// space and quotes `"` are encoded.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'$')
    .remove(b'@')
    .remove(b':')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b',')
    .remove(b'/')
    .remove(b'*');

/// Percent-encodes one path segment (`/`, `?`, `#`, `%`, space and non-ASCII
/// are encoded; `@`, `:`, `'` and other key-friendly characters are kept).
pub fn segment(value: &str) -> String {
    utf8_percent_encode(value, SEGMENT).to_string()
}

/// Encodes a slash-separated path (e.g. a drive item path after `root:`),
/// each piece as a [`segment`], keeping the `/` separators.
pub fn path_segments(value: &str) -> String {
    value.split('/').map(segment).collect::<Vec<_>>().join("/")
}

/// A quoted OData string literal for function parameters and keys:
/// `quoted("O'Neil")` is `'O''Neil'`, percent-encoded like a [`segment`],
/// ready for `f(name={})`.
pub fn quoted(value: &str) -> String {
    format!("'{}'", segment(&value.replace('\'', "''")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    static PERMS: Permissions = Permissions {
        delegated_work: &["User.Read"],
        delegated_personal: &[],
        application: &["User.Read.All"],
    };

    #[test]
    fn path_helpers() {
        assert_eq!(segment("a b/c?d#e%f"), "a%20b%2Fc%3Fd%23e%25f");
        assert_eq!(segment("adele@contoso.com"), "adele@contoso.com");
        assert_eq!(segment("a+b&c"), "a%2Bb%26c");
        assert_eq!(segment("é"), "%C3%A9");
        assert_eq!(quoted("O'Neil x"), "'O''Neil%20x'");
        assert_eq!(quoted(""), "''");
        assert_eq!(path_segments("Docs/My file.txt"), "Docs/My%20file.txt");
    }

    #[test]
    fn builds_url_query_headers_and_body() {
        let req: Request<()> = Request::new(
            http::Method::POST,
            format!("/users/{}/sendMail", segment("a b")),
            &PERMS,
        )
        .select(&["id", "displayName"])
        .select(&["id"])
        .filter("startswith(displayName,'A&B') and x eq \"y+z\"")
        .top(5)
        .count(true)
        .query("custom key", "v=1")
        .consistency_level_eventual()
        .prefer("return=minimal")
        .prefer("odata.maxpagesize=10")
        .json_body(&json!({"a": 1}));
        let built = req.build("https://example.test/beta/").unwrap();
        assert_eq!(built.method(), http::Method::POST);
        assert_eq!(
            built.uri().to_string(),
            "https://example.test/beta/users/a%20b/sendMail?$select=id\
             &$filter=startswith(displayName,'A%26B')%20and%20x%20eq%20%22y%2Bz%22\
             &$top=5&$count=true&custom%20key=v%3D1"
        );
        assert_eq!(built.headers()["content-type"], "application/json");
        assert_eq!(built.headers()["consistencylevel"], "eventual");
        assert_eq!(
            built.headers()["prefer"],
            "return=minimal, odata.maxpagesize=10"
        );
        assert_eq!(built.body(), br#"{"a":1}"#);
        assert_eq!(req.body_json(), Some(&json!({"a": 1})));
        assert_eq!(req.permissions().application, ["User.Read.All"]);
        assert_eq!(req.query_pairs().len(), 5);
    }

    #[test]
    fn count_only_appends_the_segment() {
        let req: Request<Collection<u8>> =
            Request::new(http::Method::GET, "/users/".into(), &PERMS).filter("a eq 1");
        let count = req.consistency_level_eventual().count_only();
        assert_eq!(
            count.url(DEFAULT_BASE_URL),
            "https://graph.microsoft.com/v1.0/users/$count?$filter=a%20eq%201"
        );
        assert_eq!(count.headers().len(), 1);
    }

    #[test]
    fn cast_appends_the_type_segment() {
        let req: Request<Collection<u8>> =
            Request::new(http::Method::GET, "/groups/g1/members/".into(), &PERMS);
        assert_eq!(
            req.cast("microsoft.graph.user").top(2).url(DEFAULT_BASE_URL),
            "https://graph.microsoft.com/v1.0/groups/g1/members/microsoft.graph.user?$top=2"
        );
    }

    #[test]
    fn default_base_and_absolute_paths() {
        let req: Request<()> = Request::new(http::Method::GET, "me".into(), &Permissions::NONE);
        assert_eq!(req.url(""), "https://graph.microsoft.com/v1.0/me");
        let next = req.with_next_link("https://graph.microsoft.com/v1.0/users?$skiptoken=X%3D");
        assert_eq!(
            next.top(3).url(DEFAULT_BASE_URL),
            "https://graph.microsoft.com/v1.0/users?$skiptoken=X%3D&$top=3"
        );
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        let bad_header: Request<()> =
            Request::new(http::Method::GET, "/me".into(), &Permissions::NONE).header("X", "a\nb");
        assert!(matches!(
            bad_header.build(DEFAULT_BASE_URL),
            Err(Error::InvalidRequest(_))
        ));
        let bad_name: Request<()> =
            Request::new(http::Method::GET, "/me".into(), &Permissions::NONE).header("a b", "x");
        assert!(matches!(
            bad_name.build(DEFAULT_BASE_URL),
            Err(Error::InvalidRequest(_))
        ));
        let bad_url: Request<()> =
            Request::new(http::Method::GET, "/me".into(), &Permissions::NONE);
        assert!(matches!(
            bad_url.build("not a url"),
            Err(Error::InvalidRequest(_))
        ));
        let mut map = std::collections::HashMap::new();
        map.insert((1, 2), 3);
        let bad_body: Request<()> =
            Request::new(http::Method::POST, "/me".into(), &Permissions::NONE).json_body(&map);
        assert!(matches!(
            bad_body.build(DEFAULT_BASE_URL),
            Err(Error::Encode(_))
        ));
        let bytes: Request<()> = Request::new(
            http::Method::PUT,
            "/me/photo/$value".into(),
            &Permissions::NONE,
        )
        .bytes_body(vec![1, 2], "image/png");
        let built = bytes.build(DEFAULT_BASE_URL).unwrap();
        assert_eq!(built.headers()["content-type"], "image/png");
        assert_eq!(built.body(), &[1, 2]);
    }
}
