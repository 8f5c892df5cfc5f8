//! Whether what was typed is on disk, as the page shows it.

/// Where my last edits are.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SaveState {
    /// Everything is in IndexedDB.
    Saved,
    /// Edits wait to be written (at most a second).
    Pending,
    /// Writing failed; the edits are kept in memory and retried.
    Failed(super::EngineError),
}
