//! What can go wrong while the server runs (its store, its accounts, its own key), apart from
//! the command line's [`crate::CliError`]: a running server reports these in its log and to the
//! laptop as a status, never as a CLI message.

use crate::backend::BackendError;
use std::path::PathBuf;

/// The operating system gave no randomness (for codes, tokens and keys).
#[derive(Debug, thiserror::Error)]
#[error("no randomness from the operating system: {0}")]
pub struct NoRandomness(pub getrandom::Error);

/// An error of the running server.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The store failed.
    #[error("store: {0}")]
    Backend(#[from] BackendError),
    /// A file of the data directory could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Stored JSON (accounts, the server's key) does not read.
    #[error("stored JSON does not read: {0}")]
    Json(#[from] serde_json::Error),
    /// The store holds no workspace.
    #[error("the store holds no workspace; `tiendo migrate --from DIR --to URL` moves a data directory into it")]
    EmptyStore,
    /// A stored document does not read as its kind.
    #[error("document {id}: {source}")]
    Unreadable {
        /// The document.
        id: String,
        /// Why.
        source: Box<tiendo_core::schema::DocError>,
    },
    /// The built-in plan could not be made.
    #[error(transparent)]
    Builtin(#[from] tiendo_core::builtin::BuiltinError),
    /// The workspace names no provincial office, whose device the server is.
    #[error("the workspace names no provincial office")]
    NoOffice,
    /// The server's key does not read.
    #[error("the server's key ({0}) is damaged")]
    DamagedKey(&'static str),
    /// No randomness.
    #[error(transparent)]
    Random(#[from] NoRandomness),
}

impl ServeError {
    /// An I/O error on a path.
    pub fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> ServeError {
        let path = path.into();
        move |source| ServeError::Io { path, source }
    }
}
