//! Shows a page once the plan is open: a loading line before, an error if it failed.

use crate::state::{AppContext, PlanData};
use leptos::prelude::*;
use std::sync::Arc;

/// Renders `page` with the open plan, or what is happening instead.
#[component]
pub fn PlanGate<F, V>(
    /// Builds the page from the plan.
    page: F,
) -> impl IntoView
where
    F: Fn(Arc<PlanData>) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let ctx = AppContext::expect();
    move || match ctx.data.get() {
        None if ctx.sync.with(Option::is_some) => {
            view! { <p class="loading" id="downloading">{move || ctx.t("sync.downloading")}</p> }.into_any()
        }
        None => view! { <p class="loading">{move || ctx.t("plan.loading")}</p> }.into_any(),
        Some(Err(e)) => {
            view! { <p class="error" role="alert">{move || ctx.t("plan.error")}": "{ctx.error_text(&e)}</p> }.into_any()
        }
        Some(Ok(data)) => page(data).into_view().into_any(),
    }
}
