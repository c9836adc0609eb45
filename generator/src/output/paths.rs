//! Output paths come from names in the docs; none may leave the output directory.

use std::path::{Component, Path};

/// Accepts `a/b.rs`-style relative paths made of plain names only.
pub fn safe_relative(rel: &str) -> Result<(), String> {
    let p = Path::new(rel);
    let ok = !rel.is_empty()
        && !rel.contains('\\')
        && p.components().all(|c| matches!(c, Component::Normal(n) if n.to_str().is_some_and(|s| !s.starts_with('.') || s == ".graphgen-manifest")));
    if ok {
        Ok(())
    } else {
        Err(format!("refusing to write `{rel}`: not a plain relative path inside the output directory"))
    }
}

#[cfg(test)]
mod tests {
    use super::safe_relative;

    #[test]
    fn only_plain_relative_paths() {
        assert!(safe_relative("src/models/users.rs").is_ok());
        for bad in ["../x.rs", "/etc/passwd", "src/../../x", "", "a\\b", "src/.hidden", "./x"] {
            assert!(safe_relative(bad).is_err(), "{bad}");
        }
    }
}
