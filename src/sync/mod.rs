//! Sync as the page shows it: the engine's status in the user's words (joining a server is the
//! start screen's, in `tiendo_start::join`). The sync itself is the engine's.

pub mod problem;

pub use tiendo_core::engine::{DocStatus, SyncStatus};
pub use tiendo_core::sync::Link;
