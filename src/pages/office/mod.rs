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
use tiendo_core::engine::{OfficeAsk, OfficeFile, OfficeView, ViewDay};
use tiendo_core::history::Basis;
use tiendo_core::office::as_of::AsOfTally;
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

/// Reads one of the office's views, of kind `T`, for today again whenever documents change
/// (`ask` gives none where the page's address names no view: the page says so itself).
pub fn view_resource<T: TryFrom<OfficeView, Error = OfficeView> + Clone + Send + Sync + 'static>(
    ask: impl Fn() -> Option<OfficeAsk> + 'static,
) -> Signal<Option<Result<T, EngineError>>> {
    let ctx = AppContext::expect();
    let read = LocalResource::new(move || {
        ctx.docs_changed.track();
        ctx.reports.track();
        ctx.data.track();
        let ask = ask();
        async move {
            let ask = ask.ok_or(EngineError::NotOpen)?;
            office::view_of::<T>(ctx, office::today(&ctx), ask).await.map(|(v, _)| v)
        }
    });
    Signal::derive(move || read.get())
}

/// What an office page shows as of a chosen day: its view read as of that day (today's for
/// today), the day it was read for, and what it counted. Pages judge by `day`, not by the
/// input: until the reading for a newly chosen day is done, they show the last one whole.
pub struct AsOfRead<T: Send + Sync + 'static> {
    /// The view, once read.
    pub view: Signal<Option<Result<T, EngineError>>>,
    /// The day it was read for.
    pub day: Signal<Day>,
    /// What the as-of reading counted (`None` for today's record).
    pub tally: Signal<Option<AsOfTally>>,
}

/// Reads one of the office's views, of kind `T`, as of `as_of` by `basis`, again whenever
/// documents change
/// (`ask` gives none where the page's address names no view: the page says so itself).
pub fn view_as_of_resource<T: TryFrom<OfficeView, Error = OfficeView> + Clone + Send + Sync + 'static>(
    as_of: RwSignal<Day>,
    basis: RwSignal<Basis>,
    ask: impl Fn() -> Option<OfficeAsk> + 'static,
) -> AsOfRead<T> {
    let ctx = AppContext::expect();
    let read = LocalResource::new(move || {
        ctx.docs_changed.track();
        ctx.reports.track();
        ctx.data.track();
        let (day, basis, ask) = (as_of.get(), basis.get(), ask());
        let on = ViewDay { day, basis, today: ctx.today() };
        async move {
            let ask = ask.ok_or(EngineError::NotOpen)?;
            office::view_of::<T>(ctx, on, ask).await.map(|(v, t)| (v, day, t))
        }
    });
    AsOfRead {
        view: Signal::derive(move || read.get().map(|r| r.map(|(v, ..)| v))),
        day: Signal::derive(move || read.get().and_then(Result::ok).map_or_else(|| as_of.get(), |(_, d, _)| d)),
        tally: Signal::derive(move || read.get().and_then(Result::ok).and_then(|(.., t)| t)),
    }
}

/// Downloads the board's workbook (the board, the targets and the league tables) as of `day`.
pub fn download_xlsx(day: Day, basis: Basis) {
    let ctx = AppContext::expect();
    let on = ViewDay { day, basis, today: ctx.today() };
    office::download(ctx, on, OfficeFile::Xlsx, |e| leptos::logging::error!("{e}"));
}
