//! The plan selector in the top bar, for a workspace with several plans (last year's and this
//! year's): the choice is kept on this laptop and the page opens that plan's documents.

use crate::state::settings::{Settings, Setup};
use crate::state::AppContext;
use leptos::prelude::*;
use tiendo_core::doc_id::DocId;

/// The select; nothing for a workspace of one plan, or one whose plan is fixed (an imported
/// plan, the demo).
#[component]
pub fn PlanSelect() -> impl IntoView {
    let ctx = AppContext::expect();
    let choose = move |ev: leptos::ev::Event| {
        let doc = event_target_value(&ev);
        Settings::save_chosen_plan(&doc);
        if let Some(engine) = ctx.engine() {
            engine.send(tiendo_core::engine::Command::ChoosePlan(doc.clone()));
        }
        // What was typed is written first; then Home opens the chosen plan's documents (the page
        // shown may not exist in the other plan).
        leptos::task::spawn_local(async move {
            if let Some(engine) = ctx.engine() {
                let _ = engine.flush().await;
            }
            let _ = window().location().set_href("/");
        });
    };
    move || {
        let data = ctx.plan()?;
        let switchable = ctx.setup.with(|s| matches!(s, Some(Setup::Joined { .. } | Setup::Invited { .. })));
        if data.plans.len() < 2 || !switchable {
            return None;
        }
        let open = DocId::Plan(data.plan.id.clone()).to_string();
        Some(view! {
            <label class="plan-select">
                <span class="visually-hidden">{ctx.t("plan.select")}</span>
                <select id="plan-select" on:change=choose>
                    {data.plans.iter().map(|p| {
                        let selected = p.doc == open;
                        view! { <option value=p.doc.clone() selected=selected>{p.label.clone()}</option> }
                    }).collect_view()}
                </select>
            </label>
        })
    }
}
