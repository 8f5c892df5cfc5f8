//! The storage the app runs on: IndexedDB, or memory when IndexedDB cannot be opened.

use super::IdbStorage;
use tiendo_core::storage::{Faulty, MemoryStorage, Storage, StorageError, StorageKey};

/// IndexedDB or memory, chosen at start.
#[derive(Debug, Clone)]
pub enum AnyStorage {
    /// Durable browser storage.
    Idb(IdbStorage),
    /// Memory only: everything is lost when the tab closes. The UI says so.
    Memory(MemoryStorage),
    /// IndexedDB whose writes fail on demand: the tests that show a failed write (a full disk)
    /// is never counted as saved, run over the real database. Never chosen by the app.
    Faulty(Faulty<IdbStorage>),
}

impl AnyStorage {
    /// Opens IndexedDB `name`, falling back to memory with the reason.
    pub async fn open(name: &str) -> (Self, Option<StorageError>) {
        match IdbStorage::open(name).await {
            Ok(s) => (Self::Idb(s), None),
            Err(e) => (Self::Memory(MemoryStorage::new()), Some(e)),
        }
    }
    /// Whether data survives closing the tab.
    pub fn is_durable(&self) -> bool {
        matches!(self, Self::Idb(_) | Self::Faulty(_))
    }
}

impl Storage for AnyStorage {
    async fn load(&self, key: &StorageKey) -> Result<Option<Vec<u8>>, StorageError> {
        match self {
            Self::Idb(s) => s.load(key).await,
            Self::Memory(s) => s.load(key).await,
            Self::Faulty(s) => s.load(key).await,
        }
    }
    async fn put(&self, key: &StorageKey, data: &[u8]) -> Result<(), StorageError> {
        match self {
            Self::Idb(s) => s.put(key, data).await,
            Self::Memory(s) => s.put(key, data).await,
            Self::Faulty(s) => s.put(key, data).await,
        }
    }
    async fn put_all(&self, entries: &[(StorageKey, Vec<u8>)]) -> Result<(), StorageError> {
        match self {
            Self::Idb(s) => s.put_all(entries).await,
            Self::Memory(s) => s.put_all(entries).await,
            Self::Faulty(s) => s.put_all(entries).await,
        }
    }
    async fn remove(&self, key: &StorageKey) -> Result<(), StorageError> {
        match self {
            Self::Idb(s) => s.remove(key).await,
            Self::Memory(s) => s.remove(key).await,
            Self::Faulty(s) => s.remove(key).await,
        }
    }
    async fn load_range(&self, prefix: &StorageKey) -> Result<Vec<(StorageKey, Vec<u8>)>, StorageError> {
        match self {
            Self::Idb(s) => s.load_range(prefix).await,
            Self::Memory(s) => s.load_range(prefix).await,
            Self::Faulty(s) => s.load_range(prefix).await,
        }
    }
    async fn list_range(&self, prefix: &StorageKey) -> Result<Vec<StorageKey>, StorageError> {
        match self {
            Self::Idb(s) => s.list_range(prefix).await,
            Self::Memory(s) => s.list_range(prefix).await,
            Self::Faulty(s) => s.list_range(prefix).await,
        }
    }
}
