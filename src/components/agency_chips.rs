//! Agencies of a task as labelled chips.

use crate::state::AppContext;
use leptos::prelude::*;
use tiendo_core::model::{AgencyGroup, Task};

/// The translation key of a group's name.
pub fn group_key(g: AgencyGroup) -> &'static str {
    match g {
        AgencyGroup::AllDepartments => "group.all_departments",
        AgencyGroup::AllDistricts => "group.all_districts",
        AgencyGroup::AllCommunes => "group.all_communes",
    }
}

/// The lead and coordinating agencies of a task, groups included, by name.
#[component]
pub fn AgencyChips(
    /// The task whose agencies to show.
    task: Task,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let Some(data) = ctx.plan() else { return ().into_any() };
    let names = |ids: &[tiendo_core::ids::AgencyId]| ids.iter().map(|id| data.agency_name(id)).collect::<Vec<_>>();
    let lead = names(&task.lead);
    let coordinating = names(&task.coordinating);
    let groups = task.groups.clone();
    let coordinating_groups = task.coordinating_groups.clone();
    let chips = move |names: Vec<String>, groups: Vec<AgencyGroup>, class: &'static str| {
        let named = names.into_iter().map(move |n| view! { <li class=class>{n}</li> }).collect_view();
        let grouped = groups
            .into_iter()
            .map(move |g| view! { <li class=format!("{class} group")>{move || ctx.t(group_key(g))}</li> })
            .collect_view();
        (named, grouped)
    };
    let has_coordinating = !coordinating.is_empty() || !coordinating_groups.is_empty();
    view! {
        <div class="agencies">
            <span class="agency-role">{move || ctx.t("task.lead")}</span>
            <ul class="chips lead">{chips(lead, groups, "chip")}</ul>
            <Show when=move || has_coordinating>
                <span class="agency-role">{move || ctx.t("task.coordinating")}</span>
            </Show>
            <ul class="chips coordinating">{chips(coordinating.clone(), coordinating_groups.clone(), "chip secondary")}</ul>
        </div>
    }
    .into_any()
}
