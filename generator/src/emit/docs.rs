//! The docs' own text as doc-comment lines. The text only ever becomes `///` lines, so
//! nothing in it can turn into code; lines are trimmed so rustdoc never reads them as
//! indented code blocks (which would be doctests).

use std::borrow::Cow;
use crate::pages::TrimFast;

/// Calls `f` with each doc line of the text: trimmed, no fences, no control characters,
/// runs of empty lines as one, none at the start or end.
pub fn each_line(text: &str, mut f: impl FnMut(&str)) {
    let mut started = false;
    let mut blank = false;
    // Lines split at each `\n` (not `str::lines`, see `split_at_byte`); a `\r` before it, and
    // a last empty piece, are dropped by `clean` and the blank-line rule below just as
    // `lines` would drop them.
    for raw in crate::pages::split_at_byte(text, b'\n') {
        let line = clean(raw);
        if line.is_empty() {
            blank = started;
            continue;
        }
        if blank {
            f("");
            blank = false;
        }
        f(&line);
        started = true;
    }
}

/// One line without control characters or code fences, trimmed; borrowed when already so.
fn clean(raw: &str) -> Cow<'_, str> {
    if has_control(raw, &[]) || has_fence(raw) {
        let s: String = raw.chars().filter(|c| !c.is_control()).collect::<String>().replace("```", "``");
        Cow::Owned(s.trim_fast().to_string())
    } else {
        Cow::Borrowed(raw.trim_fast())
    }
}

/// Whether the text holds a control character other than those `allowed`. Most text is
/// printable ASCII, which a vectorized byte test settles; this runs on every doc line and
/// literal.
pub fn has_control(text: &str, allowed: &[char]) -> bool {
    if printable_ascii::<false>(text) {
        return false;
    }
    text.chars().any(|c| c.is_control() && !allowed.contains(&c))
}

/// Whether every byte is printable ASCII (and, with `NO_QUOTES`, neither `"` nor a
/// backslash). A fold with no early exit: the compiler makes vector code of it, several
/// times faster than a byte-by-byte test, on the lines and literals every item has.
pub fn printable_ascii<const NO_QUOTES: bool>(text: &str) -> bool {
    let bad = |b: u8| !(0x20..0x7f).contains(&b) | (NO_QUOTES & ((b == b'"') | (b == b'\\')));
    !text.bytes().fold(false, |any, b| any | bad(b))
}

/// Whether the text holds a code fence marker: a search for one byte, then a look at the
/// next two (a substring search costs more to set up than most lines take to scan).
fn has_fence(text: &str) -> bool {
    memchr::memchr_iter(b'`', text.as_bytes()).any(|i| text.as_bytes()[i..].starts_with(b"```"))
}

#[cfg(test)]
mod tests {
    use super::each_line;

    fn lines(text: &str) -> Vec<String> {
        let mut v = Vec::new();
        each_line(text, |l| v.push(l.to_string()));
        v
    }

    #[test]
    fn control_characters_are_those_of_char_is_control() {
        for c in ['\u{0}', '\t', '\n', '\r', '\u{1f}', ' ', '~', '\u{7f}', '\u{80}', '\u{9f}', '\u{a0}', 'é', '✓', '\u{2028}'] {
            assert_eq!(super::has_control(&format!("a{c}b"), &[]), c.is_control(), "{c:?}");
            assert_eq!(super::has_control(&format!("a{c}b"), &['\n', '\t']), c.is_control() && c != '\n' && c != '\t', "{c:?}");
        }
    }

    #[test]
    fn blank_runs_collapse_and_ends_are_trimmed() {
        assert_eq!(lines("\n\n  a  \n\n\n b\u{7}\n```rust\n\n"), ["a", "", "b", "``rust"]);
        assert!(lines(" \n\t\n").is_empty());
    }
}
