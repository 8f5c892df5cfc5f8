//! `/merged/:agency/:period`: the report of an agency merged into mine, read only, as the
//! document it became (print, `.docx`). The office reads it on its review page instead.

use crate::components::letter_view::LetterView;
use crate::components::merged_reports::merged_into;
use crate::components::plan_gate::PlanGate;
use crate::state::{office, AppContext, PlanData};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use std::sync::Arc;
use tiendo_core::engine::{OfficeAsk, OfficeFile, ReviewView};
use tiendo_core::ids::{AgencyId, PeriodId};

/// The page.
#[component]
pub fn MergedPage() -> impl IntoView {
    view! { <PlanGate page=|data| view! { <MergedView data=data/> }/> }
}

#[component]
fn MergedView(
    /// The plan and registry.
    data: Arc<PlanData>,
) -> impl IntoView {
    let ctx = AppContext::expect();
    let params = use_params_map();
    let ids = move || {
        let p = params.get();
        let agency = p.get("agency").and_then(|a| AgencyId::new(a).ok());
        let period = p.get("period").and_then(|a| PeriodId::new(a).ok());
        agency.zip(period)
    };
    // Only the agency it was merged into reads it here.
    let allowed = {
        let data = data.clone();
        move |old: &AgencyId| ctx.agency().is_some_and(|me| merged_into(&data, &me).any(|a| &a.id == old))
    };
    let ask = move || ids().map(|(agency, period)| OfficeAsk::Review { agency, period });
    let read = crate::pages::office::view_resource::<ReviewView>(ask);
    let message = RwSignal::new(None::<String>);
    let page = move || {
        let Some((agency, period)) = ids() else {
            return view! { <p class="error" role="alert">{move || ctx.t("report.no_period")}</p> }.into_any();
        };
        if !allowed(&agency) {
            return view! { <p class="notice" id="merged-not-mine">{move || ctx.t("merged.not_mine")}</p> }.into_any();
        }
        let title = ctx.t_with(
            "review.title",
            &[
                ("period", data.plan.period(&period).map_or_else(|| period.to_string(), |p| p.label.clone())),
                ("agency", data.agency_name(&agency)),
            ],
        );
        let body = match read.get() {
            None => view! { <p>{move || ctx.t("office.loading")}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="error" role="alert">{ctx.error_text(&e)}</p> }.into_any(),
            Some(Ok(seen)) => {
                let docx = move |_| {
                    let file = OfficeFile::AgencyDocx { agency: agency.clone(), period: period.clone() };
                    office::download(ctx, office::today(&ctx), file, move |e| message.set(Some(e)));
                };
                view! {
                    <div class="toolbar no-print">
                        <button type="button" id="letter-docx" on:click=docx>{move || ctx.t("letter.docx")}</button>
                        <button type="button" on:click=move |_| { let _ = window().print(); }>{move || ctx.t("print")}</button>
                    </div>
                    {move || message.get().map(|m| view! { <p role="status">{m}</p> })}
                    <LetterView letter=seen.letter/>
                }
                .into_any()
            }
        };
        view! { <h1 class="no-print" id="merged-title">{title}</h1>{body} }.into_any()
    };
    view! { <section class="merged-page">{page}</section> }
}
