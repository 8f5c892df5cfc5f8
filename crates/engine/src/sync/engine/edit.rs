//! Local edits to documents the engine holds (the office's reviews document).

use super::SyncEngine;
use crate::repo::tab_actor;
use std::cell::RefMut;
use tiendo_core::engine::EngineError;
use tiendo_core::ids::DeviceId;

impl SyncEngine {
    /// Applies `f` to document `id` as this device, saves the change and sends it. `first` is the
    /// document's genesis, merged in if sync has not brought the document yet.
    pub async fn edit_doc(
        &self,
        id: &str,
        device: &DeviceId,
        mut first: automerge::AutoCommit,
        f: impl FnOnce(&mut automerge::AutoCommit) -> Result<(), EngineError>,
    ) -> Result<(), EngineError> {
        let _ = self.load_wanted().await;
        {
            let mut docs = self.docs.borrow_mut();
            let d = docs.get_mut(id).ok_or_else(|| EngineError::NotHeld(id.to_owned()))?;
            if d.doc.get_heads().is_empty() {
                // Not brought by sync yet: start from the same genesis as everyone.
                d.doc.merge(&mut first)?;
            }
            d.doc.set_actor(tab_actor(device));
            f(&mut d.doc)?;
            tiendo_core::changes::commit_at(&mut d.doc, js_sys::Date::now() as i64);
        }
        // A failed write leaves the change unsaved, for the next save (not counted as written).
        let held = || RefMut::filter_map(self.docs.borrow_mut(), |m| m.get_mut(id)).ok();
        self.store.save_held(held).await?;
        self.run(tiendo_core::sync::DriverEvent::Changed(id.to_owned()));
        Ok(())
    }
}
