//! The one error type every runtime and generated function returns.

use std::fmt;

/// Everything that can go wrong while building a request, talking to
/// Microsoft Graph, or decoding its answer.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Graph answered with a non-2xx status. Boxed to keep `Result`s small.
    Graph(Box<GraphError>),
    /// A 2xx response body could not be decoded into the expected type.
    Decode(String),
    /// A request body could not be serialized to JSON.
    Encode(String),
    /// The request could not be turned into a valid HTTP request
    /// (bad URL, header name or header value).
    InvalidRequest(String),
    /// The token provider failed to produce an access token.
    Auth(String),
    /// The HTTP transport failed (connection, TLS, timeout, ...).
    Transport(Box<dyn std::error::Error + Send + Sync>),
    /// A response body exceeded the configured size limit.
    BodyTooLarge {
        /// The limit in bytes that was exceeded.
        limit: usize,
    },
}

/// A non-2xx response from Graph, parsed from its
/// `{"error": {"code", "message", "innerError"}}` body when possible.
#[derive(Clone, Debug, PartialEq)]
pub struct GraphError {
    /// The HTTP status of the response.
    pub status: http::StatusCode,
    /// Graph's error code, e.g. `Request_ResourceNotFound`; empty when the
    /// body was not a Graph error.
    pub code: String,
    /// Graph's message, or the (shortened) raw body when it was not JSON.
    pub message: String,
    /// The `innerError` object, if any.
    pub inner_error: Option<serde_json::Value>,
    /// The `request-id` from `innerError` or the response headers, to quote
    /// to Microsoft support.
    pub request_id: Option<String>,
    /// The server's `Retry-After` delay, if it sent one in seconds.
    pub retry_after: Option<std::time::Duration>,
    /// The whole body: parsed JSON, or a JSON string holding the raw text.
    pub raw: serde_json::Value,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Graph(e) => e.fmt(f),
            Error::Decode(m) => write!(f, "could not decode the response: {m}"),
            Error::Encode(m) => write!(f, "could not encode the request body: {m}"),
            Error::InvalidRequest(m) => write!(f, "invalid request: {m}"),
            Error::Auth(m) => write!(f, "could not get an access token: {m}"),
            Error::Transport(e) => write!(f, "HTTP transport error: {e}"),
            Error::BodyTooLarge { limit } => {
                write!(f, "response body is larger than the {limit}-byte limit")
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Graph(e) => Some(&**e),
            Error::Transport(e) => Some(&**e),
            _ => None,
        }
    }
}

impl fmt::Display for GraphError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Graph returned {}", self.status)?;
        if !self.code.is_empty() {
            write!(f, " ({})", self.code)?;
        }
        if !self.message.is_empty() {
            write!(f, ": {}", self.message)?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " [request-id {id}]")?;
        }
        Ok(())
    }
}

impl std::error::Error for GraphError {}

impl From<GraphError> for Error {
    fn from(e: GraphError) -> Self {
        Error::Graph(Box::new(e))
    }
}

impl Error {
    /// The HTTP status, when the error is a Graph error response.
    pub fn status(&self) -> Option<http::StatusCode> {
        match self {
            Error::Graph(e) => Some(e.status),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_includes_code_and_request_id() {
        let e = Error::from(GraphError {
            status: http::StatusCode::NOT_FOUND,
            code: "Request_ResourceNotFound".into(),
            message: "gone".into(),
            inner_error: None,
            request_id: Some("abc".into()),
            retry_after: None,
            raw: serde_json::Value::Null,
        });
        let text = e.to_string();
        assert!(text.contains("404"), "{text}");
        assert!(text.contains("Request_ResourceNotFound"), "{text}");
        assert!(text.contains("request-id abc"), "{text}");
        assert_eq!(e.status(), Some(http::StatusCode::NOT_FOUND));
        assert!(std::error::Error::source(&e).is_some());
    }
}
