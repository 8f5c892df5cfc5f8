//! Tiến độ's web app (Leptos, client-side rendered, built by trunk).

pub mod app;
pub mod components;
pub mod pages;
pub mod state;
pub mod sync;

pub use app::App;
pub use tiendo_start::i18n;

/// Talc instead of Rust's default WASM allocator (dlmalloc): loading documents allocates a great
/// deal, and the import of a province-year file spends its time there.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
