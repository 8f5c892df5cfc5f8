//! The contract between the page and the engine that owns the documents: what the engine tells
//! the page ([`EngineEvent`]), the view data it hands over ([`PlanData`], [`SyncStatus`]) and
//! its errors ([`EngineError`]). Plain values, so that the page can draw them without the
//! engine's documents, storage or sync.

mod error;
mod event;
mod plan_data;
mod save_state;
mod save_timer;
mod sync_status;

pub use error::EngineError;
pub use event::EngineEvent;
pub use plan_data::{PlanChoice, PlanData};
pub use save_state::SaveState;
pub use save_timer::SaveTimer;
pub use sync_status::{DocStatus, SyncStatus};
