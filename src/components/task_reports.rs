//! What every agency reported on one task, for the provincial office (which holds every
//! agency's reports): agency, period, status, % done and results, or "chưa có báo cáo".

use super::labels::status_key;
use crate::state::AppContext;
use leptos::prelude::*;
use tiendo_core::engine::{OfficeAsk, TaskReportRow};
use tiendo_core::ids::TaskId;

/// The table of every agency's reports on `task`.
#[component]
pub fn TaskReports(
    /// The task.
    task: TaskId,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let read =
        crate::pages::office::view_resource::<Vec<TaskReportRow>>(move || Some(OfficeAsk::TaskReports(task.clone())));
    let body = move || {
        let (Some(Ok(rows)), Some(data)) = (read.get(), ctx.plan()) else { return ().into_any() };
        if rows.is_empty() {
            let none = move || ctx.t("task.no_report");
            return view! { <tr id="task-no-report"><td colspan="5" class="empty">{none}</td></tr> }.into_any();
        }
        rows.into_iter()
            .map(|row| {
                let agency = data.registry.display_name(&row.agency);
                let period = data.plan.period(&row.period).map_or_else(|| row.period.to_string(), |p| p.label.clone());
                let (status, percent) = (row.report.status.map(status_key), row.report.percent);
                let results = row.report.results.as_str().to_owned();
                let key = agency.clone();
                view! {
                    <tr data-task-agency=key>
                        <td>{agency}</td><td>{period}</td>
                        <td>{move || status.map(|k| ctx.t(k)).unwrap_or_default()}</td>
                        <td>{percent.map(|x| format!("{x}%")).unwrap_or_default()}</td>
                        <td class="prose">{results}</td>
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section class="card" id="task-reports">
            <h2>{move || ctx.t("task.all_reported")}</h2>
            <table>
                <thead><tr>
                    <th>{move || ctx.t("board.agency")}</th>
                    <th>{move || ctx.t("plan.period")}</th>
                    <th>{move || ctx.t("report.status")}</th>
                    <th>{move || ctx.t("report.percent")}</th>
                    <th>{move || ctx.t("report.results")}</th>
                </tr></thead>
                <tbody>{body}</tbody>
            </table>
        </section>
    }
}
