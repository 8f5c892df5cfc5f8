//! The provincial office's pages: the timeliness board, targets and sections, one agency's
//! report with review, and the province's report.

pub mod agencies;
pub mod board;
pub mod board_table;
pub mod compile;
pub mod explain_board;
pub mod groups;
pub mod league;
pub mod review;
pub mod targets;

use crate::components::nav::OfficeTabs;
use crate::state::office;
use crate::state::{AppContext, EngineError};
use leptos::prelude::*;
use tiendo_core::history::Basis;
use tiendo_core::office::as_of::AsOfTally;
use tiendo_core::office::Snapshot;
use tiendo_core::Day;

/// Shows `page` only to the provincial office, under the tabs of the office's pages.
#[component]
pub fn OfficeOnly(
    /// The page for the office.
    children: ChildrenFn,
) -> impl IntoView {
    let ctx = AppContext::expect();
    move || {
        if office::is_office(&ctx) {
            view! { <OfficeTabs/>{children()} }.into_any()
        } else {
            view! { <p class="notice" id="office-only">{move || ctx.t("office.only")}</p> }.into_any()
        }
    }
}

/// Reads the office's snapshot again whenever documents change.
pub fn snapshot_resource() -> LocalResource<Result<Snapshot, EngineError>> {
    let ctx = AppContext::expect();
    LocalResource::new(move || {
        ctx.docs_changed.track();
        ctx.reports.track();
        ctx.data.track();
        office::snapshot(ctx)
    })
}

/// What an office page shows as of a chosen day: the snapshot read as of that day (today's for
/// today), the day it was read for, and what it counted. Pages judge by `day`, not by the input:
/// until the reading for a newly chosen day is done, they show the last one whole.
pub struct AsOfRead {
    /// The snapshot, once read.
    pub snap: Signal<Option<Result<Snapshot, EngineError>>>,
    /// The day it was read for.
    pub day: Signal<Day>,
    /// What the as-of reading counted (`None` for today's record).
    pub tally: Signal<Option<AsOfTally>>,
}

/// Reads the snapshot as of `as_of` by `basis`, again whenever documents change.
pub fn snapshot_as_of_resource(as_of: RwSignal<Day>, basis: RwSignal<Basis>) -> AsOfRead {
    let ctx = AppContext::expect();
    let read = LocalResource::new(move || {
        ctx.docs_changed.track();
        ctx.reports.track();
        ctx.data.track();
        let (day, basis) = (as_of.get(), basis.get());
        async move { crate::state::as_of::snapshot_as_of(ctx, day, basis).await.map(|(s, t)| (s, day, t)) }
    });
    AsOfRead {
        snap: Signal::derive(move || read.get().map(|r| r.map(|(s, ..)| s))),
        day: Signal::derive(move || read.get().and_then(Result::ok).map_or_else(|| as_of.get(), |(_, d, _)| d)),
        tally: Signal::derive(move || read.get().and_then(Result::ok).and_then(|(.., t)| t)),
    }
}

/// Downloads the board's workbook (the board, the targets and the league tables) as of `day`.
pub fn download_xlsx(snap: &Snapshot, day: Day) {
    match snap.xlsx(&office::arrivals(), day, js_sys::Date::now() as i64) {
        Ok(bytes) => crate::state::files::download(&format!("TienDo_{day}.xlsx"), &bytes),
        Err(e) => leptos::logging::error!("{e}"),
    }
}
