//! Decoding HTTP responses into the response types generated operations
//! name: `NoContent`, `Bytes`, `Single<T>` and `Collection<T>`.

use std::collections::BTreeMap;

use serde_json::Value;

use super::error::{Error, GraphError};

/// A type a Graph response can be decoded into. Non-2xx statuses become
/// [`Error::Graph`].
pub trait FromResponse: Sized {
    /// Decodes one complete response.
    fn from_response(
        status: http::StatusCode,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<Self, Error>;
}

/// A response whose body is ignored (typically `204 No Content`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct NoContent;

/// A raw body, e.g. from a `$value` or `/content` endpoint.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Bytes(pub Vec<u8>);

/// The answer to a `$count` segment: a number sent as `text/plain`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Count(pub u64);

/// A single JSON value (an entity, a complex value, an action result).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Single<T>(pub T);

/// A single primitive or enum result, which Graph wraps as `{"value": ...}`.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Scalar<T> {
    /// The result.
    pub value: T,
}

/// One page of an OData collection.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Collection<T> {
    /// The items on this page.
    // `= "Vec::new"`: plain `default` would make serde require `T: Default`.
    #[serde(default = "Vec::new")]
    pub value: Vec<T>,
    /// The URL of the next page, if there is one.
    #[serde(
        rename = "@odata.nextLink",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub next_link: Option<String>,
    /// The URL to call later for changes, on the last page of a delta query.
    #[serde(
        rename = "@odata.deltaLink",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub delta_link: Option<String>,
    /// The total count, when `$count=true` was asked for.
    #[serde(
        rename = "@odata.count",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub count: Option<i64>,
    /// Other members, such as `@odata.context`.
    #[serde(flatten)]
    pub additional_properties: BTreeMap<String, Value>,
}

// Manual: a derive would require `T: Default`.
impl<T> Default for Collection<T> {
    fn default() -> Self {
        Collection {
            value: Vec::new(),
            next_link: None,
            delta_link: None,
            count: None,
            additional_properties: BTreeMap::new(),
        }
    }
}

impl FromResponse for NoContent {
    fn from_response(
        status: http::StatusCode,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<Self, Error> {
        error_for_status(status, headers, body)?;
        Ok(NoContent)
    }
}

impl FromResponse for Bytes {
    fn from_response(
        status: http::StatusCode,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<Self, Error> {
        error_for_status(status, headers, body)?;
        Ok(Bytes(body.to_vec()))
    }
}

impl<T: serde::de::DeserializeOwned> FromResponse for Single<T> {
    fn from_response(
        status: http::StatusCode,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<Self, Error> {
        error_for_status(status, headers, body)?;
        decode_json(headers, body).map(Single)
    }
}

impl FromResponse for Count {
    fn from_response(
        status: http::StatusCode,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<Self, Error> {
        error_for_status(status, headers, body)?;
        let text = String::from_utf8_lossy(body);
        // A byte-order mark or whitespace may surround the number.
        let digits = text.trim().trim_start_matches('\u{feff}');
        digits
            .parse()
            .map(Count)
            .map_err(|_| Error::Decode(format!("expected a count, got `{}`", shorten(digits, 40))))
    }
}

impl<T: serde::de::DeserializeOwned> FromResponse for Scalar<T> {
    fn from_response(
        status: http::StatusCode,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<Self, Error> {
        error_for_status(status, headers, body)?;
        decode_json(headers, body)
    }
}

impl<T: serde::de::DeserializeOwned> FromResponse for Collection<T> {
    fn from_response(
        status: http::StatusCode,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<Self, Error> {
        error_for_status(status, headers, body)?;
        decode_json(headers, body)
    }
}

/// `Err(Error::Graph(..))` unless `status` is 2xx.
pub fn error_for_status(
    status: http::StatusCode,
    headers: &http::HeaderMap,
    body: &[u8],
) -> Result<(), Error> {
    if status.is_success() {
        Ok(())
    } else {
        Err(graph_error(status, headers, body).into())
    }
}

/// Reads a Graph error body; anything unparseable still yields the status
/// and the raw text.
pub fn graph_error(status: http::StatusCode, headers: &http::HeaderMap, body: &[u8]) -> GraphError {
    let parsed: Option<Value> = serde_json::from_slice(body).ok();
    let error = parsed
        .as_ref()
        .and_then(|v| v.get("error"))
        .filter(|e| e.is_object());
    let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_owned);
    let (code, message, inner_error) = match error {
        Some(e) => (
            text(e.get("code")).unwrap_or_default(),
            text(e.get("message")).unwrap_or_default(),
            e.get("innerError").or_else(|| e.get("innererror")).cloned(),
        ),
        None => {
            let raw = String::from_utf8_lossy(body);
            let message = shorten(raw.trim(), 500);
            let message = if message.is_empty() {
                status.canonical_reason().unwrap_or_default().to_owned()
            } else {
                message
            };
            (String::new(), message, None)
        }
    };
    let request_id = text(inner_error.as_ref().and_then(|i| i.get("request-id")))
        .or_else(|| header_str(headers, "request-id"));
    GraphError {
        status,
        code,
        message,
        inner_error,
        request_id,
        retry_after: retry_after(headers),
        raw: parsed.unwrap_or_else(|| Value::String(String::from_utf8_lossy(body).into_owned())),
    }
}

/// The `Retry-After` header when it is a number of seconds.
pub fn retry_after(headers: &http::HeaderMap) -> Option<std::time::Duration> {
    header_str(headers, "retry-after")?
        .trim()
        .parse::<u64>()
        .ok()
        .map(std::time::Duration::from_secs)
}

fn header_str(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers.get(name)?.to_str().ok().map(str::to_owned)
}

fn shorten(s: &str, max_chars: usize) -> String {
    match s.char_indices().nth(max_chars) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

/// Decodes a JSON body, checking the content type first so that an HTML
/// error page or a binary payload gives a clear message.
pub fn decode_json<T: serde::de::DeserializeOwned>(
    headers: &http::HeaderMap,
    body: &[u8],
) -> Result<T, Error> {
    let target = std::any::type_name::<T>();
    if let Some(ct) = headers.get(http::header::CONTENT_TYPE) {
        let ct = ct.to_str().unwrap_or("<non-ASCII>");
        let essence = ct
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        if !(essence.ends_with("/json") || essence.ends_with("+json")) {
            return Err(Error::Decode(format!(
                "expected a JSON response for {target}, got content type `{ct}`"
            )));
        }
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        // An empty body decodes only into types that accept null (Option).
        return serde_json::from_value(Value::Null).map_err(|_| {
            Error::Decode(format!(
                "expected a JSON body for {target}, got an empty response"
            ))
        });
    }
    serde_json::from_slice(body).map_err(|e| Error::Decode(format!("{target}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::request::{Permissions, Request};
    use serde_json::json;

    fn json_headers() -> http::HeaderMap {
        let mut h = http::HeaderMap::new();
        h.insert(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static("application/json; odata.metadata=minimal"),
        );
        h
    }

    #[test]
    fn decodes_success_bodies() {
        let h = json_headers();
        let body = br#"{"@odata.context":"c","@odata.nextLink":"https://n","@odata.count":2,"value":[1,2]}"#;
        let c = Collection::<i32>::from_response(http::StatusCode::OK, &h, body).unwrap();
        assert_eq!(c.value, [1, 2]);
        assert_eq!(c.next_link.as_deref(), Some("https://n"));
        assert_eq!(c.count, Some(2));
        assert_eq!(c.additional_properties["@odata.context"], json!("c"));
        assert_eq!(
            serde_json::to_value(&c).unwrap(),
            serde_json::from_slice::<Value>(body).unwrap()
        );

        let s = Single::<Value>::from_response(http::StatusCode::OK, &h, br#"{"id":"1"}"#).unwrap();
        assert_eq!(s.0, json!({"id": "1"}));
        let none = Single::<Option<Value>>::from_response(
            http::StatusCode::NO_CONTENT,
            &http::HeaderMap::new(),
            b"",
        )
        .unwrap();
        assert_eq!(none.0, None);
        assert_eq!(
            NoContent::from_response(http::StatusCode::NO_CONTENT, &h, b"junk").unwrap(),
            NoContent
        );
        let v = Scalar::<bool>::from_response(
            http::StatusCode::OK,
            &h,
            br#"{"@odata.context":"c","value":true}"#,
        )
        .unwrap();
        assert!(v.value);
        let n = Count::from_response(http::StatusCode::OK, &http::HeaderMap::new(), b"893\n").unwrap();
        assert_eq!(n, Count(893));
        assert!(Count::from_response(http::StatusCode::OK, &h, b"{}").is_err());
        let b =
            Bytes::from_response(http::StatusCode::OK, &http::HeaderMap::new(), &[0, 159]).unwrap();
        assert_eq!(b.0, [0, 159]);

        let req: Request<Single<Value>> =
            Request::new(http::Method::GET, "/me".into(), &Permissions::NONE);
        assert_eq!(
            req.parse_response(http::StatusCode::OK, &h, b"[]")
                .unwrap()
                .0,
            json!([])
        );
    }

    #[test]
    fn decode_errors_are_clear() {
        let mut html = http::HeaderMap::new();
        html.insert(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static("text/html"),
        );
        let e = Single::<Value>::from_response(http::StatusCode::OK, &html, b"<html>").unwrap_err();
        assert!(
            matches!(&e, Error::Decode(m) if m.contains("text/html")),
            "{e}"
        );
        let e =
            Single::<i32>::from_response(http::StatusCode::OK, &json_headers(), b"").unwrap_err();
        assert!(matches!(&e, Error::Decode(m) if m.contains("empty")), "{e}");
        let e = Collection::<i32>::from_response(
            http::StatusCode::OK,
            &json_headers(),
            br#"{"value":["x"]}"#,
        )
        .unwrap_err();
        assert!(matches!(e, Error::Decode(_)));
    }

    #[test]
    fn graph_errors() {
        let mut h = json_headers();
        h.insert("retry-after", http::HeaderValue::from_static("7"));
        let body = br#"{"error":{"code":"TooManyRequests","message":"slow down","innerError":{"request-id":"r1","date":"d"}}}"#;
        let Err(Error::Graph(e)) =
            NoContent::from_response(http::StatusCode::TOO_MANY_REQUESTS, &h, body)
        else {
            panic!("expected a Graph error")
        };
        assert_eq!(
            (e.code.as_str(), e.message.as_str()),
            ("TooManyRequests", "slow down")
        );
        assert_eq!(e.request_id.as_deref(), Some("r1"));
        assert_eq!(e.retry_after, Some(std::time::Duration::from_secs(7)));
        assert_eq!(
            e.inner_error,
            Some(json!({"request-id": "r1", "date": "d"}))
        );

        let mut h = http::HeaderMap::new();
        h.insert("request-id", http::HeaderValue::from_static("r2"));
        let Err(Error::Graph(e)) = Single::<Value>::from_response(
            http::StatusCode::BAD_GATEWAY,
            &h,
            b"<h1>Bad \xff gateway</h1>",
        ) else {
            panic!("expected a Graph error")
        };
        assert_eq!(e.status, http::StatusCode::BAD_GATEWAY);
        assert!(e.code.is_empty());
        assert!(e.message.contains("gateway"));
        assert_eq!(e.request_id.as_deref(), Some("r2"));
        assert!(e.raw.is_string());

        let e = graph_error(http::StatusCode::NOT_FOUND, &http::HeaderMap::new(), b"");
        assert_eq!(e.message, "Not Found");
        let long = "é".repeat(2000);
        assert!(
            graph_error(
                http::StatusCode::NOT_FOUND,
                &http::HeaderMap::new(),
                long.as_bytes()
            )
            .message
            .chars()
            .count()
                <= 501
        );
        let e = graph_error(
            http::StatusCode::FORBIDDEN,
            &http::HeaderMap::new(),
            br#"{"error":"denied"}"#,
        );
        assert_eq!(e.raw, json!({"error": "denied"}));
    }
}
