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
