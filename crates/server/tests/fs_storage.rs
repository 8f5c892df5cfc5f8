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

#[test]
fn a_batch_interrupted_after_its_journal_is_finished_on_recovery() {
    use tiendo_core::storage::{Storage, StorageKey};
    let dir = tempfile::tempdir().expect("tempdir");
    let s = FsStorage::new(dir.path().join("docs"));
    let key = StorageKey::new(["reports.p.a", "incremental", "abc"]).expect("key");
    // What put_all writes first: the journal. A crash now leaves only it.
    let mut journal = Vec::new();
    let k = key.encode();
    journal.extend_from_slice(&(k.len() as u32).to_be_bytes());
    journal.extend_from_slice(k.as_bytes());
    journal.extend_from_slice(&3u64.to_be_bytes());
    journal.extend_from_slice(b"xyz");
    std::fs::create_dir_all(dir.path().join("docs")).expect("mkdir");
    std::fs::write(dir.path().join("docs/.batch.journal"), journal).expect("journal");
    assert_eq!(run_ready(s.load(&key)).expect("load"), None);
    s.recover().expect("recover");
    assert_eq!(run_ready(s.load(&key)).expect("load"), Some(b"xyz".to_vec()));
    assert!(!dir.path().join("docs/.batch.journal").exists());
}
