//! The top bar: product name, navigation, save state, language switch, print.

use super::save_state::SaveIndicator;
use super::sync_indicator::SyncIndicator;
use crate::state::AppContext;
use leptos::prelude::*;
use leptos_router::components::A;

/// The app's top bar. Switching the language re-renders every text at once.
#[component]
pub fn AppHeader() -> impl IntoView {
    let ctx = AppContext::expect();
    let switch = move |_| ctx.lang.update(|l| *l = l.other());
    let print = move |_| {
        let _ = window().print();
    };
    view! {
        <header class="app-header">
            <div class="brand">
                <span class="brand-name">{move || ctx.t("app.name")}</span>
                <span class="brand-tagline">{move || ctx.t("app.tagline")}</span>
            </div>
            <nav class="main-nav no-print" aria-label=move || ctx.t("nav.label")>
                <A href="/">{move || ctx.t("nav.home")}</A>
                <A href="/plan">{move || ctx.t("nav.plan")}</A>
                <A href="/plan/import">{move || ctx.t("nav.import")}</A>
                <A href="/files">{move || ctx.t("nav.files")}</A>
                <Show when=move || crate::state::office::is_office(&ctx)>
                    <A href="/office" attr:id="nav-office">{move || ctx.t("nav.office")}</A>
                    <A href="/office/targets">{move || ctx.t("nav.targets")}</A>
                </Show>
                <A href="/settings">{move || ctx.t("nav.settings")}</A>
            </nav>
            <div class="header-actions no-print">
                <Show when=move || ctx.setup.get().is_some()>
                    <SaveIndicator/>
                </Show>
                <Show when=move || ctx.sync.with(Option::is_some)>
                    <SyncIndicator/>
                </Show>
                <button type="button" id="lang-switch" on:click=switch>{move || ctx.t("lang.switch")}</button>
                <button type="button" on:click=print>{move || ctx.t("print")}</button>
            </div>
        </header>
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
