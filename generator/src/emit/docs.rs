//! The docs' own text as doc-comment lines. The text only ever becomes `///` lines, so
//! nothing in it can turn into code; lines are trimmed so rustdoc never reads them as
//! indented code blocks (which would be doctests).

/// The text as doc lines: trimmed, no fences, no empty runs, no control characters.
pub fn lines(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for raw in text.lines() {
        let clean: String = raw.chars().filter(|c| !c.is_control()).collect::<String>().replace("```", "``").trim().to_string();
        if clean.is_empty() && out.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        out.push(clean);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out
}
