//! The report repo in a real browser, on IndexedDB: what typing leaves in the document's history.
#![cfg(target_arch = "wasm32")]

use tiendo_app::state::repo::Repo;
use tiendo_app::storage::{AnyStorage, IdbStorage};
use tiendo_core::ids::DeviceId;
use tiendo_core::LongText;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_sentence_typed_key_by_key_is_saved_as_one_change_not_one_per_key() {
    IdbStorage::delete("tiendo-repo-typing").await.expect("delete");
    let storage = AnyStorage::Idb(IdbStorage::open("tiendo-repo-typing").await.expect("open"));
    let device = DeviceId::new("0a".repeat(16)).expect("id");
    let opened = Repo::open_demo(storage, &device, &"so-y-te".parse().expect("id")).await.expect("demo");
    let repo = opened.repo;
    let period = opened.reports.periods[1].period.clone();
    let task = opened.reports.periods[1].tasks[0].task.clone();
    let before = repo.local_changes().0;

    let sentence = "Tiêm chủng đạt 95%.";
    let mut typed = String::new();
    for key in sentence.chars() {
        typed.push(key);
        let shown = repo.edit_task(&period, &task, |r| r.results = LongText::from(typed.as_str())).expect("edit");
        assert_eq!(shown.results.as_str(), typed, "each key reads back at once");
    }
    assert!(repo.flush().await.expect("saved"), "everything is saved");
    assert_eq!(repo.local_changes().0 - before, 1, "one change for {} keys", sentence.chars().count());

    // Saved: a fresh open of the same database reads the sentence.
    let storage = AnyStorage::Idb(IdbStorage::open("tiendo-repo-typing").await.expect("open"));
    let again = Repo::open_demo(storage, &device, &"so-y-te".parse().expect("id")).await.expect("demo");
    assert_eq!(again.reports.periods[1].tasks[0].results.as_str(), sentence);
}
