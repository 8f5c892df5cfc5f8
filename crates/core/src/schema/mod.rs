//! The Automerge document schema. See `docs/schema.md` for the policy on adding fields.

pub mod codec;
pub mod document;
pub mod edit;
pub mod explanations;
pub mod genesis;

pub use codec::{create, load, read, write, DocError};
pub use document::{Document, PlanDoc, ReportsDoc, ReviewsDoc, WorkspaceDoc};

/// The schema version this build writes and the newest it reads.
pub const SCHEMA_VERSION: u32 = 1;

/// Writes a list only when it holds an item, for the same reason as [`absent_when_none`]. Once
/// written, it stays (lists here only grow).
#[allow(clippy::ptr_arg)] // autosurgeon passes the field itself: `&Vec<T>`.
pub fn absent_when_empty<T: autosurgeon::Reconcile, R: autosurgeon::Reconciler>(
    value: &Vec<T>,
    reconciler: R,
) -> Result<(), R::Error> {
    if value.is_empty() {
        Ok(())
    } else {
        autosurgeon::Reconcile::reconcile(value, reconciler)
    }
}

/// Writes an optional field only when it holds a value: a document made before the field
/// existed (a genesis above all, which must stay byte for byte the same everywhere) does not
/// gain it, and reading a missing field gives `None`. Once written, a field moves between
/// values (`Some("")` rather than back to `None`).
pub fn absent_when_none<T: autosurgeon::Reconcile, R: autosurgeon::Reconciler>(
    value: &Option<T>,
    reconciler: R,
) -> Result<(), R::Error> {
    match value {
        Some(v) => v.reconcile(reconciler),
        None => Ok(()),
    }
}
