//! The report repo in a real browser, on IndexedDB: what typing leaves in the document's history.
#![cfg(target_arch = "wasm32")]

use tiendo_core::ids::DeviceId;
use tiendo_core::LongText;
use tiendo_engine::repo::{Repo, TabStart};
use tiendo_engine::storage::{AnyStorage, IdbStorage};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_sentence_typed_key_by_key_is_saved_as_one_change_not_one_per_key() {
    IdbStorage::delete("tiendo-repo-typing").await.expect("delete");
    let storage = AnyStorage::Idb(IdbStorage::open("tiendo-repo-typing").await.expect("open"));
    let device = DeviceId::new("0a".repeat(16)).expect("id");
    let opened =
        Repo::open_demo(storage, &device, &"so-y-te".parse().expect("id"), &TabStart::default()).await.expect("demo");
    let repo = opened.repo;
    let period = opened.reports.periods[1].period.clone();
    let task = opened.reports.periods[1].tasks[0].task.clone();
    let before = repo.only_here(&[]).count;

    let sentence = "Tiêm chủng đạt 95%.";
    let mut typed = String::new();
    for key in sentence.chars() {
        typed.push(key);
        let shown = repo.edit_task(&period, &task, |r| r.results = LongText::from(typed.as_str())).expect("edit");
        assert_eq!(shown.results.as_str(), typed, "each key reads back at once");
    }
    assert!(repo.flush().await.expect("saved"), "everything is saved");
    assert_eq!(repo.only_here(&[]).count - before, 1, "one change for {} keys", sentence.chars().count());
    // Stamped with the laptop's clock (automerge's own commit stamps 0: "only here for 20788 days").
    let oldest = repo.only_here(&[]).oldest_s.expect("a stamped change");
    let now = (js_sys::Date::now() / 1000.0) as i64;
    assert!((now - 60..=now).contains(&oldest), "stamped {oldest}, now {now}");

    // Saved: a fresh open of the same database reads the sentence.
    let storage = AnyStorage::Idb(IdbStorage::open("tiendo-repo-typing").await.expect("open"));
    let again =
        Repo::open_demo(storage, &device, &"so-y-te".parse().expect("id"), &TabStart::default()).await.expect("demo");
    assert_eq!(again.reports.periods[1].tasks[0].results.as_str(), sentence);
}

fn so_y_te() -> tiendo_core::ids::AgencyId {
    "so-y-te".parse().expect("id")
}

async fn open(db: &str, device: &DeviceId) -> tiendo_engine::repo::Opened {
    let storage = AnyStorage::Idb(IdbStorage::open(db).await.expect("open"));
    Repo::open_demo(storage, device, &so_y_te(), &TabStart::default()).await.expect("demo")
}

async fn drafts(db: &str, doc: &str) -> usize {
    use tiendo_core::storage::Storage;
    let storage = IdbStorage::open(db).await.expect("open");
    storage.load_range(&tiendo_core::storage::drafts_of(doc).expect("key")).await.expect("range").len()
}

#[wasm_bindgen_test]
async fn what_a_tab_typed_before_it_died_is_replayed_from_its_draft_as_one_change() {
    let db = "tiendo-repo-draft-dead";
    IdbStorage::delete(db).await.expect("delete");
    let device = DeviceId::new("0b".repeat(16)).expect("id");
    let opened = open(db, &device).await;
    let (repo, period) = (opened.repo, opened.reports.periods[1].clone());
    let id = repo.reports_id();
    let before = repo.only_here(&[]).count;
    let mut typed = String::new();
    for key in "Khám sàng lọc 1.200 người.".chars() {
        typed.push(key);
        repo.edit_task(&period.period, &period.tasks[0].task, |r| r.results = LongText::from(typed.as_str()))
            .expect("edit");
        repo.edit_general(&period.period, |g| g.proposals = LongText::from("Thêm bác sĩ.")).expect("edit");
    }
    assert!(repo.has_open_edits(), "typed, no change written yet");
    assert!(repo.write_draft().await.expect("draft"));
    assert_eq!(drafts(db, &id).await, 1, "the draft is in IndexedDB");
    // The tab dies: nothing else is written, and its lock goes with it.
    drop(repo);

    let again = open(db, &device).await;
    let p = &again.reports.periods[1];
    assert_eq!(p.tasks[0].results.as_str(), typed, "the typed text is back");
    assert_eq!(p.general.proposals.as_str(), "Thêm bác sĩ.");
    assert_eq!(again.repo.only_here(&[]).count - before, 1, "as one change");
    assert_eq!(drafts(db, &id).await, 0, "the draft is gone once written");
    assert!(!again.repo.has_open_edits());
}

#[wasm_bindgen_test]
async fn a_live_tabs_draft_is_left_to_it_and_its_change_is_taken_in_once() {
    let db = "tiendo-repo-draft-live";
    IdbStorage::delete(db).await.expect("delete");
    let device = DeviceId::new("0c".repeat(16)).expect("id");
    let first = open(db, &device).await;
    let (a, period) = (first.repo, first.reports.periods[1].clone());
    let id = a.reports_id();
    a.edit_task(&period.period, &period.tasks[0].task, |r| r.results = LongText::from("Từ thẻ một.")).expect("edit");
    assert!(a.write_draft().await.expect("draft"));

    // Another tab opens while the first lives: it does not replay the first tab's draft.
    let second = open(db, &device).await;
    assert_eq!(second.reports.periods[1].tasks[0].results.as_str(), "");
    assert_eq!(drafts(db, &id).await, 1);

    // The first tab closes its change: written, draft dropped; the second takes it in.
    assert!(a.flush().await.expect("saved"));
    assert_eq!(drafts(db, &id).await, 0);
    let b = second.repo;
    let now = b.refresh().await.expect("refresh").expect("changed");
    assert_eq!(now.periods[1].tasks[0].results.as_str(), "Từ thẻ một.");
    drop(a);
    let third = open(db, &device).await;
    assert_eq!(third.reports.periods[1].tasks[0].results.as_str(), "Từ thẻ một.", "not doubled");
}

#[wasm_bindgen_test]
async fn a_report_edit_whose_write_failed_stays_unsaved_and_the_next_save_writes_it() {
    let device = DeviceId::new("0d".repeat(16)).expect("id");
    let (repo, disk) = typed_on_faulty_disk("tiendo-repo-full-disk", &device, "Đã rà soát 12 thủ tục.").await;

    // The disk is full: the write fails, and the edit is still waiting, not counted as saved.
    disk.fail_next_writes(1);
    assert!(repo.flush().await.is_err(), "the failure is reported");
    assert!(repo.has_unsaved(), "the edit is still to be written");
    // Space again: the next save writes it.
    assert!(repo.flush().await.expect("saved"), "everything is saved");
    assert!(!repo.has_unsaved());
    let storage = AnyStorage::Idb(IdbStorage::open("tiendo-repo-full-disk").await.expect("open"));
    let again = Repo::open_demo(storage, &device, &so_y_te(), &TabStart::default()).await.expect("demo");
    assert_eq!(again.reports.periods[1].tasks[0].results.as_str(), "Đã rà soát 12 thủ tục.");
}

#[wasm_bindgen_test]
async fn a_joined_laptop_opens_the_plan_the_office_added_last_unless_its_user_chose_another() {
    use tiendo_core::schema::genesis::{self, plan_doc, plan_doc_id, workspace_doc, WORKSPACE_DOC};
    use tiendo_core::storage::DocStore;
    IdbStorage::delete("tiendo-repo-two-plans").await.expect("delete");
    let storage = AnyStorage::Idb(IdbStorage::open("tiendo-repo-two-plans").await.expect("open"));
    let store = DocStore::new(storage.clone());
    let (registry, old) = tiendo_core::builtin::tra_vinh_2020().expect("2020");
    let (_, _, new) = tiendo_core::synthetic_2026::province_2026().expect("2026");
    let ws = workspace_doc(tiendo_core::builtin::tra_vinh_workspace(), registry, &[&old.plan, &new.plan]);
    for plan in [&old.plan, &new.plan] {
        let doc = genesis::genesis(&plan_doc(plan.clone())).expect("plan");
        store.create(&plan_doc_id(&plan.id), doc).await.expect("plan stored");
    }
    store.create(WORKSPACE_DOC, genesis::genesis(&ws).expect("ws")).await.expect("ws stored");
    let device = DeviceId::new("0e".repeat(16)).expect("id");
    let opened = Repo::open_joined(storage.clone(), &device, &so_y_te(), None, &TabStart::default())
        .await
        .expect("opens")
        .expect("a plan");
    assert_eq!(opened.plan.id, new.plan.id, "the plan added last");
    assert_eq!(opened.repo.reports_id(), format!("reports.{}.so-y-te", new.plan.id));
    assert!(opened.reports.periods.iter().any(|p| p.period.as_str().starts_with("2026-")));
    // Both plans are offered in the top bar, oldest first.
    let labels: Vec<&str> = opened.plans.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels.len(), 2, "{labels:?}");
    assert!(labels[0].starts_with("2020 · ") && labels[1].starts_with("2026 · "), "{labels:?}");
    drop(opened);
    // Last year's plan, chosen: its own reports document, apart from this year's.
    let chosen = plan_doc_id(&old.plan.id);
    let last_year = Repo::open_joined(storage, &device, &so_y_te(), Some(&chosen), &TabStart::default())
        .await
        .expect("opens")
        .expect("plan");
    assert_eq!(last_year.plan.id, old.plan.id);
    assert_eq!(last_year.repo.reports_id(), format!("reports.{}.so-y-te", old.plan.id));
}

#[wasm_bindgen_test]
async fn a_draft_whose_write_failed_stays_with_the_tab_and_the_next_draft_write_stores_it() {
    use tiendo_core::storage::{draft_key, Draft, Storage};
    let device = DeviceId::new("0e".repeat(16)).expect("id");
    let (repo, disk) = typed_on_faulty_disk("tiendo-repo-draft-full", &device, "Đang tổng hợp số liệu").await;

    disk.fail_next_writes(1);
    assert!(repo.write_draft().await.is_err(), "the failure is reported");
    assert!(repo.has_open_edits(), "what was typed is still this tab's draft");
    let key = draft_key(&repo.reports_id(), repo.tab_id()).expect("key");
    assert!(disk.load(&key).await.expect("read").is_none(), "nothing half written");
    // Space again: the next draft write stores what was typed.
    assert!(repo.write_draft().await.expect("written"));
    let stored = disk.load(&key).await.expect("read").expect("the draft is stored");
    let draft = Draft::from_bytes(&stored).expect("a draft");
    assert!(format!("{draft:?}").contains("Đang tổng hợp số liệu"), "{draft:?}");
}

/// The demo's reports opened as Sở Y tế on a fresh database `db` that fails on demand, with
/// `text` typed into the first task of the second period (not written yet).
async fn typed_on_faulty_disk(
    db: &str,
    device: &DeviceId,
    text: &str,
) -> (Repo, tiendo_core::storage::Faulty<IdbStorage>) {
    use tiendo_core::storage::Faulty;
    IdbStorage::delete(db).await.expect("delete");
    let disk = Faulty::new(IdbStorage::open(db).await.expect("open"));
    let opened = Repo::open_demo(AnyStorage::Faulty(disk.clone()), device, &so_y_te(), &TabStart::default())
        .await
        .expect("demo");
    let period = opened.reports.periods[1].period.clone();
    let task = opened.reports.periods[1].tasks[0].task.clone();
    opened.repo.edit_task(&period, &task, |r| r.results = LongText::from(text)).expect("edit");
    (opened.repo, disk)
}
