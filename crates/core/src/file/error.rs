//! Why a sync file was refused. Each refusal leaves the local data as it was.

/// Why a sync file cannot be imported (or read at all).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    /// Zero bytes.
    #[error("the file is empty")]
    Empty,
    /// Over the size cap (checked before anything is read).
    #[error("the file has {size} bytes; at most {max} are accepted")]
    TooLarge {
        /// Its size.
        size: u64,
        /// The cap.
        max: u64,
    },
    /// Not a Tiến độ sync file.
    #[error("not a Tiến độ sync file")]
    NotASyncFile,
    /// Made by a newer version of Tiến độ.
    #[error("sync file format {found}; this version reads up to {supported}")]
    NewerFormat {
        /// The version in the file.
        found: u16,
        /// The newest this build reads.
        supported: u16,
    },
    /// Ends before its parts do.
    #[error("the file is cut short (truncated)")]
    Truncated,
    /// The manifest does not read.
    #[error("the file's manifest is damaged: {0}")]
    BadManifest(String),
    /// No valid signature of the named device.
    #[error("the signature does not match the file (damaged or altered)")]
    BadSignature,
    /// Signed by a device the workspace does not list, or lists without a key.
    #[error("signed by device {0}, which is not registered in this workspace")]
    UnknownSigner(String),
    /// Signed by a device of an agency the office has retired or merged into another.
    #[error("signed by device {device} of agency {agency}, which has ended (retired or merged)")]
    SignerEnded {
        /// The device.
        device: String,
        /// Its agency.
        agency: String,
    },
    /// For another workspace.
    #[error("the file is for workspace {found}, not {expected}")]
    OtherWorkspace {
        /// The file's workspace.
        found: String,
        /// This one.
        expected: String,
    },
    /// A document's bytes do not match the manifest's hash.
    #[error("document {0} does not match its hash in the manifest")]
    HashMismatch(String),
    /// The bytes under an id are another document (or not a document).
    #[error("the bytes given as {doc} are not that document: {reason}")]
    NotThatDocument {
        /// The id claimed.
        doc: String,
        /// Why not.
        reason: String,
    },
    /// The signer's agency may not bring changes to this document.
    #[error("{agency} may not bring changes to {doc}")]
    NotAllowed {
        /// The document.
        doc: String,
        /// The signer's agency.
        agency: String,
    },
    /// A change's author may not write the document.
    #[error(transparent)]
    Refused(#[from] crate::sync::Refusal),
    /// A receipt where an export was expected, or the other way round.
    #[error("this is a {found} file, not a {expected} file")]
    WrongKind {
        /// What the file is.
        found: String,
        /// What was expected.
        expected: String,
    },
}

impl FileError {
    /// The translation key of the message shown in the app.
    pub fn key(&self) -> &'static str {
        match self {
            FileError::Empty => "file.error.empty",
            FileError::TooLarge { .. } => "file.error.large",
            FileError::NotASyncFile => "file.error.foreign",
            FileError::NewerFormat { .. } => "file.error.newer",
            FileError::Truncated => "file.error.truncated",
            FileError::BadManifest(_) | FileError::BadSignature | FileError::HashMismatch(_) => "file.error.damaged",
            FileError::UnknownSigner(_) => "file.error.signer",
            FileError::SignerEnded { .. } => "file.error.signer_ended",
            FileError::OtherWorkspace { .. } => "file.error.workspace",
            FileError::NotThatDocument { .. } => "file.error.not_that",
            FileError::NotAllowed { .. } | FileError::Refused(_) => "file.error.rights",
            FileError::WrongKind { .. } => "file.error.kind",
        }
    }
}
