//! `<!-- { ... } -->` annotations: the docs' machine-readable hints before code fences.

use super::lenient_json::{self, Parsed};
use super::Annotation;

pub enum Read {
    NotAnnotation,
    Ok(Annotation),
    Lenient(Annotation),
    Invalid(String),
}

/// Reads an HTML comment as an annotation. Comments that do not hold a `{ ... }` object
/// are not annotations (many pages carry ordinary comments).
pub fn read(html: &str, line: u32) -> Read {
    let Some(start) = html.find("<!--") else { return Read::NotAnnotation };
    let rest = &html[start + 4..];
    let inner = rest.find("-->").map_or(rest, |end| &rest[..end]).trim();
    if !inner.starts_with('{') {
        return Read::NotAnnotation;
    }
    match lenient_json::parse(inner) {
        Ok(Parsed::Strict(serde_json::Value::Object(value))) => Read::Ok(Annotation { value, line }),
        Ok(Parsed::Lenient(serde_json::Value::Object(value))) => Read::Lenient(Annotation { value, line }),
        Ok(_) => Read::Invalid("not a JSON object".into()),
        Err(e) => Read::Invalid(e),
    }
}
