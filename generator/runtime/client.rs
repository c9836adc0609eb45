//! A small async client (feature `client`): bearer auth, bounded retries
//! with backoff, a response size cap, and `@odata.nextLink` paging.

use std::collections::{HashSet, VecDeque};
use std::sync::Arc;
use std::time::Duration;

use futures_util::future::BoxFuture;
use futures_util::Stream;

use super::error::Error;
use super::request::{Request, DEFAULT_BASE_URL};
use super::response::{retry_after, Collection, FromResponse};

/// Supplies access tokens; called before every attempt so that a provider
/// can refresh expiring tokens.
pub trait TokenProvider: Send + Sync {
    /// A bearer token (without the `Bearer ` prefix).
    fn token(&self) -> BoxFuture<'_, Result<String, Error>>;
}

/// A fixed token, e.g. from an environment variable or a test.
#[derive(Clone)]
pub struct StaticToken(pub String);

// Manual: never print the secret.
impl std::fmt::Debug for StaticToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StaticToken(..)")
    }
}

impl TokenProvider for StaticToken {
    fn token(&self) -> BoxFuture<'_, Result<String, Error>> {
        Box::pin(std::future::ready(Ok(self.0.clone())))
    }
}

/// When and how long to wait before retrying throttled (429) or unavailable
/// (503, 504) responses and connection failures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt; 0 disables retrying.
    pub max_retries: u32,
    /// The first backoff delay, doubled on each retry.
    pub base_delay: Duration,
    /// The cap on any one delay, including a server's `Retry-After`.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// The delay before retry number `attempt` (0-based).
    fn delay(&self, attempt: u32, server_hint: Option<Duration>) -> Duration {
        let backoff = self.base_delay.saturating_mul(2u32.saturating_pow(attempt));
        server_hint.unwrap_or(backoff).min(self.max_delay)
    }
}

/// The default cap on a response body: 64 MiB.
pub const DEFAULT_MAX_BODY_BYTES: usize = 64 * 1024 * 1024;

/// The default limit on one attempt, from connecting to the last body byte.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(100);

/// Sends [`Request`]s to Graph. Cheap to clone (shared connection pool).
#[derive(Clone)]
pub struct Client {
    // An `Err` here (TLS backend failed to initialise) is reported by `send`
    // instead of panicking in the constructor.
    http: Result<reqwest::Client, String>,
    token: Arc<dyn TokenProvider>,
    base_url: String,
    retry: RetryPolicy,
    max_body_bytes: usize,
    timeout: Duration,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url)
            .field("retry", &self.retry)
            .field("max_body_bytes", &self.max_body_bytes)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client for the v1.0 endpoint using `token_provider` for auth.
    pub fn new(token_provider: impl TokenProvider + 'static) -> Self {
        Client {
            http: reqwest::Client::builder()
                .build()
                .map_err(|e| e.to_string()),
            token: Arc::new(token_provider),
            base_url: DEFAULT_BASE_URL.to_owned(),
            retry: RetryPolicy::default(),
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// Uses another endpoint, e.g. `https://graph.microsoft.com/beta` or a
    /// national cloud.
    pub fn with_base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// Replaces the retry policy.
    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Caps response bodies at `limit` bytes (default 64 MiB).
    pub fn with_max_body_bytes(mut self, limit: usize) -> Self {
        self.max_body_bytes = limit;
        self
    }

    /// Limits each attempt, from connecting to the last body byte (default
    /// 100 s). Only a connect timeout is retried: once sent, the request may
    /// have been acted on. Overrides a [`Client::with_http_client`] timeout.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Uses a preconfigured `reqwest::Client` (proxies, TLS, ...).
    pub fn with_http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Ok(http);
        self
    }

    /// Sends `req` and decodes the response.
    pub async fn send<R: FromResponse>(&self, req: Request<R>) -> Result<R, Error> {
        let (status, headers, body) = self.execute(req.build(&self.base_url)?).await?;
        req.parse_response(status, &headers, &body)
    }

    /// Streams every item of a collection, following `@odata.nextLink`
    /// through the same auth and retry path. Next links must stay on the
    /// base URL's host, so the token is never sent elsewhere.
    pub fn pages<T>(
        &self,
        req: Request<Collection<T>>,
    ) -> impl Stream<Item = Result<T, Error>> + Send + 'static
    where
        T: serde::de::DeserializeOwned + Send + 'static,
    {
        struct State<T> {
            client: Client,
            next: Option<Request<Collection<T>>>,
            items: VecDeque<T>,
            // Reported after the items already fetched.
            error: Option<Error>,
            // Every page URL fetched: a link back to any of them (p1 → p2 → p1)
            // would otherwise page forever.
            seen: HashSet<String>,
        }
        let state = State {
            client: self.clone(),
            seen: HashSet::from([req.url(&self.base_url)]),
            next: Some(req),
            items: VecDeque::new(),
            error: None,
        };
        futures_util::stream::unfold(state, |mut st| async move {
            loop {
                if let Some(item) = st.items.pop_front() {
                    return Some((Ok(item), st));
                }
                if let Some(e) = st.error.take() {
                    return Some((Err(e), st));
                }
                let req = st.next.take()?;
                let page = match st.client.send(req.clone()).await {
                    Ok(page) => page,
                    Err(e) => return Some((Err(e), st)),
                };
                st.items = page.value.into();
                if let Some(link) = page.next_link {
                    match st.client.check_next_link(&req, &link) {
                        Ok(()) if !st.seen.insert(link.clone()) => {
                            st.error = Some(Error::InvalidRequest(format!(
                                "@odata.nextLink `{link}` repeats an earlier page"
                            )))
                        }
                        Ok(()) => st.next = Some(req.with_next_link(&link)),
                        Err(e) => st.error = Some(e),
                    }
                }
            }
        })
    }

    /// Refuses next links to another host (token leak) or to the same URL
    /// again (endless loop).
    fn check_next_link<T>(&self, current: &Request<T>, link: &str) -> Result<(), Error> {
        let origin = |url: &str| {
            let uri = http::Uri::try_from(url).ok()?;
            Some((
                uri.scheme_str()?.to_ascii_lowercase(),
                uri.authority()?.as_str().to_ascii_lowercase(),
            ))
        };
        let expected = origin(&current.url(&self.base_url));
        if origin(link).is_none() || origin(link) != expected {
            return Err(Error::InvalidRequest(format!(
                "@odata.nextLink `{link}` leaves the API host"
            )));
        }
        if link == current.url(&self.base_url) {
            return Err(Error::InvalidRequest(format!(
                "@odata.nextLink `{link}` repeats the current page"
            )));
        }
        Ok(())
    }

    /// Sends a built request with auth and retries; returns the final status,
    /// headers and (size-capped) body. Not generic, so that `send` stays small
    /// for every response type.
    async fn execute(
        &self,
        built: http::Request<Vec<u8>>,
    ) -> Result<(http::StatusCode, http::HeaderMap, Vec<u8>), Error> {
        let http = self
            .http
            .as_ref()
            .map_err(|e| Error::Transport(e.clone().into()))?;
        let url = built.uri().to_string();
        let mut attempt = 0;
        loop {
            let token = self.token.token().await?;
            let sent = http
                .request(built.method().clone(), &url)
                .headers(built.headers().clone())
                .bearer_auth(token)
                .body(built.body().clone())
                // Per request, so that it also bounds a `with_http_client` client
                // and covers reading the body, not only the headers.
                .timeout(self.timeout)
                .send()
                .await;
            let retries_left = attempt < self.retry.max_retries;
            match sent {
                // Only connection failures are retried: the request never left.
                Err(e) if retries_left && e.is_connect() => {
                    tokio::time::sleep(self.retry.delay(attempt, None)).await;
                }
                Err(e) => return Err(Error::Transport(Box::new(e))),
                Ok(resp) if retries_left && is_retryable(resp.status()) => {
                    tokio::time::sleep(self.retry.delay(attempt, retry_after(resp.headers())))
                        .await;
                }
                Ok(resp) => {
                    let (status, headers) = (resp.status(), resp.headers().clone());
                    // An error body only supplies the message: cut it at the cap
                    // rather than lose the status to `BodyTooLarge`.
                    let truncate = !status.is_success();
                    let body = read_capped(resp, self.max_body_bytes, truncate).await?;
                    return Ok((status, headers, body));
                }
            }
            attempt += 1;
        }
    }
}

fn is_retryable(status: http::StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 503 | 504)
}

/// Reads the body chunk by chunk; past `limit` it fails, or with `truncate`
/// stops there and keeps the first `limit` bytes.
async fn read_capped(
    mut resp: reqwest::Response,
    limit: usize,
    truncate: bool,
) -> Result<Vec<u8>, Error> {
    if !truncate && resp.content_length().is_some_and(|n| n > limit as u64) {
        return Err(Error::BodyTooLarge { limit });
    }
    let mut body = Vec::new();
    while let Some(chunk) = resp
        .chunk()
        .await
        .map_err(|e| Error::Transport(Box::new(e)))?
    {
        if body.len() + chunk.len() > limit {
            if !truncate {
                return Err(Error::BodyTooLarge { limit });
            }
            let room = limit.saturating_sub(body.len());
            body.extend_from_slice(chunk.get(..room).unwrap_or(&chunk));
            break;
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_is_exponential_and_capped() {
        let p = RetryPolicy {
            max_retries: 5,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(1),
        };
        assert_eq!(p.delay(0, None), Duration::from_millis(100));
        assert_eq!(p.delay(2, None), Duration::from_millis(400));
        assert_eq!(p.delay(40, None), Duration::from_secs(1));
        assert_eq!(
            p.delay(0, Some(Duration::from_secs(120))),
            Duration::from_secs(1)
        );
        assert!(is_retryable(http::StatusCode::TOO_MANY_REQUESTS));
        assert!(!is_retryable(http::StatusCode::INTERNAL_SERVER_ERROR));
    }

    #[test]
    fn next_links_must_stay_on_host() {
        let c = Client::new(StaticToken("t".into()));
        let req: Request<Collection<u8>> = Request::new(
            http::Method::GET,
            "/users".into(),
            &super::super::request::Permissions::NONE,
        );
        assert!(c
            .check_next_link(&req, "https://GRAPH.microsoft.com/v1.0/users?$skiptoken=x")
            .is_ok());
        assert!(c
            .check_next_link(&req, "https://evil.example/v1.0/users")
            .is_err());
        assert!(c
            .check_next_link(&req, "http://graph.microsoft.com/v1.0/users")
            .is_err());
        assert!(c
            .check_next_link(&req, "https://graph.microsoft.com/v1.0/users")
            .is_err());
        assert!(c.check_next_link(&req, "not a url").is_err());
        assert!(format!("{:?}", StaticToken("secret".into()))
            .find("secret")
            .is_none());
    }
}
