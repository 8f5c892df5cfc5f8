//! Entry point of the start module: a first visit at the app's front door gets the start screen
//! from this small module; every other page is handed to the full module at once.

use leptos::prelude::*;
use tiendo_start::first_visit::{LoadFailed, KEPT};

fn main() {
    console_error_panic_hook::set_once();
    let path = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
    let chosen = tiendo_start::settings::Settings::load().setup.is_some();
    if tiendo_start::handover::shows_start_screen(&path, chosen) {
        leptos::mount::mount_to_body(tiendo_start::first_visit::FirstVisit);
    } else {
        tiendo_start::handover::start_full_module(None, || {
            let lang = RwSignal::new(tiendo_start::settings::Settings::load().lang);
            leptos::mount::mount_to_body(move || {
                tiendo_start::i18n::UiLang::provide(lang);
                view! { <main id="main"><LoadFailed message=KEPT/></main> }
            });
        });
    }
}
