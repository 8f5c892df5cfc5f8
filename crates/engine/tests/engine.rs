//! The sync engine's own writes in a real browser, on IndexedDB that fails on demand: the
//! office's review marks (and the province's report, written the same way) are never counted
//! as saved when the write failed.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;
use tiendo_core::engine::EngineEvent;
use tiendo_core::ids::DeviceId;
use tiendo_core::model::{ReviewMark, ReviewOutcome};
use tiendo_core::schema::genesis::{self, empty_reviews, plan_doc, plan_doc_id, reviews_doc_id, workspace_doc};
use tiendo_core::schema::{self, ReviewsDoc};
use tiendo_core::storage::{DocStore, Faulty};
use tiendo_core::sync::Credential;
use tiendo_engine::storage::{AnyStorage, IdbStorage};
use tiendo_engine::sync::SyncEngine;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn mark(id: &str) -> ReviewMark {
    ReviewMark {
        id: id.into(),
        agency: "so-y-te".parse().expect("id"),
        period: "2020-Q1".parse().expect("id"),
        submission_at_ms: 1,
        outcome: ReviewOutcome::Accepted,
        comment: String::new(),
        by: "Văn phòng".into(),
        at_ms: 2,
    }
}

#[wasm_bindgen_test]
async fn a_review_mark_whose_write_failed_stays_unsaved_in_the_engine_and_the_next_save_writes_it() {
    IdbStorage::delete("tiendo-engine-full-disk").await.expect("delete");
    let idb = IdbStorage::open("tiendo-engine-full-disk").await.expect("open");
    let disk = Faulty::new(idb);
    // What a joined office laptop holds: the workspace and the plan.
    let (registry, parsed) = tiendo_core::builtin::tra_vinh_2020().expect("plan");
    let store = DocStore::new(AnyStorage::Faulty(disk.clone()));
    let ws = workspace_doc(tiendo_core::builtin::tra_vinh_workspace(), registry, &[&parsed.plan]);
    store.create(genesis::WORKSPACE_DOC, genesis::genesis(&ws).expect("ws")).await.expect("stored");
    let plan_id = parsed.plan.id.clone();
    store
        .create(&plan_doc_id(&plan_id), genesis::genesis(&plan_doc(parsed.plan)).expect("plan"))
        .await
        .expect("stored");

    // The engine needs no page: what it would tell one goes nowhere here.
    let device = DeviceId::new("0f".repeat(16)).expect("id");
    let credential = Credential { device: device.clone(), token: "t".into() };
    // A server nobody answers at: the engine works offline, as on a laptop without a network.
    let engine = SyncEngine::new(
        Rc::new(|_: EngineEvent| {}),
        None,
        "http://127.0.0.1:9".into(),
        credential,
        "vp-ubnd".parse().expect("id"),
        AnyStorage::Faulty(disk.clone()),
    );
    let reviews = reviews_doc_id(&plan_id);
    let first = || genesis::genesis(&empty_reviews(&plan_id)).expect("genesis");
    let put = |m: ReviewMark| {
        move |doc: &mut automerge::AutoCommit| {
            let mut value: ReviewsDoc = schema::read(doc)?;
            value.marks.push(m);
            Ok(schema::write(doc, &value)?)
        }
    };

    disk.fail_next_writes(1);
    assert!(engine.edit_doc(&reviews, &device, first(), put(mark("first"))).await.is_err(), "the failure is told");
    // Space again: the next edit's save writes both marks.
    engine.edit_doc(&reviews, &device, first(), put(mark("second"))).await.expect("saved");
    let fresh = DocStore::new(AnyStorage::Idb(IdbStorage::open("tiendo-engine-full-disk").await.expect("open")));
    let stored: ReviewsDoc =
        fresh.open(&reviews).await.expect("read").map(|d| schema::read(&d.doc).expect("reviews")).expect("stored");
    let ids: Vec<&str> = stored.marks.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["first", "second"], "the mark whose write failed was written by the next save");
}
