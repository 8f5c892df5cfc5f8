//! The open conflicts of many reports documents (the office's inbox and its count), read in one
//! pass over storage. A document is scanned again only when its chunks changed (chunk keys are
//! hashes of their bytes), and all again when the workspace did (its devices name the authors).

use super::entry::{conflicts, Authors, ConflictEntry};
use crate::schema::genesis::WORKSPACE_DOC;
use crate::storage::{fingerprint, DocStore, Storage, StorageError, StorageKey, StoredDoc};
use std::collections::BTreeMap;

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
    pub async fn run<S: Storage>(
        &mut self,
        store: &DocStore<S>,
        ids: &[String],
        authors: &Authors,
    ) -> Result<Vec<ConflictEntry>, StorageError> {
        let everything = store.storage().load_range(&StorageKey::root()).await?;
        let mut chunks: BTreeMap<&str, Vec<(StorageKey, Vec<u8>)>> = BTreeMap::new();
        let mut workspace_keys = Vec::new();
        for (key, bytes) in everything {
            let parts = key.parts();
            if parts.len() != 3 {
                continue;
            }
            if parts[0] == WORKSPACE_DOC {
                workspace_keys.push(key);
            } else if let Some(id) = ids.iter().find(|i| **i == parts[0]) {
                chunks.entry(id.as_str()).or_default().push((key, bytes));
            }
        }
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
            let fp = fingerprint(&keys);
            if let Some((_, found)) = self.seen.get(id).filter(|(known, _)| *known == fp) {
                out.extend(found.iter().cloned());
                continue;
            }
            let mut d = StoredDoc::new(id, automerge::AutoCommit::new());
            d.absorb(doc_chunks);
            let found = conflicts(id, &mut d.doc, authors);
            self.scanned += 1;
            out.extend(found.iter().cloned());
            self.seen.insert(id.clone(), (fp, found));
        }
        Ok(out)
    }
}
