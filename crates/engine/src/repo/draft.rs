//! This tab's draft: the values typed since its open change began, written within a second;
//! and the drafts of tabs that died before closing their change, replayed when a tab opens the
//! document (see `tiendo_core::storage::Draft`).

use super::Repo;
use crate::storage::AnyStorage;
use tiendo_core::engine::{EngineError, Stash};
use tiendo_core::storage::{draft_key, drafts_of, DocStore, Draft, DraftEdit, Storage, StorageKey, StoredDoc};

/// Where the browser cannot tell live tabs (no Web Locks), a draft counts as left behind once it
/// has not been rewritten for this long: a live tab closes its change well before.
const ABANDONED_AFTER_MS: i64 = 120_000;

/// Replays into `doc` the drafts of tabs no longer alive (stored, and `stashes` their pages kept
/// as they went away), writes the result as one change, and then removes the stored drafts.
/// Unreadable drafts stay where they are. Returns the keys of the stashes replayed.
pub(super) async fn replay_dead_tabs(
    store: &DocStore<AnyStorage>,
    doc: &mut StoredDoc,
    stashes: &[Stash],
) -> Result<Vec<String>, EngineError> {
    let prefix = drafts_of(doc.id())?;
    let stored = store.storage().load_range(&prefix).await?;
    let stashed: Vec<(&str, &str, Draft)> = stashes
        .iter()
        .filter(|s| s.doc == doc.id())
        .filter_map(|s| Some((s.key.as_str(), s.tab.as_str(), Draft::from_bytes(&s.draft).ok()?)))
        .collect();
    if stored.is_empty() && stashed.is_empty() {
        return Ok(Vec::new());
    }
    let live = crate::storage::locks::live_tabs().await;
    let now = js_sys::Date::now() as i64;
    let dead = |tab: &str, draft: &Draft| match &live {
        Some(live) => !live.contains(tab),
        None => now - draft.saved_ms > ABANDONED_AFTER_MS,
    };
    let mut replayed: Vec<StorageKey> = Vec::new();
    for (key, bytes) in stored {
        let Some(tab) = key.parts().get(2) else { continue };
        let Ok(draft) = Draft::from_bytes(&bytes) else { continue };
        if dead(tab, &draft) {
            draft.replay(&mut doc.doc)?;
            replayed.push(key);
        }
    }
    // Stashed as the page went away: newer than any draft the same tab stored, so replayed after.
    let mut unstash = Vec::new();
    for (stash, tab, draft) in stashed {
        if dead(tab, &draft) {
            draft.replay(&mut doc.doc)?;
            unstash.push(stash.to_owned());
        }
    }
    if replayed.is_empty() && unstash.is_empty() {
        return Ok(Vec::new());
    }
    tiendo_core::changes::commit_at(&mut doc.doc, js_sys::Date::now() as i64);
    store.save(doc).await?;
    for key in &replayed {
        store.storage().remove(key).await?;
    }
    // The page forgets the stashes replayed once it hears of them.
    Ok(unstash)
}

impl Repo {
    pub(super) fn note(&self, edit: DraftEdit) {
        self.draft.borrow_mut().note(edit);
        self.draft_edits.set(self.draft_edits.get() + 1);
    }

    /// Whether the document holds edits not yet in a written change: none of its changes may
    /// leave this tab (to the server) until [`Repo::flush`] has written them and dropped the draft.
    pub fn has_open_edits(&self) -> bool {
        use automerge::transaction::Transactable;
        self.reports.borrow().doc.pending_ops() > 0 || !self.draft.borrow().is_empty()
    }

    /// Writes the values typed since the open change began (one small record, no change closed).
    /// Returns whether there was anything to write.
    pub async fn write_draft(&self) -> Result<bool, EngineError> {
        let bytes = {
            let mut draft = self.draft.borrow_mut();
            if draft.is_empty() {
                return Ok(false);
            }
            draft.saved_ms = js_sys::Date::now() as i64;
            draft.to_bytes()
        };
        let key = draft_key(&self.reports_id(), &self.tab)?;
        self.store.storage().put(&key, &bytes).await?;
        Ok(true)
    }

    /// The draft is written into a change now: forgets it, unless edits came meanwhile (a
    /// draft left behind only replays values the document holds).
    pub(super) async fn drop_draft(&self, noted: u64) -> Result<(), EngineError> {
        if self.draft_edits.get() != noted || self.draft.borrow().is_empty() {
            return Ok(());
        }
        *self.draft.borrow_mut() = Draft::default();
        let key = draft_key(&self.reports_id(), &self.tab)?;
        Ok(self.store.storage().remove(&key).await?)
    }
}
