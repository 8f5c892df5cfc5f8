//! Filter the plan by agency and words.

use super::labels::{status_key, status_of, status_value, STATUSES};
use crate::state::AppContext;
use leptos::prelude::*;
use tiendo_core::ids::AgencyId;
use tiendo_core::search::{StatusFilter, TaskQuery};

/// An agency picker, a status picker (once an agency is chosen) and a search box writing to
/// `query`; shows how many tasks match.
#[component]
pub fn TaskFilter(
    /// The filter being edited.
    query: RwSignal<TaskQuery>,
    /// How many tasks match it.
    matching: Signal<usize>,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let agencies = ctx.plan().map(|d| d.registry.agencies.clone()).unwrap_or_default();
    let on_agency = move |ev| {
        let v = event_target_value(&ev);
        query.update(|q| q.agency = AgencyId::new(v).ok());
    };
    let on_status = move |ev| {
        let v = event_target_value(&ev);
        let status = match v.as_str() {
            "" => StatusFilter::Any,
            "none" => StatusFilter::NotReported,
            other => status_of(other).map_or(StatusFilter::Any, StatusFilter::Is),
        };
        query.update(|q| q.status = status);
    };
    // Built again each time the status filter is shown.
    let statuses = move || {
        STATUSES
            .into_iter()
            .map(|s| view! { <option value=status_value(s)>{move || ctx.t(status_key(s))}</option> })
            .collect_view()
    };
    let on_search = move |ev| {
        let v = event_target_value(&ev);
        query.update(|q| q.words = v);
    };
    view! {
        <div class="filter no-print" role="search">
            <label>
                <span>{move || ctx.t("filter.agency")}</span>
                <select id="agency-filter" on:change=on_agency>
                    <option value="">{move || ctx.t("filter.agency.all")}</option>
                    {agencies
                        .into_iter()
                        .map(|a| view! { <option value=a.id.to_string()>{a.name}</option> })
                        .collect_view()}
                </select>
            </label>
            <Show when=move || ctx.setup.get().is_some()>
                <label>
                    <span>{move || ctx.t("filter.status")}</span>
                    <select id="status-filter" on:change=on_status>
                        <option value="">{move || ctx.t("filter.status.all")}</option>
                        <option value="none">{move || ctx.t("filter.status.none")}</option>
                        {statuses()}
                    </select>
                </label>
            </Show>
            <label class="grow">
                <span>{move || ctx.t("filter.search")}</span>
                <input
                    id="task-search"
                    type="search"
                    placeholder=move || ctx.t("filter.search.placeholder")
                    on:input=on_search
                />
            </label>
            <output id="match-count" aria-live="polite">
                {move || matching.get()}" "{move || ctx.t("filter.count")}
            </output>
        </div>
    }
}
