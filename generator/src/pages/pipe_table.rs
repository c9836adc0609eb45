//! Pipe tables that CommonMark does not accept (header and delimiter rows of different
//! widths), read the way their authors meant them.

use super::{Inline, Link, Row, Table};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use crate::pages::TrimFast;

/// Reads `raw` as a pipe table when its second line is a delimiter row.
pub fn pipe_table(raw: &str, first_line: u32) -> Option<Table> {
    // Every paragraph is asked: a table has a second line and a pipe in its first, which a
    // SIMD search settles for nearly all of them (paragraphs are long).
    let first_end = memchr::memchr(b'\n', raw.as_bytes())?;
    memchr::memchr(b'|', &raw.as_bytes()[..first_end])?;
    let mut lines = raw.lines();
    let (Some(head), Some(delimiter)) = (lines.next(), lines.next()) else { return None };
    if !is_delimiter_row(delimiter) {
        return None;
    }
    let header = split_row(head).into_iter().map(|c| inline_of(&c)).collect();
    let rows = lines
        .enumerate()
        .filter(|(_, l)| l.contains('|'))
        .map(|(i, l)| Row { cells: split_row(l).into_iter().map(|c| inline_of(&c)).collect(), line: first_line + 2 + i as u32 })
        .collect();
    Some(Table { header, rows, line: first_line })
}

fn is_delimiter_row(line: &str) -> bool {
    let t = line.trim_fast();
    t.contains('-') && t.contains('|') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// Splits a row on unescaped pipes, dropping the outer empty cells.
fn split_row(line: &str) -> Vec<String> {
    let t = line.trim_fast();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cur.push('|');
                chars.next();
            }
            '|' => cells.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    cells.push(cur);
    cells.into_iter().map(|c| c.trim_fast().to_string()).collect()
}

/// The inline content of one cell's markdown.
pub fn inline_of(markdown: &str) -> Inline {
    let mut inline = Inline::default();
    let mut link: Option<(String, usize)> = None;
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) => inline.text.push_str(&t),
            Event::Code(t) => {
                inline.text.push('`');
                inline.text.push_str(&t);
                inline.text.push('`');
            }
            Event::SoftBreak | Event::HardBreak => inline.text.push(' '),
            Event::InlineHtml(h) if h.to_ascii_lowercase().starts_with("<br") => inline.text.push('\n'),
            Event::Start(Tag::Link { dest_url, .. }) => link = Some((dest_url.to_string(), inline.text.len())),
            Event::End(TagEnd::Link) => {
                if let Some((target, from)) = link.take() {
                    let text = inline.text.get(from..).unwrap_or("").trim_fast().to_string();
                    inline.links.push(Link { text, target });
                }
            }
            _ => {}
        }
    }
    inline.text = inline.text.trim_fast().to_string();
    inline
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_table_with_a_short_delimiter_row() {
        let t = pipe_table("|Property|Type|Description|\n|:---|:---|\n|id|String|The key.|\n", 10).unwrap();
        assert_eq!(t.header.len(), 3);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].cells[1].text, "String");
        assert_eq!(t.rows[0].line, 12);
    }

    #[test]
    fn links_survive_in_cells() {
        let t = pipe_table("|a|b|\n|-|-|-|\n|x|[user](user.md) collection|\n", 1).unwrap();
        assert_eq!(t.rows[0].cells[1].links[0].target, "user.md");
        assert_eq!(t.rows[0].cells[1].text, "user collection");
    }

    #[test]
    fn prose_with_a_pipe_is_not_a_table() {
        assert!(pipe_table("a | b\nmore text\n", 1).is_none());
    }
}
