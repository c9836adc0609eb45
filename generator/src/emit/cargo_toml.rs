//! The generated crate's Cargo.toml.

pub fn render(crate_name: &str, header: &str, features: &str) -> String {
    format!(
        r#"{header}
[package]
name = "{crate_name}"
version = "0.1.0"
edition = "2021"
publish = false

[lib]
doctest = false

{features}
[dependencies]
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"
chrono = {{ version = "0.4", default-features = false, features = ["serde", "std"] }}
uuid = {{ version = "1", features = ["serde"] }}
base64 = "0.22"
http = "1"
percent-encoding = "2"
reqwest = {{ version = "0.12", default-features = false, features = ["rustls-tls", "json"], optional = true }}
tokio = {{ version = "1", features = ["time"], optional = true }}
futures-util = {{ version = "0.3", optional = true }}

# The example tests replay the docs' examples through the client against a local mock server;
# the fault tests also run raw TCP servers (net, io-util).
[dev-dependencies]
tokio = {{ version = "1", features = ["rt", "net", "io-util"] }}
wiremock = "0.6"
"#
    )
}
