//! The contract between the page and the engine that owns the documents: what the engine tells
//! the page ([`EngineEvent`]), the view data it hands over ([`PlanData`], [`SyncStatus`]) and
//! its errors ([`EngineError`]). Plain values, so that the page can draw them without the
//! engine's documents, storage or sync.

mod error;
mod event;
mod plan_data;
mod sync_status;

pub use error::EngineError;
pub use event::EngineEvent;
pub use plan_data::{PlanChoice, PlanData};
pub use sync_status::{DocStatus, SyncStatus};
