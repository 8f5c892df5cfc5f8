//! The office's views and files, made here where every agency's reports are: a page asks for a
//! board or a workbook and receives only that.

use crate::Engine;
use futures::future::{FutureExt as _, LocalBoxFuture, Shared};
use std::rc::Rc;
use tiendo_core::engine::{EngineError, NamedFile, OfficeAsk, OfficeFile, OfficeView, ViewDay};
use tiendo_core::ids::PlanId;
use tiendo_core::model::AgencyKind;
use tiendo_core::office::as_of::AsOfTally;
use tiendo_core::office::{Arrivals, Snapshot};

/// Everything the office's views need, read ahead for the office's first view: of which
/// plan, and the reading.
pub(crate) type ReadAhead = (PlanId, Shared<LocalBoxFuture<'static, Rc<Result<Snapshot, EngineError>>>>);

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

    /// The office's laptop has opened its documents: starts reading what its views need at
    /// once, beside what the page does next, so that its first view (the board, most often)
    /// need not wait for the whole read. Dropped when documents change before a view takes it
    /// (sync, a file, another tab, the office's own edits all say so).
    pub(crate) fn read_ahead(&self) {
        let (Some(repo), Some(data), Some(agency)) = (self.repo(), self.plan(), self.agency()) else { return };
        if data.registry.get(&agency).map(|a| a.kind) != Some(AgencyKind::ProvincialOffice) {
            return;
        }
        let plan = data.plan.id.clone();
        let reading = async move { Rc::new(crate::office::read_stored(repo, data).await) }.boxed_local().shared();
        // A shared future runs only when polled: start it now.
        wasm_bindgen_futures::spawn_local(reading.clone().map(drop));
        *self.ahead.borrow_mut() = Some((plan, reading));
        // Not kept for a page that never shows the office's views.
        let me = self.weak();
        crate::timer::set_timeout(
            move || {
                if let Some(me) = me.upgrade() {
                    me.ahead.borrow_mut().take();
                }
            },
            std::time::Duration::from_secs(30),
        );
    }
}
