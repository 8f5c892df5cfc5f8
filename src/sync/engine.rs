//! The browser's sync engine: a WebSocket to the server, the core's sans-IO client session, and
//! the documents. It connects by itself, retries with backoff, syncs every document this
//! agency may read, saves what arrives, and keeps each document's sync state in IndexedDB so
//! that a reconnect sends a summary of what changed since, not of the whole history.

mod attested;
mod edit;
mod open_edits;
mod reopen;

use super::socket::Socket;
use super::status::{DocStatus, Link, SyncStatus};
use crate::state::repo::Repo;
use crate::state::settings::Credential;
use crate::state::{AppContext, PlanData};
use crate::storage::AnyStorage;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::{Rc, Weak};
use std::sync::Arc;
use tiendo_core::changes::OnlyHere;
use tiendo_core::doc_id::DocId;
use tiendo_core::ids::AgencyId;
use tiendo_core::model::DocKind;
use tiendo_core::schema::genesis::WORKSPACE_DOC;
use tiendo_core::schema::{self, PlanDoc, ReportsDoc, WorkspaceDoc};
use tiendo_core::storage::{DocStore, Storage, StorageKey, StoredDoc};
use tiendo_core::sync::{ClientSession, Inbound, Rights, AUTH_PREFIX};

const STATE_PREFIX: &str = "sync-state";

/// One joined workspace's sync.
pub struct SyncEngine {
    me: Weak<SyncEngine>,
    ctx: AppContext,
    server: String,
    credential: Credential,
    agency: AgencyId,
    store: DocStore<AnyStorage>,
    session: RefCell<ClientSession>,
    docs: RefCell<BTreeMap<String, StoredDoc>>,
    repo: RefCell<Option<Rc<Repo>>>,
    socket: RefCell<Option<Socket>>,
    attempt: Cell<u32>,
    retrying: Cell<bool>,
    /// Messages about my reports that came while edits were open (see `open_edits`).
    deferred: RefCell<Vec<(String, Vec<u8>)>>,
}

fn state_key(doc: &str) -> Option<StorageKey> {
    StorageKey::new([STATE_PREFIX, doc]).ok()
}

impl SyncEngine {
    /// Makes the engine for a joined workspace on `storage`; [`SyncEngine::start`] connects.
    pub fn new(
        ctx: AppContext,
        server: String,
        credential: Credential,
        agency: AgencyId,
        storage: AnyStorage,
    ) -> Rc<Self> {
        let session = RefCell::new(ClientSession::new(credential.device.as_str()));
        Rc::new_cyclic(|me| Self {
            me: me.clone(),
            ctx,
            server,
            credential,
            agency,
            store: DocStore::new(storage),
            session,
            docs: RefCell::new(BTreeMap::new()),
            repo: RefCell::new(None),
            socket: RefCell::new(None),
            attempt: Cell::new(0),
            retrying: Cell::new(false),
            deferred: RefCell::new(Vec::new()),
        })
    }

    /// Loads the documents and their sync states, then connects (and keeps reconnecting).
    pub async fn start(&self) {
        self.load_wanted().await;
        self.connect();
        let me = self.me.clone();
        let online = window_event_listener(leptos::ev::online, move |_| {
            if let Some(e) = me.upgrade() {
                if e.ctx.sync.with_untracked(|s| s.as_ref().is_some_and(|s| s.link == Link::Offline)) {
                    e.connect();
                }
            }
        });
        std::mem::forget(online);
    }

    /// The storage the documents are in.
    pub fn storage(&self) -> &AnyStorage {
        self.store.storage()
    }

    /// Hands over my reports document, held from now on by the repo.
    pub fn attach(&self, repo: Rc<Repo>) {
        let id = repo.reports_id();
        self.docs.borrow_mut().remove(&id);
        *self.repo.borrow_mut() = Some(repo);
        let me = self.me.clone();
        leptos::task::spawn_local(async move {
            if let Some(e) = me.upgrade() {
                e.restore_state(&id).await;
                e.push_all();
            }
        });
    }

    /// Sends my reports' new changes (after local edits).
    pub fn push_reports(&self) {
        let Some(repo) = self.repo.borrow().clone() else { return };
        if self.held_back(&repo) {
            return;
        }
        let id = repo.reports_id();
        let (message, only_here) = repo.with_reports_doc(|doc| {
            let mut s = self.session.borrow_mut();
            (s.outgoing(&id, doc), s.only_here(&id, doc))
        });
        self.set_doc_status(&id, |d| d.set_only_here(only_here));
        if let Some(m) = message {
            self.send(&m);
        }
    }

    /// The documents this agency reads, except my reports (the repo holds those).
    fn wanted(&self) -> Vec<String> {
        let ws = self.docs.borrow().get(WORKSPACE_DOC).and_then(|d| schema::read::<WorkspaceDoc, _>(&d.doc).ok());
        let Some(ws) = ws else { return vec![WORKSPACE_DOC.to_owned()] };
        let rights = Rights::from_workspace(&ws);
        let mine = |d: &str| {
            matches!(rights.doc(d).map(|r| r.kind), Some(DocKind::Reports)) && rights.may_write(d, &self.agency)
        };
        let mut ids: Vec<String> = rights.readable_by(&self.agency).filter(|d| !mine(d)).map(str::to_owned).collect();
        ids.sort();
        ids
    }

    /// Opens every wanted document not held yet, with its sync state. Returns the new ids.
    async fn load_wanted(&self) -> Vec<String> {
        let mut added = Vec::new();
        loop {
            let missing: Vec<String> =
                self.wanted().into_iter().filter(|id| !self.docs.borrow().contains_key(id)).collect();
            if missing.is_empty() {
                return added;
            }
            for id in missing {
                let doc = match self.store.open(&id).await {
                    Ok(Some(d)) => d,
                    _ => StoredDoc::new(&id, automerge::AutoCommit::new()),
                };
                self.docs.borrow_mut().insert(id.clone(), doc);
                self.restore_state(&id).await;
                added.push(id);
            }
        }
    }

    async fn restore_state(&self, id: &str) {
        let Some(key) = state_key(id) else { return };
        if let Ok(Some(bytes)) = self.store.storage().load(&key).await {
            self.session.borrow_mut().restore(id, &bytes);
        }
    }

    fn connect(&self) {
        self.retrying.set(false);
        let url = ws_url(&self.server);
        let auth = format!("{AUTH_PREFIX}{}.{}", self.credential.device, self.credential.token);
        let me = self.me.clone();
        let on_message = move |bytes: Vec<u8>| {
            if let Some(e) = me.upgrade() {
                e.on_bytes(&bytes);
            }
        };
        let me = self.me.clone();
        let on_open = move || {
            if let Some(e) = me.upgrade() {
                let hello = e.session.borrow().hello();
                e.send(&hello);
            }
        };
        let me = self.me.clone();
        let on_close = move |reason: String| {
            if let Some(e) = me.upgrade() {
                e.on_closed(reason);
            }
        };
        self.update(|s| {
            s.link = Link::Connecting;
            s.retry_in_s = None;
        });
        match Socket::open(&url, &auth, on_open, on_message, on_close) {
            Ok(socket) => *self.socket.borrow_mut() = Some(socket),
            Err(e) => self.on_closed(e),
        }
    }

    fn on_closed(&self, reason: String) {
        // This may run inside the socket's own callback: drop it after the callback returns.
        if let Some(old) = self.socket.borrow_mut().take() {
            set_timeout(move || drop(old), std::time::Duration::ZERO);
        }
        *self.session.borrow_mut() = self.fresh_session();
        if self.retrying.replace(true) {
            return;
        }
        let wait = SyncStatus::backoff(self.attempt.get());
        self.attempt.set(self.attempt.get() + 1);
        self.update(|s| {
            s.link = Link::Offline;
            s.retry_in_s = Some(wait);
            if !reason.is_empty() {
                s.problem = Some(reason);
            }
        });
        let me = self.me.clone();
        set_timeout(
            move || {
                if let Some(e) = me.upgrade() {
                    if e.retrying.get() {
                        e.connect();
                    }
                }
            },
            std::time::Duration::from_secs(u64::from(wait)),
        );
    }

    /// A new session that keeps every document's persisted sync state.
    fn fresh_session(&self) -> ClientSession {
        let old = self.session.borrow();
        let mut s = ClientSession::new(self.credential.device.as_str());
        let ids: Vec<String> =
            self.docs.borrow().keys().cloned().chain(self.repo.borrow().as_ref().map(|r| r.reports_id())).collect();
        for id in ids {
            if let Some(state) = old.persisted(&id) {
                s.restore(&id, &state);
            }
        }
        s
    }

    fn send(&self, bytes: &[u8]) {
        if let Some(socket) = self.socket.borrow().as_ref() {
            socket.send(bytes);
        }
    }

    fn update(&self, f: impl FnOnce(&mut SyncStatus)) {
        self.ctx.sync.update(|s| f(s.get_or_insert_with(SyncStatus::default)));
    }

    fn set_doc_status(&self, id: &str, f: impl FnOnce(&mut DocStatus)) {
        self.update(|s| f(s.docs.entry(id.to_owned()).or_default()));
    }

    fn on_bytes(&self, bytes: &[u8]) {
        let inbound = self.session.borrow_mut().receive(bytes);
        match inbound {
            Ok(Inbound::Ready) => {
                self.attempt.set(0);
                self.update(|s| {
                    s.link = Link::Online;
                    s.problem = None;
                    s.last_sync_ms = Some(js_sys::Date::now());
                });
                // The authors' attestations first, then the documents they cover.
                let Some(me) = self.me.upgrade() else { return };
                leptos::task::spawn_local(async move {
                    me.hand_on_attested().await;
                    me.push_all();
                });
            }
            Ok(Inbound::Sync { doc, data }) => self.apply(&doc, &data),
            Ok(Inbound::Refused { doc, reason }) => self.set_doc_status(&doc, |d| d.refused = Some(reason)),
            Ok(Inbound::Unavailable(doc)) => self.set_doc_status(&doc, |d| d.unavailable = true),
            Ok(Inbound::Attested(items)) => self.take_attested(items),
            Ok(Inbound::Error(message)) => self.update(|s| s.problem = Some(message)),
            Ok(Inbound::Nothing) => {}
            Err(e) => self.update(|s| s.problem = Some(e.to_string())),
        }
    }

    fn push_all(&self) {
        let ids: Vec<String> = self.docs.borrow().keys().cloned().collect();
        for id in ids {
            self.push_doc(&id);
        }
        self.push_reports();
    }

    /// Sends what the server lacks of document `id`, one the engine holds.
    fn push_doc(&self, id: &str) {
        let message =
            self.docs.borrow_mut().get_mut(id).and_then(|d| self.session.borrow_mut().outgoing(id, &mut d.doc));
        if let Some(m) = message {
            self.send(&m);
        }
    }

    /// Opens the documents the workspace now names that are not held yet and sends them.
    async fn push_new_wanted(&self) {
        for new in self.load_wanted().await {
            self.push_doc(&new);
        }
    }
}

/// `ws://host/sync` for `http://host`, `wss://` for `https://`.
pub fn ws_url(server: &str) -> String {
    let base = server.trim_end_matches('/');
    let base = base.strip_prefix("https://").map(|h| format!("wss://{h}")).unwrap_or_else(|| {
        base.strip_prefix("http://").map(|h| format!("ws://{h}")).unwrap_or_else(|| format!("ws://{base}"))
    });
    format!("{base}/sync")
}

impl SyncEngine {
    /// Applies a sync message, answers it, saves what changed, and tells the app.
    fn apply(&self, id: &str, data: &[u8]) {
        let repo = self.repo.borrow().clone().filter(|r| r.reports_id() == id);
        if repo.as_ref().is_some_and(|r| self.defer_while_open(r, id, data)) {
            return;
        }
        let mut held_before = false;
        let (changed, reply, only_here) = match &repo {
            Some(repo) => repo.with_reports_doc(|doc| self.apply_to(id, doc, data)),
            None => {
                let mut docs = self.docs.borrow_mut();
                let Some(d) = docs.get_mut(id) else { return };
                held_before = !d.doc.get_heads().is_empty();
                self.apply_to(id, &mut d.doc, data)
            }
        };
        let kind = id.parse::<DocId>().map(|d| d.kind()).ok();
        if changed && held_before && kind == Some(DocKind::Reports) {
            let value = self.docs.borrow().get(id).and_then(|d| schema::read::<ReportsDoc, _>(&d.doc).ok());
            if let Some(r) = value {
                crate::state::office::record_all_arrivals(&r.reports, js_sys::Date::now() as i64);
            }
        }
        if let Some(m) = reply {
            self.send(&m);
        }
        self.set_doc_status(id, |d| d.set_only_here(only_here));
        self.update(|s| s.last_sync_ms = Some(js_sys::Date::now()));
        let Some(me) = self.me.upgrade() else { return };
        let id = id.to_owned();
        leptos::task::spawn_local(async move { me.after_apply(id, repo, changed).await });
    }

    fn apply_to(&self, id: &str, doc: &mut automerge::AutoCommit, data: &[u8]) -> (bool, Option<Vec<u8>>, OnlyHere) {
        let mut s = self.session.borrow_mut();
        let changed = match s.apply(id, doc, data) {
            Ok(c) => c,
            Err(e) => {
                drop(s);
                let broken = matches!(e, tiendo_core::sync::ClientError::BreaksSchema { .. });
                self.update(|st| st.problem = Some(e.to_string()));
                if broken {
                    self.set_doc_status(id, |d| d.broken = true);
                }
                return (false, None, OnlyHere::default());
            }
        };
        (changed, s.outgoing(id, doc), s.only_here(id, doc))
    }

    /// Saves the document (then its sync state, never ahead of it) and refreshes the views.
    async fn after_apply(&self, id: String, repo: Option<Rc<Repo>>, changed: bool) {
        if let Some(repo) = repo {
            if changed {
                if let Ok(r) = repo.reports() {
                    self.ctx.reports.set(Some(r));
                }
                let _ = repo.flush().await;
            }
        } else if changed {
            // Not written (a full disk): the changes stay unsaved for the next save.
            let held = || std::cell::RefMut::filter_map(self.docs.borrow_mut(), |m| m.get_mut(&id)).ok();
            if let Err(tiendo_core::storage::StoreError::Storage(_)) = self.store.save_held(held).await {
                return;
            }
            if id == WORKSPACE_DOC {
                self.push_new_wanted().await;
            }
            self.refresh_plan(&id).await;
            self.ctx.docs_changed_soon();
        }
        let state = self.session.borrow().persisted(&id);
        if let (Some(key), Some(state)) = (state_key(&id), state) {
            let _ = self.store.storage().put(&key, &state).await;
        }
    }

    /// The workspace or a plan changed: show it, or open the workspace once it is complete.
    async fn refresh_plan(&self, id: &str) {
        let kind = id.parse::<DocId>().map(|d| d.kind()).ok();
        let is_plan_data = matches!(kind, Some(DocKind::Workspace | DocKind::Plan));
        if !is_plan_data {
            return;
        }
        if self.repo.borrow().is_none() {
            crate::state::boot::open_joined_when_ready(self.ctx).await;
            return;
        }
        let docs = self.docs.borrow();
        let Some(ws) = docs.get(WORKSPACE_DOC).and_then(|d| schema::read::<WorkspaceDoc, _>(&d.doc).ok()) else {
            return;
        };
        let Some(entry) = ws.documents.iter().find(|d| d.kind == DocKind::Plan) else { return };
        let Some(plan) = docs.get(&entry.id).and_then(|d| schema::read::<PlanDoc, _>(&d.doc).ok()) else { return };
        self.ctx.data.set(Some(Ok(Arc::new(PlanData { registry: ws.agencies, plan: plan.plan }))));
    }
}
