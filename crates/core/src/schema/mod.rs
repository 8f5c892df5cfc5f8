//! The Automerge document schema. See `docs/schema.md` for the policy on adding fields.

pub mod codec;
pub mod document;
pub mod edit;
pub mod genesis;

pub use codec::{create, load, read, write, DocError};
pub use document::{Document, PlanDoc, ReportsDoc, ReviewsDoc, WorkspaceDoc};

/// The schema version this build writes and the newest it reads.
pub const SCHEMA_VERSION: u32 = 1;
