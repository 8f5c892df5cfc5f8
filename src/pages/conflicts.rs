//! `/conflicts`: every open conflict of my agency's reports, each a link to its field in the
//! report editor (a value to pick, or a text written on two laptops to read again). The top bar
//! shows their count ([`ConflictCount`]).

use crate::state::conflicts::Conflicts;
use crate::state::AppContext;
use leptos::prelude::*;
use tiendo_core::doc_id::DocId;
use tiendo_core::history::{ConflictEntry, ConflictKind, Place};

/// The top bar's count of open conflicts, a link to the list; nothing when there are none.
#[component]
pub fn ConflictCount() -> impl IntoView {
    let ctx = AppContext::expect();
    let shared = Conflicts::expect();
    move || {
        let n = shared.count();
        (n > 0).then(|| {
            view! {
                <a href="/conflicts" id="conflict-count" class="conflict-count">
                    {move || ctx.t_with("conflicts.count", &[("n", n.to_string())])}
                </a>
            }
        })
    }
}

/// A conflict's period in words and the task it is in.
fn where_words(ctx: AppContext, c: &ConflictEntry) -> (String, String) {
    let period = &c.field.period;
    let label =
        ctx.plan().and_then(|d| d.plan.period(period).map(|p| p.label.clone())).unwrap_or_else(|| period.to_string());
    (label, c.field.place.task().map(ToString::to_string).unwrap_or_default())
}

fn item_words(ctx: AppContext, c: &ConflictEntry) -> String {
    let (period, task) = where_words(ctx, c);
    let key = if c.kind == ConflictKind::Value { "conflicts.value" } else { "conflicts.text" };
    ctx.t_with(key, &[("period", period), ("task", task), ("n", c.values.len().to_string())])
}

/// The page.
#[component]
pub fn ConflictsPage() -> impl IntoView {
    let ctx = AppContext::expect();
    let shared = Conflicts::expect();
    let mine = move || {
        let list = shared.open.get();
        let others = shared.others.with(|o| !o.is_empty());
        if list.is_empty() && others {
            return ().into_any();
        }
        if list.is_empty() {
            return view! { <p class="muted" id="conflicts-none">{ctx.t("conflicts.none")}</p> }.into_any();
        }
        view! {
            <ul class="conflict-list">
                {list.into_iter().map(|c| {
                    let period = c.field.period.clone();
                    let href = match &c.field.place {
                        Place::Task { task, .. } => format!("/report/{period}#task-report-{task}"),
                        _ => format!("/report/{period}"),
                    };
                    view! { <li data-conflict-item=period.to_string()><a href=href>{item_words(ctx, &c)}</a></li> }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    // The office: every agency's, each a link to its review page (the agency settles it).
    let others = move || {
        let list = shared.others.get();
        (!list.is_empty()).then(|| {
            let names = ctx.plan();
            view! {
                <h2>{ctx.t("conflicts.others")}</h2>
                <ul class="conflict-list" id="conflicts-others">
                    {list.into_iter().filter_map(|c| {
                        let Ok(DocId::Reports { agency, .. }) = c.doc.parse::<DocId>() else { return None };
                        let name = names.as_ref().map_or_else(|| agency.to_string(), |d| d.agency_name(&agency));
                        let href = format!("/office/report/{agency}/{}", c.field.period);
                        Some(view! {
                            <li data-conflict-agency=agency.to_string()>
                                <a href=href><strong>{name}</strong>": "{item_words(ctx, &c)}</a>
                            </li>
                        })
                    }).collect_view()}
                </ul>
            }
        })
    };
    view! {
        <section class="conflicts-page">
            <h1>{move || ctx.t("conflicts.title")}</h1>
            {mine}
            {others}
        </section>
    }
}
