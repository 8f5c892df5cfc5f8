//! The plan, read-only: decision, schedule, and sections with their tasks, filterable.

use crate::components::decision_card::DecisionCard;
use crate::components::plan_gate::PlanGate;
use crate::components::schedule_table::ScheduleTable;
use crate::components::section_view::SectionView;
use crate::components::target_list::PlanGoals;
use crate::components::task_filter::TaskFilter;
use crate::state::{AppContext, PlanData};
use leptos::prelude::*;
use std::sync::Arc;
use tiendo_core::search::{latest_statuses, TaskQuery};

/// The plan page.
#[component]
pub fn PlanPage() -> impl IntoView {
    view! { <PlanGate page=|data| view! { <PlanView data=data/> }/> }
}

/// The plan once open.
#[component]
fn PlanView(
    /// The plan and registry.
    data: Arc<PlanData>,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let query = RwSignal::new(TaskQuery::default());
    let statuses = {
        let data = data.clone();
        Memo::new(move |_| ctx.reports.with(|r| r.as_ref().map(|r| latest_statuses(&data.plan, r)).unwrap_or_default()))
    };
    let matching = {
        let data = data.clone();
        Signal::derive(move || statuses.with(|s| query.with(|q| q.count_reported(&data.plan, &data.registry, s))))
    };
    let plan = Arc::new(data.plan.clone());
    let sections = data
        .plan
        .sections
        .iter()
        .map(|s| view! { <SectionView data=data.clone() section=s.clone() query=query.into() statuses=statuses.into()/> })
        .collect_view();
    view! {
        <div class="plan-page">
            <div class="overview">
                <DecisionCard plan=plan/>
                <ScheduleTable data=data.clone()/>
            </div>
            <PlanGoals goals=data.plan.goals.clone()/>
            <TaskFilter query=query matching=matching/>
            <Show when=move || matching.get() == 0>
                <p class="empty">{move || ctx.t("filter.none")}</p>
            </Show>
            <div class="sections" data-testid="sections">{sections}</div>
        </div>
    }
}
