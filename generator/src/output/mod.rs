//! Writing output: confined to the output directory, whole or not at all, and only when
//! something changed (a no-op run leaves every mtime alone).
//!
//! A crate is staged in a sibling temporary directory: unchanged files are hard-linked (so
//! they keep their mtime), user files that graphgen did not write are carried over, then the
//! directories are swapped by two renames. A manifest lists the files graphgen owns, so stale
//! ones are removed and directories it did not write are refused.

mod paths;

pub use paths::safe_relative;

use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The file that marks a directory as graphgen's and lists the files it owns.
pub const MANIFEST: &str = ".graphgen-manifest";

/// Writes (or, with `check`, compares) a generated crate. Returns the files that changed
/// (written, removed, or in check mode stale).
pub fn write_crate(out: &Path, files: &BTreeMap<String, String>, check: bool, force: bool) -> Result<Vec<PathBuf>, String> {
    for rel in files.keys() {
        safe_relative(rel)?;
    }
    let out = &named_dir(out)?;
    if !check {
        recover_interrupted_swap(out)?;
    }
    if out.exists() && !out.is_dir() {
        return Err(format!("output path `{}` exists and is not a directory", out.display()));
    }
    let old_manifest = read_manifest(out);
    if old_manifest.is_none() && !check && !force && dir_has_entries(out) {
        return Err(format!("`{}` is not empty and was not written by graphgen; pass --force to overwrite it", out.display()));
    }
    let manifest_text = render_manifest(files);
    // Files are compared (and below written) in parallel: a crate is dozens of files of
    // megabytes. Results are taken in path order.
    let same: Vec<bool> = files.par_iter().map(|(rel, text)| fs::read(out.join(rel)).ok().as_deref() == Some(text.as_bytes())).collect();
    let unchanged: BTreeSet<&str> = files.keys().zip(&same).filter(|(_, same)| **same).map(|(rel, _)| rel.as_str()).collect();
    let mut changed: Vec<PathBuf> = files.keys().filter(|rel| !unchanged.contains(rel.as_str())).map(|rel| out.join(rel)).collect();
    let owned_before: Vec<String> = old_manifest.clone().unwrap_or_default();
    let stale: Vec<&String> = owned_before.iter().filter(|f| !files.contains_key(*f) && safe_relative(f).is_ok()).collect();
    for s in &stale {
        if out.join(s).exists() {
            changed.push(out.join(s));
        }
    }
    let manifest_same = fs::read_to_string(out.join(MANIFEST)).ok().as_deref() == Some(manifest_text.as_str());
    if check || (changed.is_empty() && manifest_same) {
        return Ok(changed);
    }
    if let Err(e) = stage_and_swap(out, files, &unchanged, &owned_before, &manifest_text) {
        // The previous output is untouched; only the half-made stage goes.
        let _ = fs::remove_dir_all(sibling(out, "new"));
        return Err(e);
    }
    Ok(changed)
}

/// Writes one file (model JSON, diagnostics JSON) atomically: temp file, then rename.
pub fn write_file(path: &Path, text: &str) -> Result<(), String> {
    if path.is_dir() {
        return Err(format!("`{}` is a directory", path.display()));
    }
    let tmp = sibling(path, "tmp");
    fs::write(&tmp, text).map_err(|e| format!("cannot write `{}`: {e}", tmp.display()))?;
    fs::rename(&tmp, path).map_err(|e| format!("cannot write `{}`: {e}", path.display()))
}

/// The swap renames the output directory, so `x/.` becomes `x` and `..` its real name.
fn named_dir(out: &Path) -> Result<PathBuf, String> {
    let plain: PathBuf = out.components().collect();
    if plain.file_name().is_some() {
        return Ok(plain);
    }
    let real = fs::canonicalize(out).map_err(|e| format!("cannot resolve output path `{}`: {e}", out.display()))?;
    match real.file_name() {
        Some(_) => Ok(real),
        None => Err(format!("output path `{}` names no directory", out.display())),
    }
}

fn sibling(path: &Path, tag: &str) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "out".into());
    path.with_file_name(format!(".{name}.graphgen-{tag}"))
}

fn dir_has_entries(dir: &Path) -> bool {
    fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(false)
}

fn read_manifest(out: &Path) -> Option<Vec<String>> {
    let text = fs::read_to_string(out.join(MANIFEST)).ok()?;
    Some(text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).map(str::to_string).collect())
}

fn render_manifest(files: &BTreeMap<String, String>) -> String {
    let mut s = String::from("# Files written by graphgen; the rest of this directory is yours.\n");
    for f in files.keys() {
        s.push_str(f);
        s.push('\n');
    }
    s
}

/// A run killed between the two renames leaves the previous output in the backup.
fn recover_interrupted_swap(out: &Path) -> Result<(), String> {
    let backup = sibling(out, "old");
    if backup.exists() && !out.exists() {
        fs::rename(&backup, out).map_err(|e| format!("cannot restore `{}`: {e}", backup.display()))?;
    } else if backup.exists() {
        fs::remove_dir_all(&backup).map_err(|e| format!("cannot remove `{}`: {e}", backup.display()))?;
    }
    Ok(())
}

fn stage_and_swap(out: &Path, files: &BTreeMap<String, String>, unchanged: &BTreeSet<&str>, owned_before: &[String], manifest: &str) -> Result<(), String> {
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|e| format!("cannot create `{}`: {e}", parent.display()))?;
    let stage = sibling(out, "new");
    if stage.exists() {
        fs::remove_dir_all(&stage).map_err(|e| format!("cannot clear `{}`: {e}", stage.display()))?;
    }
    let io = |e: std::io::Error, p: &Path| format!("cannot write `{}`: {e}", p.display());
    fs::create_dir_all(&stage).map_err(|e| io(e, &stage))?;
    // The user's own files come along untouched.
    if out.is_dir() {
        for entry in walkdir::WalkDir::new(out).min_depth(1).sort_by_file_name() {
            let entry = entry.map_err(|e| e.to_string())?;
            let rel = entry.path().strip_prefix(out).map_err(|e| e.to_string())?;
            let rel_s = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            if rel_s == MANIFEST || owned_before.contains(&rel_s) || files.contains_key(&rel_s) {
                continue;
            }
            let target = stage.join(rel);
            if entry.file_type().is_dir() {
                fs::create_dir_all(&target).map_err(|e| io(e, &target))?;
            } else {
                link_or_copy(entry.path(), &target)?;
            }
        }
    }
    for rel in files.keys() {
        no_symlink_on_the_way(&stage, rel)?;
        if let Some(dir) = stage.join(rel).parent() {
            fs::create_dir_all(dir).map_err(|e| io(e, dir))?;
        }
    }
    // Largest first: the example tests alone are two fifths of a v1.0 crate, and written last
    // (in path order) they kept one core writing while the other had nothing left to do.
    let mut by_size: Vec<(&String, &String)> = files.iter().collect();
    by_size.sort_by_key(|(rel, text)| (std::cmp::Reverse(text.len()), *rel));
    let written: Vec<Result<(), String>> = by_size
        .into_par_iter()
        .map(|(rel, text)| {
            let target = stage.join(rel);
            if unchanged.contains(rel.as_str()) {
                link_or_copy(&out.join(rel), &target)
            } else {
                fs::write(&target, text).map_err(|e| io(e, &target))
            }
        })
        .collect();
    written.into_iter().collect::<Result<(), String>>()?;
    fs::write(stage.join(MANIFEST), manifest).map_err(|e| io(e, &stage))?;
    let backup = sibling(out, "old");
    if out.exists() {
        fs::rename(out, &backup).map_err(|e| format!("cannot move `{}` aside: {e}", out.display()))?;
    }
    fs::rename(&stage, out).map_err(|e| format!("cannot move `{}` into place: {e}", stage.display()))?;
    if backup.exists() {
        fs::remove_dir_all(&backup).map_err(|e| format!("cannot remove `{}`: {e}", backup.display()))?;
    }
    Ok(())
}

/// A symbolic link of the user's inside the crate must not carry generated files elsewhere.
fn no_symlink_on_the_way(root: &Path, rel: &str) -> Result<(), String> {
    let mut p = root.to_path_buf();
    for part in rel.split('/') {
        p.push(part);
        if p.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(format!("refusing to write `{rel}`: `{part}` in the output directory is a symbolic link"));
        }
    }
    Ok(())
}

/// Hard links keep the file's mtime (cargo then rebuilds nothing); copies where links fail.
fn link_or_copy(from: &Path, to: &Path) -> Result<(), String> {
    if let Some(dir) = to.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
    }
    if fs::hard_link(from, to).is_ok() {
        return Ok(());
    }
    fs::copy(from, to).map(|_| ()).map_err(|e| format!("cannot copy `{}`: {e}", from.display()))
}
