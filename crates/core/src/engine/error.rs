//! What went wrong below the page, typed, for the page to say in the user's language: a sentence
//! of its own, with the lower layer's words only as detail in brackets (never shown raw).

use crate::schema::DocError;
use crate::storage::{StorageError, StoreError};

/// An error of the app's state and storage layers.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub enum EngineError {
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
    UnknownAgency(crate::ids::AgencyId),
    /// No workspace of this plan on this laptop (made here from an imported plan).
    #[error("no workspace for plan {0} on this laptop")]
    NoWorkspace(crate::ids::PlanId),
    /// No workspace at all on this laptop yet (nothing synced, no file imported).
    #[error("no workspace on this laptop")]
    NoWorkspaceHere,
    /// No credential for the server this laptop joined: it must join again.
    #[error("no credential for this server")]
    NoCredential,
    /// An import was asked for with no checked file waiting (it was imported, or another file
    /// was checked since).
    #[error("no checked file waits to be imported")]
    NothingToImport,
    /// The engine gave no answer to a request, or not the one asked for (it stopped, or is of
    /// another version): what it answered.
    #[error("the engine did not answer: {0}")]
    Unanswered(String),
    /// The sync engine does not hold the document.
    #[error("document {0} is not held")]
    NotHeld(String),
    /// A view or a file of the office could not be made (a period or an agency the plan does
    /// not have).
    #[error("export: {0}")]
    Export(String),
}

impl From<crate::office::ExportError> for EngineError {
    fn from(e: crate::office::ExportError) -> Self {
        EngineError::Export(e.to_string())
    }
}

impl From<StoreError> for EngineError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Doc(d) => EngineError::Document(d.to_string()),
            other => EngineError::Storage(other.to_string()),
        }
    }
}

impl From<StorageError> for EngineError {
    fn from(e: StorageError) -> Self {
        EngineError::Storage(e.to_string())
    }
}

impl From<DocError> for EngineError {
    fn from(e: DocError) -> Self {
        EngineError::Document(e.to_string())
    }
}

impl From<automerge::AutomergeError> for EngineError {
    fn from(e: automerge::AutomergeError) -> Self {
        EngineError::Document(e.to_string())
    }
}

/// The lower layer's words as a document's problem: a key, an id, a draft or the built-in plan
/// that does not read.
macro_rules! document_error {
    ($($t:ty),*) => {$(
        impl From<$t> for EngineError {
            fn from(e: $t) -> Self {
                EngineError::Document(e.to_string())
            }
        }
    )*};
}
document_error!(
    crate::storage::KeyError,
    crate::ids::IdError,
    crate::storage::DraftError,
    crate::builtin::BuiltinError
);

impl EngineError {
    /// The translation key of its sentence.
    pub fn key(&self) -> &'static str {
        match self {
            EngineError::NotOpen => "error.not_open",
            EngineError::Storage(_) => "error.storage",
            EngineError::Document(_) => "error.document",
            EngineError::NotHeld(_) => "error.not_held",
            EngineError::UnknownAgency(_) => "error.unknown_agency",
            EngineError::NoWorkspace(_) => "error.no_workspace",
            EngineError::NoCredential => "error.no_credential",
            EngineError::NoWorkspaceHere => "error.no_workspace_here",
            EngineError::NothingToImport => "error.nothing_to_import",
            EngineError::Unanswered(_) => "error.unanswered",
            EngineError::Export(_) => "error.export",
        }
    }

    /// The lower layer's words, shown in brackets after the sentence.
    pub fn detail(&self) -> Option<&str> {
        match self {
            EngineError::NotOpen
            | EngineError::NoCredential
            | EngineError::NoWorkspaceHere
            | EngineError::NothingToImport => None,
            EngineError::NoWorkspace(p) => Some(p.as_str()),
            EngineError::UnknownAgency(a) => Some(a.as_str()),
            EngineError::Storage(d)
            | EngineError::Document(d)
            | EngineError::NotHeld(d)
            | EngineError::Unanswered(d)
            | EngineError::Export(d) => Some(d),
        }
    }
}
