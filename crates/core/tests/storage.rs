//! The storage contract against the in-memory storage, and saving through a failing one.

use automerge::ReadDoc;
use std::cell::RefCell;
use tiendo_core::storage::{contract, run_ready, DocStore, Faulty, MemoryStorage, StoreError};

#[test]
fn memory_storage_passes_the_storage_contract() {
    run_ready(contract::run_all(async || MemoryStorage::new()));
}

#[test]
fn a_faulty_storage_that_is_not_armed_passes_the_storage_contract() {
    run_ready(contract::run_all(async || Faulty::new(MemoryStorage::new())));
}

#[test]
fn a_change_whose_write_failed_is_written_by_the_next_save_of_a_held_document() {
    use automerge::transaction::Transactable;
    let store = DocStore::new(Faulty::new(MemoryStorage::new()));
    let held = RefCell::new(run_ready(store.create("reviews", automerge::AutoCommit::new())).expect("create"));
    held.borrow_mut().doc.put(automerge::ROOT, "mark", "accepted").expect("edit");

    store.storage().fail_next_writes(1);
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
