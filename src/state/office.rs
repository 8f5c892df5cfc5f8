//! What the provincial office's pages read and write: every agency's reports, the office's
//! review marks and edited province reports, and when each submission reached this laptop.

use super::{AppContext, EngineError};
use gloo_storage::{LocalStorage, Storage as _};
use leptos::prelude::*;
use tiendo_core::engine::{OfficeAsk, OfficeEdit, OfficeEditError, OfficeEdited, OfficeFile, OfficeView, ViewDay};
use tiendo_core::history::Basis;
use tiendo_core::ids::{AgencyId, PeriodId};
use tiendo_core::model::{AgencyKind, AgencyReports};
use tiendo_core::office::as_of::AsOfTally;
use tiendo_core::office::Arrivals;
use tiendo_core::rules::state::mark_id;
use tiendo_core::schema::ReviewsDoc;

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

/// Today, by the device's clock: the documents as they are.
pub fn today(ctx: &AppContext) -> ViewDay {
    ViewDay { day: ctx.today(), basis: Basis::DeviceTime, today: ctx.today() }
}

/// One of the office's views as of `day`, made by the engine, and what a reading as of a past
/// day counted.
pub async fn view(
    ctx: AppContext,
    day: ViewDay,
    ask: OfficeAsk,
) -> Result<(OfficeView, Option<AsOfTally>), EngineError> {
    ctx.engine().ok_or(EngineError::NotOpen)?.office_view(day, arrivals(), ask).await
}

/// One of the office's views of kind `T` as of `day`, and what a reading as of a past day
/// counted; an answer of another kind is the engine's failure to answer.
pub async fn view_of<T: TryFrom<OfficeView, Error = OfficeView>>(
    ctx: AppContext,
    day: ViewDay,
    ask: OfficeAsk,
) -> Result<(T, Option<AsOfTally>), EngineError> {
    let (view, tally) = view(ctx, day, ask).await?;
    let view =
        T::try_from(view).map_err(|other| EngineError::Unanswered(format!("{other:?}").chars().take(80).collect()))?;
    Ok((view, tally))
}

/// Makes one of the office's files as of `day` and hands it to the browser to save; says why
/// not in `message`.
pub fn download(ctx: AppContext, day: ViewDay, file: OfficeFile, message: impl Fn(String) + 'static) {
    leptos::task::spawn_local(async move {
        let Some(engine) = ctx.engine() else { return };
        match engine.office_file(day, arrivals(), file, js_sys::Date::now() as i64).await {
            Ok(f) => super::files::download(&f.name, &f.bytes),
            Err(e) => message(ctx.error_text(&e)),
        }
    });
}

/// Whether `agency`'s report for `period`, as this laptop holds it, was changed after it was
/// last sent (`false` if it cannot be read).
pub async fn edited_since_sent(ctx: AppContext, agency: AgencyId, period: PeriodId) -> bool {
    match ctx.engine() {
        Some(engine) => engine.edited_since_sent(agency, period).await,
        None => false,
    }
}

/// The office's reviews document of the open plan (empty if none is here yet).
pub async fn read_reviews(ctx: AppContext) -> Result<ReviewsDoc, EngineError> {
    ctx.engine().ok_or(EngineError::NotOpen)?.read_reviews().await
}

/// Writes one of the office's edits; the pages that show documents read them again.
pub async fn edit(ctx: AppContext, edit: OfficeEdit) -> Result<OfficeEdited, OfficeEditError> {
    let engine = ctx.engine().ok_or(OfficeEditError::Storage(EngineError::NotOpen))?;
    let done = engine.office_edit(edit).await?;
    ctx.docs_changed.update(|n| *n += 1);
    Ok(done)
}

/// Keeps `ctx.marks` in step with the reviews document: read when the plan opens and whenever
/// other documents change.
pub fn watch_marks(ctx: AppContext) {
    Effect::new(move |_| {
        ctx.docs_changed.track();
        if ctx.plan().is_none() || ctx.reports.with_untracked(Option::is_none) {
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(r) = read_reviews(ctx).await {
                ctx.marks.set(r.marks);
            }
        });
    });
}

pub use tiendo_core::engine::ReportRecord;

/// Reads `agency`'s report record for `period`, with its history when `with_history`.
pub async fn report_record(ctx: AppContext, agency: AgencyId, period: PeriodId, with_history: bool) -> ReportRecord {
    let started = super::boot::now_ms();
    let record = match ctx.engine() {
        Some(engine) => engine.report_record(agency, period, with_history).await,
        None => ReportRecord::default(),
    };
    if with_history {
        super::boot::record_time("review-history", super::boot::now_ms() - started);
    }
    record
}
