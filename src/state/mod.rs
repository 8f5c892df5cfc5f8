//! App state as plain types; the context that shares them.

pub mod as_of;
pub mod boot;
pub mod conflicts;
pub mod context;
mod events;
pub mod explanations;
pub mod files;
pub mod office;
pub mod registry;
pub mod settings;

pub use context::{AppContext, StorageInfo};
pub use tiendo_core::engine::{EngineError, PlanChoice, PlanData, SaveState};
