//! The office's views as of a past day: the snapshot with every agency's reports and the
//! office's review marks read as the documents on this laptop stood at the end of that day.

use super::{AppContext, EngineError};
use tiendo_core::history::Basis;
use tiendo_core::office::as_of::AsOfTally;
use tiendo_core::office::Snapshot;
use tiendo_core::Day;

/// The snapshot as of the end of `day` by `basis`, and what it counted; today's snapshot (and
/// no tally) for today or a later day.
pub async fn snapshot_as_of(
    ctx: AppContext,
    day: Day,
    basis: Basis,
) -> Result<(Snapshot, Option<AsOfTally>), EngineError> {
    ctx.engine().ok_or(EngineError::NotOpen)?.snapshot_as_of(day, basis, ctx.today()).await
}
