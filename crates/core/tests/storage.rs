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

/// A document with one text field edited to `text` and committed.
fn edited(d: &mut tiendo_core::storage::StoredDoc, text: &str) {
    use automerge::transaction::Transactable;
    d.doc.put(automerge::ROOT, "text", text).expect("put");
    d.doc.commit();
}

#[test]
fn two_chunks_of_one_document_that_both_failed_leave_both_changes_unsaved_in_any_order_given() {
    use tiendo_core::storage::{StoredDoc, Write};
    let mut d = StoredDoc::new("reports.x", automerge::AutoCommit::new());
    edited(&mut d, "một");
    let first = d.take_chunk().expect("key").expect("chunk");
    edited(&mut d, "hai");
    let second = d.take_chunk().expect("key").expect("chunk");
    assert!(!d.has_unsaved());
    // A batch of two writes in one transaction failed: both come back, in the order taken.
    d.give_back([Write::Chunk(first.clone()), Write::Chunk(second)].into_iter());
    let again = d.take_chunk().expect("key").expect("the changes of both chunks are unsaved");
    let mut fresh = automerge::AutoCommit::new();
    fresh.load_incremental(&again.bytes).expect("load");
    assert_eq!(fresh.get_changes(&[]).len(), 2, "the next save holds both changes, not only the second");
}

#[test]
fn a_compaction_that_failed_with_its_chunk_is_taken_again_and_replaces_the_same_chunks() {
    use tiendo_core::storage::{StoredDoc, Write};
    let mut d = StoredDoc::new("reports.x", automerge::AutoCommit::new());
    edited(&mut d, "một");
    let old = d.take_chunk().expect("key").expect("chunk");
    edited(&mut d, "hai");
    let chunk = d.take_chunk().expect("key").expect("chunk");
    let compaction = d.take_compaction().expect("compaction");
    d.give_back([Write::Chunk(chunk), Write::Compaction(compaction)].into_iter());
    assert!(d.has_unsaved(), "the second change was never written");
    assert_eq!(d.chunk_count(), 1, "the first chunk is still known, to be replaced by the next compaction");
    let next = d.take_compaction().expect("compaction");
    assert_eq!(next.replaced, vec![old.key], "the next compaction removes the chunk the failed one would have");
}

#[test]
fn asking_whether_a_document_has_unsaved_edits_leaves_the_open_change_open_for_the_clock() {
    use automerge::transaction::Transactable;
    let mut d = tiendo_core::storage::StoredDoc::new("reports.x", automerge::AutoCommit::new());
    d.doc.put(automerge::ROOT, "text", "đang gõ").expect("put");
    assert!(d.has_unsaved());
    assert!(d.doc.pending_ops() > 0, "the open change is still open");
    tiendo_core::changes::commit_at(&mut d.doc, 1_765_000_000_000);
    let change = d.doc.get_changes(&[]).pop().expect("a change").clone();
    assert_eq!(change.timestamp(), 1_765_000_000, "closed with the clock, not with time 0");
}
