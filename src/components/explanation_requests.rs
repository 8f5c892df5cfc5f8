//! The office's requests for an explanation, on the agency's side: each request of a period on
//! its report, with the answer to write and send; and on Home, the requests not yet answered.

use crate::state::explanations::{answer, Explanations};
use crate::state::settings::Settings;
use crate::state::AppContext;
use leptos::prelude::*;
use tiendo_core::ids::PeriodId;
use tiendo_core::model::{answer_to, ExplanationRequest};
use tiendo_core::Day;

/// "dd/mm/yyyy" of a moment.
fn day_of(at_ms: i64) -> String {
    Day::in_vietnam(at_ms).map(|d| d.to_vietnamese()).unwrap_or_default()
}

/// What a request is about: "nhiệm vụ 6.3" or "báo cáo".
fn subject(ctx: AppContext, r: &ExplanationRequest) -> String {
    match &r.task {
        Some(t) => ctx.t_with("explain.task", &[("task", t.to_string())]),
        None => ctx.t("explain.report"),
    }
}

/// The requests that name this period, each with its answer.
#[component]
pub fn ExplainOnReport(
    /// The report's period.
    period: PeriodId,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let shared = Explanations::expect();
    move || {
        let here: Vec<ExplanationRequest> =
            shared.requests.with(|all| all.iter().filter(|r| r.period == period).cloned().collect());
        (!here.is_empty()).then(|| {
            view! {
                <section class="card explain" id="explain" aria-labelledby="explain-title">
                    <h2 id="explain-title">{ctx.t("explain.title")}</h2>
                    {here.into_iter().map(|r| view! { <Request request=r/> }).collect_view()}
                </section>
            }
        })
    }
}

/// One request and the agency's answer.
#[component]
fn Request(
    /// The request.
    request: ExplanationRequest,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let shared = Explanations::expect();
    let given = {
        let r = request.clone();
        move || shared.mine.with(|a| answer_to(a, &r).cloned())
    };
    // What was typed and not sent wins over the answer sent before: it is newer.
    let text =
        RwSignal::new(Settings::answer_draft(&request.id).or_else(|| given().map(|a| a.text)).unwrap_or_default());
    let error = RwSignal::new(None::<String>);
    let field = format!("explain-{}", request.id.replace(['/', ' '], "-"));
    let send = {
        let r = request.clone();
        move |_| {
            let t = text.get_untracked();
            if t.trim().is_empty() {
                error.set(Some(ctx.t("explain.empty")));
                return;
            }
            let r = r.clone();
            leptos::task::spawn_local(async move {
                let result = answer(ctx, &r, t).await;
                if result.is_ok() {
                    Settings::drop_answer_draft(&r.id);
                }
                error.set(result.err().map(|e| ctx.error_text(&e)));
            });
        }
    };
    let asked = ctx.t_with(
        "explain.asked",
        &[("by", request.by.clone()), ("date", day_of(request.at_ms)), ("subject", subject(ctx, &request))],
    );
    view! {
        <div class="explain-request" data-explain=request.id.clone()>
            <p class="asked">{asked}</p>
            <blockquote>{request.question.clone()}</blockquote>
            <label for=field.clone()>{ctx.t("explain.answer")}</label>
            <textarea id=field prop:value=move || text.get() on:input={
                let id = request.id.clone();
                move |ev| {
                    let typed = event_target_value(&ev);
                    Settings::save_answer_draft(&id, &typed);
                    text.set(typed);
                }
            }></textarea>
            <button type="button" class="explain-send" on:click=send>{ctx.t("explain.send")}</button>
            {move || given().map(|a| view! { <p class="muted answered">{ctx.t_with("explain.answered", &[("date", day_of(a.at_ms))])}</p> })}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </div>
    }
}

/// Home's notice of requests not answered yet, each a link to its report.
#[component]
pub fn OpenRequests() -> impl IntoView {
    let ctx = AppContext::expect();
    let shared = Explanations::expect();
    move || {
        let open: Vec<ExplanationRequest> = shared.requests.with(|all| {
            shared.mine.with(|mine| all.iter().filter(|r| answer_to(mine, r).is_none()).cloned().collect())
        });
        (!open.is_empty()).then(|| {
            view! {
                <section class="notice explain-open" id="explain-open" role="status">
                    <strong>{ctx.t_with("explain.open", &[("n", open.len().to_string())])}</strong>
                    <ul>{open.into_iter().map(|r| {
                        let label = ctx.plan().and_then(|d| d.plan.period(&r.period).map(|p| p.label.clone())).unwrap_or_else(|| r.period.to_string());
                        view! { <li><a href=format!("/report/{}#explain", r.period)>{label}": "{subject(ctx, &r)}" — "{r.question.clone()}</a></li> }
                    }).collect_view()}</ul>
                </section>
            }
        })
    }
}
