//! YAML-ish front matter: `key: value` lines between two `---` lines at the top of a page.
//!
//! Pages use a flat subset of YAML; reading it by hand keeps `---` pairs in the middle of a
//! page (which a metadata-block parser would swallow) as ordinary markdown.

use std::collections::BTreeMap;

pub struct FrontMatter<'a> {
    pub fields: BTreeMap<String, String>,
    /// The markdown after the front matter.
    pub body: &'a str,
    /// The 1-based line number of the body's first line.
    pub body_line: u32,
    /// True when an opening `---` had no closing line.
    pub malformed: bool,
}

pub fn split(text: &str) -> FrontMatter<'_> {
    let none = FrontMatter { fields: BTreeMap::new(), body: text, body_line: 1, malformed: false };
    let mut lines = text.split_inclusive('\n');
    match lines.next() {
        Some(first) if first.trim_end() == "---" => {}
        _ => return none,
    }
    let mut offset = text.split_inclusive('\n').next().map_or(0, str::len);
    let mut fields = BTreeMap::new();
    for (i, line) in lines.enumerate() {
        offset += line.len();
        if line.trim_end() == "---" {
            return FrontMatter { fields, body: &text[offset..], body_line: i as u32 + 3, malformed: false };
        }
        if let Some((k, v)) = line.split_once(':') {
            let key = k.trim();
            if !key.is_empty() && !key.starts_with('#') && !key.starts_with(' ') {
                fields.insert(key.to_string(), unquote(v.trim()).to_string());
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
        assert_eq!(fm.fields["title"], "Get user");
        assert_eq!(fm.fields["doc_type"], "apiPageType");
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
    fn no_front_matter() {
        let fm = split("# Title\n");
        assert!(fm.fields.is_empty());
        assert_eq!(fm.body_line, 1);
    }
}
