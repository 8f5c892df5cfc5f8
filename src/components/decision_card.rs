//! The decision that issued the plan.

use crate::state::AppContext;
use leptos::prelude::*;
use tiendo_core::model::Plan;

/// The plan's title and its decision: number, date, issuer, signer, what it implements.
#[component]
pub fn DecisionCard(
    /// The plan whose decision to show.
    plan: std::sync::Arc<Plan>,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let d = plan.decision.clone();
    let date = d.date.to_vietnamese();
    view! {
        <section class="decision" aria-labelledby="plan-title">
            <h1 id="plan-title">{plan.title.clone()}</h1>
            <dl class="decision-meta">
                <dt>{move || ctx.t("plan.decision")}</dt>
                <dd id="decision-number">{format!("{} ", d.number)}{move || ctx.t("plan.dated")}{format!(" {date}")}</dd>
                <dt>{move || ctx.t("plan.issuer")}</dt>
                <dd>{d.issuer.clone()}</dd>
                <dt>{move || ctx.t("plan.signer")}</dt>
                <dd>{format!("{} {}", d.signer_title, d.signer)}</dd>
                <dt>{move || ctx.t("plan.implements")}</dt>
                <dd>{d.implements.clone()}</dd>
            </dl>
        </section>
    }
}
