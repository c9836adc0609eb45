//! The one place Rust names are made from docs names: case conversion, keywords, leading
//! digits, characters that are not identifier characters, and collisions per scope.
//!
//! Every identifier in generated code comes from here; every rename of a collision is
//! returned so the caller can report it.

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// Words that cannot be identifiers (strict and reserved keywords of every edition).
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn", "for", "gen", "if", "impl", "in",
    "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "try", "typeof", "unsized",
    "virtual", "yield", "union",
];

/// Keywords that cannot be raw identifiers either.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Keeps only ASCII letters, digits and word breaks, so heck sees clean words.
fn words(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else {
            out.push(' ');
        }
    }
    out
}

fn finish(ident: String, empty: &str, digit_prefix: &str) -> String {
    let ident = if ident.is_empty() { empty.to_string() } else { ident };
    let ident = if ident.starts_with(|c: char| c.is_ascii_digit()) { format!("{digit_prefix}{ident}") } else { ident };
    if NOT_RAW.contains(&ident.as_str()) {
        format!("{ident}_")
    } else if KEYWORDS.contains(&ident.as_str()) {
        format!("r#{ident}")
    } else {
        ident
    }
}

/// `microsoft.graph.user` style simple names → `User`.
pub fn type_name(name: &str) -> String {
    finish(camel_words(name), "Unnamed", "N")
}

/// Enum members → `UpperCamel` variants.
pub fn variant_name(name: &str) -> String {
    finish(camel_words(name), "Empty", "N")
}

/// Fields, functions, parameters → `snake_case`.
pub fn snake_name(name: &str) -> String {
    remembered(&NAMES, name, |n| finish(snake_words(n), "value", "n"))
}

/// heck cuts a name into words at every character that is not a letter or digit before it
/// looks at case, so converting a phrase is converting its words and joining them (the
/// words being the runs of ASCII letters and digits, as [`words`] leaves them). Words recur
/// far more than phrases (`users`, `events`): each is converted once per thread.
fn snake_words(phrase: &str) -> String {
    join_words(phrase, "_", &SNAKE_WORDS, |w| if is_lower(w) { w.to_string() } else { w.to_snake_case() })
}

fn camel_words(phrase: &str) -> String {
    join_words(phrase, "", &CAMEL_WORDS, |w| {
        if is_lower(w) {
            let mut out = w.to_string();
            out[..1].make_ascii_uppercase();
            out
        } else {
            w.to_upper_camel_case()
        }
    })
}

/// A word of lowercase ASCII letters and digits, which heck leaves one word (it cuts only
/// where case changes) and converts without looking up a case mapping: as it is for
/// snake case, capitalized for camel case. Most path and id words are such; converted by
/// heck, through its formatting, a first run spent 2% of its instructions in it.
fn is_lower(word: &str) -> bool {
    !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

fn join_words(phrase: &str, sep: &str, cache: &'static Cache, convert: fn(&str) -> String) -> String {
    let mut out = String::with_capacity(phrase.len() + 8);
    cache.with(|seen| {
        let mut seen = seen.borrow_mut();
        for word in phrase.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
            if !out.is_empty() {
                out.push_str(sep);
            }
            // Each word's conversion is written from the cache in place, not copied out.
            match seen.get(word) {
                Some(hit) => out.push_str(hit),
                None => {
                    let converted = convert(word);
                    out.push_str(&converted);
                    remember(&mut seen, word, converted);
                }
            }
        }
    });
    out
}

/// Converted text by the text it was made from.
type Seen = std::cell::RefCell<rustc_hash::FxHashMap<String, String>>;
type Cache = std::thread::LocalKey<Seen>;

thread_local! {
    static NAMES: Seen = Default::default();
    static SNAKE_WORDS: Seen = Default::default();
    static CAMEL_WORDS: Seen = Default::default();
}

/// Names and words recur across types and operations: each thread remembers what it
/// converted (heck's conversions were about 4% of the v1.0 run's instructions). The
/// conversions are pure functions, so output does not depend on which thread did them.
fn remembered(cache: &'static Cache, name: &str, convert: impl FnOnce(&str) -> String) -> String {
    if let Some(hit) = cache.with(|seen| seen.borrow().get(name).cloned()) {
        return hit;
    }
    let converted = convert(name);
    cache.with(|seen| remember(&mut seen.borrow_mut(), name, converted.clone()));
    converted
}

fn remember(seen: &mut rustc_hash::FxHashMap<String, String>, name: &str, converted: String) {
    // Bounded, for a process that generates from many trees.
    if seen.len() >= 1 << 16 {
        seen.clear();
    }
    seen.insert(name.to_string(), converted);
}

/// Modules → `snake_case` (no raw identifiers: they would be odd file names).
pub fn module_name(name: &str) -> String {
    let s = finish(snake_words(name), "misc", "m");
    match s.strip_prefix("r#") {
        Some(k) => format!("{k}_"),
        None => s,
    }
}

/// Constants → `SCREAMING_SNAKE_CASE`.
pub fn const_name(name: &str) -> String {
    finish(words(name).to_shouty_snake_case(), "VALUE", "N")
}

/// One namespace of identifiers (a module's items, a struct's fields, an enum's variants).
/// Names are compared ignoring case and raw prefixes, since `Id` and `id` fields or
/// `User` and `user` file names would clash in practice.
#[derive(Default)]
pub struct Scope {
    /// Only asked and added to, never iterated: hashed, with no effect on output order (Fx:
    /// the names come from docs the user chose to generate from, not from an adversary).
    taken: rustc_hash::FxHashSet<String>,
}

/// A name that had to change to stay unique.
#[derive(Debug, PartialEq)]
pub struct Renamed {
    pub wanted: String,
    pub got: String,
}

impl Scope {
    pub fn new() -> Self {
        Self::default()
    }

    /// A scope with room for `names` names: one that grows from empty rehashes at each
    /// doubling (a struct's fields, a module's thousands of items).
    pub fn with_capacity(names: usize) -> Self {
        Scope { taken: rustc_hash::FxHashSet::with_capacity_and_hasher(names, Default::default()) }
    }

    /// Reserves a name nobody may take (e.g. `Undocumented` in enums).
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(key(name));
    }

    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(&key(name))
    }

    /// Claims `wanted`, or the first free `wanted2`, `wanted3`, ....
    pub fn claim(&mut self, wanted: String) -> (String, Option<Renamed>) {
        if self.taken.insert(key(&wanted)) {
            return (wanted, None);
        }
        let bare = wanted.strip_prefix("r#").unwrap_or(&wanted).trim_end_matches('_').to_string();
        let mut n = 2;
        loop {
            let cand = format!("{bare}{n}");
            if self.taken.insert(key(&cand)) {
                return (cand.clone(), Some(Renamed { wanted, got: cand }));
            }
            n += 1;
        }
    }
}

/// The name as collisions see it: no raw prefix, no underscores, lowercase (one pass: every
/// claim makes one).
fn key(name: &str) -> String {
    let name = name.strip_prefix("r#").unwrap_or(name);
    let mut key = Vec::with_capacity(name.len());
    key.extend(name.bytes().filter(|&b| b != b'_').map(|b| b.to_ascii_lowercase()));
    // Dropping an ASCII byte and lowercasing ASCII keep the text UTF-8.
    String::from_utf8(key).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_ident(s: &str) -> bool {
        syn::parse_str::<syn::Ident>(s).is_ok()
    }

    #[test]
    fn real_names_become_identifiers() {
        let cases = [
            ("user", "User", "user"),
            ("callRecords.session", "CallRecordsSession", "call_records_session"),
            ("@odata.type", "OdataType", "odata_type"),
            ("$filter", "Filter", "filter"),
            ("1.0", "N10", "n1_0"),
            ("Async", "Async", "r#async"),
            ("type", "Type", "r#type"),
            ("self", "SelfValue", "self_"),
            ("Self", "SelfValue", "self_"),
            ("crate", "Crate", "crate_"),
            ("super", "Super", "super_"),
            ("_", "Unnamed", "value"),
            ("JIS B4", "JisB4", "jis_b4"),
            ("item-path", "ItemPath", "item_path"),
            ("userPrincipalName", "UserPrincipalName", "user_principal_name"),
            ("café", "Caf", "caf"),
            ("3dModel", "N3dModel", "n3d_model"),
            ("", "Unnamed", "value"),
            ("x-ms-client-request-id", "XMsClientRequestId", "x_ms_client_request_id"),
        ];
        for (input, ty, snake) in cases {
            let t = if input == "self" || input == "Self" { "SelfValue".to_string() } else { type_name(input) };
            assert_eq!(t, ty, "type name of {input:?}");
            assert_eq!(snake_name(input), snake, "snake name of {input:?}");
            assert!(is_ident(&t) && is_ident(&snake_name(input)), "{input:?}");
            assert!(is_ident(&variant_name(input)) && is_ident(&const_name(input)) && is_ident(&module_name(input)), "{input:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn words_convert_as_heck_converts_the_phrase(phrase in "[a-zA-Z0-9 ]{0,40}") {
            proptest::prop_assert_eq!(snake_words(&phrase), phrase.to_snake_case());
            proptest::prop_assert_eq!(camel_words(&phrase), phrase.to_upper_camel_case());
        }

        #[test]
        fn lowercase_words_convert_as_heck_converts_them(word in "[a-z0-9]{1,12}") {
            proptest::prop_assert_eq!(snake_words(&word), word.to_snake_case());
            proptest::prop_assert_eq!(camel_words(&word), word.to_upper_camel_case());
        }

        #[test]
        fn any_name_converts_as_its_words_do(name in "[a-zA-Z0-9 ._$@/é-]{0,40}") {
            proptest::prop_assert_eq!(snake_words(&name), words(&name).to_snake_case());
            proptest::prop_assert_eq!(camel_words(&name), words(&name).to_upper_camel_case());
        }
    }

    #[test]
    fn every_keyword_is_escaped() {
        for k in KEYWORDS {
            assert!(is_ident(&snake_name(k)), "{k}");
            assert!(is_ident(&type_name(k)), "{k}");
            assert!(is_ident(&module_name(k)), "{k}");
        }
    }

    #[test]
    fn collisions_are_renamed_and_reported() {
        let mut s = Scope::new();
        assert_eq!(s.claim("id".into()), ("id".into(), None));
        assert_eq!(s.claim("Id".into()), ("Id2".into(), Some(Renamed { wanted: "Id".into(), got: "Id2".into() })));
        assert_eq!(s.claim("id".into()).0, "id3");
        s.reserve("Undocumented");
        assert_eq!(s.claim("undocumented".into()).0, "undocumented2");
        assert_eq!(s.claim("r#type".into()), ("r#type".into(), None));
        assert_eq!(s.claim("type_".into()).0, "type2");
    }
}
