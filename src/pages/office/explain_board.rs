//! The office's side of requests for an explanation: asking from a board cell whose report is
//! overdue, and the board's list of every request with the agency's answer once it has come.

use crate::state::explanations::{answers_of, ask, Explanations};
use crate::state::AppContext;
use leptos::prelude::*;
use std::collections::BTreeMap;
use tiendo_core::ids::{AgencyId, PeriodId};
use tiendo_core::model::{answer_to, ExplanationAnswer};
use tiendo_core::Day;

/// The question and the button, under a cell's panel.
#[component]
pub fn AskForm(
    /// The agency asked.
    agency: AgencyId,
    /// The period whose report is overdue.
    period: PeriodId,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let question = RwSignal::new(String::new());
    let said = RwSignal::new(None::<(bool, String)>);
    let send = move |_| {
        let q = question.get_untracked();
        if q.trim().is_empty() {
            said.set(Some((false, ctx.t("explain.empty"))));
            return;
        }
        let (agency, period) = (agency.clone(), period.clone());
        leptos::task::spawn_local(async move {
            match ask(ctx, agency, period, None, q).await {
                Ok(()) => {
                    question.set(String::new());
                    said.set(Some((true, ctx.t("explain.asked_ok"))));
                }
                Err(e) => said.set(Some((false, ctx.error_text(&e)))),
            }
        });
    };
    view! {
        <div class="explain-ask no-print">
            <label for="explain-question">{move || ctx.t("explain.question")}</label>
            <textarea id="explain-question" prop:value=move || question.get() on:input=move |ev| question.set(event_target_value(&ev))></textarea>
            <button type="button" id="explain-ask" on:click=send>{move || ctx.t("explain.ask")}</button>
            {move || said.get().map(|(ok, m)| view! {
                <p id="explain-said" class=if ok { "muted" } else { "error" } role=if ok { "status" } else { "alert" }>{m}</p>
            })}
        </div>
    }
}

/// Every request, newest first, with the answer or "chưa trả lời".
#[component]
pub fn RequestsOnBoard() -> impl IntoView {
    let ctx = AppContext::expect();
    let shared = Explanations::expect();
    let answers = RwSignal::new(BTreeMap::<AgencyId, Vec<ExplanationAnswer>>::new());
    // An effect, so that the answers are read again whenever documents change.
    Effect::new(move |_| {
        ctx.docs_changed.track();
        let mut agencies: Vec<AgencyId> = shared.requests.with(|all| all.iter().map(|r| r.agency.clone()).collect());
        agencies.sort();
        agencies.dedup();
        leptos::task::spawn_local(async move {
            let mut found = BTreeMap::new();
            for a in agencies {
                let held = answers_of(ctx, &a).await;
                found.insert(a, held);
            }
            answers.set(found);
        });
    });
    move || {
        let mut all = shared.requests.get();
        all.reverse();
        let n = all.len();
        let items = all
            .into_iter()
            .map(|r| {
                let name = ctx.plan().map_or_else(|| r.agency.to_string(), |d| d.agency_name(&r.agency));
                let label =
                    ctx.plan().and_then(|d| d.plan.period(&r.period).map(|p| p.label.clone())).unwrap_or_default();
                let day = |ms: i64| Day::in_vietnam(ms).map(|d| d.to_vietnamese()).unwrap_or_default();
                let reply = answers.with(|a| a.get(&r.agency).and_then(|held| answer_to(held, &r).cloned()));
                let reply = match reply {
                    Some(a) => ctx.t_with("explain.board.answer", &[("date", day(a.at_ms)), ("text", a.text)]),
                    None => ctx.t("explain.board.waiting"),
                };
                view! {
                    <li data-explain-agency=r.agency.to_string()>
                        <strong>{name}</strong>" — "{label}" ("{day(r.at_ms)}"): "{r.question.clone()}
                        <br/><small class="explain-answer">{reply}</small>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="explain-board" id="explain-board" aria-labelledby="explain-board-title">
                <h2 id="explain-board-title">{ctx.t_with("explain.board.title", &[("n", n.to_string())])}</h2>
                {(n == 0).then(|| view! { <p class="muted">{ctx.t("explain.board.none")}</p> })}
                <ol>{items}</ol>
            </section>
        }
    }
}
