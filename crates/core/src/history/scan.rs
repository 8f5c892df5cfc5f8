//! The open conflicts of many reports documents (the office's inbox and its count), read in one
//! pass over storage. What a document was found to hold is kept in memory and in storage
//! (`conflicts/<doc>/<fingerprint>`), valid while its chunks are the same (chunk keys are hashes
//! of their bytes), so that opening the app loads no document that did not change; everything is
//! scanned again when the workspace changed (its devices name the authors).

use super::entry::{conflicts, Authors, ConflictEntry};
use crate::schema::genesis::WORKSPACE_DOC;
use crate::storage::{fingerprint, DocStore, Storage, StorageError, StorageKey, StoredDoc};
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;

/// The first part of the keys of kept scans.
const CONFLICTS: &str = "conflicts";

/// Something to await between two documents that had to be loaded (in the browser: the next
/// turn of the event loop, so that a long scan never holds the page).
pub type Pause<'a> = &'a dyn Fn() -> Pin<Box<dyn Future<Output = ()>>>;

/// What the last scan found, per document, by the fingerprint of its chunks.
#[derive(Debug, Clone, Default)]
pub struct ConflictScan {
    workspace: String,
    seen: BTreeMap<String, (String, Vec<ConflictEntry>)>,
    /// How many documents the last run had to load and scan (the rest were unchanged).
    pub scanned: usize,
}

impl ConflictScan {
    /// The open conflicts of the documents `ids` that storage holds, in the order of `ids`.
    /// A kept scan that cannot be written costs only the next run's time.
    pub async fn run<S: Storage>(
        &mut self,
        store: &DocStore<S>,
        ids: &[String],
        authors: &Authors,
        pause: Option<Pause<'_>>,
    ) -> Result<Vec<ConflictEntry>, StorageError> {
        let everything = store.storage().load_range(&StorageKey::root()).await?;
        let mut chunks: BTreeMap<&str, Vec<(StorageKey, Vec<u8>)>> = BTreeMap::new();
        let mut kept: BTreeMap<(String, String), Vec<u8>> = BTreeMap::new();
        let mut workspace_keys = Vec::new();
        for (key, bytes) in everything {
            let parts = key.parts();
            if parts.len() != 3 {
                continue;
            }
            if parts[0] == WORKSPACE_DOC {
                workspace_keys.push(key);
            } else if parts[0] == CONFLICTS {
                kept.insert((parts[1].clone(), parts[2].clone()), bytes);
            } else if let Some(id) = ids.iter().find(|i| **i == parts[0]) {
                chunks.entry(id.as_str()).or_default().push((key, bytes));
            }
        }
        // Kept scans name the authors as the workspace did then: its fingerprint is part of theirs.
        let workspace = fingerprint(&workspace_keys);
        if workspace != self.workspace {
            self.seen.clear();
            self.workspace = workspace;
        }
        self.scanned = 0;
        let mut out = Vec::new();
        for id in ids {
            let Some(doc_chunks) = chunks.remove(id.as_str()) else { continue };
            let keys: Vec<StorageKey> = doc_chunks.iter().map(|(k, _)| k.clone()).collect();
            let fp = format!("{}-{}", fingerprint(&keys), &self.workspace[..8.min(self.workspace.len())]);
            if let Some((_, found)) = self.seen.get(id).filter(|(known, _)| *known == fp) {
                out.extend(found.iter().cloned());
                continue;
            }
            let stored =
                kept.get(&(id.clone(), fp.clone())).and_then(|b| serde_json::from_slice::<Vec<ConflictEntry>>(b).ok());
            let found = match stored {
                Some(found) => found,
                None => {
                    if let (Some(pause), true) = (pause, self.scanned > 0) {
                        pause().await;
                    }
                    let mut d = StoredDoc::new(id, automerge::AutoCommit::new());
                    d.absorb(doc_chunks);
                    let found = conflicts(id, &mut d.doc, authors);
                    self.scanned += 1;
                    let _ = self.keep(store, id, &fp, &found).await;
                    found
                }
            };
            out.extend(found.iter().cloned());
            self.seen.insert(id.clone(), (fp, found));
        }
        Ok(out)
    }

    /// Writes what `id` holds under its fingerprint, in place of what was kept before.
    async fn keep<S: Storage>(
        &self,
        store: &DocStore<S>,
        id: &str,
        fp: &str,
        found: &[ConflictEntry],
    ) -> Result<(), StorageError> {
        let Ok(prefix) = StorageKey::new([CONFLICTS, id]) else { return Ok(()) };
        for (old, _) in store.storage().load_range(&prefix).await? {
            store.storage().remove(&old).await?;
        }
        match (StorageKey::new([CONFLICTS, id, fp]), serde_json::to_vec(found)) {
            (Ok(key), Ok(json)) => store.storage().put(&key, &json).await,
            _ => Ok(()),
        }
    }
}
