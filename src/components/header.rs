//! The top bar: product name, language switch, print.

use crate::state::AppContext;
use leptos::prelude::*;

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
            <nav class="header-actions no-print">
                <button type="button" id="lang-switch" on:click=switch>{move || ctx.t("lang.switch")}</button>
                <button type="button" on:click=print>{move || ctx.t("print")}</button>
            </nav>
        </header>
    }
}
