//! Correcting what was read from a plan's text without editing it, in the import preview: a
//! task's agencies and deadline, what a target asks for, and which proposed agencies to add.
//! Each control writes into the page's [`Corrections`], which are applied after every reading.

use crate::state::AppContext;
use leptos::prelude::*;
use std::sync::Arc;
use tiendo_core::ids::{AgencyId, TargetId};
use tiendo_core::model::{Agency, Registry, Target, Task};
use tiendo_core::parse::{CorrectionError, Corrections, TaskCorrection};
use wasm_bindgen::JsCast;

/// The values of the options chosen in the `<select multiple>` with this id.
fn chosen(select_id: &str) -> Vec<AgencyId> {
    let Some(select) = document().get_element_by_id(select_id) else { return Vec::new() };
    let Ok(options) = select.query_selector_all("option:checked") else { return Vec::new() };
    (0..options.length())
        .filter_map(|i| options.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .filter_map(|e| e.get_attribute("value"))
        .filter_map(|v| AgencyId::new(v).ok())
        .collect()
}

/// The value of the input with this id.
fn typed(input_id: &str) -> String {
    document()
        .get_element_by_id(input_id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default()
}

/// A task's correction form: lead and coordinating agencies picked from the registry, and the
/// deadline as words.
#[component]
pub fn TaskFix(
    /// The task as read (with corrections so far).
    task: Task,
    /// Agencies to pick from.
    registry: Arc<Registry>,
    /// Where the correction goes.
    corrections: RwSignal<Corrections>,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let key = task.id.to_string().replace('.', "-");
    let (lead_id, coord_id, deadline_id) =
        (format!("fix-{key}-lead"), format!("fix-{key}-coord"), format!("fix-{key}-deadline"));
    let options = |picked: &[AgencyId]| {
        registry
            .agencies
            .iter()
            .map(|a| view! { <option value=a.id.to_string() selected=picked.contains(&a.id)>{a.name.clone()}</option> })
            .collect_view()
    };
    let (lead_options, coord_options) = (options(&task.lead), options(&task.coordinating));
    let written = task.deadline.as_ref().map(|d| d.written.clone()).unwrap_or_default();
    let save = {
        let (id, lead_id, coord_id, deadline_id) =
            (task.id.clone(), lead_id.clone(), coord_id.clone(), deadline_id.clone());
        move |_| {
            let fix = TaskCorrection {
                lead: Some(chosen(&lead_id)),
                coordinating: Some(chosen(&coord_id)),
                deadline: Some(typed(&deadline_id)),
            };
            corrections.update(|c| {
                c.tasks.insert(id.clone(), fix);
            });
        }
    };
    let undo = {
        let id = task.id.clone();
        move |_| {
            corrections.update(|c| {
                c.tasks.remove(&id);
            })
        }
    };
    let corrected = corrections.with_untracked(|c| c.tasks.contains_key(&task.id));
    view! {
        <details class="fix no-print" data-fix-task=task.id.to_string()>
            <summary>{move || ctx.t("import.fix.task")}</summary>
            <label for=lead_id.clone()>{move || ctx.t("import.fix.lead")}</label>
            <select multiple id=lead_id size="4">{lead_options}</select>
            <label for=coord_id.clone()>{move || ctx.t("import.fix.coordinating")}</label>
            <select multiple id=coord_id size="4">{coord_options}</select>
            <label for=deadline_id.clone()>{move || ctx.t("import.fix.deadline")}</label>
            <input id=deadline_id type="text" value=written placeholder="Quý II/2026"/>
            <button type="button" class="fix-save" on:click=save>{move || ctx.t("import.fix.save")}</button>
            {corrected.then(|| view! {
                <button type="button" class="link fix-undo" on:click=undo>{move || ctx.t("import.fix.undo")}</button>
            })}
        </details>
    }
}

/// A target's correction: what it asks for, in words as a plan writes them.
#[component]
pub fn TargetFix(
    /// The target as read.
    target: Target,
    /// Where the correction goes.
    corrections: RwSignal<Corrections>,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let input_id = format!("fix-target-{}", target.id.to_string().replace(['.', '/'], "-"));
    let id: TargetId = target.id.clone();
    let save = {
        let input_id = input_id.clone();
        move |_| {
            let phrase = typed(&input_id);
            corrections.update(|c| {
                if phrase.trim().is_empty() {
                    c.targets.remove(&id);
                } else {
                    c.targets.insert(id.clone(), phrase);
                }
            });
        }
    };
    view! {
        <span class="fix no-print">
            <label for=input_id.clone() class="visually-hidden">{move || ctx.t("import.fix.target")}</label>
            <input id=input_id type="text" placeholder=move || ctx.t("import.fix.target")/>
            <button type="button" class="fix-target-save" on:click=save>{move || ctx.t("import.fix.save")}</button>
        </span>
    }
}

/// The agencies the text names that the registry lacks: each added unless unticked.
#[component]
pub fn ProposedChoice(
    /// Every agency proposed by the text, rejected ones included.
    proposed: Vec<Agency>,
    /// Where the choice goes.
    corrections: RwSignal<Corrections>,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let items = proposed
        .into_iter()
        .map(|a| {
            let name = a.name.clone();
            let rejected = corrections.with_untracked(|c| c.rejected_agencies.contains(&name));
            let toggle = move |ev: leptos::ev::Event| {
                let add = event_target_checked(&ev);
                corrections.update(|c| {
                    if add {
                        c.rejected_agencies.remove(&name);
                    } else {
                        c.rejected_agencies.insert(name.clone());
                    }
                });
            };
            view! {
                <li><label><input type="checkbox" data-proposed=a.id.to_string() checked=!rejected on:change=toggle/>" "{a.name.clone()}</label></li>
            }
        })
        .collect_view();
    view! {
        <div id="import-proposed">
            <p>{move || ctx.t("import.proposed")}</p>
            <ul class="proposed">{items}</ul>
        </div>
    }
}

/// Corrections that no longer apply to this reading, in words.
pub fn error_text(ctx: AppContext, e: &CorrectionError) -> String {
    match e {
        CorrectionError::NoTask(t) => ctx.t_with("import.fix.error.no_task", &[("task", t.to_string())]),
        CorrectionError::NoTarget(t) => ctx.t_with("import.fix.error.no_target", &[("target", t.to_string())]),
        CorrectionError::TargetNotUnderstood { target, phrase } => {
            ctx.t_with("import.fix.error.target", &[("target", target.to_string()), ("phrase", phrase.clone())])
        }
        CorrectionError::DeadlineNotUnderstood { task, phrase } => {
            ctx.t_with("import.fix.error.deadline", &[("task", task.to_string()), ("phrase", phrase.clone())])
        }
    }
}
