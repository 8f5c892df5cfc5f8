//! The storage contract against files on disk, as the server stores documents.

use tiendo_core::storage::{contract, run_ready};
use tiendo_server::fs_storage::FsStorage;

#[test]
fn file_storage_passes_the_storage_contract() {
    let dirs = std::cell::RefCell::new(Vec::new());
    run_ready(contract::run_all(async || {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = FsStorage::new(dir.path().join("docs"));
        dirs.borrow_mut().push(dir);
        s
    }));
}

#[test]
fn keys_that_would_leave_the_directory_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = FsStorage::new(dir.path().join("docs"));
    let key = tiendo_core::storage::StorageKey::new(["..", "x"]).expect("key");
    assert!(run_ready(tiendo_core::storage::Storage::put(&s, &key, b"x")).is_err());
    assert!(!dir.path().join("x").exists());
}
