//! The top bar, one line at 1366 px for every role: product name, navigation, save state,
//! language switch, print; and before it a skip link to the page's content.

use super::nav::MainNav;
use super::save_state::SaveIndicator;
use super::sync_indicator::SyncIndicator;
use crate::components::plan_select::PlanSelect;
use crate::pages::conflicts::ConflictCount;
use crate::state::AppContext;
use leptos::prelude::*;

/// The app's top bar. Switching the language re-renders every text at once.
#[component]
pub fn AppHeader() -> impl IntoView {
    let ctx = AppContext::expect();
    let switch = move |_| ctx.lang.update(|l| *l = l.other());
    // Focus moves to the content itself (the router would take "#main" for a page).
    let skip = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(main) = document().get_element_by_id("main") {
            use wasm_bindgen::JsCast;
            if let Ok(main) = main.dyn_into::<web_sys::HtmlElement>() {
                let _ = main.focus();
            }
        }
    };
    let print = move |_| {
        let _ = window().print();
    };
    view! {
        <a class="skip-link" href="#main" id="skip-link" on:click=skip>{move || ctx.t("nav.skip")}</a>
        <header class="app-header">
            <div class="brand">
                <span class="brand-name">{move || ctx.t("app.name")}</span>
                <span class="brand-tagline">{move || ctx.t("app.tagline")}</span>
            </div>
            <MainNav/>
            <div class="header-actions no-print">
                // The plan is there once the documents are open (the repo itself is not reactive).
                <PlanSelect/>
                <Show when=move || ctx.plan().is_some()>
                    <ConflictCount/>
                </Show>
                <Show when=move || ctx.setup.get().is_some()>
                    <SaveIndicator/>
                </Show>
                <Show when=move || ctx.sync.with(Option::is_some)>
                    <SyncIndicator/>
                </Show>
                <button type="button" id="lang-switch" on:click=switch>{move || ctx.t("lang.switch")}</button>
                <button type="button" id="print-page" on:click=print>{move || ctx.t("print")}</button>
            </div>
        </header>
        <Show when=move || ctx.is_demo() && ctx.plan().is_some()>
            <p class="demo-banner no-print" id="demo-banner" role="note">
                {move || ctx.t_with("demo.banner", &[("date", ctx.today().to_vietnamese())])}
            </p>
        </Show>
        <Show when=move || ctx.update_ready.get()>
            <div class="update-banner no-print" role="status">
                {move || ctx.t("update.ready")}
                <button type="button" id="apply-update" on:click=move |_| {
                    ctx.flush_now();
                    let _ = window().location().reload();
                }>{move || ctx.t("update.reload")}</button>
            </div>
        </Show>
    }
}
