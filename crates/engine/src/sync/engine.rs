//! The browser's sync engine: the adapter of the core's sans-IO [`SyncDriver`]. The driver
//! decides when to connect, how long to wait, what to send, what waits for open edits, and when
//! to save; this module opens the WebSocket, keeps the timers, lends the documents and writes
//! them (and each one's sync state, never ahead of it) to IndexedDB.

mod attested;
mod edit;
mod lent;
mod reopen;

use super::socket::Socket;
use crate::repo::Repo;
use crate::storage::AnyStorage;
use crate::{on_global, set_timeout};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::{Rc, Weak};
use tiendo_core::doc_id::DocId;
use tiendo_core::engine::{DocStatus, EngineEvent, PlanChoice, PlanData, SyncStatus};
use tiendo_core::ids::AgencyId;
use tiendo_core::model::DocKind;
use tiendo_core::schema::genesis::{reports_doc_id, WORKSPACE_DOC};
use tiendo_core::schema::{self, PlanDoc, WorkspaceDoc};
use tiendo_core::storage::{DocStore, Storage, StorageKey, StoredDoc};
use tiendo_core::sync::Credential;
use tiendo_core::sync::{DriverEvent, Rights, SyncDriver, AUTH_PREFIX};

const STATE_PREFIX: &str = "sync-state";

/// Where the engine's notices go: the page, told in the order they happened.
pub type Notify = Rc<dyn Fn(EngineEvent)>;

/// One joined workspace's sync.
pub struct SyncEngine {
    me: Weak<SyncEngine>,
    notify: Notify,
    /// The plan the user chose in the top bar (its document id), if any.
    chosen_plan: RefCell<Option<String>>,
    status: RefCell<SyncStatus>,
    server: String,
    credential: Credential,
    agency: AgencyId,
    store: DocStore<AnyStorage>,
    driver: RefCell<SyncDriver>,
    docs: RefCell<BTreeMap<String, StoredDoc>>,
    repo: RefCell<Option<Rc<Repo>>>,
    socket: RefCell<Option<Socket>>,
}

fn state_key(doc: &str) -> Option<StorageKey> {
    StorageKey::new([STATE_PREFIX, doc]).ok()
}

impl SyncEngine {
    /// Makes the engine for a joined workspace on `storage`; [`SyncEngine::start`] connects.
    pub fn new(
        notify: Notify,
        chosen_plan: Option<String>,
        server: String,
        credential: Credential,
        agency: AgencyId,
        storage: AnyStorage,
    ) -> Rc<Self> {
        let driver = RefCell::new(SyncDriver::new(credential.device.as_str()));
        Rc::new_cyclic(|me| Self {
            me: me.clone(),
            notify,
            chosen_plan: RefCell::new(chosen_plan),
            status: RefCell::new(SyncStatus::before_first_attempt()),
            server,
            credential,
            agency,
            store: DocStore::new(storage),
            driver,
            docs: RefCell::new(BTreeMap::new()),
            repo: RefCell::new(None),
            socket: RefCell::new(None),
        })
    }

    /// Loads the documents and their sync states, then connects (and keeps reconnecting).
    pub async fn start(&self) {
        self.load_wanted().await;
        self.run(DriverEvent::Start);
        let me = self.me.clone();
        on_global("online", move |_| {
            if let Some(e) = me.upgrade() {
                e.run(DriverEvent::NetworkUp);
            }
        });
    }

    /// The user chose the plan in document `doc` in the top bar.
    pub fn choose_plan(&self, doc: &str) {
        *self.chosen_plan.borrow_mut() = Some(doc.to_owned());
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
        wasm_bindgen_futures::spawn_local(async move {
            if let Some(e) = me.upgrade() {
                e.restore_state(&id).await;
                e.run(DriverEvent::Added(id));
            }
        });
    }

    /// My reports' edits were written: what waited for them goes on, and their new changes go
    /// out (the driver sends nothing while edits are still open).
    pub fn push_reports(&self) {
        let Some(id) = self.repo.borrow().as_ref().map(|r| r.reports_id()) else { return };
        self.run(DriverEvent::Released(id));
    }

    /// The documents this agency reads, except the reports the repo holds (mine on the current
    /// plan). My reports on other plans are held here, so that what was typed on last year's
    /// plan still syncs after the office adds this year's.
    fn wanted(&self) -> Vec<String> {
        let ws = self.docs.borrow().get(WORKSPACE_DOC).and_then(|d| schema::read::<WorkspaceDoc, _>(&d.doc).ok());
        let Some(ws) = ws else { return vec![WORKSPACE_DOC.to_owned()] };
        let rights = Rights::from_workspace(&ws);
        let held_by_repo = match self.repo.borrow().as_ref() {
            Some(repo) => Some(repo.reports_id()),
            None => ws
                .plan_to_open(self.chosen_plan.borrow().as_deref())
                .and_then(|p| p.plan.as_ref())
                .map(|p| reports_doc_id(p, &self.agency)),
        };
        let mine = |d: &str| held_by_repo.as_deref() == Some(d);
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
            self.driver.borrow_mut().restore(id, &bytes);
        }
    }

    /// Opens the socket the driver asked for.
    fn connect(&self) {
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
                e.run(DriverEvent::Opened);
            }
        };
        let me = self.me.clone();
        let on_close = move |reason: String| {
            if let Some(e) = me.upgrade() {
                e.on_closed(reason);
            }
        };
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
        self.run(DriverEvent::Closed { reason });
    }

    fn send(&self, bytes: &[u8]) {
        if let Some(socket) = self.socket.borrow().as_ref() {
            socket.send(bytes);
        }
    }

    fn update(&self, f: impl FnOnce(&mut SyncStatus)) {
        let status = {
            let mut status = self.status.borrow_mut();
            f(&mut status);
            status.clone()
        };
        (self.notify)(EngineEvent::Sync(status));
    }

    fn set_doc_status(&self, id: &str, f: impl FnOnce(&mut DocStatus)) {
        self.update(|s| f(s.docs.entry(id.to_owned()).or_default()));
    }

    fn on_bytes(&self, bytes: &[u8]) {
        self.run(DriverEvent::Received(bytes.to_vec()));
    }

    /// Opens the documents the workspace now names that are not held yet and sends them.
    async fn push_new_wanted(&self) {
        for new in self.load_wanted().await {
            self.run(DriverEvent::Added(new));
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
    /// The workspace or a plan changed: show it, or open the workspace once it is complete.
    async fn refresh_plan(&self, id: &str) {
        let kind = id.parse::<DocId>().map(|d| d.kind()).ok();
        let is_plan_data = matches!(kind, Some(DocKind::Workspace | DocKind::Plan));
        if !is_plan_data {
            return;
        }
        if self.repo.borrow().is_none() {
            (self.notify)(EngineEvent::WorkspaceReady);
            return;
        }
        // The plan whose reports the repo holds (a plan added meanwhile is chosen in the top bar).
        let open = self.repo.borrow().as_ref().and_then(|r| match r.reports_id().parse::<DocId>() {
            Ok(DocId::Reports { plan, .. }) => Some(DocId::Plan(plan).to_string()),
            _ => None,
        });
        let docs = self.docs.borrow();
        let Some(ws) = docs.get(WORKSPACE_DOC).and_then(|d| schema::read::<WorkspaceDoc, _>(&d.doc).ok()) else {
            return;
        };
        let Some(entry) = ws.plan_to_open(open.as_deref()) else { return };
        let Some(plan) = docs.get(&entry.id).and_then(|d| schema::read::<PlanDoc, _>(&d.doc).ok()) else { return };
        let plans = ws
            .plans()
            .filter_map(|e| {
                let p = docs.get(&e.id).and_then(|d| schema::read::<PlanDoc, _>(&d.doc).ok())?;
                Some(PlanChoice::of(&e.id, &p.plan))
            })
            .collect();
        let data = PlanData { registry: ws.agencies, plan: plan.plan, plans };
        drop(docs);
        (self.notify)(EngineEvent::Plan(std::sync::Arc::new(data)));
    }
}
