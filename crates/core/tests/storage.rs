//! The storage contract against the in-memory storage, and saving through a failing one.

use automerge::ReadDoc;
use std::cell::RefCell;
use tiendo_core::storage::{
    contract, run_ready, DocStore, MemoryStorage, Storage, StorageError, StorageKey, StoreError,
};

#[test]
fn memory_storage_passes_the_storage_contract() {
    run_ready(contract::run_all(async || MemoryStorage::new()));
}

/// Memory storage whose next puts fail, as IndexedDB does on a full disk or a lowered quota.
#[derive(Default)]
struct FullDisk {
    inner: MemoryStorage,
    failing_puts: std::cell::Cell<u32>,
}

impl Storage for FullDisk {
    async fn load(&self, key: &StorageKey) -> Result<Option<Vec<u8>>, StorageError> {
        self.inner.load(key).await
    }
    async fn put(&self, key: &StorageKey, data: &[u8]) -> Result<(), StorageError> {
        if self.failing_puts.get() > 0 {
            self.failing_puts.set(self.failing_puts.get() - 1);
            return Err(StorageError::Backend("QuotaExceededError".into()));
        }
        self.inner.put(key, data).await
    }
    async fn put_all(&self, entries: &[(StorageKey, Vec<u8>)]) -> Result<(), StorageError> {
        self.inner.put_all(entries).await
    }
    async fn remove(&self, key: &StorageKey) -> Result<(), StorageError> {
        self.inner.remove(key).await
    }
    async fn load_range(&self, prefix: &StorageKey) -> Result<Vec<(StorageKey, Vec<u8>)>, StorageError> {
        self.inner.load_range(prefix).await
    }
}

#[test]
fn a_change_whose_write_failed_is_written_by_the_next_save_of_a_held_document() {
    use automerge::transaction::Transactable;
    let store = DocStore::new(FullDisk::default());
    let held = RefCell::new(run_ready(store.create("reviews", automerge::AutoCommit::new())).expect("create"));
    held.borrow_mut().doc.put(automerge::ROOT, "mark", "accepted").expect("edit");

    store.storage().failing_puts.set(1);
    let failed = run_ready(store.save_held(|| Some(held.borrow_mut())));
    assert!(matches!(failed, Err(StoreError::Storage(_))), "{failed:?}");
    assert!(held.borrow_mut().has_unsaved(), "the change is unsaved again, not counted as written");

    assert!(run_ready(store.save_held(|| Some(held.borrow_mut()))).expect("saved"), "written now");
    let reopened = run_ready(store.open("reviews")).expect("open").expect("stored");
    let mark = reopened.doc.get(automerge::ROOT, "mark").expect("read").map(|(v, _)| v.to_string());
    assert_eq!(mark.as_deref(), Some("\"accepted\""));
    // A document no longer held saves nothing and is not an error.
    assert!(!run_ready(store.save_held(|| None)).expect("nothing to save"));
}
