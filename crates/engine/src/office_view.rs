//! The office's views and files, made here where every agency's reports are: a page asks for a
//! board or a workbook and receives only that.

use crate::Engine;
use tiendo_core::engine::{EngineError, NamedFile, OfficeAsk, OfficeFile, OfficeView, ViewDay};
use tiendo_core::office::as_of::AsOfTally;
use tiendo_core::office::Arrivals;

impl Engine {
    /// One of the office's views as of `day`, and what a reading as of a past day counted.
    pub async fn office_view(
        &self,
        day: ViewDay,
        arrivals: &Arrivals,
        ask: &OfficeAsk,
    ) -> Result<(OfficeView, Option<AsOfTally>), EngineError> {
        let (snap, tally) = self.snapshot_as_of(day.day, day.basis, day.today).await?;
        crate::timer::mark("tiendo:office-read");
        let view = snap.view(ask, arrivals, day.day, day.today)?;
        crate::timer::mark("tiendo:office-made");
        Ok((view, tally))
    }

    /// One of the office's files as of `day`.
    pub async fn office_file(
        &self,
        day: ViewDay,
        arrivals: &Arrivals,
        file: &OfficeFile,
        now_ms: i64,
    ) -> Result<NamedFile, EngineError> {
        let (snap, _) = self.snapshot_as_of(day.day, day.basis, day.today).await?;
        Ok(snap.file(file, arrivals, day.day, day.today, now_ms)?)
    }
}
