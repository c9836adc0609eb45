//! Permissions tables: `Permission type | Permissions (from least to most privileged)`, also
//! "most to least", per-resource matrices, "Not supported", prose lists and TODOs.

use super::Permissions;
use crate::pages::{Block, Table, TrimFast};

#[derive(Debug, PartialEq)]
pub enum Note {
    /// A TODO cell; the text is given.
    Todo(String),
    /// A row whose first cell names no known permission type.
    UnknownKind(String),
    /// A matrix with one row per resource and one column per permission type: the model
    /// holds one list per type, so the rows were merged (the number of rows is given).
    PerResource(usize),
}

/// The permission type a header or row label names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    DelegatedWork,
    DelegatedPersonal,
    Application,
}

fn kind_of(label: &str) -> Option<Kind> {
    // Nearly every label is one of the three the docs template writes: told by comparing,
    // before the phrases are looked for (which give the same kinds for these).
    for (written, kind) in [("Delegated (work or school account)", Kind::DelegatedWork), ("Delegated (personal Microsoft account)", Kind::DelegatedPersonal), ("Application", Kind::Application)] {
        if label.eq_ignore_ascii_case(written) {
            return Some(kind);
        }
    }
    let k = label.to_ascii_lowercase();
    if k.contains("delegated") && (k.contains("work") || k.contains("school")) {
        Some(Kind::DelegatedWork)
    } else if k.contains("delegated") && (k.contains("personal") || k.contains("microsoft account")) {
        Some(Kind::DelegatedPersonal)
    } else if k.contains("application") || k.contains("app-only") || k.contains("app only") {
        Some(Kind::Application)
    } else {
        None
    }
}

fn list_of(perms: &mut Permissions, kind: Kind) -> &mut Vec<String> {
    match kind {
        Kind::DelegatedWork => &mut perms.delegated_work,
        Kind::DelegatedPersonal => &mut perms.delegated_personal,
        Kind::Application => &mut perms.application,
    }
}

fn add_all(list: &mut Vec<String>, scopes: Vec<String>) {
    for s in scopes {
        if !list.contains(&s) {
            list.push(s);
        }
    }
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

/// Three layouts: one row per permission type (`Permission type | Permissions`), a matrix
/// with one column per permission type and one row per resource (`Supported resource |
/// Delegated (work or school account) | ... | Application`), and other tables that share the
/// section (`Context of the calling app | Response contains`), which are no permissions table.
fn read_table(t: &Table, perms: &mut Permissions, notes: &mut Vec<(u32, Note)>) {
    let header: Vec<String> = t.header.iter().map(|h| h.text.to_ascii_lowercase()).collect();
    let most_first = header.iter().any(|h| h.contains("most to least"));
    let columns: Vec<(usize, Kind)> = t.header.iter().enumerate().skip(1).filter_map(|(i, h)| kind_of(&h.text).map(|k| (i, k))).collect();
    if !columns.is_empty() {
        for row in &t.rows {
            for &(i, kind) in &columns {
                let Some(cell) = row.cells.get(i) else { continue };
                let mut scopes = scopes_of(&cell.text, row.line, notes);
                if most_first {
                    scopes.reverse();
                }
                add_all(list_of(perms, kind), scopes);
            }
        }
        if t.rows.len() > 1 {
            notes.push((t.line, Note::PerResource(t.rows.len())));
        }
        return;
    }
    let first = header.first().map(|h| h.trim_fast()).unwrap_or("");
    let row_layout = first.is_empty() || ["permission", "type", "scope"].iter().any(|w| first.contains(w));
    if !row_layout {
        return;
    }
    for row in &t.rows {
        let Some(kind_cell) = row.cells.first() else { continue };
        let Some(kind) = kind_of(&kind_cell.text) else {
            if !kind_cell.text.trim_fast().is_empty() {
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
        add_all(list_of(perms, kind), scopes);
    }
}

/// The scopes named in one cell.
pub fn scopes_of(text: &str, line: u32, notes: &mut Vec<(u32, Note)>) -> Vec<String> {
    // Bold and code markup go; most cells have none, and are read as they are.
    let t = if text.contains(['*', '`', '<']) { strip_tags(&text.replace("**", "").replace('`', "")) } else { text.to_string() };
    if t.as_bytes().windows(4).any(|w| w.eq_ignore_ascii_case(b"todo")) {
        notes.push((line, Note::Todo(t.trim_fast().to_string())));
        return Vec::new();
    }
    // A trailing `*` marks a footnote (resource-specific consent), not part of the scope.
    t.split(|c: char| c == ',' || c == ';' || c == '\n' || c.is_whitespace())
        .map(|s| s.trim_fast().trim_end_matches(['.', '*', ')']).trim_start_matches('('))
        .filter(|s| is_scope(s))
        .map(str::to_string)
        .collect()
}

/// Inline HTML (`<br/>`, `</br>`) separates scopes like a comma does.
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        match rest[i..].find('>') {
            Some(j) if rest[i + 1..i + j].chars().all(|c| c.is_ascii_alphanumeric() || c == '/' || c == ' ') => {
                out.push(' ');
                rest = &rest[i + j + 1..];
            }
            _ => {
                out.push('<');
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    out
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

    #[test]
    fn per_resource_matrix_is_read_by_column_and_reported_once() {
        let (p, notes) = read(&[table(
            &["Supported resource", "Delegated (work or school account)", "Delegated (personal Microsoft account)", "Application"],
            &[
                &["[callRecord](x.md)", "Not supported", "Not supported", "CallRecords.Read.All"],
                &["[chatMessage](y.md) (/teams/{id}/channels/{id}/messages)", "ChannelMessage.Read.All", "Not supported", "ChannelMessage.Read.Group*, ChannelMessage.Read.All"],
                &["[message](m.md)", "Mail.ReadBasic, Mail.Read", "Mail.ReadBasic", "Mail.Read"],
            ],
        )]);
        assert_eq!(p.delegated_work, ["ChannelMessage.Read.All", "Mail.ReadBasic", "Mail.Read"]);
        assert_eq!(p.delegated_personal, ["Mail.ReadBasic"]);
        assert_eq!(p.application, ["CallRecords.Read.All", "ChannelMessage.Read.Group", "ChannelMessage.Read.All", "Mail.Read"]);
        assert_eq!(notes, vec![(8, Note::PerResource(3))]);
    }

    #[test]
    fn tables_that_are_not_permission_tables_are_skipped() {
        let (p, notes) = read(&[table(
            &["Context of the calling app", "Response contains"],
            &[&["App is calling on behalf of the signed-in user (delegated permission). Note: work/school accounts.", "Subscriptions.Read.All for this app"]],
        )]);
        assert!(p.delegated_work.is_empty() && p.application.is_empty());
        assert!(notes.is_empty());
    }

    #[test]
    fn html_breaks_and_footnote_marks_separate_scopes() {
        let mut notes = Vec::new();
        assert_eq!(scopes_of("For a user resource:<br/>User.Read.All<br/>Group.Read.All", 1, &mut notes), ["User.Read.All", "Group.Read.All"]);
        assert_eq!(scopes_of("TeamsTab.ReadWrite.Group*, Chat.Read</br>Chat.ReadWrite", 1, &mut notes), ["TeamsTab.ReadWrite.Group", "Chat.Read", "Chat.ReadWrite"]);
        assert!(notes.is_empty());
    }

    #[test]
    fn unknown_row_labels_are_reported() {
        let (p, notes) = read(&[table(
            &["Permission type", "Permissions (from least to most privileged)"],
            &[&["Application", "A.Read.All"], &["oauth2permissiongrant", "B.Read.All"]],
        )]);
        assert_eq!(p.application, ["A.Read.All"]);
        assert_eq!(notes, vec![(11, Note::UnknownKind("oauth2permissiongrant".into()))]);
    }
}
