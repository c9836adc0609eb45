//! Enums stated only in prose: "Possible values are: `a`, `b`", "Valid values", "Supported
//! values", "one of". Numeric ranges ("1 to 365") and lists of numbers are not enums.

use memchr::memmem::Finder;
use std::sync::LazyLock;
use crate::pages::TrimFast;

const PHRASES: &[&str] = &[
    "possible values are",
    "possible values include",
    "possible values:",
    "possible values is",
    "the possible values",
    "valid values are",
    "valid values:",
    "allowed values are",
    "allowed values:",
    "supported values are",
    "supported values:",
    "the value can be one of",
    "can be one of",
    "must be one of",
    "is one of",
    "one of the following values",
];

/// The phrases' searchers, made once: `str::find` prepares its search on every call, and
/// every enum property's description is searched for every phrase while the model settles
/// (serially).
static FINDERS: LazyLock<Vec<Finder<'static>>> = LazyLock::new(|| PHRASES.iter().map(Finder::new).collect());

/// The values a description lists, in order, without `null`; `None` when it lists none.
pub fn values(description: &str) -> Option<Vec<String>> {
    let lower = description.to_ascii_lowercase();
    let (pos, phrase) = PHRASES.iter().zip(FINDERS.iter()).filter_map(|(p, f)| f.find(lower.as_bytes()).map(|i| (i, *p))).min_by_key(|(i, _)| *i)?;
    let tail = &description[pos + phrase.len()..];
    let mut vals = backticked(tail);
    if vals.is_empty() {
        vals = plain_list(tail);
    }
    vals.retain(|v| !v.eq_ignore_ascii_case("null"));
    let mut seen = Vec::<String>::new();
    vals.retain(|v| {
        let dup = seen.contains(v);
        seen.push(v.clone());
        !dup
    });
    let numeric = vals.iter().all(|v| v.trim_start_matches('-').chars().all(|c| c.is_ascii_digit() || c == '.'));
    let identifiers = vals.iter().all(|v| is_member(v));
    (vals.len() >= 2 && !numeric && identifiers).then_some(vals)
}

fn is_member(v: &str) -> bool {
    !v.is_empty() && v.len() <= 80 && v.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ' ' | '/'))
}

/// Code spans in the sentence that follows the phrase (up to a period that ends it).
fn backticked(tail: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_code = false;
    let mut cur = String::new();
    let mut chars = tail.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '`' {
            if in_code {
                out.push(cur.trim_fast().to_string());
                cur.clear();
            }
            in_code = !in_code;
            continue;
        }
        if in_code {
            cur.push(c);
            continue;
        }
        let sentence_end = (c == '.' && chars.peek().is_none_or(|n| n.is_whitespace())) || c == '\n';
        if sentence_end && !out.is_empty() {
            break;
        }
    }
    out
}

/// `none, low, medium, high.` → the words, when every item is one word.
fn plain_list(tail: &str) -> Vec<String> {
    let sentence = tail.trim_start_matches([':', ' ']);
    let end = sentence.find(". ").or_else(|| sentence.find('\n')).unwrap_or(sentence.len());
    let sentence = sentence[..end].trim_end_matches('.');
    let items: Vec<String> = sentence
        .split([',', ';'])
        .flat_map(|s| s.split(" or "))
        .map(|s| s.trim_fast().trim_start_matches("and ").trim_start_matches("or ").trim_fast().trim_matches(['"', '\'', '*']).to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if items.len() >= 2 && items.iter().all(|s| !s.contains(' ')) {
        items
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::values;

    fn v(s: &str) -> Option<Vec<String>> {
        values(s)
    }

    #[test]
    fn backticked_values() {
        assert_eq!(v(". Possible values are: `registration`, `reset`, `unknownFutureValue`.").unwrap(), ["registration", "reset", "unknownFutureValue"]);
        assert_eq!(v("The state. Possible values are: `accepted`, `declined`.").unwrap(), ["accepted", "declined"]);
        assert_eq!(v("Allowed values: `null`, `minor`, `notAdult` and `adult`. See `other`.").unwrap(), ["minor", "notAdult", "adult"]);
    }

    #[test]
    fn plain_values() {
        assert_eq!(v("Supported values are: none, low, medium, high.").unwrap(), ["none", "low", "medium", "high"]);
    }

    #[test]
    fn not_enums() {
        assert_eq!(v("Valid values are 1 to 365."), None);
        assert_eq!(v("Possible values are: `1`, `2`, `3`."), None);
        assert_eq!(v("The name of the user."), None);
        assert_eq!(v("Possible values are: `only`."), None);
    }
}
