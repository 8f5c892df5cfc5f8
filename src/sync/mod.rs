//! Sync as the page shows it: the engine's status in the user's words. The sync itself is the
//! engine's (`tiendo_engine::sync`).

pub mod problem;

pub use tiendo_core::engine::{DocStatus, SyncStatus};
pub use tiendo_core::sync::Link;
pub use tiendo_engine::sync::{join, ws_url};
