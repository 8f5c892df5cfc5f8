//! The documents open in this tab: the plan, the registry, and my agency's reports, over
//! IndexedDB. Edits go into the Automerge document at once and reach storage within a second;
//! other tabs hear of each write on a `BroadcastChannel` and merge it.

pub mod demo;
mod draft;
mod start;
mod stored;

pub use start::{Opened, TabStart};
use stored::{open_or_create, read_or_create, upsert};

use crate::storage::AnyStorage;
use automerge::ActorId;
use std::cell::{Cell, RefCell};
use tiendo_core::builtin;
use tiendo_core::engine::EngineError;
use tiendo_core::ids::{AgencyId, DeviceId, PeriodId, PlanId, TargetId, TaskId};
use tiendo_core::model::{AgencyReports, GeneralParts, Plan, Registry, Submission, TargetValue, TaskReport, Workspace};
use tiendo_core::schema::genesis::{self, empty_reports, plan_doc_id, reports_doc_id, WORKSPACE_DOC};
use tiendo_core::schema::{self, edit, PlanDoc, ReportsDoc, WorkspaceDoc};
use tiendo_core::storage::{DocStore, Draft, DraftEdit, Storage, StoredDoc};

/// The IndexedDB database of the built-in workspace.
pub const DATABASE: &str = "tiendo";

/// The IndexedDB database of a workspace made on this laptop from an imported plan.
pub fn local_database(plan: &PlanId) -> String {
    format!("tiendo-{plan}")
}
/// The IndexedDB database of a workspace joined on a sync server.
pub fn joined_database(workspace: &str) -> String {
    format!("tiendo-joined-{workspace}")
}
/// The id of the built-in plan (what the parser makes of the decision's number and year).
pub const BUILTIN_PLAN: &str = "01-qd-ubnd-2020";
/// The channel on which tabs announce writes.
pub const CHANNEL: &str = "tiendo-docs";

/// The actor of this tab's changes: the device id's 16 bytes, then 4 random bytes, so that two
/// tabs of one device never reuse each other's sequence numbers.
pub fn tab_actor(device: &DeviceId) -> ActorId {
    let random = ActorId::random();
    let tab = random.to_bytes().get(..4).and_then(|b| <[u8; 4]>::try_from(b).ok()).unwrap_or_default();
    tiendo_core::sync::Rights::actor_for(device, tab)
}

/// The open documents of this tab.
pub struct Repo {
    store: DocStore<AnyStorage>,
    reports: RefCell<StoredDoc>,
    device_prefix: Vec<u8>,
    writing: Cell<bool>,
    channel: Option<web_sys::BroadcastChannel>,
    /// This tab's name (its actor id in hex): the key of its draft and the name of its lock.
    tab: String,
    /// What was typed since the open change began, part by part ([`Draft`]).
    draft: RefCell<Draft>,
    /// Counts edits noted in the draft, so a write knows whether edits came during it.
    draft_edits: Cell<u64>,
    /// Tells other tabs this one is alive (its draft is not theirs to replay).
    _lock: Option<crate::storage::locks::TabLock>,
}

impl Repo {
    /// Opens the built-in workspace as `agency` on `storage`, creating its genesis documents on
    /// first use.
    pub async fn open_demo(
        storage: AnyStorage,
        device: &DeviceId,
        agency: &AgencyId,
        start: &TabStart<'_>,
    ) -> Result<Opened, EngineError> {
        let store = DocStore::new(storage);
        // The built-in text is parsed only the first time, to make the genesis documents.
        let builtin = std::cell::OnceCell::new();
        let parsed = || builtin.get_or_init(|| builtin::tra_vinh_2020().map_err(EngineError::from)).clone();
        let plan_id = PlanId::new(BUILTIN_PLAN)?;
        let ws: WorkspaceDoc = read_or_create(&store, WORKSPACE_DOC, || {
            let (registry, parsed) = parsed()?;
            Ok(genesis::workspace_doc(builtin::tra_vinh_workspace(), registry, &[&parsed.plan]))
        })
        .await?;
        let plan: PlanDoc =
            read_or_create(&store, &plan_doc_id(&plan_id), || Ok(genesis::plan_doc(parsed()?.1.plan))).await?;
        Self::open_reports(store, device, agency, ws, plan, start).await
    }

    /// Opens a workspace made on this laptop from an imported plan.
    pub async fn open_local(
        storage: AnyStorage,
        device: &DeviceId,
        plan_id: &PlanId,
        agency: &AgencyId,
        start: &TabStart<'_>,
    ) -> Result<Opened, EngineError> {
        let store = DocStore::new(storage);
        let missing = || EngineError::NoWorkspace(plan_id.clone());
        let ws: WorkspaceDoc = store.read_cached(WORKSPACE_DOC).await?.ok_or_else(missing)?;
        let plan: PlanDoc = store.read_cached(&plan_doc_id(plan_id)).await?.ok_or_else(missing)?;
        Self::open_reports(store, device, agency, ws, plan, start).await
    }

    /// Opens a joined workspace from what sync has brought: `Ok(None)` while the workspace or
    /// its plan have not arrived yet.
    pub async fn open_joined(
        storage: AnyStorage,
        device: &DeviceId,
        agency: &AgencyId,
        chosen: Option<&str>,
        start: &TabStart<'_>,
    ) -> Result<Option<Opened>, EngineError> {
        let store = DocStore::new(storage);
        let Some(ws) = store.read_cached::<WorkspaceDoc>(WORKSPACE_DOC).await? else {
            return Ok(None);
        };
        let Some(plan_id) = ws.plan_to_open(chosen) else {
            return Ok(None);
        };
        let Some(plan) = store.read_cached::<PlanDoc>(&plan_id.id).await? else {
            return Ok(None);
        };
        Self::open_reports(store, device, agency, ws, plan, start).await.map(Some)
    }

    async fn open_reports(
        store: DocStore<AnyStorage>,
        device: &DeviceId,
        agency: &AgencyId,
        ws: WorkspaceDoc,
        plan: PlanDoc,
        start: &TabStart<'_>,
    ) -> Result<Opened, EngineError> {
        if ws.agencies.get(agency).is_none() {
            return Err(EngineError::UnknownAgency(agency.clone()));
        }
        let reports_id = reports_doc_id(&plan.plan.id, agency);
        let mut reports =
            open_or_create(&store, &reports_id, || Ok(empty_reports(&plan.plan, &ws.agencies, agency))).await?;
        let actor = match start.tab {
            Some(tab) => tiendo_core::sync::Rights::actor_for(device, tab),
            None => tab_actor(device),
        };
        let device_prefix = actor.to_bytes()[..actor.to_bytes().len().saturating_sub(4)].to_vec();
        let tab = actor.to_hex_string();
        // A page that named its tab holds the tab's lock itself (an engine in a worker outlives
        // its page for a moment, and the next page must find the tab gone).
        let lock = if start.tab.is_some() { None } else { crate::storage::locks::hold(&tab) };
        reports.doc.set_actor(actor);
        let unstashed = draft::replay_dead_tabs(&store, &mut reports, start.stashes).await?;
        let value: ReportsDoc = schema::read(&reports.doc)?;
        let channel = web_sys::BroadcastChannel::new(CHANNEL).ok();
        let repo = Repo {
            store,
            reports: RefCell::new(reports),
            device_prefix,
            writing: Cell::new(false),
            channel,
            tab,
            draft: RefCell::new(Draft::default()),
            draft_edits: Cell::new(0),
            _lock: lock,
        };
        let mut plans = Vec::new();
        for entry in ws.plans() {
            if let Ok(Some(p)) = repo.store.read_cached::<PlanDoc>(&entry.id).await {
                plans.push(tiendo_core::engine::PlanChoice::of(&entry.id, &p.plan));
            }
        }
        Ok(Opened { repo, registry: ws.agencies, plan: plan.plan, plans, reports: value.reports, unstashed })
    }

    /// Stores an imported plan as a workspace on `storage`: genesis documents the first time;
    /// later, an amendment written as the difference into the existing documents (so it syncs
    /// as ordinary changes). Returns whether the plan existed already.
    pub async fn save_imported(
        storage: AnyStorage,
        device: &DeviceId,
        workspace: Workspace,
        registry: Registry,
        plan: Plan,
    ) -> Result<bool, EngineError> {
        let store = DocStore::new(storage);
        let plan_doc = genesis::plan_doc(plan);
        let ws_doc = genesis::workspace_doc(workspace, registry, &[&plan_doc.plan]);
        let plan_existed =
            upsert(&store, device, &plan_doc_id(&plan_doc.plan.id), &plan_doc, |d| schema::write(d, &plan_doc)).await?;
        upsert(&store, device, WORKSPACE_DOC, &ws_doc, |d| {
            let mut current: WorkspaceDoc = schema::read(d)?;
            current.agencies = ws_doc.agencies.clone();
            current.workspace = ws_doc.workspace.clone();
            for entry in &ws_doc.documents {
                if !current.documents.iter().any(|e| e.id == entry.id) {
                    current.documents.push(entry.clone());
                }
            }
            schema::write(d, &current)
        })
        .await?;
        Ok(plan_existed)
    }

    /// This tab's id: its drafts are kept under it.
    pub fn tab_id(&self) -> &str {
        &self.tab
    }

    /// Runs `f` on my reports document (sync applies and reads it through this).
    pub fn with_reports_doc<T>(&self, f: impl FnOnce(&mut automerge::AutoCommit) -> T) -> T {
        f(&mut self.reports.borrow_mut().doc)
    }

    /// The document store.
    pub fn store(&self) -> &DocStore<AnyStorage> {
        &self.store
    }

    /// Whether documents survive closing the tab.
    pub fn is_durable(&self) -> bool {
        self.store.storage().is_durable()
    }

    /// Writes one part of my reports as the page has it now (what the page typed).
    pub fn apply(&self, edit: DraftEdit) -> Result<(), EngineError> {
        match edit {
            DraftEdit::Task { period, task, value } => self.edit_task(&period, &task, |t| *t = value).map(drop),
            DraftEdit::Target { period, target, value } => self.edit_target(&period, &target, |t| *t = value).map(drop),
            DraftEdit::General { period, value } => self.edit_general(&period, |g| *g = value).map(drop),
            DraftEdit::Submit { period, submission } => self.submit(&period, submission),
        }
    }

    /// Records a submission of my report of `period`, with the heads of my reports as they
    /// stand now (unless it has them already). The draft keeps it without its heads: a tab that
    /// replays it after this one died takes the heads of what it replayed, since the change
    /// named here may never have been written.
    pub fn submit(&self, period: &PeriodId, submission: Submission) -> Result<(), EngineError> {
        let mut recorded = submission.clone();
        if recorded.heads.is_empty() {
            recorded.heads = self.heads();
        }
        self.edit(|doc| tiendo_core::storage::record_submission(doc, period, recorded))?;
        self.note(DraftEdit::Submit {
            period: period.clone(),
            submission: Submission { heads: Vec::new(), ..submission },
        });
        Ok(())
    }

    /// Applies `f` to one task's report in one period (only that entry is read and written).
    pub fn edit_task(
        &self,
        period: &PeriodId,
        task: &TaskId,
        f: impl FnOnce(&mut TaskReport),
    ) -> Result<TaskReport, EngineError> {
        let value = self.edit(|doc| edit::edit_task(doc, period, task, f))?;
        self.note(DraftEdit::Task { period: period.clone(), task: task.clone(), value: value.clone() });
        Ok(value)
    }

    /// Applies `f` to one target's value in one period.
    pub fn edit_target(
        &self,
        period: &PeriodId,
        target: &TargetId,
        f: impl FnOnce(&mut TargetValue),
    ) -> Result<TargetValue, EngineError> {
        let value = self.edit(|doc| edit::edit_target(doc, period, target, f))?;
        self.note(DraftEdit::Target { period: period.clone(), target: target.clone(), value: value.clone() });
        Ok(value)
    }

    /// Applies `f` to the general parts of one period.
    pub fn edit_general(
        &self,
        period: &PeriodId,
        f: impl FnOnce(&mut GeneralParts),
    ) -> Result<GeneralParts, EngineError> {
        let value = self.edit(|doc| edit::edit_general(doc, period, f))?;
        self.note(DraftEdit::General { period: period.clone(), value: value.clone() });
        Ok(value)
    }

    /// Writes an answer to the office's request for an explanation (saved with the next flush).
    pub fn answer(&self, answer: tiendo_core::model::ExplanationAnswer) -> Result<(), EngineError> {
        self.edit(|doc| tiendo_core::schema::explanations::put_answer(doc, answer))
    }

    /// Applies an edit. It joins the change still open: the change is closed when it is saved
    /// ([`Repo::flush`]), once typing settles, so what is typed in one go is one change, not one
    /// per key or per second. Every change is kept for ever and hashed again whenever the
    /// document is loaded (an import checks ~20,000 of them for a province-year). Until then the
    /// typed values are kept safe as a draft ([`Repo::write_draft`]).
    fn edit<T>(
        &self,
        f: impl FnOnce(&mut automerge::AutoCommit) -> Result<T, schema::DocError>,
    ) -> Result<T, EngineError> {
        let mut d = self.reports.borrow_mut();
        Ok(f(&mut d.doc)?)
    }

    /// My reports as the document holds them now.
    pub fn reports(&self) -> Result<AgencyReports, EngineError> {
        let d = self.reports.borrow();
        Ok(schema::read::<ReportsDoc, _>(&d.doc)?.reports)
    }

    /// Whether edits wait to be written into a change (or a draft to be dropped).
    pub fn has_unsaved(&self) -> bool {
        self.reports.borrow_mut().has_unsaved() || !self.draft.borrow().is_empty()
    }

    /// Writes what is unsaved (one write at a time); compacts when chunks pile up; tells other
    /// tabs. Returns whether everything is saved now.
    pub async fn flush(&self) -> Result<bool, EngineError> {
        if self.writing.replace(true) {
            return Ok(false);
        }
        let result = self.flush_inner().await;
        self.writing.set(false);
        result.map(|()| !self.has_unsaved())
    }

    async fn flush_inner(&self) -> Result<(), EngineError> {
        let noted = self.draft_edits.get();
        // Closed here with the clock: saving would close it with time 0.
        tiendo_core::changes::close_open(&mut self.reports.borrow_mut().doc, js_sys::Date::now() as i64);
        let written = self.store.save_held(|| Some(self.reports.borrow_mut())).await?;
        if !written {
            return self.drop_draft(noted).await;
        }
        let compaction = {
            let mut d = self.reports.borrow_mut();
            if self.store.wants_compaction(&d) {
                Some(d.take_compaction()?)
            } else {
                None
            }
        };
        if let Some(c) = compaction {
            self.store.apply(c).await?;
        }
        self.drop_draft(noted).await?;
        if let Some(ch) = &self.channel {
            let _ = ch.post_message(&wasm_bindgen::JsValue::from_str(self.reports.borrow().id()));
        }
        Ok(())
    }

    /// Merges chunks written by other tabs. Returns the new value if anything changed.
    pub async fn refresh(&self) -> Result<Option<AgencyReports>, EngineError> {
        let prefix = self.reports.borrow().prefix()?;
        let entries = self.store.storage().load_range(&prefix).await?;
        let loaded = {
            let mut d = self.reports.borrow_mut();
            // Loading closes the open change: with the clock, not with time 0.
            tiendo_core::changes::close_open(&mut d.doc, js_sys::Date::now() as i64);
            d.absorb(entries)
        };
        if loaded == 0 {
            return Ok(None);
        }
        self.reports().map(Some)
    }

    /// The id of my reports document.
    pub fn reports_id(&self) -> String {
        self.reports.borrow().id().to_owned()
    }

    /// The channel other tabs announce their writes on.
    pub fn channel(&self) -> Option<&web_sys::BroadcastChannel> {
        self.channel.as_ref()
    }

    /// My device's changes to my reports that are not behind `covered` (the heads another
    /// place is known to hold), with the time of the oldest.
    pub fn only_here(&self, covered: &[automerge::ChangeHash]) -> tiendo_core::changes::OnlyHere {
        let mut d = self.reports.borrow_mut();
        tiendo_core::changes::close_open(&mut d.doc, js_sys::Date::now() as i64);
        tiendo_core::changes::only_here(&mut d.doc, &self.device_prefix, covered)
    }
}

/// Whether a message from the channel is about `doc`.
pub fn is_about(event: &web_sys::MessageEvent, doc: &str) -> bool {
    event.data().as_string().is_some_and(|s| s == doc)
}

impl Repo {
    /// The heads of my reports document, as hex (recorded with a submission).
    pub fn heads(&self) -> Vec<String> {
        let mut d = self.reports.borrow_mut();
        tiendo_core::changes::close_open(&mut d.doc, js_sys::Date::now() as i64);
        d.doc.get_heads().iter().map(ToString::to_string).collect()
    }
}
