//! What every agency reported on one task, for the provincial office (which holds every
//! agency's reports): agency, period, status, % done and results, or "chưa có báo cáo".

use super::labels::status_key;
use crate::state::AppContext;
use leptos::prelude::*;
use tiendo_core::ids::TaskId;
use tiendo_core::model::Plan;
use tiendo_core::office::Snapshot;

/// One row: agency, period, status key, % and results.
type Row = (String, String, Option<&'static str>, Option<u8>, String);

fn rows_of(snap: &Snapshot, plan: &Plan, task: &TaskId) -> Vec<Row> {
    let mut rows = Vec::new();
    for reports in &snap.reports {
        for period in &plan.schedule {
            let Some(r) = reports.period(&period.id).and_then(|p| p.task(task)) else { continue };
            if r.status.is_none() && r.results.is_blank() {
                continue;
            }
            rows.push((
                snap.registry.display_name(&reports.agency),
                period.label.clone(),
                r.status.map(status_key),
                r.percent,
                r.results.as_str().to_owned(),
            ));
        }
    }
    rows
}

/// The table of every agency's reports on `task`.
#[component]
pub fn TaskReports(
    /// The task.
    task: TaskId,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let snap = crate::pages::office::snapshot_resource();
    let body = move || {
        let (Some(Ok(s)), Some(data)) = (snap.get(), ctx.plan()) else { return ().into_any() };
        let rows = rows_of(&s, &data.plan, &task);
        if rows.is_empty() {
            let none = move || ctx.t("task.no_report");
            return view! { <tr id="task-no-report"><td colspan="5" class="empty">{none}</td></tr> }.into_any();
        }
        rows.into_iter()
            .map(|(agency, period, status, percent, results)| {
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
