//! The docs' own text as doc-comment lines. The text only ever becomes `///` lines, so
//! nothing in it can turn into code; lines are trimmed so rustdoc never reads them as
//! indented code blocks (which would be doctests).

use std::borrow::Cow;

/// Calls `f` with each doc line of the text: trimmed, no fences, no control characters,
/// runs of empty lines as one, none at the start or end.
pub fn each_line(text: &str, mut f: impl FnMut(&str)) {
    let mut started = false;
    let mut blank = false;
    for raw in text.lines() {
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
    if raw.contains(|c: char| c.is_control()) || raw.contains("```") {
        let s: String = raw.chars().filter(|c| !c.is_control()).collect::<String>().replace("```", "``");
        Cow::Owned(s.trim().to_string())
    } else {
        Cow::Borrowed(raw.trim())
    }
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
    fn blank_runs_collapse_and_ends_are_trimmed() {
        assert_eq!(lines("\n\n  a  \n\n\n b\u{7}\n```rust\n\n"), ["a", "", "b", "``rust"]);
        assert!(lines(" \n\t\n").is_empty());
    }
}
