//! Attestations on a joined laptop: those the server gives (of changes it holds) and those that
//! came in sync files are kept in storage, so that this laptop's own sync files can carry other
//! devices' changes; those by authors are handed to the server before the changes they cover
//! (an office online passing on a district's USB file).

use super::SyncEngine;
use crate::storage::attested::{keep_attested, load_attested};
use tiendo_core::schema::genesis::WORKSPACE_DOC;
use tiendo_core::schema::{self, WorkspaceDoc};
use tiendo_core::sync::{Attestation, Rights};

impl SyncEngine {
    /// The rights of the workspace as this laptop holds it.
    pub(super) fn rights(&self) -> Option<Rights> {
        let docs = self.docs.borrow();
        let ws = docs.get(WORKSPACE_DOC).and_then(|d| schema::read::<WorkspaceDoc, _>(&d.doc).ok())?;
        Some(Rights::from_workspace(&ws))
    }

    /// Keeps the server's attestations of changes it gives.
    pub(super) fn take_attested(&self, items: Vec<Attestation>) {
        let Some(me) = self.me.upgrade() else { return };
        wasm_bindgen_futures::spawn_local(async move {
            let Some(rights) = me.rights() else { return };
            if let Err(e) = keep_attested(me.store.storage(), &rights, items).await {
                me.update(|s| s.problem = Some(tiendo_core::sync::SyncProblem::Storage(e.to_string())));
            }
        });
    }

    /// The authors' attestations kept here (from sync files): the server takes another
    /// device's changes only with them, so the driver hands them on before the documents.
    pub(super) async fn attested_by_authors(&self) -> Vec<Attestation> {
        let Some(rights) = self.rights() else { return Vec::new() };
        let kept = load_attested(self.store.storage(), &rights).await;
        kept.by_authors(&rights).cloned().collect()
    }
}
