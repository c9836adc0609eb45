//! Type cells in all their spellings: `String`, `string`, `Int64`, `Edm.Int32`,
//! `X collection`, `collection(string)`, `[x](x.md)`, `[x][]`, `microsoft.graph.a.b`,
//! `[x](#x-values)`, `A or B`, `String, maximum size 20`, `Enumeration`.

use super::Prim;
use crate::pages::Inline;
use crate::pages::TrimFast;

#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub kind: CellKind,
    pub collection: bool,
    /// The cell holds prose besides the type.
    pub prose: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum CellKind {
    Prim(Prim),
    /// A type or enum by name, with the link target when the cell links to it.
    Named { name: String, target: Option<String> },
    /// "Enumeration"/"enum": an enum whose name the docs do not give here.
    Enumeration,
    /// Several types ("A or B").
    Union(Vec<String>),
    Empty,
}

/// Maps a primitive's spelling (any case, with or without `Edm.`) to the primitive.
pub fn primitive(word: &str) -> Option<Prim> {
    let w = word.trim_fast().trim_end_matches(['.', ',', ';']);
    let w = w.strip_prefix("Edm.").or_else(|| w.strip_prefix("edm.")).unwrap_or(w);
    // Lowercased on the stack: every type cell asks, and no spelling is longer than this.
    let mut buf = [0u8; 16];
    let lower = buf.get_mut(..w.len())?;
    lower.copy_from_slice(w.as_bytes());
    lower.make_ascii_lowercase();
    Some(match std::str::from_utf8(lower).ok()? {
        "string" | "str" | "url" | "uri" => Prim::String,
        "boolean" | "bool" => Prim::Boolean,
        "byte" => Prim::Byte,
        "sbyte" => Prim::SByte,
        "int16" | "short" => Prim::Int16,
        "int32" | "int" | "integer" | "number" => Prim::Int32,
        "int64" | "long" | "bigint" => Prim::Int64,
        "single" | "float" => Prim::Single,
        "double" => Prim::Double,
        "decimal" => Prim::Decimal,
        "guid" | "uuid" => Prim::Guid,
        "datetimeoffset" | "datetime" | "timestamp" => Prim::DateTimeOffset,
        "date" => Prim::Date,
        "timeofday" | "time" => Prim::TimeOfDay,
        "duration" | "timespan" => Prim::Duration,
        "binary" | "byte[]" | "base64" => Prim::Binary,
        "stream" => Prim::Stream,
        "json" | "untyped" | "object" | "any" => Prim::Untyped,
        _ => return None,
    })
}

fn is_noise(word: &str) -> bool {
    ["collection", "of", "a", "an", "the", "array", "list", "set"].iter().any(|n| word.eq_ignore_ascii_case(n))
}

/// Reads a type cell.
pub fn parse(cell: &Inline) -> Cell {
    let text = crate::pages::plain_spaces(&cell.text);
    // `[x][]` is a reference-style link, not an array; `siteCollection` is a name, not a collection.
    let collection = has_any_word(&text, &["collection", "array"]) || has_brackets(&text) && has_brackets(&text.replace("][]", "]"));
    let links: Vec<_> = cell.links.iter().filter(|l| is_type_link(&l.target)).collect();

    if links.len() > 1 && !links.iter().all(|l| l.text.eq_ignore_ascii_case(&links[0].text)) {
        return Cell { kind: CellKind::Union(links.iter().map(|l| clean_name(&l.text)).collect()), collection, prose: false };
    }
    if let Some(link) = links.first() {
        let name = clean_name(&link.text);
        let rest = without_first(&text, &link.text);
        let prose = rest.split(|c: char| !c.is_alphanumeric()).any(|w| !w.is_empty() && !is_noise(w));
        let name = if name.is_empty() { name_from_target(&link.target) } else { name };
        if let Some(p) = primitive(&name) {
            return Cell { kind: CellKind::Prim(p), collection, prose };
        }
        return Cell { kind: CellKind::Named { name, target: Some(link.target.clone()) }, collection, prose };
    }

    // No link: the first type-like word is the type.
    let stripped = strip_collection_wrapper(&text);
    let words: Vec<&str> = stripped
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '`' | '*' | '[' | ']' | ';' | ':'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut type_words = words.iter().filter(|w| !is_noise(w));
    let Some(first) = type_words.next() else {
        return Cell { kind: CellKind::Empty, collection, prose: false };
    };
    let first = first.trim_end_matches('.');
    let rest: Vec<&&str> = type_words.collect();
    if rest.len() >= 2 && rest[0].eq_ignore_ascii_case("or") && looks_like_type(rest[1]) {
        let mut names = vec![first.to_string(), rest[1].trim_end_matches('.').to_string()];
        names.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
        if names.len() > 1 {
            return Cell { kind: CellKind::Union(names), collection, prose: false };
        }
    }
    let prose = !rest.is_empty();
    if let Some(p) = primitive(first) {
        return Cell { kind: CellKind::Prim(p), collection, prose };
    }
    if first.eq_ignore_ascii_case("enumeration") || first.eq_ignore_ascii_case("enum") {
        return Cell { kind: CellKind::Enumeration, collection, prose };
    }
    Cell { kind: CellKind::Named { name: first.to_string(), target: None }, collection, prose }
}

/// Whether any of `words` stands in `text` as a word of its own, not inside a longer name,
/// in any ASCII case (one pass, and no lowercased copy of the text is made).
pub fn has_any_word(text: &str, words: &[&str]) -> bool {
    // Split on bytes: a character that is not ASCII is no letter or digit here, and each of
    // its bytes separates words just as it would (without decoding it).
    text.as_bytes().split(|b| !b.is_ascii_alphanumeric()).any(|w| words.iter().any(|word| w.eq_ignore_ascii_case(word.as_bytes())))
}

fn is_type_link(target: &str) -> bool {
    let bytes = target.as_bytes();
    let md = memchr::memchr_iter(b'.', bytes).any(|at| bytes.get(at..at + 3).is_some_and(|w| w.eq_ignore_ascii_case(b".md")));
    (md || target.starts_with('#')) && !crate::pages::has_scheme(target)
}

/// Whether the text holds `[]`: a vector search for `[`, which most type cells lack
/// (`str::contains` prepares a substring search on every call, and every row asks).
fn has_brackets(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'[', bytes).any(|i| bytes.get(i + 1) == Some(&b']'))
}

/// The text without the first occurrence of `part` (`replacen(part, "", 1)`, found by
/// memchr's substring search, which costs less to prepare than `str`'s for a link's text).
fn without_first(text: &str, part: &str) -> String {
    match memchr::memmem::find(text.as_bytes(), part.as_bytes()) {
        Some(at) => [&text[..at], &text[at + part.len()..]].concat(),
        None => text.to_string(),
    }
}

/// `collection(Edm.String)` → `Edm.String`.
fn strip_collection_wrapper(text: &str) -> &str {
    let t = text.trim_fast();
    if t.get(..11).is_some_and(|head| head.eq_ignore_ascii_case("collection(")) && t.ends_with(')') {
        return &t[11..t.len() - 1];
    }
    t
}

fn looks_like_type(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    !w.is_empty() && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '.') && w.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
}

/// A type name from link text: no markup, no trailing words like "collection".
fn clean_name(text: &str) -> String {
    let t = text.trim_fast().trim_matches(|c: char| matches!(c, '`' | '*' | '_' | '[' | ']' | ' '));
    let t = t.split_whitespace().find(|w| !is_noise(w)).unwrap_or("");
    t.trim_end_matches(['.', ',']).to_string()
}

/// `../resources/identityset.md#x` → `identityset` (used when the link text is empty).
fn name_from_target(target: &str) -> String {
    crate::pages::file_stem(target.split('#').next().unwrap_or("")).to_string()
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        #[test]
        fn text_helpers_do_what_std_does(text in "[ab\\[\\] ]{0,24}", part in "[ab\\[\\]]{1,4}") {
            proptest::prop_assert_eq!(super::without_first(&text, &part), text.replacen(part.as_str(), "", 1));
            proptest::prop_assert_eq!(super::has_brackets(&text), text.contains("[]"));
        }

        #[test]
        fn words_split_on_bytes_as_on_characters(text in "[a-zA-Z ,éß-]{0,30}") {
            let by_chars = text.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| ["ab", "a"].iter().any(|word| w.eq_ignore_ascii_case(word)));
            proptest::prop_assert_eq!(super::has_any_word(&text, &["ab", "a"]), by_chars);
        }
    }

    use super::*;
    use crate::pages::Link;

    fn cell(text: &str) -> Cell {
        parse(&Inline::plain(text))
    }
    fn linked(text: &str, link_text: &str, target: &str) -> Cell {
        parse(&Inline { text: text.into(), links: vec![Link { text: link_text.into(), target: target.into() }] })
    }
    fn prim(p: Prim, collection: bool) -> Cell {
        Cell { kind: CellKind::Prim(p), collection, prose: false }
    }
    fn named(n: &str, target: Option<&str>, collection: bool) -> Cell {
        Cell { kind: CellKind::Named { name: n.into(), target: target.map(Into::into) }, collection, prose: false }
    }

    #[test]
    fn primitive_spellings() {
        for (s, p) in [
            ("String", Prim::String),
            ("string", Prim::String),
            ("Boolean", Prim::Boolean),
            ("boolean", Prim::Boolean),
            ("Int32", Prim::Int32),
            ("int", Prim::Int32),
            ("Integer", Prim::Int32),
            ("Int64", Prim::Int64),
            ("Edm.Int64", Prim::Int64),
            ("DateTimeOffset", Prim::DateTimeOffset),
            ("dateTimeOffset", Prim::DateTimeOffset),
            ("DateTime", Prim::DateTimeOffset),
            ("GUID", Prim::Guid),
            ("Guid", Prim::Guid),
            ("Binary", Prim::Binary),
            ("Json", Prim::Untyped),
            ("Edm.Untyped", Prim::Untyped),
            ("TimeOfDay", Prim::TimeOfDay),
            ("Duration", Prim::Duration),
            ("Date", Prim::Date),
            ("Double", Prim::Double),
            ("Single", Prim::Single),
            ("Stream", Prim::Stream),
        ] {
            assert_eq!(cell(s), prim(p, false), "{s}");
        }
    }

    #[test]
    fn collections() {
        assert_eq!(cell("String collection"), prim(Prim::String, true));
        assert_eq!(cell("collection(string)"), prim(Prim::String, true));
        assert_eq!(cell("Collection(Edm.Int32)"), prim(Prim::Int32, true));
        assert_eq!(cell("microsoft.graph.callRecords.session collection"), named("microsoft.graph.callRecords.session", None, true));
        assert_eq!(cell("String array"), prim(Prim::String, true));
        // A type whose name ends in "Collection" is not a collection.
        assert_eq!(linked("siteCollection", "siteCollection", "sitecollection.md"), named("siteCollection", Some("sitecollection.md"), false));
        assert_eq!(cell("microsoft.graph.siteCollection"), named("microsoft.graph.siteCollection", None, false));
        assert_eq!(linked("siteCollection collection", "siteCollection", "sitecollection.md"), named("siteCollection", Some("sitecollection.md"), true));
    }

    #[test]
    fn links_and_references() {
        assert_eq!(linked("identitySet", "identitySet", "identityset.md"), named("identitySet", Some("identityset.md"), false));
        assert_eq!(linked("user collection", "user", "../resources/user.md"), named("user", Some("../resources/user.md"), true));
        assert_eq!(linked("ageGroup", "ageGroup", "#agegroup-values"), named("ageGroup", Some("#agegroup-values"), false));
        // An undefined reference-style link stays text with its brackets.
        assert_eq!(cell("[identitySet][]"), named("identitySet", None, false));
        // Link text that is a primitive.
        assert_eq!(linked("String", "String", "string.md").kind, CellKind::Prim(Prim::String));
    }

    #[test]
    fn unions_prose_and_enumerations() {
        assert_eq!(cell("String or Int32").kind, CellKind::Union(vec!["String".into(), "Int32".into()]));
        let c = cell("String, maximum size 20");
        assert_eq!(c.kind, CellKind::Prim(Prim::String));
        assert!(c.prose);
        assert_eq!(cell("Enumeration").kind, CellKind::Enumeration);
        assert_eq!(cell("").kind, CellKind::Empty);
        let two = parse(&Inline {
            text: "user or group".into(),
            links: vec![Link { text: "user".into(), target: "user.md".into() }, Link { text: "group".into(), target: "group.md".into() }],
        });
        assert_eq!(two.kind, CellKind::Union(vec!["user".into(), "group".into()]));
    }
}
