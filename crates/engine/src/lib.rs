//! Tiến độ's engine in the browser: the documents and their storage (IndexedDB), drafts, and
//! sync with the server (WebSocket). It knows nothing of the page: it tells the page what
//! happened with [`tiendo_core::engine::EngineEvent`]s, and returns
//! [`tiendo_core::engine::EngineError`]s.

mod engine;
pub mod repo;
pub mod storage;
pub mod sync;
mod timer;

pub use engine::Engine;
pub use timer::{on_global, set_timeout};
