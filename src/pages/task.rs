//! One task: where it sits in the plan, its text, items, agencies and targets, what my agency
//! reported on it per period (the office: what every agency reported), "chưa có báo cáo" while
//! nothing came in, and for an agency the task is given to, a button to write this period's
//! report.

use crate::components::labels::status_key;
use crate::components::plan_gate::PlanGate;
use crate::components::task_card::TaskCard;
use crate::components::task_reports::TaskReports;
use crate::state::{AppContext, PlanData};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use std::sync::Arc;
use tiendo_core::ids::{AgencyId, PeriodId, TaskId};
use tiendo_core::rules::assignment::tasks_for;
use tiendo_core::Day;

/// The period an agency reports for now: the first one due today or later, else the last one.
fn this_period(data: &PlanData, agency: &AgencyId, today: Day) -> Option<(PeriodId, String)> {
    let mut periods: Vec<_> = data.plan.schedule.iter().filter(|p| p.applies_to(agency, true)).collect();
    periods.sort_by_key(|p| p.due);
    let chosen = periods.iter().find(|p| p.due >= today).or(periods.last())?;
    Some((chosen.id.clone(), chosen.label.clone()))
}

/// The task page (`/task/:id`).
#[component]
pub fn TaskPage() -> impl IntoView {
    let params = use_params_map();
    move || {
        let id = params.with(|p| p.get("id").and_then(|p| TaskId::new(p).ok()));
        view! { <PlanGate page=move |data| view! { <TaskView data=data id=id.clone()/> }/> }
    }
}

/// The task once the plan is open.
#[component]
fn TaskView(
    /// The plan and registry.
    data: Arc<PlanData>,
    /// The task, if the address names a valid one.
    id: Option<TaskId>,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let Some(task) = id.and_then(|id| data.plan.task(&id).cloned()) else {
        return view! { <p class="error" role="alert">{move || ctx.t("task.not_found")}</p> }.into_any();
    };
    let targets = data.plan.targets_of(&task.id).cloned().collect::<Vec<_>>();
    let section = data.plan.sections.iter().find(|s| s.tasks.iter().any(|t| t.id == task.id));
    let section = section.map(|s| format!("{}. {}", s.id, s.title));
    let back = format!("/plan#task-{}", task.id);
    let write = ctx.agency().and_then(|agency| {
        let mine = tasks_for(&data.plan, &data.registry, &agency).iter().any(|(t, _)| t.id == task.id);
        mine.then(|| this_period(&data, &agency, ctx.today())).flatten()
    });
    let write = write.map(|(period, label)| {
        let href = format!("/report/{period}#task-report-{}", task.id);
        view! {
            <a class="button primary no-print" id="write-report" href=href>
                {move || ctx.t_with("task.write", &[("period", label.clone())])}
            </a>
        }
    });
    let tid = task.id.clone();
    // The office holds every agency's reports: it sees them all, not only its own.
    let office = crate::state::office::is_office(&ctx);
    let office_task = task.id.clone();
    let periods = data.plan.schedule.clone();
    let rows = move || {
        let reports = ctx.reports.get()?;
        let rows = periods
            .iter()
            .filter_map(|p| {
                let r = reports.period(&p.id)?.task(&tid)?;
                let status = r.status.map(status_key);
                (status.is_some() || !r.results.is_blank()).then(|| {
                    view! {
                        <tr data-task-period=p.id.to_string()>
                            <td>{p.label.clone()}</td>
                            <td>{move || status.map(|k| ctx.t(k)).unwrap_or_default()}</td>
                            <td>{r.percent.map(|x| format!("{x}%")).unwrap_or_default()}</td>
                            <td class="prose">{r.results.as_str().to_owned()}</td>
                        </tr>
                    }
                })
            })
            .collect::<Vec<_>>();
        Some(if rows.is_empty() {
            let none = move || ctx.t("task.no_report");
            vec![view! { <tr id="task-no-report"><td colspan="4" class="empty">{none}</td></tr> }.into_any()]
        } else {
            rows.into_iter().map(IntoAny::into_any).collect()
        })
    };
    view! {
        <div class="task-page">
            <nav class="crumbs no-print" aria-label=move || ctx.t("task.where")>
                <a href=back id="back-to-plan">{move || ctx.t("task.back")}</a>
                {section.map(|s| view! { <span class="crumb-section" id="task-section">{s}</span> })}
            </nav>
            <div class="task-actions">{write}</div>
            <TaskCard task=task targets=targets/>
            {office.then(|| view! { <TaskReports task=office_task.clone()/> })}
            {(!office).then(|| view! {
            <section class="card">
                <h2>{move || ctx.t("task.reported")}</h2>
                <table>
                    <thead><tr>
                        <th>{move || ctx.t("plan.period")}</th>
                        <th>{move || ctx.t("report.status")}</th>
                        <th>{move || ctx.t("report.percent")}</th>
                        <th>{move || ctx.t("report.results")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </section>
            })}
        </div>
    }
    .into_any()
}
