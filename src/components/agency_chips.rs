//! Agencies of a task as labelled chips.

use crate::state::AppContext;
use leptos::prelude::*;
use tiendo_core::model::{AgencyGroup, Task};

/// The translation key of a standing group's name; `None` for a group the office named (it has
/// its own name, in the registry).
pub fn group_key(g: &AgencyGroup) -> Option<&'static str> {
    match g {
        AgencyGroup::AllDepartments => Some("group.all_departments"),
        AgencyGroup::AllDistricts => Some("group.all_districts"),
        AgencyGroup::AllCommunes => Some("group.all_communes"),
        AgencyGroup::Named(_) => None,
    }
}

/// A group's name as shown: a standing group's in the user's language, a named one's as the
/// office wrote it.
pub fn group_label(ctx: AppContext, registry: &tiendo_core::model::Registry, g: &AgencyGroup) -> String {
    match group_key(g) {
        Some(key) => ctx.t(key),
        None => registry.group_name(g).unwrap_or_else(|| g.id().to_string()),
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
            .map(move |g| {
                let label = match group_key(&g) {
                    Some(key) => Signal::derive(move || ctx.t(key)),
                    None => {
                        let name =
                            ctx.plan().and_then(|d| d.registry.group_name(&g)).unwrap_or_else(|| g.id().to_string());
                        Signal::derive(move || name.clone())
                    }
                };
                view! { <li class=format!("{class} group")>{label}</li> }
            })
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
