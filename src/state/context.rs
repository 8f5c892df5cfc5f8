//! The app-wide context: language, the first-run choice, the open plan and my reports.

use super::engine_client::EngineClient;
use super::settings::{Settings, Setup};
use super::PlanData;
use crate::i18n::{self, Lang};
use crate::sync::SyncStatus;
use leptos::prelude::*;
use std::sync::Arc;
use std::time::Duration;
use tiendo_core::engine::Command;
use tiendo_core::engine::SaveState;
use tiendo_core::ids::{AgencyId, PeriodId, TargetId, TaskId};
use tiendo_core::model::{AgencyReports, GeneralParts, ReviewMark, Submission, TargetValue, TaskReport};
use tiendo_core::storage::DraftEdit;

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
    engine: StoredValue<Option<EngineClient>, LocalStorage>,
    bump: StoredValue<bool>,
    /// My edits sent to the engine and not yet written by it, numbered as sent: what the page
    /// stashes if it goes away first.
    unwritten: StoredValue<Unwritten>,
}

/// My edits the engine has not written yet, and where this tab's stash goes.
#[derive(Debug, Default)]
struct Unwritten {
    /// How many edits were sent (submissions too).
    sent: u64,
    /// How many of them the engine has written.
    written: u64,
    /// The edits not yet written, with their numbers.
    edits: Vec<(u64, DraftEdit)>,
    /// My reports' document and this tab's name, once open.
    tab: Option<(String, String)>,
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
            engine: StoredValue::new_local(None),
            bump: StoredValue::new(false),
            unwritten: StoredValue::new(Unwritten::default()),
        };
        ctx.engine.set_value(Some(EngineClient::start(move |event| super::events::take(ctx, event))));
        provide_context(ctx);
        // The components shared with the start module speak the same language.
        tiendo_start::i18n::UiLang::provide(ctx.lang);
        super::boot::ENGINE_CTX.with(|c| c.set(Some(ctx)));
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
    /// The engine that owns the documents.
    pub fn engine(&self) -> Option<EngineClient> {
        self.engine.get_value()
    }
    /// Edits one task's report in one period: shown at once, written by the engine.
    pub fn edit_task(&self, period: &PeriodId, task: &TaskId, f: impl FnOnce(&mut TaskReport)) {
        let edited = self.patch(|r| {
            let value = r.period_mut(period).task_mut(task);
            f(value);
            value.clone()
        });
        self.send(edited.map(|value| DraftEdit::Task { period: period.clone(), task: task.clone(), value }));
    }

    /// Edits one target's value in one period: shown at once, written by the engine.
    pub fn edit_target(&self, period: &PeriodId, target: &TargetId, f: impl FnOnce(&mut TargetValue)) {
        let edited = self.patch(|r| {
            let value = r.period_mut(period).target_mut(target);
            f(value);
            value.clone()
        });
        self.send(edited.map(|value| DraftEdit::Target { period: period.clone(), target: target.clone(), value }));
    }

    /// Edits the general parts of one period: shown at once, written by the engine.
    pub fn edit_general(&self, period: &PeriodId, f: impl FnOnce(&mut GeneralParts)) {
        let edited = self.patch(|r| {
            let value = &mut r.period_mut(period).general;
            f(value);
            value.clone()
        });
        self.send(edited.map(|value| DraftEdit::General { period: period.clone(), value }));
    }

    /// Sends my report of `period`: shown at once; the engine records it with the heads of my
    /// reports and writes it at once. Until it says so, the submission is stashed with what was
    /// typed if the page goes away.
    pub fn submit(&self, period: &PeriodId, submission: Submission) {
        let shown = self.patch(|r| r.period_mut(period).submissions.push(submission.clone()));
        self.send(shown.map(|()| DraftEdit::Submit { period: period.clone(), submission }));
    }

    /// Applies an edit to the reports shown, if they are open; returns what `edit` returned.
    fn patch<T>(&self, edit: impl FnOnce(&mut AgencyReports) -> T) -> Option<T> {
        let mut out = None;
        self.reports.update(|r| out = r.as_mut().map(edit));
        out
    }

    fn send(&self, edit: Option<DraftEdit>) {
        if let (Some(engine), Some(edit)) = (self.engine(), edit) {
            self.unwritten.update_value(|u| {
                u.sent += 1;
                u.edits.push((u.sent, edit.clone()));
            });
            // Not saved until the engine says it wrote this edit too: a page that goes away
            // before then must not have said "saved".
            self.save.set(SaveState::Pending);
            engine.edit(edit);
        }
    }

    /// The engine wrote every edit up to the `through`th: they need no stash any more.
    pub(super) fn written(&self, through: u64) {
        self.unwritten.update_value(|u| {
            u.written = u.written.max(through);
            u.edits.retain(|(n, _)| *n > through);
            if let (true, Some((doc, tab))) = (u.edits.is_empty(), &u.tab) {
                super::stash::forget_of(doc, tab);
            }
        });
    }

    /// Where my edits are, as the engine says: "saved" only once it has written every edit
    /// this page sent.
    pub(super) fn saved(&self, state: SaveState) {
        let all_written = self.unwritten.with_value(|u| u.written >= u.sent);
        if state != SaveState::Saved || all_written {
            self.save.set(state);
        }
    }

    /// My reports are open in this tab: where its stash goes.
    pub(super) fn opened_in(&self, reports: String, tab: String) {
        self.unwritten.update_value(|u| u.tab = Some((reports, tab)));
    }

    /// The page goes away: what the engine has not written is stashed at once, and the engine
    /// stops (see [`EngineClient::page_gone`]).
    pub fn stash_and_stop(&self) {
        self.unwritten.with_value(|u| {
            if let Some((doc, tab)) = &u.tab {
                super::stash::keep(doc, tab, u.edits.iter().map(|(_, e)| e));
            }
        });
        if let Some(engine) = self.engine() {
            engine.page_gone();
            if engine.in_worker() {
                super::tab_lock::release();
            }
        }
    }

    /// Starts writing unsaved edits as a change now (also on `pagehide`, when the tab is hidden,
    /// before a submission or a sync file).
    pub fn flush_now(&self) {
        if let Some(engine) = self.engine() {
            engine.send(Command::FlushSoon);
        }
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
        if let Some(engine) = self.engine() {
            engine.send(Command::Refresh);
        }
    }
}
