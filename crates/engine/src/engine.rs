//! The one owner of the open documents: my reports (through the [`Repo`]) and, for a joined
//! workspace, the sync engine with everything else. Edits come in as values
//! ([`DraftEdit`]: the new value of one part of a report), in order; the engine writes them,
//! first as a draft within a second and then as a change once typing settles, and tells the page
//! where they are ([`EngineEvent::Save`]). Saving is decided here and nowhere else.

use crate::repo::Repo;
use crate::set_timeout;
use crate::sync::{Notify, SyncEngine};
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use std::sync::Arc;
use std::time::Duration;
use tiendo_core::engine::{EngineError, EngineEvent, SaveState, SaveTimer};
use tiendo_core::engine::{OpenRequest, PlanData};
use tiendo_core::history::ConflictScan;
use tiendo_core::ids::{AgencyId, DeviceId};
use tiendo_core::model::AgencyReports;
use tiendo_core::storage::DraftEdit;

/// The engine of one tab.
pub struct Engine {
    me: Weak<Engine>,
    notify: Notify,
    repo: RefCell<Option<Rc<Repo>>>,
    /// The open plan and the registry, as last told to the page.
    plan: RefCell<Option<Arc<PlanData>>>,
    /// This laptop's device and the agency it works for, once open.
    identity: RefCell<Option<(DeviceId, AgencyId)>>,
    /// What the page asked to open (a joined workspace opens later, when sync brings it).
    pub(crate) request: RefCell<Option<OpenRequest>>,
    /// A late opening is under way.
    pub(crate) opening: Cell<bool>,
    /// The office's scan of the other agencies' conflicts (taken out while it runs).
    pub(crate) scan: RefCell<Option<ConflictScan>>,
    /// How many edits of my reports the page sent (each counted as it came).
    taken: Cell<u64>,
    /// A checked sync file waiting to be imported.
    pub(crate) pending: RefCell<Option<crate::sync_file::Pending>>,
    /// The workers that check large sync files, while the page that imports them is open.
    pub(crate) workers: RefCell<Option<Rc<crate::check_pool::CheckPool>>>,
    sync: RefCell<Option<Rc<SyncEngine>>>,
    waiting: RefCell<SaveTimer>,
    /// A draft write is scheduled.
    draft_due: Cell<bool>,
    /// Closing the change is scheduled.
    settle_due: Cell<bool>,
    /// Every agency's reports read ahead for the office's first view.
    pub(crate) ahead: RefCell<Option<crate::office_view::ReadAhead>>,
}

impl Engine {
    /// An engine with nothing open, telling the page through `notify`.
    pub fn new(notify: Notify) -> Rc<Self> {
        Rc::new_cyclic(|me: &Weak<Engine>| {
            // The plan the page is told of is the one the engine answers for.
            let keeper = me.clone();
            let notify: Notify = Rc::new(move |event| {
                let Some(engine) = keeper.upgrade() else { return notify(event) };
                match &event {
                    EngineEvent::Plan(data) => *engine.plan.borrow_mut() = Some(Arc::clone(data)),
                    // What was read ahead may lack what changed: the next view reads afresh.
                    EngineEvent::DocsChanged | EngineEvent::ReportsArrived(_) => {
                        engine.ahead.borrow_mut().take();
                    }
                    // Sync's news for the engine itself: the page hears of the plan once open.
                    EngineEvent::WorkspaceReady => {
                        return engine.later(async move |engine| engine.open_when_ready().await);
                    }
                    _ => {}
                }
                notify(event);
            });
            Self::with(me.clone(), notify)
        })
    }

    fn with(me: Weak<Engine>, notify: Notify) -> Self {
        Self {
            me,
            notify,
            repo: RefCell::new(None),
            plan: RefCell::new(None),
            identity: RefCell::new(None),
            request: RefCell::new(None),
            opening: Cell::new(false),
            scan: RefCell::new(Some(ConflictScan::default())),
            pending: RefCell::new(None),
            taken: Cell::new(0),
            workers: RefCell::new(None),
            sync: RefCell::new(None),
            waiting: RefCell::new(SaveTimer::default()),
            draft_due: Cell::new(false),
            settle_due: Cell::new(false),
            ahead: RefCell::new(None),
        }
    }

    /// A handle that does not keep the engine alive.
    pub(crate) fn weak(&self) -> Weak<Engine> {
        self.me.clone()
    }

    /// Where notices go (the sync engine tells the page through the same channel).
    pub fn notify(&self) -> Notify {
        Rc::clone(&self.notify)
    }

    /// Takes the sync engine of a joined workspace.
    pub fn set_sync(&self, sync: Rc<SyncEngine>) {
        *self.sync.borrow_mut() = Some(sync);
    }

    /// The sync engine, for a joined workspace.
    pub fn sync(&self) -> Option<Rc<SyncEngine>> {
        self.sync.borrow().clone()
    }

    /// Takes the opened documents of `agency` on `device`, and the plan they belong to; my
    /// reports go to sync through them from now on.
    pub fn install(&self, repo: Repo, plan: Arc<PlanData>, device: DeviceId, agency: AgencyId) {
        let repo = Rc::new(repo);
        if let Some(sync) = self.sync() {
            sync.attach(Rc::clone(&repo));
        }
        *self.repo.borrow_mut() = Some(repo);
        *self.plan.borrow_mut() = Some(plan);
        *self.identity.borrow_mut() = Some((device, agency));
    }

    /// The open plan and the registry.
    pub fn plan(&self) -> Option<Arc<PlanData>> {
        self.plan.borrow().clone()
    }

    /// The agency this laptop works for, once open.
    pub fn agency(&self) -> Option<AgencyId> {
        self.identity.borrow().as_ref().map(|(_, a)| a.clone())
    }

    /// This laptop's device, once open.
    pub fn device(&self) -> Option<DeviceId> {
        self.identity.borrow().as_ref().map(|(d, _)| d.clone())
    }

    /// The user chose the plan in document `doc` in the top bar (opened on the next start).
    pub fn choose_plan(&self, doc: &str) {
        if let Some(request) = self.request.borrow_mut().as_mut() {
            request.chosen_plan = Some(doc.to_owned());
        }
        if let Some(sync) = self.sync() {
            sync.choose_plan(doc);
        }
    }

    /// The open documents, if open.
    pub fn repo(&self) -> Option<Rc<Repo>> {
        self.repo.borrow().clone()
    }

    /// Writes one edit of my reports into the document and schedules its save. The page has
    /// shown the value already; a refusal is told as a failed save. A submission is recorded
    /// with the heads of my reports as they stand and written at once; the page hears my
    /// reports as they now are.
    pub fn edit(&self, edit: DraftEdit) {
        let sends = matches!(edit, DraftEdit::Submit { .. });
        self.write(|repo| repo.apply(edit));
        if sends {
            if let Ok(reports) = self.reports() {
                self.tell(EngineEvent::MyReports(reports));
            }
            self.flush_now();
        }
    }

    fn write(&self, edit: impl FnOnce(&Repo) -> Result<(), EngineError>) {
        // Counted whether or not it applies: the page counts what it sent the same way.
        self.taken.set(self.taken.get() + 1);
        let Some(repo) = self.repo() else { return };
        match edit(&repo) {
            Ok(()) => {
                self.tell(EngineEvent::Save(SaveState::Pending));
                self.waiting.borrow_mut().edited(js_sys::Date::now());
                self.schedule_draft(Duration::from_millis(SaveTimer::PAUSE_MS as u64));
            }
            Err(e) => self.tell(EngineEvent::Save(SaveState::Failed(e))),
        }
    }

    /// Starts writing unsaved edits as a change now (on `pagehide`, when the tab is hidden,
    /// before a submission or a sync file, and when sync waits for them).
    pub fn flush_now(&self) {
        let Some(repo) = self.repo() else { return };
        if !repo.has_unsaved() {
            return;
        }
        *self.waiting.borrow_mut() = SaveTimer::default();
        let through = self.taken.get();
        self.later(async move |me| match repo.flush().await {
            Ok(true) => {
                me.tell(EngineEvent::Written(through));
                me.tell(EngineEvent::Save(SaveState::Saved));
                if let Some(sync) = me.sync() {
                    sync.push_reports();
                }
            }
            // Another write was in flight, or edits came meanwhile: go again shortly.
            Ok(false) => me.flush_after(Duration::from_millis(200)),
            Err(e) => {
                me.tell(EngineEvent::Save(SaveState::Failed(e)));
                me.flush_after(Duration::from_secs(2));
            }
        });
    }

    /// The page is going away (it has stashed what is typed, synchronously, where the next tab
    /// finds it): the write starts.
    pub fn page_hidden(&self) {
        self.flush_now();
    }

    /// Writes unsaved edits and waits for the write: before a sync file is made or the plan is
    /// switched. Returns whether everything typed is on disk.
    pub async fn flush(&self) -> Result<bool, EngineError> {
        match self.repo() {
            Some(repo) => repo.flush().await,
            None => Ok(true),
        }
    }

    /// Takes in what other tabs (or an imported file) wrote to my reports.
    pub fn refresh(&self) {
        let Some(repo) = self.repo() else { return };
        self.later(async move |me| {
            if let Ok(Some(reports)) = repo.refresh().await {
                me.tell(EngineEvent::MyReports(reports));
                // Changes taken in from storage go on to the server.
                if let Some(sync) = me.sync() {
                    sync.push_reports();
                }
            }
        });
    }

    /// My reports as the document holds them.
    pub fn reports(&self) -> Result<AgencyReports, EngineError> {
        self.repo().ok_or(EngineError::NotOpen)?.reports()
    }

    pub(crate) fn tell(&self, event: EngineEvent) {
        (self.notify)(event);
    }

    pub(crate) fn later(&self, work: impl AsyncFnOnce(Rc<Engine>) + 'static) {
        let Some(me) = self.me.upgrade() else { return };
        wasm_bindgen_futures::spawn_local(async move { work(me).await });
    }

    fn flush_after(&self, after: Duration) {
        let me = self.me.clone();
        set_timeout(
            move || {
                if let Some(me) = me.upgrade() {
                    me.flush_now();
                }
            },
            after,
        );
    }

    /// Writes the draft at the next pause in typing (or when the oldest edit has waited enough).
    fn schedule_draft(&self, after: Duration) {
        self.when_timer_says(Step::Draft, after);
    }

    /// Closes the change once typing has settled.
    fn schedule_settle(&self, after: Duration) {
        self.when_timer_says(Step::Settle, after);
    }

    /// After `after`, asks the save timer whether to wait longer (then waits that much again) or
    /// to take the step now. One pending timeout per step.
    fn when_timer_says(&self, step: Step, after: Duration) {
        let due = match step {
            Step::Draft => &self.draft_due,
            Step::Settle => &self.settle_due,
        };
        if due.replace(true) {
            return;
        }
        let me = self.me.clone();
        set_timeout(
            move || {
                let Some(me) = me.upgrade() else { return };
                let now = js_sys::Date::now();
                let more = {
                    let mut waiting = me.waiting.borrow_mut();
                    match step {
                        Step::Draft => {
                            me.draft_due.set(false);
                            waiting.wait_more(now)
                        }
                        Step::Settle => {
                            me.settle_due.set(false);
                            waiting.settle_more(now)
                        }
                    }
                };
                match (more, step) {
                    (Some(ms), _) => me.when_timer_says(step, Duration::from_millis(ms.ceil() as u64)),
                    (None, Step::Draft) => me.draft_now(),
                    (None, Step::Settle) => me.flush_now(),
                }
            },
            after,
        );
    }

    /// Writes the typed values as a draft; the change stays open until typing settles. If the
    /// draft cannot be written, the change is written instead.
    fn draft_now(&self) {
        let Some(repo) = self.repo() else { return };
        let through = self.taken.get();
        self.later(async move |me| match repo.write_draft().await {
            Ok(_) => {
                me.tell(EngineEvent::Written(through));
                if me.waiting.borrow().handed_over() {
                    me.tell(EngineEvent::Save(SaveState::Saved));
                }
                me.schedule_settle(Duration::from_millis(SaveTimer::SETTLE_MS as u64));
            }
            Err(_) => me.flush_now(),
        });
    }
}

/// The two timed steps of saving.
#[derive(Debug, Clone, Copy)]
enum Step {
    /// The typed values as a draft.
    Draft,
    /// The change, closed.
    Settle,
}
