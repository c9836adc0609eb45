//! Response sections in their many phrasings: "returns a `200 OK` response code and a
//! collection of [T] objects", "an updated [T] object", "`204 No Content`", "`201 Created`
//! ... [T]".

use crate::pages::{Block, Link};

#[derive(Debug, Default, PartialEq)]
pub struct Stated {
    pub status: Option<u16>,
    /// The link or word naming the returned type, if any.
    pub type_link: Option<Link>,
    /// A primitive or type named without a link (`a String`).
    pub type_word: Option<String>,
    pub collection: bool,
    /// Every status code the section's prose names (`201 Created ... or 200 OK`).
    pub mentioned: Vec<u16>,
}

/// Reads the first sentence that states a success status; failing that, the first that
/// states a redirect (`302 Found` to a download URL).
pub fn read(blocks: &[Block]) -> Stated {
    let mut stated = read_with(blocks, success_status).or_else(|| read_with(blocks, redirect_status)).unwrap_or_default();
    for b in blocks {
        if let Block::Para(p) = b {
            let mut rest = p.text.text.as_str();
            while let Some((code, at)) = status_in(rest, 200..400) {
                if !stated.mentioned.contains(&code) {
                    stated.mentioned.push(code);
                }
                rest = &rest[at..];
            }
        }
    }
    stated
}

fn read_with(blocks: &[Block], find: fn(&str) -> Option<(u16, usize)>) -> Option<Stated> {
    for b in blocks {
        let Block::Para(p) = b else { continue };
        let text = &p.text.text;
        let Some((status, at)) = find(text) else { continue };
        if !(200..300).contains(&status) {
            return Some(Stated { status: Some(status), ..Stated::default() });
        }
        let tail = &text[at..];
        let sentence = tail.split(". ").next().unwrap_or(tail);
        let lower = sentence.to_ascii_lowercase();
        let type_link = p.text.links.iter().find(|l| sentence.contains(&l.text) && !l.text.is_empty() && l.target.to_ascii_lowercase().contains(".md")).cloned();
        let collection = super::type_cell::has_any_word(&lower, &["collection", "array"]) || lower.contains(" list of");
        let type_word = if type_link.is_none() { word_type(sentence) } else { None };
        return Some(Stated { status: Some(status), type_link, type_word, collection, mentioned: Vec::new() });
    }
    None
}

/// The first 2xx code in the text and the offset after it.
fn success_status(text: &str) -> Option<(u16, usize)> {
    status_in(text, 200..300)
}

/// The first redirect code (`301`, `302`, `303`, `307`, `308`) in the text.
fn redirect_status(text: &str) -> Option<(u16, usize)> {
    status_in(text, 301..309).filter(|(c, _)| matches!(c, 301 | 302 | 303 | 307 | 308))
}

fn status_in(text: &str, range: std::ops::Range<u16>) -> Option<(u16, usize)> {
    let bytes = text.as_bytes();
    for i in 0..bytes.len().saturating_sub(2) {
        if bytes[i].is_ascii_digit() && bytes[i + 1].is_ascii_digit() && bytes[i + 2].is_ascii_digit() {
            let before_ok = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
            let after_ok = bytes.get(i + 3).is_none_or(|c| !c.is_ascii_alphanumeric());
            if before_ok && after_ok {
                let code: u16 = text[i..i + 3].parse().ok()?;
                if range.contains(&code) {
                    return Some((code, i + 3));
                }
            }
        }
    }
    None
}

/// "... and a String object", "... an Int32 in the response body", "... and String collection
/// object", "... and base-64 image string", "... the binary data": the primitive a sentence
/// names. Vague words (`JSON`, `object`) name nothing: the example's annotation says more.
fn word_type(sentence: &str) -> Option<String> {
    let words: Vec<String> = sentence.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.').to_string()).collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_ascii_lowercase()).collect();
    if lower.iter().any(|w| matches!(w.as_str(), "binary" | "stream" | "octet-stream")) || sentence.to_ascii_lowercase().contains("byte stream") {
        return Some("Stream".into());
    }
    for (i, w) in words.iter().enumerate() {
        let vague = matches!(lower[i].as_str(), "json" | "object" | "any" | "untyped" | "number" | "time" | "date" | "url" | "uri")
            // English words before they are type names: "a single object", "a long list".
            || matches!(lower[i].as_str(), "single" | "long" | "short" | "double" | "decimal" | "duration" | "int") && !w.starts_with(|c: char| c.is_ascii_uppercase());
        if vague || super::type_cell::primitive(w).is_none() {
            continue;
        }
        let before = i.checked_sub(1).map(|j| lower[j].as_str()).unwrap_or("");
        let after = lower.get(i + 1).map(String::as_str).unwrap_or("");
        let introduced = matches!(before, "a" | "an" | "and" | "of" | "single") || before.ends_with("image");
        let qualified = matches!(after, "collection" | "object" | "objects" | "value" | "values" | "array" | "in" | "that" | "with" | "");
        if introduced || qualified && i > 0 && !matches!(before, "the" | "this") {
            return Some(w.to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::{Inline, Para};

    fn para(text: &str, links: &[(&str, &str)]) -> Vec<Block> {
        vec![Block::Para(Para {
            text: Inline { text: text.into(), links: links.iter().map(|(t, u)| Link { text: (*t).into(), target: (*u).into() }).collect() },
            line: 1,
        })]
    }

    #[test]
    fn collection_of_objects() {
        let s = read(&para("If successful, this method returns a `200 OK` response code and a collection of user objects in the response body.", &[("user", "../resources/user.md")]));
        assert_eq!(s.status, Some(200));
        assert!(s.collection);
        assert_eq!(s.type_link.unwrap().text, "user");
    }

    #[test]
    fn no_content_and_created() {
        let s = read(&para("If successful, this method returns `204 No Content` response code.", &[]));
        assert_eq!((s.status, s.type_link, s.collection), (Some(204), None, false));
        let s = read(&para("returns a `201 Created` response code and a new group object in the response body.", &[("group", "group.md")]));
        assert_eq!(s.status, Some(201));
        assert!(!s.collection);
    }

    #[test]
    fn redirects_count_when_no_success_status_is_stated() {
        let s = read(&para("If successful, this method returns a `302 Found` response that redirects to a preauthenticated download URL.", &[]));
        assert_eq!((s.status, s.type_word, s.collection), (Some(302), None, false));
        let mut blocks = para("Returns a `302 Found` response redirecting to the file.", &[]);
        blocks.extend(para("If successful, this method returns `200 OK` and a String object.", &[]));
        let s = read(&blocks);
        assert_eq!(s.status, Some(200));
        assert_eq!(s.mentioned, [302, 200]);
    }

    #[test]
    fn primitive_words_in_other_places() {
        let s = read(&para("If successful, this method returns `200 OK` response code and String collection object in the response body.", &[]));
        assert_eq!((s.type_word.as_deref(), s.collection), (Some("String"), true));
        let s = read(&para("If successful, this method returns `200 OK` response code and base-64 image string in the response body.", &[]));
        assert_eq!(s.type_word.as_deref(), Some("string"));
        let s = read(&para("If successful, this method returns a `200 OK` response code and the image or file binary data in the response body.", &[]));
        assert_eq!(s.type_word.as_deref(), Some("Stream"));
        let s = read(&para("A successful response returns a `200 OK` that contains a JSON collection of **recentNotebooks**.", &[]));
        assert_eq!((s.type_word, s.collection), (None, true));
        let s = read(&para("If successful, this method returns a `200 OK` response code and a single object in the response body.", &[]));
        assert_eq!(s.type_word, None);
    }

    #[test]
    fn collection_is_a_word_not_part_of_a_name() {
        let s = read(&para("If successful, this method returns a `200 OK` response code and a siteCollection object in the response body.", &[("siteCollection", "../resources/sitecollection.md")]));
        assert!(!s.collection);
        let s = read(&para("If successful, this method returns a `200 OK` response code and an array of site objects.", &[("site", "../resources/site.md")]));
        assert!(s.collection);
    }

    #[test]
    fn primitive_by_word() {
        let s = read(&para("returns a `200 OK` response code and a String object in the response body.", &[]));
        assert_eq!(s.type_word.as_deref(), Some("String"));
    }
}
