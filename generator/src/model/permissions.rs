//! Permissions tables: `Permission type | Permissions (from least to most privileged)`, also
//! "most to least", per-resource matrices, "Not supported", prose lists and TODOs.

use super::Permissions;
use crate::pages::{Block, Table};

#[derive(Debug, PartialEq)]
pub enum Note {
    /// A TODO cell; the text is given.
    Todo(String),
    /// A row whose first cell names no known permission type.
    UnknownKind(String),
}

/// Reads every permissions table in the blocks of a Permissions section.
pub fn read(blocks: &[Block]) -> (Permissions, Vec<(u32, Note)>) {
    let mut perms = Permissions::default();
    let mut notes = Vec::new();
    for b in blocks {
        if let Block::Table(t) = b {
            read_table(t, &mut perms, &mut notes);
        }
    }
    (perms, notes)
}

fn read_table(t: &Table, perms: &mut Permissions, notes: &mut Vec<(u32, Note)>) {
    let header: Vec<String> = t.header.iter().map(|h| h.text.to_ascii_lowercase()).collect();
    let most_first = header.iter().any(|h| h.contains("most to least"));
    // Matrices have one permissions column per resource kind; take every column after the first.
    for row in &t.rows {
        let Some(kind_cell) = row.cells.first() else { continue };
        let kind = kind_cell.text.to_ascii_lowercase();
        let list = if kind.contains("delegated") && (kind.contains("work") || kind.contains("school")) {
            &mut perms.delegated_work
        } else if kind.contains("delegated") && (kind.contains("personal") || kind.contains("microsoft account")) {
            &mut perms.delegated_personal
        } else if kind.contains("application") || kind.contains("app-only") || kind.contains("app only") {
            &mut perms.application
        } else {
            if !kind.trim().is_empty() {
                notes.push((row.line, Note::UnknownKind(kind_cell.text.clone())));
            }
            continue;
        };
        let mut scopes = Vec::new();
        for cell in &row.cells[1..] {
            scopes.extend(scopes_of(&cell.text, row.line, notes));
        }
        if most_first {
            scopes.reverse();
        }
        for s in scopes {
            if !list.contains(&s) {
                list.push(s);
            }
        }
    }
}

/// The scopes named in one cell.
pub fn scopes_of(text: &str, line: u32, notes: &mut Vec<(u32, Note)>) -> Vec<String> {
    let t = text.replace("**", "").replace('`', "");
    if t.to_ascii_lowercase().contains("todo") {
        notes.push((line, Note::Todo(t.trim().to_string())));
        return Vec::new();
    }
    t.split(|c: char| c == ',' || c == ';' || c == '\n' || c.is_whitespace())
        .map(|s| s.trim().trim_end_matches('.'))
        .filter(|s| is_scope(s))
        .map(str::to_string)
        .collect()
}

/// `User.Read.All`-like: letters, digits and dots, with at least one dot (so prose words
/// like "and", "Not" or "supported" are not scopes).
fn is_scope(s: &str) -> bool {
    s.contains('.')
        && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        && !s.ends_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::{Inline, Row};

    fn table(header: &[&str], rows: &[&[&str]]) -> Block {
        Block::Table(Table {
            header: header.iter().map(|h| Inline::plain(*h)).collect(),
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| Row { cells: r.iter().map(|c| Inline::plain(*c)).collect(), line: 10 + i as u32 })
                .collect(),
            line: 8,
        })
    }

    #[test]
    fn least_to_most_and_not_supported() {
        let (p, notes) = read(&[table(
            &["Permission type", "Permissions (from least to most privileged)"],
            &[
                &["Delegated (work or school account)", "User.Read, User.ReadWrite.All"],
                &["Delegated (personal Microsoft account)", "Not supported."],
                &["Application", "User.Read.All and Directory.Read.All"],
            ],
        )]);
        assert_eq!(p.delegated_work, ["User.Read", "User.ReadWrite.All"]);
        assert!(p.delegated_personal.is_empty());
        assert_eq!(p.application, ["User.Read.All", "Directory.Read.All"]);
        assert!(notes.is_empty());
    }

    #[test]
    fn most_to_least_is_reversed_and_todos_reported() {
        let (p, notes) = read(&[table(
            &["Permission type", "Permissions (from most to least privileged)"],
            &[&["Delegated (work or school account)", "**TODO: Determine scopes **"], &["Application", "A.ReadWrite.All, A.Read.All"]],
        )]);
        assert!(p.delegated_work.is_empty());
        assert_eq!(p.application, ["A.Read.All", "A.ReadWrite.All"]);
        assert_eq!(notes, vec![(10, Note::Todo("TODO: Determine scopes".into()))]);
    }
}
