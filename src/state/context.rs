//! The app-wide context: language, the first-run choice, the open plan and my reports.

use super::save_timer::SaveTimer;
use super::settings::{Settings, Setup};
use super::PlanData;
use crate::i18n::{self, Lang};
use crate::sync::{SyncEngine, SyncStatus};
use leptos::prelude::*;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;
use tiendo_core::ids::{AgencyId, PeriodId, TargetId, TaskId};
use tiendo_core::model::{AgencyReports, GeneralParts, PeriodReport, ReviewMark, TargetValue, TaskReport};
use tiendo_engine::repo::Repo;

/// Where my last edits are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Everything is in IndexedDB.
    Saved,
    /// Edits wait to be written (at most a second).
    Pending,
    /// Writing failed; the edits are kept in memory and retried.
    Failed(super::EngineError),
}

/// What the browser says about its storage.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StorageInfo {
    /// Whether the documents are in IndexedDB (not only in memory).
    pub durable: bool,
    /// The answer of `navigator.storage.persist()`.
    pub persisted: Option<bool>,
    /// Bytes used and the quota, from `navigator.storage.estimate()`.
    pub usage: Option<(f64, f64)>,
    /// Why IndexedDB could not be opened, if it could not.
    pub problem: Option<String>,
}

/// Shared app state. `Copy`, so components take it by value.
#[derive(Debug, Clone, Copy)]
pub struct AppContext {
    /// The UI language.
    pub lang: RwSignal<Lang>,
    /// The first-run choice; `None` until made.
    pub setup: RwSignal<Option<Setup>>,
    /// The open plan: `None` while opening, then the plan or why it could not be opened.
    pub data: RwSignal<Option<Result<Arc<PlanData>, super::EngineError>>>,
    /// My agency's reports, once open.
    pub reports: RwSignal<Option<AgencyReports>>,
    /// Whether my edits are saved.
    pub save: RwSignal<SaveState>,
    /// Storage state for the durability guard.
    pub storage: RwSignal<StorageInfo>,
    /// A new version of the app is waiting for a reload.
    pub update_ready: RwSignal<bool>,
    /// Sync with the server, for a joined workspace.
    pub sync: RwSignal<Option<SyncStatus>>,
    /// Bumped whenever documents other than my reports change (sync, files, the office's edits).
    pub docs_changed: RwSignal<u32>,
    /// The office's review marks on the open plan's reports.
    pub marks: RwSignal<Vec<ReviewMark>>,
    repo: StoredValue<Option<Rc<Repo>>, LocalStorage>,
    engine: StoredValue<Option<Rc<SyncEngine>>, LocalStorage>,
    timer: StoredValue<bool>,
    settle_timer: StoredValue<bool>,
    waiting: StoredValue<SaveTimer>,
    bump: StoredValue<bool>,
}

impl AppContext {
    /// Creates the context and provides it to the component tree.
    pub fn provide(settings: &Settings) -> Self {
        let ctx = Self {
            lang: RwSignal::new(settings.lang),
            setup: RwSignal::new(settings.setup.clone()),
            data: RwSignal::new(None),
            reports: RwSignal::new(None),
            save: RwSignal::new(SaveState::Saved),
            storage: RwSignal::new(StorageInfo::default()),
            update_ready: RwSignal::new(false),
            sync: RwSignal::new(None),
            docs_changed: RwSignal::new(0),
            marks: RwSignal::new(Vec::new()),
            repo: StoredValue::new_local(None),
            engine: StoredValue::new_local(None),
            timer: StoredValue::new(false),
            settle_timer: StoredValue::new(false),
            waiting: StoredValue::new(SaveTimer::default()),
            bump: StoredValue::new(false),
        };
        provide_context(ctx);
        ctx
    }
    /// The context provided by [`AppContext::provide`].
    pub fn expect() -> Self {
        expect_context::<Self>()
    }
    /// The text for a key in the current language (reactive).
    pub fn t(&self, key: &str) -> String {
        i18n::t(self.lang.get(), key)
    }
    /// The text for a key with `{name}` placeholders filled (reactive).
    pub fn t_with(&self, key: &str, args: &[(&str, String)]) -> String {
        i18n::t_with(self.lang.get(), key, args)
    }
    /// An error of the layers below in the user's words: its sentence, then the detail in
    /// brackets (reactive).
    pub fn error_text(&self, e: &super::EngineError) -> String {
        let said = self.t(e.key());
        match e.detail() {
            Some(d) if !d.is_empty() => format!("{said} ({d})"),
            _ => said,
        }
    }
    /// The open plan, if it opened (reactive).
    pub fn plan(&self) -> Option<Arc<PlanData>> {
        self.data.with(|d| d.as_ref().and_then(|d| d.as_ref().ok().cloned()))
    }
    /// Today in Vietnam; in the demo, the demo's day inside its plan's year (reactive).
    pub fn today(&self) -> tiendo_core::Day {
        match self.plan() {
            Some(data) if self.is_demo() => tiendo_core::demo::demo_today(&data.plan),
            _ => tiendo_core::Day::today_in_vietnam(),
        }
    }
    /// Now, as Unix milliseconds, for what a person does (a submission, a review); in the demo,
    /// the demo's day at the clock's time, so that what is sent there is judged on that day.
    pub fn now_ms(&self) -> i64 {
        let now = js_sys::Date::now() as i64;
        if !self.is_demo() {
            return now;
        }
        let since_midnight = (now + 7 * 3_600_000).rem_euclid(86_400_000);
        self.today().at_vietnam(0, 0) + since_midnight
    }
    /// Whether this is the demo workspace (reactive).
    pub fn is_demo(&self) -> bool {
        self.setup.with(|s| matches!(s, Some(crate::state::settings::Setup::Demo { .. })))
    }
    /// My agency, once chosen (reactive).
    pub fn agency(&self) -> Option<AgencyId> {
        self.setup.with(|s| s.as_ref().map(|s| s.agency().clone()))
    }
    /// The open documents, if open.
    pub fn repo(&self) -> Option<Rc<Repo>> {
        self.repo.get_value()
    }
    /// The sync engine, for a joined workspace.
    pub fn engine(&self) -> Option<Rc<SyncEngine>> {
        self.engine.get_value()
    }
    /// Installs the sync engine.
    pub fn set_engine(&self, engine: Rc<SyncEngine>) {
        self.engine.set_value(Some(engine));
    }
    /// Installs the opened documents (and hands my reports to the sync engine, if any).
    pub fn install(&self, repo: Repo, data: PlanData, reports: AgencyReports) {
        let repo = Rc::new(repo);
        if let Some(engine) = self.engine() {
            engine.attach(repo.clone());
        }
        self.repo.set_value(Some(repo));
        self.reports.set(Some(reports));
        self.data.set(Some(Ok(Arc::new(data))));
    }

    /// Edits one task's report in one period and schedules the write.
    pub fn edit_task(&self, period: &PeriodId, task: &TaskId, f: impl FnOnce(&mut TaskReport)) {
        let (p, t) = (period.clone(), task.clone());
        self.apply(|repo| {
            repo.edit_task(period, task, f).map(|v| move |r: &mut AgencyReports| *r.period_mut(&p).task_mut(&t) = v)
        });
    }

    /// Edits one target's value in one period and schedules the write.
    pub fn edit_target(&self, period: &PeriodId, target: &TargetId, f: impl FnOnce(&mut TargetValue)) {
        let (p, t) = (period.clone(), target.clone());
        self.apply(|repo| {
            repo.edit_target(period, target, f)
                .map(|v| move |r: &mut AgencyReports| *r.period_mut(&p).target_mut(&t) = v)
        });
    }

    /// Edits the general parts of one period and schedules the write.
    pub fn edit_general(&self, period: &PeriodId, f: impl FnOnce(&mut GeneralParts)) {
        let p = period.clone();
        self.apply(|repo| {
            repo.edit_general(period, f).map(|v| move |r: &mut AgencyReports| r.period_mut(&p).general = v)
        });
    }

    /// Edits a whole period (submitting) and schedules the write.
    pub fn edit_period(&self, period: &PeriodId, f: impl FnOnce(&mut PeriodReport)) {
        let p = period.clone();
        self.apply(|repo| repo.edit_period(period, f).map(|v| move |r: &mut AgencyReports| *r.period_mut(&p) = v));
    }

    /// Runs an edit on the documents, then patches the shown value the same way, without
    /// reading the whole document again.
    fn apply<P: FnOnce(&mut AgencyReports)>(&self, edit: impl FnOnce(&Repo) -> Result<P, super::EngineError>) {
        let Some(repo) = self.repo() else { return };
        match edit(&repo) {
            Ok(patch) => {
                self.reports.update(|r| {
                    if let Some(r) = r {
                        patch(r);
                    }
                });
                self.save.set(SaveState::Pending);
                self.waiting.update_value(|w| w.edited(js_sys::Date::now()));
                self.schedule_draft(Duration::from_millis(SaveTimer::PAUSE_MS as u64));
            }
            Err(e) => self.save.set(SaveState::Failed(e)),
        }
    }

    /// Writes the draft at the next pause in typing (or when the oldest edit has waited enough).
    fn schedule_draft(&self, after: Duration) {
        self.when_timer_says(self.timer, after, SaveTimer::wait_more, Self::draft_now);
    }

    /// After `after`, asks the save timer through `more` whether to wait longer (then waits
    /// that much again) or to `act` now. One pending timeout per `flag`.
    fn when_timer_says(
        &self,
        flag: StoredValue<bool>,
        after: Duration,
        more: fn(&mut SaveTimer, f64) -> Option<f64>,
        act: fn(&Self),
    ) {
        if flag.get_value() {
            return;
        }
        flag.set_value(true);
        let ctx = *self;
        set_timeout(
            move || {
                flag.set_value(false);
                match ctx.waiting.try_update_value(|w| more(w, js_sys::Date::now())).flatten() {
                    Some(ms) => ctx.when_timer_says(flag, Duration::from_millis(ms.ceil() as u64), more, act),
                    None => act(&ctx),
                }
            },
            after,
        );
    }

    /// Writes the typed values as a draft; the change stays open until typing settles. If the
    /// draft cannot be written, the change is written instead.
    fn draft_now(&self) {
        let Some(repo) = self.repo() else { return };
        let ctx = *self;
        leptos::task::spawn_local(async move {
            match repo.write_draft().await {
                Ok(_) => {
                    if ctx.waiting.try_with_value(SaveTimer::handed_over).unwrap_or(false) {
                        ctx.save.set(SaveState::Saved);
                    }
                    ctx.schedule_settle(Duration::from_millis(SaveTimer::SETTLE_MS as u64));
                }
                Err(_) => ctx.flush_now(),
            }
        });
    }

    /// Closes the change once typing has settled.
    fn schedule_settle(&self, after: Duration) {
        self.when_timer_says(self.settle_timer, after, |w, now| w.settle_more(now), Self::flush_now);
    }

    /// Tries writing again shortly.
    fn schedule_flush(&self, after: Duration) {
        let ctx = *self;
        set_timeout(move || ctx.flush_now(), after);
    }

    /// Starts writing unsaved edits as a change now (also on `pagehide`, when the tab is hidden,
    /// before a submission or a sync file).
    pub fn flush_now(&self) {
        let Some(repo) = self.repo() else { return };
        if !repo.has_unsaved() {
            return;
        }
        self.waiting.set_value(SaveTimer::default());
        let ctx = *self;
        leptos::task::spawn_local(async move {
            match repo.flush().await {
                Ok(true) => {
                    ctx.save.set(SaveState::Saved);
                    if let Some(engine) = ctx.engine() {
                        engine.push_reports();
                    }
                }
                // Another write was in flight, or edits came meanwhile: go again shortly.
                Ok(false) => ctx.schedule_flush(Duration::from_millis(200)),
                Err(e) => {
                    ctx.save.set(SaveState::Failed(e));
                    ctx.schedule_flush(Duration::from_secs(2));
                }
            }
        });
    }

    /// Tells the views that documents changed, once for a burst of changes (sync brings a
    /// workspace's documents one message at a time; the office's pages re-read on each signal).
    pub fn docs_changed_soon(&self) {
        if self.bump.get_value() {
            return;
        }
        self.bump.set_value(true);
        let ctx = *self;
        set_timeout(
            move || {
                ctx.bump.set_value(false);
                ctx.docs_changed.update(|n| *n += 1);
            },
            Duration::from_millis(300),
        );
    }

    /// Merges what other tabs wrote.
    pub fn refresh(&self) {
        let Some(repo) = self.repo() else { return };
        let ctx = *self;
        leptos::task::spawn_local(async move {
            if let Ok(Some(v)) = repo.refresh().await {
                ctx.reports.set(Some(v));
                // Changes taken in from storage (another tab, an imported file) go on to the server.
                if let Some(engine) = ctx.engine() {
                    engine.push_reports();
                }
            }
        });
    }
}
