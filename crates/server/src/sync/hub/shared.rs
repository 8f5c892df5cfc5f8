//! Changes another node stored (several `tiendo serve` on one PostgreSQL): the hub takes the
//! document's chunks in and tells its own connections, as it does for a change one of them sent.

use super::{Effect, Hub};
use tiendo_core::schema::genesis::WORKSPACE_DOC;
use tiendo_core::storage::StorageKey;

impl Hub {
    /// Takes in chunks of `id` read from the shared store. Chunks already held are skipped; the
    /// changes count as stored (another node wrote them). Returns what to send.
    pub fn take_in_stored(&mut self, id: &str, chunks: Vec<(StorageKey, Vec<u8>)>) -> Vec<Effect> {
        let mut effects = Vec::new();
        if !self.ensure(id) {
            return effects;
        }
        let Some(doc) = self.docs.get_mut(id) else { return effects };
        if doc.stored.absorb(chunks) == 0 {
            return effects;
        }
        // Made again when next needed: the other node's writers are not in it.
        doc.vouched = None;
        tracing::debug!(doc = id, "changes stored by another node taken in");
        if id == WORKSPACE_DOC {
            self.refresh_rights();
        }
        self.fan_out(id, None, &mut effects);
        effects
    }
}
