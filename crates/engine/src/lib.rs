//! Tiến độ's engine in the browser: the documents and their storage (IndexedDB), drafts, and
//! sync with the server (WebSocket). It knows nothing of the page: it tells the page what
//! happened with [`tiendo_core::engine::EngineEvent`]s, and returns
//! [`tiendo_core::engine::EngineError`]s.

pub mod check_pool;
mod check_share;
mod conflicts;
mod dispatch;
mod engine;
pub mod files;
pub mod invite;
mod mine;
mod office;
mod office_view;
mod open;
pub mod repo;
pub mod storage;
pub mod sync;
mod sync_file;
mod timer;
pub mod worker;

pub use engine::Engine;
pub use timer::{idle, mark, next_task, on_global, send_marks_to, set_timeout};
