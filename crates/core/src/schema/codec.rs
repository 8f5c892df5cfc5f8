//! Reading and writing documents, with checks of kind and version before any hydration.

use super::document::Document;
use super::SCHEMA_VERSION;
use automerge::{AutoCommit, ReadDoc};

/// Why bytes or a document could not be read as a document of the expected kind.
#[derive(Debug, thiserror::Error)]
pub enum DocError {
    /// The bytes are not an Automerge document (corrupt or truncated).
    #[error("not an Automerge document: {0}")]
    Corrupt(#[from] automerge::AutomergeError),
    /// The document has no `kind` field (empty, or not ours).
    #[error("the document has no kind; expected {expected}")]
    NoKind {
        /// The kind expected.
        expected: &'static str,
    },
    /// The document is of another kind.
    #[error("the document is a {found}, expected {expected}")]
    WrongKind {
        /// The kind found.
        found: String,
        /// The kind expected.
        expected: &'static str,
    },
    /// The document was written by a newer version of Tiến độ.
    #[error("the document has schema version {found}; this version reads up to {supported}")]
    NewerSchema {
        /// The version found.
        found: u64,
        /// The newest this build reads.
        supported: u32,
    },
    /// The document's fields do not match the schema.
    #[error("the document does not match the schema: {0}")]
    Shape(#[from] autosurgeon::HydrateError),
    /// Writing the value into the document failed.
    #[error("could not write the document: {0}")]
    Reconcile(#[from] autosurgeon::ReconcileError),
}

/// Reads a typed document from an Automerge document, checking kind and version first.
pub fn read<T: Document, D: ReadDoc + autosurgeon::ReadDoc>(doc: &D) -> Result<T, DocError> {
    let kind = match ReadDoc::get(doc, automerge::ROOT, "kind")? {
        Some((automerge::Value::Scalar(s), _)) => match s.as_ref() {
            automerge::ScalarValue::Str(k) => k.to_string(),
            _ => return Err(DocError::NoKind { expected: T::KIND }),
        },
        _ => return Err(DocError::NoKind { expected: T::KIND }),
    };
    if kind != T::KIND {
        return Err(DocError::WrongKind { found: kind, expected: T::KIND });
    }
    if let Some((automerge::Value::Scalar(s), _)) = ReadDoc::get(doc, automerge::ROOT, "schema_version")? {
        let found = match s.as_ref() {
            automerge::ScalarValue::Uint(v) => *v,
            automerge::ScalarValue::Int(v) => u64::try_from(*v).unwrap_or(u64::MAX),
            _ => u64::MAX,
        };
        if found > u64::from(SCHEMA_VERSION) {
            return Err(DocError::NewerSchema { found, supported: SCHEMA_VERSION });
        }
    }
    Ok(autosurgeon::hydrate(doc)?)
}

/// Loads a typed document from saved bytes. Empty bytes are refused (Automerge would accept them
/// as an empty document).
pub fn load<T: Document>(bytes: &[u8]) -> Result<(AutoCommit, T), DocError> {
    if bytes.is_empty() {
        return Err(DocError::NoKind { expected: T::KIND });
    }
    let doc = AutoCommit::load(bytes)?;
    let value = read::<T, _>(&doc)?;
    Ok((doc, value))
}

/// Writes `value` into `doc` as a minimal diff against what is there.
pub fn write<T: Document>(doc: &mut AutoCommit, value: &T) -> Result<(), DocError> {
    autosurgeon::reconcile(doc, value)?;
    Ok(())
}

/// A new document holding `value`.
pub fn create<T: Document>(value: &T) -> Result<AutoCommit, DocError> {
    let mut doc = AutoCommit::new();
    write(&mut doc, value)?;
    Ok(doc)
}
