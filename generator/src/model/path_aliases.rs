//! Forms of a listed path that the service accepts and the docs' examples use, though the
//! page does not list them: `/me/x` for `/users/{id}/x` and `/me/drive/x` for `/drive/x`
//! (the signed-in user), and for a drive item `.../items/{item-id}/x` the root `.../root/x`
//! and the path below it `.../root:/{item-path}:/x`. Each gets its own path function.

use super::paths::{self, PathTemplate};
use crate::pages::Phrase;

/// The listed paths followed by those of their forms that are not listed already.
pub fn with_aliases(listed: Vec<PathTemplate>) -> Vec<PathTemplate> {
    let mut all = listed;
    let mut seen: Vec<String> = all.iter().map(paths::shape).collect();
    // `/me` forms first, so that the drive forms below cover them too.
    for i in 0..all.len() {
        if let Some(me) = me_form(&all[i].text) {
            add(&mut all, &mut seen, &me, i);
        }
    }
    for i in 0..all.len() {
        for form in drive_root_forms(&all[i].text) {
            add(&mut all, &mut seen, &form, i);
        }
    }
    all
}

/// Adds `text` as a form of `all[of]` unless a path of its shape is there already.
fn add(all: &mut Vec<PathTemplate>, seen: &mut Vec<String>, text: &str, of: usize) {
    let Some(form) = paths::derived(text, &all[of]) else { return };
    let shape = paths::shape(&form);
    if !seen.contains(&shape) {
        seen.push(shape);
        all.push(form);
    }
}

/// `/users/{id | userPrincipalName}/x` → `/me/x`; `/drive/x` (the signed-in user's drive) →
/// `/me/drive/x`.
fn me_form(text: &str) -> Option<String> {
    if text == "/drive" || text.starts_with("/drive/") {
        return Some(["/me", text].concat());
    }
    let rest = text.strip_prefix("/users/{")?;
    let (_, rest) = rest.split_once('}')?;
    (rest.is_empty() || rest.starts_with('/')).then(|| ["/me", rest].concat())
}

/// `<drive>/items/{item-id}/x` → `<drive>/root/x` and `<drive>/root:/{item-path}:/x`, where
/// `<drive>` ends in `/drive` or `/drives/{drive-id}`.
fn drive_root_forms(text: &str) -> Vec<String> {
    static ITEMS: Phrase = Phrase::new("/items/{");
    let Some(at) = ITEMS.find(text) else { return Vec::new() };
    let (drive, after) = text.split_at(at);
    let is_drive = drive.ends_with("/drive") || drive.rsplit_once("/drives/{").is_some_and(|(_, id)| id.ends_with('}') && !id.contains('/'));
    let Some((_, rest)) = after["/items/{".len()..].split_once('}') else { return Vec::new() };
    if !is_drive || !(rest.is_empty() || rest.starts_with('/')) {
        return Vec::new();
    }
    let below = if rest.is_empty() { [drive, "/root:/{item-path}"].concat() } else { [drive, "/root:/{item-path}:", rest].concat() };
    vec![[drive, "/root", rest].concat(), below]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[&str]) -> Vec<(String, Option<String>)> {
        let listed = lines.iter().map(|l| paths::parse_line(l, None).unwrap().path).collect();
        with_aliases(listed).into_iter().map(|p| (p.text, p.alias_of)).collect()
    }

    #[test]
    fn me_forms_of_user_paths() {
        let got = texts(&["GET /users/{id | userPrincipalName}/checkMemberGroups", "GET /users/{id}"]);
        assert_eq!(got[2], ("/me/checkMemberGroups".into(), Some("/users/{id | userPrincipalName}/checkMemberGroups".into())));
        assert_eq!(got[3], ("/me".into(), Some("/users/{id}".into())));
        assert_eq!(got.len(), 4);
        let got = texts(&["GET /drive/items/{item-id}/content"]);
        assert_eq!(got[1].0, "/me/drive/items/{item-id}/content");
    }

    #[test]
    fn listed_forms_are_not_repeated() {
        let got = texts(&["GET /me/events/{id}", "GET /users/{user-id}/events/{event-id}"]);
        assert_eq!(got.len(), 2);
        assert!(texts(&["GET /usersettings/{id}"]).len() == 1);
    }

    #[test]
    fn drive_items_by_root_and_path() {
        let got = texts(&["GET /drives/{drive-id}/items/{item-id}/children"]);
        let forms: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(forms, ["/drives/{drive-id}/items/{item-id}/children", "/drives/{drive-id}/root/children", "/drives/{drive-id}/root:/{item-path}:/children"]);
        let got = texts(&["GET /users/{id}/drive/items/{item-id}"]);
        let forms: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert!(forms.contains(&"/me/drive/root"), "{forms:?}");
        assert!(forms.contains(&"/me/drive/root:/{item-path}"), "{forms:?}");
        assert!(got.iter().skip(1).all(|(_, of)| of.as_deref() == Some("/users/{id}/drive/items/{item-id}")));
        // Items of something that is not a drive have no root.
        assert_eq!(texts(&["GET /connections/{id}/items/{item-id}"]).len(), 1);
    }
}
