//! Rendering diagnostics: rustc-like text for people, JSON for tools.

use super::{Diagnostic, Severity};
use std::collections::BTreeMap;
use std::fmt::Write;

/// rustc-style text, one block per diagnostic, then a summary by code.
pub fn render_human(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        let _ = writeln!(out, "{}[{}]: {}", d.severity(), d.code.as_str(), d.message);
        let _ = writeln!(out, "  --> {}", d.loc);
        let _ = writeln!(out, "   = help: {}\n", d.help());
    }
    out.push_str(&render_summary(diags));
    out
}

/// Counts per code, most frequent first (ties by code), with totals per severity.
pub fn render_summary(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    let counts = summary_by_code(diags);
    let mut rows: Vec<_> = counts.iter().collect();
    rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let errors = diags.iter().filter(|d| d.severity() == Severity::Error).count();
    let _ = writeln!(out, "{} diagnostics ({} errors, {} warnings)", diags.len(), errors, diags.len() - errors);
    for (code, n) in rows {
        let _ = writeln!(out, "{n:>7}  {code}");
    }
    out
}

/// Count of diagnostics per code string, ordered by code.
pub fn summary_by_code(diags: &[Diagnostic]) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for d in diags {
        *m.entry(d.code.as_str().to_string()).or_insert(0) += 1;
    }
    m
}

/// All diagnostics as a JSON array of objects.
pub fn render_json(diags: &[Diagnostic]) -> String {
    let list: Vec<serde_json::Value> = diags
        .iter()
        .map(|d| {
            serde_json::json!({
                "code": d.code.as_str(),
                "severity": d.severity().to_string(),
                "file": d.loc.file,
                "line": d.loc.line,
                "message": d.message,
                "help": d.help(),
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}
