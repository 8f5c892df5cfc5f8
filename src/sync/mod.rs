//! Sync as the page shows it: joining a server with an access code (the page's one request of
//! its own), and the engine's status in the user's words. The sync itself is the engine's.

pub mod join;
pub mod problem;

pub use tiendo_core::engine::{DocStatus, SyncStatus};
pub use tiendo_core::sync::Link;
