//! Entry point of the start module: a first visit at the app's front door gets the start screen
//! from this small module; every other page is handed to the full module at once.

use leptos::prelude::*;
use tiendo_start::first_visit::LoadFailed;

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
                view! { <main id="main"><LoadFailed/></main> }
            });
        });
    }
}

/// The WASM memory this module holds now, in bytes, for the benchmark to read
/// (`window.wasmBindings.memory_bytes()`, trunk's name for this module's exports): with the full
/// module's and the engine's, what the memory budget counts.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn memory_bytes() -> f64 {
    use wasm_bindgen::JsCast;
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .ok()
        .and_then(|m| m.buffer().dyn_into::<js_sys::ArrayBuffer>().ok())
        .map_or(0.0, |b| f64::from(b.byte_length()))
}
