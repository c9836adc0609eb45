//! `<!-- { ... } -->` annotations: the docs' machine-readable hints before code fences.

use super::lenient_json::{self, Parsed};
use super::{Annotation, Scalar};
use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;
use super::{Phrase, TrimFast};

pub enum Read {
    NotAnnotation,
    Ok(Annotation),
    Lenient(Annotation),
    Invalid(String),
}

/// Reads an HTML comment as an annotation. Comments that do not hold a `{ ... }` object
/// are not annotations (many pages carry ordinary comments).
pub fn read(html: &str, line: u32) -> Read {
    // Every HTML block and inline comment of every page comes here.
    static OPEN: Phrase = Phrase::new("<!--");
    static CLOSE: Phrase = Phrase::new("-->");
    let Some(start) = OPEN.find(html) else { return Read::NotAnnotation };
    let rest = &html[start + 4..];
    let inner = CLOSE.find(rest).map_or(rest, |end| &rest[..end]).trim_fast();
    if !inner.starts_with('{') {
        return Read::NotAnnotation;
    }
    match lenient_json::parse_as::<Fields>(inner, Fields::from_value) {
        Ok(Parsed::Strict(Fields(Some(fields)))) => Read::Ok(Annotation { fields, line }),
        Ok(Parsed::Lenient(Fields(Some(fields)))) => Read::Lenient(Annotation { fields, line }),
        Ok(_) => Read::Invalid("not a JSON object".into()),
        Err(e) => Read::Invalid(e),
    }
}

/// An annotation's members, read straight from the text (`None`: what the json5 fallback
/// read is not an object).
struct Fields(Option<Vec<(String, Scalar)>>);

impl Fields {
    /// What the json5 fallback read, as members.
    fn from_value(v: serde_json::Value) -> Self {
        let serde_json::Value::Object(map) = v else { return Fields(None) };
        Fields(Some(map.into_iter().map(|(k, v)| (k, Scalar::from_value(v))).collect()))
    }
}

impl Scalar {
    fn from_value(v: serde_json::Value) -> Self {
        match v {
            serde_json::Value::String(s) => Scalar::Str(s),
            serde_json::Value::Bool(b) => Scalar::Bool(b),
            _ => Scalar::Other,
        }
    }
}

impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Only an object is asked for: the text starts with `{`.
        struct Members;
        impl<'de> Visitor<'de> for Members {
            type Value = Fields;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
                let mut out = Vec::with_capacity(map.size_hint().unwrap_or(4));
                while let Some(entry) = map.next_entry::<String, Scalar>()? {
                    out.push(entry);
                }
                Ok(Fields(Some(out)))
            }
        }
        d.deserialize_map(Members)
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Value;
        impl<'de> Visitor<'de> for Value {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_str<E>(self, s: &str) -> Result<Scalar, E> {
                Ok(Scalar::Str(s.to_string()))
            }
            fn visit_string<E>(self, s: String) -> Result<Scalar, E> {
                Ok(Scalar::Str(s))
            }
            fn visit_bool<E>(self, b: bool) -> Result<Scalar, E> {
                Ok(Scalar::Bool(b))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_unit<E>(self) -> Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Scalar::Other)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Scalar::Other)
            }
        }
        d.deserialize_any(Value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(html: &str) -> Vec<(String, Scalar)> {
        match read(html, 1) {
            Read::Ok(a) | Read::Lenient(a) => a.fields,
            _ => panic!("not read: {html}"),
        }
    }

    #[test]
    fn members_keep_text_and_booleans_only() {
        let f = fields(r#"<!-- { "blockType": "request", "truncated": true, "expectError": "false", "n": 3, "list": [1, {"a": 2}], "o": {"x": [null]} } -->"#);
        let kinds: Vec<(&str, &Scalar)> = f.iter().map(|(k, v)| (k.as_str(), v)).collect();
        assert_eq!(
            kinds,
            [
                ("blockType", &Scalar::Str("request".into())),
                ("truncated", &Scalar::Bool(true)),
                ("expectError", &Scalar::Str("false".into())),
                ("n", &Scalar::Other),
                ("list", &Scalar::Other),
                ("o", &Scalar::Other)
            ]
        );
    }

    #[test]
    fn a_member_written_twice_reads_as_its_last() {
        let Read::Ok(a) = read(r#"<!-- {"blockType": "request", "blockType": "response", "abstract": "true"} -->"#, 1) else { panic!() };
        assert_eq!(a.str("blockType"), Some("response"));
        assert_eq!(a.bool("abstract"), Some(true));
    }

    #[test]
    fn lenient_and_broken_annotations() {
        // A trailing comma is repaired; a comment that is not an object is not an annotation.
        assert!(matches!(read(r#"<!-- {"blockType": "request",} -->"#, 1), Read::Lenient(a) if a.is_block_type("request")));
        assert!(matches!(read("<!-- just a note -->", 1), Read::NotAnnotation));
        assert!(matches!(read(r#"<!-- {"blockType": -->"#, 1), Read::Invalid(_)));
    }
}
