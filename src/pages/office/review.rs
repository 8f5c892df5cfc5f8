//! `/office/report/:agency/:period`: one agency's report for one period, as the document it
//! becomes, with the office's review (accept, or return with a comment) and its `.docx`.

use super::{view_as_of_resource, AsOfRead, OfficeOnly};
use crate::components::as_of_bar::{AsOfBar, AsOfSaid};
use crate::components::letter_view::LetterView;
use crate::components::report_history::ReportHistory;
use crate::state::{office, AppContext};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use tiendo_core::engine::{OfficeAsk, OfficeEdit, OfficeFile, ReviewView, ViewDay};
use tiendo_core::history::Basis;
use tiendo_core::ids::{AgencyId, PeriodId};
use tiendo_core::model::{ReviewMark, ReviewOutcome};
use tiendo_core::rules::state::{mark_id, ReportState};
use tiendo_core::Day;

/// The page.
#[component]
pub fn ReviewPage() -> impl IntoView {
    view! { <OfficeOnly><ReviewView/></OfficeOnly> }
}

#[component]
fn ReviewView() -> impl IntoView {
    let ctx = AppContext::expect();
    let params = use_params_map();
    let as_of = RwSignal::new(ctx.today());
    let basis = RwSignal::new(Basis::DeviceTime);
    // Here, not in `Review`: the review's own edit makes the view reload and `Review` draw
    // again, and what just happened must stay on screen.
    let message = RwSignal::new(None::<String>);
    let history_open = RwSignal::new(false);
    let ids = move || {
        let p = params.get();
        let agency = p.get("agency").and_then(|a| AgencyId::new(a).ok());
        let period = p.get("period").and_then(|a| PeriodId::new(a).ok());
        agency.zip(period)
    };
    let ask = move || ids().map(|(agency, period)| OfficeAsk::Review { agency, period });
    let AsOfRead { view: read, tally, day } = view_as_of_resource::<ReviewView>(as_of, basis, ask);
    let page = move || match (ids(), read.get()) {
        (None, _) => view! { <p class="error" role="alert">{move || ctx.t("report.no_period")}</p> }.into_any(),
        (_, None) => view! { <p>{move || ctx.t("office.loading")}</p> }.into_any(),
        (_, Some(Err(e))) => view! { <p class="error" role="alert">{ctx.error_text(&e)}</p> }.into_any(),
        (Some((agency, period)), Some(Ok(r))) => {
            let past = tally.with(Option::is_some);
            let on = ViewDay { day: day.get(), basis: basis.get(), today: ctx.today() };
            view! { <Review seen=r on=on agency=agency period=period message=message past=past history_open=history_open/> }
                .into_any()
        }
    };
    // Above the report, which sync draws again: whose report, then the day it is read as of.
    let title = move || {
        let (agency, period) = ids()?;
        let plan = ctx.plan();
        let agency_name = plan.as_ref().map_or_else(|| agency.to_string(), |d| d.agency_name(&agency));
        let period_name = plan
            .as_ref()
            .and_then(|d| d.plan.period(&period).map(|p| p.label.clone()))
            .unwrap_or_else(|| period.to_string());
        Some(ctx.t_with("review.title", &[("period", period_name), ("agency", agency_name)]))
    };
    view! {
        <h1 class="no-print" id="review-title">{title}</h1>
        <div class="toolbar no-print"><AsOfBar id="review-as-of" as_of=as_of basis=basis/></div>
        <AsOfSaid tally=tally/>
        {page}
    }
}

/// The report and the review controls.
#[component]
fn Review(
    /// The report as the office holds it.
    seen: ReviewView,
    /// The day it is read as of (its `.docx` too).
    on: ViewDay,
    /// Whose report.
    agency: AgencyId,
    /// Which period.
    period: PeriodId,
    /// What the last action did, in words.
    message: RwSignal<Option<String>>,
    /// Whether this is the report as of a past day (read only: no review of it).
    past: bool,
    /// Whether the report's history is shown.
    history_open: RwSignal<bool>,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let ReviewView { letter, report, state } = seen;
    let last = report.as_ref().and_then(|r| r.last_submission()).cloned();
    let comment = RwSignal::new(String::new());
    let review = {
        let (agency, period, last) = (agency.clone(), period.clone(), last.clone());
        move |outcome: ReviewOutcome| {
            let Some(sub) = last.clone() else { return };
            let text = comment.get_untracked();
            if outcome == ReviewOutcome::Returned && text.trim().is_empty() {
                message.set(Some(ctx.t("review.comment_needed")));
                return;
            }
            let mark = ReviewMark {
                id: mark_id(&agency, &period, sub.at_ms),
                agency: agency.clone(),
                period: period.clone(),
                submission_at_ms: sub.at_ms,
                outcome,
                comment: text,
                by: ctx
                    .plan()
                    .map(|d| {
                        d.agency_name(&d.registry.provincial_office().map(|a| a.id.clone()).unwrap_or(agency.clone()))
                    })
                    .unwrap_or_default(),
                at_ms: ctx.now_ms(),
            };
            leptos::task::spawn_local(async move {
                let result = office::edit(ctx, OfficeEdit::Review(mark)).await;
                message.set(Some(match result {
                    Ok(_) => ctx.t("review.saved"),
                    Err(e) => super::agencies::refusal(ctx, &e),
                }));
            });
        }
    };
    let (accept, send_back) = (review.clone(), review);
    let docx = {
        let (agency, period) = (agency.clone(), period.clone());
        move |_| {
            let file = OfficeFile::AgencyDocx { agency: agency.clone(), period: period.clone() };
            office::download(ctx, on, file, move |e| message.set(Some(e)));
        }
    };
    let state_text = match &state {
        ReportState::Draft => ctx.t("state.draft"),
        ReportState::Submitted => ctx.t("state.submitted"),
        ReportState::Accepted => ctx.t("state.accepted"),
        ReportState::Returned { comment } => format!("{}: {comment}", ctx.t("state.returned")),
    };
    let submitted = last.as_ref().map(|s| {
        ctx.t_with(
            "review.submitted_by",
            &[("by", s.by.clone()), ("at", Day::in_vietnam(s.at_ms).map(|d| d.to_vietnamese()).unwrap_or_default())],
        )
    });
    // Changed by the agency after it sent this: the office is told to wait for the new version.
    let edited = {
        let (agency, period) = (agency.clone(), period.clone());
        LocalResource::new(move || office::edited_since_sent(ctx, agency.clone(), period.clone()))
    };
    view! {
        <section class="office review-page">
            <div class="toolbar no-print">
                <span id="review-state" data-state=format!("{state:?}")>{state_text}</span>
                {submitted.map(|s| view! { <span>{s}</span> })}
                {move || (edited.get() == Some(true)).then(|| view! {
                    <span id="review-edited" class="state edited">{ctx.t("review.edited_after")}</span>
                })}
                <button type="button" id="letter-docx" on:click=docx>{move || ctx.t("letter.docx")}</button>
                <button type="button" on:click=move |_| { let _ = window().print(); }>{move || ctx.t("print")}</button>
            </div>
            <Show when={let has = last.is_some() && !past; move || has}>
                <div class="review-controls no-print">
                    <button type="button" id="review-accept" on:click={let a = accept.clone(); move |_| a(ReviewOutcome::Accepted)}>
                        {move || ctx.t("review.accept")}
                    </button>
                    <label>{move || ctx.t("review.comment")}
                        <textarea id="review-comment" prop:value=move || comment.get() on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
                    </label>
                    <button type="button" id="review-return" on:click={let b = send_back.clone(); move |_| b(ReviewOutcome::Returned)}>
                        {move || ctx.t("review.return")}
                    </button>
                </div>
            </Show>
            {move || message.get().map(|m| view! { <p role="status" id="review-message">{m}</p> })}
            <ReportHistory agency=agency.clone() period=period.clone() open=history_open/>
            <LetterView letter=letter.clone()/>
        </section>
    }
    .into_any()
}
