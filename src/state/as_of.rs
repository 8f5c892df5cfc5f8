//! The office's views as of a past day: the snapshot with every agency's reports and the
//! office's review marks read as the documents on this laptop stood at the end of that day.

use super::office::snapshot;
use super::{AppContext, EngineError};
use tiendo_core::history::{stored_log, Basis};
use tiendo_core::office::as_of::AsOfTally;
use tiendo_core::office::Snapshot;
use tiendo_core::schema::genesis::{reports_doc_id, reviews_doc_id};
use tiendo_core::schema::{ReportsDoc, ReviewsDoc};
use tiendo_core::Day;

/// The snapshot as of the end of `day` by `basis`, and what it counted; today's snapshot (and
/// no tally) for today or a later day.
pub async fn snapshot_as_of(
    ctx: AppContext,
    day: Day,
    basis: Basis,
) -> Result<(Snapshot, Option<AsOfTally>), EngineError> {
    let mut snap = snapshot(ctx).await?;
    if day >= ctx.today() {
        return Ok((snap, None));
    }
    let repo = ctx.repo().ok_or(EngineError::NotOpen)?;
    let store = repo.store();
    let mut tally = AsOfTally::new(day, basis);
    let plan = snap.plan.id.clone();
    for report in &mut snap.reports {
        let id = reports_doc_id(&plan, &report.agency);
        let Ok(Some(mut d)) = store.open(&id).await else { continue };
        let arrivals = stored_log(store.storage(), &id).await.unwrap_or_default();
        if let Ok(then) = tally.read::<ReportsDoc>(&mut d.doc, &arrivals) {
            *report = then.reports;
        }
    }
    let id = reviews_doc_id(&plan);
    if let Ok(Some(mut d)) = store.open(&id).await {
        let arrivals = stored_log(store.storage(), &id).await.unwrap_or_default();
        if let Ok(then) = tally.read::<ReviewsDoc>(&mut d.doc, &arrivals) {
            snap.marks = then.marks;
            snap.province_reports = then.province_reports;
        }
    }
    Ok((snap, Some(tally)))
}
