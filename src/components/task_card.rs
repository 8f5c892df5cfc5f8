//! One task of the plan.

use super::agency_chips::AgencyChips;
use super::highlighted::Highlighted;
use super::target_list::TargetList;
use crate::state::AppContext;
use leptos::prelude::*;
use tiendo_core::model::{Target, Task};

/// A task: number (a link to its page), agencies, text, bullet items, its own deadline and
/// product, and targets.
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
    let href = format!("/task/{id}");
    let text = task.text.as_str().to_owned();
    let items = task.items.iter().map(|i| i.as_str().to_owned()).collect::<Vec<_>>();
    let ctx = AppContext::expect();
    let deadline = task.deadline.as_ref().map(|d| d.shown());
    let product = task.product.clone();
    let carried = task.carried_over.as_ref().map(|c| [("year", c.year.to_string()), ("task", c.task.to_string())]);
    let facts = (deadline.is_some() || product.is_some() || carried.is_some()).then(|| {
        view! {
            <dl class="task-facts">
                {carried.map(|c| view! { <dt>{move || ctx.t("task.carried")}</dt><dd class="task-carried">{move || ctx.t_with("task.carried_over", &c)}</dd> })}
                {deadline.map(|d| view! { <dt>{move || ctx.t("task.deadline")}</dt><dd class="task-deadline">{d}</dd> })}
                {product.map(|p| view! { <dt>{move || ctx.t("task.product")}</dt><dd class="task-product">{p}</dd> })}
            </dl>
        }
    });
    view! {
        <article class="task" id=anchor data-task=id>
            <h3 class="task-number">
                <a href=href title=move || ctx.t("task.open")>{number}</a>
            </h3>
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
            {facts}
            <TargetList targets=targets/>
        </article>
    }
}
