//! `/office/report/:agency/:period`: one agency's report for one period, as the document it
//! becomes, with the office's review (accept, or return with a comment) and its `.docx`.

use super::{snapshot_as_of_resource, AsOfRead, OfficeOnly};
use crate::components::as_of_bar::{AsOfBar, AsOfSaid};
use crate::components::letter_view::LetterView;
use crate::components::report_history::ReportHistory;
use crate::state::{office, AppContext};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use tiendo_core::engine::OfficeEdit;
use tiendo_core::history::Basis;
use tiendo_core::ids::{AgencyId, PeriodId};
use tiendo_core::model::{ReviewMark, ReviewOutcome};
use tiendo_core::office::Snapshot;
use tiendo_core::rules::state::{mark_id, report_state, ReportState};
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
    let AsOfRead { snap, tally, .. } = snapshot_as_of_resource(as_of, basis);
    // Here, not in `Review`: the review's own edit makes the snapshot reload and `Review` draw
    // again, and what just happened must stay on screen.
    let message = RwSignal::new(None::<String>);
    let history_open = RwSignal::new(false);
    let ids = move || {
        let p = params.get();
        let agency = p.get("agency").and_then(|a| AgencyId::new(a).ok());
        let period = p.get("period").and_then(|a| PeriodId::new(a).ok());
        agency.zip(period)
    };
    let page = move || match (snap.get(), ids()) {
        (None, _) => view! { <p>{move || ctx.t("office.loading")}</p> }.into_any(),
        (Some(Err(e)), _) => view! { <p class="error" role="alert">{ctx.error_text(&e)}</p> }.into_any(),
        (_, None) => view! { <p class="error" role="alert">{move || ctx.t("report.no_period")}</p> }.into_any(),
        (Some(Ok(s)), Some((agency, period))) => {
            let past = tally.with(Option::is_some);
            view! { <Review snap=s agency=agency period=period message=message past=past history_open=history_open/> }
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
    /// What the office holds.
    snap: Snapshot,
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
    let today = ctx.today();
    let letter = match snap.agency_letter(&agency, &period, today) {
        Ok(l) => l,
        Err(e) => return view! { <p class="error" role="alert">{e.to_string()}</p> }.into_any(),
    };
    let report = snap.reports.iter().find(|r| r.agency == agency).and_then(|r| r.period(&period)).cloned();
    let state = report_state(&agency, report.as_ref(), &snap.marks);
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
        let (snap, agency, period) = (snap.clone(), agency.clone(), period.clone());
        move |_| match snap.docx(&period, Some(&agency), today) {
            Ok(bytes) => crate::state::files::download(&snap.file_name(&period, Some(&agency), "docx"), &bytes),
            Err(e) => message.set(Some(e.to_string())),
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
