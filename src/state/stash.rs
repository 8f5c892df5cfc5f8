//! What this tab has typed and the engine has not yet written, kept in local storage at once
//! (synchronously) as the page goes away: an IndexedDB write started then may never finish (a
//! reload right after typing), and an engine in a worker goes with the page. The next tab's
//! engine replays it when it opens the document, if this tab is gone.

use gloo_storage::{LocalStorage, Storage as _};
use tiendo_core::engine::Stash;
use tiendo_core::storage::{Draft, DraftEdit};

/// The first part of a stash's key: `tiendo.draft.<document>.<tab>`.
const PREFIX: &str = "tiendo.draft.";

/// Every stash kept on this laptop.
pub fn all() -> Vec<Stash> {
    let raw = LocalStorage::raw();
    (0..raw.length().unwrap_or(0))
        .filter_map(|i| raw.key(i).ok().flatten())
        .filter_map(|key| {
            let (doc, tab) = key.strip_prefix(PREFIX)?.rsplit_once('.')?;
            let (doc, tab) = (doc.to_owned(), tab.to_owned());
            let draft = raw.get_item(&key).ok().flatten()?.into_bytes();
            Some(Stash { key, doc, tab, draft })
        })
        .collect()
}

/// Keeps `edits` of document `doc` typed in tab `tab`, now.
pub fn keep<'a>(doc: &str, tab: &str, edits: impl IntoIterator<Item = &'a DraftEdit>) {
    let mut draft = Draft::default();
    for edit in edits {
        draft.note(edit.clone());
    }
    if draft.is_empty() {
        return;
    }
    draft.saved_ms = js_sys::Date::now() as i64;
    let text = String::from_utf8(draft.to_bytes()).unwrap_or_default();
    let _ = LocalStorage::raw().set_item(&key(doc, tab), &text);
}

/// Forgets the stash of `doc` typed in `tab`.
pub fn forget_of(doc: &str, tab: &str) {
    LocalStorage::delete(key(doc, tab));
}

/// Forgets the stash under `key`.
pub fn forget(key: &str) {
    LocalStorage::delete(key);
}

fn key(doc: &str, tab: &str) -> String {
    format!("{PREFIX}{doc}.{tab}")
}
