//! Automerge documents over a [`Storage`]: incremental saves, and compaction that removes only
//! the chunks this handle has loaded, so that a second tab's unseen writes are never dropped.

use super::{KeyError, Storage, StorageError, StorageKey};
use automerge::{AutoCommit, ChangeHash};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;

const INCREMENTAL: &str = "incremental";
const SNAPSHOT: &str = "snapshot";

/// Why a document could not be loaded or saved.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The storage failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The document id cannot be a key part.
    #[error(transparent)]
    Key(#[from] KeyError),
}

/// A document opened from storage, with the chunks it was built from.
#[derive(Debug)]
pub struct StoredDoc {
    id: String,
    /// The document. Edit it, then [`DocStore::save`].
    pub doc: AutoCommit,
    loaded: BTreeSet<String>,
    unreadable: BTreeSet<String>,
    saved_heads: Vec<ChangeHash>,
}

impl StoredDoc {
    /// The document id.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Chunks under this document that did not load (kept in storage, never removed).
    pub fn unreadable_chunks(&self) -> usize {
        self.unreadable.len()
    }
    /// How many chunks this handle has loaded or written.
    pub fn chunk_count(&self) -> usize {
        self.loaded.len()
    }
    /// Whether there are changes not yet saved.
    pub fn has_unsaved(&mut self) -> bool {
        self.doc.get_heads() != self.saved_heads
    }
}

/// Opens, saves and compacts documents in a storage.
#[derive(Debug, Clone)]
pub struct DocStore<S> {
    storage: S,
    compact_after: usize,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn chunk_key(id: &str, kind: &str, bytes: &[u8]) -> Result<StorageKey, KeyError> {
    StorageKey::new([id, kind, &hex(&Sha256::digest(bytes))])
}

impl<S: Storage> DocStore<S> {
    /// A store that compacts a document once it has more than 64 chunks.
    pub fn new(storage: S) -> Self {
        Self { storage, compact_after: 64 }
    }
    /// The same, compacting after `chunks` chunks (tests use small numbers).
    pub fn with_compact_after(storage: S, chunks: usize) -> Self {
        Self { storage, compact_after: chunks.max(1) }
    }
    /// The storage underneath.
    pub fn storage(&self) -> &S {
        &self.storage
    }

    /// Opens a document; `None` if storage holds nothing under its id.
    pub async fn open(&self, id: &str) -> Result<Option<StoredDoc>, StoreError> {
        let mut stored = StoredDoc {
            id: id.to_owned(),
            doc: AutoCommit::new(),
            loaded: BTreeSet::new(),
            unreadable: BTreeSet::new(),
            saved_heads: Vec::new(),
        };
        let found = self.load_new_chunks(&mut stored).await?;
        Ok((found > 0 || stored.unreadable_chunks() > 0).then_some(stored))
    }

    /// Stores a new document as its first snapshot.
    pub async fn create(&self, id: &str, doc: AutoCommit) -> Result<StoredDoc, StoreError> {
        let mut stored = StoredDoc {
            id: id.to_owned(),
            doc,
            loaded: BTreeSet::new(),
            unreadable: BTreeSet::new(),
            saved_heads: Vec::new(),
        };
        self.write_snapshot(&mut stored).await?;
        Ok(stored)
    }

    /// Writes the changes made since the last save as one chunk; compacts when chunks pile up.
    /// Returns whether anything was written.
    pub async fn save(&self, d: &mut StoredDoc) -> Result<bool, StoreError> {
        let bytes = d.doc.save_after(&d.saved_heads);
        if bytes.is_empty() {
            return Ok(false);
        }
        let key = chunk_key(&d.id, INCREMENTAL, &bytes)?;
        self.storage.put(&key, &bytes).await?;
        d.loaded.insert(key.encode());
        d.saved_heads = d.doc.get_heads();
        if d.loaded.len() > self.compact_after {
            self.compact(d).await?;
        }
        Ok(true)
    }

    /// Saves, then merges the chunks other handles (other tabs) wrote. Returns whether the
    /// document gained changes.
    pub async fn refresh(&self, d: &mut StoredDoc) -> Result<bool, StoreError> {
        self.save(d).await?;
        let before = d.doc.get_heads();
        self.load_new_chunks(d).await?;
        Ok(d.doc.get_heads() != before)
    }

    /// Replaces the chunks this handle has loaded with one snapshot. Chunks it has not loaded
    /// stay: they may hold another tab's changes.
    pub async fn compact(&self, d: &mut StoredDoc) -> Result<(), StoreError> {
        self.save_pending(d).await?;
        let old = std::mem::take(&mut d.loaded);
        self.write_snapshot(d).await?;
        for key in old.iter().filter(|k| !d.loaded.contains(*k)) {
            self.storage.remove(&StorageKey::decode(key)?).await?;
        }
        Ok(())
    }

    async fn save_pending(&self, d: &mut StoredDoc) -> Result<(), StoreError> {
        let bytes = d.doc.save_after(&d.saved_heads);
        if !bytes.is_empty() {
            let key = chunk_key(&d.id, INCREMENTAL, &bytes)?;
            self.storage.put(&key, &bytes).await?;
            d.loaded.insert(key.encode());
            d.saved_heads = d.doc.get_heads();
        }
        Ok(())
    }

    async fn write_snapshot(&self, d: &mut StoredDoc) -> Result<(), StoreError> {
        let bytes = d.doc.save();
        let key = chunk_key(&d.id, SNAPSHOT, &bytes)?;
        self.storage.put(&key, &bytes).await?;
        d.loaded.insert(key.encode());
        d.saved_heads = d.doc.get_heads();
        Ok(())
    }

    /// Loads the chunks under the document's id that this handle has not seen. Returns how
    /// many loaded.
    async fn load_new_chunks(&self, d: &mut StoredDoc) -> Result<usize, StoreError> {
        let prefix = StorageKey::new([d.id.as_str()])?;
        let mut count = 0;
        for (key, bytes) in self.storage.load_range(&prefix).await? {
            let encoded = key.encode();
            if key.parts().len() != 3 || d.loaded.contains(&encoded) || d.unreadable.contains(&encoded) {
                continue;
            }
            // Keys are the hash of their bytes: a chunk that does not match was damaged.
            let expected = hex(&Sha256::digest(&bytes));
            let ok = key.parts()[2] == expected && d.doc.load_incremental(&bytes).is_ok();
            if ok {
                d.loaded.insert(encoded);
                count += 1;
            } else {
                d.unreadable.insert(encoded);
            }
        }
        d.saved_heads = d.doc.get_heads();
        Ok(count)
    }
}
