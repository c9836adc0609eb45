//! Request and response examples: fences annotated `request`/`response`, and the Intune
//! template's unannotated ones, paired in page order.

use super::{Example, ExampleRequest, ExampleResponse};
use crate::diagnostics::{Code, Diagnostics};
use crate::pages::lenient_json::{self, Parsed};
use crate::pages::{split_at_byte, split_inclusive_at_byte, split_once_at_byte, Block, CodeBlock, Page, TrimFast};

/// All examples of an API page. `request_blocks` are the lines of the HTTP request blocks:
/// those and every block before the first of them are no examples.
pub fn collect(page: &Page, request_blocks: &[u32], diags: &mut Diagnostics) -> Vec<Example> {
    let after_line = request_blocks.iter().copied().min().unwrap_or(0);
    let mut out: Vec<Example> = Vec::new();
    let mut unannotated = 0;
    for b in &page.blocks {
        let Block::Code(code) = b else { continue };
        if code.line <= after_line || request_blocks.contains(&code.line) {
            continue;
        }
        let kind = code.annotation.as_ref().map(|a| a.block_type());
        let first = split_at_byte(&code.text, b'\n').map(str::trim_fast).find(|l| !l.is_empty()).unwrap_or("");
        let is_response = match kind.as_deref() {
            Some("response") => true,
            Some("request") => false,
            // Unannotated blocks, and those the docs' own test tooling skips (`$count`,
            // `$value`, ...), are examples when they hold an HTTP message.
            None | Some("ignored") if first.starts_with("HTTP/") => true,
            None | Some("ignored") if super::Method::parse(first.split_whitespace().next().unwrap_or("")).is_some() => false,
            _ => continue,
        };
        if kind.is_none() {
            unannotated += 1;
        }
        if is_response {
            let resp = response(page, code, diags);
            match out.last_mut() {
                Some(ex) if ex.response.is_none() => ex.response = Some(resp),
                _ => out.push(Example { name: name_of(code, out.len()), request: None, response: Some(resp) }),
            }
        } else if let Some(req) = request(page, code, diags) {
            out.push(Example { name: name_of(code, out.len()), request: Some(req), response: None });
        }
    }
    if unannotated > 0 {
        diags.push(Code::ExampleUnannotated, page.loc(after_line.max(1)), format!("{unannotated} example blocks have no annotation"));
    }
    out
}

fn name_of(code: &CodeBlock, n: usize) -> String {
    code.annotation.as_ref().and_then(|a| a.str("name")).map(str::to_string).unwrap_or_else(|| format!("example_{}", n + 1))
}

/// Splits an HTTP message into its start line, headers and body.
fn split_message(text: &str) -> (&str, Vec<(String, String)>, &str) {
    let text = text.trim_start_matches(['\n', '\r']);
    let (start, rest) = split_once_at_byte(text, b'\n').unwrap_or((text, ""));
    let mut headers = Vec::new();
    let mut offset = 0;
    // Blank lines before the headers (`GET /x`, blank, `Prefer: ...`) still lead to headers.
    let lead = rest.len() - rest.trim_start_matches(['\n', '\r', ' ', '\t']).len();
    let headers_follow = rest[lead..].lines().next().is_some_and(is_header_line);
    if headers_follow {
        offset = lead;
    }
    for line in split_inclusive_at_byte(&rest[offset..], b'\n') {
        let t = line.trim_fast();
        if t.is_empty() || t.starts_with('{') || t.starts_with('[') {
            break;
        }
        offset += line.len();
        if let Some((k, v)) = split_once_at_byte(t, b':') {
            if !k.contains(' ') {
                headers.push((k.trim_fast().to_string(), v.trim_fast().to_string()));
            }
        }
    }
    (start.trim_fast(), headers, rest[offset..].trim_fast())
}

/// `Name: value` with a token for a name (not prose, not JSON).
fn is_header_line(line: &str) -> bool {
    line.trim_fast().split_once(':').is_some_and(|(k, _)| !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
}

fn body_json(page: &Page, code: &CodeBlock, body: &str, diags: &mut Diagnostics) -> Option<String> {
    if !(body.starts_with('{') || body.starts_with('[')) {
        return None;
    }
    match lenient_json::compact(body) {
        Ok(Parsed::Strict(v)) => Some(v),
        Ok(Parsed::Lenient(v)) => {
            diags.push(Code::ExampleJsonLenient, page.loc(code.line), "example JSON read leniently");
            Some(v)
        }
        Err(e) => {
            diags.push(Code::ExampleJsonInvalid, page.loc(code.line), format!("example JSON does not parse: {e}"));
            None
        }
    }
}

fn request(page: &Page, code: &CodeBlock, diags: &mut Diagnostics) -> Option<ExampleRequest> {
    let (start, headers, body) = split_message(&code.text);
    let (method, url) = start.split_once(char::is_whitespace)?;
    let url = url.trim_fast().split(" HTTP/").next().unwrap_or("").trim_fast().to_string();
    Some(ExampleRequest {
        method: method.trim_fast().to_ascii_uppercase(),
        url,
        headers,
        json: body_json(page, code, body, diags),
        body_text: body.to_string(),
        loc: page.loc(code.line),
    })
}

fn response(page: &Page, code: &CodeBlock, diags: &mut Diagnostics) -> ExampleResponse {
    let (start, headers, body) = if code.text.trim_start().starts_with("HTTP/") { split_message(&code.text) } else { ("", Vec::new(), code.text.trim_fast()) };
    let status = start.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(200);
    let ann = code.annotation.as_ref();
    ExampleResponse {
        status,
        headers,
        json: body_json(page, code, body, diags),
        body_text: body.to_string(),
        odata_type: ann.and_then(|a| a.odata_type()).map(str::to_string),
        is_collection: ann.and_then(|a| a.bool("isCollection")),
        truncated: ann.and_then(|a| a.bool("truncated")).unwrap_or(false),
        loc: page.loc(code.line),
    }
}

#[cfg(test)]
mod tests {
    use super::split_message;

    #[test]
    fn headers_after_a_blank_line() {
        let (start, headers, body) = split_message("GET /me/events\n\nPrefer: odata.maxpagesize=2\n");
        assert_eq!(start, "GET /me/events");
        assert_eq!(headers, vec![("Prefer".to_string(), "odata.maxpagesize=2".to_string())]);
        assert_eq!(body, "");
        let (_, headers, body) = split_message("POST /me\nContent-Type: application/json\n\n{\"a\": 1}");
        assert_eq!(headers.len(), 1);
        assert_eq!(body, "{\"a\": 1}");
        let (_, headers, body) = split_message("POST /me\n\n{\"a\": 1}");
        assert!(headers.is_empty());
        assert_eq!(body, "{\"a\": 1}");
    }
}
