//! The start module's page: the top bar and the start screen, drawn by a module a fraction of
//! the full one's size, so that a first visit on a weak line is usable in seconds. Its service
//! worker fetches the full module and the engine meanwhile; a choice hands the page over.

use crate::components::invite_fields::InviteFields;
use crate::components::start_screen::StartScreen;
use crate::handover::{start_full_module, PendingInvitation};
use crate::i18n::UiLang;
use crate::nav::MAIN;
use crate::settings::{Settings, Setup};
use leptos::prelude::*;

/// The first visit's page.
#[component]
pub fn FirstVisit() -> impl IntoView {
    let lang = RwSignal::new(Settings::load().lang);
    UiLang::provide(lang);
    let ctx = UiLang::expect();
    ctx.follow();
    let failed = RwSignal::new(false);
    let choose = Callback::new(move |setup: Setup| {
        Settings::save_setup(&setup);
        start_full_module(Some("/"), move || failed.set(true));
    });
    // The service worker caches the whole app (both modules) in the background, so the choice
    // opens at once and the next visit works offline; the mark is the benchmark's.
    Effect::new(move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.navigator().service_worker().register("/sw.js");
            if let Some(perf) = window.performance() {
                let _ = perf.mark("tiendo:start");
            }
        }
    });
    let links = MAIN
        .iter()
        .filter(|item| !item.office)
        .map(|item| {
            view! {
                <a href=item.href id=format!("nav-{}", item.key.trim_start_matches("nav."))>
                    {move || ctx.t(item.key)}
                </a>
            }
        })
        .collect_view();
    view! {
        <a class="skip-link" href="#main">{move || ctx.t("nav.skip")}</a>
        <header class="app-header">
            <div class="brand">
                <span class="brand-name">{move || ctx.t("app.name")}</span>
                <span class="brand-tagline">{move || ctx.t("app.tagline")}</span>
            </div>
            <nav class="main-nav no-print" aria-label=move || ctx.t("nav.label")>{links}</nav>
            <div class="header-actions no-print">
                <button type="button" id="lang-switch" on:click=move |_| lang.update(|l| *l = l.other())>
                    {move || ctx.t("lang.switch")}
                </button>
                <button type="button" id="print-page" on:click=move |_| { let _ = window().print(); }>
                    {move || ctx.t("print")}
                </button>
            </div>
        </header>
        <main id="main" tabindex="-1">
            <Show when=move || failed.get()>
                <LoadFailed/>
            </Show>
            <StartScreen on_choose=choose>
                <InvitePicker failed/>
            </StartScreen>
        </main>
    }
}

/// The invitation's fields on the start module's screen: entering it is the full module's, so
/// the button hands the file and code over to it.
#[component]
fn InvitePicker(
    /// Set if the full module could not be fetched.
    failed: RwSignal<bool>,
) -> impl IntoView {
    let file = RwSignal::new_local(None::<web_sys::File>);
    let code = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let go = Callback::new(move |()| {
        let Some(file) = file.get_untracked() else { return };
        busy.set(true);
        PendingInvitation { file, code: code.get_untracked() }.keep();
        start_full_module(Some("/start"), move || failed.set(true));
    });
    view! { <InviteFields file code busy error on_go=go/> }
}

/// The full module could not be fetched: the choice is kept (a reload opens it), and the user is
/// told so, with the reload at hand.
#[component]
pub fn LoadFailed() -> impl IntoView {
    let ctx = UiLang::expect();
    view! {
        <div class="card" role="alert" id="start-load-error">
            <p class="error">{move || ctx.t("start.load_failed")}</p>
            <button type="button" id="start-reload" class="primary" on:click=move |_| {
                let _ = window().location().reload();
            }>{move || ctx.t("start.reload")}</button>
        </div>
    }
}
