//! My reports while edits are open (typed, kept as a draft, not yet written as a change): no
//! change of theirs may reach the server before it is written and its draft dropped, or a tab
//! that died would replay the draft into a second copy of what the server already has. So
//! nothing of my reports goes out then, and messages about them wait for the write.

use super::SyncEngine;
use crate::state::repo::Repo;

impl SyncEngine {
    /// Whether my reports must not go out now (edits are open). When they may, messages that
    /// waited are applied first.
    pub(super) fn held_back(&self, repo: &Repo) -> bool {
        if repo.has_open_edits() {
            return true;
        }
        self.apply_deferred();
        false
    }

    /// Applies the messages about my reports that waited for open edits to be written.
    fn apply_deferred(&self) {
        let waiting = std::mem::take(&mut *self.deferred.borrow_mut());
        for (id, data) in waiting {
            self.apply(&id, &data);
        }
    }

    /// Keeps a message about my reports for after the write of open edits (asked for at once).
    /// Returns whether it was kept.
    pub(super) fn defer_while_open(&self, repo: &Repo, id: &str, data: &[u8]) -> bool {
        if !self.held_back(repo) {
            return false;
        }
        self.deferred.borrow_mut().push((id.to_owned(), data.to_vec()));
        self.ctx.flush_now();
        true
    }
}
