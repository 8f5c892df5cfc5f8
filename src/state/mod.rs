//! App state as plain types; the context that shares them.

pub mod boot;
pub mod conflicts;
pub mod context;
pub mod engine_client;
mod engine_worker;
mod events;
pub mod explanations;
pub mod files;
pub mod office;
pub mod registry;
mod stash;
mod tab_lock;

pub use tiendo_start::settings;

pub use context::{AppContext, StorageInfo};
pub use tiendo_core::engine::{EngineError, PlanChoice, PlanData, SaveState};
