//! A storage that fails on demand, as IndexedDB does when the disk is full, the browser lowers
//! its quota, or a transaction aborts: for the tests that show a failed write is never counted as
//! saved (natively, and over real IndexedDB in Chromium).

use super::{Storage, StorageError, StorageKey};
use std::cell::Cell;
use std::rc::Rc;

/// Wraps a storage; its next writes fail while armed. Clones share the switch.
#[derive(Debug, Clone, Default)]
pub struct Faulty<S> {
    inner: S,
    failing_writes: Rc<Cell<u32>>,
}

impl<S> Faulty<S> {
    /// `inner`, working until armed.
    pub fn new(inner: S) -> Self {
        Self { inner, failing_writes: Rc::default() }
    }
    /// The next `n` writes (put, put_all, remove) fail with a quota error.
    pub fn fail_next_writes(&self, n: u32) {
        self.failing_writes.set(n);
    }
    fn write_fails(&self) -> bool {
        let left = self.failing_writes.get();
        if left > 0 {
            self.failing_writes.set(left - 1);
        }
        left > 0
    }
    fn refused() -> StorageError {
        StorageError::Backend("QuotaExceededError (made to fail)".into())
    }
}

impl<S: Storage> Storage for Faulty<S> {
    async fn load(&self, key: &StorageKey) -> Result<Option<Vec<u8>>, StorageError> {
        self.inner.load(key).await
    }
    async fn put(&self, key: &StorageKey, data: &[u8]) -> Result<(), StorageError> {
        if self.write_fails() {
            return Err(Self::refused());
        }
        self.inner.put(key, data).await
    }
    async fn put_all(&self, entries: &[(StorageKey, Vec<u8>)]) -> Result<(), StorageError> {
        if self.write_fails() {
            return Err(Self::refused());
        }
        self.inner.put_all(entries).await
    }
    async fn remove(&self, key: &StorageKey) -> Result<(), StorageError> {
        if self.write_fails() {
            return Err(Self::refused());
        }
        self.inner.remove(key).await
    }
    async fn load_range(&self, prefix: &StorageKey) -> Result<Vec<(StorageKey, Vec<u8>)>, StorageError> {
        self.inner.load_range(prefix).await
    }
    async fn list_range(&self, prefix: &StorageKey) -> Result<Vec<StorageKey>, StorageError> {
        self.inner.list_range(prefix).await
    }
}
