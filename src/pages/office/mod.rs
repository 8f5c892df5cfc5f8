//! The provincial office's pages: the timeliness board, targets and sections, one agency's
//! report with review, and the province's report.

pub mod board;
pub mod board_table;
pub mod compile;
pub mod review;
pub mod targets;

use crate::components::nav::OfficeTabs;
use crate::state::office;
use crate::state::AppContext;
use leptos::prelude::*;
use tiendo_core::office::Snapshot;

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
pub fn snapshot_resource() -> LocalResource<Result<Snapshot, String>> {
    let ctx = AppContext::expect();
    LocalResource::new(move || {
        ctx.docs_changed.track();
        ctx.reports.track();
        ctx.data.track();
        office::snapshot(ctx)
    })
}
