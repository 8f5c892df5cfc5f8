//! Where documents live on a device: one storage contract (as automerge-repo's), with an
//! in-memory implementation here and an IndexedDB one in the app, and the document store that
//! saves incrementally and compacts on top of it.

mod cache;
pub mod contract;
mod doc_store;
mod draft;
mod faulty;
mod key;
mod memory;

pub use cache::{fingerprint, ReadMany};
pub use doc_store::{
    incremental_key, open_chunks, snapshot_key, Chunk, Compaction, DocStore, StoreError, StoredDoc, Write,
};
pub use draft::{draft_key, drafts_of, record_submission, Draft, DraftEdit, DraftError, DRAFT};
pub use faulty::Faulty;
pub use key::{KeyError, StorageKey};
pub use memory::MemoryStorage;

use std::future::Future;

/// Why a storage operation failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    /// The backend refused or failed (quota, disabled storage, a closed database).
    #[error("storage failed: {0}")]
    Backend(String),
}

/// A key-value store of byte chunks under hierarchical keys. Futures need not be `Send`: in the
/// browser everything runs on one thread.
pub trait Storage {
    /// The bytes under `key`, if any.
    fn load(&self, key: &StorageKey) -> impl Future<Output = Result<Option<Vec<u8>>, StorageError>>;
    /// Stores `data` under `key`, replacing what was there.
    fn put(&self, key: &StorageKey, data: &[u8]) -> impl Future<Output = Result<(), StorageError>>;
    /// Stores every entry, all or none (one IndexedDB transaction, a journal on files): an
    /// import is never half applied.
    fn put_all(&self, entries: &[(StorageKey, Vec<u8>)]) -> impl Future<Output = Result<(), StorageError>>;
    /// Removes `key`; removing a missing key is not an error.
    fn remove(&self, key: &StorageKey) -> impl Future<Output = Result<(), StorageError>>;
    /// Every entry whose key starts with all the parts of `prefix` (the prefix itself included),
    /// ordered by encoded key.
    fn load_range(&self, prefix: &StorageKey)
        -> impl Future<Output = Result<Vec<(StorageKey, Vec<u8>)>, StorageError>>;
    /// The keys [`Storage::load_range`] would give, without their bytes: what is held, for a
    /// reader that needs only some of it (IndexedDB lists keys without copying values).
    fn list_range(&self, prefix: &StorageKey) -> impl Future<Output = Result<Vec<StorageKey>, StorageError>> {
        async move { Ok(self.load_range(prefix).await?.into_iter().map(|(k, _)| k).collect()) }
    }
}

/// Runs a future of a storage that never waits (memory, local files) to its end on this thread.
/// A future that does wait is polled until it is ready, so use this only for such storages.
pub fn run_ready<F: Future>(f: F) -> F::Output {
    use std::task::{Context, Poll, Waker};
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
        std::thread::yield_now();
    }
}
