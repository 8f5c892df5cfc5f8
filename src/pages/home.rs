//! Home for my agency: my tasks, the reporting periods with days left, and each report's state.

use crate::components::explanation_requests::OpenRequests;
use crate::components::labels::{state_key, timeliness_key};
use crate::components::merged_reports::MergedReports;
use crate::components::plan_gate::PlanGate;
use crate::components::save_state::LocalChangesNudge;
use crate::state::conflicts::Conflicts;
use crate::state::{AppContext, PlanData};
use leptos::prelude::*;
use leptos_router::components::{Redirect, A};
use std::sync::Arc;
use tiendo_core::ids::PeriodId;
use tiendo_core::rules::assignment::{tasks_for, Role};
use tiendo_core::rules::state::{report_state, ReportState};
use tiendo_core::rules::timeliness::timeliness;

/// "2 xung đột" on a period's row when its report holds conflicts, a link to the report.
fn conflict_mark(ctx: AppContext, shared: Conflicts, period: PeriodId) -> impl IntoView {
    move || {
        let n = shared.open.with(|all| all.iter().filter(|c| c.field.period == period).count());
        (n > 0).then(|| {
            view! {
                <div><a class="conflict-mark" data-home-conflicts=period.to_string() href=format!("/report/{period}")>
                    {ctx.t_with("conflicts.count", &[("n", n.to_string())])}
                </a></div>
            }
        })
    }
}

/// The home page; sends a first-time visitor to the first-run choice.
#[component]
pub fn HomePage() -> impl IntoView {
    let ctx = AppContext::expect();
    move || match ctx.setup.get() {
        None => view! { <Redirect path="/start"/> }.into_any(),
        Some(_) => view! { <PlanGate page=|data| view! { <HomeView data=data/> }/> }.into_any(),
    }
}

/// Home once the plan is open.
#[component]
fn HomeView(
    /// The plan and registry.
    data: Arc<PlanData>,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let Some(agency) = ctx.agency() else { return ().into_any() };
    let merged = view! { <MergedReports data=data.clone() agency=agency.clone()/> };
    let name = data.agency_name(&agency);
    let tasks: Vec<_> = tasks_for(&data.plan, &data.registry, &agency)
        .into_iter()
        .map(|(t, role)| {
            let deadline = t.deadline.as_ref().map(|d| d.shown());
            let carried = t.carried_over.as_ref().map(|c| c.year);
            (t.id.clone(), t.title(140), role, (deadline, carried))
        })
        .collect();
    let lead_count = tasks.iter().filter(|(_, _, r, _)| *r == Role::Lead).count();
    let coord_count = tasks.len() - lead_count;
    let has_tasks = !tasks.is_empty();
    let mut periods: Vec<_> = data.plan.schedule.iter().filter(|p| p.applies_to(&agency, has_tasks)).cloned().collect();
    periods.sort_by_key(|p| p.due);
    let today = ctx.today();
    // Tell the benchmark when Home shows my reports.
    Effect::new(move |_| {
        if ctx.reports.with(Option::is_some) {
            crate::state::boot::mark_interactive("tiendo:home");
        }
    });
    let shared = Conflicts::expect();
    let rows = move || {
        let reports = ctx.reports.get();
        let marks = ctx.marks.get();
        periods
            .iter()
            .map(|p| {
                let report = reports.as_ref().and_then(|r| r.period(&p.id));
                let state = report_state(&agency, report, &marks);
                let (state_k, state_class) = state_key(&state, report.is_some_and(|r| r.has_content()));
                let comment = match state {
                    ReportState::Returned { comment } => Some(comment),
                    _ => None,
                };
                let (time_k, n) = timeliness_key(timeliness(p, report, today));
                let href = format!("/report/{}", p.id);
                view! {
                    <tr data-home-period=p.id.to_string() class=state_class>
                        <td>{p.label.clone()}</td>
                        <td class="due">{p.due.to_vietnamese()}</td>
                        <td class="time">{move || ctx.t_with(time_k, &[("n", n.to_string())])}</td>
                        <td class=format!("state {state_class}")>
                            {move || ctx.t(state_k)}
                            {comment.map(|c| view! { <div class="review-comment" data-review-comment>{c}</div> })}
                            {conflict_mark(ctx, shared, p.id.clone())}
                        </td>
                        <td class="no-print"><A href=href>{move || ctx.t("home.open_report")}</A></td>
                    </tr>
                }
            })
            .collect_view()
    };
    let task_items = tasks
        .into_iter()
        .map(|(id, text, role, (deadline, carried))| {
            let href = format!("/task/{id}");
            let (id_attr, id_text) = (id.to_string(), id.to_string());
            let role_key = if role == Role::Lead { "task.lead" } else { "task.coordinating" };
            view! {
                <li data-my-task=id_attr>
                    <A href=href>{id_text}</A>" "
                    <span class=format!("role {}", if role == Role::Lead { "lead" } else { "coordinating" })>
                        {move || ctx.t(role_key)}
                    </span>" "{text}
                    {deadline.map(|d| view! {
                        " "<span class="task-deadline">{move || ctx.t("task.deadline")}": "{d}</span>
                    })}
                    {carried.map(|y| view! {
                        " "<span class="task-carried">{move || ctx.t_with("task.carried_from", &[("year", y.to_string())])}</span>
                    })}
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="home-page">
            <h1 id="home-agency">{name}</h1>
            <p class="muted">{data.plan.title.clone()}</p>
            <LocalChangesNudge/>
            <OpenRequests/>
            <section class="card">
                <h2>{move || ctx.t("home.periods")}</h2>
                <table class="periods">
                    <thead><tr>
                        <th>{move || ctx.t("plan.period")}</th>
                        <th>{move || ctx.t("plan.due")}</th>
                        <th>{move || ctx.t("home.time")}</th>
                        <th>{move || ctx.t("home.state")}</th>
                        <th class="no-print"><span class="visually-hidden">{move || ctx.t("home.actions")}</span></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </section>
            <section class="card">
                <h2>
                    {move || ctx.t("home.my_tasks")}" "
                    <span class="muted" id="my-task-count">
                        {move || ctx.t_with("home.task_count", &[("lead", lead_count.to_string()), ("coord", coord_count.to_string())])}
                    </span>
                </h2>
                <ul class="my-tasks">{task_items}</ul>
            </section>
            {merged}
        </div>
    }
    .into_any()
}
