//! One task: its text, items, agencies and targets, and what my agency reported on it per
//! period. (Other agencies' reports arrive here with sync.)

use crate::components::labels::status_key;
use crate::components::plan_gate::PlanGate;
use crate::components::task_card::TaskCard;
use crate::state::{AppContext, PlanData};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use std::sync::Arc;
use tiendo_core::ids::TaskId;

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
    let tid = task.id.clone();
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
        Some(rows)
    };
    view! {
        <div class="task-page">
            <TaskCard task=task targets=targets/>
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
        </div>
    }
    .into_any()
}
