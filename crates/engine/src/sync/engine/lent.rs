//! The engine as the driver's adapter: it lends the documents for one event, then does what
//! the driver said, in order, and reports back with events.

use super::SyncEngine;
use crate::repo::Repo;
use std::collections::BTreeMap;
use std::rc::Rc;
use tiendo_core::doc_id::DocId;
use tiendo_core::engine::EngineEvent;
use tiendo_core::history::{ArrivalBatch, Via};
use tiendo_core::model::DocKind;
use tiendo_core::schema::genesis::WORKSPACE_DOC;
use tiendo_core::schema::{self, ReportsDoc};
use tiendo_core::storage::{StoreError, StoredDoc};
use tiendo_core::sync::{DriverEffect, DriverEvent, SyncDocs};

/// The documents lent to the driver: those the engine holds, and my reports, which the repo
/// holds (with the edits being typed).
struct Lent<'a> {
    docs: &'a mut BTreeMap<String, StoredDoc>,
    repo: Option<&'a Repo>,
}

impl SyncDocs for Lent<'_> {
    fn ids(&self) -> Vec<String> {
        self.docs.keys().cloned().chain(self.repo.map(Repo::reports_id)).collect()
    }

    fn with_doc(&mut self, id: &str, f: &mut dyn FnMut(&mut automerge::AutoCommit)) {
        match self.repo.filter(|r| r.reports_id() == id) {
            Some(repo) => repo.with_reports_doc(|doc| f(doc)),
            None => {
                if let Some(d) = self.docs.get_mut(id) {
                    f(&mut d.doc);
                }
            }
        }
    }

    fn held_back(&self, id: &str) -> bool {
        self.repo.is_some_and(|r| r.reports_id() == id && r.has_open_edits())
    }
}

impl SyncEngine {
    /// Gives the driver one event and does what it says.
    pub(super) fn run(&self, event: DriverEvent) {
        let effects = {
            let repo = self.repo.borrow().clone();
            let mut docs = self.docs.borrow_mut();
            let mut lent = Lent { docs: &mut docs, repo: repo.as_deref() };
            self.driver.borrow_mut().handle(event, &mut lent)
        };
        for effect in effects {
            self.perform(effect);
        }
    }

    fn later(&self, work: impl AsyncFnOnce(Rc<SyncEngine>) + 'static) {
        let Some(me) = self.me.upgrade() else { return };
        wasm_bindgen_futures::spawn_local(async move { work(me).await });
    }

    fn perform(&self, effect: DriverEffect) {
        match effect {
            DriverEffect::Connect => self.connect(),
            DriverEffect::Send(bytes) => self.send(&bytes),
            DriverEffect::RetryIn(seconds) => {
                self.update(|s| s.retry_in_s = Some(seconds));
                let me = self.me.clone();
                crate::set_timeout(
                    move || {
                        if let Some(e) = me.upgrade() {
                            e.run(DriverEvent::RetryDue);
                        }
                    },
                    std::time::Duration::from_secs(u64::from(seconds)),
                );
            }
            DriverEffect::Link(link) => self.update(|s| {
                s.link = link;
                if link != tiendo_core::sync::Link::Offline {
                    s.retry_in_s = None;
                }
            }),
            DriverEffect::Problem(problem) => self.update(|s| s.problem = problem),
            DriverEffect::Synced => self.update(|s| s.last_sync_ms = Some(js_sys::Date::now())),
            DriverEffect::LoadAttested => self.later(async |e| {
                let items = e.attested_by_authors().await;
                e.run(DriverEvent::AttestedLoaded(items));
            }),
            DriverEffect::KeepAttested(items) => self.take_attested(items),
            DriverEffect::Unconfirmed { doc, only_here } => self.set_doc_status(&doc, |d| d.set_only_here(only_here)),
            DriverEffect::Refused { doc, reason, code } => self.set_doc_status(&doc, |d| {
                d.refused = Some(reason);
                d.refused_code = code;
            }),
            DriverEffect::Unavailable(doc) => self.set_doc_status(&doc, |d| d.unavailable = true),
            DriverEffect::Broken(doc) => self.set_doc_status(&doc, |d| d.broken = true),
            DriverEffect::FlushEdits(_) => (self.notify)(EngineEvent::FlushEdits),
            DriverEffect::Save { doc, was_empty, arrived } => self.later(async move |e| {
                let stored = e.save_synced(&doc, was_empty).await;
                if stored && !arrived.is_empty() {
                    e.record_arrival(&doc, &arrived).await;
                }
                e.run(if stored { DriverEvent::Stored(doc) } else { DriverEvent::NotStored(doc) });
            }),
            DriverEffect::SaveSyncState { doc, state } => self.later(async move |e| {
                if let Some(key) = super::state_key(&doc) {
                    let _ = tiendo_core::storage::Storage::put(e.store.storage(), &key, &state).await;
                }
            }),
        }
    }

    /// Notes that `changes` of `doc` came from the server now (the history's "how it arrived",
    /// and the record as of a day where a laptop's clock is not to be trusted). A record that
    /// cannot be written costs only that: the changes themselves are stored.
    async fn record_arrival(&self, doc: &str, changes: &[automerge::ChangeHash]) {
        let batch = ArrivalBatch::new(doc, js_sys::Date::now() as i64, Via::Server, changes);
        if let Ok((key, bytes)) = batch.entry() {
            if tiendo_core::storage::Storage::put(self.store.storage(), &key, &bytes).await.is_ok() {
                (self.notify)(EngineEvent::DocsChanged);
            }
        }
    }

    /// Stores a document sync changed and refreshes what shows it. Returns whether it is
    /// stored (a full disk leaves it unsaved, and its sync state where it was).
    async fn save_synced(&self, id: &str, was_empty: bool) -> bool {
        let repo = self.repo.borrow().clone().filter(|r| r.reports_id() == id);
        if let Some(repo) = repo {
            if let Ok(r) = repo.reports() {
                (self.notify)(EngineEvent::MyReports(r));
            }
            return repo.flush().await.is_ok();
        }
        let kind = id.parse::<DocId>().map(|d| d.kind()).ok();
        if !was_empty && kind == Some(DocKind::Reports) {
            let value = self.docs.borrow().get(id).and_then(|d| schema::read::<ReportsDoc, _>(&d.doc).ok());
            if let Some(r) = value {
                (self.notify)(EngineEvent::ReportsArrived(r.reports));
            }
        }
        let held = || std::cell::RefMut::filter_map(self.docs.borrow_mut(), |m| m.get_mut(id)).ok();
        if let Err(StoreError::Storage(_)) = self.store.save_held(held).await {
            return false;
        }
        if id == WORKSPACE_DOC {
            self.push_new_wanted().await;
        }
        self.refresh_plan(id).await;
        (self.notify)(EngineEvent::DocsChanged);
        true
    }
}
