//! Online sync with the server: the engine that adapts the core's sans-IO driver, and its
//! WebSocket.

mod engine;
mod socket;

pub use engine::{ws_url, Notify, SyncEngine};
