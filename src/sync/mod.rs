//! Online sync with the server: the engine, its WebSocket, and the status it shows.

mod engine;
pub mod join;
pub mod problem;
mod socket;
mod status;

pub use engine::{ws_url, SyncEngine};
pub use status::{DocStatus, Link, SyncStatus};
