//! Storage in memory: for tests, and for a browser whose IndexedDB is unavailable.

use super::{Storage, StorageError, StorageKey};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// An in-memory store. Clones share the same data, as two tabs share one IndexedDB.
#[derive(Debug, Clone, Default)]
pub struct MemoryStorage {
    data: Rc<RefCell<BTreeMap<String, Vec<u8>>>>,
}

impl MemoryStorage {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }
    /// Every entry, for tests that compare the whole store.
    pub fn snapshot(&self) -> BTreeMap<String, Vec<u8>> {
        self.data.borrow().clone()
    }
}

impl Storage for MemoryStorage {
    async fn load(&self, key: &StorageKey) -> Result<Option<Vec<u8>>, StorageError> {
        Ok(self.data.borrow().get(&key.encode()).cloned())
    }
    async fn put(&self, key: &StorageKey, data: &[u8]) -> Result<(), StorageError> {
        self.data.borrow_mut().insert(key.encode(), data.to_vec());
        Ok(())
    }
    async fn put_all(&self, entries: &[(StorageKey, Vec<u8>)]) -> Result<(), StorageError> {
        let mut data = self.data.borrow_mut();
        for (key, bytes) in entries {
            data.insert(key.encode(), bytes.clone());
        }
        Ok(())
    }
    async fn remove(&self, key: &StorageKey) -> Result<(), StorageError> {
        self.data.borrow_mut().remove(&key.encode());
        Ok(())
    }
    async fn load_range(&self, prefix: &StorageKey) -> Result<Vec<(StorageKey, Vec<u8>)>, StorageError> {
        let data = self.data.borrow();
        Ok(data
            .iter()
            .filter_map(|(k, v)| StorageKey::decode(k).ok().map(|k| (k, v)))
            .filter(|(k, _)| k.starts_with(prefix))
            .map(|(k, v)| (k, v.clone()))
            .collect())
    }
}
