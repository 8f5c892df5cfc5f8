//! The reporting schedule.

use crate::state::AppContext;
use leptos::prelude::*;
use std::sync::Arc;
use tiendo_core::ids::AgencyId;
use tiendo_core::model::{Period, PeriodKind};

use crate::state::PlanData;

fn kind_key(k: PeriodKind) -> &'static str {
    match k {
        PeriodKind::Implementation => "period.implementation",
        PeriodKind::Monthly => "period.monthly",
        PeriodKind::Quarterly => "period.quarterly",
        PeriodKind::SixMonth => "period.six_month",
        PeriodKind::Annual => "period.annual",
    }
}

/// Every reporting period: label, due date (dd/mm/yyyy), data cut-off and who reports.
/// Periods of a single agency (the monthly socio-economic report) fold into one expandable row.
#[component]
pub fn ScheduleTable(
    /// The plan and registry.
    data: Arc<PlanData>,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let row = |p: &Period| {
        let cutoff =
            p.cutoff.map(|c| format!("{} – {}", c.from.to_vietnamese(), c.to.to_vietnamese())).unwrap_or_default();
        view! {
            <tr data-period=p.id.to_string()>
                <td>{p.label.clone()}</td>
                <td class="due">{p.due.to_vietnamese()}</td>
                <td>{cutoff}</td>
            </tr>
        }
    };
    let plan_wide = data.plan.schedule.iter().filter(|p| p.reporters.is_empty()).map(row).collect_view();
    let mut own: Vec<(PeriodKind, Vec<AgencyId>, Vec<&Period>)> = Vec::new();
    for p in data.plan.schedule.iter().filter(|p| !p.reporters.is_empty()) {
        match own.iter_mut().find(|(k, r, _)| *k == p.kind && *r == p.reporters) {
            Some((_, _, list)) => list.push(p),
            None => own.push((p.kind, p.reporters.clone(), vec![p])),
        }
    }
    let folded = own
        .into_iter()
        .map(|(kind, reporters, periods)| {
            let who = reporters.iter().map(|a| data.agency_name(a)).collect::<Vec<_>>().join(", ");
            let count = periods.len();
            let rows = periods.into_iter().map(row).collect_view();
            view! {
                <details class="own-periods">
                    <summary>
                        {move || ctx.t_with("plan.own_periods", &[
                            ("n", count.to_string()),
                            ("kind", ctx.t(kind_key(kind)).to_lowercase()),
                            ("who", who.clone()),
                        ])}
                    </summary>
                    <table><tbody>{rows}</tbody></table>
                </details>
            }
        })
        .collect_view();
    view! {
        <section class="schedule" aria-labelledby="schedule-title">
            <h2 id="schedule-title">{move || ctx.t("plan.schedule")}</h2>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{move || ctx.t("plan.period")}</th>
                        <th scope="col">{move || ctx.t("plan.due")}</th>
                        <th scope="col">{move || ctx.t("plan.cutoff")}</th>
                    </tr>
                </thead>
                <tbody>{plan_wide}</tbody>
            </table>
            {folded}
        </section>
    }
}
