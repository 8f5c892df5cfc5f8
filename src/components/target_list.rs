//! A task's targets with what each asks for.

use crate::i18n::{number, t_with, Lang};
use crate::state::AppContext;
use leptos::prelude::*;
use tiendo_core::model::{PlanGoal, Target, TargetKind};

/// What a target asks for, in words: `từ 13 đến 14%`, `dưới 2%`, `từ 90% trở lên`, `67/85 xã`.
pub fn describe(lang: Lang, kind: &TargetKind, unit: &str) -> String {
    let unit = match unit {
        "" => String::new(),
        "%" => "%".to_owned(),
        u => format!(" {u}"),
    };
    let n = |v: f64| number(v);
    let with_unit = |v: f64| format!("{}{unit}", number(v));
    match kind {
        TargetKind::Range { min, max } => t_with(lang, "target.range", &[("min", n(*min)), ("max", with_unit(*max))]),
        TargetKind::Minimum { value } => t_with(lang, "target.minimum", &[("value", with_unit(*value))]),
        TargetKind::Maximum { value, strict: true } => {
            t_with(lang, "target.maximum.strict", &[("value", with_unit(*value))])
        }
        TargetKind::Maximum { value, strict: false } => t_with(lang, "target.maximum", &[("value", with_unit(*value))]),
        TargetKind::CountOfTotal { count, total } => {
            t_with(lang, "target.count_of_total", &[("count", n(*count)), ("total", with_unit(*total))])
        }
        TargetKind::Exact { value } => t_with(lang, "target.exact", &[("value", with_unit(*value))]),
        TargetKind::Milestone => crate::i18n::t(lang, "target.milestone"),
    }
}

/// The targets of one task: name and what it asks for.
#[component]
pub fn TargetList(
    /// The targets to show (may be empty: then nothing is shown).
    targets: Vec<Target>,
) -> impl IntoView {
    let ctx = AppContext::expect();
    if targets.is_empty() {
        return ().into_any();
    }
    view! {
        <div class="targets">
            <h4>{move || ctx.t("plan.targets")}</h4>
            <ul>
                {targets
                    .into_iter()
                    .map(|target| {
                        let name = target.name.clone();
                        let id = target.id.to_string();
                        view! {
                            <li class="target" data-target=id>
                                <span class="target-name">{name}</span>
                                ": "
                                <strong class="target-value">{move || describe(ctx.lang.get(), &target.kind, &target.unit)}</strong>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
    .into_any()
}

/// The plan's own targets, from its objectives part (the province's results).
#[component]
pub fn PlanGoals(
    /// The goals (absent or empty: then nothing is shown).
    goals: Option<Vec<PlanGoal>>,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let goals = goals.unwrap_or_default();
    if goals.is_empty() {
        return ().into_any();
    }
    view! {
        <section class="targets plan-goals" id="plan-goals" aria-labelledby="plan-goals-title">
            <h2 id="plan-goals-title">{move || ctx.t("plan.goals")}</h2>
            <ul>
                {goals
                    .into_iter()
                    .map(|goal| {
                        let id = goal.id.to_string();
                        view! {
                            <li class="target" data-goal=id>
                                <span class="target-name">{goal.name.clone()}</span>
                                ": "
                                <strong class="target-value">{move || describe(ctx.lang.get(), &goal.kind, &goal.unit)}</strong>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
    .into_any()
}
