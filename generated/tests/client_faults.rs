//! Hand-written (graphgen keeps files it did not write): `runtime::Client` against servers that
//! misbehave. wiremock serves whole HTTP answers (throttling, errors, bad bodies, paging); a raw
//! `TcpListener` does what no HTTP server library will (resets, truncation, endless bodies,
//! silence). Every test runs under a deadline, so a hang fails instead of stalling the suite.

#![cfg(feature = "client")]

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use graph_sdk::runtime::{
    Client, Collection, Error, NoContent, Permissions, Request, RetryPolicy, Single, StaticToken,
    TokenProvider,
};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use wiremock::matchers::{header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request as Seen, Respond, ResponseTemplate};

/// No test may take longer than this; the slowest one waits a 1 s `Retry-After`.
const TEST_DEADLINE: Duration = Duration::from_secs(15);
const MIB: usize = 1024 * 1024;

fn run(test: impl Future<Output = ()>) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    rt.block_on(async {
        tokio::time::timeout(TEST_DEADLINE, test)
            .await
            .expect("the test hung past its deadline");
    });
}

/// Tiny delays so that retries cost milliseconds.
fn fast(max_retries: u32) -> RetryPolicy {
    RetryPolicy {
        max_retries,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(20),
    }
}

fn client(base_url: &str, retry: RetryPolicy) -> Client {
    Client::new(StaticToken("t0ken".into()))
        .with_base_url(base_url)
        .with_retry(retry)
}

fn get<R>(path: &str) -> Request<R> {
    Request::new(http::Method::GET, path.into(), &Permissions::NONE)
}

async fn mock_server() -> (MockServer, String) {
    let server = MockServer::start().await;
    let base = format!("{}/v1.0", server.uri());
    (server, base)
}

async fn requests_seen(server: &MockServer) -> usize {
    server.received_requests().await.map_or(0, |r| r.len())
}

/// Answers with each template in turn, repeating the last one.
struct Sequence {
    answers: Vec<ResponseTemplate>,
    next: AtomicUsize,
}

impl Sequence {
    fn new(answers: Vec<ResponseTemplate>) -> Self {
        Sequence {
            answers,
            next: AtomicUsize::new(0),
        }
    }
}

impl Respond for Sequence {
    fn respond(&self, _: &Seen) -> ResponseTemplate {
        let i = self.next.fetch_add(1, SeqCst).min(self.answers.len() - 1);
        self.answers[i].clone()
    }
}

fn graph_error(status: u16, code: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({
        "error": {"code": code, "message": format!("{code} says no")}
    }))
}

fn widget() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"id": "w1"}))
}

async fn mount(server: &MockServer, answers: Vec<ResponseTemplate>) {
    Mock::given(method("GET"))
        .and(path("/v1.0/widgets/w1"))
        .respond_with(Sequence::new(answers))
        .mount(server)
        .await;
}

// ---------------------------------------------------------------- retries

#[test]
fn retry_after_is_honoured_then_succeeds() {
    run(async {
        let (server, base) = mock_server().await;
        let throttled = graph_error(429, "TooManyRequests").insert_header("Retry-After", "1");
        mount(&server, vec![throttled, widget()]).await;
        // max_delay above the hint, so the hint and not the 1 ms backoff decides.
        let policy = RetryPolicy {
            max_delay: Duration::from_secs(5),
            ..fast(3)
        };
        let started = Instant::now();
        let got = client(&base, policy)
            .send(get::<Single<Value>>("/widgets/w1"))
            .await;
        let took = started.elapsed();
        assert_eq!(got.expect("retried into a 200").0, json!({"id": "w1"}));
        assert_eq!(requests_seen(&server).await, 2);
        assert!(
            took >= Duration::from_secs(1),
            "Retry-After ignored: {took:?}"
        );
        assert!(took < Duration::from_secs(4), "waited too long: {took:?}");
    });
}

#[test]
fn retry_after_is_capped_by_the_policy() {
    run(async {
        let (server, base) = mock_server().await;
        let throttled = graph_error(429, "TooManyRequests").insert_header("Retry-After", "3600");
        mount(&server, vec![throttled, widget()]).await;
        let started = Instant::now();
        let got = client(&base, fast(3))
            .send(get::<Single<Value>>("/widgets/w1"))
            .await;
        assert!(got.is_ok(), "{got:?}");
        assert!(started.elapsed() < Duration::from_secs(2));
    });
}

#[test]
fn throttled_forever_gives_up_with_the_429() {
    run(async {
        for max_retries in [0, 3] {
            let (server, base) = mock_server().await;
            let throttled = graph_error(429, "TooManyRequests").insert_header("Retry-After", "1");
            mount(&server, vec![throttled]).await;
            let got = client(&base, fast(max_retries))
                .send(get::<Single<Value>>("/widgets/w1"))
                .await;
            let Err(Error::Graph(e)) = got else {
                panic!("expected a Graph error, got {got:?}")
            };
            assert_eq!(e.status, http::StatusCode::TOO_MANY_REQUESTS);
            assert_eq!(e.code, "TooManyRequests");
            assert_eq!(e.retry_after, Some(Duration::from_secs(1)));
            assert_eq!(requests_seen(&server).await, max_retries as usize + 1);
        }
    });
}

#[test]
fn unavailable_and_gateway_timeout_are_retried() {
    run(async {
        let (server, base) = mock_server().await;
        let answers = vec![
            ResponseTemplate::new(503),
            ResponseTemplate::new(504),
            widget(),
        ];
        mount(&server, answers).await;
        let got = client(&base, fast(3))
            .send(get::<Single<Value>>("/widgets/w1"))
            .await;
        assert_eq!(got.expect("third attempt succeeds").0, json!({"id": "w1"}));
        assert_eq!(requests_seen(&server).await, 3);
        // Every attempt carries the token, not only the first.
        for seen in server.received_requests().await.unwrap_or_default() {
            assert_eq!(seen.headers["authorization"], "Bearer t0ken");
        }
    });
}

#[test]
fn other_errors_are_not_retried() {
    run(async {
        for status in [400, 401, 404, 500, 502] {
            let (server, base) = mock_server().await;
            mount(&server, vec![graph_error(status, "nope"), widget()]).await;
            let got = client(&base, fast(3))
                .send(get::<Single<Value>>("/widgets/w1"))
                .await;
            assert_eq!(
                got.as_ref()
                    .err()
                    .and_then(Error::status)
                    .map(|s| s.as_u16()),
                Some(status),
                "{got:?}"
            );
            assert_eq!(
                requests_seen(&server).await,
                1,
                "status {status} was retried"
            );
        }
    });
}

#[test]
fn refused_connections_are_retried_then_reported() {
    run(async {
        // A port that was just free: connecting is refused.
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        drop(listener);
        let started = Instant::now();
        let got = client(&format!("http://{addr}/v1.0"), fast(2))
            .send(get::<NoContent>("/widgets/w1"))
            .await;
        assert!(matches!(got, Err(Error::Transport(_))), "{got:?}");
        assert!(started.elapsed() < Duration::from_secs(5));
    });
}

#[test]
fn a_failing_token_provider_sends_nothing() {
    struct NoToken;
    impl TokenProvider for NoToken {
        fn token(&self) -> futures_util::future::BoxFuture<'_, Result<String, Error>> {
            Box::pin(async { Err(Error::Auth("expired refresh token".into())) })
        }
    }
    run(async {
        let (server, base) = mock_server().await;
        mount(&server, vec![widget()]).await;
        let got = Client::new(NoToken)
            .with_base_url(base)
            .send(get::<Single<Value>>("/widgets/w1"))
            .await;
        assert!(
            matches!(&got, Err(Error::Auth(m)) if m.contains("expired")),
            "{got:?}"
        );
        assert_eq!(requests_seen(&server).await, 0);
    });
}

// ---------------------------------------------------------------- error bodies

#[test]
fn graph_error_bodies_are_parsed() {
    run(async {
        let (server, base) = mock_server().await;
        let body = json!({"error": {
            "code": "Request_ResourceNotFound",
            "message": "Resource 'w1' does not exist.",
            "innerError": {"request-id": "req-1", "date": "2024-01-01T00:00:00"}
        }});
        mount(
            &server,
            vec![ResponseTemplate::new(404).set_body_json(body)],
        )
        .await;
        let got = client(&base, fast(3))
            .send(get::<Single<Value>>("/widgets/w1"))
            .await;
        let Err(Error::Graph(e)) = got else {
            panic!("expected a Graph error, got {got:?}")
        };
        assert_eq!(e.status, http::StatusCode::NOT_FOUND);
        assert_eq!(e.code, "Request_ResourceNotFound");
        assert_eq!(e.message, "Resource 'w1' does not exist.");
        assert_eq!(e.request_id.as_deref(), Some("req-1"));
        assert_eq!(
            e.inner_error,
            Some(json!({"request-id": "req-1", "date": "2024-01-01T00:00:00"}))
        );
    });
}

#[test]
fn non_json_error_bodies_still_give_the_status() {
    run(async {
        let (server, base) = mock_server().await;
        let page = ResponseTemplate::new(502)
            .set_body_raw("<html><h1>Bad Gateway</h1></html>", "text/html")
            .insert_header("request-id", "req-2");
        mount(&server, vec![page]).await;
        let got = client(&base, fast(3))
            .send(get::<Single<Value>>("/widgets/w1"))
            .await;
        let Err(Error::Graph(e)) = got else {
            panic!("expected a Graph error, got {got:?}")
        };
        assert_eq!(e.status, http::StatusCode::BAD_GATEWAY);
        assert!(e.code.is_empty());
        assert!(e.message.contains("Bad Gateway"), "{}", e.message);
        assert_eq!(e.request_id.as_deref(), Some("req-2"));

        // An empty 503 after the retries: the reason phrase stands in for the message.
        let (server, base) = mock_server().await;
        mount(&server, vec![ResponseTemplate::new(503)]).await;
        let got = client(&base, fast(1))
            .send(get::<NoContent>("/widgets/w1"))
            .await;
        let Err(Error::Graph(e)) = got else {
            panic!("expected a Graph error, got {got:?}")
        };
        assert_eq!(e.message, "Service Unavailable");
    });
}

#[test]
fn a_huge_error_body_keeps_its_status() {
    run(async {
        let (server, base) = mock_server().await;
        let page = ResponseTemplate::new(500).set_body_raw("x".repeat(5 * MIB), "text/html");
        mount(&server, vec![page]).await;
        let got = client(&base, fast(3))
            .with_max_body_bytes(MIB)
            .send(get::<Single<Value>>("/widgets/w1"))
            .await;
        let Err(Error::Graph(e)) = got else {
            panic!("expected a Graph error, got {got:?}")
        };
        assert_eq!(e.status, http::StatusCode::INTERNAL_SERVER_ERROR);
        assert!(e.message.chars().count() <= 501, "message not shortened");
    });
}

// ---------------------------------------------------------------- bad 200 bodies

#[test]
fn truncated_json_is_a_decode_error() {
    run(async {
        let (server, base) = mock_server().await;
        let cut = ResponseTemplate::new(200)
            .set_body_raw(r#"{"value":[{"id":"1"},{"id":"#, "application/json");
        Mock::given(method("GET"))
            .and(path("/v1.0/widgets"))
            .respond_with(cut)
            .mount(&server)
            .await;
        let got = client(&base, fast(3))
            .send(get::<Collection<Value>>("/widgets"))
            .await;
        assert!(matches!(got, Err(Error::Decode(_))), "{got:?}");
    });
}

#[test]
fn a_wrong_content_type_is_a_decode_error() {
    run(async {
        let (server, base) = mock_server().await;
        let login = ResponseTemplate::new(200).set_body_raw("<html>Sign in</html>", "text/html");
        mount(&server, vec![login]).await;
        let got = client(&base, fast(3))
            .send(get::<Single<Value>>("/widgets/w1"))
            .await;
        assert!(
            matches!(&got, Err(Error::Decode(m)) if m.contains("text/html")),
            "{got:?}"
        );
    });
}

#[test]
fn a_body_over_the_cap_is_refused_by_its_length() {
    run(async {
        let (server, base) = mock_server().await;
        // Valid JSON, so only the cap can reject it.
        let huge = format!(r#"{{"id":"{}"}}"#, "x".repeat(5 * MIB));
        let answer = ResponseTemplate::new(200).set_body_raw(huge, "application/json");
        mount(&server, vec![answer]).await;
        let c = client(&base, fast(3)).with_max_body_bytes(MIB);
        let got = c.send(get::<Single<Value>>("/widgets/w1")).await;
        assert!(
            matches!(got, Err(Error::BodyTooLarge { limit }) if limit == MIB),
            "{got:?}"
        );
        // Under the cap the same client reads it.
        let got = c
            .with_max_body_bytes(6 * MIB)
            .send(get::<Single<Value>>("/widgets/w1"))
            .await;
        assert!(got.is_ok(), "{:?}", got.map(|_| ()));
    });
}

// ---------------------------------------------------------------- raw TCP faults

/// A loopback server that reads each request head and hands the connection to `script`.
/// Returns the base URL and the number of connections accepted.
async fn raw_server<F, Fut>(script: F) -> (String, Arc<AtomicUsize>)
where
    F: Fn(TcpStream) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("local addr");
    let accepted = Arc::new(AtomicUsize::new(0));
    let count = accepted.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            count.fetch_add(1, SeqCst);
            read_head(&mut stream).await;
            tokio::spawn(script(stream));
        }
    });
    (format!("http://{addr}/v1.0"), accepted)
}

async fn read_head(stream: &mut TcpStream) {
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
}

/// Closes with an RST instead of a FIN.
fn reset(stream: TcpStream) {
    let _ = stream.set_zero_linger();
    drop(stream);
}

const JSON_HEAD: &str = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n";

#[test]
fn a_reset_mid_body_is_a_transport_error() {
    run(async {
        let (base, accepted) = raw_server(|mut s| async move {
            let head = format!("{JSON_HEAD}Content-Length: 1000\r\n\r\n");
            let _ = s.write_all(head.as_bytes()).await;
            let _ = s.write_all(br#"{"value":[{"id":"1"},"#).await;
            let _ = s.flush().await;
            tokio::time::sleep(Duration::from_millis(50)).await;
            reset(s);
        })
        .await;
        let got = client(&base, fast(3))
            .send(get::<Collection<Value>>("/widgets"))
            .await;
        assert!(matches!(got, Err(Error::Transport(_))), "{got:?}");
        // The response had begun: not retried.
        assert_eq!(accepted.load(SeqCst), 1);
    });
}

#[test]
fn a_reset_before_any_answer_is_a_transport_error() {
    run(async {
        let (base, _) = raw_server(|s| async move { reset(s) }).await;
        let got = client(&base, fast(3))
            .send(get::<Collection<Value>>("/widgets"))
            .await;
        assert!(matches!(got, Err(Error::Transport(_))), "{got:?}");
    });
}

#[test]
fn a_body_shorter_than_its_length_is_a_transport_error() {
    run(async {
        // Content-Length promises 1000 bytes; the server sends 20 and closes cleanly.
        let (base, _) = raw_server(|mut s| async move {
            let head = format!("{JSON_HEAD}Content-Length: 1000\r\n\r\n");
            let _ = s.write_all(head.as_bytes()).await;
            let _ = s.write_all(br#"{"value":[{"id":"1"}"#).await;
            let _ = s.shutdown().await;
        })
        .await;
        let got = client(&base, fast(3))
            .send(get::<Collection<Value>>("/widgets"))
            .await;
        assert!(matches!(got, Err(Error::Transport(_))), "{got:?}");

        // A chunked body that stops before its last chunk.
        let (base, _) = raw_server(|mut s| async move {
            let head = format!("{JSON_HEAD}Transfer-Encoding: chunked\r\n\r\n");
            let _ = s.write_all(head.as_bytes()).await;
            let _ = s.write_all(b"a\r\n{\"value\":[\r\n").await;
            let _ = s.shutdown().await;
        })
        .await;
        let got = client(&base, fast(3))
            .send(get::<Collection<Value>>("/widgets"))
            .await;
        assert!(matches!(got, Err(Error::Transport(_))), "{got:?}");
    });
}

#[test]
fn an_endless_chunked_body_stops_at_the_cap() {
    run(async {
        let written = Arc::new(AtomicUsize::new(0));
        let total = written.clone();
        // No Content-Length: the cap can only be enforced while reading.
        let (base, _) = raw_server(move |mut s| {
            let total = total.clone();
            async move {
                let head = format!("{JSON_HEAD}Transfer-Encoding: chunked\r\n\r\n");
                if s.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                let chunk = format!("10000\r\n{}\r\n", "x".repeat(0x10000));
                // Until the client hangs up.
                while s.write_all(chunk.as_bytes()).await.is_ok() {
                    total.fetch_add(0x10000, SeqCst);
                }
            }
        })
        .await;
        let got = client(&base, fast(3))
            .with_max_body_bytes(MIB)
            .send(get::<Single<Value>>("/widgets/w1"))
            .await;
        assert!(matches!(got, Err(Error::BodyTooLarge { .. })), "{got:?}");
        // Socket buffers hold a few MiB at most; the client did not drain the stream.
        tokio::time::sleep(Duration::from_millis(100)).await;
        let sent = written.load(SeqCst);
        assert!(sent < 32 * MIB, "server wrote {sent} bytes");
    });
}

#[test]
fn a_silent_server_times_out() {
    run(async {
        // Accepts, reads the request, never answers.
        let (base, accepted) = raw_server(|s| async move {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            drop(s);
        })
        .await;
        let started = Instant::now();
        let got = client(&base, fast(3))
            .with_timeout(Duration::from_millis(300))
            .send(get::<Single<Value>>("/widgets/w1"))
            .await;
        let took = started.elapsed();
        let Err(Error::Transport(e)) = got else {
            panic!("expected a transport error, got {got:?}")
        };
        let timed_out = e
            .downcast_ref::<reqwest::Error>()
            .is_some_and(reqwest::Error::is_timeout);
        assert!(timed_out, "{e:?}");
        assert!(took >= Duration::from_millis(300), "{took:?}");
        assert!(took < Duration::from_secs(3), "{took:?}");
        // A timed-out request may have been processed: not retried.
        assert_eq!(accepted.load(SeqCst), 1);
    });
}

#[test]
fn a_new_client_has_a_timeout() {
    let debug = format!("{:?}", Client::new(StaticToken("secret".into())));
    assert_eq!(
        graph_sdk::runtime::client::DEFAULT_TIMEOUT,
        Duration::from_secs(100)
    );
    assert!(debug.contains("timeout: 100s"), "{debug}");
    assert!(!debug.contains("secret"), "{debug}");
}

#[test]
fn a_body_that_stalls_times_out() {
    run(async {
        let (base, _) = raw_server(|mut s| async move {
            let head = format!("{JSON_HEAD}Content-Length: 100\r\n\r\n");
            let _ = s.write_all(head.as_bytes()).await;
            let _ = s.write_all(br#"{"value":["#).await;
            tokio::time::sleep(Duration::from_secs(3600)).await;
        })
        .await;
        let started = Instant::now();
        let got = client(&base, fast(3))
            .with_timeout(Duration::from_millis(300))
            .send(get::<Collection<Value>>("/widgets"))
            .await;
        let Err(Error::Transport(e)) = got else {
            panic!("expected a transport error, got {got:?}")
        };
        let timed_out = e
            .downcast_ref::<reqwest::Error>()
            .is_some_and(reqwest::Error::is_timeout);
        assert!(timed_out, "{e:?}");
        assert!(started.elapsed() < Duration::from_secs(3));
    });
}

// ---------------------------------------------------------------- paging

/// Collects a whole `pages` stream.
async fn all_pages(c: &Client, req: Request<Collection<Value>>) -> Vec<Result<Value, Error>> {
    c.pages(req).collect().await
}

fn page(items: Value, next: Option<String>) -> ResponseTemplate {
    let mut body = json!({"value": items});
    if let Some(next) = next {
        body["@odata.nextLink"] = json!(next);
    }
    ResponseTemplate::new(200).set_body_json(body)
}

#[test]
fn pages_follow_next_links_to_the_end() {
    run(async {
        let (server, base) = mock_server().await;
        let link = |token: &str| Some(format!("{base}/widgets?$skiptoken={token}"));
        let answers = [
            (None, page(json!([1, 2]), link("p2"))),
            (Some("p2"), page(json!([3, 4]), link("p3"))),
            (Some("p3"), page(json!([5]), None)),
        ];
        for (token, answer) in answers {
            let mock = Mock::given(method("GET"))
                .and(path("/v1.0/widgets"))
                .and(header("authorization", "Bearer t0ken"));
            let mock = match token {
                None => mock.and(query_param_is_missing("$skiptoken")),
                Some(t) => mock.and(query_param("$skiptoken", t)),
            };
            mock.respond_with(answer).expect(1).mount(&server).await;
        }
        let items = all_pages(&client(&base, fast(3)), get("/widgets")).await;
        let items: Vec<Value> = items
            .into_iter()
            .collect::<Result<_, _>>()
            .expect("every page decodes");
        assert_eq!(items, [1, 2, 3, 4, 5].map(|n| json!(n)));
        assert_eq!(requests_seen(&server).await, 3);
        server.verify().await;
    });
}

#[test]
fn a_next_link_to_another_host_is_refused() {
    run(async {
        let (server, base) = mock_server().await;
        let (elsewhere, _) = mock_server().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": []})))
            .expect(0)
            .mount(&elsewhere)
            .await;
        let away = format!("{}/v1.0/widgets?$skiptoken=p2", elsewhere.uri());
        Mock::given(method("GET"))
            .and(path("/v1.0/widgets"))
            .respond_with(page(json!([1, 2]), Some(away)))
            .mount(&server)
            .await;
        let items = all_pages(&client(&base, fast(3)), get("/widgets")).await;
        // The page's items, then the refusal, then the end.
        assert_eq!(items.len(), 3, "{items:?}");
        assert!(matches!(items[0], Ok(ref v) if *v == json!(1)));
        assert!(matches!(items[1], Ok(ref v) if *v == json!(2)));
        assert!(
            matches!(&items[2], Err(Error::InvalidRequest(m)) if m.contains("leaves the API host")),
            "{:?}",
            items[2]
        );
        assert_eq!(requests_seen(&elsewhere).await, 0);
        elsewhere.verify().await;
    });
}

#[test]
fn next_links_that_loop_are_refused() {
    run(async {
        let (server, base) = mock_server().await;
        // p1 → p2 → p1 → ...: each link differs from the page it is on.
        let first = Some(format!("{base}/widgets?$skiptoken=p1"));
        let second = Some(format!("{base}/widgets?$skiptoken=p2"));
        for (token, next) in [("p1", second), ("p2", first)] {
            Mock::given(method("GET"))
                .and(path("/v1.0/widgets"))
                .and(query_param("$skiptoken", token))
                .respond_with(page(json!([token]), next))
                .mount(&server)
                .await;
        }
        let start = get::<Collection<Value>>("/widgets").query("$skiptoken", "p1");
        let items: Vec<_> = client(&base, fast(3)).pages(start).take(10).collect().await;
        assert_eq!(items.len(), 3, "{items:?}");
        assert!(matches!(&items[2], Err(Error::InvalidRequest(m)) if m.contains("repeats")));
        assert_eq!(requests_seen(&server).await, 2);
    });
}

#[test]
fn a_failing_page_ends_the_stream() {
    run(async {
        let (server, base) = mock_server().await;
        Mock::given(method("GET"))
            .and(path("/v1.0/widgets"))
            .and(query_param_is_missing("$skiptoken"))
            .respond_with(page(
                json!([1]),
                Some(format!("{base}/widgets?$skiptoken=p2")),
            ))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/v1.0/widgets"))
            .and(query_param("$skiptoken", "p2"))
            .respond_with(graph_error(500, "boom"))
            .mount(&server)
            .await;
        let items = all_pages(&client(&base, fast(3)), get("/widgets")).await;
        assert_eq!(items.len(), 2, "{items:?}");
        assert_eq!(
            items[1].as_ref().err().and_then(Error::status),
            Some(http::StatusCode::INTERNAL_SERVER_ERROR)
        );
    });
}
