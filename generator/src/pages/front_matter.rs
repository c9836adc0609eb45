//! YAML-ish front matter: `key: value` lines between two `---` lines at the top of a page.
//!
//! Pages use a flat subset of YAML; reading it by hand keeps `---` pairs in the middle of a
//! page (which a metadata-block parser would swallow) as ordinary markdown.

use super::TrimFast;

pub struct FrontMatter<'a> {
    pub fields: Front,
    /// The markdown after the front matter.
    pub body: &'a str,
    /// The 1-based line number of the body's first line.
    pub body_line: u32,
    /// True when an opening `---` had no closing line.
    pub malformed: bool,
}

/// A page's front matter fields, kept in one copy of the lines they are on: a page has a
/// dozen fields and the generator reads three, so a string per key and per value was 2.6%
/// of a v1.0 run's allocations.
#[derive(Clone, Debug, Default)]
pub struct Front {
    text: String,
    /// The byte ranges of each key and its value in `text`, in page order.
    spans: Vec<[u32; 4]>,
}

impl Front {
    /// The value of `key`; the last one when the key is repeated, as YAML readers take it.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.iter().rev().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    /// Every key and value, in page order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&str, &str)> {
        let at = |from: u32, to: u32| self.text.get(from as usize..to as usize).unwrap_or("");
        self.spans.iter().map(move |&[k0, k1, v0, v1]| (at(k0, k1), at(v0, v1)))
    }
}

pub fn split(text: &str) -> FrontMatter<'_> {
    let none = FrontMatter { fields: Front::default(), body: text, body_line: 1, malformed: false };
    let mut lines = super::split_inclusive_at_byte(text, b'\n');
    let start = match lines.next() {
        Some(first) if first.trim_end() == "---" => first.len(),
        _ => return none,
    };
    let mut offset = start;
    let mut spans = Vec::new();
    // A range of `text` (a part of it) as a range of the fields' text, which starts at `start`.
    let span = |part: &str| {
        let from = part.as_ptr() as usize - text.as_ptr() as usize - start;
        [from as u32, (from + part.len()) as u32]
    };
    for (i, line) in lines.enumerate() {
        if line.trim_end() == "---" {
            let fields = Front { text: text[start..offset].to_string(), spans };
            return FrontMatter { fields, body: &text[offset + line.len()..], body_line: i as u32 + 3, malformed: false };
        }
        offset += line.len();
        if let Some((k, v)) = super::split_once_at_byte(line, b':') {
            let key = k.trim_fast();
            if !key.is_empty() && !key.starts_with('#') && !key.starts_with(' ') && offset - start <= u32::MAX as usize {
                let ([k0, k1], [v0, v1]) = (span(key), span(unquote(v.trim_fast())));
                spans.push([k0, k1, v0, v1]);
            }
        }
        if i > 60 {
            break;
        }
    }
    FrontMatter { malformed: true, ..none }
}

fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return &v[1..v.len() - 1];
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fields_and_body_line() {
        let fm = split("---\ntitle: \"Get user\"\ndoc_type: apiPageType\n---\n\n# Get user\n");
        assert_eq!(fm.fields.get("title"), Some("Get user"));
        assert_eq!(fm.fields.get("doc_type"), Some("apiPageType"));
        assert_eq!(fm.fields.iter().map(|(k, _)| k).collect::<Vec<_>>(), ["title", "doc_type"]);
        assert_eq!(fm.body, "\n# Get user\n");
        assert_eq!(fm.body_line, 5);
        assert!(!fm.malformed);
    }

    #[test]
    fn unclosed_front_matter_is_reported_and_page_kept() {
        let fm = split("---\ntitle: x\n# Heading\n");
        assert!(fm.malformed);
        assert_eq!(fm.body, "---\ntitle: x\n# Heading\n");
    }

    #[test]
    fn a_repeated_key_reads_as_its_last_value() {
        let fm = split("---\nms.prod: 'users'\ntitle: a: b\nms.prod: \"groups\"\n---\n");
        assert_eq!(fm.fields.get("ms.prod"), Some("groups"));
        assert_eq!(fm.fields.get("title"), Some("a: b"));
        assert_eq!(fm.fields.get("author"), None);
    }

    #[test]
    fn no_front_matter() {
        let fm = split("# Title\n");
        assert_eq!(fm.fields.iter().count(), 0);
        assert_eq!(fm.body_line, 1);
    }
}
