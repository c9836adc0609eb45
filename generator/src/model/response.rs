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
}

/// Reads the first sentence that states a success status.
pub fn read(blocks: &[Block]) -> Stated {
    for b in blocks {
        let Block::Para(p) = b else { continue };
        let text = &p.text.text;
        let Some((status, at)) = success_status(text) else { continue };
        let tail = &text[at..];
        let sentence = tail.split(". ").next().unwrap_or(tail);
        let lower = sentence.to_ascii_lowercase();
        let type_link = p.text.links.iter().find(|l| sentence.contains(&l.text) && !l.text.is_empty() && l.target.to_ascii_lowercase().contains(".md")).cloned();
        let collection = lower.contains("collection") || lower.contains("array") || lower.contains(" list of");
        let type_word = if type_link.is_none() { word_type(sentence) } else { None };
        return Stated { status: Some(status), type_link, type_word, collection };
    }
    Stated::default()
}

/// The first 2xx code in the text and the offset after it.
fn success_status(text: &str) -> Option<(u16, usize)> {
    let bytes = text.as_bytes();
    for i in 0..bytes.len().saturating_sub(2) {
        if bytes[i] == b'2' && bytes[i + 1].is_ascii_digit() && bytes[i + 2].is_ascii_digit() {
            let before_ok = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
            let after_ok = bytes.get(i + 3).is_none_or(|c| !c.is_ascii_alphanumeric());
            if before_ok && after_ok {
                let code: u16 = text[i..i + 3].parse().ok()?;
                if (200..300).contains(&code) {
                    return Some((code, i + 3));
                }
            }
        }
    }
    None
}

/// "... and a String object", "... an Int32 in the response body".
fn word_type(sentence: &str) -> Option<String> {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    for w in words.windows(2) {
        if matches!(w[0].to_ascii_lowercase().as_str(), "a" | "an") {
            let cand = w[1].trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
            if super::type_cell::primitive(cand).is_some() {
                return Some(cand.to_string());
            }
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
    fn primitive_by_word() {
        let s = read(&para("returns a `200 OK` response code and a String object in the response body.", &[]));
        assert_eq!(s.type_word.as_deref(), Some("String"));
    }
}
