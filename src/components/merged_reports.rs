//! On Home, the agencies merged into mine: their tasks and a link to each period's report, which
//! stay readable under the agency that now answers for them (issue 19: a merger keeps history).

use crate::state::{AppContext, PlanData};
use leptos::prelude::*;
use leptos_router::components::A;
use std::sync::Arc;
use tiendo_core::ids::AgencyId;
use tiendo_core::rules::assignment::tasks_for;

/// The agencies merged into `agency` (directly or through a later merger), in registry order.
pub fn merged_into<'a>(
    data: &'a PlanData,
    agency: &'a AgencyId,
) -> impl Iterator<Item = &'a tiendo_core::model::Agency> + 'a {
    data.registry
        .agencies
        .iter()
        .filter(move |a| &a.id != agency && a.ended.is_some())
        .filter(move |a| data.registry.successor(&a.id).is_some_and(|s| &s.id == agency))
}

/// One card per agency merged into `agency`; nothing when there is none.
#[component]
pub fn MergedReports(
    /// The plan and registry.
    data: Arc<PlanData>,
    /// My agency.
    agency: AgencyId,
) -> impl IntoView {
    let ctx = AppContext::expect();
    merged_into(&data, &agency)
        .map(|old| {
            let since = old.ended.as_ref().map(|e| e.on.to_vietnamese()).unwrap_or_default();
            let name = data.agency_name(&old.id);
            let args = [("agency", name.clone()), ("since", since)];
            let tasks = tasks_for(&data.plan, &data.registry, &old.id)
                .into_iter()
                .map(|(t, _)| {
                    let (id, title) = (t.id.to_string(), t.title(140));
                    view! { <li><A href=format!("/task/{id}")>{id.clone()}</A>" "{title}</li> }
                })
                .collect_view();
            let periods = data
                .plan
                .schedule
                .iter()
                .map(|p| {
                    let (href, id, label) = (format!("/merged/{}/{}", old.id, p.id), p.id.to_string(), p.label.clone());
                    view! { <li><A href=href attr:data-merged-period=id>{label}</A></li> }
                })
                .collect_view();
            let (periods, tasks) = (periods.into_any(), tasks.into_any());
            view! {
                <section class="card merged" data-merged=old.id.to_string()>
                    <h2>{move || ctx.t_with("merged.title", &args)}</h2>
                    <p class="muted">{move || ctx.t("merged.explain")}</p>
                    <h3>{move || ctx.t("merged.reports")}</h3>
                    <ul class="merged-periods">{periods}</ul>
                    <h3>{move || ctx.t("merged.tasks")}</h3>
                    <ul class="my-tasks">{tasks}</ul>
                </section>
            }
        })
        .collect_view()
}
