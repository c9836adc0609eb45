//! JSON as the docs write it: strict where possible, repaired where the fault is a known
//! hand-editing slip (trailing commas, comments, raw newlines in strings, smart quotes,
//! a missing comma at a line end), and reported either way.

use serde_json::Value;

/// How a text was read.
#[derive(Debug, PartialEq)]
pub enum Parsed<T = Value> {
    Strict(T),
    /// Read after repairs; the docs should be fixed.
    Lenient(T),
}

impl<T> Parsed<T> {
    pub fn value(self) -> T {
        match self {
            Parsed::Strict(v) | Parsed::Lenient(v) => v,
        }
    }
}

/// Parses JSON, repairing the usual slips. `Err` carries serde_json's message for the
/// original text.
pub fn parse(text: &str) -> Result<Parsed, String> {
    parse_as(text, |v| v)
}

/// [`parse`] into `T` (read straight from the text; `from_json5` turns what the json5
/// fallback read into one).
pub fn parse_as<T: serde::de::DeserializeOwned>(text: &str, from_json5: impl FnOnce(Value) -> T) -> Result<Parsed<T>, String> {
    read(text, |t| serde_json::from_str::<T>(t).map_err(|e| e.to_string()), from_json5)
}

/// [`parse`], giving the JSON as compact text (what `serde_json::to_string` makes of the
/// value, except that a repeated member is kept, not merged) without building the value:
/// examples are megabytes of JSON that are only checked and replayed as text.
pub fn compact(text: &str) -> Result<Parsed<String>, String> {
    read(text, transcode, |v| v.to_string())
}

/// The reading both share: the text as it is, then repaired, then repaired as json5 (which
/// only yields a value, turned into the reader's result by `from_json5`).
fn read<T>(text: &str, strict: impl Fn(&str) -> Result<T, String>, from_json5: impl FnOnce(Value) -> T) -> Result<Parsed<T>, String> {
    let err = match strict(text) {
        Ok(v) => return Ok(Parsed::Strict(v)),
        Err(e) => e,
    };
    let repaired = repair(text);
    if let Ok(v) = strict(&repaired) {
        return Ok(Parsed::Lenient(v));
    }
    // json5 recurses without a limit: deep nesting would overflow the stack.
    if nesting(&repaired) > MAX_DEPTH {
        return Err(err);
    }
    // json5 accepts unquoted keys, single quotes and hex numbers as well.
    match json5::from_str::<Value>(&repaired) {
        Ok(v) => Ok(Parsed::Lenient(from_json5(v))),
        Err(_) => Err(err),
    }
}

/// JSON text → compact JSON text, streamed (serde_json's depth limit holds).
fn transcode(text: &str) -> Result<String, String> {
    let mut de = serde_json::Deserializer::from_str(text);
    let mut out = Vec::with_capacity(text.len());
    serde_transcode::transcode(&mut de, &mut serde_json::Serializer::new(&mut out)).map_err(|e| e.to_string())?;
    de.end().map_err(|e| e.to_string())?;
    String::from_utf8(out).map_err(|e| e.to_string())
}

/// serde_json's own limit, kept for the json5 fallback too.
const MAX_DEPTH: usize = 128;

/// The deepest nesting of `[` and `{` outside double-quoted strings.
fn nesting(text: &str) -> usize {
    let (mut depth, mut max, mut in_string, mut escaped) = (0usize, 0, false, false);
    for c in text.chars() {
        match (in_string, c) {
            (true, _) if escaped => escaped = false,
            (true, '\\') => escaped = true,
            (true, '"') | (false, '"') => in_string = !in_string,
            (false, '[' | '{') => {
                depth += 1;
                max = max.max(depth);
            }
            (false, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// Rewrites the known slips into strict JSON. Never fails; text it does not understand is
/// passed through for the parser to reject.
pub fn repair(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut in_string = false;
    // A string opened with a smart quote is closed by one (`“a”`).
    let mut smart = false;
    while i < chars.len() {
        let c = chars[i];
        if in_string {
            match c {
                '\u{201C}' | '\u{201D}' if smart => {
                    in_string = false;
                    out.push('"');
                }
                '\\' => {
                    out.push(c);
                    if let Some(&n) = chars.get(i + 1) {
                        out.push(n);
                        i += 1;
                    }
                }
                '"' => {
                    in_string = false;
                    out.push(c);
                }
                '\n' => out.push_str("\\n"),
                '\r' => {}
                '\t' => out.push_str("\\t"),
                c if (c as u32) < 0x20 => out.push(' '),
                c => out.push(c),
            }
            i += 1;
            continue;
        }
        match c {
            '"' | '\u{201C}' | '\u{201D}' => {
                if ends_value(&out) && starts_on_new_line(&chars, i) {
                    out.push(',');
                }
                in_string = true;
                smart = c != '"';
                out.push('"');
            }
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                i += 2;
                while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                    i += 1;
                }
                i += 2;
                continue;
            }
            ',' => {
                let mut j = i + 1;
                while j < chars.len() && (chars[j].is_whitespace() || starts_comment(&chars, j)) {
                    if starts_comment(&chars, j) {
                        j = skip_comment(&chars, j);
                    } else {
                        j += 1;
                    }
                }
                if !matches!(chars.get(j), Some('}') | Some(']')) {
                    out.push(',');
                }
            }
            '{' | '[' => {
                if ends_value(&out) && starts_on_new_line(&chars, i) {
                    out.push(',');
                }
                out.push(c);
            }
            c => out.push(c),
        }
        i += 1;
    }
    out
}

fn starts_comment(chars: &[char], i: usize) -> bool {
    chars[i] == '/' && matches!(chars.get(i + 1), Some('/') | Some('*'))
}

fn skip_comment(chars: &[char], mut i: usize) -> usize {
    if chars.get(i + 1) == Some(&'/') {
        while i < chars.len() && chars[i] != '\n' {
            i += 1;
        }
        i
    } else {
        i += 2;
        while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
            i += 1;
        }
        i + 2
    }
}

/// True when the output so far ends with a complete value (so a value starting on the next
/// line needs a comma before it).
fn ends_value(out: &str) -> bool {
    let t = out.trim_end();
    if t.len() == out.len() {
        return false; // same line: not the slip we repair
    }
    t.ends_with('"')
        || t.ends_with('}')
        || t.ends_with(']')
        || t.ends_with("true")
        || t.ends_with("false")
        || t.ends_with("null")
        || t.ends_with(|c: char| c.is_ascii_digit())
}

fn starts_on_new_line(chars: &[char], i: usize) -> bool {
    let mut j = i;
    while j > 0 {
        j -= 1;
        match chars[j] {
            '\n' => return true,
            c if c.is_whitespace() => continue,
            _ => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn lenient(text: &str) -> Value {
        match parse(text) {
            Ok(Parsed::Lenient(v)) => v,
            other => panic!("expected a lenient parse of {text:?}, got {other:?}"),
        }
    }

    #[test]
    fn strict_json_is_strict() {
        assert_eq!(parse(r#"{"a": [1, 2]}"#), Ok(Parsed::Strict(json!({"a": [1, 2]}))));
    }

    #[test]
    fn compact_text_is_what_the_value_prints() {
        let text = "{\n  \"b\": [1, 2.50, -3, \"x\\u00e9\\n\"],\n  \"a\": {\"c\": null, \"d\": true}\n}";
        let value: Value = serde_json::from_str(text).unwrap();
        assert_eq!(compact(text), Ok(Parsed::Strict(value.to_string())));
        assert_eq!(compact("{\"a\": [1, 2,],\n}"), Ok(Parsed::Lenient(r#"{"a":[1,2]}"#.to_string())));
        assert_eq!(compact("{unquoted: 'single'}"), Ok(Parsed::Lenient(r#"{"unquoted":"single"}"#.to_string())));
        // A repeated member is kept as written (a value would keep only the last).
        assert_eq!(compact(r#"{"a": 1, "a": 2}"#), Ok(Parsed::Strict(r#"{"a":1,"a":2}"#.to_string())));
        assert!(compact("{\"a\": 1} trailing").is_err());
        assert!(compact(&"[".repeat(10_000)).is_err());
    }

    #[test]
    fn trailing_commas() {
        assert_eq!(lenient("{\"a\": [1, 2,],\n}"), json!({"a": [1, 2]}));
    }

    #[test]
    fn comments_are_dropped() {
        assert_eq!(lenient("{\"a\": 1, /* relationships */\n \"b\": 2 // end\n}"), json!({"a": 1, "b": 2}));
    }

    #[test]
    fn raw_newline_inside_string() {
        assert_eq!(lenient("{\"a\": \"x\ny\"}"), json!({"a": "x\ny"}));
    }

    #[test]
    fn smart_quotes() {
        assert_eq!(lenient("{\u{201C}a\u{201D}: \u{201C}b\u{201D}}"), json!({"a": "b"}));
    }

    #[test]
    fn missing_comma_at_line_end() {
        assert_eq!(lenient("{\n \"a\": \"x\"\n \"b\": {\"c\": 1}\n \"d\": 2\n}"), json!({"a": "x", "b": {"c": 1}, "d": 2}));
    }

    #[test]
    fn url_inside_string_is_not_a_comment() {
        assert_eq!(lenient("{\"a\": \"https://x/y\",}"), json!({"a": "https://x/y"}));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        for n in [200, 100_000] {
            assert!(parse(&format!("{}{}", "[".repeat(n), "]".repeat(n))).is_err());
            assert!(parse(&format!("{{'a': {}1{},}}", "{\"b\":".repeat(n), "}".repeat(n))).is_err());
        }
        assert_eq!(nesting(r#"{"a": "[[[{{", "b": [1, {"c": "\\\"]"}]}"#), 3);
        assert_eq!(lenient("{'a': [[1]],}"), json!({"a": [[1]]}));
    }

    #[test]
    fn hopeless_text_is_an_error() {
        assert!(parse("{ \"a\": ... }").is_err());
        assert!(parse("").is_err());
    }
}
