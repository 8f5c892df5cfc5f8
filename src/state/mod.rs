//! App state as plain types; the context that shares them.

pub mod context;
pub mod settings;

pub use context::{AppContext, PlanData};
