//! Online sync with the server: the engine that adapts the core's sans-IO driver, its
//! WebSocket, and joining a workspace.

mod engine;
pub mod join;
mod socket;

pub use engine::{ws_url, Notify, SyncEngine};
