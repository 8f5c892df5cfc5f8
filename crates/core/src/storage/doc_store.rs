//! Automerge documents over a [`Storage`]: incremental saves, and compaction that removes only
//! the chunks this handle has loaded, so that a second tab's unseen writes are never dropped.
//!
//! [`StoredDoc`] is sans-IO: it prepares chunks and takes in loaded ones without awaiting, so the
//! app can hold it in a `RefCell` and never across an `.await`. [`DocStore`] does the IO.

use super::{KeyError, Storage, StorageError, StorageKey};
use crate::hex;
use crate::schema::DocError;
use automerge::{AutoCommit, ChangeHash};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

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
    /// The document did not read as its kind.
    #[error(transparent)]
    Doc(#[from] DocError),
}

/// A chunk to write: the changes since the last save, or a whole snapshot.
#[derive(Debug, Clone)]
pub struct Chunk {
    /// Where it goes.
    pub key: StorageKey,
    /// The bytes.
    pub bytes: Vec<u8>,
    previous_heads: Vec<ChangeHash>,
}

/// A snapshot to write, and the chunks it replaces (remove them only after it is written).
#[derive(Debug, Clone)]
pub struct Compaction {
    /// The snapshot.
    pub snapshot: Chunk,
    /// Chunks this handle loaded or wrote, all held in the snapshot.
    pub replaced: Vec<StorageKey>,
}

/// One write a save hands out, in the order it was taken: give the unwritten ones back to
/// [`StoredDoc::give_back`], newest first.
#[derive(Debug, Clone)]
pub enum Write {
    /// Changes since the previous save.
    Chunk(Chunk),
    /// The whole document, replacing chunks.
    Compaction(Compaction),
}

/// A document opened from storage, with the chunks it was built from.
#[derive(Debug)]
pub struct StoredDoc {
    id: String,
    /// The document. Edit it, then save.
    pub doc: AutoCommit,
    loaded: BTreeSet<String>,
    unreadable: BTreeSet<String>,
    saved_heads: Vec<ChangeHash>,
}

fn chunk_key(id: &str, kind: &str, bytes: &[u8]) -> Result<StorageKey, KeyError> {
    StorageKey::new([id, kind, &hex::encode(&Sha256::digest(bytes))])
}

/// The key under which changes (`AutoCommit::save_after`) are stored as an incremental chunk, for
/// tools that put changes into a storage directly.
pub fn incremental_key(id: &str, bytes: &[u8]) -> Result<StorageKey, KeyError> {
    chunk_key(id, INCREMENTAL, bytes)
}

/// The key under which a saved document (`AutoCommit::save`) is stored as a snapshot, for tools
/// that put documents into a storage directly.
pub fn snapshot_key(id: &str, bytes: &[u8]) -> Result<StorageKey, KeyError> {
    chunk_key(id, SNAPSHOT, bytes)
}

/// Opens every document of `chunks` (a document id, a key, the bytes), as [`DocStore::open`]
/// opens one from its stored range.
pub fn open_chunks(chunks: Vec<(String, StorageKey, Vec<u8>)>) -> BTreeMap<String, StoredDoc> {
    let mut by_doc: BTreeMap<String, Vec<(StorageKey, Vec<u8>)>> = BTreeMap::new();
    for (id, key, bytes) in chunks {
        by_doc.entry(id).or_default().push((key, bytes));
    }
    by_doc.into_iter().filter_map(|(id, entries)| StoredDoc::from_entries(&id, entries).map(|d| (id, d))).collect()
}

impl StoredDoc {
    /// The document the stored `entries` of `id` hold; `None` if there are none (a chunk that
    /// does not load still counts: the document exists, damaged).
    pub fn from_entries(id: &str, entries: Vec<(StorageKey, Vec<u8>)>) -> Option<Self> {
        let mut d = Self::new(id, AutoCommit::new());
        let found = d.absorb(entries);
        (found > 0 || d.unreadable_chunks() > 0).then_some(d)
    }

    /// A handle on a document with nothing loaded yet.
    pub fn new(id: &str, doc: AutoCommit) -> Self {
        Self { id: id.to_owned(), doc, loaded: BTreeSet::new(), unreadable: BTreeSet::new(), saved_heads: Vec::new() }
    }
    /// The document id.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// The key prefix of its chunks.
    pub fn prefix(&self) -> Result<StorageKey, KeyError> {
        StorageKey::new([self.id.as_str()])
    }
    /// Chunks under this document that did not load (kept in storage, never removed).
    pub fn unreadable_chunks(&self) -> usize {
        self.unreadable.len()
    }
    /// The keys of the chunks this handle has loaded or written (all held in its document).
    pub fn loaded_keys(&self) -> Vec<StorageKey> {
        self.loaded.iter().filter_map(|k| StorageKey::decode(k).ok()).collect()
    }

    /// How many chunks this handle has loaded or written.
    pub fn chunk_count(&self) -> usize {
        self.loaded.len()
    }
    /// Whether there are changes not yet handed out for saving. An open change counts, and is
    /// left open: asking for the heads would close it into a change stamped with time 0, and
    /// its history would lose when it was made (the caller closes it with the clock).
    pub fn has_unsaved(&mut self) -> bool {
        use automerge::transaction::Transactable;
        self.doc.pending_ops() > 0 || self.doc.get_heads() != self.saved_heads
    }

    /// The changes since the last save as a chunk, if any. Counts them as saved: give the chunk
    /// back to [`StoredDoc::rollback`] if writing it fails.
    pub fn take_chunk(&mut self) -> Result<Option<Chunk>, KeyError> {
        let bytes = self.doc.save_after(&self.saved_heads);
        if bytes.is_empty() {
            return Ok(None);
        }
        let key = chunk_key(&self.id, INCREMENTAL, &bytes)?;
        let previous_heads = std::mem::replace(&mut self.saved_heads, self.doc.get_heads());
        self.loaded.insert(key.encode());
        Ok(Some(Chunk { key, bytes, previous_heads }))
    }

    /// A write failed: its changes count as unsaved again.
    pub fn rollback(&mut self, chunk: Chunk) {
        self.loaded.remove(&chunk.key.encode());
        self.saved_heads = chunk.previous_heads;
    }

    /// A compaction was not written: the chunks it replaced are still this handle's to replace
    /// later, and what it held counts as unsaved again.
    pub fn rollback_compaction(&mut self, c: Compaction) {
        self.loaded.remove(&c.snapshot.key.encode());
        self.loaded.extend(c.replaced.iter().map(StorageKey::encode));
        self.saved_heads = c.snapshot.previous_heads;
    }

    /// Gives back writes that failed, taken from this document in the order given, rolling
    /// them back newest first: after two chunks of one document fail, the first one's
    /// changes count as unsaved too (rolled back oldest first, the second chunk's would mark
    /// the first's saved although it never was).
    pub fn give_back(&mut self, failed: impl DoubleEndedIterator<Item = Write>) {
        for w in failed.rev() {
            match w {
                Write::Chunk(c) => self.rollback(c),
                Write::Compaction(c) => self.rollback_compaction(c),
            }
        }
    }

    /// The whole document as one snapshot, replacing every chunk this handle knows.
    pub fn take_compaction(&mut self) -> Result<Compaction, KeyError> {
        let bytes = self.doc.save();
        let key = chunk_key(&self.id, SNAPSHOT, &bytes)?;
        let encoded = key.encode();
        let previous_heads = std::mem::replace(&mut self.saved_heads, self.doc.get_heads());
        let replaced = std::mem::take(&mut self.loaded)
            .into_iter()
            .filter(|k| *k != encoded)
            .filter_map(|k| StorageKey::decode(&k).ok())
            .collect();
        self.loaded.insert(encoded);
        Ok(Compaction { snapshot: Chunk { key, bytes, previous_heads }, replaced })
    }

    /// Takes in chunks read from storage: loads those not seen yet. Returns how many loaded.
    pub fn absorb(&mut self, mut entries: Vec<(StorageKey, Vec<u8>)>) -> usize {
        let unsaved = self.doc.get_heads() != self.saved_heads;
        // The largest chunk first: into an empty document it loads whole, and a chunk loaded
        // after it costs little when it holds nothing new (an imported file's snapshot beside
        // the first version it grew from), where the other order applies every change anew.
        entries.sort_by_key(|(_, bytes)| std::cmp::Reverse(bytes.len()));
        let mut count = 0;
        for (key, bytes) in entries {
            let encoded = key.encode();
            if key.parts().len() != 3 || self.loaded.contains(&encoded) || self.unreadable.contains(&encoded) {
                continue;
            }
            // Keys are the hash of their bytes: a chunk that does not match was damaged.
            let ok =
                key.parts()[2] == hex::encode(&Sha256::digest(&bytes)) && self.doc.load_incremental(&bytes).is_ok();
            if ok {
                self.loaded.insert(encoded);
                count += 1;
            } else {
                self.unreadable.insert(encoded);
            }
        }
        if !unsaved {
            self.saved_heads = self.doc.get_heads();
        }
        count
    }
}

/// Opens, saves and compacts documents in a storage.
#[derive(Debug, Clone)]
pub struct DocStore<S> {
    storage: S,
    compact_after: usize,
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
    /// Whether a document has enough chunks to compact.
    pub fn wants_compaction(&self, d: &StoredDoc) -> bool {
        d.chunk_count() > self.compact_after
    }

    /// Opens a document; `None` if storage holds nothing under its id.
    pub async fn open(&self, id: &str) -> Result<Option<StoredDoc>, StoreError> {
        let entries = self.storage.load_range(&StorageKey::new([id])?).await?;
        Ok(StoredDoc::from_entries(id, entries))
    }

    /// Stores a new document as its first snapshot.
    pub async fn create(&self, id: &str, doc: AutoCommit) -> Result<StoredDoc, StoreError> {
        let mut d = StoredDoc::new(id, doc);
        let c = d.take_compaction()?;
        self.storage.put(&c.snapshot.key, &c.snapshot.bytes).await?;
        Ok(d)
    }

    /// Writes a chunk; on failure its changes count as unsaved again.
    pub async fn write(&self, d: &mut StoredDoc, chunk: Chunk) -> Result<(), StoreError> {
        if let Err(e) = self.storage.put(&chunk.key, &chunk.bytes).await {
            d.rollback(chunk);
            return Err(e.into());
        }
        Ok(())
    }

    /// Writes what a document kept in a `RefCell` has unsaved, as [`DocStore::save`] without
    /// compaction, but never holding the borrow across the write: the app keeps its documents in
    /// cells and must not hold one across an `.await`. `held` borrows the document, or gives
    /// `None` once it is no longer held. On a failed write the changes count as unsaved again,
    /// so the next save writes them (a full disk or a lowered quota loses nothing).
    pub async fn save_held<'a>(
        &self,
        held: impl Fn() -> Option<std::cell::RefMut<'a, StoredDoc>>,
    ) -> Result<bool, StoreError> {
        let chunk = match held() {
            Some(mut d) => d.take_chunk()?,
            None => None,
        };
        let Some(chunk) = chunk else { return Ok(false) };
        if let Err(e) = self.storage.put(&chunk.key, &chunk.bytes).await {
            if let Some(mut d) = held() {
                d.rollback(chunk);
            }
            return Err(e.into());
        }
        Ok(true)
    }

    /// Writes a compaction: the snapshot first, then removes what it replaces.
    pub async fn apply(&self, c: Compaction) -> Result<(), StoreError> {
        self.storage.put(&c.snapshot.key, &c.snapshot.bytes).await?;
        for key in &c.replaced {
            self.storage.remove(key).await?;
        }
        Ok(())
    }

    /// Writes the changes made since the last save as one chunk; compacts when chunks pile up.
    /// Returns whether anything was written.
    pub async fn save(&self, d: &mut StoredDoc) -> Result<bool, StoreError> {
        let Some(chunk) = d.take_chunk()? else { return Ok(false) };
        self.write(d, chunk).await?;
        if self.wants_compaction(d) {
            self.compact(d).await?;
        }
        Ok(true)
    }

    /// Saves, then merges the chunks other handles (other tabs) wrote. Returns whether the
    /// document gained changes.
    pub async fn refresh(&self, d: &mut StoredDoc) -> Result<bool, StoreError> {
        self.save(d).await?;
        let entries = self.storage.load_range(&d.prefix()?).await?;
        Ok(d.absorb(entries) > 0)
    }

    /// Replaces the chunks this handle has loaded with one snapshot. Chunks it has not loaded
    /// stay: they may hold another tab's changes.
    pub async fn compact(&self, d: &mut StoredDoc) -> Result<(), StoreError> {
        let c = d.take_compaction()?;
        self.apply(c).await
    }
}
