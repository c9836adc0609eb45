//! Hand-written (graphgen keeps files it did not write): the README's usage example, run
//! against a local mock server so that it stays real.

#![cfg(all(feature = "widgets", feature = "client"))]

use graph_sdk::{requests, runtime};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[test]
fn readme_example() {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let server = MockServer::start().await;
        let page = serde_json::json!({"value": [{"id": "1", "name": "Gizmo"}]});
        Mock::given(method("GET")).and(path("/v1.0/widgets")).and(query_param("$top", "5")).respond_with(ResponseTemplate::new(200).set_body_json(page)).mount(&server).await;
        let base_url = format!("{}/v1.0", server.uri());
        let token = "token".to_string();
        // --- README begins
        // GET /widgets?$top=5&$select=id,name: a sans-IO request typed by its response.
        let request = requests::widget_list::widgets().top(5).select(&["id", "name"]);
        let http: http::Request<Vec<u8>> = request.build(runtime::DEFAULT_BASE_URL)?;
        assert_eq!(http.uri().path_and_query().unwrap().as_str(), "/v1.0/widgets?$top=5&$select=id,name");
        // With the `client` feature: bearer token, retries, paging.
        let client = runtime::Client::new(runtime::StaticToken(token)).with_base_url(base_url);
        let page: runtime::Collection<_> = client.send(request).await?;
        for widget in &page.value {
            println!("{:?}", widget.odata_type());
        }
        let scopes: &[&str] = requests::widget_list::PERMISSIONS.delegated_work;
        // --- README ends
        assert_eq!(page.value.len(), 1);
        assert_eq!(scopes[0], "Widget.Read");
        Ok::<(), runtime::Error>(())
    })
    .unwrap();
}
