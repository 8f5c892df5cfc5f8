//! `/conflicts`: every open conflict of my agency's reports, each a link to its field in the
//! report editor (a value to pick, or a text written on two laptops to read again). The top bar
//! shows their count ([`ConflictCount`]).

use crate::state::conflicts::Conflicts;
use crate::state::AppContext;
use leptos::prelude::*;
use tiendo_core::history::{ConflictKind, Place};

/// The top bar's count of open conflicts, a link to the list; nothing when there are none.
#[component]
pub fn ConflictCount() -> impl IntoView {
    let ctx = AppContext::expect();
    let found = Conflicts::expect().open;
    move || {
        let n = found.with(Vec::len);
        (n > 0).then(|| {
            view! {
                <a href="/conflicts" id="conflict-count" class="conflict-count">
                    {move || ctx.t_with("conflicts.count", &[("n", n.to_string())])}
                </a>
            }
        })
    }
}

/// The page.
#[component]
pub fn ConflictsPage() -> impl IntoView {
    let ctx = AppContext::expect();
    let found = Conflicts::expect().open;
    let rows = move || {
        let list = found.get();
        if list.is_empty() {
            return view! { <p class="muted" id="conflicts-none">{ctx.t("conflicts.none")}</p> }.into_any();
        }
        let data = ctx.plan();
        view! {
            <ul class="conflict-list">
                {list.into_iter().map(|c| {
                    let period = c.field.period.clone();
                    let label = data.as_ref().and_then(|d| d.plan.period(&period).map(|p| p.label.clone()))
                        .unwrap_or_else(|| period.to_string());
                    let (href, task) = match &c.field.place {
                        Place::Task { task, .. } => (format!("/report/{period}#task-report-{task}"), task.to_string()),
                        _ => (format!("/report/{period}"), String::new()),
                    };
                    let key = if c.kind == ConflictKind::Value { "conflicts.value" } else { "conflicts.text" };
                    view! {
                        <li data-conflict-item=c.field.period.to_string()>
                            <a href=href>{ctx.t_with(key, &[("period", label), ("task", task), ("n", c.values.len().to_string())])}</a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="conflicts-page">
            <h1>{move || ctx.t("conflicts.title")}</h1>
            {rows}
        </section>
    }
}
