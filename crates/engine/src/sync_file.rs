//! Sync files as the engine's commands: export what this agency gives, check a chosen file
//! (the checked file waits in the engine, the page gets its preview), import the checked file.

use crate::check_pool::CheckPool;
use crate::files::{self, Checked, Held};
use crate::{mark, next_task, Engine};
use tiendo_core::engine::{EngineError, EngineEvent, Exported, FileChecked, Imported, NotChecked};
use tiendo_core::file::{sha256_hex, DeviceKey, Prepared};

/// A checked file waiting to be imported.
pub(crate) struct Pending {
    prepared: Prepared,
    held: Held,
    sha256: String,
}

impl Engine {
    /// Writes what is typed, then makes this agency's sync file, signed with `key`.
    pub async fn export_file(&self, key: &DeviceKey, now_ms: i64) -> Result<Exported, EngineError> {
        let repo = self.repo().ok_or(EngineError::NotOpen)?;
        let (device, agency) = self.device().zip(self.agency()).ok_or(EngineError::NotOpen)?;
        let _ = repo.flush().await;
        let mut held = files::held(repo.store()).await?;
        let (name, bytes, docs) = files::export(&mut held, key, &device, &agency, now_ms);
        Ok(Exported { name, bytes, docs, heads: repo.heads() })
    }

    /// Checks `bytes` against what this laptop holds (on the pool's workers when given); nothing
    /// is written. A file to import waits here for [`Engine::import_checked`].
    pub async fn check_file(&self, bytes: &[u8], pool: Option<&CheckPool>) -> Result<FileChecked, NotChecked> {
        *self.pending.borrow_mut() = None;
        let repo = self.repo().ok_or_else(|| NotChecked::local(EngineError::NotOpen))?;
        let sha256 = sha256_hex(bytes);
        let _ = repo.flush().await;
        mark("tiendo:file:read");
        let (checked, held) = files::check_file(repo.store(), bytes, pool).await?;
        Ok(match checked {
            Checked::Receipt(_, docs) => FileChecked::Receipt(docs),
            Checked::Export(p) if p.already_imported() => FileChecked::Already,
            Checked::Export(p) => {
                let shown = FileChecked::Preview(p.preview.clone(), p.manifest.agency.clone());
                *self.pending.borrow_mut() = Some(Pending { prepared: *p, held, sha256 });
                shown
            }
        })
    }

    /// Imports the checked file, all or nothing, and signs its receipt with `key`. What it
    /// brought is then cached for the office's views, taken into my open reports and sent on
    /// to the server when online, after the answer.
    pub async fn import_checked(&self, key: &DeviceKey, now_ms: i64) -> Result<Imported, EngineError> {
        let repo = self.repo().ok_or(EngineError::NotOpen)?;
        let (device, agency) = self.device().zip(self.agency()).ok_or(EngineError::NotOpen)?;
        let pending = self.pending.borrow_mut().take().ok_or(EngineError::NothingToImport)?;
        let Pending { prepared, held, sha256 } = pending;
        let docs = files::apply(repo.store(), &held, &prepared, &sha256).await?;
        // The workspace read for the check signs the receipt: nothing is read again.
        let receipt = files::receipt(&held.workspace, &prepared.manifest, key, &device, &agency, now_ms);
        let imported =
            Imported { docs, receipt, agency: prepared.manifest.agency.clone(), preview: prepared.preview.clone() };
        self.later(async move |engine| {
            // After the result is shown: the read caches (they only save the office's views a
            // load), the open views, and, online, sending what the file brought on.
            next_task().await;
            files::cache_values(repo.store(), &prepared.values).await;
            mark("tiendo:file:cached");
            engine.refresh();
            engine.tell(EngineEvent::DocsChanged);
            if let Some(sync) = engine.sync() {
                let ids: Vec<String> = prepared.docs.iter().map(|d| d.id.clone()).collect();
                sync.take_in_stored(&ids).await;
            }
        });
        Ok(imported)
    }
}
