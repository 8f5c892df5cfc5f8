//! What went wrong below the page, typed, for the page to say in the user's language: a sentence
//! of its own, with the lower layer's words only as detail in brackets (never shown raw).

use tiendo_core::schema::DocError;
use tiendo_core::storage::{StorageError, StoreError};

/// An error of the app's state and storage layers.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AppError {
    /// The plan is not open on this laptop yet.
    #[error("the plan is not open")]
    NotOpen,
    /// This laptop's storage (IndexedDB) refused a read or a write: a full disk, a quota the
    /// browser lowered, an aborted transaction.
    #[error("storage: {0}")]
    Storage(String),
    /// A document did not read or write as its kind.
    #[error("document: {0}")]
    Document(String),
    /// The agency is not in the workspace's registry.
    #[error("unknown agency {0}")]
    UnknownAgency(tiendo_core::ids::AgencyId),
    /// No workspace of this plan on this laptop (made here from an imported plan).
    #[error("no workspace for plan {0} on this laptop")]
    NoWorkspace(tiendo_core::ids::PlanId),
    /// No workspace at all on this laptop yet (nothing synced, no file imported).
    #[error("no workspace on this laptop")]
    NoWorkspaceHere,
    /// No credential for the server this laptop joined: it must join again.
    #[error("no credential for this server")]
    NoCredential,
    /// The sync engine does not hold the document.
    #[error("document {0} is not held")]
    NotHeld(String),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Doc(d) => AppError::Document(d.to_string()),
            other => AppError::Storage(other.to_string()),
        }
    }
}

impl From<StorageError> for AppError {
    fn from(e: StorageError) -> Self {
        AppError::Storage(e.to_string())
    }
}

impl From<DocError> for AppError {
    fn from(e: DocError) -> Self {
        AppError::Document(e.to_string())
    }
}

impl From<automerge::AutomergeError> for AppError {
    fn from(e: automerge::AutomergeError) -> Self {
        AppError::Document(e.to_string())
    }
}

/// The lower layer's words as a document's problem: a key, an id, a draft or the built-in plan
/// that does not read.
macro_rules! document_error {
    ($($t:ty),*) => {$(
        impl From<$t> for AppError {
            fn from(e: $t) -> Self {
                AppError::Document(e.to_string())
            }
        }
    )*};
}
document_error!(
    tiendo_core::storage::KeyError,
    tiendo_core::ids::IdError,
    tiendo_core::storage::DraftError,
    tiendo_core::builtin::BuiltinError
);

impl AppError {
    /// The translation key of its sentence.
    pub fn key(&self) -> &'static str {
        match self {
            AppError::NotOpen => "error.not_open",
            AppError::Storage(_) => "error.storage",
            AppError::Document(_) => "error.document",
            AppError::NotHeld(_) => "error.not_held",
            AppError::UnknownAgency(_) => "error.unknown_agency",
            AppError::NoWorkspace(_) => "error.no_workspace",
            AppError::NoCredential => "error.no_credential",
            AppError::NoWorkspaceHere => "error.no_workspace_here",
        }
    }

    /// The lower layer's words, shown in brackets after the sentence.
    pub fn detail(&self) -> Option<&str> {
        match self {
            AppError::NotOpen | AppError::NoCredential | AppError::NoWorkspaceHere => None,
            AppError::NoWorkspace(p) => Some(p.as_str()),
            AppError::UnknownAgency(a) => Some(a.as_str()),
            AppError::Storage(d) | AppError::Document(d) | AppError::NotHeld(d) => Some(d),
        }
    }
}
