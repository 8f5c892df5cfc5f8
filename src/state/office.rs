//! What the provincial office's pages read and write: every agency's reports, the office's
//! review marks and edited province reports, and when each submission reached this laptop.

use super::settings::Settings;
use super::{AppContext, EngineError};
use gloo_storage::{LocalStorage, Storage as _};
use leptos::prelude::*;
use tiendo_core::history::{stored_log, Authors, ConflictEntry, HistoryEntry, Of};
use tiendo_core::ids::{AgencyId, PeriodId};
use tiendo_core::model::{AgencyKind, AgencyReports, Plan};
use tiendo_core::office::{Arrivals, Snapshot};
use tiendo_core::rules::state::mark_id;
use tiendo_core::schema::genesis::{empty_reviews, genesis, reports_doc_id, reviews_doc_id, WORKSPACE_DOC};
use tiendo_core::schema::{self, ReportsDoc, ReviewsDoc, WorkspaceDoc};
use tiendo_engine::repo::tab_actor;

/// Where this laptop keeps the first time it held each submission.
const ARRIVALS: &str = "tiendo.arrivals";

/// When this laptop first held each submission.
pub fn arrivals() -> Arrivals {
    LocalStorage::get(ARRIVALS).unwrap_or_default()
}

/// Notes `now` as the arrival of each agency's submissions (made at the given Unix ms) of a
/// period not seen before, with one read and one write of the log. Called when a sync file is
/// imported, and when sync brings changes to a document already on this laptop (not on first
/// sight: a new laptop's first sync does not claim everything arrived today).
pub fn record_arrivals_many<'a>(
    entries: impl IntoIterator<Item = (&'a AgencyId, &'a PeriodId, &'a [i64])>,
    now_ms: i64,
) {
    let mut all: Option<Arrivals> = None;
    let mut changed = false;
    for (agency, period, submissions) in entries {
        for at in submissions {
            let log = all.get_or_insert_with(arrivals);
            if let std::collections::hash_map::Entry::Vacant(e) = log.entry(mark_id(agency, period, *at)) {
                e.insert(now_ms);
                changed = true;
            }
        }
    }
    if let (true, Some(all)) = (changed, all) {
        let _ = LocalStorage::set(ARRIVALS, &all);
    }
}

/// The same for every submission of an agency's reports.
pub fn record_all_arrivals(reports: &AgencyReports, now_ms: i64) {
    let at: Vec<(&PeriodId, Vec<i64>)> =
        reports.periods.iter().map(|p| (&p.period, p.submissions.iter().map(|s| s.at_ms).collect())).collect();
    record_arrivals_many(at.iter().map(|(p, s)| (&reports.agency, *p, s.as_slice())), now_ms);
}

/// Whether `agency` is the provincial office (whose pages these are).
pub fn is_office(ctx: &AppContext) -> bool {
    let (Some(data), Some(agency)) = (ctx.plan(), ctx.agency()) else { return false };
    data.registry.get(&agency).is_some_and(|a| a.kind == AgencyKind::ProvincialOffice)
}

/// Reads everything the office's views need from this laptop's storage.
pub async fn snapshot(ctx: AppContext) -> Result<Snapshot, EngineError> {
    let repo = ctx.repo().ok_or(EngineError::NotOpen)?;
    let data = ctx.plan().ok_or(EngineError::NotOpen)?;
    let store = repo.store();
    let ws: Option<WorkspaceDoc> = store.read_cached(WORKSPACE_DOC).await?;
    let workspace = ws.map(|w| w.workspace).unwrap_or_else(tiendo_core::builtin::tra_vinh_workspace);
    let plan: &Plan = &data.plan;
    // One pass over storage: a range read per document would wait behind the sync engine's work.
    let ids: Vec<String> = data.registry.agencies.iter().map(|a| reports_doc_id(&plan.id, &a.id)).collect();
    let found = store.read_cached_many::<ReportsDoc>(&ids).await?;
    let mut reports: Vec<AgencyReports> =
        ids.iter().filter_map(|id| found.values.get(id)).map(|r| r.reports.clone()).collect();
    // A damaged document is named on the office's pages; the rest are read.
    let unreadable = found
        .unreadable
        .iter()
        .filter_map(|(id, why)| {
            let agency = data.registry.agencies.iter().find(|a| reports_doc_id(&plan.id, &a.id) == *id)?;
            Some((agency.id.clone(), why.clone()))
        })
        .collect();
    // My own reports as the tab holds them (they may not be written yet).
    if let Some(mine) = ctx.reports.get_untracked() {
        reports.retain(|r| r.agency != mine.agency);
        reports.push(mine);
    }
    let reviews = read_reviews(ctx).await?;
    Ok(Snapshot {
        workspace,
        registry: data.registry.clone(),
        plan: plan.clone(),
        reports,
        marks: reviews.marks,
        province_reports: reviews.province_reports,
        unreadable,
    })
}

/// Whether `agency`'s report for `period`, as this laptop holds it, was changed after it was
/// last sent (`false` if it cannot be read).
pub async fn edited_since_sent(ctx: AppContext, agency: AgencyId, period: PeriodId) -> bool {
    let (Some(repo), Some(data)) = (ctx.repo(), ctx.plan()) else { return false };
    if ctx.agency().as_ref() == Some(&agency) {
        return repo.with_reports_doc(|d| tiendo_core::rules::edited::edited_since_sent(d, &period).unwrap_or(false));
    }
    match repo.store().open(&reports_doc_id(&data.plan.id, &agency)).await {
        Ok(Some(mut d)) => tiendo_core::rules::edited::edited_since_sent(&mut d.doc, &period).unwrap_or(false),
        _ => false,
    }
}

/// The office's reviews document of the open plan (empty if none is here yet).
pub async fn read_reviews(ctx: AppContext) -> Result<ReviewsDoc, EngineError> {
    let repo = ctx.repo().ok_or(EngineError::NotOpen)?;
    let plan = ctx.plan().ok_or(EngineError::NotOpen)?.plan.id.clone();
    let found = repo.store().read_cached::<ReviewsDoc>(&reviews_doc_id(&plan)).await?;
    Ok(found.unwrap_or_else(|| empty_reviews(&plan)))
}

/// Changes the office's reviews document (see [`edit_office_doc`]).
pub async fn edit_reviews(ctx: AppContext, f: impl FnOnce(&mut ReviewsDoc)) -> Result<(), EngineError> {
    let plan = ctx.plan().ok_or(EngineError::NotOpen)?.plan.id.clone();
    let first = genesis(&empty_reviews(&plan))?;
    let edit = move |doc: &mut automerge::AutoCommit| -> Result<(), EngineError> {
        let mut value: ReviewsDoc = schema::read(doc)?;
        f(&mut value);
        Ok(schema::write(doc, &value)?)
    };
    edit_office_doc(ctx, &reviews_doc_id(&plan), first, edit).await
}

/// Changes a document the office writes (its reviews, the workspace): through the sync engine
/// when joined (it holds the document and sends the change), else in storage directly. `first`
/// is the document's genesis, for one not here yet. Nothing is written if `edit` fails.
pub async fn edit_office_doc(
    ctx: AppContext,
    id: &str,
    first: automerge::AutoCommit,
    edit: impl FnOnce(&mut automerge::AutoCommit) -> Result<(), EngineError>,
) -> Result<(), EngineError> {
    let repo = ctx.repo().ok_or(EngineError::NotOpen)?;
    let device = Settings::device();
    if let Some(engine) = ctx.sync_engine() {
        engine.edit_doc(id, &device, first, edit).await?;
    } else {
        let store = repo.store();
        let mut d = match store.open(id).await? {
            Some(d) => d,
            None => store.create(id, first).await?,
        };
        d.doc.set_actor(tab_actor(&device));
        edit(&mut d.doc)?;
        tiendo_core::changes::commit_at(&mut d.doc, js_sys::Date::now() as i64);
        store.save(&mut d).await?;
    }
    ctx.docs_changed.update(|n| *n += 1);
    Ok(())
}

/// Keeps `ctx.marks` in step with the reviews document: read when the plan opens and whenever
/// other documents change.
pub fn watch_marks(ctx: AppContext) {
    Effect::new(move |_| {
        ctx.docs_changed.track();
        if ctx.plan().is_none() || ctx.repo().is_none() {
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(r) = read_reviews(ctx).await {
                ctx.marks.set(r.marks);
            }
        });
    });
}

/// One agency's report for one period as this laptop holds it: what the office's review page
/// shows of its record.
#[derive(Debug, Clone, Default)]
pub struct ReportRecord {
    /// Its open conflicts (values to pick and texts written on two laptops).
    pub conflicts: Vec<ConflictEntry>,
    /// Its changes, newest first (read only when asked: a long report has many).
    pub history: Vec<HistoryEntry>,
    /// Who made them.
    pub authors: Authors,
}

/// Reads `agency`'s report record for `period`, with its history when `with_history`.
pub async fn report_record(ctx: AppContext, agency: AgencyId, period: PeriodId, with_history: bool) -> ReportRecord {
    let (Some(repo), Some(data)) = (ctx.repo(), ctx.plan()) else { return ReportRecord::default() };
    let store = repo.store();
    let ws: Option<WorkspaceDoc> = store.read_cached(WORKSPACE_DOC).await.ok().flatten();
    let id = reports_doc_id(&data.plan.id, &agency);
    let Ok(Some(mut d)) = store.open(&id).await else { return ReportRecord::default() };
    let value: Option<ReportsDoc> = schema::read(&d.doc).ok();
    let authors = ws.map(|ws| Authors::of(&ws, value.as_ref().map(|v| &v.reports))).unwrap_or_default();
    let conflicts = tiendo_core::history::conflicts(&id, &mut d.doc, &authors)
        .into_iter()
        .filter(|c| c.field.period == period)
        .collect();
    let history = if with_history {
        let arrivals = stored_log(store.storage(), &id).await.unwrap_or_default();
        tiendo_core::history::history(&mut d.doc, &authors, &arrivals, Of::Period(&period))
    } else {
        Vec::new()
    };
    ReportRecord { conflicts, history, authors }
}
