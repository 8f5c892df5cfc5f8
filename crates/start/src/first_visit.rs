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
    // Why the full module is not there, if it could not be fetched: a translation key.
    let failed = RwSignal::new(None::<&'static str>);
    let choose = Callback::new(move |setup: Setup| {
        Settings::save_setup(&setup);
        start_full_module(Some("/"), move || failed.set(Some(KEPT)));
    });
    // The service worker caches the whole app (all three modules) in the background, so the choice
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
                <a href=item.href id=item.id()>
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
            {move || failed.get().map(|message| view! { <LoadFailed message/> })}
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
    failed: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let file = RwSignal::new_local(None::<web_sys::File>);
    let code = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let go = Callback::new(move |()| {
        let Some(file) = file.get_untracked() else { return };
        busy.set(true);
        PendingInvitation { file, code: code.get_untracked() }.keep();
        // The file is not kept over a reload: the person opens it again.
        start_full_module(Some("/start"), move || failed.set(Some("start.load_failed.invite")));
    });
    view! { <InviteFields file code busy error on_go=go/> }
}

/// What [`LoadFailed`] says when the choice is kept: a reload opens it.
pub const KEPT: &str = "start.load_failed";

/// The full module could not be fetched: the user is told so, and what a reload will do, with the
/// reload at hand.
#[component]
pub fn LoadFailed(
    /// What to say: [`KEPT`], or what else to do after the reload.
    message: &'static str,
) -> impl IntoView {
    let ctx = UiLang::expect();
    view! {
        <div class="card" role="alert" id="start-load-error">
            <p class="error">{move || ctx.t(message)}</p>
            <button type="button" id="start-reload" class="primary" on:click=move |_| {
                let _ = window().location().reload();
            }>{move || ctx.t("start.reload")}</button>
        </div>
    }
}
