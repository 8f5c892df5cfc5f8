//! Errors of the CLI and server, each with the value that caused it.

use std::path::PathBuf;

/// Everything that can go wrong in a `tiendo` command.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The data directory holds no workspace yet.
    #[error("{0} holds no workspace; run `tiendo init --data {0}` first")]
    NotInitialised(PathBuf),
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A stored document could not be read.
    #[error("{path}: {source}")]
    Doc {
        /// The file.
        path: PathBuf,
        /// The cause (boxed: it is large and rare).
        source: Box<tiendo_core::schema::DocError>,
    },
    /// The built-in data is broken (a build defect).
    #[error(transparent)]
    Builtin(#[from] tiendo_core::builtin::BuiltinError),
    /// A plan text could not be read.
    #[error("{path}: {source}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: tiendo_core::parse::ParseError,
    },
    /// A plan file that is not text or a readable `.docx` (a PDF, a damaged file, a code page).
    #[error("{path}: {source}")]
    PlanFile {
        /// The file.
        path: PathBuf,
        /// Why it cannot be read.
        source: tiendo_core::parse::docx::DocxError,
    },
    /// The address to listen on is taken or invalid.
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        /// The address.
        addr: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The dist directory holds no built app.
    #[error("{0} has no index.html; build the app first (scripts/run.sh does)")]
    NoDist(PathBuf),
    /// The operating system gave no randomness.
    #[error(transparent)]
    Random(#[from] crate::serve_error::NoRandomness),
    /// The running server's store, accounts or key.
    #[error(transparent)]
    Serve(#[from] crate::serve_error::ServeError),
    /// The agency is not in the workspace.
    #[error("no agency {0} in the workspace; `tiendo agency list` shows their ids")]
    UnknownAgency(String),
    /// The registry refused a change; nothing was changed.
    #[error("{0}; nothing was changed")]
    Registry(#[from] tiendo_core::model::RegistryError),
    /// A sync file was refused; nothing was changed.
    #[error("{path}: refused: {reason}; nothing was changed")]
    FileRefused {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// `tiendo serve` holds the data directory.
    #[error(
        "{0} is in use by a running `tiendo serve`; stop the server first (or do it in the app); nothing was changed"
    )]
    ServerRunning(PathBuf),
    /// Next year's plan could not be made from last year's; nothing was changed.
    #[error("{0}; nothing was changed")]
    NextYear(#[from] tiendo_core::office::next_year::NextYearError),
    /// An agency's reports could not be read, so what it finished cannot be judged.
    #[error("the reports of {agency} cannot be read ({why}); nothing was changed")]
    UnreadableReports {
        /// The agency.
        agency: tiendo_core::ids::AgencyId,
        /// Why.
        why: String,
    },
    /// The workspace has no such plan.
    #[error("the workspace has no plan {0}; `tiendo plan list` lists them")]
    UnknownPlan(String),
    /// The workspace already holds this plan.
    #[error("the workspace already holds plan {0}")]
    PlanExists(String),
    /// `init` on a directory that already holds a workspace.
    #[error("{0} already holds a workspace; `tiendo plan add FILE` adds a plan to it")]
    AlreadyInitialised(PathBuf),
    /// The plan has no such task.
    #[error("the plan has no task {0}; `tiendo plan show` lists them")]
    UnknownTask(String),
    /// The plan has no such period.
    #[error("the plan has no period {0}; `tiendo plan show` lists them")]
    UnknownPeriod(String),
    /// A date could not be read.
    #[error("{0}")]
    BadDay(String),
    /// An export could not be written.
    #[error("{0}")]
    Export(String),
    /// A command that works on a data directory only was given `--store`.
    #[error("`tiendo {0}` works on a data directory, not on PostgreSQL yet: `tiendo backup --store …` and `restore --data …` move the workspace to one")]
    DataDirOnly(&'static str),
    /// A backup file does not read.
    #[error("{path}: not a Tiến độ backup ({why}); nothing was changed")]
    BadBackup {
        /// The file.
        path: PathBuf,
        /// Why.
        why: String,
    },
    /// A migration's target already holds a workspace.
    #[error("the store already holds a workspace; nothing was moved")]
    StoreNotEmpty,
    /// A stored document does not read as its kind.
    #[error("document {id}: {source}")]
    Unreadable {
        /// The document.
        id: String,
        /// Why.
        source: Box<tiendo_core::schema::DocError>,
    },
    /// JSON output failed.
    #[error("could not write JSON: {0}")]
    Json(#[from] serde_json::Error),
}

impl CliError {
    /// An I/O error on a path.
    pub fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> CliError {
        let path = path.into();
        move |source| CliError::Io { path, source }
    }
}
