//! Writing a batch of saves: every chunk and compaction the hub handed out, all before any
//! peer hears of them. What fails comes back, in the order given, for the documents to take
//! back as unsaved ([`tiendo_core::storage::StoredDoc::give_back`]).

use super::{files, Backend};
use crate::fs_storage::FsStorage;
use std::sync::Arc;
use tiendo_core::storage::{run_ready, Storage, StorageKey, Write};

impl Backend {
    /// Writes a batch's chunks and compactions; a compaction removes what it replaces only after
    /// its snapshot is written. Returns the writes that did not happen, in the order given (all
    /// of a failed PostgreSQL transaction).
    pub async fn write(&self, writes: Vec<Write>) -> Result<(), Vec<Write>> {
        match self {
            Backend::Dir(dir) => write_files(files(dir), writes).await,
            Backend::Pg(pg) => {
                let entries: Vec<(StorageKey, Vec<u8>)> = writes
                    .iter()
                    .map(|w| match w {
                        Write::Chunk(c) => (c.key.clone(), c.bytes.clone()),
                        Write::Compaction(c) => (c.snapshot.key.clone(), c.snapshot.bytes.clone()),
                    })
                    .collect();
                if let Err(e) = pg.put_all(&entries).await {
                    tracing::error!(error = %e, "could not save document chunks");
                    return Err(writes);
                }
                for key in replaced(&writes) {
                    if let Err(e) = pg.remove(key).await {
                        tracing::warn!(key = %key, error = %e, "could not remove a compacted chunk");
                    }
                }
                Ok(())
            }
        }
    }
}

/// The chunks the compactions among `writes` replace.
fn replaced(writes: &[Write]) -> impl Iterator<Item = &StorageKey> {
    writes.iter().flat_map(|w| match w {
        Write::Compaction(c) => c.replaced.as_slice(),
        Write::Chunk(_) => &[],
    })
}

/// Writes to files in parallel on blocking threads (each fsynced).
async fn write_files(storage: FsStorage, writes: Vec<Write>) -> Result<(), Vec<Write>> {
    // Shared with the task, so that a write is given back even if its task died.
    let writes: Vec<Arc<Write>> = writes.into_iter().map(Arc::new).collect();
    let mut tasks = Vec::new();
    for w in &writes {
        let (storage, w) = (storage.clone(), w.clone());
        tasks.push(tokio::task::spawn_blocking(move || {
            let (key, bytes) = match w.as_ref() {
                Write::Chunk(c) => (&c.key, &c.bytes),
                Write::Compaction(c) => (&c.snapshot.key, &c.snapshot.bytes),
            };
            if let Err(e) = run_ready(storage.put(key, bytes)) {
                tracing::error!(error = %e, "could not save a document chunk");
                return false;
            }
            for key in replaced(std::slice::from_ref(w.as_ref())) {
                if let Err(e) = run_ready(storage.remove(key)) {
                    tracing::warn!(key = %key, error = %e, "could not remove a compacted chunk");
                }
            }
            true
        }));
    }
    let mut written = Vec::with_capacity(tasks.len());
    for task in tasks {
        written.push(task.await.unwrap_or_else(|e| {
            tracing::error!(error = %e, "a save task failed");
            false
        }));
    }
    if written.iter().all(|ok| *ok) {
        return Ok(());
    }
    Err(writes
        .into_iter()
        .zip(written)
        .filter(|(_, ok)| !ok)
        // Every task has ended, so each write has one holder again.
        .filter_map(|(w, _)| Arc::try_unwrap(w).ok())
        .collect())
}
