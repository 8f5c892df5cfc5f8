//! The start module (a first visit's start screen, in a WASM module a fraction of the full
//! one's size) and what the page's full module shares with it: the translations, the settings
//! kept in local storage, joining a server, the start screen itself and the top bar's items.

pub mod components;
pub mod first_visit;
pub mod handover;
pub mod i18n;
pub mod join;
pub mod nav;
pub mod settings;

/// The WASM memory of the module this runs in, in bytes, for the benchmark to read: exported by
/// both page modules (`window.wasmBindings.memory_bytes()` is the start module's, trunk's name
/// for its exports; `window.tiendoApp.memory_bytes()` the full module's). With the engine's,
/// what the memory budget counts.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn memory_bytes() -> f64 {
    use wasm_bindgen::JsCast;
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .ok()
        .and_then(|m| m.buffer().dyn_into::<js_sys::ArrayBuffer>().ok())
        .map_or(0.0, |b| f64::from(b.byte_length()))
}
