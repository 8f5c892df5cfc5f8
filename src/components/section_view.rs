//! One section of the plan with the tasks that pass the filter.

use super::task_card::TaskCard;
use crate::state::PlanData;
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;
use tiendo_core::ids::TaskId;
use tiendo_core::model::Section;
use tiendo_core::model::TaskStatus;
use tiendo_core::search::TaskQuery;

/// A section heading and its matching tasks; hidden when none match.
#[component]
pub fn SectionView(
    /// The plan and registry.
    data: Arc<PlanData>,
    /// The section.
    section: Section,
    /// The current filter.
    query: Signal<TaskQuery>,
    /// My agency's latest reported status per task (empty before a first-run choice).
    statuses: Signal<BTreeMap<TaskId, TaskStatus>>,
) -> impl IntoView {
    let section = Arc::new(section);
    let visible = {
        let (data, section) = (data.clone(), section.clone());
        Memo::new(move |_| {
            let q = query.get();
            statuses.with(|s| {
                section
                    .tasks
                    .iter()
                    .filter(|t| q.matches_reported(t, &data.registry, s))
                    .map(|t| t.id.clone())
                    .collect::<Vec<_>>()
            })
        })
    };
    let heading = format!("{}. {}", section.id, section.title);
    view! {
        <Show when=move || !visible.get().is_empty()>
            <section class="section" data-section=section.id.to_string()>
                <h2>{heading.clone()}</h2>
                {
                    let (data, section) = (data.clone(), section.clone());
                    move || {
                        let ids = visible.get();
                        section
                            .tasks
                            .iter()
                            .filter(|t| ids.contains(&t.id))
                            .map(|t| {
                                let targets = data.plan.targets_of(&t.id).cloned().collect::<Vec<_>>();
                                let phrase = Signal::derive(move || query.with(|q| q.words.clone()));
                                view! { <TaskCard task=t.clone() targets=targets highlight=phrase/> }
                            })
                            .collect_view()
                    }
                }
            </section>
        </Show>
    }
}
