//! Tiến độ's web app (Leptos, client-side rendered, built by trunk).

pub mod app;
pub mod components;
pub mod i18n;
pub mod pages;
pub mod state;
pub mod storage;
pub mod sync;

pub use app::App;
