//! The office's review page: one agency's report's open conflicts (marked, to be settled by the
//! agency, whose report it is) and its "Lịch sử", every change of the period newest first, with
//! who, when and how it reached this laptop.

use super::field_history::{history_items, text_notice, value_mark};
use crate::state::office::{report_record, ReportRecord};
use crate::state::AppContext;
use leptos::prelude::*;
use tiendo_core::history::ConflictKind;
use tiendo_core::ids::{AgencyId, PeriodId};

/// The conflicts and the history of `agency`'s report for `period`.
#[component]
pub fn ReportHistory(
    /// Whose report.
    agency: AgencyId,
    /// Which period.
    period: PeriodId,
    /// Whether the history is shown; the page's, so that it stays open while the report is
    /// drawn again (each sync redraws it).
    open: RwSignal<bool>,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let record = LocalResource::new(move || {
        ctx.docs_changed.track();
        report_record(ctx, agency.clone(), period.clone(), open.get())
    });
    let marks = move || {
        let ReportRecord { conflicts, .. } = record.get().unwrap_or_default();
        (!conflicts.is_empty()).then(|| {
            view! {
                <div class="review-conflicts" id="review-conflicts">
                    <p class="muted">{ctx.t("review.conflicts")}</p>
                    {conflicts.into_iter().map(|c| match c.kind {
                        ConflictKind::Text => text_notice(ctx, c, false).into_any(),
                        ConflictKind::Value => value_mark(ctx, c, None).into_any(),
                    }).collect_view()}
                </div>
            }
        })
    };
    let list = move || {
        open.get().then(|| {
            let ReportRecord { history, authors, .. } = record.get().unwrap_or_default();
            view! { <ol class="history" id="review-history">{history_items(ctx, history, &authors, None)}</ol> }
        })
    };
    view! {
        <section class="field-history no-print" aria-label=move || ctx.t("history.show")>
            {marks}
            <button type="button" class="link history-toggle" id="review-history-toggle"
                aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
                {move || ctx.t(if open.get() { "history.hide" } else { "history.show" })}
            </button>
            {list}
        </section>
    }
}
