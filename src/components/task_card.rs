//! One task of the plan.

use super::agency_chips::AgencyChips;
use super::highlighted::Highlighted;
use super::target_list::TargetList;
use leptos::prelude::*;
use tiendo_core::model::{Target, Task};

/// A task: number, agencies, text, bullet items and targets.
#[component]
pub fn TaskCard(
    /// The task.
    task: Task,
    /// Its targets.
    targets: Vec<Target>,
    /// A search phrase whose words are marked in the text and items.
    #[prop(optional, into)]
    highlight: Signal<String>,
) -> impl IntoView {
    let id = task.id.to_string();
    let anchor = format!("task-{id}");
    let number = id.clone();
    let text = task.text.as_str().to_owned();
    let items = task.items.iter().map(|i| i.as_str().to_owned()).collect::<Vec<_>>();
    view! {
        <article class="task" id=anchor data-task=id>
            <h3 class="task-number">{number}</h3>
            <AgencyChips task=task.clone()/>
            <Show when={
                let empty = text.is_empty();
                move || !empty
            }>
                <p class="task-text"><Highlighted text=text.clone() phrase=highlight/></p>
            </Show>
            <ul class="task-items">
                {items.into_iter().map(|i| view! { <li><Highlighted text=i phrase=highlight/></li> }).collect_view()}
            </ul>
            <TargetList targets=targets/>
        </article>
    }
}
